import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPORT_FORMATS, reporters, type ReportFormat } from '../../report/index.js';
import { scan } from '../../scan.js';
import { blocking, FAIL_ON, type FailOn } from '../gate.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type Command } from '../io.js';
import { choice, clock, loadConfigOrReport, target } from '../options.js';
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
        ...scopeOptions,
      },
    });
    const format = choice<ReportFormat>('format', values.format, REPORT_FORMATS, values.staged ? 'compact' : 'text');
    const now = clock(io, values.timestamp);
    const scope = openScope(io, target(io, positionals, values.root), values);
    try {
      const { root, paths } = scope;
      const config = loadConfigOrReport(io, root, values.config);
      if (config === undefined) return EXIT_USAGE;
      const waivers = scope.waivers();
      if (waivers === undefined) return EXIT_USAGE;
      const failOn = choice<FailOn>('fail-on', values['fail-on'], FAIL_ON, config.config.failOn ?? 'high');
      const report = scope.finish(scan({ root, paths, config, now, waivers }), config, now);
      const color = values.output === undefined && io.isTTY && io.env.NO_COLOR === undefined && format === 'text';
      const rendered = reporters[format].render(report, { color });
      if (values.output === undefined) io.stdout(rendered);
      else writeFileSync(path.resolve(io.cwd, values.output), rendered);
      return blocking(report.findings, failOn).length > 0 ? EXIT_FINDINGS : EXIT_OK;
    } finally {
      scope.dispose();
    }
  },
};
