import { formatDiagnostic, type ScanReport } from '../model/index.js';

/** The resource model as users debugging a rule need it: what each parser produced, where. */
export function inspectDocument(report: ScanReport, format: 'json' | 'text'): string {
  if (format === 'json') {
    const resources = report.resources.map((r) => ({
      address: r.address,
      type: r.type,
      source: r.source,
      ...(r.deployment === undefined ? {} : { deployment: r.deployment }),
      ...(r.provider === undefined ? {} : { provider: r.provider }),
      file: r.file,
      line: r.line,
      endLine: r.endLine,
      attributes: r.attributes,
      locations: r.locations,
      ...(r.origins === undefined ? {} : { origins: r.origins }),
      ...(r.sensitive === undefined ? {} : { sensitive: r.sensitive }),
      ...(r.meta === undefined ? {} : { meta: r.meta }),
    }));
    return `${JSON.stringify({ resources, errors: report.diagnostics }, null, 2)}\n`;
  }
  const lines = report.resources.map((r) => `${r.file}:${r.line}-${r.endLine}  ${r.address}${r.deployment ? ` (${r.deployment})` : ''}  [${r.source} ${r.type}]`);
  for (const d of report.diagnostics) lines.push(formatDiagnostic(d));
  return `${lines.join('\n')}\n`;
}
