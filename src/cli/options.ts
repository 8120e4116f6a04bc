import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic } from '../model/index.js';
import { loadConfig, type LoadedConfig } from '../profile/config.js';
import { UsageError, type CliIO } from './io.js';

export function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

export interface Target {
  root: string;
  paths: string[];
}

/** Paths are reported relative to --root, else to the one directory scanned, else to the working directory. */
export function target(io: CliIO, positionals: string[], root: string | undefined): Target {
  const paths = (positionals.length > 0 ? positionals : ['.']).map((p) => path.resolve(io.cwd, p));
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.map((p) => path.relative(io.cwd, p)).join(', ')}`);
  if (root !== undefined) return { root: path.resolve(io.cwd, root), paths };
  if (paths.length === 1 && !/\.[A-Za-z0-9]+$/.test(path.basename(paths[0]))) return { root: paths[0], paths };
  return { root: io.cwd, paths };
}

/** The config, or undefined after printing its problems (the caller exits 2). */
export function loadConfigOrReport(io: CliIO, root: string, configPath: string | undefined): LoadedConfig | undefined {
  const config = loadConfig(root, configPath === undefined ? undefined : path.resolve(io.cwd, configPath));
  if (config.diagnostics.length === 0) return config;
  for (const d of config.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  io.stderr(`evident: invalid configuration; nothing was scanned\n`);
  return undefined;
}

/** --timestamp (ISO 8601 or Unix seconds), else SOURCE_DATE_EPOCH, else the system clock. */
export function clock(io: CliIO, timestamp: string | undefined): Date {
  const given = timestamp ?? io.env.SOURCE_DATE_EPOCH;
  if (given === undefined || given === '') return io.now();
  const date = /^\d+$/.test(given) ? new Date(Number(given) * 1000) : new Date(given);
  if (Number.isNaN(date.getTime())) throw new UsageError(`invalid timestamp "${given}": use ISO 8601 or Unix seconds`);
  return date;
}
