// What `scan` and `merge` do with a finished report: the evidence pack, the report itself, the exit code.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { builtinBundle } from '../engine/bundle.js';
import { evidenceFor, PackDirectoryError, writeEvidencePack } from '../evidence/index.js';
import type { ScanReport } from '../model/index.js';
import type { LoadedConfig } from '../profile/config.js';
import { emitReport, reporters, writeReportFile, type ReportFormat } from '../report/index.js';
import { blocking, type FailOn } from './gate.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIO } from './io.js';

/** --templates DIR as an absolute path: only with --evidence, and only a directory that exists. */
export function templatesOption(io: CliIO, values: { templates?: string; evidence?: string }): string | undefined {
  if (values.templates === undefined) return undefined;
  const templatesDir = path.resolve(io.cwd, values.templates);
  if (values.evidence === undefined) throw new UsageError('--templates applies only with --evidence DIR');
  if (!existsSync(templatesDir)) throw new UsageError(`--templates: no such directory: ${values.templates}`);
  return templatesDir;
}

/** Writes the evidence pack of `report` into `dir` (as given on the command line) and says so on stderr. */
export async function writeEvidence(io: CliIO, report: ScanReport, dir: string, options: { root: string; config: LoadedConfig; templatesDir: string | undefined }): Promise<void> {
  const pack = evidenceFor(report, { root: options.root, config: options.config, bundles: [builtinBundle()] });
  const written = await writeEvidencePack(path.resolve(io.cwd, dir), pack, { templatesDir: options.templatesDir }).catch((error: unknown) => {
    throw error instanceof PackDirectoryError ? new UsageError(`--evidence: ${error.message}`) : error;
  });
  io.stderr(`evident: evidence pack written to ${dir}: ${written.files.length} artifacts and manifest.json (SHA-256 ${written.manifestSha256})\n`);
}

/** Prints the report (or writes it to --output), then gives the exit code its findings call for. */
export function reportAndGate(io: CliIO, report: ScanReport, options: { format: ReportFormat; output: string | undefined; failOn: FailOn }): number {
  const { format, output, failOn } = options;
  const color = output === undefined && io.isTTY && io.env.NO_COLOR === undefined && format === 'text';
  if (output === undefined) emitReport((text) => io.stdout(text), reporters[format], report, { color });
  else writeReportFile(path.resolve(io.cwd, output), reporters[format], report, { color });
  return blocking(report.findings, failOn).length > 0 ? EXIT_FINDINGS : EXIT_OK;
}
