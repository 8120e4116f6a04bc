import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, type ScanReport } from '../model/index.js';
import { packageVersion } from '../package-root.js';
import { loadConfig } from '../profile/config.js';
import { REPORT_FORMATS, reporters, type ReportFormat } from '../report/index.js';
import { scan } from '../scan.js';
import { blocking, FAIL_ON, type FailOn } from './gate.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './io.js';
import { inspectDocument } from './inspect.js';

const HELP = `Usage: evident <command> [options]

Commands:
  scan [PATH...]       Scan files or directories (default .) and report findings
  inspect [PATH...]    Print the resource model Evident builds (what policies see)
  version              Print the version

Options for scan:
  --format FORMAT      ${REPORT_FORMATS.join('|')} (default text)
  --output FILE        Write the report to FILE instead of stdout
  --fail-on LEVEL      ${FAIL_ON.join('|')} (default high): exit 1 when a finding is at or above LEVEL
  --config FILE        Config file (default: evident.config.yaml in the root)
  --root DIR           Directory paths are reported relative to (default: the single directory scanned, else .)

Options for inspect:
  --format FORMAT      json|text (default json)

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error.
`;

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

interface Target {
  root: string;
  paths: string[];
}

/** Paths are reported relative to --root, else to the one directory scanned, else to the working directory. */
function target(io: CliIO, positionals: string[], root: string | undefined): Target {
  const paths = (positionals.length > 0 ? positionals : ['.']).map((p) => path.resolve(io.cwd, p));
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.map((p) => path.relative(io.cwd, p)).join(', ')}`);
  if (root !== undefined) return { root: path.resolve(io.cwd, root), paths };
  if (paths.length === 1 && !/\.[A-Za-z0-9]+$/.test(path.basename(paths[0]))) return { root: paths[0], paths };
  return { root: io.cwd, paths };
}

function loadOrFail(io: CliIO, root: string, configPath: string | undefined): ReturnType<typeof loadConfig> | undefined {
  const config = loadConfig(root, configPath === undefined ? undefined : path.resolve(io.cwd, configPath));
  if (config.diagnostics.length === 0) return config;
  for (const d of config.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  io.stderr(`evident: invalid configuration; nothing was scanned\n`);
  return undefined;
}

function emit(io: CliIO, output: string | undefined, content: string): void {
  if (output === undefined) io.stdout(content);
  else writeFileSync(path.resolve(io.cwd, output), content);
}

async function scanCommand(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'fail-on': { type: 'string' },
      config: { type: 'string' },
      root: { type: 'string' },
    },
  });
  const format = choice<ReportFormat>('format', values.format, REPORT_FORMATS, 'text');
  const { root, paths } = target(io, positionals, values.root);
  const config = loadOrFail(io, root, values.config);
  if (config === undefined) return EXIT_USAGE;
  const failOn = choice<FailOn>('fail-on', values['fail-on'], FAIL_ON, config.config.failOn ?? 'high');
  const report: ScanReport = scan({ root, paths, config });
  const color = values.output === undefined && io.isTTY && io.env.NO_COLOR === undefined && format === 'text';
  emit(io, values.output, reporters[format].render(report, { color }));
  return blocking(report.findings, failOn).length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

async function inspectCommand(io: CliIO, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' }, config: { type: 'string' }, root: { type: 'string' }, output: { type: 'string', short: 'o' } },
  });
  const format = choice('format', values.format, ['json', 'text'] as const, 'json');
  const { root, paths } = target(io, positionals, values.root);
  const config = loadOrFail(io, root, values.config);
  if (config === undefined) return EXIT_USAGE;
  const report = scan({ root, paths, config });
  emit(io, values.output, inspectDocument(report, format));
  return EXIT_OK;
}

/** The whole CLI as a function: argv without `node evident`, returns the exit code. */
export async function cli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        return await scanCommand(io, rest);
      case 'inspect':
        return await inspectCommand(io, rest);
      case 'version':
      case '--version':
        io.stdout(`evident ${packageVersion()}\n`);
        return EXIT_OK;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    const isUsage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (!isUsage) throw error;
    io.stderr(`evident: ${(error as Error).message}\nRun "evident --help" for usage.\n`);
    return EXIT_USAGE;
  }
}
