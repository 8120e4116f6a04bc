import { codePointAt, describeChar, isIdentContinue, isIdentStart, isUnicodeSpace, shown } from './chars.js';

// Token kinds. Template literals, heredoc lines and template sequences are scanned with a mode stack,
// as HCL's own scanner does, so the parser sees one flat token stream.
export const T_EOF = 0;
export const T_NEWLINE = 1;
export const T_IDENT = 2;
export const T_NUMBER = 3;
export const T_OQUOTE = 4;
export const T_CQUOTE = 5;
export const T_QUOTED_LIT = 6;
export const T_OHEREDOC = 7;
export const T_CHEREDOC = 8;
export const T_HEREDOC_LIT = 9;
/** `${` or `${~` */
export const T_INTERP = 10;
/** `%{` or `%{~` */
export const T_CONTROL = 11;
/** `}` or `~}` closing a template sequence */
export const T_SEQ_END = 12;
export const T_OBRACE = 13;
export const T_CBRACE = 14;
export const T_OBRACK = 15;
export const T_CBRACK = 16;
export const T_OPAREN = 17;
export const T_CPAREN = 18;
export const T_COMMA = 19;
export const T_DOT = 20;
export const T_ELLIPSIS = 21;
export const T_STAR = 22;
export const T_SLASH = 23;
export const T_PERCENT = 24;
export const T_PLUS = 25;
export const T_MINUS = 26;
export const T_EQUAL = 27;
export const T_EQ = 28;
export const T_NEQ = 29;
export const T_LT = 30;
export const T_GT = 31;
export const T_LTE = 32;
export const T_GTE = 33;
export const T_AND = 34;
export const T_OR = 35;
export const T_BANG = 36;
export const T_QUESTION = 37;
export const T_COLON = 38;
export const T_DOUBLE_COLON = 39;
export const T_FAT_ARROW = 40;
export const T_INVALID = 41;
/** Literal text containing escape sequences (`\n`, `$${`...): the parser decodes these; others it slices. */
export const T_QUOTED_LIT_ESCAPED = 42;
export const T_HEREDOC_LIT_ESCAPED = 43;

/**
 * Tokens as parallel typed arrays: no object per token. Positions follow the conventions in ast.ts.
 * Only a token whose last character is a newline spans lines; it ends at column 1 of the next line.
 */
export interface Tokens {
  count: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  line: Int32Array;
  col: Int32Array;
  /** The file ends inside a string, heredoc or comment (already reported). */
  truncated: boolean;
}

export type Report = (message: string, line: number, column: number) => void;

const MODE_MAIN = 0;
const MODE_QUOTED = 1;
const MODE_HEREDOC = 2;

const INVALID_ASCII_HINTS: Record<number, string> = {
  39: 'single quotes are not valid in HCL; use double quotes (") around strings',
  96: 'the "`" character is not valid in HCL; for a multi-line string use a heredoc (<<EOT)',
  59: '";" is not valid in HCL; put each attribute on its own line and separate list items with ","',
  38: '"&" is not an HCL operator; did you mean "&&"?',
  124: '"|" is not an HCL operator; did you mean "||"?',
  126: '"~" is not an HCL operator; did you mean "!"?',
  94: 'bitwise operators such as "^" are not supported in HCL',
};

export function lex(text: string, report: Report): Tokens {
  return new Lexer(text, report).run();
}

class Lexer {
  private readonly text: string;
  private readonly len: number;
  private readonly report: Report;
  private pos: number;
  private line = 1;
  private lineStart: number;
  // The current scanning mode and, for strings and heredocs, where they opened; enclosing modes are
  // saved on parallel stacks (numbers rather than frame objects: one string literal is one push).
  private mode = MODE_MAIN;
  private openLine = 0;
  private openCol = 0;
  /** Heredoc closing marker. */
  private marker = '';
  /** The heredoc scanner is at the start of a line, where the closing marker may appear. */
  private startOfLine = false;
  private readonly modeStack: number[] = [];
  private readonly openLineStack: number[] = [];
  private readonly openColStack: number[] = [];
  private readonly markerStack: string[] = [];
  private readonly startOfLineStack: boolean[] = [];
  private braces = 0;
  /** Brace depths at which a `}` ends a template sequence instead of an object or block. */
  private readonly retBraces: number[] = [];
  private readonly tokens: Tokens;

