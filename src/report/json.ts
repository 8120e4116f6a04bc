import type { ScanReport } from '../model/index.js';
import { jsonChunks } from './json-chunks.js';
import type { Reporter } from './types.js';
import { summarise } from './summary.js';

/**
 * What `evident merge` needs to rebuild a report from shard results: the clock, the exception register, the rules
 * (SARIF lists them), the hashed inputs and a resource inventory (without attributes, which are large).
 */
function shardFields(report: ScanReport): object {
  return {
    scannedAt: report.scannedAt,
    waivers: report.waivers,
    rules: report.rules,
    inputs: report.inputs,
    resources: report.resources.map((r) => ({
      address: r.address,
      type: r.type,
      source: r.source,
      ...(r.deployment === undefined ? {} : { deployment: r.deployment }),
      ...(r.provider === undefined ? {} : { provider: r.provider }),
      ...(r.mode === undefined ? {} : { mode: r.mode }),
      file: r.file,
      line: r.line,
      endLine: r.endLine,
      ...(r.meta === undefined ? {} : { meta: r.meta }),
    })),
    profile: report.profile,
    ...(report.configFile === undefined ? {} : { configFile: report.configFile }),
  };
}

function* jsonDocument(report: ScanReport): Generator<string> {
  const document = {
    tool: report.tool,
    summary: summarise(report),
    findings: report.findings,
    unknowns: report.unknowns,
    errors: report.diagnostics,
    coverage: report.coverage,
    ...shardFields(report),
  };
  yield* jsonChunks(document, 2);
  yield '\n';
}

export const json: Reporter = {
  format: 'json',
  render: (report) => [...jsonDocument(report)].join(''),
  chunks: jsonDocument,
};
