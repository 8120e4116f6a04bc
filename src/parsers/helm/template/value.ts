/**
 * Go values as the template engine sees them. Go distinguishes types that JSON does not
 * (int vs float64, []string vs []interface{}, struct pointers), and templates observe the
 * difference (printf "%d", eq typing errors, typeOf), so every value keeps its Go type.
 *
 * - `null`: nil
 * - `string`, `boolean`
 * - `number`: float64 (what Helm gets for every number in a values file)
 * - `GoInt`: the integer kinds
 * - `Uint8Array`: []byte
 * - arrays: slices, element type in `SLICE_TYPES` (default []interface {})
 * - null-prototype objects: maps, type in `MAP_TYPES` (default map[string]interface {})
 * - `GoStruct`: structs and struct pointers (.Chart, .Capabilities, time.Time, ...)
 */

export type IntType = 'int' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint' | 'uint64' | 'uint32' | 'uint16' | 'uint8';

export class GoInt {
  readonly type: IntType;
  readonly value: bigint;
  constructor(value: bigint | number, type: IntType = 'int') {
    const big = typeof value === 'bigint' ? value : BigInt(Math.trunc(value));
    this.type = type;
    this.value = wrapInt(big, type);
  }
  toNumber(): number {
    return Number(this.value);
  }
  isUnsigned(): boolean {
    return this.type.startsWith('u');
  }
}

const INT_BITS: Record<IntType, number> = {
  int: 64,
  int64: 64,
  int32: 32,
  int16: 16,
  int8: 8,
  uint: 64,
  uint64: 64,
  uint32: 32,
  uint16: 16,
  uint8: 8,
};

export function wrapInt(value: bigint, type: IntType): bigint {
  const bits = INT_BITS[type];
  return type.startsWith('u') ? BigInt.asUintN(bits, value) : BigInt.asIntN(bits, value);
}

export function goInt(value: number | bigint): GoInt {
  return new GoInt(value, 'int');
}

export function goInt64(value: number | bigint): GoInt {
  return new GoInt(value, 'int64');
}

/**
 * A value read from an interface{}-typed slot (a map element, a slice element). Templates see the
 * difference: a nil one gives "nil pointer evaluating interface {}.x", a missing variable gives nothing.
 */
export class Iface {
  readonly value: GoValue;
  constructor(value: GoValue) {
    this.value = value;
  }
}

/** What the executor passes around: a value, or a value still boxed in an interface. `null` is the invalid Value. */
export type Arg = GoValue | Iface;

export function unbox(value: Arg): GoValue {
  return value instanceof Iface ? value.value : value;
}

/** A Go function or method as templates call it: typed parameters decide argument conversion and errors. */
export interface GoFunc {
  readonly name: string;
  /** Go parameter types; `reflect.Value` parameters receive the raw Arg (builtins). */
  readonly params: readonly string[];
  /** Element type of a trailing `...T` parameter. */
  readonly variadic?: string;
  readonly result: string;
  /** The Go function returns (T, error); the implementation throws GoError for the error. */
  readonly returnsError?: boolean;
  readonly call: (args: Arg[]) => Arg;
}

/** A struct (or pointer to one) exposed to templates. */
export abstract class GoStruct {
  /** Go type as reflect prints it: `*chartutil.Capabilities`, `chartutil.KubeVersion`. */
  abstract readonly goType: string;
  /** Exported fields in declaration order, for printing and field access. */
  abstract fieldNames(): readonly string[];
  abstract field(name: string): GoValue;
  fieldType(name: string): string {
    return typeName(this.field(name));
  }
  method(_name: string): GoFunc | undefined {
    return undefined;
  }
  /** fmt.Stringer / error: how %v and %s print the value. */
  stringer(): string | undefined {
    return undefined;
  }
  isPointer(): boolean {
    return this.goType.startsWith('*');
  }
  /** What %v shows, in order (an embedded struct shows as one nested value). */
  printFields(): { name: string; value: GoValue }[] {
    return this.fieldNames().map((name) => ({ name, value: this.field(name) }));
  }
  /** What encoding/json sees: the exported fields (subclasses apply json tags). */
  jsonValue(): GoValue {
    const map = newMap();
    for (const f of this.fieldNames()) map[f] = this.field(f);
    return map;
  }
}

