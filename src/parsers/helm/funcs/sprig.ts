/** Sprig v3.2 functions Helm exposes: strings, lists, dicts, math, defaults, reflection, encoding. */
import { cleanPath } from '../../shared/go-path.js';
import { createHash } from 'node:crypto';
import { marshalJson, unmarshalJson } from '../json.js';
import { formatValue, sprintf } from '../template/fmt.js';
import { quote as goQuote } from '../template/strconv.js';
import {
  GoError,
  GoInt,
  GoStruct,
  compareBytes,
  deepEqual,
  goInt,
  goInt64,
  isEmpty,
  isGoMap,
  kindOf,
  newMap,
  newSlice,
  setMapType,
  sortedKeys,
  typeName,
  utf8Bytes,
  utf8Decode,
  type GoFunc,
  type GoMap,
  type GoValue,
} from '../template/value.js';
import {
  byteLength,
  byteSlice,
  def,
  isDigit,
  isLetter,
  isLower,
  isNumber,
  isPunct,
  isSpace,
  isUpper,
  listItems,
  num,
  panic,
  strslice,
  strval,
  toFloat64,
  toInt64,
  toLowerRune,
  toUpperRune,
  trimCutset,
  trimSpace,
} from './support.js';

const I = 'interface {}';
const MAP = 'map[string]interface {}';

/** Context the stateful functions need: a deterministic random source. */
export interface SprigContext {
  random(): number;
  /** Charges work that is not template evaluation (big lists, strings) to the render's step budget. */
  spend(steps: number): void;
  /** Values registry: lets omit/pick/deepCopy results keep pointing at the values they came from. */
  derive(from: GoValue, to: GoValue): void;
}

// ---- strings --------------------------------------------------------------

function title(text: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of text) {
    out += isSeparator(prev) ? toUpperRune(ch) : ch;
    prev = ch;
  }
  return out;
}

function isSeparator(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  if (c <= 0x7f) return !/[0-9a-zA-Z_]/.test(ch);
  if (isLetter(ch) || isDigit(ch)) return false;
  return isSpace(ch);
}

function untitle(text: string): string {
  let next = true;
  let out = '';
  for (const ch of text) {
    if (isSpace(ch)) {
      next = true;
      out += ch;
    } else if (next) {
      out += toLowerRune(ch);
      next = false;
    } else out += ch;
  }
  return out;
}

function initials(text: string): string {
  let out = '';
  let gap = true;
  for (const b of utf8Bytes(text)) {
    const ch = String.fromCharCode(b);
    if (isSpace(ch)) gap = true;
    else if (gap) {
      out += String.fromCodePoint(b);
      gap = false;
    }
  }
  return out;
}

function abbreviate(text: string, offset: number, maxWidth: number): string {
  if (text === '') return '';
  if (maxWidth < 4) throw new GoError('stringutils illegal argument: Minimum abbreviation width is 4');
  const len = byteLength(text);
  if (len <= maxWidth) return text;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return `${byteSlice(text, 0, maxWidth - 3)}...`;
  if (maxWidth < 7) throw new GoError('stringutils illegal argument: Minimum abbreviation width with offset is 7');
  if (offset + maxWidth - 3 < len) return `...${abbreviate(byteSlice(text, offset), 0, maxWidth - 3)}`;
  return `...${byteSlice(text, len - (maxWidth - 3))}`;
}

function wrap(text: string, wrapLength: number, newLine: string, wrapLongWords: boolean): string {
  if (text === '') return '';
  if (newLine === '') newLine = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const bytes = utf8Bytes(text);
  const sub = (a: number, b?: number): string => utf8Decode(bytes.subarray(a, b));
  const len = bytes.length;
  let offset = 0;
  let out = '';
  while (len - offset > wrapLength) {
    if (bytes[offset] === 0x20) {
      offset++;
      continue;
    }
    const end = Math.min(wrapLength + offset + 1, len);
    const window = bytes.subarray(offset, end);
    const space = window.lastIndexOf(0x20) + offset;
    if (space >= offset) {
      out += sub(offset, space) + newLine;
      offset = space + 1;
    } else if (wrapLongWords) {
      out += sub(offset, wrapLength + offset) + newLine;
      offset += wrapLength;
    } else {
      const idx = bytes.subarray(wrapLength + offset).indexOf(0x20);
      if (idx === -1) {
        out += sub(offset);
        offset = len;
      } else {
        const at = idx + wrapLength + offset;
        out += sub(offset, at) + newLine;
        offset = at + 1;
      }
    }
  }
  return out + sub(offset);
}

function isConnector(ch: string): boolean {
  return ch === '-' || ch === '_' || isSpace(ch);
}

/** xstrings.ToCamelCase as vendored by Helm 3.10 (first word capitalised too). */
function camelcase(text: string): string {
  if (text === '') return '';
  const runes = [...text];
  let out = '';
  let i = 0;
  let r0 = '';
  for (; i < runes.length; i++) {
    r0 = runes[i];
    if (!isConnector(r0)) {
      r0 = toUpperRune(r0);
      i++;
      break;
    }
    out += r0;
  }
  if (i >= runes.length) return runes.length > 0 && !isConnector(runes[runes.length - 1]) ? out + r0 : out;
  for (; i < runes.length; i++) {
    const r1 = r0;
    r0 = runes[i];
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) r0 = toUpperRune(r0);
    else {
      r0 = toLowerRune(r0);
      out += r1;
    }
  }
  return out + r0;
}

type WordType = 'invalid' | 'number' | 'upper' | 'alphabet' | 'connector' | 'punct' | 'other';

