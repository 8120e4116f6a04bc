import { formatNumber, parseNumber } from './numbers.js';
import type { TfObject, TfValue } from './value.js';
import { FunctionError, Unknown, makeSet, setKey, sortedKeys } from './value.js';

/** A Terraform type constraint, as written in a `variable` block's `type` argument. */
export type TypeSpec =
  | { kind: 'any' }
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'bool' }
  | { kind: 'list' | 'set' | 'map'; element: TypeSpec }
  | { kind: 'tuple'; elements: TypeSpec[] }
  | { kind: 'object'; attributes: Record<string, ObjectAttribute> };

export interface ObjectAttribute {
  type: TypeSpec;
  optional: boolean;
  default?: TfValue;
}

export const ANY: TypeSpec = { kind: 'any' };
export const STRING: TypeSpec = { kind: 'string' };
export const NUMBER: TypeSpec = { kind: 'number' };
export const BOOL: TypeSpec = { kind: 'bool' };
export const listOf = (element: TypeSpec): TypeSpec => ({ kind: 'list', element });
export const setOf = (element: TypeSpec): TypeSpec => ({ kind: 'set', element });
export const mapOf = (element: TypeSpec): TypeSpec => ({ kind: 'map', element });

/** A value that does not fit a type. `detail` is Terraform's wording of why, without any prefix. */
export class ConversionError extends FunctionError {
  readonly detail: string;
  constructor(detail: string) {
    super(`Invalid value for variable: ${detail}`);
    this.detail = detail;
  }
}

