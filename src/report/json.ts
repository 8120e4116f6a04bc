import type { Reporter } from './types.js';
import { summarise } from './summary.js';

export const json: Reporter = {
  format: 'json',
  render(report) {
    const document = {
      tool: report.tool,
      summary: summarise(report),
      findings: report.findings,
      unknowns: report.unknowns,
      errors: report.diagnostics,
      coverage: report.coverage,
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  },
};
