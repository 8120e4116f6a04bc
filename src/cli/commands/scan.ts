import { parseArgs } from 'node:util';
import { REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import { scan } from '../../scan.js';
import { FAIL_ON, type FailOn } from '../gate.js';
import { EXIT_USAGE, type Command } from '../io.js';
import { choice, clock, loadConfigOrReport, target } from '../options.js';
import { reportAndGate, templatesOption, writeEvidence } from '../report-output.js';
import { openScope, scopeOptions, scopeUsage } from './scan-scope.js';

export const scanCommand: Command = {
  name: 'scan',
  summary: 'Scan files or directories (default .) and report findings',
  usage: `  --format FORMAT      ${REPORT_FORMATS.join('|')} (default text)
  --output FILE        Write the report to FILE instead of stdout
  --fail-on LEVEL      ${FAIL_ON.join('|')} (default high): exit 1 when a finding is at or above LEVEL
  --config FILE        Config file (default: evident.config.yaml in the root)
  --root DIR           Directory paths are reported relative to (default: the single directory scanned, else .)
  --timestamp TIME     The scan's clock (ISO 8601 or Unix seconds; default SOURCE_DATE_EPOCH, else now)
  --evidence DIR       Also write the evidence pack (JSON, Markdown, HTML, PDF, OSCAL, manifest) into DIR
  --templates DIR      With --evidence: templates/, partials/ and assets/ that replace the built-in ones
${scopeUsage}`,
  async run(io, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        config: { type: 'string' },
        root: { type: 'string' },
        timestamp: { type: 'string' },
        evidence: { type: 'string' },
        templates: { type: 'string' },
        ...scopeOptions,
      },
    });
    const format = choice<ReportFormat>('format', values.format, REPORT_FORMATS, values.staged ? 'compact' : 'text');
    const now = clock(io, values.timestamp);
    const templatesDir = templatesOption(io, values);
    const scanTarget = target(io, positionals, values.root);
    const scope = openScope(io, scanTarget, values);
    try {
      const { root } = scope;
      const config = loadConfigOrReport(io, root, values.config);
      if (config === undefined) return EXIT_USAGE;
      const waivers = scope.waivers();
      if (waivers === undefined) return EXIT_USAGE;
      const failOn = choice<FailOn>('fail-on', values['fail-on'], FAIL_ON, config.config.failOn ?? 'high');
      const report = scope.finish(scan({ root, paths: scope.pathsFor(config), config, now, waivers }), config, now);
      if (values.evidence !== undefined) await writeEvidence(io, report, values.evidence, { root: scanTarget.root, config, templatesDir });
      return reportAndGate(io, report, { format, output: values.output, failOn });
    } finally {
      scope.dispose();
    }
  },
};
