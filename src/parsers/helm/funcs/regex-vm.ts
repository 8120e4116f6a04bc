/**
 * A Pike VM (Thompson NFA with submatches) for the regular expressions compileGoRegexp produces.
 * Like Go's RE2, matching takes time linear in the input: a chart cannot stall the scan with a
 * pattern such as `(a+)+$`, which makes JavaScript's backtracking engine run for ages.
 * Leftmost-first priority between threads gives the same matches as Go (and as a backtracking engine).
 */
import { GoError } from '../template/value.js';

/** Go rejects programs this large with "expression too large". */
const MAX_PROGRAM = 200_000;

type Assertion = 'begin-line' | 'end-line' | 'begin-text' | 'end-text' | 'word-boundary' | 'not-word-boundary';

type Inst =
  | { op: 'char'; test: (cp: number) => boolean }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; slot: number }
  | { op: 'assert'; kind: Assertion }
  | { op: 'match' };

type Node =
  | { type: 'char'; test: (cp: number) => boolean }
  | { type: 'assert'; kind: Assertion }
  | { type: 'group'; index: number | undefined; body: Node }
  | { type: 'concat'; items: Node[] }
  | { type: 'alt'; items: Node[] }
  | { type: 'repeat'; body: Node; min: number; max: number; lazy: boolean };

export interface VmMatch {
  index: number;
  end: number;
  /** [whole match, group 1, ...]; undefined for groups that did not take part. */
  groups: (string | undefined)[];
  named: Record<string, string | undefined>;
}

/** One-character matcher from a JavaScript atom, with a per-code-point cache. */
function charTester(source: string, flags: string): (cp: number) => boolean {
  const re = new RegExp(`^(?:${source})$`, flags);
  const cache = new Map<number, boolean>();
  return (cp) => {
    let hit = cache.get(cp);
    if (hit === undefined) {
      hit = re.test(String.fromCodePoint(cp));
      if (cache.size < 4096) cache.set(cp, hit);
    }
    return hit;
  };
}

/** Parses the JavaScript pattern syntax that compileGoRegexp emits (already validated there). */
class Parser {
  private i = 0;
  groupCount = 0;
  readonly names: (string | undefined)[] = [undefined];
  private readonly src: string;
  private readonly flags: string;
  private readonly multiline: boolean;

  constructor(src: string, flags: string) {
    this.src = src;
    this.flags = flags.replace(/[gmy]/g, '');
    this.multiline = flags.includes('m');
  }

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Error(`regex-vm: unexpected ${this.src[this.i]} at ${this.i}`);
    return node;
  }

  private alternation(): Node {
    const items = [this.concatenation()];
    while (this.src[this.i] === '|') {
      this.i++;
      items.push(this.concatenation());
    }
    return items.length === 1 ? items[0] : { type: 'alt', items };
  }

  private concatenation(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') items.push(this.repetition(this.atom()));
    return { type: 'concat', items };
  }

  private repetition(atom: Node): Node {
    let node = atom;
    for (;;) {
      const ch = this.src[this.i];
      let min: number;
      let max: number;
      if (ch === '*') [min, max] = [0, -1];
      else if (ch === '+') [min, max] = [1, -1];
      else if (ch === '?') [min, max] = [0, 1];
      else if (ch === '{') {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i));
        if (m === null) return node;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
        this.i += m[0].length - 1;
      } else return node;
      this.i++;
      let lazy = false;
      if (this.src[this.i] === '?') {
        lazy = true;
        this.i++;
      }
      node = { type: 'repeat', body: node, min, max, lazy };
    }
  }

  private atom(): Node {
    const src = this.src;
    const rest = src.slice(this.i);
    if (rest.startsWith('(?<![\\s\\S])')) {
      this.i += 11;
      return { type: 'assert', kind: 'begin-text' };
    }
    if (rest.startsWith('(?![\\s\\S])')) {
      this.i += 10;
      return { type: 'assert', kind: 'end-text' };
    }
    const ch = src[this.i];
    if (ch === '(') {
      let index: number | undefined;
      const named = /^\(\?<([A-Za-z0-9_]+)>/.exec(rest);
      if (rest.startsWith('(?:')) this.i += 3;
      else if (named !== null) {
        index = ++this.groupCount;
        this.names[index] = named[1];
        this.i += named[0].length;
      } else {
        index = ++this.groupCount;
        this.names[index] = undefined;
        this.i++;
      }
      const body = this.alternation();
      if (src[this.i] !== ')') throw new Error('regex-vm: missing )');
      this.i++;
      return { type: 'group', index, body };
    }
    if (ch === '^') {
      this.i++;
      return { type: 'assert', kind: this.multiline ? 'begin-line' : 'begin-text' };
    }
    if (ch === '$') {
      this.i++;
      return { type: 'assert', kind: this.multiline ? 'end-line' : 'end-text' };
    }
    if (ch === '[') return this.char(this.classEnd());
    if (ch === '\\') {
      const next = src[this.i + 1];
      if (next === 'b' || next === 'B') {
        this.i += 2;
        return { type: 'assert', kind: next === 'b' ? 'word-boundary' : 'not-word-boundary' };
      }
      const m = /^\\(?:[pP]\{[^}]*\}|u\{[0-9A-Fa-f]+\}|x[0-9A-Fa-f]{2}|[\s\S])/u.exec(rest);
      return this.char((m as RegExpExecArray)[0].length);
    }
    return this.char(String.fromCodePoint(src.codePointAt(this.i) ?? 0).length);
  }

  /** Length of the character class starting here. */
  private classEnd(): number {
    let j = this.i + 1;
    if (this.src[j] === '^') j++;
    while (j < this.src.length && this.src[j] !== ']') j += this.src[j] === '\\' ? 2 : 1;
    return j + 1 - this.i;
  }

  private char(length: number): Node {
    const source = this.src.slice(this.i, this.i + length);
    this.i += length;
    return { type: 'char', test: charTester(source, this.flags) };
  }
}