  constructor(text: string, report: Report) {
    this.text = text;
    this.len = text.length;
    this.report = report;
    // A byte order mark is skipped and not counted as a column.
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.lineStart = this.pos;
    const capacity = Math.max(64, text.length >> 2);
    this.tokens = {
      count: 0,
      kind: new Uint8Array(capacity),
      start: new Int32Array(capacity),
      end: new Int32Array(capacity),
      line: new Int32Array(capacity),
      col: new Int32Array(capacity),
      truncated: false,
    };
  }

  run(): Tokens {
    for (;;) {
      const mode = this.mode;
      if (mode === MODE_MAIN) {
        this.lexMain();
        if (this.pos >= this.len && this.mode === MODE_MAIN) break;
      } else if (mode === MODE_QUOTED) {
        this.lexQuoted();
      } else {
        this.lexHeredoc();
      }
    }
    this.emit(T_EOF, this.len, this.len);
    return this.tokens;
  }

  private grow(): void {
    const t = this.tokens;
    const size = t.kind.length * 2;
    const kind = new Uint8Array(size);
    kind.set(t.kind);
    t.kind = kind;
    t.start = growInt(t.start, size);
    t.end = growInt(t.end, size);
    t.line = growInt(t.line, size);
    t.col = growInt(t.col, size);
  }

  /** A token that ends on the line it starts on. */
  private emit(kind: number, start: number, end: number): void {
    const t = this.tokens;
    if (t.count === t.kind.length) this.grow();
    const i = t.count++;
    t.kind[i] = kind;
    t.start[i] = start;
    t.end[i] = end;
    t.line[i] = this.line;
    t.col[i] = start - this.lineStart + 1;
  }

  /** A token whose last character is a newline; it ends at column 1 of the next line. */
  private emitEol(kind: number, start: number, end: number): void {
    const t = this.tokens;
    if (t.count === t.kind.length) this.grow();
    const i = t.count++;
    t.kind[i] = kind;
    t.start[i] = start;
    t.end[i] = end;
    t.line[i] = this.line;
    t.col[i] = start - this.lineStart + 1;
    this.line++;
    this.lineStart = end;
  }

  private column(pos: number): number {
    return pos - this.lineStart + 1;
  }

