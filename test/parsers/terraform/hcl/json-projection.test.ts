import { describe, expect, it } from 'vitest';
import { parseHcl, toJsonProjection } from '../../../../src/parsers/terraform/hcl/index.js';
import { numberText } from '../../../../src/parsers/terraform/hcl/json-projection.js';

function project(text: string): unknown {
  const result = parseHcl(text, 'p.tf');
  expect(result.diagnostics).toEqual([]);
  return toJsonProjection(result.body, text);
}

describe('toJsonProjection', () => {
  it('nests blocks by type and labels, with an array of bodies per label path', () => {
    expect(project('a "b" c { d = 1 }\na "b" c { d = 2 }\na "e" {}\nf {}\n')).toEqual({
      a: { b: { c: [{ d: 1 }, { d: 2 }] }, e: [{}] },
      f: [{}],
    });
  });

  it('lets an attribute replace a block of the same name, as hcl2json does', () => {
    expect(project('tags {}\ntags = 1\n')).toEqual({ tags: 1 });
  });

  it('keeps literals as JSON values and evaluates unary operators on literals', () => {
    expect(project('a = 1.5e3\nb = -2\nc = !true\nd = null\ne = [1, -0.5, false]\n')).toEqual({
      a: 1500,
      b: -2,
      c: false,
      d: null,
      e: [1, -0.5, false],
    });
  });

  it('wraps every other expression as "${source}"', () => {
    expect(
      project('a = f(x)\nb = (1)\nc = -x\nd = var.x[0]\ne = a ? b : c\nf = [for v in l : v]\ng = a.*.b\nh = 1 + 2\ni = - -1\n'),
    ).toEqual({
      a: '${f(x)}',
      b: '${(1)}',
      c: '${-x}',
      d: '${var.x[0]}',
      e: '${a ? b : c}',
      f: '${[for v in l : v]}',
      g: '${a.*.b}',
      h: '${1 + 2}',
      i: '${- -1}',
    });
  });

  it('renders templates: literals verbatim, interpolations as source, a sole interpolation as its value', () => {
    expect(
      project(
        [
          'a = "x ${ var.y } z"',
          'b = "${1}"',
          'c = "${[1, "two"]}"',
          'd = "${"s"}"',
          'e = "n=${1.5e3} b=${true}"',
          'f = "${var.whole}"',
          'g = "%{ if c ~} yes %{~ else }no%{ endif }"',
          'h = "%{for k, v in m}${k}=${v};%{endfor}"',
          'i = "outer ${"inner ${v}"}"',
        ].join('\n'),
      ),
    ).toEqual({
      a: 'x ${var.y} z',
      b: 1,
      c: [1, 'two'],
      d: 's',
      e: 'n=1500 b=true',
      f: '${var.whole}',
      g: '%{if c}yes%{else}no%{endif}',
      h: '%{for k, v in m}${k}=${v};%{endfor}',
      i: 'outer inner ${v}',
    });
  });

  it('renders a conditional interpolated into a string as an %{if} directive, as hcl2json does', () => {
    expect(project('a = "pre-${c ? "x" : "y"}"\nb = "pre-${c ? "x" : ""}"\nc = "pre-${c ? d : e}"\n')).toEqual({
      a: 'pre-%{if c}x%{else}y%{endif}',
      b: 'pre-%{if c}x%{endif}',
      c: 'pre-%{if c}${d}%{else}${e}%{endif}',
    });
  });

  it('keeps literal ${ and %{ escaped so the JSON reads back as the same HCL', () => {
    expect(project('a = "$${x} and %%{y}"\nb = <<EOT\n$${HOME}\nEOT\n')).toEqual({ a: '$${x} and %%{y}', b: '$${HOME}\n' });
  });

  it('applies heredoc indentation removal', () => {
    expect(project('a = <<-EOT\n    one\n      two\n    EOT\n')).toEqual({ a: 'one\n  two\n' });
  });

  it('renders object keys the way hcl2json does', () => {
    expect(project('o = {\n  plain = 1\n  "quoted" = 2\n  a.b = 3\n  (k) = 4\n  1 = 5\n  "${g}" = 6\n  "p${q}" = 7\n}\n')).toEqual({
      o: { plain: 1, quoted: 2, 'a.b': 3, '${(k)}': 4, '1': 5, '${g}': 6, 'p${q}': 7 },
    });
  });

  it('stores "__proto__" as an own key', () => {
    const json = project('__proto__ = 1\no = { "__proto__" = 2 }\nb "__proto__" {}\n') as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['b', '__proto__', 'o']);
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(JSON.stringify(json)).toBe('{"b":{"__proto__":[{}]},"__proto__":1,"o":{"__proto__":2}}');
  });
});

describe('numberText: a number in a string, as cty prints it', () => {
  it.each([
    ['0', '0'],
    ['007', '7'],
    ['1.50', '1.5'],
    ['1.5e3', '1500'],
    ['1.e5', '100000'],
    ['25E-2', '0.25'],
    ['1e-3', '0.001'],
    ['100', '100'],
    ['0.000', '0'],
    ['12345678901234567890', '12345678901234567890'],
  ])('%s → %s', (raw, text) => {
    expect(numberText(raw)).toBe(text);
  });
});
