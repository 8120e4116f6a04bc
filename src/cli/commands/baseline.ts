import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BASELINE_FILE, renderBaseline } from '../../baseline/index.js';
import { scan } from '../../scan.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type Command } from '../io.js';
import { clock, loadConfigOrReport, target } from '../options.js';

export const baselineCommand: Command = {
  name: 'baseline',
  summary: 'Accept the current findings: "baseline update [PATH...]" writes evident-baseline.json',
  usage: `  update [PATH...]     Scan and write every finding's fingerprint; "scan --baseline FILE" then fails only on new ones
  --output FILE        Where to write (default: evident-baseline.json in the root)
  --config FILE, --root DIR, --timestamp TIME   as for scan`,
  async run(io, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { output: { type: 'string', short: 'o' }, config: { type: 'string' }, root: { type: 'string' }, timestamp: { type: 'string' } },
    });
    const [action, ...rest] = positionals;
    if (action !== 'update') throw new UsageError(action === undefined ? 'baseline needs an action: evident baseline update [PATH...]' : `unknown baseline action "${action}"; the action is "update"`);
    const { root, paths } = target(io, rest, values.root);
    const now = clock(io, values.timestamp);
    const config = loadConfigOrReport(io, root, values.config);
    if (config === undefined) return EXIT_USAGE;
    const report = scan({ root, paths, config, now });
    const output = values.output === undefined ? path.join(root, BASELINE_FILE) : path.resolve(io.cwd, values.output);
    writeFileSync(output, renderBaseline(report));
    io.stdout(`wrote ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} to ${path.relative(io.cwd, output) || output}\n`);
    return EXIT_OK;
  },
};
