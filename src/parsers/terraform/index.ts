import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { byText, diagnostic, type Diagnostic } from '../../model/index.js';
import type { Discovery, FileRef } from '../../discover/discover.js';
import type { Ingested } from '../types.js';
import { ModuleInstance, type EvaluationContext, type InputValue } from './instance.js';
import { isLocalSource, parseModule, resolveLocalSource, type ModuleDef } from './module.js';
import { resourcesFromPlan } from './plan.js';
import { parseVarFile, type VarFile } from './tfvars.js';

export interface DeploymentConfig {
  name: string;
  /** Root module directory (repo-relative); when absent the deployment applies to every root module. */
  root?: string;
  varFiles: string[];
}

export interface PlanFile {
  path: string;
  text: string;
}

export interface TerraformOptions {
  /** `terraform show -json` files found among the scanned JSON. */
  plans?: PlanFile[];
  /** Deployments from the config file; when absent, `deployments/*.tfvars` and `environments/*.tfvars` beside a root module. */
  deployments?: DeploymentConfig[];
  /** Reads a file as the scan does: hashed as an input, or undefined with a diagnostic. */
  read(file: FileRef): string | undefined;
}

const DEPLOYMENT_DIRS = ['deployments', 'environments'];
const MAX_READ_BYTES = 4 * 1024 * 1024;

function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

function stem(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.tfvars(\.json)?$/, '');
}

/** Directories with .tf files that no other module calls by a local source: what `terraform plan` runs in. */
export function rootModules(modules: Map<string, ModuleDef>): string[] {
  const called = new Set<string>();
  for (const def of modules.values()) {
    for (const call of def.modules) {
      if (call.source === undefined || !isLocalSource(call.source)) continue;
      const target = resolveLocalSource(def.dir, call.source);
      if (target !== undefined && target !== def.dir) called.add(target);
    }
  }
  return [...modules.keys()].filter((dir) => !called.has(dir)).sort();
}

/** Terraform loads terraform.tfvars, then *.auto.tfvars in lexical order, by itself; -var-file values override them. */
function automaticVarFiles(root: string, tfvars: FileRef[]): string[] {
  const inRoot = tfvars.filter((f) => dirOf(f.path) === root).map((f) => f.path.slice(f.path.lastIndexOf('/') + 1));
  const prefix = root === '' ? '' : `${root}/`;
  const main = ['terraform.tfvars', 'terraform.tfvars.json'].filter((name) => inRoot.includes(name));
  const auto = inRoot.filter((name) => /\.auto\.tfvars(\.json)?$/.test(name)).sort();
  return [...main, ...auto].map((name) => `${prefix}${name}`);
}

function detectDeployments(root: string, tfvars: FileRef[]): DeploymentConfig[] {
  const prefix = root === '' ? '' : `${root}/`;
  return tfvars
    .filter((f) => DEPLOYMENT_DIRS.some((d) => dirOf(f.path) === `${prefix}${d}`))
    .map((f) => ({ name: stem(f.path), root, varFiles: [f.path] }))
    .sort((a, b) => byText(a.name, b.name));
}

/** A reader for file() that stays inside the scan root and never follows a link out of it. */
function sandboxedReader(rootDir: string, recordRead: (relative: string, bytes: Buffer) => void): (relative: string) => string | undefined {
  const realRoot = realpathSync(rootDir);
  return (relative) => {
    const absolute = path.join(rootDir, relative);
    try {
      const stats = lstatSync(absolute);
      if (!stats.isFile() || stats.size > MAX_READ_BYTES) return undefined;
      if (!realpathSync(absolute).startsWith(`${realRoot}${path.sep}`)) return undefined;
      const bytes = readFileSync(absolute);
      recordRead(relative, bytes);
      return bytes.toString('utf8');
    } catch {
      return undefined;
    }
  };
}

/** The Terraform files of a scan, read and parsed: everything evaluation needs that does not depend on plans or deployments. */
export interface ParsedTerraform {
  modules: Map<string, ModuleDef>;
  tfvars: FileRef[];
  varFiles: Map<string, VarFile>;
  varFileDiagnostics: Diagnostic[];
}

