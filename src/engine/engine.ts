import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as OpaWasm from '@open-policy-agent/opa-wasm';
import {
  diagnostic,
  formatPath,
  isJsonObject,
  isUnknown,
  type Diagnostic,
  type Finding,
  type JsonObject,
  type JsonValue,
  type PathSegment,
  type Resource,
  type ResourceRef,
  type RuleCoverage,
  type RuleMeta,
  type SourceLocation,
  type UnknownResult,
  type ValueOrigin,
} from '../model/index.js';
import type { PolicyBundle } from './bundle.js';

/** What a rule reports, as the Rego contract defines it (see policies/main.rego). */
interface RawResult {
  resource?: unknown;
  path?: unknown;
  message?: unknown;
  data?: unknown;
  reason?: unknown;
}

interface RuleOutput {
  deny: RawResult[];
  unknown: RawResult[];
  applies: unknown[];
}

export interface EngineResult {
  findings: Finding[];
  unknowns: UnknownResult[];
  coverage: RuleCoverage[];
  diagnostics: Diagnostic[];
}

// The package's ESM entry exports only the async loader; its CommonJS entry has the synchronous one.
const { loadPolicySync } = createRequire(import.meta.url)('@open-policy-agent/opa-wasm') as typeof OpaWasm;
type LoadedPolicy = ReturnType<typeof loadPolicySync>;

/** The projection of a resource that policies read; locations stay on the TypeScript side. */
function policyInput(resource: Resource): JsonObject {
  const input: JsonObject = {
    id: resource.id,
    source: resource.source,
    type: resource.type,
    address: resource.address,
    file: resource.file,
    attributes: resource.attributes,
  };
  if (resource.deployment !== undefined) input.deployment = resource.deployment;
  if (resource.provider !== undefined) input.provider = resource.provider;
  if (resource.mode !== undefined) input.mode = resource.mode;
  if (resource.meta !== undefined) input.meta = resource.meta;
  if (resource.references !== undefined) input.references = resource.references;
  return input;
}

function isPath(value: unknown): value is PathSegment[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s)));
}

