import type { CompiledPattern } from './regex.js';
import { RegexSyntaxError, UnsupportedPattern, compilePattern, findAll, firstMatch, replaceAll } from './regex.js';
import type { FunctionTable } from './registry.js';
import { argError } from './registry.js';
import { NUMBER, STRING, listOf } from './types.js';
import type { TfObject, TfValue } from './value.js';
import { FunctionError, Unknown, setKey } from './value.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Terraform counts and slices strings by user-perceived characters (grapheme clusters). */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** A whole number argument, as Terraform's gocty conversion to a Go int demands. */
export function wholeNumber(value: TfValue): number {
  const n = value as number;
  if (!Number.isInteger(n)) {
    throw new FunctionError('value must be a whole number, between -9223372036854775808 and 9223372036854775807');
  }
  return n;
}

/** Go's unicode.IsSpace. */
function isGoSpace(cp: number): boolean {
  return (
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0x20 ||
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

function mapRunes(text: string, map: (ch: string) => string): string {
  let out = '';
  for (const ch of text) out += map(ch);
  return out;
}

/** Go maps case one code point at a time (simple case mapping); JS mappings that expand are not applied. */
function upperRune(ch: string): string {
  const upper = ch.toUpperCase();
  return upper.length === ch.length ? upper : ch;
}

function lowerRune(ch: string): string {
  if (ch === '\u0130') return 'i';
  const lower = ch.toLowerCase();
  return lower.length === ch.length ? lower : ch;
}

const TITLE_CASE: Record<string, string> = {
  '\u01c4': '\u01c5',
  '\u01c5': '\u01c5',
  '\u01c6': '\u01c5',
  '\u01c7': '\u01c8',
  '\u01c8': '\u01c8',
  '\u01c9': '\u01c8',
  '\u01ca': '\u01cb',
  '\u01cb': '\u01cb',
  '\u01cc': '\u01cb',
  '\u01f1': '\u01f2',
  '\u01f2': '\u01f2',
  '\u01f3': '\u01f2',
};

/** Go's strings.Title word separator rule. */
function isTitleSeparator(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return isGoSpace(cp);
}

function title(text: string): string {
  let prev = ' ';
  return mapRunes(text, (ch) => {
    const out = isTitleSeparator(prev) ? (TITLE_CASE[ch] ?? upperRune(ch)) : ch;
    prev = ch;
    return out;
  });
}

function trimSpace(text: string): string {
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && isGoSpace(chars[start].codePointAt(0)!)) start++;
  while (end > start && isGoSpace(chars[end - 1].codePointAt(0)!)) end--;
  return chars.slice(start, end).join('');
}

function trimCutset(text: string, cutset: string): string {
  const cut = new Set(cutset);
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && cut.has(chars[start])) start++;
  while (end > start && cut.has(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

/** Go's strings.Split: an empty separator splits after each code point. */
function goSplit(text: string, separator: string): string[] {
  if (separator === '') return [...text];
  return text.split(separator);
}

/** Go's strings.Replace with n = -1: an empty `old` inserts `replacement` around every code point. */
function goReplaceAll(text: string, old: string, replacement: string): string {
  if (old === '') return replacement + [...text].map((ch) => ch + replacement).join('');
  return text.split(old).join(replacement);
}

function substr(text: string, offsetArg: number, length: number): string {
  const chars = graphemes(text);
  let offset = offsetArg;
  if (offset < 0) offset += chars.length;
  if (offset < 0) offset = 0;
  if (offset >= chars.length) return '';
  const rest = chars.slice(offset);
  if (length < 0) return rest.join('');
  return rest.slice(0, length).join('');
}

/** Compiles a pattern for a regex function; a pattern JS cannot express yields an Unknown instead. */
function compileForFunction(pattern: string): CompiledPattern | Unknown {
  try {
    return compilePattern(pattern);
  } catch (error) {
    if (error instanceof UnsupportedPattern) {
      return new Unknown(`regular expression ${JSON.stringify(pattern)} uses a feature Evident cannot evaluate (${error.message})`);
    }
    if (error instanceof RegexSyntaxError) throw argError('pattern', `invalid regexp pattern: ${error.code} in ${error.expr}`);
    throw error;
  }
}

function checkGroupNames(compiled: CompiledPattern): void {
  const named = compiled.groupNames.filter((n) => n !== undefined).length;
  if (named > 0 && named < compiled.groupNames.length) {
    throw argError('pattern', 'invalid regexp pattern: cannot mix both named and unnamed capture groups');
  }
}

function matchResult(compiled: CompiledPattern, text: string, match: number[]): TfValue {
  const group = (i: number): TfValue => (match[2 * i] < 0 ? null : text.slice(match[2 * i], match[2 * i + 1]));
  if (compiled.groupNames.length === 0) return group(0);
  if (compiled.groupNames[0] !== undefined) {
    const out: TfObject = {};
    compiled.groupNames.forEach((name, i) => {
      setKey(out, name!, group(i + 1));
    });
    return out;
  }
  return compiled.groupNames.map((_, i) => group(i + 1));
}

export const stringFunctions: FunctionTable = {
  chomp: {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => (str as string).replace(/(?:\r\n?|\n)*$/, ''),
  },
  endswith: {
    params: [
      { name: 'str', type: STRING },
      { name: 'suffix', type: STRING },
    ],
    impl: ([str, suffix]) => (str as string).endsWith(suffix as string),
  },
  startswith: {
    params: [
      { name: 'str', type: STRING },
      { name: 'prefix', type: STRING },
    ],
    impl: ([str, prefix]) => (str as string).startsWith(prefix as string),
  },
  strcontains: {
    params: [
      { name: 'str', type: STRING },
      { name: 'substr', type: STRING },
    ],
    impl: ([str, sub]) => (str as string).includes(sub as string),
  },
  indent: {
    params: [
      { name: 'spaces', type: NUMBER },
      { name: 'str', type: STRING },
    ],
    impl: ([spaces, str]) => {
      const count = wholeNumber(spaces);
      if (count < 0) throw argError('spaces', 'must not be negative');
      return (str as string).split('\n').join(`\n${' '.repeat(count)}`);
    },
  },
  join: {
    params: [{ name: 'separator', type: STRING }],
    varParam: { name: 'lists', type: listOf(STRING) },
    impl: ([separator, ...lists]) => {
      if (lists.length === 0) throw new FunctionError('at least one list is required');
      const items: string[] = [];
      lists.forEach((list, li) => {
        (list as TfValue[]).forEach((item, ei) => {
          if (item === null) {
            throw argError(
              'lists',
              lists.length > 1
                ? `element ${ei} of list ${li + 1} is null; cannot concatenate null values`
                : `element ${ei} is null; cannot concatenate null values`,
            );
          }
          items.push(item as string);
        });
      });
      return items.join(separator as string);
    },
  },
  lower: {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => mapRunes(str as string, lowerRune),
  },
  upper: {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => mapRunes(str as string, upperRune),
  },
  title: {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => title(str as string),
  },
  split: {
    params: [
      { name: 'separator', type: STRING },
      { name: 'str', type: STRING },
    ],
    impl: ([separator, str]) => goSplit(str as string, separator as string),
  },
  strrev: {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => graphemes(str as string).reverse().join(''),
  },
  substr: {
    params: [
      { name: 'str', type: STRING },
      { name: 'offset', type: NUMBER },
      { name: 'length', type: NUMBER },
    ],
    impl: ([str, offset, length]) => {
      return substr(str as string, wholeNumber(offset), wholeNumber(length));
    },
  },
  trim: {
    params: [
      { name: 'str', type: STRING },
      { name: 'cutset', type: STRING },
    ],
    impl: ([str, cutset]) => trimCutset(str as string, cutset as string),
  },
  trimprefix: {
    params: [
      { name: 'str', type: STRING },
      { name: 'prefix', type: STRING },
    ],
    impl: ([str, prefix]) => {
      const s = str as string;
      return s.startsWith(prefix as string) ? s.slice((prefix as string).length) : s;
    },
  },
  trimsuffix: {
    params: [
      { name: 'str', type: STRING },
      { name: 'suffix', type: STRING },
    ],
    impl: ([str, suffix]) => {
      const s = str as string;
      const end = suffix as string;
      return end !== '' && s.endsWith(end) ? s.slice(0, s.length - end.length) : s;
    },
  },
  trimspace: {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => trimSpace(str as string),
  },
  replace: {
    params: [
      { name: 'str', type: STRING },
      { name: 'substr', type: STRING },
      { name: 'replace', type: STRING },
    ],
    impl: ([str, sub, replacement]) => {
      const text = str as string;
      const search = sub as string;
      if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
        let compiled: CompiledPattern;
        try {
          compiled = compilePattern(search.slice(1, -1));
        } catch (error) {
          if (error instanceof UnsupportedPattern) {
            return new Unknown(`regular expression ${JSON.stringify(search)} uses a feature Evident cannot evaluate (${error.message})`);
          }
          throw error;
        }
        return replaceAll(compiled, text, replacement as string);
      }
      return goReplaceAll(text, search, replacement as string);
    },
  },
  regex: {
    params: [
      { name: 'pattern', type: STRING },
      { name: 'string', type: STRING },
    ],
    impl: ([pattern, str]) => {
      const compiled = compileForFunction(pattern as string);
      if (compiled instanceof Unknown) return compiled;
      checkGroupNames(compiled);
      const match = firstMatch(compiled, str as string);
      if (!match) throw new FunctionError('pattern did not match any part of the given string');
      return matchResult(compiled, str as string, match);
    },
  },
  regexall: {
    params: [
      { name: 'pattern', type: STRING },
      { name: 'string', type: STRING },
    ],
    impl: ([pattern, str]) => {
      const compiled = compileForFunction(pattern as string);
      if (compiled instanceof Unknown) return compiled;
      checkGroupNames(compiled);
      return findAll(compiled, str as string).map((match) => matchResult(compiled, str as string, match));
    },
  },
};
