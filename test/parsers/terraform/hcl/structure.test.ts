import { describe, expect, it } from 'vitest';
import type { Body } from '../../../../src/parsers/terraform/hcl/index.js';
import { parseHcl } from '../../../../src/parsers/terraform/hcl/index.js';
import { cols, parseValid, pos, range } from './helpers.js';

describe('parseHcl: bodies, blocks and attributes', () => {
  it('parses a one-line block with two labels into an exact AST', () => {
    const body = parseValid('resource "a" "b" { x = var.y }');
    const expected: Body = {
      attributes: [],
      blocks: [
        {
          type: 'resource',
          typeRange: cols(1, 9),
          labels: [
            { value: 'a', range: cols(10, 13) },
            { value: 'b', range: cols(14, 17) },
          ],
          body: {
            attributes: [
              {
                name: 'x',
                nameRange: cols(20, 21),
                expr: {
                  kind: 'scopeTraversal',
                  root: 'var',
                  rootRange: cols(24, 27),
                  steps: [{ type: 'attr', name: 'y', range: cols(27, 29) }],
                  range: cols(24, 29),
                },
                range: cols(20, 29),
              },
            ],
            blocks: [],
            range: cols(18, 31),
          },
          range: cols(1, 31),
        },
      ],
      range: cols(1, 31),
    };
    expect(body).toEqual(expected);
  });

  it('gives every attribute, block and label its line and column across lines', () => {
    const text = [
      'variable "region" {', // 1
      '  type    = string', // 2
      '  default = "eu-west-1"', // 3
      '}', // 4
      '', // 5
      'locals {', // 6
      '  a = 1', // 7
      '  nested label {}', // 8
      '}', // 9
    ].join('\n');
    const body = parseValid(text);
    const [variable, locals] = body.blocks;
    expect(variable.type).toBe('variable');
    expect(variable.labels).toEqual([{ value: 'region', range: range(pos(1, 10, 9), pos(1, 18, 17)) }]);
    expect(variable.body.range).toEqual(range(pos(1, 19, 18), pos(4, 2, 64)));
    expect(variable.range).toEqual(range(pos(1, 1, 0), pos(4, 2, 64)));
    expect(variable.body.attributes.map((a) => [a.name, a.nameRange.start.line, a.nameRange.start.column])).toEqual([
      ['type', 2, 3],
      ['default', 3, 3],
    ]);
    expect(variable.body.attributes[1].range).toEqual(range(pos(3, 3, 41), pos(3, 24, 62)));
    expect(locals.labels).toEqual([]);
    expect(locals.typeRange).toEqual(range(pos(6, 1, 66), pos(6, 7, 72)));
    const nested = locals.body.blocks[0];
    expect(nested).toEqual({
      type: 'nested',
      typeRange: range(pos(8, 3, 85), pos(8, 9, 91)),
      labels: [{ value: 'label', range: range(pos(8, 10, 92), pos(8, 15, 97)) }],
      body: { attributes: [], blocks: [], range: range(pos(8, 16, 98), pos(8, 18, 100)) },
      range: range(pos(8, 3, 85), pos(8, 18, 100)),
    });
    expect(body.range).toEqual(range(pos(1, 1, 0), pos(9, 2, 102)));
  });

  it('keeps repeated blocks in source order', () => {
    const body = parseValid('rule { id = 1 }\nrule { id = 2 }\nrule "x" {}\n');
    expect(body.blocks.map((b) => [b.type, b.labels.map((l) => l.value), b.range.start.line])).toEqual([
      ['rule', [], 1],
      ['rule', [], 2],
      ['rule', ['x'], 3],
    ]);
  });

  it('decodes escapes in quoted labels', () => {
    const body = parseValid('a "tab\\there" "q\\"uote" {}\n');
    expect(body.blocks[0].labels.map((l) => l.value)).toEqual(['tab\there', 'q"uote']);
    expect(body.blocks[0].labels[1].range).toEqual(cols(15, 24));
  });

  it('returns an empty body for empty input and comment-only input', () => {
    expect(parseValid('')).toEqual({ attributes: [], blocks: [], range: cols(1, 1) });
    const body = parseValid('# only\n// comments\n/* here */\n');
    expect(body.attributes).toEqual([]);
    expect(body.range.end).toEqual(pos(4, 1, 30));
  });

  it('ignores #, // and /* */ comments, including a block comment spanning lines', () => {
    const text = ['a = 1 # trailing', '// full line', 'b /* inline */ = 2', '/* two', 'lines */ c = 3', 'd = 4 // end'].join('\n');
    const body = parseValid(text);
    expect(body.attributes.map((a) => [a.name, a.nameRange.start.line, a.nameRange.start.column])).toEqual([
      ['a', 1, 1],
      ['b', 3, 1],
      ['c', 5, 10],
      ['d', 6, 1],
    ]);
  });

  it('counts CRLF as one line break', () => {
    const body = parseValid('a = 1\r\nblock {\r\n  b = "x"\r\n}\r\n');
    expect(body.attributes[0].range).toEqual(range(pos(1, 1, 0), pos(1, 6, 5)));
    const b = body.blocks[0].body.attributes[0];
    expect(b.nameRange).toEqual(range(pos(3, 3, 18), pos(3, 4, 19)));
    expect(body.blocks[0].range.end).toEqual(pos(4, 2, 28));
  });

  it('skips a UTF-8 byte order mark: columns start after it, offsets index the original text', () => {
    const text = '\uFEFFname = "x"\n';
    const body = parseValid(text);
    expect(body.attributes[0].nameRange).toEqual(range(pos(1, 1, 1), pos(1, 5, 5)));
    expect(body.range.start).toEqual(pos(1, 1, 1));
    expect(text.slice(body.attributes[0].range.start.offset, body.attributes[0].range.end.offset)).toBe('name = "x"');
  });

  it('counts a tab as one column', () => {
    const body = parseValid('b {\n\t\tx =\t1\n}\n');
    const x = body.blocks[0].body.attributes[0];
    expect(x.nameRange.start).toEqual(pos(2, 3, 6));
    expect(x.expr.range).toEqual(range(pos(2, 7, 10), pos(2, 8, 11)));
  });

  it('counts columns in UTF-16 code units', () => {
    const body = parseValid('a = "é😀"\nb = 1\n');
    expect(body.attributes[0].expr.range).toEqual(cols(5, 10));
    expect(body.attributes[1].nameRange.start).toEqual(pos(2, 1, 10));
  });

  it('accepts a file without a trailing newline and identifiers with dashes and Unicode letters', () => {
    const body = parseValid('my-attr = 1\nnäme = 2');
    expect(body.attributes.map((a) => a.name)).toEqual(['my-attr', 'näme']);
  });

  it('reports a redefined attribute at its second definition and keeps the first', () => {
    const result = parseHcl('a = 1\nb = 2\na = 3\n', 'dup.tf');
    expect(result.diagnostics).toEqual([
      {
        code: 'hcl-syntax',
        level: 'error',
        file: 'dup.tf',
        line: 3,
        column: 1,
        message: 'attribute "a" is already set at line 1; each attribute can be set only once',
      },
    ]);
    expect(result.body.attributes.map((a) => [a.name, a.range.start.line])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('detects redefinitions in large bodies too', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `k${i} = ${i}`);
    lines.push('k3 = 99');
    const result = parseHcl(lines.join('\n'), 'big.tf');
    expect(result.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [41, 'attribute "k3" is already set at line 4; each attribute can be set only once'],
    ]);
    expect(result.body.attributes).toHaveLength(40);
  });

  it('treats "__proto__" as an ordinary attribute name', () => {
    const body = parseValid('__proto__ = 1\nconstructor = 2\n');
    expect(body.attributes.map((a) => a.name)).toEqual(['__proto__', 'constructor']);
  });
});
