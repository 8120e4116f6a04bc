import { formatDiagnostic, SEVERITIES, type Finding, type Severity } from '../model/index.js';
import { gateNote } from './compact.js';
import { summarise } from './summary.js';
import type { Reporter } from './types.js';

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', yellow: '\u001b[33m', blue: '\u001b[34m', magenta: '\u001b[35m', green: '\u001b[32m' };
const SEVERITY_COLOUR: Record<Severity, string> = { critical: ANSI.magenta, high: ANSI.red, medium: ANSI.yellow, low: ANSI.blue };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export const text: Reporter = {
  format: 'text',
  render(report, { color }) {
    const paint = (code: string, value: string): string => (color ? `${code}${value}${ANSI.reset}` : value);
    const lines: string[] = [];
    const byFile = new Map<string, Finding[]>();
    for (const finding of report.findings) {
      const list = byFile.get(finding.location.file) ?? [];
      list.push(finding);
      byFile.set(finding.location.file, list);
    }
    for (const [file, findings] of byFile) {
      lines.push(paint(ANSI.bold, file));
      for (const f of findings) {
        const where = `${f.location.line}:${f.location.column ?? 1}`.padEnd(8);
        const severity = paint(SEVERITY_COLOUR[f.severity], f.severity.padEnd(9));
        const deployment = f.resource.deployment ? ` (${f.resource.deployment})` : '';
        lines.push(`  ${paint(ANSI.dim, where)}${severity}${f.ruleId}  ${f.message}  ${paint(ANSI.dim, `${f.resource.address}${deployment}`)}${gateNote(f)}`);
        if (f.origin) lines.push(`  ${' '.repeat(16)}${paint(ANSI.dim, `${f.origin.description} (${f.origin.file}:${f.origin.line})`)}`);
      }
      lines.push('');
    }
    if (report.diagnostics.length > 0) {
      lines.push(paint(ANSI.bold, 'Problems reading the input'));
      for (const d of report.diagnostics) lines.push(`  ${formatDiagnostic(d)}`);
      lines.push('');
    }
    const summary = summarise(report);
    const severities = [...SEVERITIES]
      .reverse()
      .filter((s) => summary.bySeverity[s] > 0)
      .map((s) => `${summary.bySeverity[s]} ${s}`)
      .join(', ');
    const waived = report.findings.filter((f) => f.waiver !== undefined).length;
    const existing = report.findings.filter((f) => f.baseline === 'existing').length;
    const exempt = `${waived > 0 ? `, ${waived} waived` : ''}${existing > 0 ? `, ${existing} existing` : ''}`;
    const head = summary.findings === 0 ? paint(ANSI.green, '✔ no findings') : `${paint(ANSI.bold, `✖ ${plural(summary.findings, 'finding')} (${severities})`)}${exempt}`;
    lines.push(
      `${head} · ${plural(summary.resources, 'resource')} in ${plural(summary.files, 'file')} · ${plural(summary.rules, 'rule')} · ${plural(summary.unknowns, 'unknown result')} · ${plural(summary.errors, 'error')}`,
    );
    return `${lines.join('\n')}\n`;
  },
};
