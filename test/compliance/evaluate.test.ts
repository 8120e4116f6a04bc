import { describe, expect, it } from 'vitest';
import { evaluateControls, profileValue, type ControlEvaluation } from '../../src/compliance/evaluate.js';
import { coverage, finding, rule, syntheticCatalogs, syntheticReport, waiverRecord } from '../evidence/synthetic.js';

const MAPPINGS = [
  { framework: 'iso27001-2022' as const, id: '8.2', rules: ['EVD-WKL-001', 'EVD-WKL-004'], rationale: 'Containers hold no privileges over their node.' },
  { framework: 'iso27001-2022' as const, id: '8.20', rules: ['EVD-NET-001'], rationale: 'Namespaces deny traffic by default.' },
];
const RULES = [rule('EVD-WKL-001'), rule('EVD-WKL-004', ['kubernetes.forbiddenCapabilities', 'kubernetes.missing']), rule('EVD-NET-001')];

function control(report: ReturnType<typeof syntheticReport>, id: string): ControlEvaluation {
  const found = evaluateControls(report, syntheticCatalogs(MAPPINGS))[0].controls.find((c) => c.id === id);
  if (!found) throw new Error(`no control ${id}`);
  return found;
}

describe('control status', () => {
  it('is satisfied when its rules decided results and left no open finding', () => {
    const report = syntheticReport({ rules: RULES, coverage: [coverage('EVD-WKL-001', 2, 0), coverage('EVD-WKL-004', 2, 0, 1), coverage('EVD-NET-001', 1, 0)] });
    const c = control(report, '8.2');
    expect(c.status).toBe('satisfied');
    expect(c.coverage).toBe('automated');
    expect(c.results).toEqual({ evaluated: 4, passed: 3, failed: 0, waived: 0, unknown: 1 });
    expect(c.rationale).toBe('Containers hold no privileges over their node.');
    expect(c.findings).toEqual([]);
  });

  it('is not satisfied when a finding of one of its rules is open, and lists that finding', () => {
    const open = finding('EVD-WKL-004', 'k8s/app.yaml', 14, 'Deployment/app/api');
    const report = syntheticReport({ rules: RULES, findings: [open], coverage: [coverage('EVD-WKL-001', 2, 0), coverage('EVD-WKL-004', 2, 1), coverage('EVD-NET-001', 1, 0)] });
    const c = control(report, '8.2');
    expect(c.status).toBe('not satisfied');
    expect(c.findings).toEqual([open]);
    expect(c.rules.map((r) => [r.ruleId, r.results.passed, r.results.failed])).toEqual([
      ['EVD-WKL-001', 2, 0],
      ['EVD-WKL-004', 1, 1],
    ]);
    expect(control(report, '8.20').status).toBe('satisfied');
  });

  it('is not evaluated when no rule evaluated anything', () => {
    const report = syntheticReport({ rules: RULES, coverage: [coverage('EVD-WKL-001', 0, 0), coverage('EVD-WKL-004', 0, 0)] });
    expect(control(report, '8.2').status).toBe('not evaluated');
    // EVD-NET-001 has no coverage entry at all: it never ran.
    expect(control(report, '8.20')).toMatchObject({ status: 'not evaluated', results: { evaluated: 0, passed: 0, failed: 0, waived: 0, unknown: 0 } });
  });

  it('is not evaluated when every result was unknown', () => {
    const report = syntheticReport({ rules: RULES, coverage: [coverage('EVD-WKL-001', 2, 0, 2), coverage('EVD-WKL-004', 1, 0, 1)] });
    expect(control(report, '8.2')).toMatchObject({ status: 'not evaluated', results: { evaluated: 3, unknown: 3, passed: 0 } });
  });

  it('is manual when no rule evidences it, saying whether scanning could', () => {
    const report = syntheticReport({ rules: RULES, coverage: [coverage('EVD-WKL-001', 2, 0)] });
    expect(control(report, '5.1')).toMatchObject({ status: 'manual', coverage: 'manual', rules: [] });
    expect(control(report, '8.13')).toMatchObject({ status: 'manual', coverage: 'not-covered', rules: [] });
    expect(control(report, '5.1').rationale).toBeUndefined();
  });

  it('is manual when the rules mapped to it are not enabled', () => {
    const report = syntheticReport({ rules: [rule('EVD-WKL-001'), rule('EVD-WKL-004')], coverage: [] });
    expect(control(report, '8.20')).toMatchObject({ status: 'manual', coverage: 'not-covered' });
  });

  it('keeps a control with only waived findings satisfied and shows the waiver and the finding under it', () => {
    const waived = finding('EVD-WKL-001', 'k8s/app.yaml', 9, 'Deployment/app/api', { id: 'evident.waivers.yaml:3', owner: 'platform-team', reason: 'Node agent needs it', expires: '2027-01-31' });
    const record = waiverRecord('evident.waivers.yaml:3', 'EVD-WKL-001', 'active', [waived.fingerprint]);
    const unused = waiverRecord('evident.waivers.yaml:9', 'EVD-WKL-001', 'unused', []);
    const report = syntheticReport({ rules: RULES, findings: [waived], waivers: [record, unused], coverage: [coverage('EVD-WKL-001', 2, 1), coverage('EVD-WKL-004', 2, 0)] });
    const c = control(report, '8.2');
    expect(c.status).toBe('satisfied');
    expect(c.findings).toEqual([]);
    expect(c.waivedFindings).toEqual([waived]);
    expect(c.waivers).toEqual([record]);
    expect(c.rules[0].results).toEqual({ evaluated: 2, passed: 1, failed: 0, waived: 1, unknown: 0 });
    expect(control(report, '8.20').waivers).toEqual([]);
  });

  it('is not satisfied when the waiver that matched a finding has expired', () => {
    const open = finding('EVD-WKL-001', 'k8s/app.yaml', 9, 'Deployment/app/api');
    const expired = waiverRecord('evident.waivers.yaml:3', 'EVD-WKL-001', 'expired', [open.fingerprint], { expires: '2026-01-31' });
    const report = syntheticReport({ rules: RULES, findings: [open], waivers: [expired], coverage: [coverage('EVD-WKL-001', 2, 1)] });
    const c = control(report, '8.2');
    expect(c.status).toBe('not satisfied');
    expect(c.findings).toEqual([open]);
    expect(c.waivers).toEqual([expired]);
  });

  it('counts statuses per framework', () => {
    const open = finding('EVD-NET-001', 'k8s/ns.yaml', 1, 'Namespace/app');
    const report = syntheticReport({ rules: RULES, findings: [open], coverage: [coverage('EVD-WKL-001', 2, 0), coverage('EVD-NET-001', 1, 1)] });
    expect(evaluateControls(report, syntheticCatalogs(MAPPINGS))[0].counts).toEqual({ satisfied: 1, notSatisfied: 1, notEvaluated: 0, manual: 2 });
  });
});

describe('rule parameters', () => {
  it('reads each threshold from the profile by its dotted path, and leaves out a value the profile lacks', () => {
    const report = syntheticReport({ rules: RULES, coverage: [coverage('EVD-WKL-004', 2, 0)], profile: { kubernetes: { forbiddenCapabilities: ['SYS_ADMIN', 'ALL'] } } });
    expect(control(report, '8.2').rules[1].parameters).toEqual([
      { path: 'kubernetes.forbiddenCapabilities', value: ['SYS_ADMIN', 'ALL'] },
      { path: 'kubernetes.missing' },
    ]);
    expect(control(report, '8.2').rules[1].population).toEqual({ '': 2 });
  });

  it('walks nested objects only', () => {
    expect(profileValue({ a: { b: { c: 3 } } }, 'a.b.c')).toBe(3);
    expect(profileValue({ a: [1, 2] }, 'a.length')).toBeUndefined();
    expect(profileValue({ a: 'text' }, 'a.b')).toBeUndefined();
  });
});