/** The location of the longest prefix of `path` the parser recorded. */
function lookup<T>(table: Record<string, T> | undefined, path: PathSegment[]): T | undefined {
  if (table === undefined) return undefined;
  for (let length = path.length; length > 0; length--) {
    const hit = table[formatPath(path.slice(0, length))];
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function valueAt(root: JsonValue, path: PathSegment[]): JsonValue | undefined {
  let current: JsonValue | undefined = root;
  for (const segment of path) {
    if (isUnknown(current)) return current;
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isJsonObject(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}

export function fingerprint(ruleId: string, resource: ResourceRef, path: string): string {
  return createHash('sha256')
    .update(JSON.stringify([ruleId, resource.source, resource.deployment ?? '', resource.address, path]))
    .digest('hex')
    .slice(0, 32);
}

export function renderMessage(template: string, data: Record<string, JsonValue>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, key: string) => {
    const value = data[key];
    if (value === undefined) return whole;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

export function resourceRef(resource: Resource): ResourceRef {
  const ref: ResourceRef = { address: resource.address, type: resource.type, source: resource.source };
  if (resource.deployment !== undefined) ref.deployment = resource.deployment;
  return ref;
}

export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

/** Compiling a bundle's WASM is the slow part of loading; scans in one process share the loaded policy (data is set per evaluation). */
const loadedPolicies = new Map<string, LoadedPolicy>();

function load(bundle: PolicyBundle): LoadedPolicy {
  const key = bundle.manifest.wasmSha256;
  let policy = loadedPolicies.get(key);
  if (policy === undefined) {
    policy = loadPolicySync(bundle.wasm);
    loadedPolicies.set(key, policy);
  }
  return policy;
}

export class PolicyEngine {
  private readonly loaded: { bundle: PolicyBundle; policy: LoadedPolicy; rules: Map<string, RuleMeta> }[];

  constructor(bundles: PolicyBundle[]) {
    this.loaded = bundles.map((bundle) => ({
      bundle,
      policy: load(bundle),
      rules: new Map(bundle.manifest.rules.filter((r) => !r.deprecated).map((r) => [r.package, r])),
    }));
  }

  get rules(): RuleMeta[] {
    return this.loaded.flatMap((l) => [...l.rules.values()]).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Evaluates every rule of every bundle over the whole resource set: one WASM call per bundle. `data` is what rules read as `data` (profile, deployments). */
  evaluate(resources: Resource[], data: object): EngineResult {
    const byId = new Map(resources.map((r) => [r.id, r]));
    const input = { resources: resources.map(policyInput) };
    const result: EngineResult = { findings: [], unknowns: [], coverage: [], diagnostics: [] };
    for (const { bundle, policy, rules } of this.loaded) {
      policy.setData(data);
      let families: Record<string, Record<string, RuleOutput>>;
      try {
        const output = policy.evaluate(input) as { result?: Record<string, Record<string, RuleOutput>> }[];
        families = output[0]?.result ?? {};
      } catch (error) {
        result.diagnostics.push(diagnostic('policy-error', bundle.location, `policy evaluation failed: ${(error as Error).message}`));
        continue;
      }
      for (const [family, names] of Object.entries(families)) {
        for (const [name, output] of Object.entries(names)) {
          const meta = rules.get(`${family}.${name}`);
          if (meta !== undefined) this.collect(meta, output, byId, result);
        }
      }
    }
    result.findings.sort((a, b) => compareLocations(a.location, b.location) || a.ruleId.localeCompare(b.ruleId) || a.path.localeCompare(b.path) || a.resource.address.localeCompare(b.resource.address));
    result.unknowns.sort((a, b) => compareLocations(a.location, b.location) || a.ruleId.localeCompare(b.ruleId) || a.path.localeCompare(b.path));
    result.coverage.sort((a, b) => a.ruleId.localeCompare(b.ruleId));
    return result;
  }

  private collect(meta: RuleMeta, output: RuleOutput, byId: Map<string, Resource>, result: EngineResult): void {
    const problems = new Set<string>();
    const resolve = (raw: RawResult, kind: string): { resource: Resource; path: PathSegment[] } | undefined => {
      const resource = typeof raw.resource === 'string' ? byId.get(raw.resource) : undefined;
      const path = raw.path === undefined ? [] : raw.path;
      if (resource === undefined || !isPath(path)) {
        problems.add(`${kind} entries must name a resource id and an array path; got ${JSON.stringify(raw).slice(0, 200)}`);
        return undefined;
      }
      return { resource, path };
    };

    const failed = new Set<string>();
    const unknown = new Set<string>();
    for (const raw of output.deny ?? []) {
      const target = resolve(raw, 'deny');
      if (target === undefined) continue;
      const { resource, path } = target;
      const messageId = typeof raw.message === 'string' ? raw.message : '';
      const template = meta.messages[messageId];
      if (template === undefined) problems.add(`deny names message "${messageId}", which METADATA does not define`);
      const data = isJsonObject(raw.data as JsonValue) ? (raw.data as Record<string, JsonValue>) : {};
      const ref = resourceRef(resource);
      const pathText = formatPath(path);
      const finding: Finding = {
        ruleId: meta.id,
        title: meta.title,
        category: meta.category,
        severity: meta.severity,
        messageId,
        message: renderMessage(template ?? meta.title, data),
        location: lookup(resource.locations, path) ?? { file: resource.file, line: resource.line },
        resource: ref,
        path: pathText,
        data,
        controls: [],
        remediation: meta.remediation,
        fingerprint: fingerprint(meta.id, ref, pathText),
      };
      const origin: ValueOrigin | undefined = lookup(resource.origins, path);
      if (origin?.primary) {
        const { description: _description, primary: _primary, ...at } = origin;
        finding.origin = { ...finding.location, description: `used by ${resource.address}${pathText ? ` ${pathText}` : ''}` };
        finding.location = at;
      } else if (origin !== undefined) finding.origin = { ...origin, description: `value from ${origin.description}` };
      result.findings.push(finding);
      failed.add(resource.id);
    }
    for (const raw of output.unknown ?? []) {
      const target = resolve(raw, 'unknown');
      if (target === undefined) continue;
      const { resource, path } = target;
      const value = valueAt(resource.attributes, path);
      const reason = typeof raw.reason === 'string' ? raw.reason : isUnknown(value) ? value.__unknown__ : 'value is not known before apply';
      result.unknowns.push({
        ruleId: meta.id,
        resource: resourceRef(resource),
        path: formatPath(path),
        location: lookup(resource.locations, path) ?? { file: resource.file, line: resource.line },
        reason,
      });
      unknown.add(resource.id);
    }
    const evaluated = new Set<string>([...failed, ...unknown]);
    for (const id of output.applies ?? []) if (typeof id === 'string' && byId.has(id)) evaluated.add(id);
    const counts = new Map<string, number>();
    for (const id of evaluated) {
      const deployment = byId.get(id)?.deployment ?? '';
      counts.set(deployment, (counts.get(deployment) ?? 0) + 1);
    }
    const byDeployment = Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const undecided = [...unknown].filter((id) => !failed.has(id)).length;
    result.coverage.push({
      ruleId: meta.id,
      evaluated: evaluated.size,
      failed: failed.size,
      unknown: undecided,
      passed: evaluated.size - failed.size - undecided,
      byDeployment,
    });
    for (const problem of problems) result.diagnostics.push(diagnostic('policy-error', meta.package, `${meta.id}: ${problem}`));
  }
}
