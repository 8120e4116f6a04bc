import { fingerprint } from '../engine/engine.js';
import type { Finding, ScanReport } from '../model/index.js';

/**
 * Marks each finding `new` or `existing`. The baseline is a multiset: each accepted fingerprint excuses one finding,
 * so a second copy of an old violation is new. Fingerprints under a rule's former ids (aliases) match too.
 */
export function markFindings(report: ScanReport, accepted: readonly string[]): ScanReport {
  const remaining = new Map<string, number>();
  for (const print of accepted) remaining.set(print, (remaining.get(print) ?? 0) + 1);
  const take = (print: string): boolean => {
    const count = remaining.get(print) ?? 0;
    if (count === 0) return false;
    remaining.set(print, count - 1);
    return true;
  };
  const aliases = new Map(report.rules.map((rule) => [rule.id, rule.aliases ?? []]));
  // Exact fingerprints first, so that an alias match never takes an entry another finding matches exactly.
  const state: (Finding['baseline'] | undefined)[] = report.findings.map((f) => (take(f.fingerprint) ? 'existing' : undefined));
  const findings = report.findings.map((f, index): Finding => {
    const existing = state[index] ?? ((aliases.get(f.ruleId) ?? []).some((alias) => take(fingerprint(alias, f.resource, f.path))) ? 'existing' : 'new');
    return { ...f, baseline: existing };
  });
  return { ...report, findings };
}
