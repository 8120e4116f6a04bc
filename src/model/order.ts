import type { SourceLocation } from './resource.js';
import type { Finding, UnknownResult } from './finding.js';

/** Code-unit order, not the locale's: reports must be byte-identical on every machine. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return byText(a.file, b.file) || a.line - b.line;
}

/** A module instantiated in several deployments yields one result per deployment at the same line. */
export function compareResults(a: Finding | UnknownResult, b: Finding | UnknownResult): number {
  return (
    compareLocations(a.location, b.location) ||
    byText(a.ruleId, b.ruleId) ||
    byText(a.path, b.path) ||
    byText(a.resource.address, b.resource.address) ||
    byText(a.resource.deployment ?? '', b.resource.deployment ?? '') ||
    byText(detail(a), detail(b))
  );
}

/** What still tells two results apart: one network overlapping two others gives two findings at one place. */
function detail(result: Finding | UnknownResult): string {
  return 'message' in result ? result.message : result.reason;
}
