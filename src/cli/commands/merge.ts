import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ScanReport } from '../../model/index.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import { mergeReports, MergeError, readShardResult } from '../../shard/index.js';
import { FAIL_ON, type FailOn } from '../gate.js';
import { EXIT_USAGE, UsageError, type Command } from '../io.js';
import { choice, loadConfigOrReport } from '../options.js';
import { reportAndGate, templatesOption, writeEvidence } from '../report-output.js';

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Combine the JSON results of "scan --shard I/N" into one report',
  usage: `  FILE...              Shard results written by "evident scan --shard I/N --format json --output FILE"
  --format FORMAT      ${REPORT_FORMATS.join('|')} (default json)
  --output FILE        Write the report to FILE instead of stdout
  --fail-on LEVEL      ${FAIL_ON.join('|')} (default high): exit 1 when a finding of the merged scan blocks
  --evidence DIR       Also write the evidence pack of the merged scan into DIR
  --templates DIR      With --evidence: templates/, partials/ and assets/ that replace the built-in ones
  --root DIR           The checkout the shards scanned (git state and config for the evidence; default .)
  --config FILE        Config file for the evidence's names (default: evident.config.yaml in the root)`,
  async run(io, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        evidence: { type: 'string' },
        templates: { type: 'string' },
        root: { type: 'string' },
        config: { type: 'string' },
      },
    });
    const format = choice<ReportFormat>('format', values.format, REPORT_FORMATS, 'json');
    const failOn = choice<FailOn>('fail-on', values['fail-on'], FAIL_ON, 'high');
    if (positionals.length === 0) throw new UsageError('merge needs the shard results: evident merge shard-1.json shard-2.json ...');
    const templatesDir = templatesOption(io, values);
    let report: ScanReport;
    try {
      report = mergeReports(positionals.map((file) => ({ file, report: readShardResult(path.resolve(io.cwd, file), file) })));
    } catch (error) {
      if (error instanceof MergeError) throw new UsageError(error.message);
      throw error;
    }
    if (values.evidence !== undefined) {
      const root = path.resolve(io.cwd, values.root ?? '.');
      const config = loadConfigOrReport(io, root, values.config);
      if (config === undefined) return EXIT_USAGE;
      await writeEvidence(io, report, values.evidence, { root, config, templatesDir });
    }
    return reportAndGate(io, report, { format, output: values.output, failOn });
  },
};
