import { channel } from 'node:diagnostics_channel';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { indexControls, loadCatalogs } from './compliance/catalog.js';
import type { Discovery, FileRef } from './discover/discover.js';
import { discover, hashInput, readInput } from './discover/discover.js';
import { builtinBundle, type PolicyBundle } from './engine/bundle.js';
import { loadCustomBundle } from './engine/custom.js';
import { PolicyEngine } from './engine/engine.js';
import { byText, redact, secretList, sensitiveValues, type ControlRef, type Diagnostic, type Finding, type Resource, type RuleMeta, type ScanReport } from './model/index.js';
import { packageRoot, packageVersion } from './package-root.js';
import { parseHelmChart } from './parsers/helm/index.js';
import type { ManifestFileResult } from './parsers/manifest-file.js';
import { evaluateTerraform, parseTerraform, type PlanFile } from './parsers/terraform/index.js';
import type { Ingested, ParsedResource } from './parsers/types.js';
import { loadConfig, type LoadedConfig } from './profile/config.js';
import { policyData } from './profile/deployments.js';
import { startManifestIngest } from './parsers/worker-pool.js';
import { applyWaivers, type LoadedWaivers } from './waivers/index.js';

/** The pipeline's stages, in order; `report` (rendering the output) belongs to the caller. */
export type ScanStage = 'discover' | 'parse' | 'terraform' | 'policy' | 'map';

/** Stage timings are also published here, so that a benchmark can time the real CLI without it printing anything. */
export const SCAN_STAGE_CHANNEL = 'evident:scan-stage';
const stageChannel = channel(SCAN_STAGE_CHANNEL);

export interface StageTiming {
  stage: ScanStage;
  ms: number;
}

export interface ScanOptions {
  /** Directory findings are reported relative to; the config file is looked up here. */
  root: string;
  /** Files or directories to scan (default: the root). */
  paths?: string[];
  /** The scan's clock: waiver expiry and evidence timestamps use it, never the system time. */
  now: Date;
  /** A config loaded by the caller; otherwise `evident.config.yaml` at the root is read. */
  config?: LoadedConfig;
  /** Extra compiled bundles (custom policies) to run beside the built-in one. */
  bundles?: PolicyBundle[];
  /** A waivers file loaded by the caller; otherwise `evident.waivers.yaml` at the root is read. */
  waivers?: LoadedWaivers;
  /** Called once per stage with its wall time in milliseconds. */
  timings?: (timing: StageTiming) => void;
  /** Threads for parsing manifests, this one included (default: available parallelism; 1: no worker threads). */
  threads?: number;
}

function emptyIngest(): Ingested {
  return { inputs: [], resources: [], diagnostics: [] };
}

/** Reads a file for a parser, recording its hash as an input; undefined when it cannot be parsed. */
function read(file: FileRef, into: Ingested, maxFileBytes: number | undefined): string | undefined {
  const { content, diagnostic } = readInput(file, maxFileBytes);
  if (diagnostic) into.diagnostics.push(diagnostic);
  if (content) into.inputs.push({ path: file.path, kind: file.kind, bytes: content.bytes, sha256: content.sha256 });
  return content && !diagnostic ? content.text : undefined;
}

function manifestFiles(discovery: Discovery): FileRef[] {
  return discovery.files.filter((file) => file.kind === 'yaml' || file.kind === 'json');
}

/** YAML and JSON files: Kubernetes manifests, except Terraform plan JSON, which is set aside for the Terraform ingest. */
function collectManifests(files: FileRef[], results: ManifestFileResult[]): { ingested: Ingested; plans: PlanFile[] } {
  const ingested = emptyIngest();
  const plans: PlanFile[] = [];
  results.forEach((result, index) => {
    ingested.diagnostics.push(...result.diagnostics);
    if (result.input) ingested.inputs.push(result.input);
    if (result.planText !== undefined) plans.push({ path: files[index].path, text: result.planText });
    ingested.resources.push(...result.resources);
  });
  return { ingested, plans };
}

function stageClock(report: ScanOptions['timings']): (stage: ScanStage) => void {
  let last = performance.now();
  return (stage) => {
    const now = performance.now();
    const timing = { stage, ms: now - last };
    last = now;
    report?.(timing);
    if (stageChannel.hasSubscribers) stageChannel.publish(timing);
  };
}

