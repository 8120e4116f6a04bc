import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, type CST, type Document, type Node as YamlNode } from 'yaml';
import {
  diagnostic,
  formatPath,
  isJsonObject,
  isSecretName,
  type Diagnostic,
  type JsonObject,
  type JsonValue,
  type PathSegment,
  type SourceKind,
  type SourceLocation,
  type ValueOrigin,
} from '../../model/index.js';
import type { ParsedResource, ParseResult } from '../types.js';

/** Maps a line of the parsed text to where it really came from (a Helm template line). */
export interface YamlSourceMap {
  locate(line: number): SourceLocation;
  origin?(line: number): ValueOrigin | undefined;
}

export interface ManifestOptions {
  source?: SourceKind;
  sourceMap?: YamlSourceMap;
  deployment?: string;
  meta?: Record<string, string>;
}

/** The yaml package composes documents recursively and overflows the stack at about 700 levels; far below that, stop. */
const MAX_DEPTH = 256;
const MAX_NODES = 2_000_000;
const MAX_ALIASES = 1000;

const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/** A document that is not scanned: a limit was reached, or a merge key (`<<`) merges something that is not a map. */
class LimitExceeded extends Error {}

/** YAML 1.1's merge key, as Kubernetes reads it: `<<: *defaults` merges the keys the map does not set itself. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

/** Assigns even `__proto__` as an own property, so that a key in the document never reaches a prototype. */
function setOwn(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

interface Converted {
  value: JsonValue;
  /** formatPath(path) → 1-based line and column in the parsed text. */
  positions: Map<string, { line: number; column: number }>;
}

/** Turns a YAML node into plain JSON, recording the line of every path; aliases expand within a budget. */
function convert(doc: Document, root: YamlNode, counter: LineCounter, text: string): Converted {
  const positions = new Map<string, { line: number; column: number }>();
  let nodes = 0;
  let aliases = 0;
  const path: PathSegment[] = [];

  const record = (offset: number | undefined): void => {
    if (offset === undefined) return;
    const key = formatPath(path);
    if (!positions.has(key)) {
      const pos = counter.linePos(offset);
      positions.set(key, { line: pos.line, column: pos.col });
    }
  };

  const walk = (node: unknown, depth: number): JsonValue => {
    if (++nodes > MAX_NODES) throw new LimitExceeded(`document expands to more than ${MAX_NODES} nodes`);
    if (depth > MAX_DEPTH) throw new LimitExceeded(`document is nested deeper than ${MAX_DEPTH} levels`);
    if (isAlias(node)) {
      if (++aliases > MAX_ALIASES) throw new LimitExceeded(`more than ${MAX_ALIASES} alias expansions (possible alias bomb)`);
      return walk(node.resolve(doc), depth + 1);
    }
    if (isMap(node)) {
      const out: JsonObject = {};
      mapInto(out, node.items, depth, false);
      return out;
    }
    if (isSeq(node)) {
      const out: JsonValue[] = [];
      node.items.forEach((item, index) => {
        path.push(index);
        record((item as YamlNode | null)?.range?.[0]);
        out.push(item === null ? null : walk(item, depth + 1));
        path.pop();
      });
      return out;
    }
    if (isScalar(node)) return scalarValue(node.value, node.source);
    return null;
  };

  /** A map's own keys (later ones win), then what its merge keys bring, earlier sources first, for keys still unset. */
  function mapInto(out: JsonObject, items: unknown[], depth: number, onlyAbsent: boolean): void {
    if (depth > MAX_DEPTH) throw new LimitExceeded(`document is nested deeper than ${MAX_DEPTH} levels`);
    const merges: unknown[] = [];
    for (const pair of items) {
      if (!isPair(pair)) continue;
      if (isMergeKey(pair.key)) {
        merges.push(pair.value);
        continue;
      }
      const key = keyText(pair.key, text);
      if (onlyAbsent && Object.hasOwn(out, key)) continue;
      path.push(key);
      record((pair.key as YamlNode | null)?.range?.[0] ?? (pair.value as YamlNode | null)?.range?.[0]);
      setOwn(out, key, pair.value === null ? null : walk(pair.value, depth + 1));
      path.pop();
    }
    for (const merge of merges) {
      for (const source of isSeq(merge) ? merge.items : [merge]) {
        if (++nodes > MAX_NODES) throw new LimitExceeded(`document expands to more than ${MAX_NODES} nodes`);
        let map = source;
        if (isAlias(map)) {
          if (++aliases > MAX_ALIASES) throw new LimitExceeded(`more than ${MAX_ALIASES} alias expansions (possible alias bomb)`);
          map = map.resolve(doc);
        }
        if (!isMap(map)) throw new LimitExceeded('a merge key (<<) must merge a map, an alias of a map, or a list of them');
        mapInto(out, map.items, depth + 1, true);
      }
    }
  }

  const value = walk(root, 0);
  return { value, positions };
}

/** A key as text; a collection or alias used as a key is taken as written (stringifying it could throw, or expand aliases). */
function keyText(key: unknown, text: string): string {
  if (isScalar(key)) {
    const value = scalarValue(key.value, key.source);
    return typeof value === 'string' ? value : JSON.stringify(value);
  }
  if (key === null || key === undefined) return '';
  const range = (key as YamlNode).range;
  return range ? text.slice(range[0], range[1]).trim() : '';
}

function scalarValue(value: unknown, source: string | undefined): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : (source ?? String(value));
  if (typeof value === 'bigint') return source ?? value.toString();
  if (value instanceof Date) return source ?? value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return source ?? String(value);
}

