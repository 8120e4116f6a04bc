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

/** A deep copy of `value` with every occurrence of every secret replaced by [REDACTED]. */
export function redact<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const scrub = (text: string): string => {
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return scrub(node);
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [scrub(key), walk(item)]));
    }
    return node;
  };
  return walk(value) as T;
}
