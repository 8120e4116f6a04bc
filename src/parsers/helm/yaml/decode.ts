/**
 * YAML → Go values as Helm reads them: sigs.k8s.io/yaml parses with gopkg.in/yaml.v2 (YAML 1.1
 * resolution: yes/no/on/off are booleans, 0777 is octal), converts to JSON and decodes that into
 * interface{}, so every number ends up float64 and every map key a string.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import { formatPath, type PathSegment } from '../../../model/index.js';
import { formatFloat, formatFloat32, quote } from '../template/strconv.js';
import { GoInt, newMap, type GoMap, type GoValue } from '../template/value.js';
import { resolvePlain } from './resolve.js';

export class YamlError extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(message: string, line?: number, column?: number) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

export interface Decoded {
  value: GoValue;
  /** formatPath(path) → 1-based line of the key (or list item) that set it. */
  positions: Map<string, number>;
}

const MAX_NODES = 5_000_000;
const MAX_DEPTH = 1000;

const TAG = 'tag:yaml.org,2002:';

type Scalarish = { kind: 'value'; value: GoValue } | { kind: 'merge' };

class Converter {
  private nodes = 0;
  readonly positions = new Map<string, number>();
  private readonly doc: Document;
  private readonly counter: LineCounter;
  private readonly track: boolean;
  private readonly keepIntegers: boolean;

  constructor(doc: Document, counter: LineCounter, track: boolean, keepIntegers: boolean) {
    this.doc = doc;
    this.counter = counter;
    this.track = track;
    this.keepIntegers = keepIntegers;
  }

  /** An integer scalar: float64 after the JSON step, or kept as int64 for type-directed decoding. */
  private integer(value: bigint, node: Scalar): GoValue {
    if (this.keepIntegers) return new GoInt(BigInt.asIntN(64, value), 'int64');
    return this.jsonNumber(Number(value), node);
  }

  private line(node: YamlNode | null | undefined): number | undefined {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : this.counter.linePos(offset).line;
  }

  /** yaml.v2's failf: the message carries no line (the diagnostic still does). */
  private fail(message: string, node: YamlNode | null | undefined): never {
    throw new YamlError(`yaml: ${message}`, this.line(node));
  }

  private record(path: PathSegment[], node: YamlNode | null | undefined): void {
    if (!this.track) return;
    const line = this.line(node);
    if (line === undefined) return;
    const key = formatPath(path);
    if (!this.positions.has(key)) this.positions.set(key, line);
  }