export type GoMap = { [key: string]: GoValue };
export type GoValue = null | string | boolean | number | GoInt | Uint8Array | GoValue[] | GoMap | GoStruct;

const SLICE_TYPES = new WeakMap<GoValue[], string>();
const MAP_TYPES = new WeakMap<GoMap, string>();

export const IFACE = 'interface {}';
export const IFACE_SLICE = '[]interface {}';
export const IFACE_MAP = 'map[string]interface {}';

export function newMap(type?: string): GoMap {
  const map = Object.create(null) as GoMap;
  if (type !== undefined && type !== IFACE_MAP) MAP_TYPES.set(map, type);
  return map;
}

export function newSlice(items: GoValue[], elemType?: string): GoValue[] {
  if (elemType !== undefined && elemType !== IFACE) SLICE_TYPES.set(items, `[]${elemType}`);
  return items;
}

const NIL_SLICES = new WeakSet<GoValue[]>();

/** A nil slice (what Go returns for "no results"): prints as [], but marshals to JSON null. */
export function nilSlice(elemType: string): GoValue[] {
  const slice = newSlice([], elemType);
  NIL_SLICES.add(slice);
  return slice;
}

export function isNilSlice(value: unknown): boolean {
  return Array.isArray(value) && NIL_SLICES.has(value);
}

/** Gives a slice a named Go type (chartutil.VersionSet). */
export function setSliceType(slice: GoValue[], type: string): GoValue[] {
  SLICE_TYPES.set(slice, type);
  return slice;
}

export function isGoMap(value: unknown): value is GoMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === null;
}

export function mapType(map: GoMap): string {
  return MAP_TYPES.get(map) ?? IFACE_MAP;
}

export function sliceType(slice: GoValue[]): string {
  return SLICE_TYPES.get(slice) ?? IFACE_SLICE;
}

export function setMapType(map: GoMap, type: string): GoMap {
  if (type === IFACE_MAP) MAP_TYPES.delete(map);
  else MAP_TYPES.set(map, type);
  return map;
}

/** Element type of a slice or map type string. */
export function elemType(type: string): string {
  if (type.startsWith('[]')) return type.slice(2);
  const close = type.indexOf(']');
  if (type.startsWith('map[') && close > 0) return type.slice(close + 1);
  if (type === 'chartutil.Values') return IFACE;
  if (type === 'engine.files') return '[]uint8';
  if (type === 'chartutil.VersionSet') return 'string';
  return IFACE;
}

/** reflect.TypeOf(v).String(), or `<nil>` for nil. */
export function typeName(value: GoValue): string {
  if (value === null) return '<nil>';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
  }
  if (value instanceof GoInt) return value.type;
  if (value instanceof Uint8Array) return '[]uint8';
  if (Array.isArray(value)) return sliceType(value);
  if (value instanceof GoStruct) return value.goType;
  return mapType(value);
}

export type Kind =
  | 'invalid'
  | 'bool'
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float64'
  | 'string'
  | 'slice'
  | 'map'
  | 'struct'
  | 'ptr'
  | 'func';

/** reflect.Kind of a type string. */
export function kindOfType(type: string): Kind {
  switch (type) {
    case 'string':
    case 'bool':
    case 'float64':
    case 'int':
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'uint':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
      return type;
    case '<nil>':
      return 'invalid';
    case 'chartutil.Values':
    case 'engine.files':
      return 'map';
    case 'chartutil.VersionSet':
      return 'slice';
  }
  if (type.startsWith('[]')) return 'slice';
  if (type.startsWith('map[')) return 'map';
  if (type.startsWith('*')) return 'ptr';
  if (type.startsWith('func')) return 'func';
  return 'struct';
}

export function kindOf(value: GoValue): Kind {
  if (value instanceof GoStruct) return value.isPointer() ? 'ptr' : 'struct';
  return kindOfType(typeName(value));
}

/** Go's assignability for the types templates meet. */
export function assignable(from: string, to: string): boolean {
  if (to === IFACE || from === to) return true;
  const unnamed = (t: string): string => {
    if (t === 'chartutil.Values') return IFACE_MAP;
    if (t === 'engine.files') return 'map[string][]uint8';
    if (t === 'chartutil.VersionSet') return '[]string';
    return t;
  };
  // A named type and an unnamed type with the same underlying type are mutually assignable.
  const namedFrom = unnamed(from) !== from;
  const namedTo = unnamed(to) !== to;
  if (namedFrom !== namedTo) return unnamed(from) === unnamed(to);
  return false;
}

