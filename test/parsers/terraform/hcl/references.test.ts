import { describe, expect, it } from 'vitest';
import type { ScopeTraversalExpr } from '../../../../src/parsers/terraform/hcl/index.js';
import { references } from '../../../../src/parsers/terraform/hcl/index.js';
import { cols, expr } from './helpers.js';

function names(refs: ScopeTraversalExpr[]): string[] {
  return refs.map((r) => [r.root, ...r.steps.map((s) => (s.type === 'attr' ? s.name : `[${JSON.stringify(s.key)}]`))].join('.'));
}

describe('references', () => {
  it('lists every variable reference in source order, as the traversal nodes themselves', () => {
    const refs = references(expr('merge(var.a, { k = local.b["x"], (var.key) = 1 }, data.d.e[*].f, f(x).y)'));
    expect(names(refs)).toEqual(['var.a', 'local.b.["x"]', 'var.key', 'data.d.e', 'x']);
    expect(refs[0]).toMatchObject({ kind: 'scopeTraversal', root: 'var', range: cols(11, 16) });
  });

  it('does not count names bound by for expressions, honouring shadowing', () => {
    expect(names(references(expr('[for i, x in var.list : x.id if i < local.max]')))).toEqual(['var.list', 'local.max']);
    expect(names(references(expr('{for k, v in var.m : k => [for v in v : v]}')))).toEqual(['var.m']);
    expect(names(references(expr('[for a in b : [for b in a : b]]')))).toEqual(['b']);
  });

  it('does not count literal object keys, but counts keys that are expressions', () => {
    expect(names(references(expr('{ name = 1, a.b = 2, (c) = 3, "d" = e }')))).toEqual(['a.b', 'c', 'e']);
  });

  it('finds references inside templates and binds %{for} variables', () => {
    expect(
      names(references(expr('"${var.a}-%{for k, v in var.m}${k}${v.x}${var.n}%{endfor}%{if local.on}y%{else}${var.z}%{endif}"'))),
    ).toEqual(['var.a', 'var.m', 'var.n', 'local.on', 'var.z']);
  });

  it('finds references in every kind of expression', () => {
    const refs = references(expr('!a ? -b + c[d] : (e).f[g] == h.*.i ? j[*].k[l] : m'));
    expect(names(refs)).toEqual(['a', 'b', 'c', 'd', 'e', 'g', 'h', 'j', 'l', 'm']);
    expect(references(expr('"plain"'))).toEqual([]);
    expect(references(expr('[1, true, null]'))).toEqual([]);
  });
});
