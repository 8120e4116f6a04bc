import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../../src/parsers/terraform/hcl/index.js';
import { objectKeyName } from '../../../../src/parsers/terraform/hcl/index.js';
import { cols, expr, parseValid, pos, range } from './helpers.js';

/** Fully parenthesised form, to assert precedence and associativity compactly. */
function tree(e: Expression): string {
  switch (e.kind) {
    case 'literal':
      return e.raw ?? String(e.value);
    case 'scopeTraversal':
      return [e.root, ...e.steps.map((s) => (s.type === 'attr' ? s.name : `[${JSON.stringify(s.key)}]`))].join('.');
    case 'binary':
      return `(${tree(e.left)} ${e.op} ${tree(e.right)})`;
    case 'unary':
      return `(${e.op}${tree(e.operand)})`;
    case 'conditional':
      return `(${tree(e.condition)} ? ${tree(e.trueExpr)} : ${tree(e.falseExpr)})`;
    case 'parens':
      return `[${tree(e.expr)}]`;
    default:
      return e.kind;
  }
}

describe('parseHcl: literal values', () => {
  it('parses numbers keeping their source text, and true, false, null', () => {
    expect(expr('42')).toEqual({ kind: 'literal', value: 42, raw: '42', range: cols(5, 7) });
    expect(expr('1.5e3')).toEqual({ kind: 'literal', value: 1500, raw: '1.5e3', range: cols(5, 10) });
    expect(expr('25E-2')).toMatchObject({ value: 0.25, raw: '25E-2' });
    expect(expr('007')).toMatchObject({ value: 7, raw: '007' });
    expect(expr('true')).toEqual({ kind: 'literal', value: true, range: cols(5, 9) });
    expect(expr('false')).toEqual({ kind: 'literal', value: false, range: cols(5, 10) });
    expect(expr('null')).toEqual({ kind: 'literal', value: null, range: cols(5, 9) });
  });
});

describe('parseHcl: traversals', () => {
  it('exposes the root name and attribute steps of a reference', () => {
    expect(expr('aws_s3_bucket.b.arn')).toEqual({
      kind: 'scopeTraversal',
      root: 'aws_s3_bucket',
      rootRange: cols(5, 18),
      steps: [
        { type: 'attr', name: 'b', range: cols(18, 20) },
        { type: 'attr', name: 'arn', range: cols(20, 24) },
      ],
      range: cols(5, 24),
    });
  });

  it('turns constant indexes, including the legacy .0 form, into index steps', () => {
    expect(expr('local.tags["env"]')).toEqual({
      kind: 'scopeTraversal',
      root: 'local',
      rootRange: cols(5, 10),
      steps: [
        { type: 'attr', name: 'tags', range: cols(10, 15) },
        { type: 'index', key: 'env', range: cols(15, 22) },
      ],
      range: cols(5, 22),
    });
    expect(expr('a[0].b')).toMatchObject({
      steps: [
        { type: 'index', key: 0, range: cols(6, 9) },
        { type: 'attr', name: 'b', range: cols(9, 11) },
      ],
    });
    expect(expr('a.0.b')).toMatchObject({
      root: 'a',
      steps: [
        { type: 'index', key: 0, range: cols(6, 8) },
        { type: 'attr', name: 'b', range: cols(8, 10) },
      ],
    });
    expect(expr('a[\n  1\n]')).toMatchObject({ steps: [{ type: 'index', key: 1 }] });
  });

  it('keeps a non-constant index as an index expression', () => {
    const e = expr('a.b[var.i].c');
    expect(e).toEqual({
      kind: 'relativeTraversal',
      source: {
        kind: 'index',
        collection: {
          kind: 'scopeTraversal',
          root: 'a',
          rootRange: cols(5, 6),
          steps: [{ type: 'attr', name: 'b', range: cols(6, 8) }],
          range: cols(5, 8),
        },
        key: {
          kind: 'scopeTraversal',
          root: 'var',
          rootRange: cols(9, 12),
          steps: [{ type: 'attr', name: 'i', range: cols(12, 14) }],
          range: cols(9, 14),
        },
        range: cols(5, 15),
      },
      steps: [{ type: 'attr', name: 'c', range: cols(15, 17) }],
      range: cols(5, 17),
    });
  });

  it('applies steps to other expressions as relative traversals', () => {
    expect(expr('f(x).id')).toMatchObject({
      kind: 'relativeTraversal',
      source: { kind: 'functionCall', name: 'f', range: cols(5, 9) },
      steps: [{ type: 'attr', name: 'id', range: cols(9, 12) }],
      range: cols(5, 12),
    });
    expect(expr('(a).b[0]')).toMatchObject({
      kind: 'relativeTraversal',
      source: { kind: 'parens', range: cols(5, 8) },
      steps: [
        { type: 'attr', name: 'b' },
        { type: 'index', key: 0 },
      ],
    });
  });

  it('parses attribute-only and full splats with the element placeholder at the root of each', () => {
    expect(expr('a.*.b')).toEqual({
      kind: 'splat',
      source: { kind: 'scopeTraversal', root: 'a', rootRange: cols(5, 6), steps: [], range: cols(5, 6) },
      each: {
        kind: 'relativeTraversal',
        source: { kind: 'splatItem', range: cols(6, 8) },
        steps: [{ type: 'attr', name: 'b', range: cols(8, 10) }],
        range: cols(6, 10),
      },
      attrOnly: true,
      range: cols(5, 10),
    });
    expect(expr('a[*].b[0]')).toMatchObject({
      kind: 'splat',
      attrOnly: false,
      each: {
        kind: 'relativeTraversal',
        source: { kind: 'splatItem', range: cols(6, 9) },
        steps: [
          { type: 'attr', name: 'b' },
          { type: 'index', key: 0 },
        ],
      },
      range: cols(5, 14),
    });
    expect(expr('a.*')).toMatchObject({ kind: 'splat', each: { kind: 'splatItem', range: cols(6, 8) }, range: cols(5, 8) });
    // The index after an attribute-only splat applies to the result, not to each element.
    expect(expr('a.*.b[0]')).toMatchObject({ kind: 'relativeTraversal', source: { kind: 'splat', attrOnly: true } });
  });
});

