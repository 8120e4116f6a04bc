/** Helpers shared by the Sprig and Helm function implementations. */
import { formatValue } from '../template/fmt.js';
import { parseFloat64, parseInt64 } from '../template/strconv.js';
import {
  GoInt,
  GoStruct,
  floatToInt64,
  utf8Bytes,
  utf8Decode,
  type Arg,
  type GoFunc,
  type GoValue,
} from '../template/value.js';

export interface FuncOptions {
  variadic?: string;
  returnsError?: boolean;
}

/** Declares a template function with its Go signature. */
export function def(name: string, params: string[], result: string, impl: (...args: never[]) => GoValue | Arg, options: FuncOptions = {}): GoFunc {
  const call = impl as unknown as (...args: Arg[]) => Arg;
  return {
    name,
    params,
    result,
    variadic: options.variadic,
    returnsError: options.returnsError,
    call: (args) => call(...args),
  };
}

/** A Go panic inside a function: the executor reports it as "error calling X: <message>". */
export function panic(message: string): never {
  throw new Error(message);
}

export function num(value: GoValue): number {
  return value instanceof GoInt ? value.toNumber() : (value as number);
}

export function big(value: GoValue): bigint {
  return (value as GoInt).value;
}

/** spf13/cast ToInt64 (v1.4: no decimal trimming, base-prefixed strings accepted). */
export function toInt64(value: GoValue): bigint {
  if (value === null) return 0n;
  if (value instanceof GoInt) return BigInt.asIntN(64, value.value);
  switch (typeof value) {
    case 'number':
      return floatToInt64(value);
    case 'boolean':
      return value ? 1n : 0n;
    case 'string':
      return parseInt64(value, 0) ?? 0n;
  }
  return 0n;
}

/** spf13/cast ToFloat64. */
export function toFloat64(value: GoValue): number {
  if (value === null) return 0;
  if (value instanceof GoInt) return value.toNumber();
  switch (typeof value) {
    case 'number':
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'string':
      return parseFloat64(value) ?? 0;
  }
  return 0;
}

/** Sprig's strval: strings as is, []byte decoded, Stringers through String, else %v. */
export function strval(value: GoValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return utf8Decode(value);
  if (value instanceof GoStruct) {
    const text = value.stringer();
    if (text !== undefined) return text;
  }
  return formatValue(value);
}

/** Sprig's strslice: a list of strings from any slice, dropping nils. */
export function strslice(value: GoValue): string[] {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(strval);
  if (value instanceof Uint8Array) return Array.from(value, (b) => strval(new GoInt(b, 'uint8')));
  if (value === null) return [];
  return [strval(value)];
}

export function listItems(value: GoValue): GoValue[] | undefined {
  if (Array.isArray(value)) return value;
  if (value instanceof Uint8Array) return Array.from(value, (b) => new GoInt(b, 'uint8'));
  return undefined;
}

/** Byte-indexed substring of a UTF-8 string (Go's s[a:b]). */
export function byteSlice(text: string, start: number, end?: number): string {
  const bytes = utf8Bytes(text);
  const e = end ?? bytes.length;
  if (e > bytes.length) throw new Error(`runtime error: slice bounds out of range [:${e}] with length ${bytes.length}`);
  if (start < 0 || start > e) throw new Error(`runtime error: slice bounds out of range [${start}:${e}]`);
  return utf8Decode(bytes.subarray(start, e));
}

export function byteLength(text: string): number {
  return utf8Bytes(text).length;
}

export function toUpperRune(ch: string): string {
  const up = ch.toUpperCase();
  return [...up].length === 1 ? up : ch;
}

export function toLowerRune(ch: string): string {
  const low = ch.toLowerCase();
  return [...low].length === 1 ? low : ch;
}

export function isUpper(ch: string): boolean {
  return /^\p{Lu}$/u.test(ch);
}

export function isLower(ch: string): boolean {
  return /^\p{Ll}$/u.test(ch);
}

export function isLetter(ch: string): boolean {
  return /^\p{L}$/u.test(ch);
}

export function isDigit(ch: string): boolean {
  return /^\p{Nd}$/u.test(ch);
}

export function isNumber(ch: string): boolean {
  return /^\p{N}$/u.test(ch);
}

export function isPunct(ch: string): boolean {
  return /^\p{P}$/u.test(ch);
}

/** unicode.IsSpace. */
export function isSpace(ch: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(ch);
}

/** strings.TrimSpace. */
export function trimSpace(text: string): string {
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && isSpace(chars[start])) start++;
  while (end > start && isSpace(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

/** strings.Trim with a cutset. */
export function trimCutset(text: string, cutset: string): string {
  const set = new Set([...cutset]);
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && set.has(chars[start])) start++;
  while (end > start && set.has(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}
