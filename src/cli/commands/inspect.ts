import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, type ScanReport } from '../../model/index.js';
import { scan } from '../../scan.js';
import { EXIT_OK, EXIT_USAGE, type Command } from '../io.js';
import { choice, clock, loadConfigOrReport, target } from '../options.js';

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

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Print the resource model Evident builds (what policies see)',
  usage: `  --format FORMAT      json|text (default json)
  --output FILE        Write to FILE instead of stdout
  --config FILE, --root DIR, --timestamp TIME   as for scan`,
  async run(io, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string' }, config: { type: 'string' }, root: { type: 'string' }, output: { type: 'string', short: 'o' }, timestamp: { type: 'string' } },
    });
    const format = choice('format', values.format, ['json', 'text'] as const, 'json');
    const { root, paths } = target(io, positionals, values.root);
    const now = clock(io, values.timestamp);
    const config = loadConfigOrReport(io, root, values.config);
    if (config === undefined) return EXIT_USAGE;
    const rendered = inspectDocument(scan({ root, paths, config, now }), format);
    if (values.output === undefined) io.stdout(rendered);
    else writeFileSync(path.resolve(io.cwd, values.output), rendered);
    return EXIT_OK;
  },
};