/** Reads and parses every `.tf` file (by module directory) and, when there are modules, every tfvars file. */
export function parseTerraform(discovery: Discovery, read: (file: FileRef) => string | undefined): ParsedTerraform {
  const byDir = new Map<string, { path: string; text: string }[]>();
  for (const file of discovery.files) {
    if (file.kind !== 'terraform') continue;
    const text = read(file);
    if (text === undefined) continue;
    const dir = dirOf(file.path);
    const sources = byDir.get(dir);
    if (sources === undefined) byDir.set(dir, [{ path: file.path, text }]);
    else sources.push({ path: file.path, text });
  }
  const modules = new Map<string, ModuleDef>();
  for (const [dir, sources] of byDir) modules.set(dir, parseModule(dir, sources));
  const tfvars = discovery.files.filter((f) => f.kind === 'tfvars');
  const varFiles = new Map<string, VarFile>();
  const varFileDiagnostics: Diagnostic[] = [];
  // Without a module, nothing would use the values: the files are not read at all.
  if (modules.size > 0) {
    for (const file of tfvars) {
      const text = read(file);
      if (text === undefined) continue;
      const parsed = parseVarFile(file.path, text);
      varFileDiagnostics.push(...parsed.diagnostics);
      varFiles.set(file.path, parsed);
    }
  }
  return { modules, tfvars, varFiles, varFileDiagnostics };
}

/**
 * Terraform as `terraform plan` would see it: each root module evaluated once per deployment (tfvars set),
 * local modules instantiated with their inputs, count/for_each expanded, unknown values kept unknown.
 */
export function ingestTerraform(discovery: Discovery, options: TerraformOptions): Ingested {
  return evaluateTerraform(discovery, parseTerraform(discovery, options.read), options);
}

/** The evaluation half of ingestTerraform, over files parsed beforehand. */
export function evaluateTerraform(discovery: Discovery, parsed: ParsedTerraform, options: Omit<TerraformOptions, 'read'>): Ingested {
  const out: Ingested = { inputs: [], resources: [], diagnostics: [], secrets: [] };
  const { modules, tfvars, varFiles } = parsed;
  for (const def of modules.values()) out.diagnostics.push(...def.diagnostics);
  for (const plan of options.plans ?? []) {
    const fromPlan = resourcesFromPlan(plan.text, plan.path, modules);
    out.resources.push(...fromPlan.resources);
    out.diagnostics.push(...fromPlan.diagnostics);
  }
  if (modules.size === 0) return out;
  out.diagnostics.push(...parsed.varFileDiagnostics);
  const reported = new Set<string>();
  const loadVarFile = (file: string): VarFile | undefined => {
    const parsed = varFiles.get(file);
    if (parsed === undefined && !tfvars.some((f) => f.path === file) && !reported.has(file)) {
      reported.add(file);
      out.diagnostics.push(diagnostic('read-error', file, 'var file named in the config is not among the scanned files'));
    }
    return parsed;
  };

  const extraReads = new Map<string, Buffer>();
  const readText = sandboxedReader(discovery.root, (relative, bytes) => extraReads.set(relative, bytes));
  const diagnostics: Diagnostic[] = [];
  const secrets = new Set<string>();
  for (const root of rootModules(modules)) {
    const configured = options.deployments?.filter((d) => d.root === undefined || d.root === root);
    const deployments = configured && configured.length > 0 ? configured : detectDeployments(root, tfvars);
    const runs: (DeploymentConfig | undefined)[] = deployments.length > 0 ? deployments : [undefined];
    for (const deployment of runs) {
      const files = [...automaticVarFiles(root, tfvars), ...(deployment?.varFiles ?? [])];
      const inputs = new Map<string, InputValue>();
      const def = modules.get(root)!;
      for (const file of files) {
        const parsed = loadVarFile(file);
        if (parsed === undefined) continue;
        for (const [name, value] of parsed.values) {
          if (!def.variables.has(name)) {
            const at = value.origin!;
            diagnostics.push(diagnostic('terraform-eval', at.file, `Value for undeclared variable "${name}": root module ${root || '.'} declares no such variable`, { line: at.line, ...(at.column === undefined ? {} : { column: at.column }) }, 'warning'));
            continue;
          }
          inputs.set(name, value);
        }
      }
      const ctx: EvaluationContext = { modules, rootDir: root, resources: out.resources, diagnostics, secrets, readText };
      if (deployment !== undefined) ctx.deployment = deployment.name;
      new ModuleInstance(ctx, def, '', inputs).run();
    }
  }
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
    if (!seen.has(key)) out.diagnostics.push(d);
    seen.add(key);
  }
  for (const [relative, bytes] of [...extraReads].sort(([a], [b]) => byText(a, b))) {
    if (discovery.files.some((f) => f.path === relative)) continue;
    out.inputs.push({ path: relative, kind: 'file', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  out.secrets = [...secrets].sort();
  return out;
}
