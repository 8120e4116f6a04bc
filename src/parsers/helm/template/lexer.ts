/** A port of Go's text/template/parse/lex.go (Go 1.18, as Helm 3.10 was built with). */
import { quote } from './strconv.js';

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'comment'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'EOF'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Item {
  typ: ItemType;
  /** Offset in the input (UTF-16 units). */
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, ItemType> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};

export function isKeyword(typ: ItemType): boolean {
  return Object.values(KEYWORDS).includes(typ);
}

/** item.String() as parse errors print it. */
export function itemString(item: Item): string {
  if (item.typ === 'EOF') return 'EOF';
  if (item.typ === 'error') return item.val;
  if (isKeyword(item.typ)) return `<${item.val}>`;
  if ([...item.val].length > 10) return `${goQuotePrefix(item.val, 10)}...`;
  return goQuote(item.val);
}

function goQuote(text: string): string {
  return quote(text);
}

/** %.10q: quote the first n runes. */
function goQuotePrefix(text: string, n: number): string {
  return goQuote([...text].slice(0, n).join(''));
}

const LEFT_DELIM = '{{';
const RIGHT_DELIM = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const SPACE_CHARS = ' \t\r\n';

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isAlphaNumeric(c: string): boolean {
  return c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return at + 1 < s.length && s[at] === '-' && isSpace(s[at + 1]);
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return at + 1 < s.length && isSpace(s[at]) && s[at + 1] === '-';
}

const EOF = '';

/** Lexes a whole template into items; stops at the first error item. */
export class Lexer {
  private readonly input: string;
  private pos = 0;
  private start = 0;
  private width = 0;
  private line = 1;
  private startLine = 1;
  private parenDepth = 0;
  private readonly items: Item[] = [];
  breakOK = true;
  continueOK = true;

  constructor(input: string) {
    this.input = input;
  }

