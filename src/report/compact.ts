import { formatDiagnostic, type Finding } from '../model/index.js';
import type { Reporter } from './types.js';

/** ` (existing; waived until …, owner …)` for findings that do not block the gate, else ''. */
export function gateNote(finding: Finding): string {
  const notes: string[] = [];
  if (finding.baseline === 'existing') notes.push('existing');
  if (finding.waiver !== undefined) {
    const until = finding.waiver.expires === undefined ? 'waived' : `waived until ${finding.waiver.expires}`;
    notes.push(finding.waiver.owner === undefined ? until : `${until}, owner ${finding.waiver.owner}`);
  }
  return notes.length === 0 ? '' : ` (${notes.join('; ')})`;
}

/** One line per finding (`file:line: rule: message`) and per input problem; nothing at all when the scan is clean. */
export const compact: Reporter = {
  format: 'compact',
  render(report) {
    const lines = report.findings.map((f) => `${f.location.file}:${f.location.line}: ${f.ruleId}: ${f.message}${gateNote(f)}`);
    for (const d of report.diagnostics) lines.push(formatDiagnostic(d));
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  },
};
