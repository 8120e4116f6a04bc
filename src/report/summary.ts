import { CATEGORIES, SEVERITIES, type Category, type ScanReport, type Severity } from '../model/index.js';

export interface Summary {
  files: number;
  resources: number;
  rules: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  byCategory: Record<Category, number>;
  unknowns: number;
  errors: number;
  warnings: number;
}

export function summarise(report: ScanReport): Summary {
  const bySeverity = Object.fromEntries([...SEVERITIES].reverse().map((s) => [s, 0])) as Record<Severity, number>;
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const finding of report.findings) {
    bySeverity[finding.severity]++;
    byCategory[finding.category]++;
  }
  return {
    files: report.inputs.length,
    resources: report.resources.length,
    rules: report.rules.length,
    findings: report.findings.length,
    bySeverity,
    byCategory,
    unknowns: report.unknowns.length,
    errors: report.diagnostics.filter((d) => d.level === 'error').length,
    warnings: report.diagnostics.filter((d) => d.level === 'warning').length,
  };
}