describe('parseHcl: function calls', () => {
  it('parses arguments, expansion and provider-namespaced names', () => {
    expect(expr('lookup(var.m, "k", 1)')).toMatchObject({
      kind: 'functionCall',
      name: 'lookup',
      nameRange: cols(5, 11),
      args: [{ kind: 'scopeTraversal', root: 'var' }, { kind: 'template' }, { kind: 'literal', value: 1 }],
      expandFinal: false,
      range: cols(5, 26),
    });
    expect(expr('min(var.l...)')).toMatchObject({ kind: 'functionCall', name: 'min', expandFinal: true, args: [{ root: 'var' }] });
    expect(expr('provider::aws::arn_parse(x)')).toMatchObject({
      kind: 'functionCall',
      name: 'provider::aws::arn_parse',
      nameRange: cols(5, 29),
      range: cols(5, 32),
    });
    expect(expr('f()')).toMatchObject({ kind: 'functionCall', args: [], range: cols(5, 8) });
  });

  it('ignores newlines inside the parentheses and allows a trailing comma', () => {
    const e = expr('concat(\n  [1],\n  [2],\n)');
    expect(e).toMatchObject({ kind: 'functionCall', args: [{ kind: 'tuple' }, { kind: 'tuple' }] });
    expect(e.range).toEqual(range(pos(1, 5, 4), pos(4, 2, 27)));
  });
});

