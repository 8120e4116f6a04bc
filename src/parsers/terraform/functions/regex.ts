/**
 * Terraform patterns are Go RE2 syntax. This module translates them to equivalent JavaScript
 * expressions (flag `u`) and reproduces Go's match iteration and `$1`/`${name}` expansion.
 */
import { FunctionError } from './value.js';

/** A pattern Evident cannot express in JavaScript; callers answer with an Unknown. */
export class UnsupportedPattern extends Error {}

export interface CompiledPattern {
  regexp: RegExp;
  /** Name of each capture group in order; `undefined` for unnamed groups. */
  groupNames: (string | undefined)[];
}

const SPACE_CLASS = '\\t\\n\\f\\r ';
const NOT_SPACE_RANGES = '\\0-\\x08\\x0B\\x0E-\\x1F\\x21-\\u{10FFFF}';

const POSIX_CLASSES: Record<string, [number, number][]> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

const GENERAL_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '),
);

function codePointEscape(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function rangesToClassBody(ranges: [number, number][], negate: boolean): string {
  let list = ranges;
  if (negate) {
    list = [];
    let next = 0;
    for (const [lo, hi] of [...ranges].sort((a, b) => a[0] - b[0])) {
      if (lo > next) list.push([next, lo - 1]);
      next = Math.max(next, hi + 1);
    }
    if (next <= 0x10ffff) list.push([next, 0x10ffff]);
  }
  return list.map(([lo, hi]) => (lo === hi ? codePointEscape(lo) : `${codePointEscape(lo)}-${codePointEscape(hi)}`)).join('');
}

/** Go's regexp/syntax.Error: a code and the expression it refers to. */
export class RegexSyntaxError extends FunctionError {
  readonly code: string;
  readonly expr: string;
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
    this.code = code;
    this.expr = expr;
  }
}

/** Builds a RegexSyntaxError from Go's `code: \`expr\`` wording. */
function syntaxError(message: string): RegexSyntaxError {
  const match = /^(.*?): `([\s\S]*)`$/.exec(message);
  return match ? new RegexSyntaxError(match[1], match[2]) : new RegexSyntaxError(message, '');
}

const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