  private lexMain(): void {
    const text = this.text;
    const len = this.len;
    while (this.pos < len) {
      const pos = this.pos;
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9) {
        this.pos = pos + 1;
        continue;
      }
      if (c >= 48 && c <= 57) {
        this.lexNumber(pos);
        continue;
      }
      if (c < 128 && isIdentStart(c)) {
        let p = pos + 1;
        let d = text.charCodeAt(p);
        while (p < len && ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95 || d === 45)) {
          d = text.charCodeAt(++p);
        }
        if (d >= 128 && p < len) p = this.identTail(p);
        this.emit(T_IDENT, pos, p);
        this.pos = p;
        continue;
      }
      const next = text.charCodeAt(pos + 1);
      switch (c) {
        case 10:
          this.emitEol(T_NEWLINE, pos, pos + 1);
          this.pos = pos + 1;
          continue;
        case 13:
          if (next === 10) {
            this.emitEol(T_NEWLINE, pos, pos + 2);
            this.pos = pos + 2;
          } else {
            this.invalid(pos);
          }
          continue;
        case 35: // #
          this.lineComment(pos);
          continue;
        case 47: // /
          if (next === 47) this.lineComment(pos);
          else if (next === 42) this.blockComment(pos);
          else this.single(T_SLASH, pos, 1);
          continue;
        case 34: // "
          this.emit(T_OQUOTE, pos, pos + 1);
          this.pos = pos + 1;
          this.push(MODE_QUOTED, this.column(pos), '');
          return;
        case 60: // <
          if (next === 60 && this.heredocIntroducer(pos)) return;
          if (next === 61) this.single(T_LTE, pos, 2);
          else this.single(T_LT, pos, 1);
          continue;
        case 62: // >
          this.single(next === 61 ? T_GTE : T_GT, pos, next === 61 ? 2 : 1);
          continue;
        case 61: // =
          if (next === 61) this.single(T_EQ, pos, 2);
          else if (next === 62) this.single(T_FAT_ARROW, pos, 2);
          else this.single(T_EQUAL, pos, 1);
          continue;
        case 33: // !
          this.single(next === 61 ? T_NEQ : T_BANG, pos, next === 61 ? 2 : 1);
          continue;
        case 38: // &
          if (next === 38) this.single(T_AND, pos, 2);
          else this.invalid(pos);
          continue;
        case 124: // |
          if (next === 124) this.single(T_OR, pos, 2);
          else this.invalid(pos);
          continue;
        case 58: // :
          this.single(next === 58 ? T_DOUBLE_COLON : T_COLON, pos, next === 58 ? 2 : 1);
          continue;
        case 46: // .
          if (next === 46 && text.charCodeAt(pos + 2) === 46) this.single(T_ELLIPSIS, pos, 3);
          else this.single(T_DOT, pos, 1);
          continue;
        case 123: // {
          this.single(T_OBRACE, pos, 1);
          this.braces++;
          continue;
        case 125: // }
          if (this.closeBrace(pos, 1)) return;
          continue;
        case 126: // ~
          if (next === 125) {
            if (this.closeBrace(pos, 2)) return;
          } else {
            this.invalid(pos);
          }
          continue;
        case 91:
          this.single(T_OBRACK, pos, 1);
          continue;
        case 93:
          this.single(T_CBRACK, pos, 1);
          continue;
        case 40:
          this.single(T_OPAREN, pos, 1);
          continue;
        case 41:
          this.single(T_CPAREN, pos, 1);
          continue;
        case 44:
          this.single(T_COMMA, pos, 1);
          continue;
        case 42:
          this.single(T_STAR, pos, 1);
          continue;
        case 37:
          this.single(T_PERCENT, pos, 1);
          continue;
        case 43:
          this.single(T_PLUS, pos, 1);
          continue;
        case 45:
          this.single(T_MINUS, pos, 1);
          continue;
        case 63:
          this.single(T_QUESTION, pos, 1);
          continue;
        default:
          if (c >= 128 && isIdentStart(codePointAt(text, pos))) {
            const p = this.identTail(pos);
            this.emit(T_IDENT, pos, p);
            this.pos = p;
          } else {
            this.invalid(pos);
          }
      }
    }
  }

  private single(kind: number, pos: number, length: number): void {
    this.emit(kind, pos, pos + length);
    this.pos = pos + length;
  }

  /** Consumes identifier characters from `pos`, including non-ASCII ones; returns the end. */
  private identTail(pos: number): number {
    const text = this.text;
    let p = pos;
    while (p < this.len) {
      const cp = codePointAt(text, p);
      if (!isIdentContinue(cp)) break;
      p += cp > 0xffff ? 2 : 1;
    }
    return p;
  }

  /** `digit (digit | '.' | [eE][+-]?digit)*` not ending in '.', as HCL's scanner matches numbers. */
  private lexNumber(pos: number): void {
    const text = this.text;
    const len = this.len;
    let p = pos + 1;
    let end = p;
    while (p < len) {
      const c = text.charCodeAt(p);
      if (c >= 48 && c <= 57) {
        end = ++p;
      } else if (c === 46) {
        p++;
      } else if (c === 101 || c === 69) {
        let q = p + 1;
        let d = text.charCodeAt(q);
        if (d === 43 || d === 45) d = text.charCodeAt(++q);
        if (d >= 48 && d <= 57) end = p = q + 1;
        else break;
      } else {
        break;
      }
    }
    this.emit(T_NUMBER, pos, end);
    this.pos = end;
  }

  /** A line comment counts as the newline that ends it. */
  private lineComment(pos: number): void {
    const nl = this.text.indexOf('\n', pos);
    if (nl < 0) {
      this.pos = this.len;
      return;
    }
    const start = nl > pos && this.text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    this.emitEol(T_NEWLINE, start, nl + 1);
    this.pos = nl + 1;
  }

  private blockComment(pos: number): void {
    const close = this.text.indexOf('*/', pos + 2);
    const end = close < 0 ? this.len : close + 2;
    if (close < 0) {
      this.report('unterminated comment: "/*" has no closing "*/"', this.line, this.column(pos));
      this.tokens.truncated = true;
    }
    let nl = this.text.indexOf('\n', pos);
    while (nl >= 0 && nl < end) {
      this.line++;
      this.lineStart = nl + 1;
      nl = this.text.indexOf('\n', nl + 1);
    }
    this.pos = end;
  }

  /**
   * `<<EOT` or `<<-EOT` followed by a newline starts a heredoc. `<<` has no other meaning in HCL, so text
   * after the marker is reported and skipped rather than letting the heredoc body parse as configuration.
   */
  private heredocIntroducer(pos: number): boolean {
    const text = this.text;
    let p = pos + 2;
    if (text.charCodeAt(p) === 45) p++;
    const identStart = p;
    if (p >= this.len || !isIdentStart(codePointAt(text, p))) return false;
    p = this.identTail(p + (codePointAt(text, p) > 0xffff ? 2 : 1));
    const marker = text.slice(identStart, p);
    let eol = p;
    if (text.charCodeAt(eol) === 13) eol++;
    if (text.charCodeAt(eol) !== 10) {
      this.report(
        `the heredoc marker "<<${shown(marker)}" must be followed directly by a newline; move the rest of the line below it`,
        this.line,
        this.column(pos),
      );
      eol = text.indexOf('\n', p);
      if (eol < 0) {
        this.emit(T_OHEREDOC, pos, this.len);
        this.pos = this.len;
        this.push(MODE_HEREDOC, this.column(pos), marker);
        return true;
      }
    }
    this.push(MODE_HEREDOC, this.column(pos), marker);
    this.emitEol(T_OHEREDOC, pos, eol + 1);
    this.pos = eol + 1;
    return true;
  }

  /** Enters a mode opened on the current line at `openCol`. */
  private push(mode: number, openCol: number, marker: string): void {
    this.modeStack.push(this.mode);
    this.openLineStack.push(this.openLine);
    this.openColStack.push(this.openCol);
    this.markerStack.push(this.marker);
    this.startOfLineStack.push(this.startOfLine);
    this.mode = mode;
    this.openLine = this.line;
    this.openCol = openCol;
    this.marker = marker;
    this.startOfLine = true;
  }

  private pop(): void {
    this.mode = this.modeStack.pop() ?? MODE_MAIN;
    this.openLine = this.openLineStack.pop() ?? 0;
    this.openCol = this.openColStack.pop() ?? 0;
    this.marker = this.markerStack.pop() ?? '';
    this.startOfLine = this.startOfLineStack.pop() ?? false;
  }

  /** Returns true when the brace ended a template sequence and the scanner went back to the template. */
  private closeBrace(pos: number, length: number): boolean {
    const rb = this.retBraces;
    if (rb.length > 0 && rb[rb.length - 1] === this.braces) {
      this.single(T_SEQ_END, pos, length);
      this.braces--;
      rb.pop();
      this.pop();
      return true;
    }
    // A stray `~}` still becomes a sequence end so the parser can report it in context.
    this.single(length === 2 ? T_SEQ_END : T_CBRACE, pos, length);
    this.braces--;
    return false;
  }

  /** `${`, `${~`, `%{` or `%{~` at `pos` inside a template. */
  private openSequence(pos: number): void {
    const kind = this.text.charCodeAt(pos) === 36 ? T_INTERP : T_CONTROL;
    const length = this.text.charCodeAt(pos + 2) === 126 ? 3 : 2;
    this.single(kind, pos, length);
    this.braces++;
    this.retBraces.push(this.braces);
    this.push(MODE_MAIN, 0, '');
  }

  private invalid(pos: number): void {
    const text = this.text;
    const c = text.charCodeAt(pos);
    const hint = INVALID_ASCII_HINTS[c];
    if (hint !== undefined) {
      this.report(hint, this.line, this.column(pos));
      this.single(T_INVALID, pos, 1);
      return;
    }
    // Binary garbage: one diagnostic for a run of characters that cannot start any token.
    let p = pos;
    while (p < this.len) {
      const d = text.charCodeAt(p);
      if ((d >= 32 && d < 127) || d === 10 || d === 13 || d === 9) break;
      if (d >= 128 && isIdentStart(codePointAt(text, p))) break;
      p += d >= 0xd800 && d <= 0xdbff && p + 1 < this.len ? 2 : 1;
    }
    if (p === pos) p = pos + 1;
    const cp = codePointAt(text, pos);
    const message = text.slice(pos, p).includes('\ufffd')
        ? 'invalid UTF-8 byte sequence; HCL files must be UTF-8 text'
        : `unexpected character ${describeChar(cp)}${p - pos > 1 ? ` (and ${p - pos - 1} more invalid characters)` : ''}`;
    this.report(message, this.line, this.column(pos));
    this.single(T_INVALID, pos, p - pos);
  }

  private lexQuoted(): void {
    const text = this.text;
    const len = this.len;
    const start = this.pos;
    let p = start;
    let escaped = false;
    while (p < len) {
      const c = text.charCodeAt(p);
      if (c === 34 || c === 10 || c === 13) break;
      if (c === 92) {
        const n = text.charCodeAt(p + 1);
        p += n === 10 || n === 13 || p + 1 >= len ? 1 : 2;
        escaped = true;
        continue;
      }
      if (c === 36 || c === 37) {
        const n = text.charCodeAt(p + 1);
        if (n === 123) break;
        if (n === c && text.charCodeAt(p + 2) === 123) {
          p += 3;
          escaped = true;
          continue;
        }
      }
      p++;
    }
    if (p > start) this.emit(escaped ? T_QUOTED_LIT_ESCAPED : T_QUOTED_LIT, start, p);
    this.pos = p;
    const c = text.charCodeAt(p);
    if (c === 34) {
      this.single(T_CQUOTE, p, 1);
      this.pop();
    } else if (p >= len || c === 10 || c === 13) {
      if (p >= len) this.tokens.truncated = true;
      this.report(
        p >= len
          ? 'unterminated string: the closing quote is missing before the end of the file'
          : 'unterminated string: add the closing quote on the same line (a quoted string cannot span lines; use \\n or a heredoc <<EOT)',
        this.openLine,
        this.openCol,
      );
      this.emit(T_CQUOTE, p, p);
      this.pop();
    } else {
      this.openSequence(p);
    }
  }

  private lexHeredoc(): void {
    const text = this.text;
    const len = this.len;
    while (this.pos < len) {
      const segStart = this.pos;
      let p = segStart;
      let escaped = false;
      while (p < len) {
        const c = text.charCodeAt(p);
        if (c === 10 || (c === 13 && text.charCodeAt(p + 1) === 10)) break;
        if (c === 36 || c === 37) {
          const n = text.charCodeAt(p + 1);
          if (n === 123) break;
          if (n === c && text.charCodeAt(p + 2) === 123) {
            p += 3;
            escaped = true;
            continue;
          }
        }
        p++;
      }
      const literal = escaped ? T_HEREDOC_LIT_ESCAPED : T_HEREDOC_LIT;
      if (p >= len) {
        this.pos = p;
        if (p > segStart && this.startOfLine && this.isMarkerLine(segStart, p, this.marker)) {
          this.report(
            `the heredoc closing marker "${shown(this.marker)}" must be followed by a newline`,
            this.line,
            this.column(segStart),
          );
          this.emit(T_CHEREDOC, segStart, p);
          this.pop();
          return;
        }
        if (p > segStart) this.emit(literal, segStart, p);
        break;
      }
      const c = text.charCodeAt(p);
      if (c === 36 || c === 37) {
        if (p > segStart) this.emit(literal, segStart, p);
        this.startOfLine = false;
        this.pos = p;
        this.openSequence(p);
        return;
      }
      const eolEnd = c === 13 ? p + 2 : p + 1;
      if (this.startOfLine && this.isMarkerLine(segStart, p, this.marker)) {
        this.emit(T_CHEREDOC, segStart, p);
        this.emitEol(T_NEWLINE, p, eolEnd);
        this.pos = eolEnd;
        this.pop();
        return;
      }
      this.emitEol(literal, segStart, eolEnd);
      this.startOfLine = true;
      this.pos = eolEnd;
    }
    this.tokens.truncated = true;
    this.report(
      `unterminated heredoc: add a line containing only "${shown(this.marker)}" to close the heredoc opened here`,
      this.openLine,
      this.openCol,
    );
    this.emit(T_CHEREDOC, this.pos, this.pos);
    this.pop();
  }

  /** The line (without its newline) is the marker, optionally surrounded by spaces. */
  private isMarkerLine(start: number, end: number, marker: string): boolean {
    const text = this.text;
    let s = start;
    let e = end;
    while (s < e && isUnicodeSpace(text.charCodeAt(s))) s++;
    while (e > s && isUnicodeSpace(text.charCodeAt(e - 1))) e--;
    return e - s === marker.length && text.startsWith(marker, s);
  }
}

function growInt(array: Int32Array, size: number): Int32Array {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}