/** `key` relative to `prefix` (`items[2].spec` → `spec`), or undefined when it is not strictly inside it. */
function relativeKey(key: string, prefix: string): string | undefined {
  if (prefix === '') return key === '' ? undefined : key;
  if (!key.startsWith(prefix)) return undefined;
  const rest = key.slice(prefix.length);
  if (rest.startsWith('.')) return rest.slice(1);
  return rest.startsWith('[') ? rest : undefined;
}

type Positions = Converted['positions'];

/** A List document's positions split by member (`items[3]...` → 3), in one pass rather than one pass per member. */
function positionsByItem(positions: Positions): Map<number, Positions> {
  const out = new Map<number, Positions>();
  for (const [key, pos] of positions) {
    const match = /^items\[(\d+)\]/.exec(key);
    if (match === null) continue;
    const index = Number(match[1]);
    let bucket = out.get(index);
    if (bucket === undefined) out.set(index, (bucket = new Map()));
    bucket.set(key, pos);
  }
  return out;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

interface ManifestObject {
  value: JsonObject;
  /** Prefix of `value` inside the document (`items[3]` for List members). */
  prefix: PathSegment[];
}

function objectsOf(document: JsonValue): ManifestObject[] {
  if (!isJsonObject(document)) return [];
  const kind = document.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(document.items)) {
    return document.items.flatMap((item, index) => (isJsonObject(item) ? [{ value: item, prefix: ['items', index] }] : []));
  }
  return [{ value: document, prefix: [] }];
}

function sensitivePaths(kind: string, object: JsonObject): string[] {
  const out: string[] = [];
  if (kind === 'Secret') {
    for (const field of ['data', 'stringData']) {
      const section = object[field];
      if (isJsonObject(section)) for (const key of Object.keys(section)) out.push(formatPath([field, key]));
    }
  }
  const visit = (value: JsonValue, path: PathSegment[]): void => {
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (isJsonObject(value)) {
      if (path[path.length - 1] === 'env' || path[path.length - 2] === 'env') {
        if (typeof value.name === 'string' && isSecretName(value.name) && 'value' in value) out.push(formatPath([...path, 'value']));
      }
      for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
    }
  };
  visit(object, []);
  return out.sort();
}