class Compiler {
  readonly prog: Inst[] = [];

  emit(inst: Inst): number {
    if (this.prog.length >= MAX_PROGRAM) throw new GoError('error parsing regexp: expression too large');
    this.prog.push(inst);
    return this.prog.length - 1;
  }

  compile(node: Node): void {
    switch (node.type) {
      case 'char':
        this.emit({ op: 'char', test: node.test });
        return;
      case 'assert':
        this.emit({ op: 'assert', kind: node.kind });
        return;
      case 'group':
        if (node.index !== undefined) this.emit({ op: 'save', slot: node.index * 2 });
        this.compile(node.body);
        if (node.index !== undefined) this.emit({ op: 'save', slot: node.index * 2 + 1 });
        return;
      case 'concat':
        for (const item of node.items) this.compile(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        for (let k = 0; k < node.items.length; k++) {
          if (k < node.items.length - 1) {
            const split = this.emit({ op: 'split', x: 0, y: 0 });
            (this.prog[split] as { x: number }).x = split + 1;
            this.compile(node.items[k]);
            jumps.push(this.emit({ op: 'jmp', x: 0 }));
            (this.prog[split] as { y: number }).y = this.prog.length;
          } else this.compile(node.items[k]);
        }
        for (const j of jumps) (this.prog[j] as { x: number }).x = this.prog.length;
        return;
      }
      case 'repeat':
        this.repeat(node);
    }
  }

  /** As Go's regexp/syntax simplifies it: x{n,} is n-1 copies and x+, x{n,m} is n copies and nested x?. */
  private repeat(node: Extract<Node, { type: 'repeat' }>): void {
    if (node.max < 0) {
      if (node.min === 0) {
        this.star(node.body, node.lazy);
        return;
      }
      for (let k = 1; k < node.min; k++) this.compile(node.body);
      this.plus(node.body, node.lazy);
      return;
    }
    for (let k = 0; k < node.min; k++) this.compile(node.body);
    const splits: number[] = [];
    for (let k = node.min; k < node.max; k++) {
      splits.push(this.emit({ op: 'split', x: 0, y: 0 }));
      this.compile(node.body);
    }
    for (const s of splits) this.point(s, s + 1, this.prog.length, node.lazy);
  }

  /** x* — as (x+)? when x can match empty, so that priorities come out as Go's (golang.org/issue/46123). */
  private star(body: Node, lazy: boolean): void {
    if (nullable(body)) {
      const split = this.emit({ op: 'split', x: 0, y: 0 });
      this.plus(body, lazy);
      this.point(split, split + 1, this.prog.length, lazy);
      return;
    }
    const split = this.emit({ op: 'split', x: 0, y: 0 });
    this.compile(body);
    this.emit({ op: 'jmp', x: split });
    this.point(split, split + 1, this.prog.length, lazy);
  }

  private plus(body: Node, lazy: boolean): void {
    const start = this.prog.length;
    this.compile(body);
    const split = this.emit({ op: 'split', x: 0, y: 0 });
    this.point(split, start, split + 1, lazy);
  }

  private point(split: number, body: number, out: number, lazy: boolean): void {
    const inst = this.prog[split] as { x: number; y: number };
    inst.x = lazy ? out : body;
    inst.y = lazy ? body : out;
  }
}

