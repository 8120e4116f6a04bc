import { expect } from 'vitest';
import type { Body, Expression, Pos, Range } from '../../../../src/parsers/terraform/hcl/index.js';
import { parseHcl } from '../../../../src/parsers/terraform/hcl/index.js';

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
