/**
 * Sprig's regex functions over Go's RE2 syntax. Patterns are translated to JavaScript regular
 * expressions (RE2's features are a subset of what V8 supports once \s, \A, \z, POSIX classes and
 * flag groups are rewritten); matching loops follow Go's rules for empty matches.
 */
import { canBackquote, quote } from '../template/strconv.js';
import { GoError, newSlice, nilSlice, type GoFunc, type GoValue } from '../template/value.js';
import { PikeRegex, type VmMatch } from './regex-vm.js';
import { def, panic } from './support.js';

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const JS_SYNTAX = '^$\\.*+?()[]{}|/';

/** A literal outside a class: only JavaScript's syntax characters take a backslash in unicode mode. */
function escapeLiteral(ch: string): string {
  return JS_SYNTAX.includes(ch) ? `\\${ch}` : ch;
}

/** A literal inside a class. */
function escapeClassLiteral(ch: string): string {
  return '\\]^[-'.includes(ch) ? `\\${ch}` : ch;
}

function bad(code: string, text: string): never {
  throw new GoError(`error parsing regexp: ${code}: \`${text}\``);
}

const REPEAT = /^\{(\d+)(?:(,)(\d*))?\}/;

/**
 * RE2 syntax → a JavaScript RegExp (unicode mode), with RE2's syntax errors in Go's words.
 * Flag groups i, m and s apply to the whole pattern (JavaScript has no inline modifiers); U is scoped.
 */
export function compileGoRegexp(pattern: string): RegExp {
  const flags = new Set<string>(['u']);
  /** Whether (?U) is in effect, per open group. */
  const ungreedy: boolean[] = [false];
  let out = '';
  let i = 0;
  let depth = 0;
  /** Text from the last repetition operator on, for "invalid nested repetition operator". */
  let lastRepeat: string | undefined;
  /** Whether the previous item can be repeated. */
  let canRepeat = false;
  const runes = (from: number): string => pattern.slice(from);
  while (i < pattern.length) {
    const ch = pattern[i];
    const start = i;
    if (ch === '*' || ch === '+' || ch === '?' || (ch === '{' && REPEAT.test(runes(i)))) {
      let opLen = 1;
      if (ch === '{') {
        const m = REPEAT.exec(runes(i)) as RegExpExecArray;
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
        if (min > 1000 || max > 1000 || (max >= 0 && max < min)) bad('invalid repeat count', m[0]);
        opLen = m[0].length;
      }
      let after = i + opLen;
      if (pattern[after] === '?') after++;
      if (lastRepeat !== undefined) bad('invalid nested repetition operator', pattern.slice(lastRepeat.length === 0 ? start : pattern.length - lastRepeat.length, after));
      if (!canRepeat) bad('missing argument to repetition operator', pattern.slice(start, after));
      // (?U) swaps greedy and lazy.
      const lazy = pattern[after - 1] === '?' && after - start > opLen;
      out += pattern.slice(start, start + opLen) + (lazy !== ungreedy[ungreedy.length - 1] ? '?' : '');
      lastRepeat = pattern.slice(start);
      i = after;
      continue;
    }
    lastRepeat = undefined;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) bad('trailing backslash at end of expression', '');
      const esc = translateEscape(pattern, i, false);
      out += esc.text;
      i = esc.next;
      canRepeat = esc.repeatable;
      continue;
    }
    if (ch === '[') {
      const cls = translateClass(pattern, i);
      out += cls.text;
      i = cls.next;
      canRepeat = true;
      continue;
    }
    if (ch === '(') {
      if (pattern[i + 1] === '?') {
        const named = /^\(\?P<([A-Za-z0-9_]*)>/.exec(runes(i));
        if (named !== null) {
          if (named[1] === '' || !/^[A-Za-z_]/.test(named[1])) bad('invalid named capture', named[0]);
          out += `(?<${named[1]}>`;
          ungreedy.push(ungreedy[ungreedy.length - 1]);
          i += named[0].length;
        } else {
          const flag = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(runes(i));
          if (flag === null || (flag[1] === '' && (flag[2] ?? '') === '' && flag[3] === ')')) {
            const end = pattern.indexOf(')', i);
            bad('invalid or unsupported Perl syntax', pattern.slice(i, end < 0 ? Math.min(pattern.length, i + 3) : Math.min(end, i + 3)));
          }
          for (const f of flag[1]) if (f !== 'U') flags.add(f);
          const u = flag[1].includes('U') ? true : (flag[2] ?? '').includes('U') ? false : ungreedy[ungreedy.length - 1];
          i += flag[0].length;
          if (flag[3] === ')') {
            ungreedy[ungreedy.length - 1] = u;
            canRepeat = false;
            continue;
          }
          ungreedy.push(u);
          out += '(?:';
        }
      } else {
        out += '(';
        ungreedy.push(ungreedy[ungreedy.length - 1]);
        i++;
      }
      depth++;
      canRepeat = false;
      continue;
    }
    if (ch === ')') {
      if (depth === 0) bad('unexpected )', pattern);
      depth--;
      ungreedy.pop();
      out += ')';
      i++;
      canRepeat = true;
      continue;
    }
    if (ch === '|') {
      out += '|';
      i++;
      canRepeat = false;
      continue;
    }
    if (ch === '^' || ch === '$') {
      out += ch;
      i++;
      canRepeat = true;
      continue;
    }
    const cp = pattern.codePointAt(i) ?? 0;
    const literal = String.fromCodePoint(cp);
    out += ch === '.' ? '.' : escapeLiteral(literal);
    i += literal.length;
    canRepeat = true;
  }
  if (depth > 0) bad('missing closing )', pattern);
  try {
    return new RegExp(out, `${[...flags].join('')}g`);
  } catch (e) {
    return bad(e instanceof Error ? e.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '').toLowerCase() : String(e), pattern);
  }
}

