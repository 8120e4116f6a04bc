import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Body } from '../../../../src/parsers/terraform/hcl/index.js';
import { MAX_NESTING, parseHcl } from '../../../../src/parsers/terraform/hcl/index.js';
import { FIXTURES } from '../../../helpers/paths.js';

/** [line, column, message] of each diagnostic. */
function errors(text: string): [number | undefined, number | undefined, string][] {
  const result = parseHcl(text, 'bad.tf');
  for (const d of result.diagnostics) {
    expect(d).toMatchObject({ code: 'hcl-syntax', level: 'error', file: 'bad.tf' });
  }
  return result.diagnostics.map((d) => [d.line, d.column, d.message]);
}

function outline(body: Body): string[] {
  return [
    ...body.attributes.map((a) => `${a.name}@${a.range.start.line}`),
    ...body.blocks.map((b) => `${[b.type, ...b.labels.map((l) => l.value)].join('.')}{${outline(b.body).join(',')}}@${b.range.start.line}`),
  ];
}

function fixture(name: string): { text: string; file: string } {
  const file = `hcl/malformed/${name}`;
  return { text: readFileSync(`${FIXTURES}/${file}`, 'utf8'), file };
}

describe('parseHcl: malformed fixtures', () => {
  it('reports a missing "}" at the brace that is never closed, keeping what it parsed', () => {
    const { text, file } = fixture('missing-brace.tf');
    const result = parseHcl(text, file);
    expect(result.diagnostics).toEqual([
      {
        code: 'hcl-syntax',
        level: 'error',
        file: 'hcl/malformed/missing-brace.tf',
        line: 1,
        column: 30,
        message: 'block "resource" has no closing "}": add "}" at the end of the block opened at line 1, column 30',
      },
    ]);
    expect(outline(result.body)).toEqual(['resource.aws_s3_bucket.a{bucket@2,resource.aws_s3_bucket.b{bucket@5}@4}@1']);
  });

  it('reports two unrelated errors in one file and parses everything around them', () => {
    const { text, file } = fixture('two-errors.tf');
    const result = parseHcl(text, file);
    expect(result.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [2, 12, 'unterminated string: add the closing quote on the same line (a quoted string cannot span lines; use \\n or a heredoc <<EOT)'],
      [8, 7, 'expected "=" or "{" after "foo", found "}"'],
      [9, 1, 'unexpected "}" with no matching "{"'],
    ]);
    expect(outline(result.body)).toEqual([
      'resource.aws_s3_bucket.a{bucket@2,acl@3}@1',
      'resource.aws_s3_bucket.b{bucket@7}@6',
      'variable.ok{default@12}@11',
    ]);
  });

  it('reports an unterminated heredoc once, at its introducer', () => {
    const { text, file } = fixture('unterminated-heredoc.tf');
    expect(parseHcl(text, file).diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [6, 12, 'unterminated heredoc: add a line containing only "EOT" to close the heredoc opened here'],
    ]);
  });

  it('reports binary garbage as invalid text without losing the valid lines around it', () => {
    const { text, file } = fixture('binary-garbage.tf');
    const result = parseHcl(text, file);
    expect(result.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [2, 1, 'invalid UTF-8 byte sequence; HCL files must be UTF-8 text'],
      [2, 15, 'invalid UTF-8 byte sequence; HCL files must be UTF-8 text'],
    ]);
    expect(outline(result.body)).toEqual(['x@1', 'y@3']);
  });
});

