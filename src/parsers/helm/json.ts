/** Go's encoding/json for template values: Marshal (sorted keys, HTML escaping) and Unmarshal into interface{}. */
import { formatFloat } from './template/strconv.js';
import { GoError, GoInt, GoStruct, isGoMap, isNilSlice, newMap, sortedKeys, typeName, type GoMap, type GoValue } from './template/value.js';

/** The JSON text Go writes for a float64 (ES6-like, with Go's exponent formatting). */
export function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new GoError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const abs = Math.abs(f);
  let fmt: 'f' | 'e' = 'f';
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) fmt = 'e';
  let out = formatFloat(f, fmt, -1);
  if (fmt === 'e') out = out.replace(/e-0(\d)$/, 'e-$1');
  return out;
}

const HEX = '0123456789abcdef';

export function jsonString(text: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      const safe = cp >= 0x20 && ch !== '"' && ch !== '\\' && !(escapeHTML && (ch === '<' || ch === '>' || ch === '&'));
      if (safe) {
        out += ch;
        continue;
      }
      switch (ch) {
        case '\\':
        case '"':
          out += `\\${ch}`;
          break;
        case '\n':
          out += '\\n';
          break;
        case '\r':
          out += '\\r';
          break;
        case '\t':
          out += '\\t';
          break;
        default:
          out += `\\u00${HEX[cp >> 4]}${HEX[cp & 15]}`;
      }
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16)}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The value json.Marshal sees: structs as their JSON field maps. */
export function jsonView(value: GoValue): GoValue {
  if (value instanceof GoStruct) return value.jsonValue();
  return value;
}

export interface MarshalOptions {
  escapeHTML?: boolean;
  indent?: string;
}

/** json.Marshal / json.MarshalIndent(v, "", indent). */
export function marshalJson(value: GoValue, options: MarshalOptions = {}): string {
  const escapeHTML = options.escapeHTML ?? true;
  const indent = options.indent;
  const seen = new Set<object>();
  const enc = (v: GoValue, depth: number): string => {
    v = jsonView(v);
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return jsonString(v, escapeHTML);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'number':
        return jsonFloat(v);
    }
    if (v instanceof GoInt) return v.value.toString();
    if (v instanceof Uint8Array) return `"${Buffer.from(v).toString('base64')}"`;
    if (v instanceof GoStruct || isNilSlice(v)) return 'null';
    if (seen.has(v)) throw new GoError(`json: unsupported value: encountered a cycle via ${typeName(v)}`);
    seen.add(v);
    try {
      const nl = indent === undefined ? '' : `\n${indent.repeat(depth + 1)}`;
      const end = indent === undefined ? '' : `\n${indent.repeat(depth)}`;
      if (Array.isArray(v)) {
        if (v.length === 0) return '[]';
        return `[${v.map((x) => nl + enc(x, depth + 1)).join(',')}${end}]`;
      }
      const keys = sortedKeys(v);
      if (keys.length === 0) return '{}';
      const sep = indent === undefined ? ':' : ': ';
      return `{${keys.map((k) => nl + jsonString(k, escapeHTML) + sep + enc(v[k], depth + 1)).join(',')}${end}}`;
    } finally {
      seen.delete(v);
    }
  };
  return enc(value, 0);
}

/** A JSON syntax error with encoding/json's wording. */
class JsonParser {
  private i = 0;
  private readonly s: string;
  constructor(text: string) {
    this.s = text;
  }

  private fail(context: string): never {
    if (this.i >= this.s.length) throw new GoError('unexpected end of JSON input');
    throw new GoError(`invalid character ${quoteChar(this.s[this.i])} ${context}`);
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i])) this.i++;
  }

  parseTop(): GoValue {
    this.ws();
    const v = this.value('looking for beginning of value');
    this.ws();
    if (this.i < this.s.length) this.fail('after top-level value');
    return v;
  }

  private value(context: string): GoValue {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (c === word[0]) {
        for (let k = 0; k < word.length; k++, this.i++) {
          if (this.s[this.i] !== word[k]) this.fail(`in literal ${word} (expecting ${quoteChar(word[k])})`);
        }
        return v;
      }
    }
    this.fail(context);
  }

  private object(): GoMap {
    this.i++;
    const out = newMap();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail('after object key');
      this.i++;
      out[key] = this.value('looking for beginning of value');
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): GoValue[] {
    this.i++;
    const out: GoValue[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value('looking for beginning of value'));
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      this.fail('after array element');
    }
  }

  private string(): string {
    this.i++;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.fail('in string literal');
      const c = this.s[this.i];
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c < ' ') this.fail('in string literal');
      if (c !== '\\') {
        out += c;
        this.i++;
        continue;
      }
      this.i++;
      const e = this.s[this.i];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && Object.hasOwn(simple, e)) {
        out += simple[e];
        this.i++;
        continue;
      }
      if (e === 'u') {
        const hex = this.s.slice(this.i + 1, this.i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          this.i += 1 + hex.search(/[^0-9a-fA-F]|$/);
          this.fail('in \\u hexadecimal character escape');
        }
        let cp = parseInt(hex, 16);
        this.i += 5;
        if (cp >= 0xd800 && cp < 0xdc00 && this.s.slice(this.i, this.i + 2) === '\\u') {
          const lo = parseInt(this.s.slice(this.i + 2, this.i + 6), 16);
          if (lo >= 0xdc00 && lo < 0xe000) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            this.i += 6;
          } else cp = 0xfffd;
        } else if (cp >= 0xd800 && cp < 0xe000) cp = 0xfffd;
        out += String.fromCodePoint(cp);
        continue;
      }
      this.fail('in string escape code');
    }
  }

  private number(): number {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (m === null) {
      this.i++;
      this.fail('in numeric literal');
    }
    this.i += m[0].length;
    return Number(m[0]);
  }
}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  return `'${c}'`;
}

/** json.Unmarshal into interface{}. Throws GoError with encoding/json's message. */
export function unmarshalJson(text: string): GoValue {
  return new JsonParser(text).parseTop();
}

/** json.Unmarshal into map[string]interface{} / []interface{}, with Go's type-mismatch error. */
export function unmarshalJsonAs(text: string, want: 'map' | 'slice'): GoValue {
  const v = unmarshalJson(text);
  if (v === null) return want === 'map' ? newMap() : [];
  if (want === 'map' && !isGoMap(v)) throw new GoError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`);
  if (want === 'slice' && !Array.isArray(v)) throw new GoError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`);
  return v;
}

export function jsonKind(v: GoValue): string {
  if (Array.isArray(v)) return 'array';
  if (isGoMap(v)) return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

