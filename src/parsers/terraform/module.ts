import path from 'node:path';
import { diagnostic, type Diagnostic } from '../../model/index.js';
import type { Attribute, Block, Body, Expression } from './hcl/index.js';
import { parseHcl } from './hcl/index.js';

/** One `.tf` file of a module, parsed once however many times the module is instantiated. */
export interface ModuleFile {
  path: string;
  body: Body;
}

export interface VariableDecl {
  name: string;
  file: string;
  block: Block;
  type?: Expression;
  default?: Attribute;
  sensitive: boolean;
  nullable: boolean;
  validations: Block[];
}

export interface ResourceDecl {
  mode: 'resource' | 'data';
  type: string;
  name: string;
  file: string;
  block: Block;
  count?: Expression;
  forEach?: Expression;
  /** `provider = aws.west` → `aws.west`. */
  provider?: string;
}

export interface ModuleCallDecl {
  name: string;
  file: string;
  block: Block;
  source?: string;
  count?: Expression;
  forEach?: Expression;
  /** The module's input arguments (every attribute but the meta-arguments). */
  inputs: Attribute[];
}

export interface LocalDecl {
  name: string;
  file: string;
  attribute: Attribute;
}

export interface OutputDecl {
  name: string;
  file: string;
  value?: Attribute;
  sensitive: boolean;
}

export interface ProviderDecl {
  name: string;
  alias?: string;
  file: string;
  block: Block;
}

export interface ModuleDef {
  /** Repo-relative directory ('' for the scan root). */
  dir: string;
  files: ModuleFile[];
  variables: Map<string, VariableDecl>;
  locals: Map<string, LocalDecl>;
  resources: ResourceDecl[];
  /** `resource.type.name` / `data.type.name` → declaration, for reference lookups. */
  resourceIndex: Map<string, ResourceDecl>;
  modules: ModuleCallDecl[];
  outputs: Map<string, OutputDecl>;
  providers: ProviderDecl[];
  diagnostics: Diagnostic[];
}

const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export function resourceKey(mode: 'resource' | 'data', type: string, name: string): string {
  return `${mode}.${type}.${name}`;
}

export function attribute(body: Body, name: string): Attribute | undefined {
  return body.attributes.find((a) => a.name === name);
}

/** A literal string (a template with one literal part or none), else undefined. */
export function literalString(expr: Expression | undefined): string | undefined {
  if (expr?.kind !== 'template') return undefined;
  if (expr.parts.length === 0) return '';
  if (expr.parts.length === 1 && expr.parts[0].kind === 'templateLiteral') return expr.parts[0].value;
  return undefined;
}

function literalBool(expr: Expression | undefined): boolean | undefined {
  return expr?.kind === 'literal' && typeof expr.value === 'boolean' ? expr.value : undefined;
}

/** `aws.west` from a `provider = aws.west` traversal. */
function providerReference(expr: Expression | undefined): string | undefined {
  if (expr?.kind !== 'scopeTraversal') return undefined;
  return [expr.root, ...expr.steps.map((s) => (s.type === 'attr' ? s.name : String(s.key)))].join('.');
}

