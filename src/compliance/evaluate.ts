import type { Finding, Framework, JsonValue, RuleCoverage, RuleMeta, ScanReport, Severity, WaiverRecord } from '../model/index.js';
import { isJsonObject } from '../model/index.js';
import { coverage, type Catalogs, type CoverageStatus, type FrameworkInfo } from './catalog.js';

/**
 * satisfied: rules ran, decided, and left no open finding; not satisfied: an open (unwaived) finding;
 * not evaluated: no rule decided anything (nothing in scope, or every result unknown); manual: no rule evidences it.
 */
export type ControlStatus = 'satisfied' | 'not satisfied' | 'not evaluated' | 'manual';

/** A profile threshold a rule reads, with the value this scan used; `value` is absent when the profile lacks it. */
export interface RuleParameter {
  path: string;
  value?: JsonValue;
}

/** Resource results of one or more rules: `failed` counts resources with an open finding, `waived` those whose findings are all waived. */
export interface ResultCounts {
  evaluated: number;
  passed: number;
  failed: number;
  waived: number;
  unknown: number;
}

export interface RuleEvidence {
  ruleId: string;
  title: string;
  severity: Severity;
  parameters: RuleParameter[];
  /** The resources the rule evaluated, per deployment (`""` for resources without one). */
  population: Record<string, number>;
  results: ResultCounts;
}

export interface ControlEvaluation {
  framework: Framework;
  id: string;
  title: string;
  status: ControlStatus;
  /** Whether rules evidence the control (automated), scanning cannot (manual) or no rule does yet (not-covered). */
  coverage: CoverageStatus;
  rationale?: string;
  rules: RuleEvidence[];
  /** Summed over the rules: one result per rule and resource. */
  results: ResultCounts;
  /** Findings of the control's rules that no active waiver suppresses. */
  findings: Finding[];
  waivedFindings: Finding[];
  /** Waivers that matched a finding of the control's rules (active, or expired and therefore no longer suppressing). */
  waivers: WaiverRecord[];
}

export type StatusCounts = Record<'satisfied' | 'notSatisfied' | 'notEvaluated' | 'manual', number>;

export interface FrameworkEvaluation {
  framework: FrameworkInfo;
  controls: ControlEvaluation[];
  counts: StatusCounts;
}

const STATUS_KEY: Record<ControlStatus, keyof StatusCounts> = {
  satisfied: 'satisfied',
  'not satisfied': 'notSatisfied',
  'not evaluated': 'notEvaluated',
  manual: 'manual',
};

/** The value at a dotted path (`kubernetes.forbiddenCapabilities`) of the profile, or undefined. */
export function profileValue(profile: object, dottedPath: string): JsonValue | undefined {
  let node: JsonValue | undefined = profile as JsonValue;
  for (const key of dottedPath.split('.')) {
    if (!isJsonObject(node as JsonValue) || !(key in (node as object))) return undefined;
    node = (node as Record<string, JsonValue>)[key];
  }
  return node;
}

function emptyCounts(): ResultCounts {
  return { evaluated: 0, passed: 0, failed: 0, waived: 0, unknown: 0 };
}

function resourceKey(finding: Finding): string {
  return `${finding.resource.address}\u0000${finding.resource.deployment ?? ''}`;
}

function ruleEvidence(rule: RuleMeta, ruleCoverage: RuleCoverage | undefined, findings: readonly Finding[], profile: object): RuleEvidence {
  const open = new Set(findings.filter((f) => f.ruleId === rule.id && f.waiver === undefined).map(resourceKey));
  const failedResources = ruleCoverage?.failed ?? 0;
  const results: ResultCounts = {
    evaluated: ruleCoverage?.evaluated ?? 0,
    passed: ruleCoverage?.passed ?? 0,
    failed: Math.min(open.size, failedResources),
    waived: Math.max(failedResources - open.size, 0),
    unknown: ruleCoverage?.unknown ?? 0,
  };
  const parameters = rule.parameters.map((path): RuleParameter => {
    const value = profileValue(profile, path);
    return value === undefined ? { path } : { path, value };
  });
  return { ruleId: rule.id, title: rule.title, severity: rule.severity, parameters, population: { ...(ruleCoverage?.byDeployment ?? {}) }, results };
}

function statusOf(controlCoverage: CoverageStatus, results: ResultCounts, openFindings: number): ControlStatus {
  if (controlCoverage !== 'automated') return 'manual';
  if (openFindings > 0) return 'not satisfied';
  return results.evaluated - results.unknown > 0 ? 'satisfied' : 'not evaluated';
}

/** Every control of every catalog with its status and evidence in this scan: what the evidence pack reports. */
export function evaluateControls(report: ScanReport, catalogs: Pick<Catalogs, 'frameworks' | 'mappings'>): FrameworkEvaluation[] {
  const rules = new Map(report.rules.map((rule) => [rule.id, rule]));
  const coverageByRule = new Map(report.coverage.map((c) => [c.ruleId, c]));
  const rationale = new Map(catalogs.mappings.map((m) => [`${m.framework}\u0000${m.id}`, m.rationale]));
  return coverage(catalogs, rules.keys()).map(({ framework, controls }) => {
    const counts: StatusCounts = { satisfied: 0, notSatisfied: 0, notEvaluated: 0, manual: 0 };
    const evaluations = controls.map(({ control, status: controlCoverage, rules: ruleIds }): ControlEvaluation => {
      const ids = new Set(ruleIds);
      const related = report.findings.filter((f) => ids.has(f.ruleId));
      const evidence = ruleIds.map((id) => ruleEvidence(rules.get(id) as RuleMeta, coverageByRule.get(id), related, report.profile));
      const results = emptyCounts();
      for (const rule of evidence) for (const key of Object.keys(results) as (keyof ResultCounts)[]) results[key] += rule.results[key];
      const findings = related.filter((f) => f.waiver === undefined);
      const fingerprints = new Set(related.map((f) => f.fingerprint));
      const status = statusOf(controlCoverage, results, findings.length);
      counts[STATUS_KEY[status]]++;
      const evaluation: ControlEvaluation = {
        framework: control.framework,
        id: control.id,
        title: control.title,
        status,
        coverage: controlCoverage,
        rules: evidence,
        results,
        findings,
        waivedFindings: related.filter((f) => f.waiver !== undefined),
        waivers: report.waivers.filter((w) => w.status !== 'unused' && w.matched.some((fp) => fingerprints.has(fp))),
      };
      const why = rationale.get(`${control.framework}\u0000${control.id}`);
      if (why !== undefined && controlCoverage === 'automated') evaluation.rationale = why;
      return evaluation;
    });
    return { framework, controls: evaluations, counts };
  });
}