/** Offset of the first collection nested deeper than `limit` in a parsed (not yet composed) document. */
function tooDeep(document: CST.Document, limit: number): number | undefined {
  const stack: [CST.Token | null | undefined, number][] = [[document.value, 0]];
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token === null || token === undefined) continue;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth >= limit) return token.offset;
    for (const item of token.items) {
      if ('key' in item) stack.push([item.key, depth + 1]);
      stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

/**
 * parseAllDocuments, except that a document nested too deeply is composed as an empty one (and reported by
 * the caller): the lexer and parser are iterative, but composing recurses, and a stack overflow there can
 * take the whole process down rather than throw.
 */
function parseDocuments(text: string, counter: LineCounter): { documents: Document[]; deep: Map<number, number> } {
  const deep = new Map<number, number>();
  function* checked(tokens: Generator<CST.Token>): Generator<CST.Token> {
    let index = 0;
    for (const token of tokens) {
      if (token.type !== 'document') {
        yield token;
        continue;
      }
      const offset = tooDeep(token, MAX_DEPTH);
      if (offset !== undefined) deep.set(index, offset);
      index++;
      yield offset === undefined ? token : { ...token, value: undefined };
    }
  }
  const composer = new Composer({ version: '1.1' });
  return { documents: Array.from(composer.compose(checked(new Parser(counter.addNewLine).parse(text)))) as Document[], deep };
}

/** Parses YAML or JSON text holding Kubernetes manifests: multi-document, `List` kinds flattened, documents without apiVersion/kind skipped. */
export function resourcesFromYaml(text: string, file: string, options: ManifestOptions = {}): ParseResult {
  const resources: ParsedResource[] = [];
  const diagnostics: Diagnostic[] = [];
  const counter = new LineCounter();
  const locate = (line: number, column?: number): SourceLocation =>
    options.sourceMap ? options.sourceMap.locate(line) : column === undefined ? { file, line } : { file, line, column };

  let parsed: ReturnType<typeof parseDocuments>;
  try {
    parsed = parseDocuments(text, counter);
  } catch (error) {
    diagnostics.push(diagnostic('yaml-syntax', file, `cannot parse YAML: ${(error as Error).message}`, { line: 1, column: 1 }));
    return { resources, diagnostics };
  }

  for (const [index, doc] of parsed.documents.entries()) {
    const deepAt = parsed.deep.get(index);
    if (deepAt !== undefined) {
      const pos = counter.linePos(deepAt);
      const at = options.sourceMap ? options.sourceMap.locate(pos.line) : { file, line: pos.line, column: pos.col };
      diagnostics.push(diagnostic('yaml-syntax', at.file, `document not scanned: it is nested deeper than ${MAX_DEPTH} levels`, { line: at.line, column: at.column ?? pos.col }));
      continue;
    }
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const pos = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
        const at = options.sourceMap ? options.sourceMap.locate(pos.line) : { file, line: pos.line, column: pos.col };
        diagnostics.push(diagnostic('yaml-syntax', at.file, firstLine(error.message), { line: at.line, column: at.column ?? pos.col }));
      }
      continue;
    }
    if (doc.contents === null) continue;
    let converted: Converted;
    try {
      converted = convert(doc, doc.contents as YamlNode, counter, text);
    } catch (error) {
      if (!(error instanceof LimitExceeded) && !(error instanceof RangeError)) throw error;
      const pos = counter.linePos(doc.contents.range?.[0] ?? 0);
      diagnostics.push(diagnostic('yaml-syntax', file, `document not scanned: ${error.message}`, { line: pos.line, column: pos.col }));
      continue;
    }
    const docStart = counter.linePos(doc.contents.range?.[0] ?? 0).line;
    const docEnd = counter.linePos(Math.max(0, (doc.contents.range?.[1] ?? 1) - 1)).line;

    const objects = objectsOf(converted.value);
    const byItem = objects.some((o) => o.prefix.length > 0) ? positionsByItem(converted.positions) : undefined;
    for (const { value, prefix } of objects) {
      const apiVersion = value.apiVersion;
      const kind = value.kind;
      if (typeof apiVersion !== 'string' || typeof kind !== 'string') continue;
      const metadata = isJsonObject(value.metadata) ? value.metadata : {};
      const name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? `${metadata.generateName}*` : '<unnamed>';
      const namespaced = !CLUSTER_SCOPED.has(kind);
      const namespace = namespaced ? (typeof metadata.namespace === 'string' ? metadata.namespace : 'default') : undefined;

      const prefixKey = formatPath(prefix);
      const locations: Record<string, SourceLocation> = {};
      const origins: Record<string, ValueOrigin> = {};
      let first = Number.POSITIVE_INFINITY;
      let last = 0;
      const positions = byItem === undefined ? converted.positions : (byItem.get(prefix[1] as number) ?? new Map());
      for (const [key, pos] of positions) {
        const relative = relativeKey(key, prefixKey);
        if (relative === undefined) continue;
        locations[relative] = locate(pos.line, pos.column);
        const origin = options.sourceMap?.origin?.(pos.line);
        if (origin) origins[relative] = origin;
        first = Math.min(first, pos.line);
        last = Math.max(last, pos.line);
      }
      const startLine = prefix.length === 0 ? docStart : first === Number.POSITIVE_INFINITY ? docStart : first;
      const endLine = prefix.length === 0 ? docEnd : Math.max(last, startLine);
      const start = locate(startLine);
      const end = locate(endLine);

      const resource: ParsedResource = {
        source: options.source ?? 'kubernetes',
        type: kind,
        address: namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`,
        provider: 'kubernetes',
        mode: 'resource',
        attributes: value,
        file: start.file,
        line: start.line,
        endLine: end.file === start.file ? Math.max(end.line, start.line) : start.line,
        locations,
        meta: { ...options.meta, apiVersion, name, ...(namespace === undefined ? {} : { namespace }) },
      };
      if (Object.keys(origins).length > 0) resource.origins = origins;
      const sensitive = sensitivePaths(kind, value);
      if (sensitive.length > 0) resource.sensitive = sensitive;
      if (options.deployment !== undefined) resource.deployment = options.deployment;
      resources.push(resource);
    }
  }
  return { resources, diagnostics };
}