function nullable(node: Node): boolean {
  switch (node.type) {
    case 'char':
      return false;
    case 'assert':
      return true;
    case 'group':
      return nullable(node.body);
    case 'concat':
      return node.items.every(nullable);
    case 'alt':
      return node.items.some(nullable);
    case 'repeat':
      return node.min === 0 || nullable(node.body);
  }
}

function isWordChar(cp: number | undefined): boolean {
  return cp !== undefined && ((cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95);
}

interface Thread {
  pc: number;
  caps: number[];
}

export class PikeRegex {
  private readonly prog: Inst[];
  private readonly slots: number;
  private readonly names: (string | undefined)[];

  constructor(source: string, flags: string) {
    const parser = new Parser(source, flags);
    const ast = parser.parse();
    const compiler = new Compiler();
    compiler.emit({ op: 'save', slot: 0 });
    compiler.compile(ast);
    compiler.emit({ op: 'save', slot: 1 });
    compiler.emit({ op: 'match' });
    this.prog = compiler.prog;
    this.slots = (parser.groupCount + 1) * 2;
    this.names = parser.names;
  }

  private assertion(kind: Assertion, s: string, pos: number): boolean {
    switch (kind) {
      case 'begin-text':
        return pos === 0;
      case 'end-text':
        return pos === s.length;
      case 'begin-line':
        return pos === 0 || s[pos - 1] === '\n';
      case 'end-line':
        return pos === s.length || s[pos] === '\n';
      case 'word-boundary':
      case 'not-word-boundary': {
        const before = pos > 0 ? s.charCodeAt(pos - 1) : undefined;
        const after = pos < s.length ? s.charCodeAt(pos) : undefined;
        const boundary = isWordChar(before) !== isWordChar(after);
        return kind === 'word-boundary' ? boundary : !boundary;
      }
    }
  }

  /** Adds a thread and follows its jumps, splits, saves and assertions (explicit stack: programs can be long). */
  private add(list: Thread[], seen: Uint8Array, start: Thread, s: string, pos: number): void {
    const stack: Thread[] = [start];
    while (stack.length > 0) {
      const t = stack.pop() as Thread;
      if (seen[t.pc] === 1) continue;
      seen[t.pc] = 1;
      const inst = this.prog[t.pc];
      switch (inst.op) {
        case 'jmp':
          stack.push({ pc: inst.x, caps: t.caps });
          break;
        case 'split':
          // y is pushed first so that x, the preferred branch, is explored first.
          stack.push({ pc: inst.y, caps: t.caps });
          stack.push({ pc: inst.x, caps: t.caps });
          break;
        case 'save': {
          const caps = t.caps.slice();
          caps[inst.slot] = pos;
          stack.push({ pc: t.pc + 1, caps });
          break;
        }
        case 'assert':
          if (this.assertion(inst.kind, s, pos)) stack.push({ pc: t.pc + 1, caps: t.caps });
          break;
        default:
          list.push(t);
      }
    }
  }

  /** The leftmost-first match starting at or after `from`, or null. */
  exec(s: string, from: number): VmMatch | null {
    let current: Thread[] = [];
    let matched: number[] | undefined;
    const size = this.prog.length;
    let pos = from;
    const empty = new Array<number>(this.slots).fill(-1);
    for (;;) {
      if (matched === undefined) {
        const seen = new Uint8Array(size);
        for (const t of current) seen[t.pc] = 1;
        const added: Thread[] = [];
        this.add(added, seen, { pc: 0, caps: empty }, s, pos);
        current = current.concat(added);
      }
      const cp = pos < s.length ? s.codePointAt(pos) : undefined;
      const width = cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
      if (current.length === 0) {
        // No thread alive: done once a match is known, else try the next start position.
        if (matched !== undefined || cp === undefined) break;
        pos += width;
        continue;
      }
      const seen = new Uint8Array(size);
      const next: Thread[] = [];
      for (const t of current) {
        const inst = this.prog[t.pc];
        if (inst.op === 'match') {
          matched = t.caps;
          // Threads after this one have lower priority: drop them.
          break;
        }
        if (inst.op === 'char' && cp !== undefined && inst.test(cp)) this.add(next, seen, { pc: t.pc + 1, caps: t.caps }, s, pos + width);
      }
      if (cp === undefined) break;
      current = next;
      pos += width;
    }
    if (matched === undefined) return null;
    const caps = matched;
    const groups: (string | undefined)[] = [];
    const named: Record<string, string | undefined> = {};
    for (let g = 0; g * 2 < this.slots; g++) {
      const a = caps[g * 2];
      const b = caps[g * 2 + 1];
      groups.push(a >= 0 && b >= 0 ? s.slice(a, b) : undefined);
      const name = this.names[g];
      if (name !== undefined) named[name] = groups[g];
    }
    return { index: caps[0], end: caps[1], groups, named };
  }
}