const PERL_CLASSES: Record<string, string> = { d: '0-9', w: '0-9A-Za-z_', s: '\\t\\n\\f\\r ' };

function translateEscape(pattern: string, i: number, inClass: boolean): { text: string; next: number; repeatable: boolean } {
  const next = pattern[i + 1];
  const simple: Record<string, string> = { a: '\\x07', f: '\\f', t: '\\t', n: '\\n', r: '\\r', v: '\\v' };
  if (Object.hasOwn(simple, next)) return { text: simple[next], next: i + 2, repeatable: true };
  if (next === 'Q' && !inClass) {
    const end = pattern.indexOf('\\E', i + 2);
    const literal = end < 0 ? pattern.slice(i + 2) : pattern.slice(i + 2, end);
    return { text: [...literal].map(escapeLiteral).join(''), next: end < 0 ? pattern.length : end + 2, repeatable: literal.length > 0 };
  }
  if (!inClass && (next === 'A' || next === 'z')) return { text: next === 'A' ? '(?<![\\s\\S])' : '(?![\\s\\S])', next: i + 2, repeatable: true };
  if (!inClass && (next === 'b' || next === 'B')) return { text: `\\${next}`, next: i + 2, repeatable: true };
  const lower = next.toLowerCase();
  if (Object.hasOwn(PERL_CLASSES, lower)) {
    const set = PERL_CLASSES[lower];
    if (inClass) {
      if (next !== lower) return { text: `\\${next}`, next: i + 2, repeatable: true };
      return { text: set, next: i + 2, repeatable: true };
    }
    return { text: next === lower ? `[${set}]` : `[^${set}]`, next: i + 2, repeatable: true };
  }
  if (next === 'x') {
    const brace = /^\{([0-9A-Fa-f]{1,8})\}/.exec(pattern.slice(i + 2));
    if (brace !== null) return { text: `\\u{${brace[1]}}`, next: i + 2 + brace[0].length, repeatable: true };
    const hex = pattern.slice(i + 2, i + 4);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) bad('invalid escape sequence', pattern.slice(i, i + 2 + hex.length));
    return { text: `\\x${hex}`, next: i + 4, repeatable: true };
  }
  if (next === 'p' || next === 'P') {
    const m = /^(\{\^?[A-Za-z_]+\}|[A-Za-z])/.exec(pattern.slice(i + 2));
    if (m === null) bad('invalid character class range', pattern.slice(i, i + 3));
    let name = m[1].replace(/[{}]/g, '');
    let negate = next === 'P';
    if (name.startsWith('^')) {
      negate = !negate;
      name = name.slice(1);
    }
    const text = `\\${negate ? 'P' : 'p'}{${name}}`;
    try {
      new RegExp(text, 'u');
    } catch {
      bad('invalid character class range', pattern.slice(i, i + 2 + m[1].length));
    }
    return { text, next: i + 2 + m[1].length, repeatable: true };
  }
  if (next >= '0' && next <= '7') {
    const oct = /^[0-7]{1,3}/.exec(pattern.slice(i + 1))?.[0] ?? next;
    if (next !== '0' && oct.length === 1) bad('invalid escape sequence', `\\${next}`);
    return { text: `\\u{${parseInt(oct, 8).toString(16)}}`, next: i + 1 + oct.length, repeatable: true };
  }
  const cp = next.codePointAt(0) ?? 0;
  if (cp < 0x80 && /[A-Za-z0-9_]/.test(next)) bad('invalid escape sequence', `\\${next}`);
  return { text: inClass ? escapeClassLiteral(next) : escapeLiteral(next), next: i + 2, repeatable: true };
}

