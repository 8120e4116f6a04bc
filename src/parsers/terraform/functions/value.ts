/** A value Terraform only knows after apply, or that Evident cannot compute. */
export class Unknown {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}

export type TfValue = null | boolean | number | string | TfValue[] | TfObject | Unknown;
export interface TfObject {
  [key: string]: TfValue;
}

/** An invalid function call or conversion; the evaluator turns it into a diagnostic with file:line. */
export class FunctionError extends Error {}

export function isUnknown(value: TfValue | undefined): value is Unknown {
  return value instanceof Unknown;
}

export function isTfObject(value: TfValue | undefined): value is TfObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Unknown);
}

/** True when the value is unknown or holds an unknown anywhere inside it. */
export function containsUnknown(value: TfValue): boolean {
  if (value instanceof Unknown) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isTfObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

function collectUnknowns(value: TfValue, into: Map<string, Unknown>): void {
  if (value instanceof Unknown) {
    if (!into.has(value.reason)) into.set(value.reason, value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectUnknowns(item, into);
  } else if (isTfObject(value)) {
    for (const item of Object.values(value)) collectUnknowns(item, into);
  }
}

/** One Unknown standing for every unknown inside `values`, its reason listing each distinct cause once. */
export function unknownOf(...values: TfValue[]): Unknown {
  const found = new Map<string, Unknown>();
  for (const value of values) collectUnknowns(value, found);
  if (found.size === 1) return [...found.values()][0];
  return new Unknown(found.size === 0 ? 'value is not known' : [...found.keys()].join('; '));
}

/** Terraform's name for the kind of a value, as its error messages use it. */
export function typeName(value: TfValue): string {
  if (value === null) return 'null';
  if (value instanceof Unknown) return 'unknown';
  if (Array.isArray(value)) return 'tuple';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}

/** Go compares strings byte-wise in UTF-8, which is code point order; JS `<` compares UTF-16 units. */
export function compareStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Sets an own property even for keys like `__proto__`, which plain assignment would treat specially. */
export function setKey<T>(object: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

export function sortedKeys(object: object): string[] {
  return Object.keys(object).sort(compareStrings);
}

/** Terraform equality; an unknown makes the answer unknown, reported here as `undefined`. */
export function tfEquals(a: TfValue, b: TfValue): boolean | undefined {
  if (a instanceof Unknown || b instanceof Unknown) return undefined;
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    let unknown = false;
    for (let i = 0; i < a.length; i++) {
      const equal = tfEquals(a[i], b[i]);
      if (equal === false) return false;
      if (equal === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  }
  if (isTfObject(a) || isTfObject(b)) {
    if (!isTfObject(a) || !isTfObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    let unknown = false;
    for (const key of keys) {
      if (!Object.hasOwn(b, key)) return false;
      const equal = tfEquals(a[key], b[key]);
      if (equal === false) return false;
      if (equal === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  }
  return a === b;
}

function setOrderKey(value: TfValue): [number, string | number] {
  if (typeof value === 'boolean') return [0, value ? 1 : 0];
  if (typeof value === 'number') return [1, value];
  if (typeof value === 'string') return [2, value];
  if (value === null) return [4, 0];
  return [3, canonicalText(value)];
}

/** Stable text for a structured value, used to order and deduplicate sets of non-primitive elements. */
export function canonicalText(value: TfValue): string {
  if (value instanceof Unknown) return `?${value.reason}`;
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(',')}]`;
  if (isTfObject(value)) return `{${sortedKeys(value).map((k) => `${JSON.stringify(k)}:${canonicalText(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

/** The order Terraform iterates a set in: strings lexically, numbers ascending, bools false first. */
export function compareSetElements(a: TfValue, b: TfValue): number {
  const [ka, va] = setOrderKey(a);
  const [kb, vb] = setOrderKey(b);
  if (ka !== kb) return ka - kb;
  if (typeof va === 'number' && typeof vb === 'number') return va - vb;
  return compareStrings(String(va), String(vb));
}

/** Distinct elements in Terraform's set order. Unknown elements cannot be compared, so they stay, last. */
export function makeSet(values: readonly TfValue[]): TfValue[] {
  const known: TfValue[] = [];
  const unknown: TfValue[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    if (containsUnknown(value)) {
      unknown.push(value);
      continue;
    }
    const text = canonicalText(value);
    if (!seen.has(text)) {
      seen.add(text);
      known.push(value);
    }
  }
  return [...known.sort(compareSetElements), ...unknown];
}