export function canBeNil(type: string): boolean {
  const kind = kindOfType(type);
  return type === IFACE || kind === 'map' || kind === 'slice' || kind === 'ptr' || kind === 'func' || type === 'reflect.Value';
}

/** Length as len() sees it, or undefined when the value has none. */
export function goLen(value: GoValue): number | undefined {
  if (typeof value === 'string') return utf8Length(value);
  if (value instanceof Uint8Array) return value.length;
  if (Array.isArray(value)) return value.length;
  if (isGoMap(value)) return Object.keys(value).length;
  return undefined;
}

/** text/template's truth: the zero value of a type is false. */
export function isTrue(value: GoValue): boolean {
  if (value === null) return false;
  switch (typeof value) {
    case 'string':
      return value.length > 0;
    case 'boolean':
      return value;
    case 'number':
      return value !== 0;
  }
  if (value instanceof GoInt) return value.value !== 0n;
  if (value instanceof GoStruct) return true;
  return (goLen(value) ?? 1) > 0;
}

/** Sprig's empty(): same as not-true, structs never empty. */
export function isEmpty(value: GoValue): boolean {
  return !isTrue(value);
}

export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Byte-wise comparison of the UTF-8 encodings, as Go's sort.Strings and `lt` on strings. */
export function compareBytes(a: string, b: string): number {
  const x = utf8Bytes(a);
  const y = utf8Bytes(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Go compares strings byte-wise (UTF-8); JS compares UTF-16 units. They differ only around surrogates. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    if (sa === sb) return ca < cb ? -1 : 1;
    // A surrogate (code point >= 0x10000) sorts after any BMP character.
    return sa ? 1 : -1;
  }
  return a.length - b.length;
}

export function sortedKeys(map: GoMap): string[] {
  return Object.keys(map).sort(compareGoStrings);
}

/** reflect.DeepEqual for template values. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeName(a) !== typeName(b)) return false;
  if (typeof a === 'number') return a === b;
  if (a instanceof GoInt) return a.value === (b as GoInt).value;
  if (a instanceof Uint8Array) {
    const other = b as Uint8Array;
    return a.length === other.length && a.every((x, i) => x === other[i]);
  }
  if (Array.isArray(a)) {
    const other = b as GoValue[];
    if (isNilSlice(a) !== isNilSlice(other)) return false;
    return a.length === other.length && a.every((x, i) => deepEqual(x, other[i]));
  }
  if (a instanceof GoStruct) {
    const other = b as GoStruct;
    return a.fieldNames().every((f) => deepEqual(a.field(f), other.field(f)));
  }
  if (isGoMap(a)) {
    const other = b as GoMap;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(other).length) return false;
    return keys.every((k) => k in other && deepEqual(a[k], other[k]));
  }
  return false;
}

/** An error a Go function returned (as opposed to a panic). */
export class GoError extends Error {}

/** Float64 → int64 conversion as Go does it on amd64 (out of range gives the minimum int64). */
export function floatToInt64(value: number): bigint {
  if (!Number.isFinite(value) || value >= 2 ** 63 || value < -(2 ** 63)) return -9223372036854775808n;
  return BigInt(Math.trunc(value));
}

/** Converts a plain JSON value into Go values (numbers become float64, objects become maps). */
export function fromJson(value: unknown): GoValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((v) => fromJson(v));
  const map = newMap();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) map[k] = fromJson(v);
  return map;
}

/** Converts Go values to plain JSON (for callers outside the engine). */
export function toPlainJson(value: GoValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof GoInt) return value.toNumber();
  if (value instanceof Uint8Array) return utf8Decode(value);
  if (Array.isArray(value)) return value.map((v) => toPlainJson(v));
  if (value instanceof GoStruct) {
    const out: Record<string, unknown> = {};
    for (const f of value.fieldNames()) setOwn(out, f, toPlainJson(value.field(f)));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of sortedKeys(value)) setOwn(out, k, toPlainJson(value[k]));
  return out;
}

/** Assigns a key even when it is `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
