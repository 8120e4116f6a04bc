import { shortestDecimal } from './numbers.js';
import type { FunctionTable } from './registry.js';
import { argError } from './registry.js';
import { graphemes, wholeNumber } from './strings.js';
import {
  ANY,
  BOOL,
  ConversionError,
  NUMBER,
  STRING,
  convert,
  friendlyTypeName,
  listOf,
  mapOf,
  setOf,
  typeOf,
  unifyTypes,
} from './types.js';
import type { TfObject, TfValue } from './value.js';
import {
  FunctionError,
  Unknown,
  canonicalText,
  compareStrings,
  containsUnknown,
  isTfObject,
  makeSet,
  setKey,
  sortedKeys,
  tfEquals,
  unknownOf,
} from './value.js';

const RANGE_LIMIT = 1024;

/** The arguments that are wholly unknown, as one Unknown; `undefined` when there are none. */
function topLevelUnknown(values: readonly TfValue[]): Unknown | undefined {
  const unknown = values.filter((v) => v instanceof Unknown);
  return unknown.length > 0 ? unknownOf(...unknown) : undefined;
}

function kindName(value: TfValue): string {
  return friendlyTypeName(typeOf(value));
}

function intArgument(param: string, value: TfValue, what: string): number {
  try {
    return wholeNumber(value);
  } catch (error) {
    throw argError(param, `invalid ${what}: ${(error as Error).message}`);
  }
}

/** Converts each sequence to a list of one element type shared by all of them (cty's UnifyUnsafe). */
function unifySequences(sequences: TfValue[][], message: string): TfValue[][] {
  const types = sequences.flatMap((s) => s.map(typeOf));
  const unified = unifyTypes(types);
  if (!unified) throw new FunctionError(message);
  return sequences.map((s) => s.map((v) => convert(v, unified)));
}

/** range() steps in decimal when it can, so range(0, 1, 0.1) yields 0.3 rather than 0.30000000000000004. */
function decimalPlaces(n: number): number {
  const d = shortestDecimal(n);
  return Math.max(d.digits.length - d.exp, 0);
}

function range(args: TfValue[]): TfValue {
  const [a, b, c] = args as number[];
  let start: number;
  let end: number;
  let step: number;
  switch (args.length) {
    case 1:
      [start, end, step] = [0, a, a < 0 ? -1 : 1];
      break;
    case 2:
      [start, end, step] = [a, b, b < a ? -1 : 1];
      break;
    case 3:
      [start, end, step] = [a, b, c];
      break;
    default:
      throw new FunctionError('must have one, two, or three arguments');
  }
  const places = Math.max(decimalPlaces(start), decimalPlaces(step));
  const exact = places <= 15 && Math.abs(start * 10 ** places) < 2 ** 52 && Math.abs(step * 10 ** places * RANGE_LIMIT) < 2 ** 52;
  const scale = exact ? 10 ** places : 1;
  const value = (i: number): number => (scale === 1 ? start + i * step : Math.round(start * scale + i * step * scale) / scale);
  const out: number[] = [];
  const down = step < 0;
  if (down && end > start) throw argError('params', 'end must be less than start when step is negative');
  if (!down && end < start) throw argError('params', 'end must be greater than start when step is positive');
  for (let i = 0; down ? value(i) > end : value(i) < end; i++) {
    if (out.length >= RANGE_LIMIT) {
      throw new FunctionError(
        `more than ${RANGE_LIMIT} values were generated; either decrease the difference between start and end or use a smaller step`,
      );
    }
    out.push(value(i));
  }
  return out;
}

function setOperation(args: TfValue[], operation: (a: TfValue[], b: TfValue[]) => TfValue[]): TfValue {
  const nonEmpty = args.filter((s) => (s as TfValue[]).length > 0) as TfValue[][];
  const unified = unifyTypes(nonEmpty.flatMap((s) => s.map(typeOf)));
  if (!unified) throw new FunctionError('given sets must all have compatible element types');
  const sets = (args as TfValue[][]).map((s) => makeSet(s.map((v) => convert(v, unified))));
  let result = sets[0];
  for (const next of sets.slice(1)) result = operation(result, next);
  return makeSet(result);
}

