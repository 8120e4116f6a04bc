import type { Catalogs } from '../../src/compliance/catalog.js';
import type { Finding, RuleCoverage, RuleMeta, ScanReport, WaiverRecord } from '../../src/model/index.js';
import { FIXED_NOW } from '../helpers/clock.js';

/** Small, hand-made scan results for testing control statuses and the exception register without a scan. */

export function rule(id: string, parameters: string[] = []): RuleMeta {
  return {
    id,
    package: `test.${id.toLowerCase()}`,
    title: `Rule ${id}`,
    description: `What ${id} checks.`,
    severity: 'high',
    category: 'workload',
    remediation: `Fix what ${id} reports.`,
    parameters,
    messages: { bad: 'bad' },
    bundle: 'evident',
  };
}

export function finding(ruleId: string, file: string, line: number, address: string, waiver?: Finding['waiver']): Finding {
  const out: Finding = {
    ruleId,
    title: `Rule ${ruleId}`,
    category: 'workload',
    severity: 'high',
    messageId: 'bad',
    message: `${address} breaks ${ruleId}`,
    location: { file, line },
    resource: { address, type: 'Deployment', source: 'kubernetes' },
    path: 'spec',
    data: {},
    controls: [],
    remediation: `Fix what ${ruleId} reports.`,
    fingerprint: `fp-${ruleId}-${address}`,
  };
  if (waiver) out.waiver = waiver;
  return out;
}

export function coverage(ruleId: string, evaluated: number, failed: number, unknown = 0): RuleCoverage {
  return { ruleId, evaluated, failed, unknown, passed: evaluated - failed - unknown, byDeployment: evaluated > 0 ? { '': evaluated } : {} };
}

export function waiverRecord(id: string, ruleId: string, status: WaiverRecord['status'], matched: string[], extra: Partial<WaiverRecord> = {}): WaiverRecord {
  return { id, source: 'file', ruleId, reason: `Accepted risk for ${ruleId}`, owner: 'platform-team', expires: '2027-01-31', location: { file: 'evident.waivers.yaml', line: 3 }, status, matched, ...extra };
}

export function syntheticReport(parts: Partial<Pick<ScanReport, 'rules' | 'findings' | 'coverage' | 'waivers' | 'profile'>>): ScanReport {
  return {
    tool: { name: 'evident', version: '0.1.0' },
    scannedAt: FIXED_NOW.toISOString(),
    profile: parts.profile ?? { kubernetes: { forbiddenCapabilities: ['SYS_ADMIN'] } },
    inputs: [{ path: 'k8s/app.yaml', kind: 'yaml', bytes: 120, sha256: 'a'.repeat(64) }],
    resources: [
      { id: 'r0', source: 'kubernetes', type: 'Deployment', address: 'Deployment/app/api', attributes: {}, file: 'k8s/app.yaml', line: 1, endLine: 20, locations: {} },
      { id: 'r1', source: 'kubernetes', type: 'Deployment', address: 'Deployment/app/worker', attributes: {}, file: 'k8s/app.yaml', line: 22, endLine: 40, locations: {} },
    ],
    rules: parts.rules ?? [],
    findings: parts.findings ?? [],
    unknowns: [],
    coverage: parts.coverage ?? [],
    waivers: parts.waivers ?? [],
    diagnostics: [],
  };
}

/** ISO 8.2 and 8.20 evidenced by rules, 8.13 automatable but unmapped, 5.1 not automatable. */
export function syntheticCatalogs(mappings: Catalogs['mappings']): Pick<Catalogs, 'frameworks' | 'mappings'> {
  return {
    frameworks: [
      {
        framework: { id: 'iso27001-2022', name: 'ISO/IEC 27001:2022 Annex A', version: '2022', publisher: 'ISO/IEC', url: 'https://www.iso.org/standard/27001' },
        file: 'controls/iso27001-2022/catalog.yaml',
        controls: [
          { framework: 'iso27001-2022', id: '5.1', title: 'Policies for information security', automatable: false, theme: 'organizational', predecessors: [] },
          { framework: 'iso27001-2022', id: '8.2', title: 'Privileged access rights', automatable: true, theme: 'technological', predecessors: [] },
          { framework: 'iso27001-2022', id: '8.13', title: 'Information backup', automatable: true, theme: 'technological', predecessors: [] },
          { framework: 'iso27001-2022', id: '8.20', title: 'Networks security', automatable: true, theme: 'technological', predecessors: [] },
        ],
      },
    ],
    mappings,
  };
}
