import { SEVERITIES, severityRank, type Finding, type Severity } from '../model/index.js';

export const FAIL_ON = [...SEVERITIES, 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * Findings at or above the threshold that the change is accountable for: waived findings never block, and
 * against a baseline only new ones do. `none` never fails.
 */
export function blocking(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn === 'none') return [];
  const threshold = severityRank(failOn as Severity);
  return findings.filter((f) => f.waiver === undefined && f.baseline !== 'existing' && severityRank(f.severity) >= threshold);
}