function translateClass(pattern: string, start: number): { text: string; next: number } {
  let i = start + 1;
  let out = '[';
  if (pattern[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  const closeMissing = (): never => bad('missing closing ]', pattern.slice(start));
  while (true) {
    if (i >= pattern.length) closeMissing();
    const ch = pattern[i];
    if (ch === ']' && !first) {
      out += ']';
      return { text: out, next: i + 1 };
    }
    first = false;
    if (ch === '[' && pattern[i + 1] === ':') {
      const end = pattern.indexOf(':]', i + 2);
      if (end > 0) {
        let name = pattern.slice(i + 2, end);
        const negated = name.startsWith('^');
        if (negated) name = name.slice(1);
        const set = POSIX[name];
        if (set === undefined || !Object.hasOwn(POSIX, name)) bad('invalid character class range', pattern.slice(i, end + 2));
        if (negated) bad('invalid character class range', pattern.slice(i, end + 2));
        out += set;
        i = end + 2;
        continue;
      }
    }
    let lo: string;
    let loText: string;
    if (ch === '\\') {
      if (i + 1 >= pattern.length) closeMissing();
      const esc = translateEscape(pattern, i, true);
      lo = esc.text;
      loText = pattern.slice(i, esc.next);
      i = esc.next;
    } else {
      const cp = pattern.codePointAt(i) ?? 0;
      loText = String.fromCodePoint(cp);
      lo = escapeClassLiteral(loText);
      i += loText.length;
    }
    if (pattern[i] === '-' && pattern[i + 1] !== ']' && i + 1 < pattern.length) {
      i++;
      let hiText: string;
      let hi: string;
      if (pattern[i] === '\\') {
        const esc = translateEscape(pattern, i, true);
        hi = esc.text;
        hiText = pattern.slice(i, esc.next);
        i = esc.next;
      } else {
        const cp = pattern.codePointAt(i) ?? 0;
        hiText = String.fromCodePoint(cp);
        hi = escapeClassLiteral(hiText);
        i += hiText.length;
      }
      const loCp = (loText.startsWith('\\') ? lo : loText).codePointAt(0) ?? 0;
      const hiCp = (hiText.startsWith('\\') ? hi : hiText).codePointAt(0) ?? 0;
      if (!loText.startsWith('\\') && !hiText.startsWith('\\') && hiCp < loCp) bad('invalid character class range', `${loText}-${hiText}`);
      out += `${lo}-${hi}`;
      continue;
    }
    out += lo;
  }
}

const cache = new Map<string, PikeRegex>();

function compile(pattern: string): PikeRegex {
  let re = cache.get(pattern);
  if (re === undefined) {
    const js = compileGoRegexp(pattern);
    re = new PikeRegex(js.source, js.flags);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

function mustCompile(pattern: string): PikeRegex {
  try {
    return compile(pattern);
  } catch (e) {
    if (e instanceof GoError) panic(`regexp: Compile(${canBackquote(pattern) ? `\`${pattern}\`` : quote(pattern)}): ${e.message}`);
    throw e;
  }
}

function execAt(re: PikeRegex, s: string, pos: number): VmMatch | null {
  return re.exec(s, pos);
}

function runeWidth(s: string, pos: number): number {
  const c = s.codePointAt(pos);
  if (c === undefined) return 0;
  return c > 0xffff ? 2 : 1;
}

/** Go's allMatches: an empty match right after a previous match is skipped. */
export function findAll(re: PikeRegex, s: string, n: number): VmMatch[] {
  const out: VmMatch[] = [];
  if (n < 0) n = s.length + 1;
  let pos = 0;
  let prevEnd = -1;
  while (out.length < n && pos <= s.length) {
    const m = execAt(re, s, pos);
    if (m === null) break;
    const start = m.index;
    const end = m.end;
    let accept = true;
    if (end === pos) {
      if (start === prevEnd) accept = false;
      const w = runeWidth(s, pos);
      pos = w > 0 ? pos + w : s.length + 1;
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** regexp.Expand's template syntax: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, m: VmMatch): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch !== '$' || i + 1 >= template.length) {
      out += ch;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string;
    let len: number;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      const inner = close < 0 ? '' : template.slice(i + 2, close);
      if (close < 0 || !/^[A-Za-z0-9_]+$/.test(inner)) {
        out += ch;
        continue;
      }
      name = inner;
      len = close - i;
    } else {
      const mm = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (mm === null) {
        out += ch;
        continue;
      }
      name = mm[0];
      len = mm[0].length;
    }
    i += len;
    if (/^\d+$/.test(name)) {
      const idx = Number(name);
      if (idx < m.groups.length) out += m.groups[idx] ?? '';
    } else out += m.named[name] ?? '';
  }
  return out;
}

function replaceAll(re: PikeRegex, s: string, repl: (m: VmMatch) => string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= s.length) {
    const m = execAt(re, s, searchPos);
    if (m === null) break;
    const start = m.index;
    const end = m.end;
    out += s.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += repl(m);
    lastMatchEnd = end;
    const w = runeWidth(s, searchPos);
    if (searchPos + w > end) searchPos += w;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + s.slice(lastMatchEnd);
}

function split(re: PikeRegex, pattern: string, s: string, n: number): string[] {
  if (n === 0) return [];
  if (pattern.length > 0 && s.length === 0) return [''];
  const matches = findAll(re, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.end !== 0) out.push(s.slice(beg, end));
    beg = m.end;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => `\\${c}`);
}

const strings = (items: string[]): GoValue => newSlice(items, 'string');

export function regexFuncs(): GoFunc[] {
  const S = 'string';
  const both = (name: string, params: string[], result: string, impl: (re: PikeRegex, ...args: never[]) => GoValue, withPattern = false): GoFunc[] => [
    def(name, params, result, (pattern: string, ...args: never[]) => impl(mustCompile(pattern), ...(withPattern ? ([pattern, ...args] as never[]) : args))),
    def(`must${name[0].toUpperCase()}${name.slice(1)}`, params, result, (pattern: string, ...args: never[]) =>
      impl(compile(pattern), ...(withPattern ? ([pattern, ...args] as never[]) : args)), { returnsError: true }),
  ];
  return [
    def('regexMatch', [S, S], 'bool', (pattern: string, s: string) => {
      try {
        return execAt(compile(pattern), s, 0) !== null;
      } catch (e) {
        if (e instanceof GoError) return false;
        throw e;
      }
    }),
    def('mustRegexMatch', [S, S], 'bool', (pattern: string, s: string) => execAt(compile(pattern), s, 0) !== null, { returnsError: true }),
    ...both('regexFindAll', [S, S, 'int'], '[]string', (re: PikeRegex, s: string, n: { toNumber(): number }) => {
      const found = findAll(re, s, n.toNumber());
      return found.length === 0 ? nilSlice('string') : strings(found.map((m) => m.groups[0] ?? ''));
    }),
    ...both('regexFind', [S, S], S, (re: PikeRegex, s: string) => execAt(re, s, 0)?.groups[0] ?? ''),
    ...both('regexReplaceAll', [S, S, S], S, (re: PikeRegex, s: string, repl: string) => replaceAll(re, s, (m) => expand(repl, m))),
    ...both('regexReplaceAllLiteral', [S, S, S], S, (re: PikeRegex, s: string, repl: string) => replaceAll(re, s, () => repl)),
    ...both('regexSplit', [S, S, 'int'], '[]string', (re: PikeRegex, pattern: string, s: string, n: { toNumber(): number }) => strings(split(re, pattern, s, n.toNumber())), true),
    def('regexQuoteMeta', [S], S, (s: string) => quoteMeta(s)),
  ];
}
