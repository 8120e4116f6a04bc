import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../../src/model/json.js';
import type { Pos } from '../../../../src/parsers/terraform/hcl/index.js';
import { parseHcl, references, toJsonProjection } from '../../../../src/parsers/terraform/hcl/index.js';
import { mutate, type Mutation } from '../../../fuzz/settings.js';
import { FIXTURES } from '../../../helpers/paths.js';
import { projectLikeHcl2Parser } from './helpers.js';

const require = createRequire(import.meta.url);
const hcl2Parser = require('hcl2-parser') as { parseToObject(input: string): [JsonValue, unknown] };

const numRuns = Number(process.env.FUZZ_RUNS ?? 300);
const settings = { seed: Number(process.env.FUZZ_SEED ?? 42), numRuns };
/** `npm run fuzz` raises FUZZ_RUNS; give the tests time in proportion. */
const timeout = Math.max(60_000, numRuns * 200);

/** Line and column of an offset, computed independently of the lexer: lines end at \n, a BOM is not a column. */
function positionFinder(text: string): (offset: number) => { line: number; column: number } {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lineStarts = [bom];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    return { line: line + 1, column: offset - Math.min(lineStarts[line], offset) + 1 };
  };
}

/** Every range in the tree lies inside the text, is ordered, and its line/column agree with its offset. */
function checkRanges(root: object, text: string): void {
  const seen = new Set<object>();
  const problems: string[] = [];
  const positionOf = positionFinder(text);
  const check = (p: Pos): void => {
    const expected = positionOf(p.offset);
    if (p.offset < 0 || p.offset > text.length || p.line !== expected.line || p.column !== expected.column) {
      problems.push(`${JSON.stringify(p)} should be ${JSON.stringify(expected)}`);
    }
  };
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if ('start' in value && 'end' in value) {
      const { start, end } = value as { start: Pos; end: Pos };
      if (start.offset > end.offset) problems.push(`range ${JSON.stringify(value)} ends before it starts`);
      check(start);
      check(end);
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(root);
  expect(problems).toEqual([]);
}

/** Parsing, projecting and collecting references never throw; diagnostics and ranges are well-formed. */
function checkAnyInput(text: string): void {
  const result = parseHcl(text, 'fuzz.tf');
  for (const d of result.diagnostics) {
    expect(d.code).toBe('hcl-syntax');
    expect(d.file).toBe('fuzz.tf');
    if (d.line !== undefined) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
  }
  checkRanges(result.body, text);
  toJsonProjection(result.body, text);
  for (const attribute of result.body.attributes) references(attribute.expr);
}

const TOKENS = [
  'a', 'b.c', 'x', '=', '{', '}', '[', ']', '(', ')', ',', '.', '..', '...', '*', '?', ':', '::', '=>', '+', '-', '!',
  '&&', '||', '==', '<', '<<', '%', '"', '"s"', '${', '%{', '~}', '}', 'if', 'else', 'endif', 'for', 'in', 'endfor',
  '1', '1.5e3', '0.', 'true', 'null', '#c', '//c', '/*', '*/', '\n', '\r\n', ' ', '\t', '<<EOF\n', '<<-EOF\n', 'EOF',
  '\\', '\\u', '$${', '%%{', '\uFEFF', '\u0000', 'é', '😀', '\uFFFD',
];

const SNIPPETS = [
  readFileSync(`${FIXTURES}/hcl/constructs.tf`, 'utf8'),
  readFileSync(`${FIXTURES}/hcl/crlf-bom-tabs.tf`, 'utf8'),
  'resource "a" "b" {\n  x = [for k, v in var.m : "${k}=${v}" if v != null]\n  y = { a = 1, "b" = f(x...) }\n}\n',
  'locals {\n  s = <<-EOT\n    %{ for x in xs ~}\n    ${x}\n    %{~ endfor }\n  EOT\n}\n',
];

const mutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom<Mutation['kind']>('delete', 'insert', 'duplicate', 'replace'),
  length: fc.integer({ min: 1, max: 12 }),
  text: fc.constantFrom(...TOKENS),
});

describe('parseHcl: property-based robustness', () => {
  it('handles arbitrary Unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), checkAnyInput), settings);
  }, timeout);

  it('handles sequences of HCL tokens in any order', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }), (tokens) => checkAnyInput(tokens.join(''))), settings);
  }, timeout);

  it('handles mutated valid configurations', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SNIPPETS), fc.array(mutation, { minLength: 1, maxLength: 6 }), (text, mutations) =>
        checkAnyInput(mutate(text, mutations)),
      ),
      settings,
    );
  }, timeout);
});

// ---- generated well-formed configurations ----

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
interface GenBlockGroup {
  type: string;
  arity: number;
  instances: { labels: string[]; body: GenBody }[];
}
interface GenBody {
  attributes: [string, Value][];
  blocks: GenBlockGroup[];
}