  convert(node: unknown, path: PathSegment[], depth: number): GoValue {
    if (++this.nodes > MAX_NODES) throw new YamlError('yaml: document is too large (alias expansion limit)');
    if (depth > MAX_DEPTH) throw new YamlError('yaml: document is nested too deeply');
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (target === undefined) this.fail(`unknown anchor '${node.source}' referenced`, node);
      return this.convert(target, path, depth + 1);
    }
    if (isScalar(node)) {
      const s = this.scalar(node);
      if (s.kind === 'merge') return '<<';
      return s.value;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const child = [...path, i];
        this.record(child, item as YamlNode);
        return this.convert(item, child, depth + 1);
      });
    }
    if (isMap(node)) {
      const out = newMap();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        if (keyNode !== null && isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.tag === undefined && String(keyNode.value) === '<<') {
          this.merge(out, pair.value, path, depth);
          continue;
        }
        const key = this.keyString(keyNode, pair.value as YamlNode | null);
        const child = [...path, key];
        this.record(child, keyNode ?? (pair.value as YamlNode | null));
        out[key] = this.convert(pair.value, child, depth + 1);
      }
      return out;
    }
    return null;
  }

  private merge(out: GoMap, value: unknown, path: PathSegment[], depth: number): void {
    const target = isAlias(value) ? value.resolve(this.doc) : value;
    const want = (): never => this.fail('map merge requires map or sequence of maps as the value', value as YamlNode);
    if (isMap(target)) {
      Object.assign(out, this.convert(target, path, depth + 1));
      return;
    }
    if (isSeq(target)) {
      for (let i = target.items.length - 1; i >= 0; i--) {
        const item = target.items[i];
        const resolved = isAlias(item) ? item.resolve(this.doc) : item;
        if (!isMap(resolved)) want();
        Object.assign(out, this.convert(resolved, path, depth + 1));
      }
      return;
    }
    want();
  }

  private keyString(node: YamlNode | null, value: YamlNode | null): string {
    if (node === null) this.nullKey(node, value);
    const resolved = isAlias(node) ? node.resolve(this.doc) : node;
    if (!isScalar(resolved)) this.fail('invalid map key: a mapping or sequence cannot be a key', node);
    const s = this.scalar(resolved);
    if (s.kind === 'merge') return '<<';
    const v = s.value;
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return this.numberKey(resolved);
    if (v instanceof GoInt) return v.value.toString();
    if (v === null) this.nullKey(node, value);
    return String(v);
  }

  /** sigs.k8s.io/yaml cannot turn a null key into a JSON key; its message shows the value with %+#v. */
  private nullKey(key: YamlNode | null, value: YamlNode | null): never {
    const line = this.line(key) ?? this.line(value);
    throw new YamlError(`error converting YAML to JSON: Unsupported map key of type: %!s(<nil>), key: <nil>, value: ${this.goSyntax(value, 0)}`, line);
  }

  /** fmt's %#v of a yaml.v2-decoded value (maps as map[interface {}]interface {}). */
  private goSyntax(node: YamlNode | null | undefined, depth: number): string {
    const target = isAlias(node) ? node.resolve(this.doc) : node;
    if (target === null || target === undefined || depth > 50) return '<nil>';
    if (isSeq(target)) return `[]interface {}{${target.items.map((item) => this.goSyntax(item as YamlNode, depth + 1)).join(', ')}}`;
    if (isMap(target)) {
      const entries = target.items.map((pair) => `${this.goSyntax(pair.key as YamlNode, depth + 1)}:${this.goSyntax(pair.value as YamlNode, depth + 1)}`);
      return `map[interface {}]interface {}{${entries.sort().join(', ')}}`;
    }
    if (!isScalar(target)) return '<nil>';
    const s = this.scalar(target);
    if (s.kind === 'merge') return quote('<<');
    const v = s.value;
    if (v === null) return '<nil>';
    if (typeof v === 'string') return quote(v);
    if (typeof v === 'number') return formatFloat(v, 'g', -1);
    return String(v instanceof GoInt ? v.value : v);
  }

  /** Numeric keys: ints print as integers, floats with 32-bit shortest formatting (sigs.k8s.io/yaml). */
  private numberKey(node: Scalar): string {
    const text = String(node.value);
    const r = resolvePlain(text);
    if (r.tag === 'int') return String(r.value);
    const f = typeof r.value === 'number' ? r.value : Number(text);
    if (f === Infinity) return '.inf';
    if (f === -Infinity) return '-.inf';
    if (Number.isNaN(f)) return '.nan';
    return formatFloat32(f);
  }

  private scalar(node: Scalar): Scalarish {
    const text = typeof node.value === 'string' ? node.value : String(node.value ?? '');
    const tag = node.tag;
    if (tag !== undefined && tag !== '!') {
      if (!tag.startsWith(TAG)) return { kind: 'value', value: text };
      const short = tag.slice(TAG.length);
      switch (short) {
        case 'str':
        case 'timestamp':
          return { kind: 'value', value: text };
        case 'binary':
          return { kind: 'value', value: this.binary(text, node) };
        case 'null':
          return { kind: 'value', value: null };
        case 'bool': {
          const r = resolvePlain(text);
          if (r.tag !== 'bool') this.fail(`cannot decode !!str \`${text}\` as a !!bool`, node);
          return { kind: 'value', value: r.value as boolean };
        }
        case 'int':
        case 'float': {
          const r = resolvePlain(text);
          if (r.tag === 'int') return { kind: 'value', value: short === 'int' ? this.integer(r.value as bigint, node) : this.jsonNumber(Number(r.value), node) };
          if (r.tag === 'float' && short === 'float') return { kind: 'value', value: this.jsonNumber(r.value as number, node) };
          this.fail(`cannot decode !!str \`${text}\` as a !!${short}`, node);
          break;
        }
        case 'merge':
          return { kind: 'merge' };
        default:
          return { kind: 'value', value: text };
      }
    }
    if (node.type !== 'PLAIN' || tag === '!') return { kind: 'value', value: text };
    const r = resolvePlain(text);
    switch (r.tag) {
      case 'null':
        return { kind: 'value', value: null };
      case 'bool':
        return { kind: 'value', value: r.value as boolean };
      case 'int':
        return { kind: 'value', value: this.integer(r.value as bigint, node) };
      case 'float':
        return { kind: 'value', value: this.jsonNumber(r.value as number, node) };
      case 'merge':
        return { kind: 'merge' };
      default:
        return { kind: 'value', value: text };
    }
  }

  /** base64.StdEncoding.DecodeString: padding required, only CR and LF ignored. */
  private binary(text: string, node: Scalar): string {
    const data = text.replace(/[\r\n]/g, '');
    if (data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(data)) this.fail('!!binary value contains invalid base64 data', node);
    return Buffer.from(data, 'base64').toString('utf8');
  }

  /** The JSON step rejects NaN and infinities. */
  private jsonNumber(value: number, node: Scalar): number {
    if (!Number.isFinite(value)) {
      const shown = Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
      throw new YamlError(`error converting YAML to JSON: json: unsupported value: ${shown}`, this.line(node));
    }
    return value;
  }
}


function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isContent(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
}

/**
 * When the document's root node is indented, the first less-indented line ends it for libyaml, and
 * yaml.v2 reads only the first document: the rest is silently ignored. Returns where to cut.
 */
