import type { ScanReport } from '../model/index.js';
import type { LoadedConfig } from '../profile/config.js';
import { readBaselineFile } from './file.js';
import { markFindings } from './match.js';
import { scanAtRef } from './ref.js';

/**
 * Marks every finding of `report` `new` or `existing` against a scan of the same paths at a git ref (the PR's base).
 * Throws a GitError when the root is not in a git work tree or the ref does not exist.
 */
export function markAgainstRef(report: ScanReport, options: { root: string; paths: string[]; ref: string; config: LoadedConfig; now: Date }): ScanReport {
  const base = scanAtRef(options);
  return markFindings(report, base?.findings.map((f) => f.fingerprint) ?? []);
}

/** Marks every finding of `report` `new` or `existing` against a baseline file; throws a BaselineError naming file:line. */
export function markAgainstFile(report: ScanReport, file: string): ScanReport {
  return markFindings(report, readBaselineFile(file).map((entry) => entry.fingerprint));
}

export { BASELINE_FILE, BaselineError, baselineEntries, readBaselineFile, renderBaseline, type BaselineEntry } from './file.js';
export { markFindings } from './match.js';
export { scanAtRef, type RefScanOptions } from './ref.js';