/** Terraform's name for a type in "X required" messages (cty's FriendlyNameForConstraint). */
export function friendlyName(type: TypeSpec): string {
  switch (type.kind) {
    case 'any':
      return 'any type';
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind} of ${type.element.kind === 'any' ? 'any single type' : friendlyName(type.element)}`;
    default:
      return type.kind;
  }
}

/** Terraform's name for the type of a given value (cty's FriendlyName). */
export function friendlyTypeName(type: TypeSpec): string {
  if (type.kind === 'any') return 'dynamic';
  if (type.kind === 'list' || type.kind === 'set' || type.kind === 'map') {
    return `${type.kind} of ${friendlyTypeName(type.element)}`;
  }
  return type.kind;
}

/** The type Terraform would infer for a literal value: sequences are tuples, mappings objects, null and unknown anything. */
export function typeOf(value: TfValue): TypeSpec {
  if (value === null || value instanceof Unknown) return ANY;
  if (Array.isArray(value)) return { kind: 'tuple', elements: value.map(typeOf) };
  switch (typeof value) {
    case 'string':
      return STRING;
    case 'number':
      return NUMBER;
    case 'boolean':
      return BOOL;
  }
  const attributes: Record<string, ObjectAttribute> = {};
  for (const key of Object.keys(value)) setKey(attributes, key, { type: typeOf(value[key]), optional: false });
  return { kind: 'object', attributes };
}

export function typeEquals(a: TypeSpec, b: TypeSpec): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list':
    case 'set':
    case 'map':
      return typeEquals(a.element, (b as typeof a).element);
    case 'tuple': {
      const other = (b as typeof a).elements;
      return a.elements.length === other.length && a.elements.every((t, i) => typeEquals(t, other[i]));
    }
    case 'object': {
      const other = (b as typeof a).attributes;
      const names = Object.keys(a.attributes);
      return (
        names.length === Object.keys(other).length &&
        names.every((n) => Object.hasOwn(other, n) && typeEquals(a.attributes[n].type, other[n].type))
      );
    }
    default:
      return true;
  }
}

function containsAny(type: TypeSpec): boolean {
  switch (type.kind) {
    case 'any':
      return true;
    case 'list':
    case 'set':
    case 'map':
      return containsAny(type.element);
    case 'tuple':
      return type.elements.some(containsAny);
    case 'object':
      return Object.values(type.attributes).some((a) => containsAny(a.type));
    default:
      return false;
  }
}

const PRIMITIVE_PREFERENCE = ['string', 'number', 'bool'];

/**
 * The single type all `types` convert to, as Terraform finds one for list elements or conditional
 * results; `undefined` when there is none. Null and unknown values (type `any`) fit any result.
 */
export function unifyTypes(types: readonly TypeSpec[]): TypeSpec | undefined {
  const concrete = types.filter((t) => t.kind !== 'any');
  if (concrete.length === 0) return ANY;
  if (concrete.every((t) => typeEquals(t, concrete[0]))) return concrete[0];
  const count = (...kinds: TypeSpec['kind'][]): number => concrete.filter((t) => kinds.includes(t.kind)).length;
  const all = concrete.length;
  if (count('object', 'map') === all) {
    const objects = concrete.filter((t) => t.kind === 'object');
    if (objects.length === all) {
      const names = Object.keys(objects[0].attributes).sort();
      const sameNames = objects.every((o) => {
        const these = Object.keys(o.attributes).sort();
        return these.length === names.length && these.every((n, i) => n === names[i]);
      });
      if (sameNames) {
        const attributes: Record<string, ObjectAttribute> = {};
        for (const name of names) {
          const unified = unifyTypes(objects.map((o) => o.attributes[name].type));
          if (!unified) return undefined;
          setKey(attributes, name, { type: unified, optional: false });
        }
        return { kind: 'object', attributes };
      }
    }
    const element = unifyTypes(concrete.flatMap(elementTypes));
    return element && mapOf(element);
  }
  if (count('tuple', 'list') === all) {
    const tuples = concrete.filter((t) => t.kind === 'tuple');
    if (tuples.length === all && tuples.every((t) => t.elements.length === tuples[0].elements.length)) {
      const elements: TypeSpec[] = [];
      for (let i = 0; i < tuples[0].elements.length; i++) {
        const unified = unifyTypes(tuples.map((t) => t.elements[i]));
        if (!unified) return undefined;
        elements.push(unified);
      }
      return { kind: 'tuple', elements };
    }
    const element = unifyTypes(concrete.flatMap(elementTypes));
    return element && listOf(element);
  }
  if (count('set') === all) {
    const element = unifyTypes(concrete.flatMap(elementTypes));
    return element && setOf(element);
  }
  const candidates = [...concrete].sort((a, b) => preference(a) - preference(b));
  return candidates.find((candidate) => concrete.every((t) => canConvert(t, candidate)));
}

function preference(type: TypeSpec): number {
  const index = PRIMITIVE_PREFERENCE.indexOf(type.kind);
  return index === -1 ? PRIMITIVE_PREFERENCE.length : index;
}

function elementTypes(type: TypeSpec): TypeSpec[] {
  switch (type.kind) {
    case 'list':
    case 'set':
    case 'map':
      return [type.element];
    case 'tuple':
      return type.elements;
    case 'object':
      return Object.values(type.attributes).map((a) => a.type);
    default:
      return [type];
  }
}

/** Whether Terraform has a conversion from `from` to `to`, judging types alone. */
export function canConvert(from: TypeSpec, to: TypeSpec): boolean {
  return mismatchMessage(from, to) === undefined;
}

/** Why `from` cannot convert to `to` in Terraform's words (cty's MismatchMessage), or `undefined` if it can. */
export function mismatchMessage(from: TypeSpec, to: TypeSpec): string | undefined {
  if (to.kind === 'any' || from.kind === 'any') return undefined;
  const required = `${friendlyName(to)} required`;
  switch (to.kind) {
    case 'string':
      return from.kind === 'string' || from.kind === 'number' || from.kind === 'bool' ? undefined : required;
    case 'number':
    case 'bool':
      return from.kind === to.kind || from.kind === 'string' ? undefined : required;
    case 'list':
    case 'set': {
      if (from.kind === 'tuple') {
        if (to.element.kind === 'any') {
          return unifyTypes(from.elements) ? undefined : `all ${to.kind} elements must have the same type`;
        }
        for (let i = 0; i < from.elements.length; i++) {
          const inner = mismatchMessage(from.elements[i], to.element);
          if (inner !== undefined) return `element ${i}: ${inner}`;
        }
        return undefined;
      }
      if (from.kind === 'list' || from.kind === 'set') {
        const inner = mismatchMessage(from.element, to.element);
        return inner === undefined ? undefined : `incorrect ${to.kind} element type: ${inner}`;
      }
      return required;
    }
    case 'map': {
      if (from.kind === 'object') {
        const attributes = Object.keys(from.attributes).sort();
        if (to.element.kind === 'any') {
          return unifyTypes(attributes.map((n) => from.attributes[n].type))
            ? undefined
            : 'all map elements must have the same type';
        }
        for (const name of attributes) {
          const inner = mismatchMessage(from.attributes[name].type, to.element);
          if (inner !== undefined) return `element ${JSON.stringify(name)}: ${inner}`;
        }
        return undefined;
      }
      if (from.kind === 'map') {
        const inner = mismatchMessage(from.element, to.element);
        return inner === undefined ? undefined : `incorrect map element type: ${inner}`;
      }
      return required;
    }
    case 'tuple': {
      if (from.kind !== 'tuple' || from.elements.length !== to.elements.length) return required;
      for (let i = 0; i < to.elements.length; i++) {
        const inner = mismatchMessage(from.elements[i], to.elements[i]);
        if (inner !== undefined) return `element ${i}: ${inner}`;
      }
      return undefined;
    }
    case 'object': {
      if (from.kind !== 'object') return required;
      const missing: string[] = [];
      let mismatch: string | undefined;
      for (const name of Object.keys(to.attributes).sort()) {
        const want = to.attributes[name];
        if (!Object.hasOwn(from.attributes, name)) {
          if (!want.optional) missing.push(name);
          continue;
        }
        const inner = mismatchMessage(from.attributes[name].type, want.type);
        if (inner !== undefined && mismatch === undefined) mismatch = `attribute ${JSON.stringify(name)}: ${inner}`;
      }
      if (missing.length === 1) return `attribute ${JSON.stringify(missing[0])} is required`;
      if (missing.length === 2) return `attributes ${JSON.stringify(missing[0])} and ${JSON.stringify(missing[1])} are required`;
      if (missing.length > 2) {
        const quoted = missing.map((n) => JSON.stringify(n));
        return `attributes ${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]} are required`;
      }
      return mismatch;
    }
  }
}

/**
 * Converts a value to a type constraint by Terraform's rules: numbers and bools to strings and back,
 * tuples to lists and sets, objects to maps, optional object attributes filled with null or their
 * default (defaults nest), extra attributes dropped. Unknowns pass through.
 * Throws ConversionError (`Invalid value for variable: ...`) when the value does not fit.
 */
export function convert(value: TfValue, type: TypeSpec): TfValue {
  const mismatch = mismatchMessage(typeOf(value), type);
  if (mismatch !== undefined) throw new ConversionError(mismatch);
  return convertChecked(value, type);
}

function convertChecked(value: TfValue, type: TypeSpec): TfValue {
  if (value === null || value instanceof Unknown) return value;
  switch (type.kind) {
    case 'any':
      return value;
    case 'string':
      return typeof value === 'number' ? formatNumber(value) : typeof value === 'boolean' ? String(value) : value;
    case 'number': {
      if (typeof value !== 'string') return value;
      const parsed = parseNumber(value);
      if (parsed === undefined) throw new ConversionError('a number is required');
      return parsed;
    }
    case 'bool': {
      if (typeof value !== 'string') return value;
      if (value === 'true' || value === '1') return true;
      if (value === 'false' || value === '0') return false;
      throw new ConversionError('a bool is required');
    }
    case 'list':
      return convertElements(value as TfValue[], type.element);
    case 'set':
      return makeSet(convertElements(value as TfValue[], type.element));
    case 'map': {
      const object = value as TfObject;
      const keys = sortedKeys(object);
      const converted = convertElements(
        keys.map((k) => object[k]),
        type.element,
      );
      return Object.fromEntries(keys.map((k, i) => [k, converted[i]]));
    }
    case 'tuple':
      return (value as TfValue[]).map((item, i) => convertChecked(item, type.elements[i]));
    case 'object':
      return convertObject(value as TfObject, type.attributes);
  }
}

function convertElements(values: TfValue[], element: TypeSpec): TfValue[] {
  if (element.kind === 'any') {
    const unified = unifyTypes(values.map(typeOf));
    if (!unified) throw new ConversionError('all elements must have the same type');
    return values.map((v) => convertChecked(v, unified));
  }
  const converted = values.map((v) => convertChecked(v, element));
  if (!containsAny(element)) return converted;
  const unified = unifyTypes(converted.map(typeOf));
  if (!unified) throw new ConversionError('cannot find a common base type for all elements');
  return converted.map((v) => convertChecked(v, unified));
}

function convertObject(value: TfObject, attributes: Record<string, ObjectAttribute>): TfObject {
  const out: TfObject = {};
  for (const name of sortedKeys(attributes)) {
    const attribute = attributes[name];
    const given = Object.hasOwn(value, name) ? value[name] : null;
    if (given === null && attribute.default !== undefined && attribute.default !== null) {
      setKey(out, name, convert(attribute.default, attribute.type));
    } else {
      setKey(out, name, convertChecked(given, attribute.type));
    }
  }
  return out;
}