/** Translates an RE2 pattern; throws FunctionError for invalid syntax, UnsupportedPattern for what JS lacks. */
export function compilePattern(pattern: string): CompiledPattern {
  const chars = [...pattern];
  const groupNames: (string | undefined)[] = [];
  let out = '';
  let flags: Flags = { i: false, m: false, s: false, U: false };
  const stack: Flags[] = [];
  let pos = 0;

  // A leading (?i) maps to JavaScript's i flag; case-insensitivity in part of a pattern is spelled out per letter.
  const leadingFlags = /^\(\?([imsU]+)\)/.exec(pattern);
  const globalIgnoreCase = leadingFlags !== null && leadingFlags[1].includes('i');

  const literal = (ch: string): string => {
    if (flags.i && !globalIgnoreCase) {
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      if (lower !== upper && [...lower].length === 1 && [...upper].length === 1) return `[${lower}${upper}]`;
    }
    return JS_SYNTAX.has(ch) ? `\\${ch}` : ch;
  };

  /** Translates the escape after a backslash at `pos`, for use inside or outside a character class. */
  const escape = (inClass: boolean): string => {
    const c = chars[pos];
    if (c === undefined) throw syntaxError('trailing backslash at end of expression: ``');
    pos++;
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return `\\${c}`;
      case 's':
        return inClass ? SPACE_CLASS : `[${SPACE_CLASS}]`;
      case 'S':
        return inClass ? NOT_SPACE_RANGES : `[^${SPACE_CLASS}]`;
      case 'b':
      case 'B':
        if (inClass) throw syntaxError(`invalid escape sequence: \`\\${c}\``);
        return `\\${c}`;
      case 'A':
        if (inClass) throw syntaxError('invalid escape sequence: `\\A`');
        return '(?<![\\s\\S])';
      case 'z':
        if (inClass) throw syntaxError('invalid escape sequence: `\\z`');
        return '(?![\\s\\S])';
      case 'a':
        return '\\x07';
      case 'f':
      case 'n':
      case 'r':
      case 't':
      case 'v':
        return `\\${c}`;
      case 'x': {
        if (chars[pos] === '{') {
          const end = chars.indexOf('}', pos);
          const hex = end === -1 ? '' : chars.slice(pos + 1, end).join('');
          if (!/^[0-9A-Fa-f]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) {
            throw syntaxError(`invalid escape sequence: \`\\x${chars.slice(pos, end + 1).join('')}\``);
          }
          pos = end + 1;
          return codePointEscape(parseInt(hex, 16));
        }
        const hex = chars.slice(pos, pos + 2).join('');
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw syntaxError(`invalid escape sequence: \`\\x${hex}\``);
        pos += 2;
        return codePointEscape(parseInt(hex, 16));
      }
      case 'p':
      case 'P': {
        let name: string;
        if (chars[pos] === '{') {
          const end = chars.indexOf('}', pos);
          if (end === -1) throw syntaxError(`invalid character class range: \`\\${c}${chars.slice(pos).join('')}\``);
          name = chars.slice(pos + 1, end).join('');
          pos = end + 1;
        } else {
          name = chars[pos] ?? '';
          pos++;
        }
        let negate = c === 'P';
        if (name.startsWith('^')) {
          negate = !negate;
          name = name.slice(1);
        }
        const letter = negate ? 'P' : 'p';
        if (name === 'Any') return negate ? '[^\\s\\S]' : inClass ? '\\s\\S' : '[\\s\\S]';
        if (GENERAL_CATEGORIES.has(name)) return `\\${letter}{${name}}`;
        if (/^[A-Z][A-Za-z_]*$/.test(name)) return `\\${letter}{Script=${name}}`;
        throw syntaxError(`invalid character class range: \`\\${c}{${name}}\``);
      }
      case 'Q': {
        const end = chars.indexOf('\\', pos);
        let stop = -1;
        for (let i = end; i !== -1; i = chars.indexOf('\\', i + 1)) {
          if (chars[i + 1] === 'E') {
            stop = i;
            break;
          }
        }
        const text = chars.slice(pos, stop === -1 ? chars.length : stop);
        pos = stop === -1 ? chars.length : stop + 2;
        return text.map((ch) => (inClass ? classLiteral(ch) : literal(ch))).join('');
      }
      default: {
        if (c >= '0' && c <= '7') {
          const next = chars[pos];
          if (c !== '0' && !(next >= '0' && next <= '7')) throw syntaxError(`invalid escape sequence: \`\\${c}\``);
          let value = Number(c);
          for (let i = 1; i < 3 && chars[pos] >= '0' && chars[pos] <= '7'; i++) value = value * 8 + Number(chars[pos++]);
          return codePointEscape(value);
        }
        const cp = c.codePointAt(0)!;
        if (cp < 0x80 && !/[A-Za-z0-9]/.test(c)) return inClass ? classLiteral(c) : literal(c);
        throw syntaxError(`invalid escape sequence: \`\\${c}\``);
      }
    }
  };

  const classLiteral = (ch: string): string => ('\\]^-['.includes(ch) ? `\\${ch}` : ch);

  const parseClass = (): string => {
    const start = pos - 1;
    let body = '';
    let negate = false;
    if (chars[pos] === '^') {
      negate = true;
      pos++;
    }
    let first = true;
    for (;;) {
      const c = chars[pos];
      if (c === undefined) throw syntaxError(`missing closing ]: \`${chars.slice(start).join('')}\``);
      if (c === ']' && !first) {
        pos++;
        break;
      }
      first = false;
      if (c === '[' && chars[pos + 1] === ':') {
        const end = chars.indexOf(']', pos + 2);
        const text = end === -1 ? '' : chars.slice(pos, end + 1).join('');
        const match = /^\[:(\^?)([a-z]+):\]$/.exec(text);
        if (match && POSIX_CLASSES[match[2]]) {
          body += rangesToClassBody(POSIX_CLASSES[match[2]], match[1] === '^');
          pos = end + 1;
          continue;
        }
        if (match) throw syntaxError(`invalid character class range: \`${text}\``);
      }
      pos++;
      let item = c === '\\' ? escape(true) : classLiteral(c);
      if (chars[pos] === '-' && chars[pos + 1] !== undefined && chars[pos + 1] !== ']') {
        pos++;
        const hiChar = chars[pos];
        pos++;
        const hi = hiChar === '\\' ? escape(true) : classLiteral(hiChar);
        item = `${item}-${hi}`;
      }
      body += item;
    }
    if (flags.i && !globalIgnoreCase) throw new UnsupportedPattern('case-insensitive character class in part of a pattern');
    return `[${negate ? '^' : ''}${body}]`;
  };

  const quantifierSuffix = (): string => {
    const lazy = chars[pos] === '?';
    if (lazy) pos++;
    return lazy !== flags.U ? '?' : '';
  };

  while (pos < chars.length) {
    const c = chars[pos++];
    switch (c) {
      case '\\':
        out += escape(false);
        break;
      case '[':
        out += parseClass();
        break;
      case '.':
        out += flags.s ? '[\\s\\S]' : '[^\\n]';
        break;
      case '^':
        out += flags.m ? '(?<![^\\n])' : '(?<![\\s\\S])';
        break;
      case '$':
        out += flags.m ? '(?![^\\n])' : '(?![\\s\\S])';
        break;
      case '*':
      case '+':
      case '?':
        if (pos > 1 && '*+?'.includes(chars[pos - 2]) && chars[pos - 3] !== '\\') {
          throw syntaxError(`invalid nested repetition operator: \`${chars[pos - 2]}${c}\``);
        }
        out += c + quantifierSuffix();
        break;
      case '{': {
        const match = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(pos - 1, pos + 20).join(''));
        if (!match) {
          out += '\\{';
          break;
        }
        const min = Number(match[1]);
        const max = match[3] === undefined || match[3] === '' ? undefined : Number(match[3]);
        if (min > 1000 || (max !== undefined && (max > 1000 || max < min))) {
          throw syntaxError(`invalid repeat count: \`${match[0]}\``);
        }
        pos += match[0].length - 1;
        out += match[0] + quantifierSuffix();
        break;
      }
      case '}':
      case ']':
        out += `\\${c}`;
        break;
      case '(': {
        if (chars[pos] !== '?') {
          groupNames.push(undefined);
          stack.push(flags);
          out += '(';
          break;
        }
        const rest = chars.slice(pos).join('');
        const named = /^\?P?<([A-Za-z0-9_]+)>/.exec(rest);
        if (named) {
          if (groupNames.includes(named[1])) throw syntaxError(`duplicate capture group name: \`${named[1]}\``);
          groupNames.push(named[1]);
          stack.push(flags);
          pos += named[0].length;
          out += '(';
          break;
        }
        const flagGroup = /^\?(-?[imsU]+|[imsU]+-[imsU]*)?(:|\))/.exec(rest);
        if (!flagGroup) {
          const shown = /^\?(P?<[^>]*>?|[=!]|<[=!]?|.)/.exec(rest)?.[0] ?? '?';
          throw syntaxError(`invalid or unsupported Perl syntax: \`(${shown}\``);
        }
        const next: Flags = { ...flags };
        let on = true;
        for (const f of flagGroup[1] ?? '') {
          if (f === '-') on = false;
          else next[f as keyof Flags] = on;
        }
        pos += flagGroup[0].length;
        if (globalIgnoreCase && !next.i) throw new UnsupportedPattern('case-insensitivity turned off inside a pattern');
        if (flagGroup[2] === ')') {
          flags = next;
        } else {
          stack.push(flags);
          flags = next;
          out += '(?:';
        }
        break;
      }
      case ')':
        if (stack.length === 0) throw syntaxError(`unexpected ): \`${pattern}\``);
        flags = stack.pop()!;
        out += ')';
        break;
      default:
        out += literal(c);
    }
  }
  if (stack.length > 0) throw syntaxError(`missing closing ): \`${pattern}\``);
  try {
    return { regexp: new RegExp(out, globalIgnoreCase ? 'dgiu' : 'dgu'), groupNames };
  } catch (error) {
    const message = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
    throw syntaxError(`${message.charAt(0).toLowerCase()}${message.slice(1)}: \`${pattern}\``);
  }
}

