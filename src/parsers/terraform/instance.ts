import {
  diagnostic,
  formatPath,
  isSecretName,
  unknownValue,
  type Diagnostic,
  type JsonObject,
  type JsonValue,
  type PathSegment,
  type SourceLocation,
  type ValueOrigin,
} from '../../model/index.js';
import type { ParsedResource } from '../types.js';
import type { Attribute, Block, Body, Expression, Range, TraversalStep } from './hcl/index.js';
import { objectKeyName, references } from './hcl/index.js';
import { convert } from './functions/types.js';
import { FunctionError, isTfObject, setKey, Unknown, type TfObject, type TfValue } from './functions/value.js';
import { entries, EvalError, Evaluator, markComputed, type Resolver } from './evaluate.js';
import { attribute, isLocalSource, resolveLocalSource, resourceKey, type ModuleCallDecl, type ModuleDef, type ResourceDecl } from './module.js';
import { typeConstraint } from './type-constraint.js';

/** A variable's value and, when it was set in a tfvars file or a module call, where. */
export interface InputValue {
  value: TfValue;
  origin?: ValueOrigin;
  /** Resources the caller's expression referred to, so links survive module boundaries. */
  refs?: string[];
}

/** Shared by every module instance of one evaluation (one root module, one deployment). */
export interface EvaluationContext {
  /** Parsed modules by repo-relative directory. */
  modules: Map<string, ModuleDef>;
  rootDir: string;
  deployment?: string;
  resources: ParsedResource[];
  diagnostics: Diagnostic[];
  /** Secret strings (sensitive variables) to redact from every report. */
  secrets: Set<string>;
  /** Reads a repo-relative file for file()/templatefile(); undefined when absent or outside the scan. */
  readText(path: string): string | undefined;
  /** Provider configurations of the root module, evaluated once: `aws`, `aws.west`, ... */
  providers?: Map<string, TfObject>;
}

const MAX_MODULE_DEPTH = 32;
const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'depends_on']);
const RESOURCE_META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);

interface Instance {
  /** `[0]`, `["db"]` or '' — the instance key in Terraform's address syntax. */
  suffix: string;
  bindings: Record<string, TfValue>;
}

/** Locations, value origins and secret paths gathered while a resource body is evaluated. */
interface BodyRecord {
  locations: Record<string, SourceLocation>;
  origins: Record<string, ValueOrigin>;
  sensitive: string[];
  references: Record<string, string[]>;
}

function emptyRecord(): BodyRecord {
  return { locations: {}, origins: {}, sensitive: [], references: {} };
}

