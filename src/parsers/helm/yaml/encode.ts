/**
 * Helm's toYaml: sigs.k8s.io/yaml.Marshal = json.Marshal, then gopkg.in/yaml.v2 reads the JSON back
 * and marshals it (keys in yaml.v2's natural order, 2-space indent, 80-column folding). The emitter
 * below ports the parts of yaml.v2's emitterc.go that those values reach.
 */
import { jsonFloat, jsonView } from '../json.js';
import { formatFloat } from '../template/strconv.js';
import { GoError, GoInt, GoStruct, isNilSlice, type GoValue } from '../template/value.js';
import { isBase60Float, resolvePlain } from './resolve.js';

export type YPath = (string | number)[];

type YNode =
  | { t: 'map'; entries: [string, YNode][] }
  | { t: 'seq'; items: YNode[] }
  | { t: 'str'; v: string }
  | { t: 'scalar'; v: string };

/** yaml.v2's keyList.Less for string keys: letters after other runes, digit runs compared as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return cp(ar[i]) < cp(br[i]);
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(digitValue(ar[ai])));
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(digitValue(br[bi])));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return cp(ar[i]) < cp(br[i]);
  }
  return ar.length < br.length;
}

function cp(ch: string): number {
  return ch.codePointAt(0) ?? 0;
}

function isLetter(ch: string): boolean {
  return /^\p{L}$/u.test(ch);
}

function isDigit(ch: string): boolean {
  return /^\p{Nd}$/u.test(ch);
}

/** Go's `int64(r - '0')` on any Unicode digit rune. */
function digitValue(ch: string): number {
  return cp(ch) - 48;
}

