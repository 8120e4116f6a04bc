import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../../src/model/json.js';
import type { Pos } from '../../../../src/parsers/terraform/hcl/index.js';
import { parseHcl, references, toJsonProjection } from '../../../../src/parsers/terraform/hcl/index.js';
import { FIXTURES } from '../../../helpers/paths.js';

const require = createRequire(import.meta.url);
const hcl2Parser = require('hcl2-parser') as { parseToObject(input: string): [JsonValue, unknown] };

const numRuns = Number(process.env.FUZZ_RUNS ?? 300);
const settings = { seed: 42, numRuns };

/** Line and column of an offset, computed independently of the lexer. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = bom;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - Math.max(lineStart, Math.min(offset, bom)) + 1 };
}

/** Every range in the tree lies inside the text, is ordered, and its line/column agree with its offset. */
function checkRanges(root: object, text: string): void {
  const seen = new Set<object>();
  const positions: Pos[] = [];
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if ('start' in value && 'end' in value) {
      const { start, end } = value as { start: Pos; end: Pos };
      expect(start.offset).toBeLessThanOrEqual(end.offset);
      positions.push(start, end);
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(root);
  for (const p of positions) {
    expect(p.offset).toBeGreaterThanOrEqual(0);
    expect(p.offset).toBeLessThanOrEqual(text.length);
    expect({ line: p.line, column: p.column }).toEqual(positionOf(text, p.offset));
  }
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
  kind: fc.constantFrom('delete', 'insert', 'duplicate', 'replace'),
  length: fc.integer({ min: 1, max: 12 }),
  text: fc.constantFrom(...TOKENS),
});

function mutate(text: string, mutations: { at: number; kind: string; length: number; text: string }[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'duplicate') out = out.slice(0, at) + out.slice(at, at + m.length) + out.slice(at);
    else out = out.slice(0, at) + m.text + out.slice(at + m.length);
  }
  return out;
}

describe('parseHcl: property-based robustness', () => {
  it('handles arbitrary Unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), checkAnyInput), settings);
  });

  it('handles sequences of HCL tokens in any order', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }), (tokens) => checkAnyInput(tokens.join(''))), settings);
  });

  it('handles mutated valid configurations', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SNIPPETS), fc.array(mutation, { minLength: 1, maxLength: 6 }), (text, mutations) =>
        checkAnyInput(mutate(text, mutations)),
      ),
      settings,
    );
  });
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

const { body } = fc.letrec<{ body: GenBody }>((tie) => ({
  body: fc.record({
    attributes: fc.uniqueArray(fc.tuple(identifier, value), { maxLength: 4, selector: ([name]) => name }),
    blocks: fc.uniqueArray(
      fc.integer({ min: 0, max: 2 }).chain((arity) =>
        fc.record({
          type: identifier,
          arity: fc.constant(arity),
          instances: fc.array(
            fc.record({
              labels: fc.array(fc.oneof(identifier, text), { minLength: arity, maxLength: arity }),
              body: tie('body'),
            }),
            { minLength: 1, maxLength: 2 },
          ),
        }),
      ),
      { maxLength: 2, selector: (group) => group.type, depthSize: 'small' },
    ),
  }),
}));

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

/** What the projection must be: JSON values as generated, literal `${`/`%{` kept escaped. */
function expectedValue(v: Value): JsonValue {
  if (typeof v === 'string') return v.replace(/([$%])\{/g, '$1$1{');
  if (typeof v === 'number') return Number(numberSource(v));
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(expectedValue);
  const out: JsonObject = {};
  for (const [k, item] of Object.entries(v)) out[k.replace(/([$%])\{/g, '$1$1{')] = expectedValue(item);
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

function unescapeTemplateSequences(v: JsonValue): JsonValue {
  if (typeof v === 'string') return v.replaceAll('$${', '${').replaceAll('%%{', '%{');
  if (Array.isArray(v)) return v.map(unescapeTemplateSequences);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, item]) => [unescapeTemplateSequences(k), unescapeTemplateSequences(item)]));
}

describe('parseHcl: generated well-formed configurations', () => {
  it('round-trip to the expected JSON, and to what hcl2-parser produces', () => {
    fc.assert(
      fc.property(body, (generated) => {
        const source = `${renderBody(generated, '')}\n`;
        const result = parseHcl(source, 'generated.tf');
        expect(result.diagnostics).toEqual([]);
        const projection = toJsonProjection(result.body, source);
        expect(projection).toEqual(expectedBody(generated));
        const [oracle, error] = hcl2Parser.parseToObject(source);
        expect(error).toBeFalsy();
        // hcl2-parser drops the escape of a literal ${ / %{ (see oracle.test.ts); nothing else differs.
        expect(unescapeTemplateSequences(projection)).toEqual(oracle);
      }),
      settings,
    );
  });
});