function isAlphabet(ch: string): boolean {
  return isLetter(ch);
}

function nextWord(runes: string[], start: number): [WordType, number] {
  if (start >= runes.length) return ['invalid', start];
  let i = start;
  const r = runes[i];
  i++;
  if (isConnector(r)) {
    while (i < runes.length && isConnector(runes[i])) i++;
    return ['connector', i];
  }
  if (isPunct(r)) {
    while (i < runes.length && isPunct(runes[i])) i++;
    return ['punct', i];
  }
  if (isUpper(r)) {
    if (i >= runes.length) return ['upper', i];
    if (isUpper(runes[i])) {
      i++;
      while (i < runes.length && isUpper(runes[i])) i++;
      if (i < runes.length && isAlphabet(runes[i])) i--;
    } else if (isAlphabet(runes[i])) {
      i++;
      while (i < runes.length && isAlphabet(runes[i]) && !isUpper(runes[i])) i++;
    }
    return ['upper', i];
  }
  if (isAlphabet(r)) {
    while (i < runes.length && isAlphabet(runes[i]) && !isUpper(runes[i])) i++;
    return ['alphabet', i];
  }
  if (isNumber(r)) {
    while (i < runes.length && isNumber(runes[i])) i++;
    return ['number', i];
  }
  while (i < runes.length && !(isConnector(runes[i]) || isAlphabet(runes[i]) || isNumber(runes[i]) || isPunct(runes[i]))) i++;
  return ['other', i];
}

/** xstrings' camelCaseToLowerCase (word based), behind snakecase and kebabcase. */
function camelToLower(text: string, connector: string): string {
  if (text === '') return '';
  const runes = [...text];
  let out = '';
  const lower = (wt: WordType, a: number, b: number): void => {
    const word = runes.slice(a, b);
    if (wt !== 'upper' && wt !== 'connector') {
      out += word.join('');
      return;
    }
    for (const ch of word) out += isConnector(ch) ? connector : isUpper(ch) ? toLowerRune(ch) : ch;
  };
  let start = 0;
  let [wt, end] = nextWord(runes, start);
  const remaining = (): boolean => end < runes.length;
  while (remaining()) {
    if (wt !== 'connector') lower(wt, start, end);
    const prev = wt;
    const lastStart = start;
    const lastEnd = end;
    start = end;
    [wt, end] = nextWord(runes, start);
    switch (prev) {
      case 'number':
        while (wt === 'alphabet' || wt === 'number') {
          lower(wt, start, end);
          start = end;
          [wt, end] = nextWord(runes, start);
        }
        if (wt !== 'invalid' && wt !== 'punct' && wt !== 'connector') out += connector;
        break;
      case 'connector':
        lower(prev, lastStart, lastEnd);
        break;
      case 'punct':
        break;
      default: {
        if (wt !== 'number') {
          if (wt !== 'connector' && wt !== 'punct') out += connector;
          break;
        }
        if (!remaining()) break;
        const numStart = start;
        const numEnd = end;
        start = end;
        [wt, end] = nextWord(runes, start);
        if (wt !== 'alphabet') {
          lower('number', numStart, numEnd);
          if (wt !== 'connector' && wt !== 'punct') out += connector;
          break;
        }
        out += connector;
        lower('number', numStart, numEnd);
        while (wt === 'alphabet' || wt === 'number') {
          lower(wt, start, end);
          start = end;
          [wt, end] = nextWord(runes, start);
        }
        if (wt !== 'invalid' && wt !== 'connector' && wt !== 'punct') out += connector;
      }
    }
  }
  lower(wt, start, end);
  return out;
}

function swapcase(text: string): string {
  let out = '';
  for (const ch of text) out += isUpper(ch) ? toLowerRune(ch) : isLower(ch) ? toUpperRune(ch) : ch;
  return out;
}

function adler32(text: string): number {
  let a = 1;
  let b = 0;
  for (const byte of utf8Bytes(text)) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function base32Encode(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function base32Decode(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  if (text.length % 8 !== 0) return `illegal base32 data at input byte ${text.length - (text.length % 8)}`;
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  const body = text.replace(/=+$/, '');
  for (let i = 0; i < body.length; i++) {
    const idx = alphabet.indexOf(body[i]);
    if (idx < 0) return `illegal base32 data at input byte ${i}`;
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return utf8Decode(Uint8Array.from(bytes));
}

const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64.StdEncoding.DecodeString; Sprig returns the error text on failure. */
export function base64Decode(text: string): string {
  const src = utf8Bytes(text);
  const out: number[] = [];
  let si = 0;
  const corrupt = (at: number): string => `illegal base64 data at input byte ${at}`;
  const isNl = (b: number | undefined): boolean => b === 0x0a || b === 0x0d;
  while (si < src.length) {
    const dbuf: number[] = [];
    let dlen = 4;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return utf8Decode(Uint8Array.from(out));
        return corrupt(si - j);
      }
      const b = src[si++];
      const v = B64_ALPHABET.indexOf(String.fromCharCode(b));
      if (v >= 0 && b < 0x80) {
        dbuf[j] = v;
        continue;
      }
      if (isNl(b)) {
        j--;
        continue;
      }
      if (b !== 0x3d) return corrupt(si - 1);
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNl(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== 0x3d) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNl(src[si])) si++;
      if (si < src.length) return corrupt(si);
      dlen = j;
      break;
    }
    const val = ((dbuf[0] ?? 0) << 18) | ((dbuf[1] ?? 0) << 12) | ((dbuf[2] ?? 0) << 6) | (dbuf[3] ?? 0);
    const bytes = [(val >> 16) & 255, (val >> 8) & 255, val & 255];
    out.push(...bytes.slice(0, dlen - 1));
  }
  return utf8Decode(Uint8Array.from(out));
}

