import { describe, expect, it } from 'vitest';
import type { TemplateExpr } from '../../../../src/parsers/terraform/hcl/index.js';
import { cols, expr, parseValid, pos, range } from './helpers.js';

function template(source: string): TemplateExpr {
  const e = expr(source);
  if (e.kind !== 'template') throw new Error(`expected a template, got ${e.kind}`);
  return e;
}

/** The values of a template made only of literals. */
function literal(source: string): string {
  const t = template(source);
  expect(t.parts.map((p) => p.kind)).toEqual(['templateLiteral']);
  return t.parts[0].kind === 'templateLiteral' ? t.parts[0].value : '';
}

describe('parseHcl: quoted templates', () => {
  it('splits literal text and interpolations, each with its range', () => {
    expect(template('"a ${b} c"')).toEqual({
      kind: 'template',
      parts: [
        { kind: 'templateLiteral', value: 'a ', range: cols(6, 8) },
        {
          kind: 'interpolation',
          expr: { kind: 'scopeTraversal', root: 'b', rootRange: cols(10, 11), steps: [], range: cols(10, 11) },
          stripLeft: false,
          stripRight: false,
          range: cols(8, 12),
        },
        { kind: 'templateLiteral', value: ' c', range: cols(12, 14) },
      ],
      range: cols(5, 15),
    });
  });

  it('represents "${x}" as a single interpolation part (HCL returns x unconverted) and "" as one empty literal', () => {
    expect(template('"${x}"').parts).toEqual([
      {
        kind: 'interpolation',
        expr: { kind: 'scopeTraversal', root: 'x', rootRange: cols(8, 9), steps: [], range: cols(8, 9) },
        stripLeft: false,
        stripRight: false,
        range: cols(6, 10),
      },
    ]);
    expect(template('""').parts).toEqual([{ kind: 'templateLiteral', value: '', range: cols(6, 6) }]);
  });

  it('decodes escape sequences', () => {
    expect(literal('"\\n\\r\\t\\"\\\\"')).toBe('\n\r\t"\\');
    expect(literal('"\\u00e9\\U0001F600"')).toBe('é😀');
  });

  it('reads $${ and %%{ as literal ${ and %{, and a lone $ or % as itself', () => {
    expect(literal('"$${a} %%{b}"')).toBe('${a} %{b}');
    expect(literal('"$$${x}"')).toBe('$${x}');
    expect(literal('"100% of $5"')).toBe('100% of $5');
    expect(literal('"ends with $"')).toBe('ends with $');
  });

  it('normalises string values to NFC, as HCL does, but not labels', () => {
    expect(literal('"e\\u0301 \\u212B"')).toBe('\u00e9 \u00c5');
    expect(literal('"e\u0301"')).toBe('\u00e9');
    expect(literal('<<EOF\ne\u0301\nEOF\n')).toBe('\u00e9\n');
    expect(parseValid('block "e\u0301" {}\n').blocks[0].labels[0].value).toBe('e\u0301');
  });

  it('strips spaces next to ~ strip markers', () => {
    const t = template('"a  ${~ b ~}  c"');
    expect(t.parts).toMatchObject([
      { kind: 'templateLiteral', value: 'a' },
      { kind: 'interpolation', stripLeft: true, stripRight: true, range: cols(9, 17) },
      { kind: 'templateLiteral', value: 'c' },
    ]);
  });

  it('parses %{if}/%{else}/%{endif} into a templateIf part', () => {
    expect(template('"%{if a}yes%{else}no%{endif}"').parts).toEqual([
      {
        kind: 'templateIf',
        condition: { kind: 'scopeTraversal', root: 'a', rootRange: cols(11, 12), steps: [], range: cols(11, 12) },
        thenParts: [{ kind: 'templateLiteral', value: 'yes', range: cols(13, 16) }],
        elseParts: [{ kind: 'templateLiteral', value: 'no', range: cols(23, 25) }],
        range: cols(6, 33),
      },
    ]);
    expect(template('"%{ if a ~} x %{~ endif }"').parts).toMatchObject([
      { kind: 'templateIf', thenParts: [{ value: 'x' }], elseParts: null },
    ]);
  });

  it('parses %{for}/%{endfor} into a templateFor part, and nests directives', () => {
    expect(template('"%{for k, v in m}${k}%{endfor}"').parts).toEqual([
      {
        kind: 'templateFor',
        keyVar: 'k',
        valueVar: 'v',
        collection: { kind: 'scopeTraversal', root: 'm', rootRange: cols(20, 21), steps: [], range: cols(20, 21) },
        parts: [
          {
            kind: 'interpolation',
            expr: { kind: 'scopeTraversal', root: 'k', rootRange: cols(24, 25), steps: [], range: cols(24, 25) },
            stripLeft: false,
            stripRight: false,
            range: cols(22, 26),
          },
        ],
        range: cols(6, 35),
      },
    ]);
    expect(template('"%{for x in l}%{if x}[${x}]%{endif}%{endfor}"').parts).toMatchObject([
      {
        kind: 'templateFor',
        keyVar: null,
        valueVar: 'x',
        parts: [{ kind: 'templateIf', thenParts: [{ value: '[' }, { kind: 'interpolation' }, { value: ']' }] }],
      },
    ]);
  });

  it('allows newlines inside an interpolation', () => {
    expect(template('"${\n  a\n}"').parts).toMatchObject([{ kind: 'interpolation', expr: { root: 'a' } }]);
  });
});