/** A match as Go reports it: UTF-16 offsets of the whole match and of each group (`-1` when a group did not take part). */
export type MatchIndices = number[];

function execWithIndices(compiled: CompiledPattern, text: string, from: number): MatchIndices | undefined {
  compiled.regexp.lastIndex = from;
  const match = compiled.regexp.exec(text);
  if (!match) return undefined;
  const out: MatchIndices = [];
  for (const pair of match.indices!) out.push(pair ? pair[0] : -1, pair ? pair[1] : -1);
  return out;
}

function widthAt(text: string, index: number): number {
  const cp = text.codePointAt(index);
  return cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
}

/** Every match, skipping empty matches right after a previous match, as Go's FindAll does. */
export function findAll(compiled: CompiledPattern, text: string): MatchIndices[] {
  const out: MatchIndices[] = [];
  let prevEnd = -1;
  for (let pos = 0; pos <= text.length; ) {
    const match = execWithIndices(compiled, text, pos);
    if (!match) break;
    let accept = true;
    if (match[1] === match[0]) {
      if (match[0] === prevEnd) accept = false;
      pos = match[0] < text.length ? match[0] + widthAt(text, match[0]) : text.length + 1;
    } else {
      pos = match[1];
    }
    prevEnd = match[1];
    if (accept) out.push(match);
  }
  return out;
}

