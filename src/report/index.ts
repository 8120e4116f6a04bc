import { compact } from './compact.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { text } from './text.js';
import type { ReportFormat, Reporter } from './types.js';

export const reporters = { text, json, sarif, compact } satisfies Record<ReportFormat, Reporter>;

export { REPORT_FORMATS, type ReportFormat, type Reporter, type RenderOptions } from './types.js';
export { summarise, type Summary } from './summary.js';
export { emitReport, writeReportFile } from './emit.js';
