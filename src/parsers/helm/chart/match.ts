/** Path matching as Helm does it: Go's path/filepath.Match (for .helmignore) and gobwas/glob (for .Files.Glob). */

export class BadPatternError extends Error {}

/** filepath.Match on '/'-separated names; throws BadPatternError like ErrBadPattern. */
export function goPathMatch(pattern: string, name: string): boolean {
  let re: RegExp;
  try {
    re = new RegExp(`^${matchRegexSource(pattern)}$`, 'su');
  } catch {
    throw new BadPatternError('syntax error in pattern');
  }
  return re.test(name);
}

function matchRegexSource(source: string): string {
  // Code points, so that a character outside the BMP is one pattern character as in Go.
  const pattern = Array.from(source);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '*') {
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '\\') {
      if (i + 1 >= pattern.length) throw new BadPatternError('syntax error in pattern');
      out += escapeRegex(pattern[i + 1]);
      i += 2;
    } else if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (pattern[j] === '^') {
        cls += '^';
        j++;
      }
      let count = 0;
      while (j < pattern.length && (pattern[j] !== ']' || count === 0)) {
        let lo = pattern[j];
        if (lo === '\\') {
          j++;
          if (j >= pattern.length) throw new BadPatternError('syntax error in pattern');
          lo = pattern[j];
        } else if (lo === ']' || lo === '-') throw new BadPatternError('syntax error in pattern');
        j++;
        let piece = escapeClass(lo);
        if (pattern[j] === '-' && pattern[j + 1] !== ']') {
          let hi = pattern[j + 1];
          j += 2;
          if (hi === '\\') {
            hi = pattern[j];
            j++;
          }
          if (hi === undefined) throw new BadPatternError('syntax error in pattern');
          if (hi < lo) throw new BadPatternError('syntax error in pattern');
          piece = `${escapeClass(lo)}-${escapeClass(hi)}`;
        }
        cls += piece;
        count++;
      }
      if (j >= pattern.length || count === 0) throw new BadPatternError('syntax error in pattern');
      out += `(?:(?!/)${cls}])`;
      i = j + 1;
    } else {
      out += escapeRegex(c);
      i++;
    }
  }
  return out;
}

/** Escapes one character for a RegExp with the `u` flag (which rejects needless escapes such as `\\-`). */
function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

function escapeClass(c: string): string {
  return /[\\\]^-]/.test(c) ? `\\${c}` : c;
}

/** gobwas/glob with '/' as separator: `*`, `**`, `?`, `[...]`, `[!...]`, `{a,b}`. Undefined if it does not compile. */
export function compileGlob(source: string): RegExp | undefined {
  const pattern = Array.from(source);
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    switch (c) {
      case '*':
        if (pattern[i + 1] === '*') {
          out += '.*';
          i++;
        } else out += '[^/]*';
        break;
      case '?':
        out += '[^/]';
        break;
      case '\\':
        if (i + 1 >= pattern.length) return undefined;
        out += escapeRegex(pattern[++i]);
        break;
      case '[': {
        const close = pattern.indexOf(']', i + 2);
        if (close < 0) return undefined;
        let body = pattern.slice(i + 1, close).join('');
        const negate = body.startsWith('!');
        if (negate) body = body.slice(1);
        out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, (x) => `\\${x}`)}]`;
        i = close;
        break;
      }
      case '{':
        depth++;
        out += '(?:';
        break;
      case '}':
        if (depth === 0) return undefined;
        depth--;
        out += ')';
        break;
      case ',':
        out += depth > 0 ? '|' : ',';
        break;
      default:
        out += escapeRegex(c);
    }
  }
  if (depth !== 0) return undefined;
  try {
    return new RegExp(`^${out}$`, 'su');
  } catch {
    return undefined;
  }
}

interface Rule {
  raw: string;
  negate: boolean;
  mustDir: boolean;
  match: (path: string) => boolean;
}

/** Helm's pkg/ignore rules (.helmignore), including its handling of `!` rules. */
export class IgnoreRules {
  private readonly rules: Rule[] = [];

  static parse(text: string): IgnoreRules {
    const rules = new IgnoreRules();
    for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) rules.add(line);
    return rules;
  }

  addDefaults(): void {
    this.add('templates/.?*');
  }

  add(line: string): void {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) return;
    if (rule.includes('**')) throw new BadPatternError('double-star (**) syntax is not supported');
    goPathMatch(rule, 'abc');
    const raw = rule;
    let negate = false;
    let mustDir = false;
    if (rule.startsWith('!')) {
      negate = true;
      rule = rule.slice(1);
    }
    if (rule.endsWith('/')) {
      mustDir = true;
      rule = rule.slice(0, -1);
    }
    let match: (path: string) => boolean;
    if (rule.startsWith('/')) {
      const anchored = rule.slice(1);
      match = (p) => safeMatch(anchored, p);
    } else if (rule.includes('/')) match = (p) => safeMatch(rule, p);
    else match = (p) => safeMatch(rule, p.slice(p.lastIndexOf('/') + 1));
    this.rules.push({ raw, negate, mustDir, match });
  }

  ignores(path: string, isDir: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const r of this.rules) {
      if (r.negate) {
        if (r.mustDir && !isDir) return true;
        if (!r.match(path)) return true;
        continue;
      }
      if (r.mustDir && !isDir) continue;
      if (r.match(path)) return true;
    }
    return false;
  }
}

function safeMatch(pattern: string, name: string): boolean {
  try {
    return goPathMatch(pattern, name);
  } catch {
    return false;
  }
}