export function instanceKey(key: TfValue): string {
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(String(key))}]`;
}

/** The JSON the resource model carries: unknowns become `{"__unknown__": reason}`. */
export function toJson(value: TfValue): JsonValue {
  if (value instanceof Unknown) return unknownValue(value.reason);
  if (Array.isArray(value)) return value.map(toJson);
  if (isTfObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) out[key] = toJson(item);
    return out;
  }
  return value;
}

function collectStrings(value: TfValue, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, into));
  else if (isTfObject(value)) Object.values(value).forEach((item) => collectStrings(item, into));
}

/** One instance of a module: lazily evaluates its names, emits its resources, recurses into its module calls. */
export class ModuleInstance implements Resolver {
  private readonly ctx: EvaluationContext;
  private readonly def: ModuleDef;
  /** `''` for the root module, else `module.net.` / `module.net.module.sub["a"].` */
  private readonly prefix: string;
  private readonly inputs: Map<string, InputValue>;
  private readonly depth: number;
  private readonly evaluator: Evaluator;
  private currentFile: string;
  private readonly variables = new Map<string, InputValue>();
  private readonly locals = new Map<string, TfValue>();
  private readonly localsInProgress: string[] = [];
  private readonly resources = new Map<string, TfValue>();
  private readonly resourcesInProgress = new Set<string>();
  private readonly modules = new Map<string, TfValue>();
  private readonly modulesInProgress = new Set<string>();
  private readonly outputs = new Map<string, TfValue>();
  private readonly localRefs = new Map<string, string[]>();

  constructor(ctx: EvaluationContext, def: ModuleDef, prefix: string, inputs: Map<string, InputValue>, depth = 0) {
    this.ctx = ctx;
    this.def = def;
    this.prefix = prefix;
    this.inputs = inputs;
    this.depth = depth;
    this.evaluator = new Evaluator(this);
    this.currentFile = def.files[0]?.path ?? def.dir;
  }

  /** Evaluates everything the module declares; returns its outputs. */
  run(): TfObject {
    if (this.depth === 0) this.ctx.providers = this.providerConfigs();
    for (const name of this.def.variables.keys()) this.variable(name);
    for (const name of this.def.locals.keys()) this.local(name, undefined);
    for (const decl of this.def.resources) this.resource(decl);
    for (const call of this.def.modules) this.module(call);
    const outputs: TfObject = {};
    for (const name of [...this.def.outputs.keys()].sort()) setKey(outputs, name, this.output(name));
    return outputs;
  }

  // --- diagnostics and safe evaluation -------------------------------------------------------

  private report(file: string, range: Range, message: string, level: 'error' | 'warning' | 'info' = 'error'): void {
    this.ctx.diagnostics.push(diagnostic('terraform-eval', file, `${message}${this.context()}`, { line: range.start.line, column: range.start.column }, level));
  }

  /** Which instantiation an error happened in: a module's file is evaluated once per caller and deployment. */
  private context(): string {
    const where = [this.prefix ? `in ${this.prefix.replace(/\.$/, '')} of root module ${this.ctx.rootDir || '.'}` : '', this.ctx.deployment ? `deployment ${this.ctx.deployment}` : ''].filter(Boolean);
    return where.length > 0 ? ` (${where.join(', ')})` : '';
  }

  /** Evaluates, turning configuration errors into a diagnostic at file:line:column and an unknown value. */
  private evaluateIn(file: string, expr: Expression, bindings: Record<string, TfValue> = {}): TfValue {
    const previous = this.currentFile;
    this.currentFile = file;
    try {
      return this.evaluator.withLocals(bindings, () => this.evaluator.evaluate(expr));
    } catch (error) {
      if (!(error instanceof EvalError) && !(error instanceof FunctionError)) throw error;
      const range = error instanceof EvalError ? error.range : expr.range;
      this.report(file, range, error.message);
      return new Unknown(`evaluation failed at ${file}:${range.start.line}: ${error.message}`);
    } finally {
      this.currentFile = previous;
    }
  }

  // --- names ---------------------------------------------------------------------------------

  resolve(root: string, steps: readonly TraversalStep[], range: Range): { value: TfValue; used: number } {
    const name = steps[0]?.type === 'attr' ? steps[0].name : undefined;
    switch (root) {
      case 'var':
        if (name === undefined) throw new EvalError('A reference to "var" needs a variable name: var.NAME', range);
        if (!this.def.variables.has(name)) throw new EvalError(`Reference to undeclared input variable "${name}"`, range);
        return { value: this.variable(name).value, used: 1 };
      case 'local':
        if (name === undefined) throw new EvalError('A reference to "local" needs a name: local.NAME', range);
        if (!this.def.locals.has(name)) throw new EvalError(`Reference to undeclared local value "${name}"`, range);
        return { value: this.local(name, range), used: 1 };
      case 'module': {
        const call = this.def.modules.find((m) => m.name === name);
        if (call === undefined) throw new EvalError(`Reference to undeclared module "${name}"`, range);
        return { value: this.module(call), used: 1 };
      }
      case 'data': {
        const type = name;
        const label = steps[1]?.type === 'attr' ? steps[1].name : undefined;
        const decl = type === undefined || label === undefined ? undefined : this.def.resourceIndex.get(resourceKey('data', type, label));
        if (decl === undefined) throw new EvalError(`Reference to undeclared data source "data.${type}.${label}"`, range);
        return { value: this.resource(decl), used: 2 };
      }
      case 'path': {
        const paths: Record<string, string> = { module: this.def.dir || '.', root: this.ctx.rootDir || '.', cwd: this.ctx.rootDir || '.' };
        if (name === undefined || paths[name] === undefined) throw new EvalError('path has module, root and cwd', range);
        return { value: paths[name], used: 1 };
      }
      case 'terraform':
        if (name === 'workspace') return { value: this.ctx.deployment ?? 'default', used: 1 };
        throw new EvalError(`Unsupported terraform attribute "${name}"`, range);
      case 'count':
      case 'each':
      case 'self':
        throw new EvalError(`"${root}" is not available here`, range);
      default: {
        const decl = name === undefined ? undefined : this.def.resourceIndex.get(resourceKey('resource', root, name));
        if (decl === undefined) throw new EvalError(`Reference to undeclared resource "${root}.${name ?? ''}"`, range);
        return { value: this.resource(decl), used: 1 };
      }
    }
  }

  fileFunction(name: string, args: TfValue[]): TfValue | undefined {
    if (name !== 'file' && name !== 'fileexists' && name !== 'filebase64' && name !== 'templatefile') return undefined;
    const target = args[0];
    if (target instanceof Unknown) return target;
    if (typeof target !== 'string') throw new FunctionError(`${name}: the path must be a string`);
    const relative = target.startsWith('/') ? undefined : resolveLocalSource(this.def.dir, target.startsWith('.') ? target : `./${target}`);
    const text = relative === undefined ? undefined : this.ctx.readText(relative);
    if (name === 'fileexists') return text !== undefined;
    if (text === undefined) throw new FunctionError(`${name}: no file exists at "${target}" within the scanned tree`);
    if (name === 'file') return text;
    if (name === 'filebase64') return Buffer.from(text, 'utf8').toString('base64');
    return new Unknown(`templatefile("${target}") is not rendered by Evident`);
  }

  private variable(name: string): InputValue {
    const cached = this.variables.get(name);
    if (cached !== undefined) return cached;
    const decl = this.def.variables.get(name)!;
    const given = this.inputs.get(name);
    let result: InputValue;
    if (given !== undefined && !(given.value === null && !decl.nullable && decl.default)) result = given;
    else if (decl.default) result = { value: this.evaluateIn(decl.file, decl.default.expr) };
    else result = { value: new Unknown(`variable "${name}" has no value${this.ctx.deployment ? ` in deployment ${this.ctx.deployment}` : ''}`) };
    if (decl.type) {
      try {
        const spec = typeConstraint(decl.type, this.evaluator);
        result = { ...result, value: convert(result.value, spec) };
      } catch (error) {
        if (!(error instanceof EvalError) && !(error instanceof FunctionError)) throw error;
        const at: SourceLocation = result.origin ?? { file: decl.file, line: decl.block.range.start.line };
        this.ctx.diagnostics.push(diagnostic('terraform-eval', at.file, `variable "${name}": ${error.message}`, { line: at.line, ...(at.column === undefined ? {} : { column: at.column }) }));
        result = { ...result, value: new Unknown(`variable "${name}" has an invalid value`) };
      }
    }
    if (decl.sensitive || isSecretName(name)) collectStrings(result.value, this.ctx.secrets);
    this.variables.set(name, result);
    return result;
  }

  private local(name: string, range: Range | undefined): TfValue {
    if (this.locals.has(name)) return this.locals.get(name)!;
    const decl = this.def.locals.get(name)!;
    if (this.localsInProgress.includes(name)) {
      const cycle = [...this.localsInProgress.slice(this.localsInProgress.indexOf(name)), name].map((n) => `local.${n}`).join(' → ');
      throw new EvalError(`Cycle in local values: ${cycle}`, range ?? decl.attribute.range);
    }
    this.localsInProgress.push(name);
    try {
      const value = this.evaluateIn(decl.file, decl.attribute.expr);
      this.locals.set(name, value);
      return value;
    } finally {
      this.localsInProgress.pop();
    }
  }

  private output(name: string): TfValue {
    if (this.outputs.has(name)) return this.outputs.get(name)!;
    const decl = this.def.outputs.get(name)!;
    const value = decl.value ? this.evaluateIn(decl.file, decl.value.expr) : null;
    if (decl.sensitive) collectStrings(value, this.ctx.secrets);
    this.outputs.set(name, value);
    return value;
  }

  // --- count and for_each --------------------------------------------------------------------

  /** Terraform's instances of a resource or module call; undefined when count/for_each is not known. */
  private expand(file: string, count: Expression | undefined, forEach: Expression | undefined): Instance[] | undefined {
    if (count) {
      const value = this.evaluateIn(file, count);
      if (value instanceof Unknown) return undefined;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        this.report(file, count.range, `Invalid count argument: a whole number of zero or more is required, got ${JSON.stringify(value)}`);
        return undefined;
      }
      return Array.from({ length: value }, (_, index) => ({ suffix: `[${index}]`, bindings: { count: { index } } }));
    }
    if (forEach) {
      const value = this.evaluateIn(file, forEach);
      if (value instanceof Unknown) return undefined;
      if (Array.isArray(value)) {
        if (!value.every((item) => typeof item === 'string')) {
          if (!value.some((item) => item instanceof Unknown)) this.report(file, forEach.range, 'Invalid for_each argument: a map, or set of strings, is required');
          return undefined;
        }
        return (value as string[]).map((key) => ({ suffix: instanceKey(key), bindings: { each: { key, value: key } } }));
      }
      if (isTfObject(value)) return entries(value, forEach.range).map(([key, item]) => ({ suffix: instanceKey(key), bindings: { each: { key, value: item } } }));
      this.report(file, forEach.range, 'Invalid for_each argument: a map, or set of strings, is required');
      return undefined;
    }
    return [{ suffix: '', bindings: {} }];
  }

  // --- resources -----------------------------------------------------------------------------

  private resource(decl: ResourceDecl): TfValue {
    const key = resourceKey(decl.mode, decl.type, decl.name);
    if (this.resources.has(key)) return this.resources.get(key)!;
    const address = `${this.prefix}${decl.mode === 'data' ? 'data.' : ''}${decl.type}.${decl.name}`;
    if (this.resourcesInProgress.has(key)) return markComputed({}, address);
    this.resourcesInProgress.add(key);
    try {
      const instances = this.expand(decl.file, decl.count, decl.forEach);
      const unknownBindings = { count: { index: new Unknown(`count of ${address} is not known`) }, each: { key: new Unknown(`for_each of ${address} is not known`), value: new Unknown(`for_each of ${address} is not known`) } };
      const evaluated = (instances ?? [{ suffix: '[*]', bindings: unknownBindings }]).map((instance) => ({ instance, value: this.emit(decl, `${address}${instance.suffix}`, instance.bindings) }));
      let value: TfValue;
      if (instances === undefined) value = new Unknown(`the instances of ${address} are not known before apply`);
      else if (decl.count) value = evaluated.map((e) => e.value);
      else if (decl.forEach) {
        const map: TfObject = {};
        for (const e of evaluated) setKey(map, String((e.instance.bindings.each as TfObject).key), e.value);
        value = map;
      } else value = evaluated[0].value;
      this.resources.set(key, value);
      return value;
    } finally {
      this.resourcesInProgress.delete(key);
    }
  }

  /** Evaluates one instance's body and adds it to the resource model. */
  private emit(decl: ResourceDecl, address: string, bindings: Record<string, TfValue>): TfValue {
    const record = emptyRecord();
    const body = this.body(decl.block.body, decl.file, [], bindings, record, true, address);
    const provider = this.providerConfig(decl);
    const providerName = (decl.provider ?? decl.type).split(/[._]/)[0];
    this.applyProviderDefaults(providerName, provider, body, record, decl);
    const meta: Record<string, string> = { name: decl.name, module: this.prefix.replace(/\.$/, ''), moduleDir: this.def.dir, root: this.ctx.rootDir };
    if (provider && typeof provider.region === 'string') meta.region = provider.region;
    if (provider && typeof provider.project === 'string') meta.project = provider.project;
    const lifecycle = decl.block.body.blocks.find((b) => b.type === 'lifecycle');
    const preventDestroy = lifecycle ? attribute(lifecycle.body, 'prevent_destroy')?.expr : undefined;
    if (preventDestroy?.kind === 'literal' && preventDestroy.value === true) meta.preventDestroy = 'true';
    const resource: ParsedResource = {
      source: 'terraform',
      type: decl.type,
      address,
      provider: providerName,
      mode: decl.mode,
      attributes: toJson(body) as JsonObject,
      file: decl.file,
      line: decl.block.range.start.line,
      endLine: decl.block.range.end.line,
      locations: record.locations,
      meta,
    };
    if (this.ctx.deployment !== undefined) resource.deployment = this.ctx.deployment;
    if (Object.keys(record.origins).length > 0) resource.origins = record.origins;
    if (record.sensitive.length > 0) resource.sensitive = [...new Set(record.sensitive)].sort();
    if (Object.keys(record.references).length > 0) resource.references = record.references;
    this.ctx.resources.push(resource);
    return markComputed(body, address);
  }

  /** The root module's provider blocks (`aws`, `aws.west`): child modules inherit them. */
  private providerConfigs(): Map<string, TfObject> {
    const providers = new Map<string, TfObject>();
    for (const provider of this.def.providers) {
      const record = emptyRecord();
      providers.set(provider.alias ? `${provider.name}.${provider.alias}` : provider.name, this.body(provider.block.body, provider.file, [], {}, record, false));
    }
    return providers;
  }

  private providerConfig(decl: ResourceDecl): TfObject | undefined {
    const name = decl.provider ?? decl.type.split('_')[0];
    return this.ctx.providers?.get(name);
  }

  /** Provider-level defaults Terraform shows on each resource: AWS default_tags as tags_all, Google default_labels. */
  private applyProviderDefaults(providerName: string, provider: TfObject | undefined, body: TfObject, record: BodyRecord, decl: ResourceDecl): void {
    if (provider === undefined) return;
    const tagsAttribute = attribute(decl.block.body, providerName === 'google' ? 'labels' : 'tags');
    const own = body[providerName === 'google' ? 'labels' : 'tags'];
    if (providerName === 'aws') {
      const defaults = Array.isArray(provider.default_tags) ? (provider.default_tags[0] as TfObject | undefined)?.tags : undefined;
      if (defaults === undefined || defaults === null) return;
      body.tags_all = own instanceof Unknown || defaults instanceof Unknown ? new Unknown('tags are not known') : { ...(isTfObject(defaults) ? defaults : {}), ...(isTfObject(own) ? own : {}) };
      const line = tagsAttribute?.nameRange.start.line ?? decl.block.range.start.line;
      record.locations.tags_all = { file: decl.file, line };
    } else if (providerName === 'google' && isTfObject(provider.default_labels)) {
      body.effective_labels = own instanceof Unknown ? own : { ...provider.default_labels, ...(isTfObject(own) ? own : {}) };
      record.locations.effective_labels = { file: decl.file, line: tagsAttribute?.nameRange.start.line ?? decl.block.range.start.line };
    }
  }

  /** A block body as JSON: attributes, nested blocks as arrays (as in plan JSON), dynamic blocks expanded. */
  private body(body: Body, file: string, path: PathSegment[], bindings: Record<string, TfValue>, record: BodyRecord, isResource: boolean, address = ''): TfObject {
    const out: TfObject = {};
    for (const attr of body.attributes) {
      if (isResource && RESOURCE_META.has(attr.name)) continue;
      const attrPath = [...path, attr.name];
      const value = this.evaluateIn(file, attr.expr, bindings);
      setKey(out, attr.name, value);
      record.locations[formatPath(attrPath)] = { file, line: attr.nameRange.start.line, column: attr.nameRange.start.column };
      this.recordNested(attr.expr, attrPath, file, record);
      this.recordOrigins(attr.expr, attrPath, bindings, record);
      if (isSecretName(attr.name) || this.readsSensitive(attr.expr)) record.sensitive.push(formatPath(attrPath));
      const refs = this.refsOf(attr.expr, []);
      if (refs.length > 0) record.references[formatPath(attrPath)] = refs;
    }
    const blocks = new Map<string, TfValue[]>();
    const add = (type: string, value: TfValue, at: Block): void => {
      const list = blocks.get(type) ?? [];
      record.locations[formatPath([...path, type, list.length])] = { file, line: at.typeRange.start.line, column: at.typeRange.start.column };
      if (list.length === 0) record.locations[formatPath([...path, type])] ??= { file, line: at.typeRange.start.line, column: at.typeRange.start.column };
      list.push(value);
      blocks.set(type, list);
    };
    for (const block of body.blocks) {
      if (isResource && RESOURCE_META_BLOCKS.has(block.type)) continue;
      if (block.type === 'dynamic') {
        this.dynamic(block, file, path, bindings, record, blocks, add, address);
        continue;
      }
      const index = blocks.get(block.type)?.length ?? 0;
      add(block.type, this.nestedBlock(block.body, file, [...path, block.type, index], bindings, record, address), block);
    }
    for (const [type, list] of blocks) {
      if (list.length === 1 && list[0] instanceof Unknown) setKey(out, type, list[0]);
      else setKey(out, type, list);
    }
    return out;
  }

  /** A nested block of a resource: like the resource, attributes it does not configure are computed. */
  private nestedBlock(body: Body, file: string, path: PathSegment[], bindings: Record<string, TfValue>, record: BodyRecord, address: string): TfObject {
    const value = this.body(body, file, path, bindings, record, false, address);
    return address === '' ? value : markComputed(value, `${address}.${formatPath(path)}`);
  }

  private dynamic(block: Block, file: string, path: PathSegment[], bindings: Record<string, TfValue>, record: BodyRecord, blocks: Map<string, TfValue[]>, add: (type: string, value: TfValue, at: Block) => void, address: string): void {
    const type = block.labels[0]?.value;
    const content = block.body.blocks.find((b) => b.type === 'content');
    const forEach = attribute(block.body, 'for_each');
    if (type === undefined || content === undefined || forEach === undefined) {
      this.report(file, block.range, 'A dynamic block needs a label, a for_each argument and a content block');
      return;
    }
    const iteratorAttr = attribute(block.body, 'iterator');
    const iterator = iteratorAttr?.expr.kind === 'scopeTraversal' ? iteratorAttr.expr.root : type;
    const collection = this.evaluateIn(file, forEach.expr, bindings);
    if (collection instanceof Unknown) {
      if (!blocks.has(type)) add(type, new Unknown(`dynamic "${type}" blocks depend on ${collection.reason}`), content);
      return;
    }
    let items: [TfValue, TfValue][];
    try {
      items = entries(collection, forEach.expr.range);
    } catch (error) {
      if (!(error instanceof EvalError)) throw error;
      this.report(file, error.range, error.message);
      return;
    }
    for (const [key, value] of items) {
      const index = blocks.get(type)?.length ?? 0;
      add(type, this.nestedBlock(content.body, file, [...path, type, index], { ...bindings, [iterator]: { key, value } }, record, address), content);
    }
  }

  /** Lines of the items of object and tuple literals (`tags = { Environment = ... }` → `tags.Environment`). */
  private recordNested(expr: Expression, path: PathSegment[], file: string, record: BodyRecord): void {
    if (expr.kind === 'object') {
      for (const item of expr.items) {
        const key = objectKeyName(item) ?? (item.key.kind === 'template' && item.key.parts.length === 1 && item.key.parts[0].kind === 'templateLiteral' ? item.key.parts[0].value : undefined);
        if (key === undefined) continue;
        const itemPath = [...path, key];
        record.locations[formatPath(itemPath)] = { file, line: item.range.start.line, column: item.range.start.column };
        this.recordNested(item.value, itemPath, file, record);
      }
    } else if (expr.kind === 'tuple') {
      expr.items.forEach((item, index) => {
        record.locations[formatPath([...path, index])] = { file, line: item.range.start.line, column: item.range.start.column };
        this.recordNested(item, [...path, index], file, record);
      });
    }
  }

  /** Values taken verbatim from a variable keep the variable's origin (a tfvars line), element by element. */
  private recordOrigins(expr: Expression, path: PathSegment[], bindings: Record<string, TfValue>, record: BodyRecord): void {
    const origin = this.directOrigin(expr, bindings);
    if (origin !== undefined) record.origins[formatPath(path)] = origin;
    if (expr.kind === 'tuple') expr.items.forEach((item, index) => this.recordOrigins(item, [...path, index], bindings, record));
    if (expr.kind === 'object') {
      for (const item of expr.items) {
        const key = objectKeyName(item);
        if (key !== undefined) this.recordOrigins(item.value, [...path, key], bindings, record);
      }
    }
  }

  private directOrigin(expr: Expression, bindings: Record<string, TfValue>): ValueOrigin | undefined {
    let inner = expr;
    while (inner.kind === 'parens' || (inner.kind === 'template' && inner.parts.length === 1 && inner.parts[0].kind === 'interpolation')) {
      inner = inner.kind === 'parens' ? inner.expr : (inner.parts[0] as { expr: Expression }).expr;
    }
    if (inner.kind !== 'scopeTraversal' || inner.root !== 'var' || bindings.var !== undefined) return undefined;
    const name = inner.steps[0]?.type === 'attr' ? inner.steps[0].name : undefined;
    if (name === undefined || !this.def.variables.has(name)) return undefined;
    return this.variable(name).origin;
  }

  /** Addresses of the resources an expression refers to, directly or through locals and module inputs. */
  private refsOf(expr: Expression, visiting: string[]): string[] {
    const out = new Set<string>();
    for (const ref of references(expr)) {
      const [first, second] = ref.steps;
      const name = first?.type === 'attr' ? first.name : undefined;
      if (ref.root === 'var' && name !== undefined) {
        for (const address of this.inputs.get(name)?.refs ?? []) out.add(address);
      } else if (ref.root === 'local' && name !== undefined && this.def.locals.has(name) && !visiting.includes(name)) {
        if (!this.localRefs.has(name)) this.localRefs.set(name, this.refsOf(this.def.locals.get(name)!.attribute.expr, [...visiting, name]));
        for (const address of this.localRefs.get(name)!) out.add(address);
      } else if (ref.root === 'data' && name !== undefined && second?.type === 'attr') {
        out.add(`${this.prefix}data.${name}.${second.name}`);
      } else if (ref.root === 'module' && name !== undefined) {
        out.add(`${this.prefix}module.${name}`);
      } else if (name !== undefined && this.def.resourceIndex.has(resourceKey('resource', ref.root, name))) {
        const index = second?.type === 'index' && (typeof second.key === 'number' || typeof second.key === 'string') ? instanceKey(second.key) : '';
        out.add(`${this.prefix}${ref.root}.${name}${index}`);
      }
    }
    return [...out].sort();
  }

  private readsSensitive(expr: Expression): boolean {
    return references(expr).some((ref) => {
      if (ref.root !== 'var') return false;
      const step = ref.steps[0];
      const decl = step?.type === 'attr' ? this.def.variables.get(step.name) : undefined;
      return decl !== undefined && (decl.sensitive || isSecretName(decl.name));
    });
  }

  // --- module calls --------------------------------------------------------------------------

  private module(call: ModuleCallDecl): TfValue {
    if (this.modules.has(call.name)) return this.modules.get(call.name)!;
    const address = `${this.prefix}module.${call.name}`;
    if (this.modulesInProgress.has(call.name)) return markComputed({}, address);
    this.modulesInProgress.add(call.name);
    try {
      const value = this.instantiate(call, address);
      this.modules.set(call.name, value);
      return value;
    } finally {
      this.modulesInProgress.delete(call.name);
    }
  }

  private unresolved(call: ModuleCallDecl, address: string, why: string, level: 'info' | 'warning'): TfValue {
    this.ctx.diagnostics.push(
      diagnostic('terraform-module-unresolved', call.file, `module "${call.name}" is not evaluated: ${why}`, { line: call.block.range.start.line, column: call.block.range.start.column }, level),
    );
    return markComputed({}, address);
  }

  private instantiate(call: ModuleCallDecl, address: string): TfValue {
    if (call.source === undefined) return this.unresolved(call, address, 'it has no literal source', 'warning');
    if (!isLocalSource(call.source)) return this.unresolved(call, address, `its source "${call.source}" is remote and Evident never fetches code`, 'info');
    const dir = resolveLocalSource(this.def.dir, call.source);
    const child = dir === undefined ? undefined : this.ctx.modules.get(dir);
    if (child === undefined) return this.unresolved(call, address, `no Terraform files at "${call.source}" inside the scanned tree`, 'warning');
    if (this.depth >= MAX_MODULE_DEPTH) return this.unresolved(call, address, `modules are nested deeper than ${MAX_MODULE_DEPTH} levels`, 'warning');
    const instances = this.expand(call.file, call.count, call.forEach);
    if (instances === undefined) return new Unknown(`the instances of ${address} are not known before apply`);
    const outputs = instances.map((instance) => {
      const inputs = new Map<string, InputValue>();
      for (const input of call.inputs) inputs.set(input.name, this.moduleInput(call, input, instance.bindings));
      for (const name of inputs.keys()) {
        if (!child.variables.has(name)) this.report(call.file, call.inputs.find((i) => i.name === name)!.nameRange, `Unsupported argument: module "${call.name}" has no variable "${name}"`);
      }
      for (const [name, decl] of child.variables) {
        if (!inputs.has(name) && !decl.default) this.report(call.file, call.block.range, `Missing required argument: module "${call.name}" needs a value for "${name}"`);
      }
      const prefix = `${address}${instance.suffix}.`;
      return new ModuleInstance(this.ctx, child, prefix, inputs, this.depth + 1).run();
    });
    if (call.count) return outputs;
    if (call.forEach) {
      const map: TfObject = {};
      instances.forEach((instance, i) => setKey(map, String((instance.bindings.each as TfObject).key), outputs[i]));
      return map;
    }
    return outputs[0];
  }

  private moduleInput(call: ModuleCallDecl, input: Attribute, bindings: Record<string, TfValue>): InputValue {
    const value = this.evaluateIn(call.file, input.expr, bindings);
    const origin = this.directOrigin(input.expr, bindings) ?? {
      file: call.file,
      line: input.nameRange.start.line,
      column: input.nameRange.start.column,
      description: `${call.file}: module "${call.name}" argument ${input.name}`,
    };
    const refs = this.refsOf(input.expr, []);
    return refs.length > 0 ? { value, origin, refs } : { value, origin };
  }
}
