import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode } from 'yaml';

/**
 * The line and column in a YAML document of the value at `path` (for a wrong value), or of the key `key`
 * inside it (for an unknown key): error messages point at what the user has to change.
 */
export function locateInYaml(doc: Document, counter: LineCounter, path: readonly PropertyKey[], key?: string): { line: number; column: number } {
  let node: unknown = doc.contents;
  let offset = (doc.contents as YamlNode | null)?.range?.[0] ?? 0;
  const steps = key === undefined ? path : [...path, key];
  steps.forEach((step, index) => {
    const last = index === steps.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step));
      if (!pair) return;
      const value = pair.value as YamlNode | null;
      offset = (last && key === undefined && value?.range ? value.range[0] : (pair.key as YamlNode).range?.[0]) ?? offset;
      node = value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as YamlNode | undefined;
      if (!item) return;
      offset = item.range?.[0] ?? offset;
      node = item;
    }
  });
  const pos = counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
