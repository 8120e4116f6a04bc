import type { ScanReport } from '../model/index.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'compact'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colours (text only): on a TTY unless NO_COLOR is set. */
  color: boolean;
}

export interface Reporter {
  format: ReportFormat;
  render(report: ScanReport, options: RenderOptions): string;
  /** The same text in pieces, for reports too large to hold as one string; render() joins them. */
  chunks?(report: ScanReport, options: RenderOptions): Iterable<string>;
}
