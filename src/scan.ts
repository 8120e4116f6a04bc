import type { Discovery } from './discover/discover.js';
import { discover, readInput } from './discover/discover.js';
import { builtinBundle, type PolicyBundle } from './engine/bundle.js';
import { PolicyEngine } from './engine/engine.js';
import { redact, sensitiveValues, type Diagnostic, type InputFile, type Resource, type ScanReport } from './model/index.js';
import { packageVersion } from './package-root.js';
import { resourcesFromYaml } from './parsers/kubernetes/manifest.js';
import type { ParsedResource } from './parsers/types.js';
import { loadConfig, type LoadedConfig } from './profile/config.js';

export interface ScanOptions {
  /** Directory findings are reported relative to; the config file is looked up here. */
  root: string;
  /** Files or directories to scan (default: the root). */
  paths?: string[];
  /** A config loaded by the caller; otherwise `evident.config.yaml` at the root is read. */
  config?: LoadedConfig;
  /** Extra compiled bundles (custom policies) to run beside the built-in one. */
  bundles?: PolicyBundle[];
}

function parseFiles(discovery: Discovery, maxFileBytes: number | undefined): { inputs: InputFile[]; resources: ParsedResource[]; diagnostics: Diagnostic[] } {
  const inputs: InputFile[] = [];
  const resources: ParsedResource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of discovery.files) {
    if (file.kind !== 'yaml' && file.kind !== 'json') continue;
    const { content, diagnostic } = readInput(file, maxFileBytes);
    if (diagnostic) diagnostics.push(diagnostic);
    if (content) inputs.push({ path: file.path, kind: file.kind, bytes: content.bytes, sha256: content.sha256 });
    if (!content || diagnostic) continue;
    const parsed = resourcesFromYaml(content.text, file.path);
    resources.push(...parsed.resources);
    diagnostics.push(...parsed.diagnostics);
  }
  return { inputs, resources, diagnostics };
}

function byPosition(a: ParsedResource, b: ParsedResource): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.address.localeCompare(b.address) ||
    (a.deployment ?? '').localeCompare(b.deployment ?? '')
  );
}

/** discover → parse → evaluate → redact: the pipeline behind every command and output. */
export function scan(options: ScanOptions): ScanReport {
  const config = options.config ?? loadConfig(options.root);
  const discovery = discover(options.root, options.paths ?? [options.root]);
  const parsed = parseFiles(discovery, config.config.scan?.maxFileBytes);
  const resources: Resource[] = parsed.resources.sort(byPosition).map((resource, index) => ({ id: `r${index}`, ...resource }));
  const engine = new PolicyEngine([builtinBundle(), ...(options.bundles ?? [])]);
  const evaluated = engine.evaluate(resources, config.profile);
  const report: ScanReport = {
    tool: { name: 'evident', version: packageVersion() },
    profile: config.profile,
    inputs: parsed.inputs,
    resources,
    rules: engine.rules,
    findings: evaluated.findings,
    unknowns: evaluated.unknowns,
    coverage: evaluated.coverage,
    diagnostics: [...config.diagnostics, ...discovery.diagnostics, ...parsed.diagnostics, ...evaluated.diagnostics],
  };
  if (config.file !== undefined) report.configFile = config.file;
  return redact(report, sensitiveValues(resources));
}