/** Every chart renders like `helm template` with its defaults, or once per release the config declares for it. */
function ingestHelm(discovery: Discovery, config: LoadedConfig, now: Date): Ingested {
  const out = emptyIngest();
  for (const file of discovery.files) {
    if (file.kind !== 'helm') continue;
    const hashed = hashInput(file);
    if (hashed.diagnostic) out.diagnostics.push(hashed.diagnostic);
    if (hashed.input) out.inputs.push(hashed.input);
  }
  const helm = config.config.helm;
  for (const chart of discovery.charts) {
    const releases = (helm?.releases ?? []).filter((r) => path.posix.normalize(r.chart).replace(/\/$/, '') === (chart || '.'));
    const runs = releases.length > 0 ? releases : [undefined];
    for (const release of runs) {
      const parsed = parseHelmChart(path.join(discovery.root, chart), discovery.root, {
        now,
        ...(helm?.kubeVersion === undefined ? {} : { kubeVersion: helm.kubeVersion }),
        ...(helm?.apiVersions === undefined ? {} : { apiVersions: helm.apiVersions }),
        ...(release === undefined
          ? {}
          : {
              releaseName: release.name,
              namespace: release.namespace ?? 'default',
              valuesFiles: (release.values ?? []).map((v) => path.join(discovery.root, v)),
              set: Object.fromEntries(Object.entries(release.set ?? {}).map(([k, v]) => [k, String(v)])),
              deployment: release.deployment ?? release.name,
            }),
      });
      out.resources.push(...parsed.resources);
      out.diagnostics.push(...parsed.diagnostics);
    }
  }
  return out;
}

function byPosition(a: ParsedResource, b: ParsedResource): number {
  return (
    byText(a.file, b.file) ||
    a.line - b.line ||
    byText(a.address, b.address) ||
    byText(a.deployment ?? '', b.deployment ?? '')
  );
}

/** Findings carry the controls their rule evidences in each framework (controls/<framework>/mapping.yaml). */
function withControls(findings: Finding[], rules: RuleMeta[]): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const catalogs = loadCatalogs(path.join(packageRoot(), 'controls'));
  const index = indexControls(catalogs);
  const declared = new Map(rules.map((rule) => [rule.id, rule.controls ?? []]));
  // Once per rule, not per finding: a large repository has hundreds of thousands of findings and a few dozen rules.
  const byRule = new Map<string, ControlRef[]>();
  const controlsOf = (ruleId: string): ControlRef[] => {
    let controls = byRule.get(ruleId);
    if (controls === undefined) {
      const all = [...index.controlsForRule(ruleId), ...(declared.get(ruleId) ?? [])];
      controls = all.filter((c, i) => all.findIndex((o) => o.framework === c.framework && o.id === c.id) === i);
      byRule.set(ruleId, controls);
    }
    return controls;
  };
  return { findings: findings.map((f) => ({ ...f, controls: controlsOf(f.ruleId) })), diagnostics: catalogs.diagnostics };
}

/** discover → parse → evaluate → map controls → redact: the pipeline behind every command and output. */
export function scan(options: ScanOptions): ScanReport {
  const finished = stageClock(options.timings);
  const config = options.config ?? loadConfig(options.root);
  const discovery = discover(options.root, options.paths ?? [options.root]);
  finished('discover');
  const maxFileBytes = config.config.scan?.maxFileBytes;
  // Worker threads parse the manifests while this thread parses Terraform and renders charts.
  const files = manifestFiles(discovery);
  const manifestIngest = startManifestIngest(files, { maxFileBytes, threads: options.threads });
  const terraformReads = emptyIngest();
  const parsedTerraform = parseTerraform(discovery, (file) => read(file, terraformReads, maxFileBytes));
  const helm = ingestHelm(discovery, config, options.now);
  const manifests = collectManifests(files, manifestIngest.finish());
  finished('parse');
  const terraform = evaluateTerraform(discovery, parsedTerraform, { deployments: config.config.terraform?.deployments, plans: manifests.plans });
  finished('terraform');
  const ingested = [manifests.ingested, terraformReads, terraform, helm];
  const resources: Resource[] = ingested
    .flatMap((i) => i.resources)
    .sort(byPosition)
    .map((resource, index) => ({ id: `r${index}`, ...resource }));
  const custom = config.config.policies ? loadCustomBundle(options.root, config.config.policies, config.file ?? 'evident.config.yaml') : { diagnostics: [] };
  const engine = new PolicyEngine([builtinBundle(), ...(custom.bundle ? [custom.bundle] : []), ...(options.bundles ?? [])]);
  const deployments = resources.flatMap((r) => (r.deployment === undefined ? [] : [r.deployment]));
  const evaluated = engine.evaluate(resources, policyData(config.profile, deployments));
  finished('policy');
  const mapped = withControls(evaluated.findings, engine.rules);
  const report: ScanReport = {
    tool: { name: 'evident', version: packageVersion() },
    scannedAt: options.now.toISOString(),
    profile: config.profile,
    inputs: ingested.flatMap((i) => i.inputs).sort((a, b) => byText(a.path, b.path)),
    resources,
    rules: engine.rules,
    findings: mapped.findings,
    unknowns: evaluated.unknowns,
    coverage: evaluated.coverage,
    waivers: [],
    diagnostics: [...config.diagnostics, ...custom.diagnostics, ...discovery.diagnostics, ...ingested.flatMap((i) => i.diagnostics), ...evaluated.diagnostics, ...mapped.diagnostics],
  };
  if (config.file !== undefined) report.configFile = config.file;
  const secrets = secretList([...sensitiveValues(resources), ...ingested.flatMap((i) => i.secrets ?? [])]);
  const final = redact(applyWaivers(report, { root: options.root, waivers: options.waivers }), secrets);
  finished('map');
  return final;
}