describe('parseHcl: heredoc templates', () => {
  it('parses <<EOF with interpolations, keeping lines verbatim', () => {
    const t = template('<<EOF\nhello ${name}\n  world\nEOF\n');
    expect(t).toEqual({
      kind: 'template',
      heredoc: { marker: 'EOF', flush: false },
      parts: [
        { kind: 'templateLiteral', value: 'hello ', range: range(pos(2, 1, 10), pos(2, 7, 16)) },
        {
          kind: 'interpolation',
          expr: {
            kind: 'scopeTraversal',
            root: 'name',
            rootRange: range(pos(2, 9, 18), pos(2, 13, 22)),
            steps: [],
            range: range(pos(2, 9, 18), pos(2, 13, 22)),
          },
          stripLeft: false,
          stripRight: false,
          range: range(pos(2, 7, 16), pos(2, 14, 23)),
        },
        { kind: 'templateLiteral', value: '\n  world\n', range: range(pos(2, 14, 23), pos(4, 1, 32)) },
      ],
      range: range(pos(1, 5, 4), pos(4, 4, 35)),
    });
  });

  it('removes the common indentation of <<- heredocs, ignoring blank lines', () => {
    const t = template('<<-EOT\n    a\n      b\n    EOT\n');
    expect(t.heredoc).toEqual({ marker: 'EOT', flush: true });
    expect(t.parts).toEqual([{ kind: 'templateLiteral', value: 'a\n  b\n', range: range(pos(2, 5, 15), pos(4, 1, 25)) }]);
    expect(literal('<<-EOT\n    a\n\n      c\n  EOT\n')).toBe('a\n\n  c\n');
    expect(literal('<<-EOT\n\tone\n\t  two\n\tEOT\n')).toBe('one\n  two\n');
  });

  it('measures <<- indentation on literal text only: a line starting with an interpolation has none', () => {
    expect(template('<<-EOT\n    a\n${b}\n    EOT\n').parts).toMatchObject([
      { kind: 'templateLiteral', value: '    a\n' },
      { kind: 'interpolation' },
      { kind: 'templateLiteral', value: '\n' },
    ]);
  });

  it('accepts a closing marker surrounded by spaces, and an empty heredoc', () => {
    expect(literal('<<EOF\ncontent\n   EOF  \n')).toBe('content\n');
    expect(literal('<<EOF\nEOF\n')).toBe('');
  });

  it('does not close on the marker in the middle of a line or as a prefix', () => {
    expect(literal('<<EOF\nnot EOF\nEOFX\nEOF\n')).toBe('not EOF\nEOFX\n');
  });

  it('keeps CRLF line endings inside the heredoc', () => {
    expect(literal('<<EOF\r\nhello\r\nEOF\r\n')).toBe('hello\r\n');
  });

  it('treats backslashes literally but still reads $${ as an escape', () => {
    expect(literal('<<EOF\nC:\\path $${HOME}\nEOF\n')).toBe('C:\\path ${HOME}\n');
  });

  it('ends an attribute at the newline after the closing marker', () => {
    const e = expr('<<EOF\nx\nEOF');
    expect(e.range.end).toEqual(pos(3, 4, 15));
  });
});
