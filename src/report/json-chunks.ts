/**
 * `JSON.stringify(value, null, 2)` in pieces: objects and arrays down to `depth` levels are opened and closed
 * here, deeper values are stringified whole. Joined, the pieces are exactly JSON.stringify's output, but a
 * report of tens of thousands of findings is never held as one string.
 */
export function* jsonChunks(value: unknown, depth: number, indent = ''): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      yield* jsonChunks(skipped(value[i]) ? null : value[i], depth - 1, inner);
      yield i === value.length - 1 ? '\n' : ',\n';
    }
    yield `${indent}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => !skipped(v));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i];
    yield `${inner}${JSON.stringify(key)}: `;
    yield* jsonChunks(v, depth - 1, inner);
    yield i === entries.length - 1 ? '\n' : ',\n';
  }
  yield `${indent}}`;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function skipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