/** Membership by value for wholly known values, in linear time. */
function memberTest(values: readonly TfValue[]): (value: TfValue) => boolean {
  const texts = new Set(values.map(canonicalText));
  return (value) => texts.has(canonicalText(value));
}

function mustBeMap(value: TfValue, param: string, message: string): TfObject {
  if (!isTfObject(value)) throw param === '' ? new FunctionError(message) : argError(param, message);
  return value;
}

export const collectionFunctions: FunctionTable = {
  alltrue: {
    params: [{ name: 'list', type: listOf(BOOL) }],
    acceptsUnknown: true,
    impl: ([list]) => {
      if (list instanceof Unknown) return list;
      for (const item of list as TfValue[]) {
        if (item instanceof Unknown) return item;
        if (item !== true) return false;
      }
      return true;
    },
  },
  anytrue: {
    params: [{ name: 'list', type: listOf(BOOL) }],
    acceptsUnknown: true,
    impl: ([list]) => {
      if (list instanceof Unknown) return list;
      const unknown = (list as TfValue[]).filter((item) => item instanceof Unknown);
      if ((list as TfValue[]).includes(true)) return true;
      return unknown.length > 0 ? unknownOf(...unknown) : false;
    },
  },
  chunklist: {
    params: [
      { name: 'list', type: listOf(ANY) },
      { name: 'size', type: NUMBER },
    ],
    acceptsUnknown: true,
    impl: ([list, size]) => {
      const unknown = topLevelUnknown([list, size]);
      if (unknown) return unknown;
      let n: number;
      try {
        n = wholeNumber(size);
      } catch (error) {
        throw new FunctionError(`invalid size: ${(error as Error).message}`);
      }
      if (n < 0) throw new FunctionError('the size argument must be positive');
      const items = list as TfValue[];
      if (items.length === 0) return [];
      if (n === 0) return [items];
      const out: TfValue[] = [];
      for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
      return out;
    },
  },
  coalesce: {
    params: [],
    varParam: { name: 'vals', type: ANY, allowNull: true },
    acceptsUnknown: true,
    impl: (args) => {
      const unified = args.length === 0 ? undefined : unifyTypes(args.map(typeOf));
      if (!unified) throw new FunctionError('all arguments must have the same type');
      for (const arg of args) {
        const value = convert(arg, unified);
        if (value instanceof Unknown) return value;
        if (value === null || (unified.kind === 'string' && value === '')) continue;
        return value;
      }
      throw new FunctionError('no non-null, non-empty-string arguments');
    },
  },
  coalescelist: {
    params: [],
    varParam: { name: 'vals', type: ANY, allowNull: true },
    acceptsUnknown: true,
    impl: (args) => {
      if (args.length === 0) throw new FunctionError('at least one argument is required');
      for (const arg of args) {
        if (!(arg instanceof Unknown) && arg !== null && !Array.isArray(arg)) {
          throw new FunctionError('coalescelist arguments must be lists or tuples');
        }
      }
      for (const arg of args) {
        if (arg instanceof Unknown) return arg;
        if (arg === null) continue;
        if ((arg as TfValue[]).length > 0) return arg;
      }
      throw new FunctionError('no non-null arguments');
    },
  },
  compact: {
    params: [{ name: 'list', type: listOf(STRING) }],
    impl: ([list]) => (list as TfValue[]).filter((v) => v !== null && v !== ''),
  },
  concat: {
    params: [],
    varParam: { name: 'seqs', type: ANY },
    acceptsUnknown: true,
    impl: (args) => {
      if (args.length === 0) throw new FunctionError('at least one argument is required');
      for (const arg of args) {
        if (!(arg instanceof Unknown) && !Array.isArray(arg)) {
          throw argError('seqs', `all arguments must be lists or tuples; got ${kindName(arg)}`);
        }
      }
      return topLevelUnknown(args) ?? (args as TfValue[][]).flat(1);
    },
  },
  contains: {
    params: [
      { name: 'list', type: ANY },
      { name: 'value', type: ANY },
    ],
    acceptsUnknown: true,
    impl: ([list, value]) => {
      if (!(list instanceof Unknown) && !Array.isArray(list)) throw new FunctionError('argument must be list, tuple, or set');
      if (Array.isArray(list) && list.length === 0) return false;
      const unknown = topLevelUnknown([list, value]);
      if (unknown) return unknown;
      let sawUnknown = false;
      for (const item of list as TfValue[]) {
        const equal = tfEquals(item, value);
        if (equal === true) return true;
        if (equal === undefined) sawUnknown = true;
      }
      return sawUnknown ? unknownOf(list) : false;
    },
  },
  distinct: {
    params: [{ name: 'list', type: listOf(ANY) }],
    impl: ([list]) => {
      const seen = new Set<string>();
      return (list as TfValue[]).filter((item) => {
        const text = canonicalText(item);
        if (seen.has(text)) return false;
        seen.add(text);
        return true;
      });
    },
  },
  element: {
    params: [
      { name: 'list', type: ANY },
      { name: 'index', type: NUMBER },
    ],
    acceptsUnknown: true,
    impl: ([list, index]) => {
      if (!(list instanceof Unknown) && !Array.isArray(list)) throw new FunctionError(`cannot read elements from ${kindName(list)}`);
      if (typeof index === 'number' && index < 0) throw new FunctionError('cannot use element function with a negative index');
      const unknown = topLevelUnknown([list, index]);
      if (unknown) return unknown;
      const items = list as TfValue[];
      if (items.length === 0) throw new FunctionError('cannot use element function with an empty list');
      let i: number;
      try {
        i = wholeNumber(index);
      } catch (error) {
        throw new FunctionError(`invalid index: ${(error as Error).message}`);
      }
      return items[i % items.length];
    },
  },
  flatten: {
    params: [{ name: 'list', type: ANY }],
    impl: ([list]) => {
      if (!Array.isArray(list)) throw new FunctionError('can only flatten lists, sets and tuples');
      const flatten = (items: TfValue[]): TfValue[] => items.flatMap((v) => (Array.isArray(v) ? flatten(v) : [v]));
      return flatten(list);
    },
  },
  index: {
    params: [
      { name: 'list', type: ANY },
      { name: 'value', type: ANY },
    ],
    acceptsUnknown: true,
    impl: ([list, value]) => {
      if (!(list instanceof Unknown) && !Array.isArray(list)) throw new FunctionError('argument must be a list or tuple');
      if (list instanceof Unknown) return list;
      const items = list as TfValue[];
      if (items.length === 0) throw new FunctionError('cannot search an empty list');
      for (let i = 0; i < items.length; i++) {
        const equal = tfEquals(items[i], value);
        if (equal === undefined) return unknownOf(items[i], value);
        if (equal) return i;
      }
      throw new FunctionError('item not found');
    },
  },
  keys: {
    params: [{ name: 'inputMap', type: ANY }],
    acceptsUnknown: true,
    impl: ([map]) => {
      if (map instanceof Unknown) return map;
      return sortedKeys(mustBeMap(map, 'inputMap', 'must have map or object type'));
    },
  },
  values: {
    params: [{ name: 'values', type: ANY }],
    acceptsUnknown: true,
    impl: ([map]) => {
      if (map instanceof Unknown) return map;
      const object = mustBeMap(map, '', 'values() requires a map as the first argument');
      return sortedKeys(object).map((k) => object[k]);
    },
  },
  length: {
    params: [{ name: 'value', type: ANY }],
    acceptsUnknown: true,
    impl: ([value]) => {
      if (value instanceof Unknown) return value;
      if (typeof value === 'string') return graphemes(value).length;
      if (Array.isArray(value)) return value.length;
      if (isTfObject(value)) return Object.keys(value).length;
      throw new FunctionError('argument must be a string, a collection type, or a structural type');
    },
  },
  list: {
    params: [],
    varParam: { name: 'vals', type: ANY, allowNull: true },
    acceptsUnknown: true,
    impl: () => {
      throw new FunctionError(
        'the "list" function was deprecated in Terraform v0.12 and is no longer available; use tolist([ ... ]) syntax to write a literal list',
      );
    },
  },
  map: {
    params: [],
    varParam: { name: 'vals', type: ANY, allowNull: true },
    acceptsUnknown: true,
    impl: () => {
      throw new FunctionError(
        'the "map" function was deprecated in Terraform v0.12 and is no longer available; use tomap({ ... }) syntax to write a literal map',
      );
    },
  },
  lookup: {
    params: [
      { name: 'inputMap', type: ANY },
      { name: 'key', type: STRING },
    ],
    varParam: { name: 'default', type: ANY, allowNull: true },
    acceptsUnknown: true,
    impl: ([map, key, ...rest]) => {
      if (rest.length > 1) throw new FunctionError(`lookup() takes two or three arguments, got ${rest.length + 2}`);
      if (!(map instanceof Unknown)) mustBeMap(map, 'inputMap', 'lookup() requires a map as the first argument');
      if (containsUnknown(map) || key instanceof Unknown) return unknownOf(map, key);
      const object = map as TfObject;
      const name = key as string;
      if (Object.hasOwn(object, name)) return object[name];
      if (rest.length === 1) return rest[0];
      throw argError('inputMap', `the given object has no attribute ${JSON.stringify(name)}`);
    },
  },
  matchkeys: {
    params: [
      { name: 'values', type: listOf(ANY) },
      { name: 'keys', type: listOf(ANY) },
      { name: 'searchset', type: listOf(ANY) },
    ],
    impl: ([values, keys, searchset]) => {
      const [keyList, searchList] = unifySequences([keys as TfValue[], searchset as TfValue[]], 'keys and searchset must be of the same type');
      const valueList = values as TfValue[];
      if (valueList.length !== keyList.length) throw new FunctionError('length of keys and values should be equal');
      const searched = memberTest(searchList);
      return valueList.filter((_, i) => searched(keyList[i]));
    },
  },
  merge: {
    params: [],
    varParam: { name: 'maps', type: ANY, allowNull: true },
    acceptsUnknown: true,
    impl: (args) => {
      for (const arg of args) {
        if (arg !== null && !(arg instanceof Unknown) && !isTfObject(arg)) {
          throw new FunctionError(`arguments must be maps or objects, got ${JSON.stringify(kindName(arg))}`);
        }
      }
      const unknown = topLevelUnknown(args);
      if (unknown) return unknown;
      const out: TfObject = {};
      for (const arg of args) {
        if (arg === null) continue;
        for (const key of Object.keys(arg as TfObject)) setKey(out, key, (arg as TfObject)[key]);
      }
      return out;
    },
  },
  one: {
    params: [{ name: 'list', type: ANY }],
    acceptsUnknown: true,
    impl: ([list]) => {
      if (list instanceof Unknown) return list;
      if (!Array.isArray(list) || list.length > 1) {
        throw argError('list', 'must be a list, set, or tuple value with either zero or one elements');
      }
      return list.length === 0 ? null : list[0];
    },
  },
  range: {
    params: [],
    varParam: { name: 'params', type: NUMBER },
    impl: range,
  },
  reverse: {
    params: [{ name: 'list', type: ANY }],
    acceptsUnknown: true,
    impl: ([list]) => {
      if (list instanceof Unknown) return list;
      if (!Array.isArray(list)) throw argError('list', `can only reverse list or tuple values, not ${kindName(list)}`);
      return [...list].reverse();
    },
  },
  setintersection: {
    params: [{ name: 'first_set', type: setOf(ANY) }],
    varParam: { name: 'other_sets', type: setOf(ANY) },
    impl: (args) => setOperation(args, (a, b) => a.filter(memberTest(b))),
  },
  setsubtract: {
    params: [
      { name: 'a', type: setOf(ANY) },
      { name: 'b', type: setOf(ANY) },
    ],
    impl: (args) => setOperation(args, (a, b) => {
      const inB = memberTest(b);
      return a.filter((v) => !inB(v));
    }),
  },
  setunion: {
    params: [{ name: 'first_set', type: setOf(ANY) }],
    varParam: { name: 'other_sets', type: setOf(ANY) },
    acceptsUnknown: true,
    impl: (args) => topLevelUnknown(args) ?? setOperation(args, (a, b) => [...a, ...b]),
  },
  setproduct: {
    params: [],
    varParam: { name: 'sets', type: ANY },
    impl: (args) => {
      if (args.length < 2) throw new FunctionError('at least two arguments are required');
      const sets = args.map((arg) => {
        if (!Array.isArray(arg)) throw argError('sets', 'a set or a list is required');
        const unified = unifyTypes(arg.map(typeOf));
        if (!unified) throw argError('sets', 'a set or a list is required');
        return arg.map((v) => convert(v, unified));
      });
      let product: TfValue[][] = [[]];
      for (const set of sets) product = product.flatMap((prefix) => set.map((v) => [...prefix, v]));
      return product;
    },
  },
  slice: {
    params: [
      { name: 'list', type: ANY },
      { name: 'start_index', type: NUMBER },
      { name: 'end_index', type: NUMBER },
    ],
    acceptsUnknown: true,
    impl: ([list, start, end]) => {
      if (!(list instanceof Unknown) && !Array.isArray(list)) throw argError('list', 'must be a list or tuple value');
      const unknown = topLevelUnknown([list, start, end]);
      if (unknown) return unknown;
      const items = list as TfValue[];
      const from = intArgument('start_index', start, 'start index');
      if (from < 0) throw argError('start_index', 'start index must not be less than zero');
      if (from > items.length) throw argError('start_index', 'start index must not be greater than the length of the list');
      const to = intArgument('end_index', end, 'end index');
      if (to < 0) throw argError('end_index', 'end index must not be less than zero');
      if (to > items.length) throw argError('end_index', 'end index must not be greater than the length of the list');
      if (from > to) throw argError('start_index', 'start index must not be greater than end index');
      return items.slice(from, to);
    },
  },
  sort: {
    params: [{ name: 'list', type: listOf(STRING) }],
    impl: ([list]) => {
      const items = list as TfValue[];
      items.forEach((v, i) => {
        if (v === null) throw new FunctionError(`given list element ${i} is null; a null string cannot be sorted`);
      });
      return [...(items as string[])].sort(compareStrings);
    },
  },
  sum: {
    params: [{ name: 'list', type: ANY }],
    impl: ([list]) => {
      if (isTfObject(list)) throw argError('list', `argument must be list, set, or tuple. Received ${kindName(list)}`);
      if (!Array.isArray(list)) throw argError('list', 'cannot sum noniterable');
      if (list.length === 0) throw argError('list', 'cannot sum an empty list');
      let total = 0;
      for (const item of list) {
        let n: TfValue;
        try {
          n = item === null ? null : convert(item, NUMBER);
        } catch (error) {
          if (error instanceof ConversionError) n = null;
          else throw error;
        }
        if (n === null) throw argError('list', 'argument must be list, set, or tuple of number values');
        if (Number.isNaN(total + (n as number))) throw new FunctionError("can't compute sum of opposing infinities");
        total += n as number;
      }
      return total;
    },
  },
  transpose: {
    params: [{ name: 'values', type: mapOf(listOf(STRING)) }],
    impl: ([map]) => {
      const object = map as TfObject;
      const out: Record<string, string[]> = {};
      for (const key of sortedKeys(object)) {
        for (const value of object[key] as TfValue[]) {
          if (typeof value !== 'string') throw new FunctionError('input must be a map of lists of strings');
          if (!Object.hasOwn(out, value)) setKey(out, value, []);
          out[value].push(key);
        }
      }
      return out;
    },
  },
  zipmap: {
    params: [
      { name: 'keys', type: listOf(STRING) },
      { name: 'values', type: ANY },
    ],
    acceptsUnknown: true,
    impl: ([keys, values]) => {
      if (!(values instanceof Unknown) && !Array.isArray(values)) throw new FunctionError('values argument must be a list or tuple value');
      const unknown = topLevelUnknown([keys, values]);
      if (unknown) return unknown;
      if (containsUnknown(keys)) return unknownOf(keys);
      const keyList = keys as TfValue[];
      const valueList = values as TfValue[];
      if (keyList.length !== valueList.length) {
        throw new FunctionError(`number of keys (${keyList.length}) does not match number of values (${valueList.length})`);
      }
      const out: TfObject = {};
      keyList.forEach((key, i) => {
        if (key === null) throw argError('keys', 'keys must not be null');
        setKey(out, key as string, valueList[i]);
      });
      return out;
    },
  },
};
