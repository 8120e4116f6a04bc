import { closeSync, openSync, writeSync } from 'node:fs';
import type { ScanReport } from '../model/index.js';
import type { RenderOptions, Reporter } from './types.js';

const FLUSH_CHARS = 1 << 20;

/** Hands the report to `write` in pieces of about a megabyte, so that a large report is never one string. */
export function emitReport(write: (text: string) => void, reporter: Reporter, report: ScanReport, options: RenderOptions): void {
  let pending = '';
  for (const chunk of reporter.chunks?.(report, options) ?? [reporter.render(report, options)]) {
    pending += chunk;
    if (pending.length >= FLUSH_CHARS) {
      write(pending);
      pending = '';
    }
  }
  if (pending !== '') write(pending);
}

/** Writes the report to `file` (created or truncated) as emitReport produces it. */
export function writeReportFile(file: string, reporter: Reporter, report: ScanReport, options: RenderOptions): void {
  const fd = openSync(file, 'w');
  try {
    emitReport((text) => writeSync(fd, text), reporter, report, options);
  } finally {
    closeSync(fd);
  }
}