describe('parseHcl: diagnostics for malformed snippets', () => {
  it.each<[string, string, [number, number, string][]]>([
    ['unterminated string', 'a = "abc\nb = 2\n', [[1, 5, 'unterminated string: add the closing quote on the same line (a quoted string cannot span lines; use \\n or a heredoc <<EOT)']]],
    ['string cut off by the end of the file', 'a = "abc', [[1, 5, 'unterminated string: the closing quote is missing before the end of the file']]],
    ['invalid character', 'x = 1 @ 2\ny = 3\n', [[1, 7, 'unexpected character "@" (U+0040)']]],
    ['attribute name followed by a brace', 'b {\n  foo }\n', [[2, 7, 'expected "=" or "{" after "foo", found "}"']]],
    ['comma between attributes', 'x = 1, y = 2\n', [[1, 6, 'unexpected "," after the value of "x": attributes are separated by newlines, not commas']]],
    ['two attributes in a one-line block', 'a { x = 1, y = 2 }\n', [[1, 10, 'a one-line block can contain only one attribute: put each attribute of block "a" on its own line']]],
    ['quoted attribute name', '"quoted" = 1\n', [[1, 1, 'expected an attribute name or block type, found a quoted string (attribute names are not quoted)']]],
    ['block brace on the next line', 'block\n{\n  a = 1\n}\n', [[2, 1, 'the "{" of block "block" must be on the same line as "block"']]],
    ['equals after block labels', 'a "b" = 1\n', [[1, 7, 'unexpected "=" after the labels of block "a": a block header ends with "{"']]],
    ['stray closing brace', '}\nx = 1\n', [[1, 1, 'unexpected "}" with no matching "{"']]],
    ['missing argument separator', 'x = f(a b)\n', [[1, 9, 'expected "," or ")" after an argument of "f", found "b"']]],
    ['unclosed call', 'x = f(1,\n', [[1, 5, 'the call to "f" has no closing ")"']]],
    ['unclosed list', 'x = [1,\n', [[1, 5, 'the list opened at line 1, column 5 has no closing "]"']]],
    ['missing list separator', 'a = [1, 2\nb = 3\n', [[2, 1, 'expected "," or "]" after a list item, found "b"']]],
    ['unclosed object', 'x = {\n  a = 1\n', [[1, 5, 'the object opened at line 1, column 5 has no closing "}"']]],
    ['missing object separator', 'x = { a = 1 b = 2 }\n', [[1, 13, 'expected a newline or "," after an object value, found "b"']]],
    ['unbalanced parentheses', 'x = (1 + 2\ny = 3\n', [[2, 1, 'expected ")" to close the "(" at line 1, column 5, found "y"']]],
    ['missing attribute name after a dot', 'x = a.\n', [[1, 7, 'expected an attribute name after ".", found a newline']]],
    ['missing conditional false branch', 'x = a ? b\n', [[1, 10, 'expected ":" and the false result of the conditional "?", found a newline']]],
    ['for expression without a colon', 'y = [for x in y]\n', [[1, 16, 'expected ":" after the collection of the for expression, found "]"']]],
    ['extra characters in an interpolation', 'y = "${a b}"\n', [[1, 10, 'expected "}" to close the interpolation, found "b"; if this "${" is meant literally, escape it as "$${"']]],
    ['unclosed if directive', 'z = "%{ if a }x"\n', [[1, 6, 'the "%{if}" directive at line 1, column 6 has no matching "%{endif}"']]],
    ['endif without if', 'w = "%{ endif }"\n', [[1, 6, 'unexpected "%{endif}" without a matching opening directive']]],
    ['unknown template keyword', 'w = "%{ elif a }"\n', [[1, 9, '"elif" is not a template keyword; use if, for, else, endif or endfor']]],
    ['template sequence in a block label', 'a "${b}" {}\n', [[1, 4, 'a block label cannot contain "${"; write "$${" for a literal "${"']]],
    ['invalid escapes', 'x = "\\q\\u12"\n', [
      [1, 6, 'invalid escape sequence: "\\q" is not a valid escape sequence (use \\\\ for a literal backslash)'],
      [1, 8, 'invalid escape sequence: "\\u" must be followed by 4 hexadecimal digits'],
    ]],
    ['invalid number', 'x = 1..2\n', [[1, 5, 'invalid number literal "1..2"']]],
    ['chained legacy index', 'y = a.0.1\n', [[1, 7, '"0.1" chains two legacy indexes, which HCL reads as one number; write [0][1] instead']]],
    ['single quotes', "x = 'single'\n", [
      [1, 5, 'single quotes are not valid in HCL; use double quotes (") around strings'],
      [1, 12, 'single quotes are not valid in HCL; use double quotes (") around strings'],
    ]],
    ['bitwise operator', 'y = a & b\n', [[1, 7, '"&" is not an HCL operator; did you mean "&&"?']]],
    ['heredoc marker not followed by a newline', 'x = <<EOF\nabc\nEOF', [[3, 1, 'the heredoc closing marker "EOF" must be followed by a newline']]],
    ['heredoc introducer followed by text', 'x = <<EOF trailing\nabc\nEOF\ny = 1\n', [[1, 5, 'the heredoc marker "<<EOF" must be followed directly by a newline; move the rest of the line below it']]],
    ['heredoc introducer with a space', 'x = << EOF\n', [[1, 5, 'expected an expression, found "<<": a heredoc marker such as <<EOT must be followed directly by a newline']]],
    ['unterminated comment', 'x = 1\n/* open\ny = 2\n', [[2, 1, 'unterminated comment: "/*" has no closing "*/"']]],
  ])('%s', (_name, text, expected) => {
    expect(errors(text)).toEqual(expected);
  });

  it('keeps the valid items of a file with several errors', () => {
    const result = parseHcl('a = 1\nb = [1 2]\nc = 3\nd = "x\ne = 5\n', 'multi.tf');
    expect(result.diagnostics.map((d) => d.line)).toEqual([2, 4]);
    expect(outline(result.body)).toEqual(['a@1', 'b@2', 'c@3', 'd@4', 'e@5']);
  });

  it('summarises errors beyond the first fifty', () => {
    const result = parseHcl('@\n'.repeat(80), 'noise.tf');
    expect(result.diagnostics).toHaveLength(51);
    expect(result.diagnostics[49]).toMatchObject({ line: 50, column: 1 });
    expect(result.diagnostics[50]).toEqual({
      code: 'hcl-syntax',
      level: 'error',
      file: 'noise.tf',
      message: '30 further syntax errors in this file are not reported',
    });
  });
});

