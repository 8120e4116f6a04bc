import { expect } from 'vitest';
import type { JsonValue } from '../../../../src/model/json.js';
import type { Body, Expression, Pos, Range } from '../../../../src/parsers/terraform/hcl/index.js';
import { parseHcl, toJsonProjection } from '../../../../src/parsers/terraform/hcl/index.js';

export function pos(line: number, column: number, offset: number): Pos {
  return { line, column, offset };
}

export function range(start: Pos, end: Pos): Range {
  return { start, end };
}

/** A range on line 1 of a single-line input, from column `from` up to (not including) column `to`. */
export function cols(from: number, to: number): Range {
  return range(pos(1, from, from - 1), pos(1, to, to - 1));
}

/** Parses text that must be valid and returns its body. */
export function parseValid(text: string): Body {
  const result = parseHcl(text, 'test.tf');
  expect(result.diagnostics).toEqual([]);
  return result.body;
}

/** The value expression of `x = <source>`, parsed on line 1 so its columns start at 5. */
export function expr(source: string): Expression {
  const body = parseValid(`x = ${source}\n`);
  expect(body.attributes.map((a) => a.name)).toEqual(['x']);
  return body.attributes[0].expr;
}

const DOLLAR_BRACE = '\uE000';
const PERCENT_BRACE = '\uE001';

/**
 * toJsonProjection as hcl2-parser would print it, for differential tests. The one known deviation:
 * HCL reads `$${` / `%%{` as a literal `${` / `%{`; hcl2-parser writes that literal text unescaped
 * (where it reads as an interpolation), toJsonProjection keeps it escaped. Only literal template text
 * is affected, so it is swapped for private-use sentinels before projecting and restored unescaped
 * afterwards; expression source wrapped as `${...}` is left exactly as projected.
 */
export function projectLikeHcl2Parser(body: Body, source: string): JsonValue {
  expect(source.includes(DOLLAR_BRACE) || source.includes(PERCENT_BRACE)).toBe(false);
  const seen = new Set<object>();
  const hide = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const literal = node as { kind?: string; value?: unknown };
    if (literal.kind === 'templateLiteral' && typeof literal.value === 'string') {
      literal.value = literal.value.replaceAll('${', DOLLAR_BRACE).replaceAll('%{', PERCENT_BRACE);
    }
    for (const child of Object.values(node)) hide(child);
  };
  hide(body);
  const restore = (value: JsonValue): JsonValue => {
    if (typeof value === 'string') return value.replaceAll(DOLLAR_BRACE, '${').replaceAll(PERCENT_BRACE, '%{');
    if (Array.isArray(value)) return value.map(restore);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [restore(k), restore(v)]));
  };
  return restore(toJsonProjection(body, source));
}
