import path from 'node:path';
import type { Catalogs, ControlMapping } from '../compliance/catalog.js';
import { evaluateControls, profileValue } from '../compliance/evaluate.js';
import { SEVERITIES, type ControlRef, type RuleMeta, type ScanReport, type Severity } from '../model/index.js';
import type { GitInfo } from './git.js';
import { canonicalJson, sha256 } from './hash.js';
import { EVIDENCE_FORMAT_VERSION, type EvidencePack, type Population, type PolicyBundleDigest } from './model.js';

/** The part of a loaded policy bundle the evidence needs (structurally an engine `PolicyBundle`). */
export interface BundleSource {
  manifest: { bundle: string; opaVersion: string };
  wasm: Uint8Array;
}

export interface EvidenceOptions {
  /** The scan root; its directory name is the default organisation and repository name. */
  root: string;
  catalogs: Pick<Catalogs, 'frameworks' | 'mappings'>;
  /** Every bundle the scan ran, built-in first. */
  bundles: readonly BundleSource[];
  /** The config's `evidence` section. */
  names?: { organisation?: string; repository?: string };
  git?: GitInfo;
  /** The config file that was applied (repo-relative path and its text, which is hashed, never copied). */
  configFile?: { path: string; text: string };
}

function bundleDigest(bundle: BundleSource, rules: number): PolicyBundleDigest {
  return { name: bundle.manifest.bundle, opaVersion: bundle.manifest.opaVersion, wasmSha256: sha256(bundle.wasm), rules };
}

function tally(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of [...values].sort()) out[value] = (out[value] ?? 0) + 1;
  return out;
}

function population(report: ScanReport): Population {
  return {
    resources: report.resources.length,
    byDeployment: tally(report.resources.map((r) => r.deployment ?? '')),
    bySource: tally(report.resources.map((r) => r.source)),
    byType: tally(report.resources.map((r) => r.type)),
    inventory: report.resources.map((r) => ({
      address: r.address,
      type: r.type,
      source: r.source,
      ...(r.deployment === undefined ? {} : { deployment: r.deployment }),
      file: r.file,
      line: r.line,
    })),
  };
}

/** The catalogs' mappings plus the controls custom rules declare in their METADATA, as the scan attached them to findings. */
function withDeclaredControls(catalogs: EvidenceOptions['catalogs'], rules: readonly RuleMeta[]): EvidenceOptions['catalogs'] {
  const mappings: ControlMapping[] = catalogs.mappings.map((m) => ({ ...m, rules: [...m.rules] }));
  const known = new Set(catalogs.frameworks.flatMap((f) => f.controls.map((c) => `${c.framework}\u0000${c.id}`)));
  for (const rule of rules) {
    for (const ref of rule.controls ?? []) {
      const existing = mappings.find((m) => m.framework === ref.framework && m.id === ref.id);
      if (existing) {
        if (!existing.rules.includes(rule.id)) existing.rules.push(rule.id);
      } else if (known.has(`${ref.framework}\u0000${ref.id}`)) {
        mappings.push({ framework: ref.framework, id: ref.id, rules: [rule.id], rationale: `Declared in the METADATA of ${rule.id} (policy bundle ${rule.bundle}).` });
      }
    }
  }
  return { frameworks: catalogs.frameworks, mappings };
}

/** The evidence model of one scan: control statuses and everything an auditor needs to check them. */
export function buildEvidence(report: ScanReport, options: EvidenceOptions): EvidencePack {
  const catalogs = withDeclaredControls(options.catalogs, report.rules);
  const frameworks = evaluateControls(report, catalogs);
  const controlsByRule = new Map<string, ControlRef[]>();
  for (const mapping of catalogs.mappings) {
    for (const rule of mapping.rules) controlsByRule.set(rule, [...(controlsByRule.get(rule) ?? []), { framework: mapping.framework, id: mapping.id }]);
  }
  const coverage = new Map(report.coverage.map((c) => [c.ruleId, c]));
  const bySeverity = Object.fromEntries([...SEVERITIES].reverse().map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of report.findings) if (finding.waiver === undefined) bySeverity[finding.severity]++;
  const directory = path.basename(path.resolve(options.root));
  const rulesPerBundle = tally(report.rules.map((r) => r.bundle));
  return {
    format: 'evident-evidence',
    version: EVIDENCE_FORMAT_VERSION,
    tool: report.tool,
    generatedAt: report.scannedAt,
    subject: {
      organisation: options.names?.organisation ?? directory,
      repository: options.names?.repository ?? directory,
      ...(options.git === undefined ? {} : { git: options.git }),
    },
    policyBundles: options.bundles.map((b) => bundleDigest(b, rulesPerBundle[b.manifest.bundle] ?? 0)),
    profile: { sha256: sha256(canonicalJson(report.profile)), values: report.profile },
    ...(options.configFile === undefined ? {} : { configFile: { path: options.configFile.path, sha256: sha256(options.configFile.text) } }),
    summary: {
      resources: report.resources.length,
      rules: report.rules.length,
      openFindings: report.findings.filter((f) => f.waiver === undefined).length,
      waivedFindings: report.findings.filter((f) => f.waiver !== undefined).length,
      bySeverity,
      unknowns: report.unknowns.length,
      errors: report.diagnostics.filter((d) => d.level === 'error').length,
      expiredWaivers: report.waivers.filter((w) => w.status === 'expired').length,
    },
    frameworks,
    rules: report.rules.map((rule) => {
      const { ruleId: _ruleId, ...ruleCoverage } = coverage.get(rule.id) ?? { ruleId: rule.id, evaluated: 0, failed: 0, unknown: 0, passed: 0, byDeployment: {} };
      return {
        id: rule.id,
        title: rule.title,
        description: rule.description,
        severity: rule.severity,
        category: rule.category,
        remediation: rule.remediation,
        bundle: rule.bundle,
        parameters: rule.parameters.map((p) => {
          const value = profileValue(report.profile, p);
          return value === undefined ? { path: p } : { path: p, value };
        }),
        coverage: ruleCoverage,
        controls: controlsByRule.get(rule.id) ?? [],
      };
    }),
    findings: report.findings,
    unknowns: report.unknowns,
    waivers: report.waivers,
    population: population(report),
    inputs: report.inputs,
    diagnostics: report.diagnostics,
  };
}