/** Collects a module's declarations from its parsed files; duplicate declarations are diagnostics. */
export function buildModule(dir: string, files: ModuleFile[], parseDiagnostics: Diagnostic[] = []): ModuleDef {
  const module: ModuleDef = {
    dir,
    files,
    variables: new Map(),
    locals: new Map(),
    resources: [],
    resourceIndex: new Map(),
    modules: [],
    outputs: new Map(),
    providers: [],
    diagnostics: [...parseDiagnostics],
  };
  const duplicate = (file: string, block: { range: { start: { line: number; column: number } } }, what: string): void => {
    module.diagnostics.push(diagnostic('terraform-eval', file, `duplicate ${what}`, { line: block.range.start.line, column: block.range.start.column }));
  };
  for (const file of files) {
    for (const block of file.body.blocks) {
      const [first, second] = block.labels.map((l) => l.value);
      switch (block.type) {
        case 'variable': {
          if (first === undefined) break;
          if (module.variables.has(first)) duplicate(file.path, block, `variable "${first}"`);
          const decl: VariableDecl = {
            name: first,
            file: file.path,
            block,
            sensitive: literalBool(attribute(block.body, 'sensitive')?.expr) ?? false,
            nullable: literalBool(attribute(block.body, 'nullable')?.expr) ?? true,
            validations: block.body.blocks.filter((b) => b.type === 'validation'),
          };
          const type = attribute(block.body, 'type')?.expr;
          if (type) decl.type = type;
          const fallback = attribute(block.body, 'default');
          if (fallback) decl.default = fallback;
          module.variables.set(first, decl);
          break;
        }
        case 'locals':
          for (const attr of block.body.attributes) {
            if (module.locals.has(attr.name)) duplicate(file.path, attr, `local value "${attr.name}"`);
            module.locals.set(attr.name, { name: attr.name, file: file.path, attribute: attr });
          }
          break;
        case 'resource':
        case 'data': {
          if (first === undefined || second === undefined) break;
          const mode = block.type === 'data' ? 'data' : 'resource';
          if (module.resourceIndex.has(resourceKey(mode, first, second))) {
            duplicate(file.path, block, `${mode === 'data' ? 'data source' : 'resource'} "${first}" "${second}"`);
          }
          const decl: ResourceDecl = { mode, type: first, name: second, file: file.path, block };
          const count = attribute(block.body, 'count')?.expr;
          const forEach = attribute(block.body, 'for_each')?.expr;
          const provider = providerReference(attribute(block.body, 'provider')?.expr);
          if (count) decl.count = count;
          if (forEach) decl.forEach = forEach;
          if (provider) decl.provider = provider;
          module.resources.push(decl);
          module.resourceIndex.set(resourceKey(mode, first, second), decl);
          break;
        }
        case 'module': {
          if (first === undefined) break;
          const decl: ModuleCallDecl = {
            name: first,
            file: file.path,
            block,
            inputs: block.body.attributes.filter((a) => !MODULE_META.has(a.name)),
          };
          const source = literalString(attribute(block.body, 'source')?.expr);
          const count = attribute(block.body, 'count')?.expr;
          const forEach = attribute(block.body, 'for_each')?.expr;
          if (source !== undefined) decl.source = source;
          if (count) decl.count = count;
          if (forEach) decl.forEach = forEach;
          module.modules.push(decl);
          break;
        }
        case 'output': {
          if (first === undefined) break;
          const decl: OutputDecl = { name: first, file: file.path, sensitive: literalBool(attribute(block.body, 'sensitive')?.expr) ?? false };
          const value = attribute(block.body, 'value');
          if (value) decl.value = value;
          module.outputs.set(first, decl);
          break;
        }
        case 'provider': {
          if (first === undefined) break;
          const decl: ProviderDecl = { name: first, file: file.path, block };
          const alias = literalString(attribute(block.body, 'alias')?.expr);
          if (alias !== undefined) decl.alias = alias;
          module.providers.push(decl);
          break;
        }
        default:
          break;
      }
    }
  }
  return module;
}

/** Parses a module's files (repo-relative paths with their text). */
export function parseModule(dir: string, sources: { path: string; text: string }[]): ModuleDef {
  const diagnostics: Diagnostic[] = [];
  const files: ModuleFile[] = [];
  for (const source of sources) {
    const parsed = parseHcl(source.text, source.path);
    diagnostics.push(...parsed.diagnostics);
    files.push({ path: source.path, body: parsed.body });
  }
  return buildModule(dir, files, diagnostics);
}

/** Local module sources start with ./ or ../; everything else (registry, git, URLs) is remote. */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../');
}

/** The repo-relative directory a local source points to, or undefined when it leaves the scan root. */
export function resolveLocalSource(callerDir: string, source: string): string | undefined {
  const joined = path.posix.normalize(path.posix.join(callerDir === '' ? '.' : callerDir, source.replace(/\/+$/, '')));
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined === '.' ? '' : joined;
}
