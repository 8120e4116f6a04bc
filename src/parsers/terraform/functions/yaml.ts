/**
 * yamldecode and yamlencode as Terraform's cty-yaml does them: YAML 1.1-style scalar resolution on
 * decode, and go-yaml v3's emitter (double-quoted strings, literal blocks for multi-line) on encode.
 */
import type { Document, Node as YamlNode } from 'yaml';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { formatNumber, parseNumber } from './numbers.js';
import type { TfObject, TfValue } from './value.js';
import { FunctionError, Unknown, isTfObject, setKey, sortedKeys } from './value.js';

const TAG = 'tag:yaml.org,2002:';

const RESOLVE_MAP: Record<string, TfValue> = {};
for (const word of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']) RESOLVE_MAP[word] = true;
for (const word of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']) RESOLVE_MAP[word] = false;
for (const word of ['', '~', 'null', 'Null', 'NULL']) RESOLVE_MAP[word] = null;
for (const word of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) RESOLVE_MAP[word] = Infinity;
for (const word of ['-.inf', '-.Inf', '-.INF']) RESOLVE_MAP[word] = -Infinity;
const NAN_WORDS = new Set(['.nan', '.NaN', '.NAN']);

const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d*)?(?:[ \t]*(Z|[+-]\d{1,2}(?::\d{2})?))?)?$/;