const RESERVED = new Set(['for', 'null', 'true', 'false', 'in', 'if']);
const identifier = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,6}$/).filter((name) => !RESERVED.has(name));
const text = fc.string({ unit: 'binary', maxLength: 12 });

const { value } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(identifier, text), tie('value'), { maxKeys: 3 }),
  ),
}));

/** Bodies with blocks nested at most `depth` levels; each block type keeps one label count, as hcl2json requires. */
function bodyArbitrary(depth: number): fc.Arbitrary<GenBody> {
  const blockGroup = fc.integer({ min: 0, max: 2 }).chain((arity) =>
    fc.record({
      type: identifier,
      arity: fc.constant(arity),
      instances: fc.array(
        fc.record({
          labels: fc.array(fc.oneof(identifier, text), { minLength: arity, maxLength: arity }),
          body: bodyArbitrary(depth - 1),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
  );
  return fc.record({
    attributes: fc.uniqueArray(fc.tuple(identifier, value), { maxLength: 4, selector: ([name]) => name }),
    blocks: depth === 0 ? fc.constant([]) : fc.uniqueArray(blockGroup, { maxLength: 2, selector: (group) => group.type }),
  });
}

const body = bodyArbitrary(3);

function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out.replace(/([$%])\{/g, '$1$1{')}"`;
}

function numberSource(n: number): string {
  if (Object.is(n, -0)) return '0';
  return n < 0 ? `-${String(-n)}` : String(n);
}

function isIdentifier(key: string): boolean {
  return /^[a-z_][a-z0-9_-]*$/.test(key) && !RESERVED.has(key);
}

function render(v: Value, indent: string): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') return numberSource(v);
  if (typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return `[${v.map((item) => render(item, indent)).join(', ')}]`;
  const inner = `${indent}  `;
  const items = Object.entries(v).map(([k, item]) => `${inner}${isIdentifier(k) ? k : quote(k)} = ${render(item, inner)}`);
  return items.length === 0 ? '{}' : `{\n${items.join('\n')}\n${indent}}`;
}

function renderBody(b: GenBody, indent: string): string {
  const lines: string[] = [];
  for (const [name, v] of b.attributes) lines.push(`${indent}${name} = ${render(v, indent)}`);
  for (const group of b.blocks) {
    for (const instance of group.instances) {
      const labels = instance.labels.map((label) => ` ${isIdentifier(label) ? label : quote(label)}`).join('');
      const content = renderBody(instance.body, `${indent}  `);
      lines.push(`${indent}${group.type}${labels} {${content === '' ? '' : `\n${content}\n${indent}`}}`);
    }
  }
  return lines.join('\n');
}

/** A string value as HCL holds it (NFC, like every cty string) and as the projection writes it (`${` escaped). */
function expectedString(s: string): string {
  return s.normalize('NFC').replace(/([$%])\{/g, '$1$1{');
}

/** What the projection must be: JSON values as generated, strings as `expectedString`. */
function expectedValue(v: Value): JsonValue {
  if (typeof v === 'string') return expectedString(v);
  if (typeof v === 'number') return Number(numberSource(v));
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(expectedValue);
  const out: JsonObject = {};
  for (const [k, item] of Object.entries(v)) out[expectedString(k)] = expectedValue(item);
  return out;
}

function expectedBody(b: GenBody): JsonObject {
  const out: JsonObject = {};
  for (const group of b.blocks) {
    for (const instance of group.instances) {
      let target = out;
      let key = group.type;
      for (const label of instance.labels) {
        target[key] ??= {};
        target = target[key] as JsonObject;
        key = label;
      }
      target[key] ??= [];
      (target[key] as JsonValue[]).push(expectedBody(instance.body));
    }
  }
  for (const [name, v] of b.attributes) out[name] = expectedValue(v);
  return out;
}

describe('parseHcl: generated well-formed configurations', () => {
  it('round-trip to the expected JSON, and to what hcl2-parser produces', () => {
    fc.assert(
      fc.property(body, (generated) => {
        const source = `${renderBody(generated, '')}\n`;
        const result = parseHcl(source, 'generated.tf');
        expect(result.diagnostics).toEqual([]);
        expect(toJsonProjection(result.body, source)).toEqual(expectedBody(generated));
        const [oracle, error] = hcl2Parser.parseToObject(source);
        expect(error).toBeFalsy();
        expect(projectLikeHcl2Parser(result.body, source)).toEqual(oracle);
      }),
      settings,
    );
  }, timeout);
});

// ---- generated expressions, compared with hcl2-parser ----

const name = identifier.filter((n) => n !== 'provider');
const traversal = fc
  .tuple(name, fc.array(fc.oneof(name.map((n) => `.${n}`), fc.nat(9).map((i) => `[${i}]`), name.map((n) => `["${n}"]`)), { maxLength: 3 }))
  .map(([root, steps]) => root + steps.join(''));
const number = fc.oneof(fc.nat(1000).map(String), fc.constantFrom('1.5', '0.25', '1e3', '2.5E-2', '007'));
const literalText = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '-', '/', '.', 'é', '\\n', '\\"', '$$', '%%', '$${x}', '%%{y}'), maxLength: 6 });

/**
 * HCL expression source. Shapes hcl2-parser cannot convert are avoided: it panics on `null` interpolated
 * into a string and rejects `!`/`-` applied to a literal of the wrong type.
 */
const { expression } = fc.letrec<{ expression: string; stringPart: string; operand: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    number,
    fc.constantFrom('true', 'false', 'null'),
    traversal,
    tie('stringPart').map((s) => s),
    fc.tuple(name, fc.array(tie('expression'), { maxLength: 3 }), fc.boolean()).map(
      ([fn, args, expand]) => `${fn}(${args.join(', ')}${expand && args.length > 0 ? '...' : ''})`,
    ),
    fc.array(tie('expression'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc
      .array(fc.tuple(fc.oneof(name, literalText.map((t) => `"${t}"`), tie('operand').map((o) => `(${o})`)), tie('expression')), { maxLength: 3 })
      .map((items) => `{ ${items.map(([k, v]) => `${k} = ${v}`).join(', ')} }`),
    fc.tuple(tie('operand'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||'), tie('operand')).map(
      ([a, op, b]) => `${a} ${op} ${b}`,
    ),
    fc.tuple(fc.constantFrom('-', '!'), fc.oneof(traversal, tie('operand').map((o) => `(${o})`))).map(([op, o]) => `${op}${o}`),
    fc.constantFrom('-1', '-2.5', '!true', '!false'),
    fc.tuple(tie('operand'), tie('expression'), tie('expression')).map(([c, t, f]) => `${c} ? ${t} : ${f}`),
    tie('expression').map((e) => `(${e})`),
    fc.tuple(name, tie('operand'), tie('expression'), fc.boolean()).map(
      ([v, coll, body, filter]) => `[for ${v} in ${coll} : ${body}${filter ? ` if ${v} != null` : ''}]`,
    ),
    fc.tuple(name, name, tie('operand'), fc.boolean()).map(([k, v, coll, group]) => `{for ${k}, ${v} in ${coll} : ${k} => ${v}${group ? '...' : ''}}`),
    fc.tuple(traversal, fc.array(name, { maxLength: 2 }), fc.boolean()).map(
      ([src, attrs, full]) => `${src}${full ? '[*]' : '.*'}${attrs.map((a) => `.${a}`).join('')}`,
    ),
    fc.tuple(traversal, tie('operand')).map(([c, k]) => `${c}[${k}]`),
    // A heredoc ends with a newline, so it is parenthesised to be usable anywhere.
    fc.array(fc.oneof(literalText, tie('stringPart')), { maxLength: 3 }).map((lines) => `(<<-EOT\n  ${lines.join('\n  ')}\n  EOT\n)`),
  ),
  /** A term usable as an operand without extra parentheses. */
  operand: fc.oneof(number, traversal, fc.constantFrom('true', 'false'), tie('expression').map((e) => `(${e})`)),
  /** A quoted template: literal text, interpolations and directives. */
  stringPart: fc
    .array(
      fc.oneof(
        literalText,
        fc.oneof(number, traversal, fc.constantFrom('true', 'false'), tie('operand')).map((e) => `\${${e}}`),
        fc.tuple(tie('operand'), literalText, literalText).map(([c, t, f]) => `%{if ${c}}${t}%{else}${f}%{endif}`),
        fc.tuple(tie('operand'), fc.constantFrom('"x"', '1', 'a.b'), fc.constantFrom('""', '"y"', 'c')).map(([c, t, f]) => `\${${c} ? ${t} : ${f}}`),
        fc.tuple(name, traversal, fc.boolean()).map(([v, coll, strip]) => `%{for ${v} in ${coll}${strip ? ' ~' : ''}}[\${${v}}]%{${strip ? '~ ' : ''}endfor}`),
      ),
      { maxLength: 4 },
    )
    .map((parts) => `"${parts.join('')}"`),
}));

describe('toJsonProjection: generated expressions', () => {
  it('agrees with hcl2-parser on validity and projects every expression form exactly as it does', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.array(expression, { minLength: 1, maxLength: 3 }), (values) => {
        const source = `${values.map((v, i) => `a${i} = ${v}`).join('\n')}\n`;
        const [oracle, error] = hcl2Parser.parseToObject(source);
        const result = parseHcl(source, 'generated.tf');
        checkRanges(result.body, source);
        if (error) {
          expect(result.diagnostics.length).toBeGreaterThan(0);
          return;
        }
        valid++;
        expect(result.diagnostics).toEqual([]);
        expect(projectLikeHcl2Parser(result.body, source)).toEqual(oracle);
      }),
      settings,
    );
    // The generator is meant to produce valid HCL; rejections must stay the exception.
    expect(valid).toBeGreaterThan(numRuns * 0.9);
  }, timeout);
});
