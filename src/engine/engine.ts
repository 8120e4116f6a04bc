import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as OpaWasm from '@open-policy-agent/opa-wasm';
import {
  byText,
  compareResults,
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
  type UnknownResult,
  type ValueOrigin,
} from '../model/index.js';
import type { PolicyBundle } from './bundle.js';
import { ENTRYPOINT, SELECTED_ENTRYPOINT } from './compile.js';

/** What a rule reports, as the Rego contract defines it (see policies/main.rego). */
interface RawResult {
  resource?: unknown;
  path?: unknown;
  message?: unknown;
  data?: unknown;
  reason?: unknown;
}

/** One rule's results gathered over every batch. */
interface RuleTally {
  meta: RuleMeta;
  failed: Set<string>;
  unknown: Set<string>;
  /** Resources the rule applied to (its `applies` set). */
  evaluated: Set<string>;
  problems: Set<string>;
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

/** Compiling a bundle's WASM is the slow part of loading; scans in one process share the loaded policy (data is set per evaluation). */
const loadedPolicies = new Map<string, LoadedPolicy>();

/**
 * OPA's allocator grows WASM memory one page at a time, and V8 runs a garbage collection for almost every
 * growth of a large memory: starting with room for a full batch makes evaluation several times faster.
 * Untouched pages cost address space, not RAM.
 */
const INITIAL_MEMORY_PAGES = 8192;

function load(bundle: PolicyBundle): LoadedPolicy {
  const key = bundle.manifest.wasmSha256;
  let policy = loadedPolicies.get(key);
  if (policy === undefined) {
    policy = loadPolicySync(bundle.wasm, { initial: INITIAL_MEMORY_PAGES });
    loadedPolicies.set(key, policy);
  }
  return policy;
}

/**
 * Resources per WASM evaluation. OPA frees nothing until an evaluation ends, and the rules allocate a few
 * hundred kilobytes per resource (more than linearly), so one call over a large repository runs out of its
 * 2 GB of addressable heap and every result is lost.
 */
export const BATCH_RESOURCES = 1500;

/** The unit rules relate resources within: a Terraform root module (all its deployments), a plan file, or all manifests. */
function groupOf(resource: Resource): string {
  if (resource.source === 'terraform') return `terraform\u0000${resource.meta?.root ?? ''}`;
  if (resource.source === 'terraform-plan') return `terraform-plan\u0000${resource.meta?.plan ?? resource.file}`;
  return 'manifests';
}

function byKey(resources: Resource[], key: (r: Resource) => string): Resource[][] {
  const groups = new Map<string, Resource[]>();
  for (const resource of resources) {
    const k = key(resource);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [resource]);
    else list.push(resource);
  }
  return [...groups.keys()].sort().map((k) => groups.get(k)!);
}

/**
 * The most resources of one deployment (or of all manifests, which the rules find far cheaper) that one
 * evaluation can hold: 8,000 Terraform resources take 1.2 GB, 20,000 pass OPA's 2 GB after two minutes and
 * the evaluation fails, losing everything in it.
 */
export const MAX_EVALUATION_RESOURCES = { terraform: 5_000, manifests: 25_000 } as const;

export interface EvaluationBatch {
  resources: Resource[];
  /** Set when a deployment (or the manifests) had to be split: which one, and into how many parts. */
  part?: { scope: string; of: number };
}

function scopeName(resource: Resource): string {
  if (resource.source === 'terraform') return `deployment ${resource.deployment ?? '(none)'} of root module ${resource.meta?.root || '.'}`;
  if (resource.source === 'terraform-plan') return `plan ${resource.meta?.plan ?? resource.file}`;
  return 'the Kubernetes and Helm manifests';
}

/** Equal consecutive parts (resources are in file and line order) of at most `size`. */
function parts(scope: Resource[], size: number): EvaluationBatch[] {
  const of = Math.ceil(scope.length / size);
  const per = Math.ceil(scope.length / of);
  return Array.from({ length: of }, (_, i) => ({ resources: scope.slice(i * per, (i + 1) * per), part: { scope: scopeName(scope[0]), of } }));
}

/**
 * The whole population in one evaluation when it fits the batch size, so that every rule sees every
 * resource. Beyond that, each root module is evaluated on its own (each deployment, when one root module
 * alone is too large), and all manifests together: rules still relate resources within a deployment, a
 * root module and a cluster, but not across root modules. Only a deployment too large for any single
 * evaluation is cut into parts.
 */
