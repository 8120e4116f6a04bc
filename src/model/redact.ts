import { formatPath, type PathSegment } from './path.js';
import { isJsonObject, type JsonValue } from './json.js';
import type { Resource } from './resource.js';

export const REDACTED = '[REDACTED]';
/** Shorter values are too likely to occur by chance in unrelated text. */
const MIN_SECRET_LENGTH = 6;

function collectStrings(value: JsonValue, out: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length >= MIN_SECRET_LENGTH) out.add(value);
  } else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, out));
  else if (isJsonObject(value)) Object.values(value).forEach((item) => collectStrings(item, out));
}

/** Secrets worth redacting, longest first so that overlapping secrets redact whole. */
export function secretList(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** Every secret value the parsers marked sensitive. */
export function sensitiveValues(resources: readonly Resource[]): string[] {
  const secrets = new Set<string>();
  for (const resource of resources) {
    if (!resource.sensitive?.length) continue;
    const wanted = new Set(resource.sensitive);
    const visit = (value: JsonValue, path: PathSegment[]): void => {
      if (wanted.has(formatPath(path))) {
        collectStrings(value, secrets);
        return;
      }
      if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
      else if (isJsonObject(value)) for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    };
    visit(resource.attributes, []);
  }
  return secretList(secrets);
}

/**
 * `value` with every occurrence of every secret replaced by [REDACTED]. Copy on write: objects and arrays
 * without a secret are returned as they are, so a large report is not copied to redact a few strings.
 */
export function redact<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const shortest = secrets.reduce((min, secret) => Math.min(min, secret.length), Infinity);
  const scrub = (text: string): string => {
    if (text.length < shortest) return text;
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  const walkArray = (node: unknown[]): unknown[] => {
    let copy: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const item = walk(node[i]);
      if (item !== node[i]) (copy ??= node.slice())[i] = item;
    }
    return copy ?? node;
  };
  const walkObject = (node: object): object => {
    const keys = Object.keys(node);
    const entries = node as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) {
      const key = scrub(keys[i]);
      const item = walk(entries[keys[i]]);
      if (key === keys[i] && item === entries[keys[i]]) continue;
      // defineProperty, not assignment: a scanned file may well have a key named __proto__.
      const copy = {};
      const set = (k: string, v: unknown): void => void Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
      for (let j = 0; j < i; j++) set(keys[j], entries[keys[j]]);
      set(key, item);
      for (let j = i + 1; j < keys.length; j++) set(scrub(keys[j]), walk(entries[keys[j]]));
      return copy;
    }
    return node;
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return scrub(node);
    if (Array.isArray(node)) return walkArray(node);
    if (typeof node === 'object' && node !== null) return walkObject(node);
    return node;
  };
  return walk(value) as T;
}
