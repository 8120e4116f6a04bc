/**
 * A port of Go's text/template/exec.go (Go 1.18) with Helm's missingkey=zero, plus bookkeeping
 * for the source map: every write records the template line that produced it and which values
 * the producing action read.
 */
import { builtinFuncs, zeroValue } from './builtins.js';
import { formatPrintable, formatValue } from './fmt.js';
import { isEmptyTree, nodeString, parseTemplate, type BranchNode, type ChainNode, type FieldNode, type Node, type PipeNode, type Tree, type VariableNode } from './parser.js';
import {
  GoError,
  GoInt,
  GoStruct,
  IFACE,
  Iface,
  assignable,
  canBeNil,
  elemType,
  goInt,
  isGoMap,
  isTrue,
  kindOfType,
  sortedKeys,
  typeName,
  unbox,
  utf8Length,
  type Arg,
  type GoFunc,
  type GoValue,
} from './value.js';

export type ValuesPath = (string | number)[];

/** A scalar an action read from the values tree, and how it printed. */
export interface Touch {
  path: ValuesPath;
  text: string;
}

/** A rendered line (trimmed) known to come from a values path: toYaml output, nested template output. */
export interface Hint {
  text: string;
  path: ValuesPath;
}

/** What one printing action read while it was evaluated. */
export interface Collector {
  touches: Touch[];
  hints: Hint[];
}

export interface Segment {
  start: number;
  end: number;
  /** Template file and line that produced the first character. */
  file: string;
  line: number;
  /** Text from the template itself: later lines of the segment advance the template line. */
  literal: boolean;
  collector?: Collector;
}

export class RenderLimitError extends Error {}

/** Limits shared by every execution in one render. */
export class Budget {
  steps = 0;
  bytes = 0;
  depth = 0;
  readonly maxSteps: number;
  readonly maxBytes: number;
  readonly maxDepth: number;
  constructor(limits: { maxSteps?: number; maxBytes?: number; maxDepth?: number } = {}) {
    this.maxSteps = limits.maxSteps ?? 50_000_000;
    this.maxBytes = limits.maxBytes ?? 64 * 1024 * 1024;
    // Far below Go's 100000: every level costs JavaScript stack, and real charts nest a few dozen deep.
    this.maxDepth = limits.maxDepth ?? 200;
  }
  step(): void {
    if (++this.steps > this.maxSteps) throw new RenderLimitError(`template evaluation exceeded ${this.maxSteps} steps`);
  }
  spend(n: number): void {
    this.steps += n;
    if (this.steps > this.maxSteps) throw new RenderLimitError(`template evaluation exceeded ${this.maxSteps} steps`);
  }
  grow(n: number): void {
    this.bytes += n;
    if (this.bytes > this.maxBytes) throw new RenderLimitError(`rendered output exceeds ${this.maxBytes} bytes`);
  }
}

export class Output {
  private readonly parts: string[] = [];
  length = 0;
  readonly segments: Segment[] = [];
  private readonly budget: Budget;
  constructor(budget: Budget) {
    this.budget = budget;
  }
  write(text: string, file: string, line: number, literal: boolean, collector?: Collector): void {
    if (text.length === 0) return;
    this.budget.grow(text.length);
    this.parts.push(text);
    this.segments.push({ start: this.length, end: this.length + text.length, file, line, literal, collector });
    this.length += text.length;
  }
  toString(): string {
    return this.parts.join('');
  }
}

/** Shared state of a render: limits, the values registry and the stack of printing actions. */
export class RenderContext {
  readonly budget: Budget;
  /** Maps objects of the values tree to their path, so reads can be traced back to values files. */
  readonly registry = new WeakMap<object, ValuesPath>();
  readonly collectors: Collector[] = [];
  constructor(budget: Budget) {
    this.budget = budget;
  }
  current(): Collector | undefined {
    return this.collectors[this.collectors.length - 1];
  }
  touch(path: ValuesPath, value: GoValue): void {
    const collector = this.current();
    if (collector === undefined || value === null || typeof value === 'object') return;
    collector.touches.push({ path, text: formatValue(value) });
  }
  register(value: GoValue, path: ValuesPath): void {
    if (value === null || typeof value !== 'object' || value instanceof GoInt || value instanceof GoStruct || value instanceof Uint8Array) return;
    if (this.registry.has(value)) return;
    this.registry.set(value, path);
    if (Array.isArray(value)) value.forEach((v, i) => this.register(v, [...path, i]));
    else for (const k of Object.keys(value)) this.register(value[k], [...path, k]);
  }
  pathOf(value: GoValue): ValuesPath | undefined {
    if (value === null || typeof value !== 'object') return undefined;
    return this.registry.get(value);
  }
}