  run(): Item[] {
    let state: (() => unknown) | null = () => this.lexText();
    while (state !== null) state = state() as (() => unknown) | null;
    return this.items;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos) ?? 0;
    const ch = String.fromCodePoint(cp);
    this.width = ch.length;
    this.pos += this.width;
    if (ch === '\n') this.line++;
    return ch;
  }

  private peek(): string {
    const ch = this.next();
    this.backup();
    return ch;
  }

  private backup(): void {
    this.pos -= this.width;
    if (this.width === 1 && this.input[this.pos] === '\n') this.line--;
  }

  private emit(typ: ItemType): void {
    this.items.push({ typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine });
    this.start = this.pos;
    this.startLine = this.line;
  }

  private ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  private accept(valid: string): boolean {
    const ch = this.next();
    if (ch !== EOF && valid.includes(ch)) return true;
    this.backup();
    return false;
  }

  private acceptRun(valid: string): void {
    for (;;) {
      const ch = this.next();
      if (ch === EOF || !valid.includes(ch)) break;
    }
    this.backup();
  }

  private errorf(message: string): null {
    this.items.push({ typ: 'error', pos: this.start, val: message, line: this.startLine });
    return null;
  }

  private lexText(): (() => unknown) | null {
    this.width = 0;
    const x = this.input.indexOf(LEFT_DELIM, this.pos);
    if (x >= 0) {
      this.pos = x;
      let trimLength = 0;
      if (hasLeftTrimMarker(this.input, this.pos + LEFT_DELIM.length)) {
        const text = this.input.slice(this.start, this.pos);
        trimLength = text.length - trimRight(text).length;
      }
      this.pos -= trimLength;
      if (this.pos > this.start) {
        this.line += countNewlines(this.input, this.start, this.pos);
        this.emit('text');
      }
      this.pos += trimLength;
      this.ignore();
      return () => this.lexLeftDelim();
    }
    this.pos = this.input.length;
    if (this.pos > this.start) {
      this.line += countNewlines(this.input, this.start, this.pos);
      this.emit('text');
    }
    this.emit('EOF');
    return null;
  }

  private atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT_DELIM, this.pos + 2)) return { delim: true, trim: true };
    if (this.input.startsWith(RIGHT_DELIM, this.pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }

  private lexLeftDelim(): () => unknown {
    this.pos += LEFT_DELIM.length;
    const trimSpace = hasLeftTrimMarker(this.input, this.pos);
    const afterMarker = trimSpace ? 2 : 0;
    if (this.input.startsWith(LEFT_COMMENT, this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return () => this.lexComment();
    }
    this.emit('leftDelim');
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return () => this.lexInsideAction();
  }

  private lexComment(): (() => unknown) | null {
    this.pos += LEFT_COMMENT.length;
    const x = this.input.indexOf(RIGHT_COMMENT, this.pos);
    if (x < 0) return this.errorf('unclosed comment');
    this.pos = x + RIGHT_COMMENT.length;
    const { delim, trim } = this.atRightDelim();
    if (!delim) return this.errorf('comment ends before closing delimiter');
    if (trim) this.pos += 2;
    this.pos += RIGHT_DELIM.length;
    if (trim) this.pos += leftTrimLength(this.input, this.pos);
    this.ignore();
    return () => this.lexText();
  }

  private lexRightDelim(): () => unknown {
    const trimSpace = hasRightTrimMarker(this.input, this.pos);
    if (trimSpace) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += RIGHT_DELIM.length;
    this.emit('rightDelim');
    if (trimSpace) {
      this.pos += leftTrimLength(this.input, this.pos);
      this.ignore();
    }
    return () => this.lexText();
  }

  private lexInsideAction(): (() => unknown) | null {
    const { delim } = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return () => this.lexRightDelim();
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === EOF) return this.errorf('unclosed action');
    if (isSpace(r)) {
      this.backup();
      return () => this.lexSpace();
    }
    switch (r) {
      case '=':
        this.emit('assign');
        return () => this.lexInsideAction();
      case ':':
        if (this.next() !== '=') return this.errorf('expected :=');
        this.emit('declare');
        return () => this.lexInsideAction();
      case '|':
        this.emit('pipe');
        return () => this.lexInsideAction();
      case '"':
        return () => this.lexQuote();
      case '`':
        return () => this.lexRawQuote();
      case '$':
        return () => this.lexVariable();
      case "'":
        return () => this.lexChar();
      case '(':
        this.emit('leftParen');
        this.parenDepth++;
        return () => this.lexInsideAction();
      case ')':
        this.emit('rightParen');
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf(`unexpected right paren ${unicodeName(r)}`);
        return () => this.lexInsideAction();
    }
    if (r === '.') {
      if (this.pos < this.input.length) {
        const c = this.input[this.pos];
        if (c < '0' || c > '9') return () => this.lexField();
      }
      this.backup();
      return () => this.lexNumber();
    }
    if (r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      this.backup();
      return () => this.lexNumber();
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return () => this.lexIdentifier();
    }
    const cp = r.codePointAt(0) ?? 0;
    if (cp <= 0x7f && cp >= 0x20 && cp !== 0x7f) {
      this.emit('char');
      return () => this.lexInsideAction();
    }
    return this.errorf(`unrecognized character in action: ${unicodeName(r)}`);
  }

  private lexSpace(): () => unknown {
    let numSpaces = 0;
    for (;;) {
      const r = this.peek();
      if (r === EOF || !isSpace(r)) break;
      this.next();
      numSpaces++;
    }
    if (hasRightTrimMarker(this.input, this.pos - 1) && this.input.startsWith(RIGHT_DELIM, this.pos - 1 + 2)) {
      this.backup();
      if (numSpaces === 1) return () => this.lexRightDelim();
    }
    this.emit('space');
    return () => this.lexInsideAction();
  }

  private lexIdentifier(): (() => unknown) | null {
    for (;;) {
      const r = this.next();
      if (r !== EOF && isAlphaNumeric(r)) continue;
      this.backup();
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf(`bad character ${unicodeName(r)}`);
      const keyword = KEYWORDS[word];
      if (keyword !== undefined && Object.hasOwn(KEYWORDS, word)) {
        if ((keyword === 'break' && !this.breakOK) || (keyword === 'continue' && !this.continueOK)) this.emit('identifier');
        else this.emit(keyword);
      } else if (word[0] === '.') this.emit('field');
      else if (word === 'true' || word === 'false') this.emit('bool');
      else this.emit('identifier');
      return () => this.lexInsideAction();
    }
  }

  private lexField(): (() => unknown) | null {
    return this.lexFieldOrVariable('field');
  }

  private lexVariable(): (() => unknown) | null {
    if (this.atTerminator()) {
      this.emit('variable');
      return () => this.lexInsideAction();
    }
    return this.lexFieldOrVariable('variable');
  }

  private lexFieldOrVariable(typ: ItemType): (() => unknown) | null {
    if (this.atTerminator()) {
      this.emit(typ === 'variable' ? 'variable' : 'dot');
      return () => this.lexInsideAction();
    }
    let r: string;
    for (;;) {
      r = this.next();
      if (r === EOF || !isAlphaNumeric(r)) {
        this.backup();
        break;
      }
    }
    if (!this.atTerminator()) return this.errorf(`bad character ${unicodeName(r)}`);
    this.emit(typ);
    return () => this.lexInsideAction();
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (r === EOF || isSpace(r)) return true;
    switch (r) {
      case '.':
      case ',':
      case '|':
      case ':':
      case ')':
      case '(':
        return true;
    }
    return r === RIGHT_DELIM[0];
  }

  private lexChar(): (() => unknown) | null {
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        const n = this.next();
        if (n !== EOF && n !== '\n') continue;
        return this.errorf('unterminated character constant');
      }
      if (r === EOF || r === '\n') return this.errorf('unterminated character constant');
      if (r === "'") break;
    }
    this.emit('charConstant');
    return () => this.lexInsideAction();
  }

  private lexNumber(): (() => unknown) | null {
    if (!this.scanNumber()) return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    const sign = this.peek();
    if (sign === '+' || sign === '-') {
      if (!this.scanNumber() || this.input[this.pos - 1] !== 'i') return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      this.emit('complex');
    } else this.emit('number');
    return () => this.lexInsideAction();
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 10 + 1 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 16 + 6 + 1 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    const next = this.peek();
    if (next !== EOF && isAlphaNumeric(next)) {
      this.next();
      return false;
    }
    return true;
  }

  private lexQuote(): (() => unknown) | null {
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        const n = this.next();
        if (n !== EOF && n !== '\n') continue;
        return this.errorf('unterminated quoted string');
      }
      if (r === EOF || r === '\n') return this.errorf('unterminated quoted string');
      if (r === '"') break;
    }
    this.emit('string');
    return () => this.lexInsideAction();
  }

  private lexRawQuote(): (() => unknown) | null {
    for (;;) {
      const r = this.next();
      if (r === EOF) return this.errorf('unterminated raw quoted string');
      if (r === '`') break;
    }
    this.emit('rawString');
    return () => this.lexInsideAction();
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function trimRight(text: string): string {
  let end = text.length;
  while (end > 0 && SPACE_CHARS.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

function leftTrimLength(text: string, from: number): number {
  let i = from;
  while (i < text.length && SPACE_CHARS.includes(text[i])) i++;
  return i - from;
}

/** %#U formatting: U+0041 'A'. */
function unicodeName(ch: string): string {
  if (ch === EOF) return 'U+FFFFFFFF';
  const cp = ch.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch);
  return printable ? `U+${hex} '${ch}'` : `U+${hex}`;
}
