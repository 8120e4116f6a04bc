import type { ControlEvaluation, ControlStatus, FrameworkEvaluation, ResultCounts, RuleEvidence, RuleParameter } from '../compliance/evaluate.js';
import type { EvidencePack } from '../evidence/model.js';
import { byText, isJsonObject, type ControlRef, type Finding, type JsonValue, type WaiverRecord } from '../model/index.js';

/**
 * Everything the evidence templates show, computed here so that templates stay logic-free: every value is display
 * text, already escaped for the target format by `escape` (identity for HTML, where Handlebars escapes).
 */

export const STATUS_LABEL: Record<ControlStatus, string> = {
  satisfied: 'Satisfied',
  'not satisfied': 'Not satisfied',
  'not evaluated': 'Not evaluated',
  manual: 'Manual',
};

export const FRAMEWORK_SHORT: Record<string, string> = { 'iso27001-2022': 'ISO 27001', 'soc2-2017': 'SOC 2', gdpr: 'GDPR' };

export function statusClass(status: ControlStatus): string {
  return status.replace(' ', '-');
}

/** A profile value as people read it: lists joined with commas, tables as `key: value` pairs, nested ones in parentheses. */
export function formatValue(value: JsonValue | undefined): string {
  if (value === undefined) return '(not set)';
  const nested = (item: JsonValue): string => (typeof item === 'object' && item !== null ? `(${formatValue(item)})` : formatValue(item));
  if (Array.isArray(value)) return value.length === 0 ? '(empty)' : value.map(nested).join(', ');
  if (isJsonObject(value)) return Object.entries(value).map(([key, item]) => `${key}: ${nested(item)}`).join('; ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function formatParameters(parameters: readonly RuleParameter[]): string {
  return parameters.length === 0 ? 'none' : parameters.map((p) => `${p.path} = ${formatValue(p.value)}`).join('; ');
}

const BRIEF_VALUE = 120;

/** A value short enough for a table cell: a long list or table is summarised; the method section shows it whole. */
export function formatValueBrief(value: JsonValue | undefined): string {
  const full = formatValue(value);
  if (full.length <= BRIEF_VALUE) return full;
  if (Array.isArray(value)) return `${value.length} values (listed under Method)`;
  if (isJsonObject(value)) return `${Object.keys(value).length} entries (listed under Method)`;
  return `${full.slice(0, BRIEF_VALUE - 1)}…`;
}

export function formatParametersBrief(parameters: readonly RuleParameter[]): string {
  return parameters.length === 0 ? 'none' : parameters.map((p) => `${p.path} = ${formatValueBrief(p.value)}`).join('; ');
}

/** `8 resources`, or `46 resources: eastus-prod-1 22, westeu-dev-1 21, no deployment 3` when resources belong to deployments. */
export function formatPopulation(byDeployment: Record<string, number>): string {
  const entries = Object.entries(byDeployment).sort(([a], [b]) => byText(a, b));
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const noun = total === 1 ? 'resource' : 'resources';
  if (entries.length === 0 || (entries.length === 1 && entries[0][0] === '')) return `${total} ${noun}`;
  const parts = entries.map(([deployment, count]) => `${deployment === '' ? 'no deployment' : deployment} ${count}`);
  return `${total} ${noun}: ${parts.join(', ')}`;
}

export function formatTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

export function formatLocation(finding: Pick<Finding, 'location'>): string {
  return `${finding.location.file}:${finding.location.line}`;
}

export function formatResource(finding: Pick<Finding, 'resource'>): string {
  return finding.resource.deployment ? `${finding.resource.address} (${finding.resource.deployment})` : finding.resource.address;
}

export function formatControls(controls: readonly ControlRef[]): string {
  const byFramework = new Map<string, string[]>();
  for (const c of controls) byFramework.set(c.framework, [...(byFramework.get(c.framework) ?? []), c.id]);
  return [...byFramework].map(([framework, ids]) => `${FRAMEWORK_SHORT[framework] ?? framework} ${ids.join(', ')}`).join('; ') || 'none';
}

export function waiverScope(waiver: WaiverRecord): string {
  const parts = [waiver.resource ?? (waiver.source === 'inline' ? 'the resource below it' : 'every resource')];
  if (waiver.deployment) parts.push(`deployment ${waiver.deployment}`);
  return parts.join(', ');
}

export function waiverStatusLabel(waiver: WaiverRecord): string {
  return waiver.status === 'expired' ? 'EXPIRED' : waiver.status;
}

/** One mark of the coverage matrix: how a rule fared for a control. */
export function matrixMark(results: ResultCounts): { mark: string; tone: 'fail' | 'waived' | 'pass' | 'none' } {
  if (results.failed > 0) return { mark: '✗', tone: 'fail' };
  if (results.waived > 0) return { mark: 'W', tone: 'waived' };
  if (results.evaluated - results.unknown > 0) return { mark: '✓', tone: 'pass' };
  return { mark: '–', tone: 'none' };
}

export function automatedControls(framework: FrameworkEvaluation): ControlEvaluation[] {
  return framework.controls.filter((c) => c.coverage === 'automated');
}

/** A fragment identifier for a control: `gdpr-32-1-b` for GDPR 32(1)(b). */
export function controlAnchor(control: Pick<ControlEvaluation, 'framework' | 'id'>): string {
  return `${control.framework}-${control.id}`.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');
}

export function coverageLabel(control: ControlEvaluation): string {
  return control.coverage === 'not-covered' ? 'not covered by automated checks' : 'manual';
}

/** The rules that evidence at least one control of the framework, in rule order: the matrix columns. */
export function matrixRules(pack: EvidencePack, framework: FrameworkEvaluation): string[] {
  const used = new Set(automatedControls(framework).flatMap((c) => c.rules.map((r) => r.ruleId)));
  return pack.rules.map((r) => r.id).filter((id) => used.has(id));
}

type Escape = (text: string) => string;

function findingView(finding: Finding, e: Escape) {
  return {
    severity: e(finding.severity),
    ruleId: e(finding.ruleId),
    title: e(finding.title),
    location: e(formatLocation(finding)),
    path: e(finding.path),
    resource: e(formatResource(finding)),
    message: e(finding.message),
    remediation: e(finding.remediation),
    controls: e(formatControls(finding.controls)),
    origin: finding.origin ? e(`${finding.origin.description} (${finding.origin.file}:${finding.origin.line})`) : '',
    waiver: finding.waiver ? e(finding.waiver.id) : '',
  };
}

function waiverView(waiver: WaiverRecord, e: Escape) {
  return {
    id: e(waiver.id),
    ruleId: e(waiver.ruleId),
    scope: e(waiverScope(waiver)),
    owner: e(waiver.owner ?? '—'),
    reason: e(waiver.reason),
    ticket: e(waiver.ticket ?? ''),
    expires: e(waiver.expires ?? 'never'),
    status: e(waiverStatusLabel(waiver)),
    expired: waiver.status === 'expired',
    matched: waiver.matched.length,
  };
}

function ruleRowView(rule: RuleEvidence, e: Escape) {
  return {
    ruleId: e(rule.ruleId),
    title: e(rule.title),
    parameters: e(formatParametersBrief(rule.parameters)),
    population: e(formatPopulation(rule.population)),
    ...rule.results,
  };
}

function controlView(control: ControlEvaluation, e: Escape) {
  return {
    id: e(control.id),
    title: e(control.title),
    anchor: controlAnchor(control),
    status: STATUS_LABEL[control.status],
    statusClass: statusClass(control.status),
    rationale: e(control.rationale ?? ''),
    rules: control.rules.map((r) => ruleRowView(r, e)),
    results: control.results,
    findings: control.findings.map((f) => findingView(f, e)),
    hasFindings: control.findings.length > 0,
    waivedFindings: control.waivedFindings.map((f) => findingView(f, e)),
    hasWaivedFindings: control.waivedFindings.length > 0,
    waivers: control.waivers.map((w) => waiverView(w, e)),
    hasWaivers: control.waivers.length > 0,
  };
}

function frameworkView(pack: EvidencePack, framework: FrameworkEvaluation, e: Escape) {
  const automated = automatedControls(framework);
  const columns = matrixRules(pack, framework);
  return {
    id: e(framework.framework.id),
    name: e(framework.framework.name),
    version: e(framework.framework.version),
    publisher: e(framework.framework.publisher),
    counts: { ...framework.counts, total: framework.controls.length, automated: automated.length },
    summary: automated.map((control) => ({
      id: e(control.id),
      anchor: controlAnchor(control),
      title: e(control.title),
      status: STATUS_LABEL[control.status],
      statusClass: statusClass(control.status),
      rules: control.rules.length,
      ...control.results,
    })),
    // Rules down, controls across: a framework has far fewer evidenced controls than there are rules.
    matrix: {
      columns: automated.map((control) => ({ id: e(control.id), anchor: controlAnchor(control) })),
      rows: columns.map((ruleId) => ({
        ruleId: e(ruleId),
        title: e(pack.rules.find((r) => r.id === ruleId)?.title ?? ''),
        cells: automated.map((control) => {
          const rule = control.rules.find((r) => r.ruleId === ruleId);
          return rule ? matrixMark(rule.results) : { mark: '', tone: 'none' };
        }),
      })),
    },
    controls: automated.map((c) => controlView(c, e)),
    manual: framework.controls.filter((c) => c.coverage !== 'automated').map((c) => ({ id: e(c.id), title: e(c.title), evidence: coverageLabel(c) })),
  };
}

export type EvidenceView = ReturnType<typeof evidenceView>;

export function evidenceView(pack: EvidencePack, e: Escape) {
  const git = pack.subject.git;
  return {
    organisation: e(pack.subject.organisation),
    repository: e(pack.subject.repository),
    commit: git?.commit ? e(git.commit) : '',
    branch: git?.branch ? e(git.branch) : '',
    generatedAt: e(formatTime(pack.generatedAt)),
    version: e(pack.tool.version),
    bundles: pack.policyBundles.map((b) => ({ name: e(b.name), opaVersion: e(b.opaVersion), wasmSha256: b.wasmSha256, rules: b.rules })),
    profileSha256: pack.profile.sha256,
    /** Raw JSON: Markdown shows it in a code fence, where escapes would be literal; Handlebars escapes it for HTML. */
    profileJson: JSON.stringify(pack.profile.values, null, 2),
    configFile: pack.configFile ? { path: e(pack.configFile.path), sha256: pack.configFile.sha256 } : undefined,
    summary: {
      ...pack.summary,
      severities:
        Object.entries(pack.summary.bySeverity)
          .filter(([, count]) => count > 0)
          .map(([severity, count]) => `${count} ${severity}`)
          .join(', ') || 'none',
      files: pack.inputs.length,
    },
    frameworks: pack.frameworks.map((f) => frameworkView(pack, f, e)),
    findings: pack.findings.map((f) => findingView(f, e)),
    hasFindings: pack.findings.length > 0,
    waivers: pack.waivers.map((w) => waiverView(w, e)),
    hasWaivers: pack.waivers.length > 0,
    population: {
      resources: pack.population.resources,
      deployments: formatPopulation(pack.population.byDeployment),
      sources: Object.entries(pack.population.bySource).map(([name, count]) => ({ name: e(name), count })),
      types: Object.entries(pack.population.byType).map(([name, count]) => ({ name: e(name), count })),
      inventory: pack.population.inventory.map((r) => ({
        address: e(r.address),
        type: e(r.type),
        source: e(r.source),
        deployment: e(r.deployment ?? '—'),
        location: e(`${r.file}:${r.line}`),
      })),
    },
    unknowns: pack.unknowns.map((u) => ({
      ruleId: e(u.ruleId),
      location: e(`${u.location.file}:${u.location.line}`),
      resource: e(u.resource.address),
      path: e(u.path),
      reason: e(u.reason),
    })),
    hasUnknowns: pack.unknowns.length > 0,
    diagnostics: pack.diagnostics.map((d) => ({
      level: e(d.level),
      code: e(d.code),
      location: e(d.line === undefined ? d.file : `${d.file}:${d.line}`),
      message: e(d.message),
    })),
    hasDiagnostics: pack.diagnostics.length > 0,
    rules: pack.rules.map((r) => ({
      id: e(r.id),
      title: e(r.title),
      severity: e(r.severity),
      category: e(r.category),
      description: e(r.description),
      remediation: e(r.remediation),
      bundle: e(r.bundle),
      parameters: e(formatParameters(r.parameters)),
      population: e(formatPopulation(r.coverage.byDeployment)),
      evaluated: r.coverage.evaluated,
      passed: r.coverage.passed,
      failed: r.coverage.failed,
      unknown: r.coverage.unknown,
      controls: e(formatControls(r.controls)),
    })),
    inputs: pack.inputs.map((i) => ({ path: e(i.path), kind: e(i.kind), bytes: i.bytes, sha256: i.sha256 })),
  };
}