export function evaluationBatches(resources: Resource[], batchSize = BATCH_RESOURCES, limits: { terraform: number; manifests: number } = MAX_EVALUATION_RESOURCES): EvaluationBatch[] {
  if (resources.length <= batchSize) return [{ resources }];
  return byKey(resources, groupOf).flatMap((group) => {
    if (group.length <= batchSize) return [{ resources: group }];
    const manifests = groupOf(group[0]) === 'manifests';
    const scopes = group[0].source === 'terraform' ? byKey(group, (r) => r.deployment ?? '') : [group];
    const limit = manifests ? limits.manifests : limits.terraform;
    return scopes.flatMap((scope) => (scope.length <= limit ? [{ resources: scope }] : parts(scope, batchSize)));
  });
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
    return this.loaded.flatMap((l) => [...l.rules.values()]).sort((a, b) => byText(a.id, b.id));
  }

  /**
   * Evaluates every rule of every bundle over the resource set, in as few WASM calls as memory allows
   * (see evaluationBatches). `data` is what rules read as `data` (profile, deployments).
   */
  evaluate(resources: Resource[], data: object, batchSize = BATCH_RESOURCES, limits = MAX_EVALUATION_RESOURCES): EngineResult {
    const byId = new Map(resources.map((r) => [r.id, r]));
    const planned = evaluationBatches(resources, batchSize, limits);
    const batches = planned.map((batch) => ({ resources: batch.resources.map(policyInput) }));
    const result: EngineResult = { findings: [], unknowns: [], coverage: [], diagnostics: [] };
    for (const { bundle, policy, rules } of this.loaded) {
      policy.setData(data);
      const tallies = new Map<string, RuleTally>();
      // Rules that compare across deployments and root modules are evaluated alone over their population.
      const separate = batches.length > 1 ? [...rules.values()].filter((meta) => meta.population !== undefined) : [];
      const run = (input: { resources: JsonObject[]; rules?: string[][] }, entrypoint: string): void => {
        let families: Record<string, Record<string, RuleOutput>> | undefined;
        try {
          families = (policy.evaluate(input, entrypoint) as { result?: Record<string, Record<string, RuleOutput>> }[])[0]?.result;
        } catch (error) {
          result.diagnostics.push(diagnostic('policy-error', bundle.location, `policy evaluation failed: ${error instanceof Error ? error.message : String(error)}`));
          return;
        }
        for (const [family, names] of Object.entries(families ?? {})) {
          for (const [name, output] of Object.entries(names)) {
            const meta = rules.get(`${family}.${name}`);
            if (meta === undefined || (entrypoint === ENTRYPOINT && separate.includes(meta))) continue;
            let tally = tallies.get(meta.id);
            if (tally === undefined) tallies.set(meta.id, (tally = { meta, failed: new Set(), unknown: new Set(), evaluated: new Set(), problems: new Set() }));
            this.collect(tally, output, byId, result);
          }
        }
      };
      for (const input of batches) run(input, ENTRYPOINT);
      for (const meta of separate) {
        const types = new Set(meta.population);
        run({ resources: resources.filter((r) => types.has(r.type)).map(policyInput), rules: [meta.package.split('.')] }, SELECTED_ENTRYPOINT);
      }
      for (const tally of tallies.values()) {
        this.cover(tally, byId, result);
        for (const problem of tally.problems) result.diagnostics.push(diagnostic('policy-error', tally.meta.package, `${tally.meta.id}: ${problem}`));
      }
    }
    const split = new Map<string, { of: number; count: number }>();
    for (const { part, resources: batch } of planned) {
      if (part === undefined) continue;
      const seen = split.get(part.scope) ?? { of: part.of, count: 0 };
      seen.count += batch.length;
      split.set(part.scope, seen);
    }
    for (const [scope, { of, count }] of split) {
      result.diagnostics.push(
        diagnostic(
          'policy-error',
          this.loaded[0]?.bundle.location ?? 'policies',
          `${scope} has ${count} resources, more than one evaluation can hold: it was evaluated in ${of} parts, and rules did not relate resources of different parts, so a finding about a related resource (a private endpoint, a default-deny policy) may be missing or wrong there`,
          {},
          'warning',
        ),
      );
    }
    if (batches.length > 1) {
      result.diagnostics.push(
        diagnostic(
          'policy-error',
          this.loaded[0]?.bundle.location ?? 'policies',
          `${resources.length} resources were evaluated in ${batches.length} batches (one per root module, or per deployment of a root module with more than ${batchSize} resources, and one for all manifests) to bound memory; rules did not compare resources of different batches, except those that compare ranges across the whole scan, which were evaluated once more over every resource of the types they compare`,
          {},
          'info',
        ),
      );
    }
    result.findings.sort(compareResults);
    result.unknowns.sort(compareResults);
    result.coverage.sort((a, b) => byText(a.ruleId, b.ruleId));
    return result;
  }

  private collect(tally: RuleTally, output: RuleOutput, byId: Map<string, Resource>, result: EngineResult): void {
    const { meta, problems, failed, unknown, evaluated } = tally;
    const resolve = (raw: RawResult, kind: string): { resource: Resource; path: PathSegment[] } | undefined => {
      const resource = typeof raw.resource === 'string' ? byId.get(raw.resource) : undefined;
      const path = raw.path === undefined ? [] : raw.path;
      if (resource === undefined || !isPath(path)) {
        problems.add(`${kind} entries must name a resource id and an array path; got ${JSON.stringify(raw).slice(0, 200)}`);
        return undefined;
      }
      return { resource, path };
    };

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
    for (const id of output.applies ?? []) if (typeof id === 'string' && byId.has(id)) evaluated.add(id);
  }

  /** A rule's coverage over every batch: resources it applied to, failed on, and could not decide. */
  private cover(tally: RuleTally, byId: Map<string, Resource>, result: EngineResult): void {
    const { meta, failed, unknown } = tally;
    const evaluated = new Set<string>([...failed, ...unknown, ...tally.evaluated]);
    const counts = new Map<string, number>();
    for (const id of evaluated) {
      const deployment = byId.get(id)?.deployment ?? '';
      counts.set(deployment, (counts.get(deployment) ?? 0) + 1);
    }
    const byDeployment = Object.fromEntries([...counts].sort(([a], [b]) => byText(a, b)));
    const undecided = [...unknown].filter((id) => !failed.has(id)).length;
    result.coverage.push({
      ruleId: meta.id,
      evaluated: evaluated.size,
      failed: failed.size,
      unknown: undecided,
      passed: evaluated.size - failed.size - undecided,
      byDeployment,
    });
  }
}