export function firstMatch(compiled: CompiledPattern, text: string): MatchIndices | undefined {
  return execWithIndices(compiled, text, 0);
}

/** Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; unknown groups expand to nothing. */
function expand(template: string, compiled: CompiledPattern, text: string, match: MatchIndices): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar === -1) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const braced = /^\{([A-Za-z0-9_]+)\}/.exec(rest);
    const bare = /^[A-Za-z0-9_]+/.exec(rest);
    const name = braced ? braced[1] : bare ? bare[0] : undefined;
    if (name === undefined) {
      out += '$';
      continue;
    }
    rest = rest.slice((braced ?? bare)![0].length);
    const group = /^\d+$/.test(name) ? (name.length < 9 ? Number(name) : -1) : compiled.groupNames.indexOf(name) + 1 || -1;
    if (group >= 0 && 2 * group + 1 < match.length && match[2 * group] >= 0) {
      out += text.slice(match[2 * group], match[2 * group + 1]);
    }
  }
  return out + rest;
}

/** Go's Regexp.ReplaceAllString. */
export function replaceAll(compiled: CompiledPattern, text: string, template: string): string {
  let out = '';
  let lastEnd = 0;
  let searchPos = 0;
  while (searchPos <= text.length) {
    const match = execWithIndices(compiled, text, searchPos);
    if (!match) break;
    out += text.slice(lastEnd, match[0]);
    if (match[1] > lastEnd || match[0] === 0) out += expand(template, compiled, text, match);
    lastEnd = match[1];
    const width = widthAt(text, searchPos);
    if (searchPos + width > match[1]) searchPos += width;
    else if (searchPos + 1 > match[1]) searchPos++;
    else searchPos = match[1];
  }
  return out + text.slice(lastEnd);
}