function implicitDocumentEnd(text: string, errorLine: number): number | undefined {
  const lines = text.split('\n');
  const root = lines.findIndex((l) => isContent(l) && !l.startsWith('%') && !l.startsWith('---'));
  if (root < 0 || indentOf(lines[root]) === 0) return undefined;
  const rootIndent = indentOf(lines[root]);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    if (i > root && isContent(lines[i]) && indentOf(lines[i]) < rootIndent) return i + 1 <= errorLine ? offset : undefined;
    offset += lines[i].length + 1;
  }
  return undefined;
}

/** Where libyaml's scanner hits the end of the stream (0-based line); `forcedNewline`: as the stream-end token, after an unterminated last line. */
function eofLine(text: string, forcedNewline: boolean): number {
  const newlines = text.split('\n').length - 1;
  return forcedNewline && text !== '' && !text.endsWith('\n') ? newlines + 1 : newlines;
}

/**
 * libyaml's wording for the syntax errors charts hit most, with yaml.v2's line convention: a scanner
 * error shows its 1-based line, a parser error its 0-based line, and line 0 is never shown.
 * Other errors keep the message of the YAML library used here.
 */
function libyamlMessage(message: string, text: string, line: number, offset: number): string {
  const lines = text.split('\n');
  const shown = (kind: 'scanner' | 'parser', line0: number, what: string): string => {
    const n = kind === 'scanner' ? line0 + 1 : line0;
    return line0 === 0 ? `yaml: ${what}` : `yaml: line ${n}: ${what}`;
  };
  const expectedEntry = (): string => {
    const indent = indentOf(lines[line - 1] ?? '');
    for (let i = line - 2; i >= 0; i--) {
      if (!isContent(lines[i]) || indentOf(lines[i]) !== indent) continue;
      return lines[i].trimStart().startsWith('-') ? "did not find expected '-' indicator" : 'did not find expected key';
    }
    return 'did not find expected key';
  };
  // libyaml complains at the ':' that starts the unexpected mapping value.
  const colonLine = (): number => {
    const at = /:(?=[ \t\r\n]|$)/.exec(text.slice(offset));
    return at === null ? line - 1 : text.slice(0, offset + at.index).split('\n').length - 1;
  };
  const lastContentLine = lines.findLastIndex(isContent) + 1;
  if (message.startsWith('Nested mappings are not allowed in compact mappings')) {
    // After an empty key (a line starting with ':') libyaml's parser, not its scanner, gives up.
    if ((lines[line - 1] ?? '').trimStart().startsWith(':')) return shown('parser', line - 1, 'did not find expected key');
    return shown('scanner', colonLine(), 'mapping values are not allowed in this context');
  }
  if (message.startsWith('Implicit keys need to be on a single line')) {
    if (text[offset] === '-') return shown('parser', line - 1, 'did not find expected key');
    return shown('scanner', colonLine(), 'mapping values are not allowed in this context');
  }
  if (message.startsWith('Tabs are not allowed as indentation') || /^Plain value cannot start with (reserved|directive indicator) character/.test(message)) {
    return shown('scanner', line - 1, 'found character that cannot start any token');
  }
  if (/^Missing closing ["']quote/.test(message)) return shown('scanner', eofLine(text, false), 'found unexpected end of stream');
  if (message.startsWith('Flow sequence in block collection must be sufficiently indented and end with a ]')) return shown('parser', eofLine(text, true), "did not find expected ',' or ']'");
  if (/^Flow map (in block collection must be sufficiently indented and end|must end) with a \}/.test(message)) return shown('parser', eofLine(text, true), "did not find expected ',' or '}'");
  if (message.startsWith('Implicit map keys need to be followed by map values') || (message.startsWith('Sequence item without - indicator') && line === lastContentLine)) {
    return shown('scanner', line === lastContentLine ? eofLine(text, true) : line - 1, "could not find expected ':'");
  }
  if (message.startsWith('All mapping items must start at the same column') || message.startsWith('Unexpected scalar at node end')) return shown('parser', line - 1, expectedEntry());
  if (/^Unexpected flow-(seq|map)-end token/.test(message)) return shown('parser', line - 1, 'did not find expected key');
  return `yaml: line ${line}: ${message}`;
}

/** sigs.k8s.io/yaml Unmarshal into interface{}: the first document only, as Go values. */
export function decodeYaml(text: string, options: { positions?: boolean; keepIntegers?: boolean } = {}): Decoded {
  const counter = new LineCounter();
  let docs: Document[];
  try {
    docs = parseAllDocuments(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, merge: false, lineCounter: counter, prettyErrors: false }) as Document[];
  } catch (e) {
    throw new YamlError(`yaml: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(docs)) docs = [docs as Document];
  const doc = docs[0];
  if (doc === undefined) return { value: null, positions: new Map() };
  const error = doc.errors[0];
  if (error !== undefined) {
    const pos = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
    const cut = implicitDocumentEnd(text, pos.line);
    if (cut !== undefined) return decodeYaml(text.slice(0, cut), options);
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new YamlError(libyamlMessage(message, text, pos.line, error.pos[0]), pos.line, pos.col);
  }
  const converter = new Converter(doc, counter, options.positions === true, options.keepIntegers === true);
  const value = converter.convert(doc.contents, [], 0);
  return { value, positions: converter.positions };
}