/** go-yaml's timestamp forms, rendered as RFC 3339 the way cty-yaml does (seconds precision). */
function resolveTimestamp(text: string): string | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  const pad = (v: string | undefined): string => (v ?? '0').padStart(2, '0');
  if (h === undefined) return `${y}-${pad(mo)}-${pad(d)}T00:00:00Z`;
  if (/[ \t]/.test(text) && zone !== undefined) return undefined;
  if (zone !== undefined && !/^[Tt]/.test(text.slice(10))) return undefined;
  let offset = 'Z';
  if (zone && zone !== 'Z') {
    const [hh, mm] = zone.slice(1).split(':');
    offset = hh === '00' && (mm ?? '00') === '00' ? 'Z' : `${zone[0]}${pad(hh)}:${pad(mm)}`;
  }
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`;
}

function resolvePlain(text: string): TfValue | 'nan' {
  if (Object.hasOwn(RESOLVE_MAP, text)) return RESOLVE_MAP[text];
  if (NAN_WORDS.has(text)) return 'nan';
  const first = text[0];
  if (first === '.' || first === '+' || first === '-' || (first >= '0' && first <= '9')) {
    const timestamp = resolveTimestamp(text);
    if (timestamp !== undefined) return timestamp;
    const decimal = parseNumber(text);
    if (decimal !== undefined) return decimal;
    const integer = /^([+-]?)0([xo])([0-9a-fA-F]+)$/.exec(text);
    if (integer) {
      const digits = integer[3];
      const base = integer[2] === 'x' ? 16 : 8;
      if (base === 8 && /[89a-fA-F]/.test(digits)) return text;
      const value = parseInt(digits, base);
      return integer[1] === '-' ? -value : value;
    }
  }
  return text;
}

class YamlError extends FunctionError {}

interface DecodeContext {
  doc: Document;
  lines: LineCounter;
  source: string;
}

/** cty-yaml reports a node's zero-based line and one-based column, counting from its tag if it has one. */
function positionError(ctx: DecodeContext, node: YamlNode | undefined, message: string): YamlError {
  let offset = node?.range?.[0] ?? 0;
  if (node && 'tag' in node && node.tag !== undefined) {
    const before = ctx.source.slice(0, offset).replace(/\s+$/, '');
    const tagStart = before.search(/!\S*$/);
    if (tagStart !== -1) offset = tagStart;
  }
  const { line, col } = ctx.lines.linePos(offset);
  return new YamlError(`on line ${line - 1}, column ${col}: ${message}`);
}

type ScalarNode = YamlNode & { value: unknown; type?: string; tag?: string; source?: string };

function decodeScalar(ctx: DecodeContext, node: ScalarNode): TfValue {
  const text = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value ?? ''));
  const tag = node.tag;
  const plain = node.type === 'PLAIN';
  if (tag === undefined || tag === '!') {
    if (!plain) return text;
    const value = resolvePlain(text);
    if (value === 'nan') throw positionError(ctx, node, 'floating point NaN is not supported');
    return value;
  }
  switch (tag) {
    case `${TAG}str`:
    case `${TAG}binary`:
      return text;
  }
  if (!plain && tag.startsWith(TAG)) return text;
  switch (tag) {
    case `${TAG}null`:
      return null;
    case `${TAG}bool`: {
      const value = RESOLVE_MAP[text];
      if (typeof value !== 'boolean') throw new YamlError(`cannot parse ${JSON.stringify(text)} as ${tag}`);
      return value;
    }
    case `${TAG}int`:
    case `${TAG}float`: {
      const value = resolvePlain(text);
      if (value === 'nan') throw positionError(ctx, node, 'floating point NaN is not supported');
      if (typeof value !== 'number') throw new YamlError(`cannot parse ${JSON.stringify(text)} as ${tag}`);
      return value;
    }
    case `${TAG}timestamp`: {
      const value = resolveTimestamp(text);
      if (value === undefined) throw new YamlError(`cannot parse ${JSON.stringify(text)} as ${tag}`);
      return value;
    }
    default:
      throw positionError(ctx, node, `unsupported tag ${JSON.stringify(tag)}`);
  }
}

function decodeNode(ctx: DecodeContext, node: unknown, depth: number): TfValue {
  if (depth > 10_000) throw new YamlError('document is nested too deeply');
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return decodeNode(ctx, node.resolve(ctx.doc), depth + 1);
  if (isScalar(node)) return decodeScalar(ctx, node as ScalarNode);
  if (isSeq(node)) return node.items.map((item) => decodeNode(ctx, item, depth + 1));
  if (isMap(node)) {
    const out: TfObject = {};
    const merged: TfObject = {};
    for (const pair of node.items) {
      const keyNode = pair.key;
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<' && keyNode.tag === undefined) {
        const source = decodeNode(ctx, pair.value, depth + 1);
        const sources = Array.isArray(source) ? source : [source];
        for (const item of sources) {
          if (!isTfObject(item)) throw positionError(ctx, pair.value as YamlNode, 'map merge requires map or sequence of maps as the value');
          for (const key of Object.keys(item)) if (!Object.hasOwn(merged, key)) setKey(merged, key, item[key]);
        }
        continue;
      }
      const key = decodeNode(ctx, keyNode, depth + 1);
      if (key !== null && typeof key === 'object') throw new YamlError('only strings are allowed as mapping keys');
      const name = typeof key === 'number' ? formatNumber(key) : String(key);
      setKey(out, name, decodeNode(ctx, pair.value, depth + 1));
    }
    for (const key of Object.keys(merged)) if (!Object.hasOwn(out, key)) setKey(out, key, merged[key]);
    return out;
  }
  throw new YamlError('unsupported YAML node');
}

/** yamldecode: one YAML document to a value; FunctionError with line and column when it is not one. */
export function yamlDecode(source: string): TfValue {
  const lines = new LineCounter();
  const docs = parseAllDocuments(source, { schema: 'failsafe', uniqueKeys: false, merge: false, strict: false, lineCounter: lines });
  if (!Array.isArray(docs) || docs.length === 0) throw new YamlError('on line 1, column 1: missing start of document');
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const { line, col } = lines.linePos(error.pos[0]);
      const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new YamlError(`on line ${line}, column ${col}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
    }
  }
  if (docs.length > 1) throw new YamlError('on line 1, column 1: unexpected extra content after value');
  const doc = docs[0];
  return decodeNode({ doc, lines, source }, doc.contents, 0);
}

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

const isBreak = (cp: number): boolean => cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;

const ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

/** A port of the parts of go-yaml v3's emitter that cty-yaml's output exercises. */
class Emitter {
  out = '';
  column = 0;
  indent = -1;
  whitespace = true;
  indention = true;

  private put(text: string): void {
    this.out += text;
    this.column += [...text].length;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
    this.indention = true;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
  }

