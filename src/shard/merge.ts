import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { byText, compareResults, type Diagnostic, type Finding, type InputFile, type Resource, type RuleCoverage, type RuleMeta, type ScanReport, type UnknownResult, type WaiverRecord } from '../model/index.js';
import { waiverDiagnostic } from '../waivers/index.js';

/** Shard results that cannot be combined: unreadable, not from `scan --format json`, or not shards of one scan. */
export class MergeError extends Error {}

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = <T>() => z.array(z.custom<T>(isObject));

type SlimResource = Omit<Resource, 'id' | 'attributes' | 'locations'>;

const shardSchema = z.object({
  tool: z.object({ name: z.literal('evident'), version: z.string() }),
  scannedAt: z.string(),
  findings: list<Finding>(),
  unknowns: list<UnknownResult>(),
  errors: list<Diagnostic>(),
  coverage: list<RuleCoverage>(),
  waivers: list<WaiverRecord>(),
  rules: list<RuleMeta>(),
  inputs: list<InputFile>(),
  resources: list<SlimResource>(),
  profile: z.custom<object>(isObject),
  configFile: z.string().optional(),
});

/** A shard's `--format json` result as a ScanReport; resources come back without attributes (JSON omits them). */
export function readShardResult(location: string, file: string = location): ScanReport {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(location, 'utf8'));
  } catch (error) {
    throw new MergeError(`${file}: cannot read shard result: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const parsed = shardSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MergeError(`${file}: not a result of "evident scan --format json" (${issue.path.join('.') || 'top level'}: ${issue.message})`);
  }
  const shard = parsed.data;
  const report: ScanReport = {
    tool: { name: 'evident', version: shard.tool.version },
    scannedAt: shard.scannedAt,
    profile: shard.profile,
    inputs: shard.inputs,
    resources: shard.resources.map((r, index) => ({ id: `r${index}`, ...r, attributes: {}, locations: {} })),
    rules: shard.rules,
    findings: shard.findings,
    unknowns: shard.unknowns,
    coverage: shard.coverage,
    waivers: shard.waivers,
    diagnostics: shard.errors,
  };
  if (shard.configFile !== undefined) report.configFile = shard.configFile;
  return report;
}


function mergeCoverage(reports: ScanReport[]): RuleCoverage[] {
  const byRule = new Map<string, RuleCoverage>();
  for (const item of reports.flatMap((r) => r.coverage)) {
    const sum = byRule.get(item.ruleId) ?? { ruleId: item.ruleId, evaluated: 0, failed: 0, unknown: 0, passed: 0, byDeployment: {} };
    sum.evaluated += item.evaluated;
    sum.failed += item.failed;
    sum.unknown += item.unknown;
    sum.passed += item.passed;
    for (const [deployment, count] of Object.entries(item.byDeployment)) sum.byDeployment[deployment] = (sum.byDeployment[deployment] ?? 0) + count;
    byRule.set(item.ruleId, sum);
  }
  return [...byRule.values()]
    .sort((a, b) => byText(a.ruleId, b.ruleId))
    .map((c) => ({ ...c, byDeployment: Object.fromEntries(Object.entries(c.byDeployment).sort(([a], [b]) => byText(a, b))) }));
}

/** A waiver the whole scan used counts as used, even if most shards never met its resources. */
function mergeWaivers(reports: ScanReport[]): WaiverRecord[] {
  const byId = new Map<string, WaiverRecord>();
  for (const record of reports.flatMap((r) => r.waivers)) {
    const seen = byId.get(record.id);
    if (seen === undefined) {
      byId.set(record.id, { ...record, matched: [...record.matched] });
      continue;
    }
    seen.matched = [...new Set([...seen.matched, ...record.matched])].sort();
    if (record.status === 'expired') seen.status = 'expired';
  }
  return [...byId.values()]
    .map((record) => (record.status === 'expired' ? record : { ...record, status: record.matched.length > 0 ? ('active' as const) : ('unused' as const) }))
    .sort((a, b) => byText(a.location.file, b.location.file) || a.location.line - b.location.line || byText(a.id, b.id));
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return byText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || byText(a.code, b.code) || byText(a.message, b.message);
}

/**
 * Combines the results of `scan --shard i/n` for every i into the report the unsharded scan would give: findings,
 * coverage and the waiver register are summed across shards; diagnostics several shards share appear once.
 */
export function mergeReports(shards: { file: string; report: ScanReport }[]): ScanReport {
  if (shards.length === 0) throw new MergeError('nothing to merge: name the shard results');
  const [first] = shards;
  for (const { file, report } of shards) {
    if (report.tool.version !== first.report.tool.version) {
      throw new MergeError(`${file} was written by evident ${report.tool.version}, ${first.file} by ${first.report.tool.version}; run every shard with one version`);
    }
    if (JSON.stringify(report.profile) !== JSON.stringify(first.report.profile)) {
      throw new MergeError(`${file} and ${first.file} were scanned with different profiles; run every shard with the same config`);
    }
  }
  const owner = new Map<string, string>();
  for (const { file, report } of shards) {
    for (const input of report.inputs) {
      const other = owner.get(input.path);
      if (other !== undefined) throw new MergeError(`${input.path} was scanned by both ${other} and ${file}; merge each shard once`);
      owner.set(input.path, file);
    }
  }
  const reports = shards.map((s) => s.report);
  const rules = new Map<string, RuleMeta>();
  for (const rule of reports.flatMap((r) => r.rules)) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  const resources = reports
    .flatMap((r) => r.resources)
    .sort((a, b) => byText(a.file, b.file) || a.line - b.line || byText(a.address, b.address) || byText(a.deployment ?? '', b.deployment ?? ''))
    .map((resource, index) => ({ ...resource, id: `r${index}` }));
  const waivers = mergeWaivers(reports);
  const diagnostics = new Map<string, Diagnostic>();
  for (const d of reports.flatMap((r) => r.diagnostics)) {
    if (d.code !== 'waiver-unused' && d.code !== 'waiver-expired') diagnostics.set(JSON.stringify(d), d);
  }
  for (const record of waivers) {
    const warning = waiverDiagnostic(record);
    if (warning !== undefined) diagnostics.set(JSON.stringify(warning), warning);
  }
  const merged: ScanReport = {
    tool: first.report.tool,
    scannedAt: reports.map((r) => r.scannedAt).sort().at(-1)!,
    profile: first.report.profile,
    inputs: reports.flatMap((r) => r.inputs).sort((a, b) => byText(a.path, b.path)),
    resources,
    rules: [...rules.values()].sort((a, b) => byText(a.id, b.id)),
    findings: reports
      .flatMap((r) => r.findings)
      .sort(compareResults),
    unknowns: reports.flatMap((r) => r.unknowns).sort(compareResults),
    coverage: mergeCoverage(reports),
    waivers,
    diagnostics: [...diagnostics.values()].sort(compareDiagnostics),
  };
  if (first.report.configFile !== undefined) merged.configFile = first.report.configFile;
  return merged;
}
