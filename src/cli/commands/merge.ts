import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPORT_FORMATS, reporters, type ReportFormat } from '../../report/index.js';
import { mergeReports, MergeError, readShardResult } from '../../shard/index.js';
import { blocking, FAIL_ON, type FailOn } from '../gate.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../io.js';
import { choice } from '../options.js';

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Combine the JSON results of "scan --shard I/N" into one report',
  usage: `  FILE...              Shard results written by "evident scan --shard I/N --format json --output FILE"
  --format FORMAT      ${REPORT_FORMATS.join('|')} (default json)
  --output FILE        Write the report to FILE instead of stdout
  --fail-on LEVEL      ${FAIL_ON.join('|')} (default high): exit 1 when a finding of the merged scan blocks`,
  async run(io, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string' }, output: { type: 'string', short: 'o' }, 'fail-on': { type: 'string' } },
    });
    const format = choice<ReportFormat>('format', values.format, REPORT_FORMATS, 'json');
    const failOn = choice<FailOn>('fail-on', values['fail-on'], FAIL_ON, 'high');
    if (positionals.length === 0) throw new UsageError('merge needs the shard results: evident merge shard-1.json shard-2.json ...');
    let report;
    try {
      report = mergeReports(positionals.map((file) => ({ file, report: readShardResult(path.resolve(io.cwd, file), file) })));
    } catch (error) {
      if (error instanceof MergeError) throw new UsageError(error.message);
      throw error;
    }
    const color = values.output === undefined && io.isTTY && io.env.NO_COLOR === undefined && format === 'text';
    const rendered = reporters[format].render(report, { color });
    if (values.output === undefined) io.stdout(rendered);
    else writeFileSync(path.resolve(io.cwd, values.output), rendered);
    return blocking(report.findings, failOn).length > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