  private indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  /** Emits a node; `mappingValue` is go-yaml's mapping_context for a value, `simpleKey` its simple_key_context. */
  node(value: TfValue, mappingValue: boolean, simpleKey: boolean): void {
    if (Array.isArray(value)) {
      if (value.length === 0) return this.flowEmpty('[', ']');
      const saved = this.indent;
      this.increaseIndent(false, mappingValue && !this.indention);
      for (const item of value) {
        this.writeIndent();
        this.indicator('-', true, false, true);
        this.node(item, false, false);
      }
      this.indent = saved;
      return;
    }
    if (isTfObject(value)) {
      const keys = sortedKeys(value);
      if (keys.length === 0) return this.flowEmpty('{', '}');
      const saved = this.indent;
      this.increaseIndent(false, false);
      for (const key of keys) {
        this.writeIndent();
        const simple = !/[\n\r\u0085\u2028\u2029]/.test(key) && [...key].length <= 128;
        if (simple) {
          this.scalar(key, true);
          this.indicator(':', false, false, false);
        } else {
          this.indicator('?', true, false, true);
          this.scalar(key, false);
          this.writeIndent();
          this.indicator(':', true, false, true);
        }
        this.node(value[key], true, false);
      }
      this.indent = saved;
      return;
    }
    this.scalar(value, simpleKey);
  }

  /** Document end: a line break unless the last scalar already ended the line. */
  finish(): void {
    this.indent = -1;
    this.writeIndent();
  }

  private flowEmpty(open: string, close: string): void {
    this.indicator(open, true, true, false);
    this.indicator(close, false, false, false);
  }

  private scalar(value: TfValue, simpleKey: boolean): void {
    const saved = this.indent;
    this.increaseIndent(true, false);
    if (typeof value === 'string') {
      if (value.includes('\n') && !simpleKey && this.blockAllowed(value)) this.literal(value);
      else this.doubleQuoted(value, !simpleKey);
    } else {
      const text = value === null ? 'null' : typeof value === 'number' ? formatNumber(value) : String(value);
      if (!this.whitespace) this.put(' ');
      this.put(text);
      this.whitespace = false;
      this.indention = false;
    }
    this.indent = saved;
  }

  private blockAllowed(value: string): boolean {
    const cps = [...value].map((c) => c.codePointAt(0)!);
    if (cps.some((cp) => !isPrintable(cp) || cp === 0xfeff)) return false;
    if (cps[cps.length - 1] === 0x20) return false;
    for (let i = 0; i + 1 < cps.length; i++) if (cps[i] === 0x20 && isBreak(cps[i + 1])) return false;
    return true;
  }

  private literal(value: string): void {
    this.indicator('|', true, false, false);
    const cps = [...value].map((c) => c.codePointAt(0)!);
    if (cps[0] === 0x20 || isBreak(cps[0])) this.indicator(String(BEST_INDENT), false, false, false);
    const last = cps.length - 1;
    let chomp = '';
    if (!isBreak(cps[last])) chomp = '-';
    else if (last === 0 || isBreak(cps[last - 1])) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.whitespace = true;
    let breaks = true;
    for (const ch of value) {
      if (isBreak(ch.codePointAt(0)!)) {
        this.putBreak();
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          breaks = false;
        }
        this.put(ch);
        this.indention = false;
      }
    }
  }

  private doubleQuoted(value: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const cp = ch.codePointAt(0)!;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(cp) || ch === '"' || ch === '\\') {
        const named = ESCAPES[cp];
        const hex = cp.toString(16).toUpperCase();
        this.put(`\\${named ?? (cp <= 0xff ? `x${hex.padStart(2, '0')}` : cp <= 0xffff ? `u${hex.padStart(4, '0')}` : `U${hex.padStart(8, '0')}`)}`);
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(ch);
        }
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
  }
}

/** yamlencode for a wholly known value. */
export function yamlEncode(value: TfValue): string {
  if (value instanceof Unknown) throw new FunctionError('value is not known');
  const emitter = new Emitter();
  emitter.node(value, false, false);
  emitter.finish();
  let out = emitter.out;
  const rootPlain = value === null || typeof value === 'number' || typeof value === 'boolean';
  if (rootPlain) out += '...\n';
  return out;
}