describe('parseHcl: operators', () => {
  it('applies HCL precedence: || < && < ==,!= < comparisons < +,- < *,/,%', () => {
    expect(tree(expr('1 + 2 * 3 - 4 / 5 % 6 == 7 && !b || c'))).toBe(
      '(((((1 + (2 * 3)) - ((4 / 5) % 6)) == 7) && (!b)) || c)',
    );
    expect(tree(expr('a < b == c >= d'))).toBe('((a < b) == (c >= d))');
    expect(tree(expr('a || b && c != d'))).toBe('(a || (b && (c != d)))');
  });

  it('associates binary operators to the left', () => {
    expect(tree(expr('a - b - c'))).toBe('((a - b) - c)');
    expect(tree(expr('a / b * c'))).toBe('((a / b) * c)');
  });

  it('binds unary operators tighter than binary ones, to a whole traversal', () => {
    expect(tree(expr('-a.b + 1'))).toBe('((-a.b) + 1)');
    expect(tree(expr('- -1'))).toBe('(-(-1))');
    expect(expr('!var.on')).toMatchObject({ kind: 'unary', op: '!', operand: { root: 'var' }, range: cols(5, 12) });
  });

  it('parses conditionals right-nested and parentheses as their own node', () => {
    expect(tree(expr('a ? b : c ? d : e'))).toBe('(a ? b : (c ? d : e))');
    expect(tree(expr('(1 + 2) * 3'))).toBe('([(1 + 2)] * 3)');
    expect(expr('a == 1 ? "x" : "y"')).toMatchObject({ kind: 'conditional', range: cols(5, 23) });
    expect(tree(expr('(\n  a\n  +\n  b\n)'))).toBe('[(a + b)]');
  });
});

describe('parseHcl: collections', () => {
  it('parses tuples with a trailing comma and newlines between items', () => {
    const e = expr('[1, "two",\n  [3],\n]');
    expect(e).toMatchObject({ kind: 'tuple', items: [{ kind: 'literal' }, { kind: 'template' }, { kind: 'tuple' }] });
    expect(e.range).toEqual(range(pos(1, 5, 4), pos(3, 2, 23)));
    expect(expr('[]')).toEqual({ kind: 'tuple', items: [], range: cols(5, 7) });
  });

  it('parses object items separated by newlines or commas, with = or :', () => {
    const e = expr('{\n  a = 1, "b" = 2\n  c: 3\n  (d) = 4\n  e.f = 5\n}');
    if (e.kind !== 'object') throw new Error(e.kind);
    expect(e.items.map((item) => [item.key.kind, objectKeyName(item), item.range.start.line, item.range.start.column])).toEqual([
      ['scopeTraversal', 'a', 2, 3],
      ['template', undefined, 2, 10],
      ['scopeTraversal', 'c', 3, 3],
      ['parens', undefined, 4, 3],
      ['scopeTraversal', undefined, 5, 3],
    ]);
    expect(e.items[0]).toEqual({
      key: { kind: 'scopeTraversal', root: 'a', rootRange: range(pos(2, 3, 8), pos(2, 4, 9)), steps: [], range: range(pos(2, 3, 8), pos(2, 4, 9)) },
      value: { kind: 'literal', value: 1, raw: '1', range: range(pos(2, 7, 12), pos(2, 8, 13)) },
      range: range(pos(2, 3, 8), pos(2, 8, 13)),
    });
    expect(expr('{}')).toEqual({ kind: 'object', items: [], range: cols(5, 7) });
  });

  it('parses tuple and object for expressions', () => {
    expect(expr('[for i, v in var.l : v.name if i < 3]')).toMatchObject({
      kind: 'for',
      isObject: false,
      keyVar: 'i',
      valueVar: 'v',
      collection: { root: 'var', range: cols(18, 23) },
      keyExpr: null,
      valueExpr: { root: 'v', range: cols(26, 32) },
      condition: { kind: 'binary', op: '<' },
      group: false,
      range: cols(5, 42),
    });
    expect(expr('{for k, v in var.m : k => v...}')).toMatchObject({
      kind: 'for',
      isObject: true,
      keyVar: 'k',
      valueVar: 'v',
      keyExpr: { root: 'k' },
      valueExpr: { root: 'v' },
      condition: null,
      group: true,
      range: cols(5, 36),
    });
    expect(expr('{\n  for s in var.l :\n  s => upper(s)\n}')).toMatchObject({ kind: 'for', keyVar: null, valueVar: 's', isObject: true });
  });
});

describe('parseHcl: the range of every node covers its source text', () => {
  it('slices back to the expression source', () => {
    const text = 'v = merge(local.a, { k = [for x in y : "${x}-%{if z}1%{endif}"] }, a.*.b[0])\n';
    const body = parseValid(text);
    const e = body.attributes[0].expr;
    expect(text.slice(e.range.start.offset, e.range.end.offset)).toBe(text.slice(4, -1));
  });
});