describe('parseHcl: robustness', () => {
  const nestingMessage = `nesting is deeper than ${MAX_NESTING} levels; simplify this configuration`;

  it.each<[string, string, number]>([
    ['brackets', `x = ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`, 5 + MAX_NESTING],
    ['parentheses', `x = ${'('.repeat(50_000)}1${')'.repeat(50_000)}\n`, 5 + MAX_NESTING],
    ['objects, where keys count as a level', `x = ${'{a='.repeat(20_000)}1${'}'.repeat(20_000)}\n`, 6 + 3 * (MAX_NESTING - 1)],
    ['unary operators', `x = ${'-'.repeat(100_000)}1\n`, 4 + MAX_NESTING],
    ['splats', `x = a${'[*]'.repeat(20_000)}\n`, 6 + 3 * (MAX_NESTING - 1)],
  ])('reports nesting of %s deeper than the limit instead of overflowing the stack', (_name, text, column) => {
    expect(errors(text)).toEqual([[1, column, nestingMessage]]);
  });

  it.each<[string, (n: number) => string]>([
    ['templates', (n) => `x = ${'"${'.repeat(n)}1${'}"'.repeat(n)}\n`],
    ['heredocs', (n) => `x = ${'<<E\n${'.repeat(n)}1${'}\nE\n'.repeat(n)}`],
    ['blocks', (n) => `${'a {\n'.repeat(n)}${'}\n'.repeat(n)}`],
    ['for expressions', (n) => `x = ${'[for x in '.repeat(n)}y${' : x]'.repeat(n)}\n`],
    ['objects', (n) => `x = ${'{a='.repeat(n)}1${'}'.repeat(n)}\n`],
  ])('parses %s nested just below the limit without overflowing the stack', (_name, make) => {
    const result = parseHcl(make(MAX_NESTING - 2), 'deep.tf');
    expect(result.diagnostics).toEqual([]);
  });

  it('reports deeply nested blocks and templates', () => {
    const blocks = parseHcl(`${'a {\n'.repeat(5000)}${'}\n'.repeat(5000)}`, 'deep.tf');
    expect(blocks.diagnostics.map((d) => [d.line, d.message])).toEqual([[MAX_NESTING + 1, nestingMessage]]);
    const templates = parseHcl(`x = ${'"${'.repeat(3000)}1${'}"'.repeat(3000)}\n`, 'deep.tf');
    expect(templates.diagnostics.map((d) => d.message)).toEqual([nestingMessage]);
  });

  it('parses long flat chains without recursion limits', () => {
    const sum = parseHcl(`x = ${Array.from({ length: 100_000 }, (_, i) => i).join(' + ')}\n`, 'flat.tf');
    expect(sum.diagnostics).toEqual([]);
    const list = parseHcl(`x = [${'1,'.repeat(200_000)}]\n`, 'flat.tf');
    expect(list.diagnostics).toEqual([]);
    const item = list.body.attributes[0].expr;
    expect(item.kind === 'tuple' && item.items.length).toBe(200_000);
  });

  it.each<[string, string]>([
    ['only dollar signs in a string', `"${'$'.repeat(200_000)}`],
    ['unterminated interpolations', '"${'.repeat(50_000)],
    ['many heredoc introducers', '<<EOF '.repeat(50_000)],
    ['many comment openers', '/*'.repeat(100_000)],
    ['a long identifier', `${'a'.repeat(1_000_000)} `],
    ['random bytes', Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1')],
    ['closers only', '}])~}"'.repeat(50_000)],
  ])('returns diagnostics, never throwing, for %s', (_name, text) => {
    const result = parseHcl(text, 'weird.tf');
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.length).toBeLessThanOrEqual(51);
    for (const d of result.diagnostics.slice(0, 50)) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.message.length).toBeLessThan(300);
    }
  });
});
