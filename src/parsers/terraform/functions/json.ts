/** JSON as Terraform writes and reads it: Go's encoding/json escaping, sorted keys, Go's error wording. */
import { formatNumber } from './numbers.js';
import type { TfObject, TfValue } from './value.js';
import { FunctionError, Unknown, setKey, sortedKeys } from './value.js';

const HEX = '0123456789abcdef';

/** A JSON string literal escaped as Go's json.Marshal escapes it (HTML-safe, U+2028/2029 escaped). */
export function jsonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
    }
    if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&') {
      out += `\\u00${HEX[cp >> 4]}${HEX[cp & 0xf]}`;
    } else if (cp === 0x2028 || cp === 0x2029) {
      out += `\\u${cp.toString(16)}`;
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      out += '\\ufffd';
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

/** jsonencode for a wholly known value. */
export function jsonEncode(value: TfValue): string {
  if (value === null) return 'null';
  if (value instanceof Unknown) throw new FunctionError('value is not known');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FunctionError('cannot serialize infinity as JSON');
    return formatNumber(value);
  }
  if (typeof value === 'string') return jsonString(value);
  if (Array.isArray(value)) return `[${value.map(jsonEncode).join(',')}]`;
  return `{${sortedKeys(value)
    .map((key) => `${jsonString(key)}:${jsonEncode(value[key])}`)
    .join(',')}}`;
}

function quoteChar(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '"') return `'"'`;
  const quoted = JSON.stringify(ch);
  const named: Record<string, string> = { '\u0007': '\\a', '\u000b': '\\v' };
  const inner = named[ch] ?? quoted.slice(1, -1).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
  return `'${inner}'`;
}

class JsonSyntaxError extends FunctionError {}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** A JSON reader that fails with the messages Go's decoder gives. */
class Reader {
  private pos = 0;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text[this.pos])) this.pos++;
  }

  /** Go's decoder says `unexpected EOF` inside a token and `EOF` between tokens. */
  private fail(context: string, betweenTokens = false): never {
    const ch = this.peek();
    if (ch === undefined) throw new JsonSyntaxError(betweenTokens ? 'EOF' : 'unexpected EOF');
    throw new JsonSyntaxError(`invalid character ${quoteChar(ch)}${context ? ` ${context}` : ''}`);
  }

  document(): TfValue {
    this.skipSpace();
    if (this.pos >= this.text.length) throw new JsonSyntaxError('EOF');
    const value = this.value();
    this.skipSpace();
    if (this.pos < this.text.length) throw new JsonSyntaxError('extraneous data after JSON object');
    return value;
  }

  private value(): TfValue {
    this.skipSpace();
    const ch = this.peek();
    switch (ch) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string().normalize('NFC');
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
        return this.fail('looking for beginning of value', true);
    }
  }

  private literal(word: string, value: TfValue): TfValue {
    for (let i = 0; i < word.length; i++) {
      const ch = this.peek();
      if (ch === undefined) throw new JsonSyntaxError('unexpected EOF');
      if (ch !== word[i]) this.fail(`in literal ${word} (expecting ${quoteChar(word[i])})`);
      this.pos++;
    }
    return value;
  }

  private digits(context: string): void {
    const ch = this.peek();
    if (ch === undefined) throw new JsonSyntaxError('unexpected EOF');
    if (ch < '0' || ch > '9') this.fail(context);
    while ((this.peek() ?? '') >= '0' && (this.peek() ?? '') <= '9') this.pos++;
  }

  private number(): number {
    const start = this.pos;
    if (this.peek() === '-') this.pos++;
    if (this.peek() === '0') this.pos++;
    else this.digits('in numeric literal');
    if (this.peek() === '.') {
      this.pos++;
      this.digits('after decimal point in numeric literal');
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      this.pos++;
      if (this.peek() === '+' || this.peek() === '-') this.pos++;
      this.digits('in exponent of numeric literal');
    }
    return Number(this.text.slice(start, this.pos));
  }

  private string(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new JsonSyntaxError('unexpected EOF');
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch < ' ') this.fail('in string literal');
      if (ch !== '\\') {
        out += ch;
        this.pos++;
        continue;
      }
      this.pos++;
      const escape = this.peek();
      if (escape === undefined) throw new JsonSyntaxError('unexpected EOF');
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (simple[escape] !== undefined) {
        out += simple[escape];
        this.pos++;
        continue;
      }
      if (escape !== 'u') this.fail('in string escape code');
      this.pos++;
      let code = 0;
      for (let i = 0; i < 4; i++) {
        const hex = this.peek();
        if (hex === undefined) throw new JsonSyntaxError('unexpected EOF');
        if (!/[0-9A-Fa-f]/.test(hex)) this.fail('in \\u hexadecimal character escape');
        code = code * 16 + parseInt(hex, 16);
        this.pos++;
      }
      out += String.fromCharCode(code);
    }
  }

  private array(): TfValue[] {
    this.pos++;
    const out: TfValue[] = [];
    this.skipSpace();
    if (this.peek() === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      const ch = this.peek();
      if (ch === ',') {
        this.pos++;
        continue;
      }
      if (ch === ']') {
        this.pos++;
        return out;
      }
      this.fail('after array element', true);
    }
  }

  private object(): TfObject {
    this.pos++;
    const out: TfObject = {};
    this.skipSpace();
    if (this.peek() === '}') {
      this.pos++;
      return out;
    }
    for (let first = true; ; first = false) {
      this.skipSpace();
      if (this.peek() !== '"') this.fail(first ? '' : 'looking for beginning of object key string', true);
      const key = this.string().normalize('NFC');
      this.skipSpace();
      if (this.peek() !== ':') this.fail('after object key', true);
      this.pos++;
      setKey(out, key, this.value());
      this.skipSpace();
      const ch = this.peek();
      if (ch === ',') {
        this.pos++;
        continue;
      }
      if (ch === '}') {
        this.pos++;
        return out;
      }
      this.fail('after object key:value pair', true);
    }
  }
}

/** jsondecode: the value a JSON document stands for; FunctionError with Go's wording when it is not JSON. */
export function jsonDecode(text: string): TfValue {
  return new Reader(text).document();
}