// ---- numbers --------------------------------------------------------------

/** How many elements untilStep produces, known before producing them. */
function stepCount(start: number, stop: number, step: number): number {
  if (stop < start) return step >= 0 ? 0 : Math.ceil((start - stop) / -step);
  return step <= 0 ? 0 : Math.ceil((stop - start) / step);
}

function untilStep(start: number, stop: number, step: number, spend: (n: number) => void): GoValue[] {
  const count = stepCount(start, stop, step);
  if (count > 10_000_000) throw new GoError('until: too many elements');
  spend(count);
  const out: GoValue[] = [];
  for (let i = 0; i < count; i++) out.push(goInt(start + i * step));
  return newSlice(out, 'int');
}

function seq(params: number[], spend: (n: number) => void): string {
  const str = (items: GoValue[]): string => items.map((v) => formatValue(v)).join(' ');
  switch (params.length) {
    case 0:
      return '';
    case 1: {
      const end = params[0];
      const inc = end < 1 ? -1 : 1;
      return str(untilStep(1, end + inc, inc, spend));
    }
    case 2: {
      const [start, end] = params;
      const step = end < start ? -1 : 1;
      return str(untilStep(start, end + step, step, spend));
    }
    case 3: {
      const [start, step, end] = params;
      let inc = 1;
      if (end < start) {
        inc = -1;
        if (step > 0) return '';
      }
      return str(untilStep(start, end + inc, step, spend));
    }
    default:
      return '';
  }
}

/** shopspring/decimal arithmetic on the shortest decimal form of each float64. */
class Decimal {
  readonly coef: bigint;
  readonly exp: number;
  constructor(coef: bigint, exp: number) {
    this.coef = coef;
    this.exp = exp;
  }
  static fromFloat(f: number): Decimal {
    if (!Number.isFinite(f)) throw new Error(`Cannot create a Decimal from ${formatValue(f)}`);
    if (f === 0) return new Decimal(0n, 0);
    const [mant, e] = f.toExponential().split('e');
    const digits = mant.replace('.', '').replace('-', '');
    const fracLen = mant.includes('.') ? mant.split('.')[1].length : 0;
    const coef = BigInt(digits) * (f < 0 ? -1n : 1n);
    return new Decimal(coef, Number(e) - fracLen);
  }
  private align(o: Decimal): [bigint, bigint, number] {
    const exp = Math.min(this.exp, o.exp);
    return [this.coef * 10n ** BigInt(this.exp - exp), o.coef * 10n ** BigInt(o.exp - exp), exp];
  }
  add(o: Decimal): Decimal {
    const [a, b, e] = this.align(o);
    return new Decimal(a + b, e);
  }
  sub(o: Decimal): Decimal {
    const [a, b, e] = this.align(o);
    return new Decimal(a - b, e);
  }
  mul(o: Decimal): Decimal {
    return new Decimal(this.coef * o.coef, this.exp + o.exp);
  }
  /** DivRound(o, 16): half away from zero. */
  div(o: Decimal): Decimal {
    if (o.coef === 0n) throw new Error('decimal division by 0');
    const precision = 16;
    const shift = precision + 1 + this.exp - o.exp;
    let num = this.coef;
    let den = o.coef;
    if (shift >= 0) num *= 10n ** BigInt(shift);
    else den *= 10n ** BigInt(-shift);
    let q = num / den;
    const neg = q < 0n || (q === 0n && (num < 0n) !== (den < 0n));
    let abs = q < 0n ? -q : q;
    const last = abs % 10n;
    abs /= 10n;
    if (last >= 5n) abs += 1n;
    q = neg ? -abs : abs;
    return new Decimal(q, -precision);
  }
  toFloat(): number {
    return Number(`${this.coef}e${this.exp}`);
  }
}

function decimalOp(first: GoValue, rest: GoValue[], op: (a: Decimal, b: Decimal) => Decimal): number {
  let acc = Decimal.fromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, Decimal.fromFloat(toFloat64(x)));
  return acc.toFloat();
}

