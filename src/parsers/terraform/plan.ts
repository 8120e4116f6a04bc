import {
  byText,
  diagnostic,
  formatPath,
  isJsonObject,
  isSecretName,
  unknownValue,
  type Diagnostic,
  type JsonObject,
  type JsonValue,
  type PathSegment,
  type SourceLocation,
} from '../../model/index.js';
import type { ParsedResource } from '../types.js';
import type { Body } from './hcl/index.js';
import { isLocalSource, resolveLocalSource, resourceKey, type ModuleDef } from './module.js';

/** `terraform show -json` output has these; Kubernetes manifests and other JSON do not. */
export function isPlanJson(text: string): boolean {
  return text.includes('"format_version"') && (text.includes('"planned_values"') || text.includes('"resource_changes"'));
}

interface PlanResource {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  provider_name?: string;
  values?: JsonObject;
}

interface PlanModule {
  resources?: PlanResource[];
  child_modules?: PlanModule[];
}

interface ConfigModule {
  resources?: { address: string; type: string; name: string; mode: string }[];
  module_calls?: Record<string, { source?: string; module?: ConfigModule }>;
}

interface ResourceChange {
  address: string;
  change?: { after?: JsonValue; after_unknown?: JsonValue; after_sensitive?: JsonValue };
}

/** Marks the paths `after_unknown` flags as unknown, as Terraform shows "(known after apply)". */
function withUnknowns(after: JsonValue, unknown: JsonValue | undefined, address: string, path: PathSegment[] = []): JsonValue {
  if (unknown === true) return unknownValue(`${address}.${formatPath(path)} is known only after apply`);
  if (Array.isArray(unknown)) {
    const items = Array.isArray(after) ? after : [];
    const length = Math.max(items.length, unknown.length);
    return Array.from({ length }, (_, i) => withUnknowns(items[i] ?? null, unknown[i], address, [...path, i]));
  }
  if (isJsonObject(unknown) && (isJsonObject(after) || after === null || after === undefined)) {
    const out: JsonObject = { ...(isJsonObject(after) ? after : {}) };
    for (const [key, flag] of Object.entries(unknown)) out[key] = withUnknowns(out[key] ?? null, flag, address, [...path, key]);
    return out;
  }
  return after;
}

function sensitivePaths(flags: JsonValue | undefined, path: PathSegment[] = [], out: string[] = []): string[] {
  if (flags === true) out.push(formatPath(path));
  else if (Array.isArray(flags)) flags.forEach((f, i) => sensitivePaths(f, [...path, i], out));
  else if (isJsonObject(flags)) for (const [k, f] of Object.entries(flags)) sensitivePaths(f, [...path, k], out);
  return out;
}

/** Attribute and nested-block lines of a resource block, following the plan's value shapes. */
function blockLocations(body: Body, file: string, path: PathSegment[], out: Record<string, SourceLocation>): void {
  for (const attr of body.attributes) out[formatPath([...path, attr.name])] = { file, line: attr.nameRange.start.line, column: attr.nameRange.start.column };
  const counts = new Map<string, number>();
  for (const block of body.blocks) {
    const type = block.type === 'dynamic' ? block.labels[0]?.value : block.type;
    const inner = block.type === 'dynamic' ? block.body.blocks.find((b) => b.type === 'content')?.body : block.body;
    if (type === undefined || inner === undefined) continue;
    const index = counts.get(type) ?? 0;
    counts.set(type, index + 1);
    out[formatPath([...path, type, index])] = { file, line: block.typeRange.start.line, column: block.typeRange.start.column };
    blockLocations(inner, file, [...path, type, index], out);
  }
}

/** The module path of an address: `module.a["x"].module.b.aws_s3_bucket.c[0]` → ['a', 'b']. */
function modulePath(address: string): string[] {
  const names: string[] = [];
  const re = /module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\./gy;
  let match: RegExpExecArray | null;
  while ((match = re.exec(address)) !== null) names.push(match[1]);
  return names;
}

/** Which scanned module directory the plan's root module is: the plan's own directory, else the best match by resources. */
function rootDirFor(file: string, config: ConfigModule | undefined, modules: Map<string, ModuleDef>): string | undefined {
  const own = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  if (modules.has(own)) return own;
  const wanted = new Set((config?.resources ?? []).map((r) => `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`));
  let best: { dir: string; score: number } | undefined;
  for (const [dir, def] of [...modules].sort(([a], [b]) => byText(a, b))) {
    const score = def.resources.filter((r) => wanted.has(`${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`)).length;
    if (score > 0 && (best === undefined || score > best.score)) best = { dir, score };
  }
  return best?.dir;
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at === -1) return 1;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Resources from `terraform show -json` output: planned values, unknowns from resource_changes, lines from the .tf source when scanned. */
export function resourcesFromPlan(text: string, file: string, modules: Map<string, ModuleDef>): { resources: ParsedResource[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let plan: { planned_values?: { root_module?: PlanModule }; resource_changes?: ResourceChange[]; configuration?: { root_module?: ConfigModule } };
  try {
    plan = JSON.parse(text);
  } catch (error) {
    diagnostics.push(diagnostic('json-syntax', file, `invalid plan JSON: ${(error as Error).message}`, { line: 1, column: 1 }));
    return { resources: [], diagnostics };
  }
  const changes = new Map((plan.resource_changes ?? []).map((c) => [c.address, c]));
  const rootConfig = plan.configuration?.root_module;
  const rootDir = rootDirFor(file, rootConfig, modules);
  const resources: ParsedResource[] = [];
  const visit = (module: PlanModule): void => {
    for (const planned of module.resources ?? []) {
      const change = changes.get(planned.address)?.change;
      const values = withUnknowns(change?.after ?? planned.values ?? {}, change?.after_unknown, planned.address);
      const sourceDir = rootDir === undefined ? undefined : moduleDir(rootDir, rootConfig, modulePath(planned.address));
      const def = sourceDir === undefined ? undefined : modules.get(sourceDir);
      const mode = planned.mode === 'data' ? 'data' : 'resource';
      const decl = def?.resourceIndex.get(resourceKey(mode, planned.type, planned.name));
      const locations: Record<string, SourceLocation> = {};
      if (decl) blockLocations(decl.block.body, decl.file, [], locations);
      const line = decl ? decl.block.range.start.line : lineOf(text, `"address": ${JSON.stringify(planned.address)}`);
      const resource: ParsedResource = {
        source: 'terraform-plan',
        type: planned.type,
        address: planned.address,
        provider: planned.type.split('_')[0],
        mode,
        attributes: isJsonObject(values) ? values : {},
        file: decl?.file ?? file,
        line,
        endLine: decl ? decl.block.range.end.line : line,
        locations,
        meta: { name: planned.name, plan: file },
      };
      const sensitive = [...sensitivePaths(change?.after_sensitive), ...Object.keys(resource.attributes).filter(isSecretName)];
      if (sensitive.length > 0) resource.sensitive = [...new Set(sensitive)].sort();
      resources.push(resource);
    }
    for (const child of module.child_modules ?? []) visit(child);
  };
  visit(plan.planned_values?.root_module ?? {});
  return { resources, diagnostics };
}

function moduleDir(rootDir: string, config: ConfigModule | undefined, names: string[]): string | undefined {
  let dir = rootDir;
  let current = config;
  for (const name of names) {
    const call = current?.module_calls?.[name];
    if (call?.source === undefined || !isLocalSource(call.source)) return undefined;
    const next = resolveLocalSource(dir, call.source);
    if (next === undefined) return undefined;
    dir = next;
    current = call.module;
  }
  return dir;
}
