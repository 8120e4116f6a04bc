import type { ScanReport } from '../model/index.js';

/**
 * Keeps the findings, unknown results and input problems located in `files` (root-relative). A finding counts when its
 * line or the place its value came from (a values or tfvars file) is in one of them; everything else stays as scanned.
 */
export function restrictToFiles(report: ScanReport, files: ReadonlySet<string>): ScanReport {
  return {
    ...report,
    findings: report.findings.filter((f) => files.has(f.location.file) || (f.origin !== undefined && files.has(f.origin.file))),
    unknowns: report.unknowns.filter((u) => files.has(u.location.file)),
    diagnostics: report.diagnostics.filter((d) => files.has(d.file)),
  };
}