function goRound(value: GoValue, places: number, roundOn: number): number {
  const val = toFloat64(value);
  const pow = 10 ** places;
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

// ---- lists ----------------------------------------------------------------

function typeKind(value: GoValue): string {
  return kindOf(value);
}

function needList(value: GoValue, what: string): GoValue[] {
  const items = listItems(value);
  if (items === undefined) throw new GoError(`Cannot ${what} on type ${typeKind(value)}`);
  return items;
}

function inList(haystack: GoValue[], needle: GoValue): boolean {
  return haystack.some((h) => deepEqual(needle, h));
}

function sliceList(list: GoValue, indices: GoValue[]): GoValue {
  const items = listItems(list);
  if (items === undefined) throw new GoError(`list should be type of slice or array but ${typeKind(list)}`);
  if (items.length === 0) return null;
  const start = indices.length > 0 ? Number(toInt64(indices[0])) : 0;
  const end = indices.length >= 2 ? Number(toInt64(indices[1])) : items.length;
  if (start < 0 || end > items.length || start > end) panic('reflect.Value.Slice: slice index out of bounds');
  const out = items.slice(start, end);
  if (list instanceof Uint8Array) return Uint8Array.from(out.map((v) => num(v)));
  return newSlice(out, elemTypeOf(list));
}

function elemTypeOf(list: GoValue): string | undefined {
  const t = typeName(list);
  return t.startsWith('[]') ? t.slice(2) : undefined;
}

function chunk(size: number, list: GoValue): GoValue {
  const items = listItems(list);
  if (items === undefined) throw new GoError(`Cannot chunk type ${typeKind(list)}`);
  const l = items.length;
  const cs = Math.floor((l - 1) / size) + 1;
  if (!Number.isFinite(cs) || cs < 0) panic('runtime error: makeslice: len out of range');
  const out: GoValue[] = [];
  for (let i = 0; i < cs; i++) {
    let clen = size;
    if (i === cs - 1) {
      clen = Math.floor(l % size);
      if (clen === 0) clen = size;
    }
    if (clen < 0) panic('runtime error: makeslice: len out of range');
    out.push(items.slice(i * size, i * size + clen));
  }
  return newSlice(out, '[]interface {}');
}

// ---- dicts ----------------------------------------------------------------

/** mergo's isEmptyValue (interfaces look through to their content; structs are never empty). */
function mergoEmpty(value: GoValue): boolean {
  return isEmpty(value) && !(value instanceof GoStruct);
}

/** mergo.Merge / MergeWithOverwrite (v0.3.12) on map[string]interface{} trees, quirks included. */
export function mergoMerge(dst: GoMap, src: GoMap, overwrite: boolean, depth = 0): void {
  if (depth > 1000) throw new GoError('merge: maximum depth exceeded');
  for (const key of Object.keys(src)) {
    const srcElem = src[key];
    const dstHas = Object.hasOwn(dst, key);
    const dstElem = dstHas ? dst[key] : null;
    if (srcElem === null) {
      if (overwrite) dst[key] = null;
      continue;
    }
    const isList = Array.isArray(srcElem) || srcElem instanceof Uint8Array;
    if (isGoMap(srcElem)) {
      if (dstHas && isGoMap(dstElem)) mergoMerge(dstElem, srcElem, overwrite, depth + 1);
    } else if (isList) {
      let dstSlice: GoValue = !dstHas || dstElem === null ? newSlice([], elemTypeOf(srcElem)) : dstElem;
      if (overwrite || Object.keys(dst).length === 0) dstSlice = srcElem;
      dst[key] = dstSlice;
    }
    if (dstHas && !mergoEmpty(dstElem) && (isGoMap(srcElem) || isList)) continue;
    if (overwrite || !dstHas || mergoEmpty(dstElem)) dst[key] = srcElem;
  }
}

function dig(args: GoValue[]): GoValue {
  if (args.length < 3) panic('dig needs at least three arguments');
  const dict = args[args.length - 1];
  if (!isGoMap(dict) || typeName(dict) !== MAP) panic(`interface conversion: interface {} is ${typeName(dict)}, not map[string]interface {}`);
  const def_ = args[args.length - 2];
  const keys = args.slice(0, -2).map((k) => {
    if (typeof k !== 'string') panic(`interface conversion: interface {} is ${typeName(k)}, not string`);
    return k;
  });
  let current: GoMap = dict;
  for (let i = 0; i < keys.length; i++) {
    if (!Object.hasOwn(current, keys[i])) return def_;
    const step = current[keys[i]];
    if (i === keys.length - 1) return step;
    if (!isGoMap(step) || typeName(step) !== MAP) panic(`interface conversion: interface {} is ${typeName(step)}, not map[string]interface {}`);
    current = step;
  }
  return def_;
}

/** copystructure.Copy: a deep copy that keeps the Go types. */
export function deepCopy(value: GoValue, depth = 0): GoValue {
  if (depth > 10_000) throw new GoError('deepCopy: maximum depth exceeded');
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof GoInt || value instanceof GoStruct) return value;
  if (value instanceof Uint8Array) return Uint8Array.from(value);
  if (Array.isArray(value)) return newSlice(value.map((v) => deepCopy(v, depth + 1)), elemTypeOf(value));
  const out = newMap(typeName(value));
  for (const k of Object.keys(value)) out[k] = deepCopy(value[k], depth + 1);
  return out;
}

// ---- the function table ---------------------------------------------------