function sortKeys(keys: string[]): string[] {
  return keys.sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

/** What yaml.v2 holds after reading json.Marshal's output back. */
function toNode(value: GoValue, seen: Set<object>): YNode {
  value = jsonView(value);
  if (value === null) return { t: 'scalar', v: 'null' };
  switch (typeof value) {
    case 'string':
      return { t: 'str', v: value };
    case 'boolean':
      return { t: 'scalar', v: value ? 'true' : 'false' };
    case 'number':
      return numberNode(jsonFloat(value));
  }
  if (value instanceof GoInt) return numberNode(value.value.toString());
  if (value instanceof Uint8Array) return { t: 'str', v: Buffer.from(value).toString('base64') };
  if (value instanceof GoStruct || isNilSlice(value)) return { t: 'scalar', v: 'null' };
  if (seen.has(value)) throw new GoError('json: unsupported value: encountered a cycle');
  seen.add(value);
  try {
    if (Array.isArray(value)) return { t: 'seq', items: value.map((v) => toNode(v, seen)) };
    const map = value;
    return { t: 'map', entries: sortKeys(Object.keys(map)).map((k) => [k, toNode(map[k], seen)]) };
  } finally {
    seen.delete(value);
  }
}

/** A JSON number re-read by yaml.v2: an int when it parses as one, else a float printed with %g. */
function numberNode(json: string): YNode {
  const r = resolvePlain(json);
  if (r.tag === 'int') return { t: 'scalar', v: String(r.value) };
  if (r.tag === 'float') {
    const f = r.value as number;
    if (Number.isNaN(f)) return { t: 'scalar', v: '.nan' };
    if (f === Infinity) return { t: 'scalar', v: '.inf' };
    if (f === -Infinity) return { t: 'scalar', v: '-.inf' };
    return { t: 'scalar', v: formatFloat(f, 'g', -1) };
  }
  return { t: 'str', v: json };
}

type Style = 'plain' | 'single' | 'double' | 'literal';

interface Analysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function isBreakCp(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

function isBlankCp(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09;
}

/** yaml.v2's is_printable, which works on UTF-8 lead bytes: 4-byte runes (emoji) are not printable. */
function isPrintableCp(c: number): boolean {
  if (c === 0x0a) return true;
  if (c >= 0x20 && c <= 0x7e) return true;
  if (c >= 0xa0 && c <= 0xd7ff) return true;
  if (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) return true;
  return false;
}

function analyze(value: string): Analysis {
  if (value.length === 0) return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const cps = Array.from(value, (ch) => ch.codePointAt(0) ?? 0);
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    const ch = String.fromCodePoint(c);
    const followedByWhitespace = i + 1 >= cps.length || isBlankCp(cps[i + 1]) || isBreakCp(cps[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (ch === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else if (',?[]{}'.includes(ch)) flowIndicators = true;
    else if (ch === ':') {
      flowIndicators = true;
      if (followedByWhitespace) blockIndicators = true;
    } else if (ch === '#' && precededByWhitespace) {
      flowIndicators = true;
      blockIndicators = true;
    }
    if (!isPrintableCp(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakCp(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankCp(c) || isBreakCp(c) || c === 0;
  }
  const a: Analysis = { multiline: lineBreaks, flowPlainAllowed: true, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

/** The style yaml.v2's encoder asks for (stringv), before the emitter downgrades it. */
function requestedStyle(node: YNode & { t: 'str' | 'scalar' }): Style {
  if (node.t === 'scalar') return 'plain';
  const s = node.v;
  if (s.includes('\n')) return 'literal';
  const r = resolvePlain(s);
  return r.tag === 'str' && !isBase60Float(s) ? 'plain' : 'double';
}

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

class Emitter {
  out = '';
  column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private mappingContext = false;
  private simpleKeyContext = false;
  /** Values path of the first node written on each output line. */
  readonly linePaths: (YPath | undefined)[] = [];
  private line = 0;
  private currentPath: YPath = [];

  private mark(): void {
    if (this.linePaths[this.line] === undefined) this.linePaths[this.line] = this.currentPath;
  }

  private put(ch: string): void {
    if (ch !== ' ') this.mark();
    this.out += ch;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
    this.line++;
    this.indention = true;
  }

  private writeBreak(c: string): void {
    if (c === '\n') {
      this.putBreak();
      return;
    }
    this.out += c;
    this.column = 0;
    this.line++;
    this.indention = true;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const ch of indicator) this.put(ch);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  document(node: YNode): void {
    this.emitNode(node, [], false, false);
    this.writeIndent();
  }

  private emitNode(node: YNode, path: YPath, mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    this.currentPath = path;
    switch (node.t) {
      case 'str':
      case 'scalar':
        this.emitScalar(node);
        return;
      case 'seq':
        if (this.flowLevel > 0 || node.items.length === 0) this.emitFlowEmpty('[', ']');
        else this.emitBlockSequence(node.items, path);
        return;
      case 'map':
        if (this.flowLevel > 0 || node.entries.length === 0) this.emitFlowEmpty('{', '}');
        else this.emitBlockMapping(node.entries, path);
        return;
    }
  }

  private emitFlowEmpty(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  private emitBlockSequence(items: YNode[], path: YPath): void {
    this.increaseIndent(false, this.mappingContext && !this.indention);
    items.forEach((item, i) => {
      this.currentPath = [...path, i];
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, [...path, i], false, false);
    });
    this.popIndent();
  }

  private emitBlockMapping(entries: [string, YNode][], path: YPath): void {
    this.increaseIndent(false, false);
    for (const [key, value] of entries) {
      const child = [...path, key];
      this.currentPath = child;
      this.writeIndent();
      const keyNode: YNode = { t: 'str', v: key };
      if (this.isSimpleKey(key)) {
        this.emitNode(keyNode, child, true, true);
        this.writeIndicator(':', false, false, false);
        this.emitNode(value, child, true, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitNode(keyNode, child, true, false);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
        this.emitNode(value, child, true, false);
      }
    }
    this.popIndent();
  }

  private isSimpleKey(key: string): boolean {
    const a = analyze(key);
    if (a.multiline) return false;
    return Buffer.byteLength(key, 'utf8') <= 128;
  }

  private emitScalar(node: YNode & { t: 'str' | 'scalar' }): void {
    const value = node.v;
    const a = analyze(value);
    let style = requestedStyle(node);
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlainAllowed) || (this.flowLevel === 0 && !a.blockPlainAllowed)) style = 'single';
      if (value.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || this.flowLevel > 0 || this.simpleKeyContext)) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case 'plain':
        this.writePlain(value, allowBreaks);
        break;
      case 'single':
        this.writeSingle(value, allowBreaks);
        break;
      case 'double':
        this.writeDouble(value, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(value);
        break;
    }
    this.popIndent();
  }

  private writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const chars = Array.from(value);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const c = cp(ch);
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreakCp(c)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const chars = Array.from(value);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const c = cp(ch);
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreakCp(c)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(value: string, allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    const chars = Array.from(value);
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const c = cp(ch);
      if (!isPrintableCp(c) || c === 0xfeff || isBreakCp(c) || ch === '"' || ch === '\\') {
        this.put('\\');
        const simple: Record<number, string> = {
          0x00: '0',
          0x07: 'a',
          0x08: 'b',
          0x09: 't',
          0x0a: 'n',
          0x0b: 'v',
          0x0c: 'f',
          0x0d: 'r',
          0x1b: 'e',
          0x22: '"',
          0x5c: '\\',
          0x85: 'N',
          0xa0: '_',
          0x2028: 'L',
          0x2029: 'P',
        };
        const esc = simple[c];
        if (esc !== undefined) this.put(esc);
        else {
          const [letter, width] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(letter);
          for (const d of c.toString(16).toUpperCase().padStart(width as number, '0')) this.put(d);
        }
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(value: string): void {
    this.writeIndicator('|', true, false, false);
    const chars = Array.from(value);
    if (chars.length > 0 && (chars[0] === ' ' || isBreakCp(cp(chars[0])))) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    if (chars.length === 0) chomp = '-';
    else {
      const last = chars.length - 1;
      if (!isBreakCp(cp(chars[last]))) chomp = '-';
      else if (last === 0) chomp = '+';
      else if (isBreakCp(cp(chars[last - 1]))) chomp = '+';
    }
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const ch of chars) {
      if (isBreakCp(cp(ch))) {
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

export interface YamlText {
  text: string;
  /** Per output line, the values path (relative to the marshalled value) of the node that starts it. */
  linePaths: (YPath | undefined)[];
}

/** sigs.k8s.io/yaml.Marshal(v); throws GoError when json.Marshal would fail. */
export function marshalYaml(value: GoValue): YamlText {
  const node = toNode(value, new Set());
  const emitter = new Emitter();
  emitter.document(node);
  return { text: emitter.out, linePaths: emitter.linePaths };
}

/** Helm's toYaml: the marshalled text without its final newline, or "" when marshalling fails. */
export function toYamlString(value: GoValue): string {
  try {
    const text = marshalYaml(value).text;
    return text.endsWith('\n') ? text.slice(0, -1) : text;
  } catch (e) {
    if (e instanceof GoError) return '';
    throw e;
  }
}