/** An execution error, formatted as Go formats ExecError. */
export class ExecError extends Error {
  readonly templateName: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  constructor(message: string, templateName: string, file: string, line: number, column: number) {
    super(message);
    this.templateName = templateName;
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

const lineTables = new WeakMap<Tree, number[]>();

/** 1-based line of an offset in a tree's text. */
export function lineOf(tree: Tree, pos: number): number {
  let table = lineTables.get(tree);
  if (table === undefined) {
    table = [];
    for (let i = tree.text.indexOf('\n'); i >= 0; i = tree.text.indexOf('\n', i + 1)) table.push(i);
    lineTables.set(tree, table);
  }
  let lo = 0;
  let hi = table.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** Go's ErrorContext: file:line:byteColumn and the node's text. */
export function errorContext(node: Node): { file: string; line: number; column: number; context: string } {
  const text = node.tree.text.slice(0, node.pos);
  const nl = text.lastIndexOf('\n');
  const column = utf8Length(nl === -1 ? text : text.slice(nl + 1));
  return { file: node.tree.parseName, line: lineOf(node.tree, node.pos), column, context: nodeString(node) };
}

/** A set of templates sharing defines, like the one Helm builds per render. */
/** Parsed trees by template name and text: Helm re-parses every template for each `tpl` call; trees are never modified, so they can be shared. */
export type ParseCache = Map<string, Tree[]>;

export class TemplateSet {
  readonly trees = new Map<string, Tree>();
  readonly funcs: Map<string, GoFunc>;
  readonly funcNames: Set<string>;
  private readonly cache: ParseCache | undefined;
  constructor(funcs: Map<string, GoFunc>, cache?: ParseCache) {
    this.funcs = new Map([...builtinFuncs(), ...funcs]);
    this.funcNames = new Set(this.funcs.keys());
    this.cache = cache;
  }

  private parseTrees(name: string, text: string): Tree[] {
    const key = `${name}\0${text}`;
    let trees = this.cache?.get(key);
    if (trees === undefined) {
      trees = parseTemplate(name, text, this.funcNames);
      this.cache?.set(key, trees);
    }
    return trees;
  }

  /** t.New(name).Parse(text): adds the file and its defines; later non-empty definitions win. */
  parse(name: string, text: string): void {
    const trees = this.parseTrees(name, text);
    const local = new Map<string, Tree>();
    for (const tree of trees) {
      const existing = local.get(tree.name);
      if (existing !== undefined && !isEmptyTree(existing.root) && !isEmptyTree(tree.root)) {
        throw new GoError(`template: ${name}:${lineOf(tree, tree.root.pos)}: template: multiple definition of template ${JSON.stringify(tree.name)}`);
      }
      if (existing === undefined || isEmptyTree(existing.root)) local.set(tree.name, tree);
    }
    for (const [treeName, tree] of local) {
      const old = this.trees.get(treeName);
      if (old !== undefined && isEmptyTree(tree.root)) continue;
      this.trees.set(treeName, tree);
    }
  }

  has(name: string): boolean {
    return this.trees.has(name);
  }
}

const MISSING = Symbol('missing');
type Final = Arg | typeof MISSING;

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

interface Variable {
  name: string;
  value: Arg;
  path?: ValuesPath;
}

interface Site {
  file: string;
  line: number;
}

/** One execution of a named template, writing into an Output. */
export class Executor {
  private readonly set: TemplateSet;
  private readonly ctx: RenderContext;
  private tree: Tree;
  private readonly out: Output;
  private node: Node | null = null;
  private vars: Variable[];
  /** Where writes are attributed: the call site in the file being rendered, once inside a nested template. */
  private site: Site | undefined;
  private dotPath: ValuesPath | undefined;
  /** The values path (and value) the last field, variable or dot evaluation read. */
  private lastPath: ValuesPath | undefined;
  private lastValue: GoValue = null;

  constructor(set: TemplateSet, ctx: RenderContext, tree: Tree, out: Output, data: Arg, site?: Site) {
    this.set = set;
    this.ctx = ctx;
    this.tree = tree;
    this.out = out;
    this.vars = [{ name: '$', value: data, path: ctx.pathOf(unbox(data)) }];
    this.site = site;
  }

  /** ExecuteTemplate(out, name, data). */
  static run(set: TemplateSet, ctx: RenderContext, name: string, data: Arg, out: Output, site?: Site): void {
    const tree = set.trees.get(name);
    if (tree === undefined) throw new GoError(`template: no template ${JSON.stringify(name)} associated with template "gotpl"`);
    const budget = ctx.budget;
    if (budget.depth >= budget.maxDepth) throw new RenderLimitError(`templates nested deeper than ${budget.maxDepth} levels`);
    budget.depth++;
    try {
      new Executor(set, ctx, tree, out, data, site).walk(data, tree.root);
    } finally {
      budget.depth--;
    }
  }

  private errorf(message: string): never {
    const name = this.tree.name;
    if (this.node === null) throw new ExecError(`template: ${name}: ${message}`, name, this.tree.parseName, 0, 0);
    const c = errorContext(this.node);
    throw new ExecError(`template: ${c.file}:${c.line}:${c.column}: executing ${JSON.stringify(name)} at <${c.context}>: ${message}`, name, c.file, c.line, c.column);
  }

  private at(node: Node): void {
    this.node = node;
  }

  private siteOf(node: Node): Site {
    return this.site ?? { file: this.tree.parseName, line: lineOf(node.tree, node.pos) };
  }

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private varValue(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i];
    this.errorf(`undefined variable: ${name}`);
  }

  private setVar(name: string, value: Arg, path: ValuesPath | undefined): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i] = { name, value, path };
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: Arg, node: Node): void {
    this.ctx.budget.step();
    this.at(node);
    switch (node.type) {
      case 'action': {
        const collector: Collector | undefined = node.pipe.decl.length === 0 ? { touches: [], hints: [] } : undefined;
        if (collector !== undefined) this.ctx.collectors.push(collector);
        let value: Arg;
        try {
          value = this.evalPipeline(dot, node.pipe);
        } finally {
          if (collector !== undefined) this.ctx.collectors.pop();
        }
        if (collector !== undefined) this.printValue(node, value, collector);
        return;
      }
      case 'comment':
        return;
      case 'if':
      case 'with':
        this.walkIfOrWith(node.type, dot, node.pipe, node.list, node.elseList);
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'text': {
        const site = this.siteOf(node);
        this.out.write(node.text, site.file, site.line, this.site === undefined);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
    }
    this.errorf(`unknown node: ${nodeString(node)}`);
  }

  private walkIfOrWith(type: 'if' | 'with', dot: Arg, pipe: PipeNode, list: Node, elseList: Node | null): void {
    const mark = this.mark();
    try {
      const value = this.evalPipeline(dot, pipe);
      const path = this.lastPath;
      if (isTrue(unbox(value))) {
        if (type === 'with') this.walkWithDot(value, path, list);
        else this.walk(dot, list);
      } else if (elseList !== null) this.walk(dot, elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkWithDot(dot: Arg, path: ValuesPath | undefined, node: Node): void {
    const saved = this.dotPath;
    this.dotPath = path ?? this.ctx.pathOf(unbox(dot));
    try {
      this.walk(dot, node);
    } finally {
      this.dotPath = saved;
    }
  }

  private walkRange(dot: Arg, r: BranchNode): void {
    this.at(r);
    const mark0 = this.mark();
    try {
      const value = unbox(this.evalPipeline(dot, r.pipe));
      const basePath = this.ctx.pathOf(value);
      const mark = this.mark();
      const oneIteration = (index: Arg, elem: Arg, elemPath: ValuesPath | undefined): boolean => {
        this.ctx.budget.step();
        if (r.pipe.decl.length > 0) this.vars[this.vars.length - 1] = { name: this.vars[this.vars.length - 1].name, value: elem, path: elemPath };
        if (r.pipe.decl.length > 1) this.vars[this.vars.length - 2] = { name: this.vars[this.vars.length - 2].name, value: index };
        try {
          this.walkWithDot(elem, elemPath, r.list);
        } catch (e) {
          if (e === BREAK) return false;
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
        return true;
      };
      if (Array.isArray(value) || value instanceof Uint8Array) {
        if (value.length > 0) {
          const boxed = elemType(typeName(value)) === IFACE;
          for (let i = 0; i < value.length; i++) {
            const raw: GoValue = value instanceof Uint8Array ? new GoInt(value[i], 'uint8') : value[i];
            if (!oneIteration(goInt(i), boxed ? new Iface(raw) : raw, basePath === undefined ? undefined : [...basePath, i])) break;
          }
          return;
        }
      } else if (isGoMap(value)) {
        const keys = sortedKeys(value);
        if (keys.length > 0) {
          const boxed = elemType(typeName(value)) === IFACE;
          for (const key of keys) {
            if (!oneIteration(key, boxed ? new Iface(value[key]) : value[key], basePath === undefined ? undefined : [...basePath, key])) break;
          }
          return;
        }
      } else if (value instanceof GoInt) {
        // Go 1.22 ranges over integers; Helm 3.10 rejects it, newer Helm accepts it.
        const n = value.value;
        if (n > 0n) {
          for (let i = 0n; i < n; i++) if (!oneIteration(new GoInt(i, value.type), new GoInt(i, value.type), undefined)) break;
          return;
        }
      } else if (value !== null) this.errorf(`range can't iterate over ${formatValue(value)}`);
      if (r.elseList !== null) this.walk(dot, r.elseList);
    } finally {
      this.pop(mark0);
    }
  }

  private walkTemplate(dot: Arg, t: Node & { type: 'template' }): void {
    this.at(t);
    const tree = this.set.trees.get(t.name);
    if (tree === undefined) this.errorf(`template ${JSON.stringify(t.name)} not defined`);
    const budget = this.ctx.budget;
    if (budget.depth >= budget.maxDepth) this.errorf(`exceeded maximum template depth (${budget.maxDepth})`);
    const value = this.evalPipeline(dot, t.pipe);
    const site = this.siteOf(t);
    budget.depth++;
    try {
      const inner = new Executor(this.set, this.ctx, tree, this.out, value, site);
      inner.dotPath = this.lastPath ?? this.ctx.pathOf(unbox(value));
      inner.walk(value, tree.root);
    } finally {
      budget.depth--;
    }
  }

  private evalPipeline(dot: Arg, pipe: PipeNode | null): Arg {
    this.lastPath = undefined;
    if (pipe === null) return null;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      this.lastPath = undefined;
      value = this.evalCommand(dot, cmd, value);
      if (value instanceof Iface) value = value.value;
    }
    const result = value === MISSING ? null : value;
    // A function may return something else than what it last read (default "x" .Values.empty).
    if (this.lastPath !== undefined && !sameValue(unbox(result), this.lastValue)) this.lastPath = undefined;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0], result, this.lastPath);
      else this.vars.push({ name: variable.ident[0], value: result, path: this.lastPath });
    }
    return result;
  }

  private notAFunction(args: Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: Arg, cmd: Node & { type: 'command' }, final: Final): Arg {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first.ident, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        this.touchDot(dot);
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
        break;
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  private touchDot(dot: Arg): void {
    if (this.dotPath !== undefined) {
      this.lastPath = this.dotPath;
      this.lastValue = unbox(dot);
      this.ctx.touch(this.dotPath, unbox(dot));
    }
  }

  private idealConstant(n: Node & { type: 'number' }): GoValue {
    this.at(n);
    const isRune = n.text.startsWith("'");
    const isHexInt = n.text.length > 2 && n.text[0] === '0' && (n.text[1] === 'x' || n.text[1] === 'X') && !/[pP]/.test(n.text);
    if (n.isFloat && !isHexInt && !isRune && /[.eEpP]/.test(n.text)) return n.float64;
    if (n.isInt) return goInt(n.int64);
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return null;
  }

  private evalFieldNode(dot: Arg, field: FieldNode, args: Node[], final: Final): Arg {
    this.at(field);
    return this.evalFieldChain(dot, dot, this.dotPath, field, field.ident, args, final);
  }

  private evalChainNode(dot: Arg, chain: ChainNode, args: Node[], final: Final): Arg {
    this.at(chain);
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, pipe, this.lastPath ?? this.ctx.pathOf(unbox(pipe)), chain, chain.field, args, final);
  }

  private evalVariableNode(dot: Arg, variable: VariableNode, args: Node[], final: Final): Arg {
    this.at(variable);
    const v = this.varValue(variable.ident[0]);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      if (v.path !== undefined) {
        this.lastPath = v.path;
        this.lastValue = unbox(v.value);
        this.ctx.touch(v.path, unbox(v.value));
      }
      return v.value;
    }
    return this.evalFieldChain(dot, v.value, v.path ?? this.ctx.pathOf(unbox(v.value)), variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: Arg, receiver: Arg, path: ValuesPath | undefined, node: Node, ident: string[], args: Node[], final: Final): Arg {
    const n = ident.length;
    let current = receiver;
    let currentPath = path;
    for (let i = 0; i < n - 1; i++) {
      currentPath = this.childPath(current, currentPath, ident[i]);
      current = this.evalField(dot, ident[i], node, [], MISSING, current);
    }
    const resultPath = this.childPath(current, currentPath, ident[n - 1]);
    const result = this.evalField(dot, ident[n - 1], node, args, final, current);
    this.lastPath = resultPath;
    this.lastValue = unbox(result);
    if (resultPath !== undefined) this.ctx.touch(resultPath, unbox(result));
    return result;
  }

  private childPath(receiver: Arg, path: ValuesPath | undefined, field: string): ValuesPath | undefined {
    const value = unbox(receiver);
    if (!isGoMap(value)) return undefined;
    const base = path ?? this.ctx.pathOf(value);
    return base === undefined ? undefined : [...base, field];
  }

  private evalFunction(dot: Arg, name: string, node: Node, cmd: Node, args: Node[], final: Final): Arg {
    this.at(node);
    const fn = this.set.funcs.get(name);
    if (fn === undefined) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    return this.evalCall(dot, fn, true, cmd, name, args, final);
  }

  private evalField(dot: Arg, fieldName: string, node: Node, args: Node[], final: Final, receiver: Arg): Arg {
    if (receiver === null) return null;
    const boxed = receiver instanceof Iface;
    const value = unbox(receiver);
    const typ = boxed ? IFACE : typeName(value);
    if (boxed && value === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const method = value instanceof GoStruct ? value.method(fieldName) : valueMethod(value, fieldName);
    if (method !== undefined) return this.evalCall(dot, method, false, node, fieldName, args, final);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (value instanceof GoStruct) {
      if (value.fieldNames().includes(fieldName)) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return value.field(fieldName);
      }
    } else if (isGoMap(value)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const elem = elemType(typeName(value));
      if (Object.hasOwn(value, fieldName)) return elem === IFACE ? new Iface(value[fieldName]) : value[fieldName];
      return zeroValue(elem);
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private evalCall(dot: Arg, fn: GoFunc, isBuiltin: boolean, node: Node, name: string, argNodes: Node[], final: Final): Arg {
    const args = argNodes.length > 0 ? argNodes.slice(1) : [];
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (fn.variadic !== undefined) {
      numFixed = fn.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
    } else if (numIn !== fn.params.length) this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: Arg = null;
      for (const arg of args) {
        v = this.evalArg(dot, 'reflect.Value', arg);
        if (isTrue(unbox(v)) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'reflect.Value');
      return v;
    }

    const argv: Arg[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i], args[i]));
    if (fn.variadic !== undefined) for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i]));
    if (final !== MISSING) {
      let t = fn.params[fn.params.length - 1];
      if (fn.variadic !== undefined) t = numIn - 1 < numFixed ? fn.params[numIn - 1] : fn.variadic;
      argv.push(this.validateType(final, t));
    }
    const passed = argv.map((a, k) => {
      const t = k < fn.params.length ? fn.params[k] : fn.variadic;
      return t === 'reflect.Value' ? a : unbox(a);
    });
    try {
      const result = fn.call(passed);
      return fn.result === IFACE && !(result instanceof Iface) ? new Iface(result) : result;
    } catch (e) {
      if (e instanceof ExecError || e instanceof RenderLimitError || e === BREAK || e === CONTINUE) throw e;
      if (e instanceof RangeError && /call stack/i.test(e.message)) throw e;
      this.at(node);
      const message = e instanceof Error ? e.message : String(e);
      this.errorf(`error calling ${name}: ${message}`);
    }
  }

  private validateType(value: Arg, typ: string | undefined): Arg {
    if (value === null) {
      if (typ === undefined) return null;
      if (canBeNil(typ)) return typ === IFACE ? new Iface(null) : null;
      this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === 'reflect.Value' || typ === undefined) return value;
    const boxed = value instanceof Iface;
    const vt = boxed ? IFACE : typeName(value);
    if (assignable(vt, typ)) return value;
    if (boxed && value.value !== null) {
      if (assignable(typeName(value.value), typ)) return value.value;
      this.errorf(`wrong type for value; expected ${typ}; got ${typeName(value.value)}`);
    }
    this.errorf(`wrong type for value; expected ${typ}; got ${vt}`);
  }

  private evalArg(dot: Arg, typ: string | undefined, n: Node): Arg {
    this.at(n);
    switch (n.type) {
      case 'dot':
        this.touchDot(dot);
        return this.validateType(dot, typ);
      case 'nil':
        if (typ === undefined || canBeNil(typ)) return typ === IFACE ? new Iface(null) : null;
        this.errorf(`cannot assign nil to ${typ}`);
        break;
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, [], MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n.ident, n, n, [], MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ);
    }
    const t = typ ?? IFACE;
    if (t === IFACE || t === 'reflect.Value') return this.evalEmptyInterface(n);
    switch (kindOfType(t)) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
        break;
      case 'float64':
        if (n.type === 'number' && n.isFloat) return n.float64;
        this.errorf(`expected float; found ${nodeString(n)}`);
        break;
      case 'int':
      case 'int8':
      case 'int16':
      case 'int32':
      case 'int64':
        if (n.type === 'number' && n.isInt) return new GoInt(n.int64, t as 'int');
        this.errorf(`expected integer; found ${nodeString(n)}`);
        break;
      case 'uint':
      case 'uint8':
      case 'uint16':
      case 'uint32':
      case 'uint64':
        if (n.type === 'number' && n.isUint) return new GoInt(n.uint64, t as 'uint');
        this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
        break;
      case 'string':
        if (n.type === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${t}`);
  }

  private evalEmptyInterface(n: Node): Arg {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  private printValue(node: Node & { type: 'action' }, value: Arg, collector: Collector): void {
    this.at(node);
    const v = unbox(value);
    const text = v === null ? '<no value>' : formatPrintable(v);
    const site = this.siteOf(node);
    this.out.write(text, site.file, site.line, false, collector);
  }
}

function sameValue(a: GoValue, b: GoValue): boolean {
  if (a === b) return true;
  if (a instanceof GoInt && b instanceof GoInt) return a.value === b.value;
  return false;
}

/** Methods of named map and slice types (engine.files, chartutil.Values, chartutil.VersionSet). */
function valueMethod(value: GoValue, name: string): GoFunc | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const methods = (value as { [METHODS]?: Record<string, GoFunc> })[METHODS];
  return methods !== undefined && Object.hasOwn(methods, name) ? methods[name] : undefined;
}

/** Key under which map- and slice-typed values keep their Go methods (a symbol, so it never shows as a key). */
export const METHODS: unique symbol = Symbol('methods');

/** Attaches Go methods to a map or slice value. */
export function withMethods<T extends object>(value: T, methods: Record<string, GoFunc>): T {
  Object.defineProperty(value, METHODS, { value: methods, enumerable: false });
  return value;
}