export function sprigFuncs(ctx: SprigContext): GoFunc[] {
  const randomString = (count: number, chars: string): string => {
    if (count < 0) return '';
    if (count > 10_000_000) throw new GoError('random string too long');
    ctx.spend(count);
    let out = '';
    for (let i = 0; i < count; i++) out += chars[Math.floor(ctx.random() * chars.length)];
    return out;
  };
  const alpha = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const digits = '0123456789';
  let ascii = '';
  for (let c = 32; c <= 126; c++) ascii += String.fromCharCode(c);
  const shuffle = (text: string): string => {
    const runes = [...text];
    for (let i = runes.length - 1; i > 0; i--) {
      const j = Math.floor(ctx.random() * (i + 1));
      [runes[i], runes[j]] = [runes[j], runes[i]];
    }
    return runes.join('');
  };
  const must = (name: string, fnName: string, params: string[], result: string, impl: (...a: never[]) => GoValue, variadic?: string): GoFunc[] => [
    def(name, params, result, (...args: never[]) => {
      try {
        return impl(...args);
      } catch (e) {
        if (e instanceof GoError) panic(e.message);
        throw e;
      }
    }, { variadic }),
    def(fnName, params, result, impl, { variadic, returnsError: true }),
  ];

  return [
    def('hello', [], 'string', () => 'Hello!'),
    // strings
    def('abbrev', ['int', 'string'], 'string', (w: GoInt, s: string) => (w.toNumber() < 4 ? s : abbreviate(s, 0, w.toNumber()))),
    def('abbrevboth', ['int', 'int', 'string'], 'string', (l: GoInt, r: GoInt, s: string) => {
      const left = l.toNumber();
      const right = r.toNumber();
      if (right < 4 || (left > 0 && right < 7)) return s;
      try {
        return abbreviate(s, left, right);
      } catch {
        return '';
      }
    }),
    def('trunc', ['int', 'string'], 'string', (c: GoInt, s: string) => {
      const n = c.toNumber();
      const len = byteLength(s);
      if (n < 0 && len + n > 0) return byteSlice(s, len + n);
      if (n >= 0 && len > n) return byteSlice(s, 0, n);
      return s;
    }),
    def('trim', ['string'], 'string', (s: string) => trimSpace(s)),
    def('upper', ['string'], 'string', (s: string) => [...s].map(toUpperRune).join('')),
    def('lower', ['string'], 'string', (s: string) => [...s].map(toLowerRune).join('')),
    def('title', ['string'], 'string', (s: string) => title(s)),
    def('untitle', ['string'], 'string', (s: string) => untitle(s)),
    def('substr', ['int', 'int', 'string'], 'string', (a: GoInt, b: GoInt, s: string) => {
      const start = a.toNumber();
      const end = b.toNumber();
      if (start < 0) return byteSlice(s, 0, end);
      if (end < 0 || end > byteLength(s)) return byteSlice(s, start);
      return byteSlice(s, start, end);
    }),
    def('repeat', ['int', 'string'], 'string', (c: GoInt, s: string) => {
      const n = c.toNumber();
      if (n < 0) panic('strings: negative Repeat count');
      if (n * s.length > 64 * 1024 * 1024) throw new GoError('repeat: result too large');
      return s.repeat(n);
    }),
    def('trimall', ['string', 'string'], 'string', (a: string, b: string) => trimCutset(b, a)),
    def('trimAll', ['string', 'string'], 'string', (a: string, b: string) => trimCutset(b, a)),
    def('trimSuffix', ['string', 'string'], 'string', (a: string, b: string) => (a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
    def('trimPrefix', ['string', 'string'], 'string', (a: string, b: string) => (a !== '' && b.startsWith(a) ? b.slice(a.length) : b)),
    def('nospace', ['string'], 'string', (s: string) => [...s].filter((ch) => !isSpace(ch)).join('')),
    def('initials', ['string'], 'string', (s: string) => initials(s)),
    def('randAlphaNum', ['int'], 'string', (c: GoInt) => randomString(c.toNumber(), alpha + digits)),
    def('randAlpha', ['int'], 'string', (c: GoInt) => randomString(c.toNumber(), alpha)),
    def('randAscii', ['int'], 'string', (c: GoInt) => randomString(c.toNumber(), ascii)),
    def('randNumeric', ['int'], 'string', (c: GoInt) => randomString(c.toNumber(), digits)),
    def('swapcase', ['string'], 'string', (s: string) => swapcase(s)),
    def('shuffle', ['string'], 'string', (s: string) => shuffle(s)),
    def('snakecase', ['string'], 'string', (s: string) => camelToLower(s, '_')),
    def('camelcase', ['string'], 'string', (s: string) => camelcase(s)),
    def('kebabcase', ['string'], 'string', (s: string) => camelToLower(s, '-')),
    def('wrap', ['int', 'string'], 'string', (l: GoInt, s: string) => wrap(s, l.toNumber(), '', false)),
    def('wrapWith', ['int', 'string', 'string'], 'string', (l: GoInt, sep: string, s: string) => wrap(s, l.toNumber(), sep, true)),
    def('contains', ['string', 'string'], 'bool', (sub: string, s: string) => s.includes(sub)),
    def('hasPrefix', ['string', 'string'], 'bool', (p: string, s: string) => s.startsWith(p)),
    def('hasSuffix', ['string', 'string'], 'bool', (p: string, s: string) => s.endsWith(p)),
    def('quote', [], 'string', (...args: GoValue[]) => args.filter((a) => a !== null).map((a) => goQuote(strval(a))).join(' '), { variadic: I }),
    def('squote', [], 'string', (...args: GoValue[]) => args.filter((a) => a !== null).map((a) => `'${formatValue(a)}'`).join(' '), { variadic: I }),
    def('cat', [], 'string', (...args: GoValue[]) => {
      const kept = args.filter((a) => a !== null);
      return sprintf(Array(kept.length).fill('%v').join(' '), kept);
    }, { variadic: I }),
    def('indent', ['int', 'string'], 'string', (n: GoInt, s: string) => indent(n.toNumber(), s)),
    def('nindent', ['int', 'string'], 'string', (n: GoInt, s: string) => `\n${indent(n.toNumber(), s)}`),
    def('replace', ['string', 'string', 'string'], 'string', (o: string, n: string, s: string) => goReplaceAll(s, o, n)),
    def('plural', ['string', 'string', 'int'], 'string', (one: string, many: string, c: GoInt) => (c.value === 1n ? one : many)),
    def('sha1sum', ['string'], 'string', (s: string) => createHash('sha1').update(s, 'utf8').digest('hex')),
    def('sha256sum', ['string'], 'string', (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')),
    def('adler32sum', ['string'], 'string', (s: string) => String(adler32(s))),
    def('toString', [I], 'string', (v: GoValue) => strval(v)),
    def('atoi', ['string'], 'int', (s: string) => goInt(/^[+-]?\d+$/.test(s) ? clampInt64(BigInt(s)) : 0n)),
    def('int64', [I], 'int64', (v: GoValue) => goInt64(toInt64(v))),
    def('int', [I], 'int', (v: GoValue) => goInt(toInt64(v))),
    def('float64', [I], 'float64', (v: GoValue) => toFloat64(v)),
    def('seq', [], 'string', (...p: GoInt[]) => seq(p.map((x) => x.toNumber()), (k) => ctx.spend(k)), { variadic: 'int' }),
    def('toDecimal', [I], 'int64', (v: GoValue) => {
      const text = formatValue(v);
      if (!/^[+-]?[0-7]+$/.test(text)) return goInt64(0);
      const value = BigInt(`0o${text.replace(/^[+-]/, '')}`) * (text.startsWith('-') ? -1n : 1n);
      return goInt64(clampInt64(value) === value ? value : 0n);
    }),
    def('split', ['string', 'string'], 'map[string]string', (sep: string, s: string) => splitMap(goSplit(s, sep, -1))),
    def('splitList', ['string', 'string'], '[]string', (sep: string, s: string) => newSlice(goSplit(s, sep, -1), 'string')),
    def('splitn', ['string', 'int', 'string'], 'map[string]string', (sep: string, n: GoInt, s: string) => splitMap(goSplit(s, sep, n.toNumber()))),
    def('toStrings', [I], '[]string', (v: GoValue) => newSlice(strslice(v), 'string')),
    def('until', ['int'], '[]int', (c: GoInt) => {
      const n = c.toNumber();
      return untilStep(0, n, n < 0 ? -1 : 1, (k) => ctx.spend(k));
    }),
    def('untilStep', ['int', 'int', 'int'], '[]int', (a: GoInt, b: GoInt, s: GoInt) => untilStep(a.toNumber(), b.toNumber(), s.toNumber(), (k) => ctx.spend(k))),
    // arithmetic
    def('add1', [I], 'int64', (v: GoValue) => goInt64(toInt64(v) + 1n)),
    def('add', [], 'int64', (...v: GoValue[]) => goInt64(v.reduce<bigint>((a, b) => a + toInt64(b), 0n)), { variadic: I }),
    def('sub', [I, I], 'int64', (a: GoValue, b: GoValue) => goInt64(toInt64(a) - toInt64(b))),
    def('div', [I, I], 'int64', (a: GoValue, b: GoValue) => {
      const d = toInt64(b);
      if (d === 0n) panic('runtime error: integer divide by zero');
      return goInt64(toInt64(a) / d);
    }),
    def('mod', [I, I], 'int64', (a: GoValue, b: GoValue) => {
      const d = toInt64(b);
      if (d === 0n) panic('runtime error: integer divide by zero');
      return goInt64(toInt64(a) % d);
    }),
    def('mul', [I], 'int64', (a: GoValue, ...v: GoValue[]) => goInt64(v.reduce<bigint>((acc, b) => acc * toInt64(b), toInt64(a))), { variadic: I }),
    def('randInt', ['int', 'int'], 'int', (min: GoInt, max: GoInt) => {
      const span = max.value - min.value;
      if (span <= 0n) panic('invalid argument to Intn');
      return goInt(min.value + BigInt(Math.floor(ctx.random() * Number(span))));
    }),
    def('add1f', [I], 'float64', (v: GoValue) => decimalOp(v, [goInt(1)], (a, b) => a.add(b))),
    def('addf', [], 'float64', (...v: GoValue[]) => decimalOp(0, v, (a, b) => a.add(b)), { variadic: I }),
    def('subf', [I], 'float64', (a: GoValue, ...v: GoValue[]) => decimalOp(a, v, (x, y) => x.sub(y)), { variadic: I }),
    def('divf', [I], 'float64', (a: GoValue, ...v: GoValue[]) => decimalOp(a, v, (x, y) => x.div(y)), { variadic: I }),
    def('mulf', [I], 'float64', (a: GoValue, ...v: GoValue[]) => decimalOp(a, v, (x, y) => x.mul(y)), { variadic: I }),
    def('biggest', [I], 'int64', (a: GoValue, ...v: GoValue[]) => goInt64(v.reduce<bigint>((m, b) => (toInt64(b) > m ? toInt64(b) : m), toInt64(a))), { variadic: I }),
    def('max', [I], 'int64', (a: GoValue, ...v: GoValue[]) => goInt64(v.reduce<bigint>((m, b) => (toInt64(b) > m ? toInt64(b) : m), toInt64(a))), { variadic: I }),
    def('min', [I], 'int64', (a: GoValue, ...v: GoValue[]) => goInt64(v.reduce<bigint>((m, b) => (toInt64(b) < m ? toInt64(b) : m), toInt64(a))), { variadic: I }),
    def('maxf', [I], 'float64', (a: GoValue, ...v: GoValue[]) => v.reduce<number>((m, b) => goMax(m, toFloat64(b)), toFloat64(a)), { variadic: I }),
    def('minf', [I], 'float64', (a: GoValue, ...v: GoValue[]) => v.reduce<number>((m, b) => goMin(m, toFloat64(b)), toFloat64(a)), { variadic: I }),
    def('ceil', [I], 'float64', (v: GoValue) => Math.ceil(toFloat64(v))),
    def('floor', [I], 'float64', (v: GoValue) => Math.floor(toFloat64(v))),
    def('round', [I, 'int'], 'float64', (v: GoValue, p: GoInt, ...r: number[]) => goRound(v, p.toNumber(), r.length > 0 ? r[0] : 0.5), { variadic: 'float64' }),
    // string slices
    def('join', ['string', I], 'string', (sep: string, v: GoValue) => strslice(v).join(sep)),
    def('sortAlpha', [I], '[]string', (v: GoValue) => {
      const items = listItems(v);
      if (items === undefined) return newSlice([strval(v)], 'string');
      return newSlice(strslice(v).sort(compareBytes), 'string');
    }),
    // defaults
    def('default', [I], I, (d: GoValue, ...given: GoValue[]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]), { variadic: I }),
    def('empty', [I], 'bool', (v: GoValue) => isEmpty(v)),
    def('coalesce', [], I, (...v: GoValue[]) => v.find((x) => !isEmpty(x)) ?? null, { variadic: I }),
    def('all', [], 'bool', (...v: GoValue[]) => v.every((x) => !isEmpty(x)), { variadic: I }),
    def('any', [], 'bool', (...v: GoValue[]) => v.some((x) => !isEmpty(x)), { variadic: I }),
    ...must('compact', 'mustCompact', [I], '[]interface {}', (l: GoValue) => needList(l, 'compact').filter((x) => !isEmpty(x))),
    def('mustFromJson', ['string'], I, (s: string) => unmarshalJson(s), { returnsError: true }),
    def('mustToJson', [I], 'string', (v: GoValue) => marshalJson(v), { returnsError: true }),
    def('toPrettyJson', [I], 'string', (v: GoValue) => swallow(() => marshalJson(v, { indent: '  ' }))),
    def('mustToPrettyJson', [I], 'string', (v: GoValue) => marshalJson(v, { indent: '  ' }), { returnsError: true }),
    def('toRawJson', [I], 'string', (v: GoValue) => swallow(() => marshalJson(v, { escapeHTML: false }))),
    def('mustToRawJson', [I], 'string', (v: GoValue) => marshalJson(v, { escapeHTML: false }), { returnsError: true }),
    def('ternary', [I, I, 'bool'], I, (t: GoValue, f: GoValue, c: boolean) => (c ? t : f)),
    def('deepCopy', [I], I, (v: GoValue) => {
      const copy = deepCopy(v);
      ctx.derive(v, copy);
      return copy;
    }),
    def('mustDeepCopy', [I], I, (v: GoValue) => deepCopy(v), { returnsError: true }),
    // reflection
    def('typeOf', [I], 'string', (v: GoValue) => typeName(v)),
    def('typeIs', ['string', I], 'bool', (t: string, v: GoValue) => t === typeName(v)),
    def('typeIsLike', ['string', I], 'bool', (t: string, v: GoValue) => t === typeName(v) || `*${t}` === typeName(v)),
    def('kindOf', [I], 'string', (v: GoValue) => kindOf(v)),
    def('kindIs', ['string', I], 'bool', (t: string, v: GoValue) => t === kindOf(v)),
    def('deepEqual', [I, I], 'bool', (a: GoValue, b: GoValue) => deepEqual(a, b)),
    // paths
    def('base', ['string'], 'string', (p: string) => pathBase(p)),
    def('dir', ['string'], 'string', (p: string) => pathDir(p)),
    def('clean', ['string'], 'string', (p: string) => cleanPath(p)),
    def('ext', ['string'], 'string', (p: string) => pathExt(p)),
    def('isAbs', ['string'], 'bool', (p: string) => p.startsWith('/')),
    def('osBase', ['string'], 'string', (p: string) => pathBase(p)),
    def('osClean', ['string'], 'string', (p: string) => cleanPath(p)),
    def('osDir', ['string'], 'string', (p: string) => pathDir(p)),
    def('osExt', ['string'], 'string', (p: string) => pathExt(p)),
    def('osIsAbs', ['string'], 'bool', (p: string) => p.startsWith('/')),
    // encoding
    def('b64enc', ['string'], 'string', (s: string) => Buffer.from(s, 'utf8').toString('base64')),
    def('b64dec', ['string'], 'string', (s: string) => base64Decode(s)),
    def('b32enc', ['string'], 'string', (s: string) => base32Encode(utf8Bytes(s))),
    def('b32dec', ['string'], 'string', (s: string) => base32Decode(s)),
    // data structures
    def('tuple', [], '[]interface {}', (...v: GoValue[]) => v, { variadic: I }),
    def('list', [], '[]interface {}', (...v: GoValue[]) => v, { variadic: I }),
    def('dict', [], MAP, (...v: GoValue[]) => {
      const out = newMap();
      for (let i = 0; i < v.length; i += 2) out[strval(v[i])] = i + 1 < v.length ? v[i + 1] : '';
      return out;
    }, { variadic: I }),
    def('get', [MAP, 'string'], I, (d: GoMap, k: string) => (Object.hasOwn(d, k) ? d[k] : '')),
    def('set', [MAP, 'string', I], MAP, (d: GoMap | null, k: string, v: GoValue) => {
      if (d === null) panic('assignment to entry in nil map');
      d[k] = v;
      return d;
    }),
    def('unset', [MAP, 'string'], MAP, (d: GoMap | null, k: string) => {
      if (d !== null) delete d[k];
      return d;
    }),
    def('hasKey', [MAP, 'string'], 'bool', (d: GoMap, k: string) => d !== null && Object.hasOwn(d, k)),
    def('pluck', ['string'], '[]interface {}', (k: string, ...ds: GoMap[]) => ds.filter((d) => d !== null && Object.hasOwn(d, k)).map((d) => d[k]), { variadic: MAP }),
    def('keys', [], '[]string', (...ds: GoMap[]) => newSlice(ds.flatMap((d) => (d === null ? [] : sortedKeys(d))), 'string'), { variadic: MAP }),
    def('pick', [MAP], MAP, (d: GoMap, ...keys: string[]) => {
      const out = newMap();
      for (const k of keys) if (d !== null && Object.hasOwn(d, k)) out[k] = d[k];
      ctx.derive(d, out);
      return out;
    }, { variadic: 'string' }),
    def('omit', [MAP], MAP, (d: GoMap, ...keys: string[]) => {
      const out = newMap();
      const drop = new Set(keys);
      if (d !== null) for (const k of Object.keys(d)) if (!drop.has(k)) out[k] = d[k];
      ctx.derive(d, out);
      return out;
    }, { variadic: 'string' }),
    def('merge', [MAP], I, (dst: GoMap, ...srcs: GoMap[]) => mergeAll(dst, srcs, false), { variadic: MAP }),
    def('mergeOverwrite', [MAP], I, (dst: GoMap, ...srcs: GoMap[]) => mergeAll(dst, srcs, true), { variadic: MAP }),
    def('mustMerge', [MAP], I, (dst: GoMap, ...srcs: GoMap[]) => mergeAll(dst, srcs, false), { variadic: MAP, returnsError: true }),
    def('mustMergeOverwrite', [MAP], I, (dst: GoMap, ...srcs: GoMap[]) => mergeAll(dst, srcs, true), { variadic: MAP, returnsError: true }),
    def('values', [MAP], '[]interface {}', (d: GoMap) => (d === null ? [] : sortedKeys(d).map((k) => d[k]))),
    ...must('append', 'mustAppend', [I, I], '[]interface {}', (l: GoValue, v: GoValue) => [...needList(l, 'push'), v]),
    ...must('push', 'mustPush', [I, I], '[]interface {}', (l: GoValue, v: GoValue) => [...needList(l, 'push'), v]),
    ...must('prepend', 'mustPrepend', [I, I], '[]interface {}', (l: GoValue, v: GoValue) => [v, ...needList(l, 'prepend')]),
    ...must('first', 'mustFirst', [I], I, (l: GoValue) => needList(l, 'find first').at(0) ?? null),
    ...must('rest', 'mustRest', [I], '[]interface {}', (l: GoValue) => {
      const items = needList(l, 'find rest');
      return items.slice(1);
    }),
    ...must('last', 'mustLast', [I], I, (l: GoValue) => needList(l, 'find last').at(-1) ?? null),
    ...must('initial', 'mustInitial', [I], '[]interface {}', (l: GoValue) => {
      const items = needList(l, 'find initial');
      return items.slice(0, -1);
    }),
    ...must('reverse', 'mustReverse', [I], '[]interface {}', (l: GoValue) => [...needList(l, 'find reverse')].reverse()),
    ...must('uniq', 'mustUniq', [I], '[]interface {}', (l: GoValue) => {
      const out: GoValue[] = [];
      for (const item of needList(l, 'find uniq')) if (!inList(out, item)) out.push(item);
      return out;
    }),
    ...must('without', 'mustWithout', [I], '[]interface {}', (l: GoValue, ...omit: GoValue[]) => needList(l, 'find without').filter((x) => !inList(omit, x)), I),
    ...must('has', 'mustHas', [I, I], 'bool', (needle: GoValue, l: GoValue) => {
      if (l === null) return false;
      return inList(needList(l, 'find has'), needle);
    }),
    ...must('slice', 'mustSlice', [I], I, (l: GoValue, ...idx: GoValue[]) => sliceList(l, idx), I),
    def('concat', [], I, (...lists: GoValue[]) => {
      const out: GoValue[] = [];
      for (const l of lists) {
        const items = listItems(l);
        if (items === undefined) panic(`Cannot concat type ${typeKind(l)} as list`);
        out.push(...items);
      }
      return out;
    }, { variadic: I }),
    def('dig', [], I, (...args: GoValue[]) => dig(args), { variadic: I, returnsError: true }),
    ...must('chunk', 'mustChunk', ['int', I], '[][]interface {}', (size: GoInt, l: GoValue) => chunk(size.toNumber(), l)),
    def('getHostByName', ['string'], 'string', () => {
      throw new GoError('getHostByName is not available: Evident never resolves names while scanning');
    }),
  ];
}

function mergeAll(dst: GoMap | null, srcs: GoMap[], overwrite: boolean): GoValue {
  dst ??= newMap();
  for (const src of srcs) if (src !== null) mergoMerge(dst, src, overwrite);
  return dst;
}

function swallow(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof GoError) return '';
    throw e;
  }
}

function clampInt64(v: bigint): bigint {
  if (v > 9223372036854775807n) return 9223372036854775807n;
  if (v < -9223372036854775808n) return -9223372036854775808n;
  return v;
}

function goMax(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return Math.max(a, b);
}

function goMin(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return Math.min(a, b);
}

export function indent(spaces: number, text: string): string {
  if (spaces < 0) panic('strings: negative Repeat count');
  const pad = ' '.repeat(spaces);
  return pad + text.split('\n').join(`\n${pad}`);
}

/** strings.Replace(s, old, new, -1), including Go's behaviour for an empty old string. */
export function goReplaceAll(s: string, old: string, replacement: string): string {
  if (old === '') {
    const runes = [...s];
    return replacement + runes.map((r) => r + replacement).join('');
  }
  return s.split(old).join(replacement);
}

/** strings.SplitN (n < 0: all), with Go's rune splitting for an empty separator. */
export function goSplit(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const runes = [...s];
    if (n < 0 || n >= runes.length) return runes;
    return [...runes.slice(0, n - 1), runes.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function splitMap(parts: string[]): GoMap {
  const out = newMap();
  parts.forEach((p, i) => (out[`_${i}`] = p));
  return setMapType(out, 'map[string]string');
}


function pathBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function pathDir(p: string): string {
  const i = p.lastIndexOf('/');
  return cleanPath(p.slice(0, i + 1));
}

function pathExt(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}
