import path from 'node:path';
import { BaselineError, markAgainstFile, markAgainstRef } from '../../baseline/index.js';
import { changedSince, restrictToFiles, stagedTree } from '../../changes/index.js';
import { discover } from '../../discover/discover.js';
import { GitError } from '../../git/git.js';
import { formatDiagnostic, type ScanReport } from '../../model/index.js';
import type { LoadedConfig } from '../../profile/config.js';
import { parseShard, shardFiles } from '../../shard/index.js';
import { loadWaiversFile, type LoadedWaivers } from '../../waivers/index.js';
import { UsageError, type CliIO } from '../io.js';
import type { Target } from '../options.js';

/** The `scan` options that decide what is scanned, what is reported and what fails the gate. */
export const scopeOptions = {
  waivers: { type: 'string' },
  baseline: { type: 'string' },
  'baseline-ref': { type: 'string' },
  staged: { type: 'boolean' },
  'changed-since': { type: 'string' },
  shard: { type: 'string' },
} as const;

export const scopeUsage = `  --waivers FILE       Waivers file (default: evident.waivers.yaml in the root)
  --baseline FILE      Fail only on findings not in FILE (written by "evident baseline update")
  --baseline-ref REF   Fail only on findings not present at git REF (e.g. the pull request's base)
  --staged             Scan the git index and report only staged files (pre-commit; default format compact)
  --changed-since REF  Report only findings in files changed since git REF, and in untracked files
  --shard I/N          Scan only the I-th of N parts of the tree; combine the JSON results with "evident merge"`;

export interface ScopeValues {
  waivers?: string;
  baseline?: string;
  'baseline-ref'?: string;
  staged?: boolean;
  'changed-since'?: string;
  shard?: string;
}

/** What to scan (the index for --staged, one shard for --shard) and how to narrow and mark the result. */
export interface ScanScope {
  root: string;
  /** The paths to scan; a shard's units depend on the config's Terraform deployments. */
  pathsFor(config: LoadedConfig): string[];
  /** The waivers file, or undefined after printing its problems (the caller exits 2, as for an invalid config). */
  waivers(): LoadedWaivers | undefined;
  /** Marks findings against the baseline, then keeps only the files --staged or --changed-since asks about. */
  finish(report: ScanReport, config: LoadedConfig, now: Date): ScanReport;
  /** Removes temporary trees. */
  dispose(): void;
}

/** Git and baseline problems are the user's to fix: exit 2 with the message. */
function asUsage<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof GitError || error instanceof BaselineError) throw new UsageError(error.message);
    throw error;
  }
}

export function openScope(io: CliIO, target: Target, values: ScopeValues): ScanScope {
  if (values.staged && values['changed-since'] !== undefined) throw new UsageError('--staged and --changed-since exclude each other');
  if (values.baseline !== undefined && values['baseline-ref'] !== undefined) throw new UsageError('--baseline and --baseline-ref exclude each other');
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (values.shard !== undefined && shard === undefined) throw new UsageError(`--shard must be I/N with 1 <= I <= N; got "${values.shard}"`);

  const staged = values.staged ? asUsage(() => stagedTree(target.root, target.paths)) : undefined;
  try {
    const root = staged?.root ?? target.root;
    const changed = values['changed-since'] === undefined ? undefined : asUsage(() => changedSince(target.root, values['changed-since']!));
    const scanned = staged?.paths ?? target.paths;
    const only = staged?.staged ?? changed;
    return {
      root,
      pathsFor(config) {
        if (shard === undefined) return scanned;
        return shardFiles(discover(root, scanned).files, shard, config.config.terraform?.deployments).map((file) => path.join(root, file));
      },
      waivers() {
        const loaded = loadWaiversFile(root, values.waivers === undefined ? undefined : path.resolve(io.cwd, values.waivers));
        if (loaded.diagnostics.length === 0) return loaded;
        for (const d of loaded.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
        io.stderr('evident: invalid waivers file; nothing was scanned\n');
        return undefined;
      },
      finish(report, config, now) {
        let marked = report;
        if (values.baseline !== undefined) marked = asUsage(() => markAgainstFile(report, path.resolve(io.cwd, values.baseline!)));
        // The whole base, not just this shard: a resource moved to another unit is still an old finding.
        else if (values['baseline-ref'] !== undefined) marked = asUsage(() => markAgainstRef(report, { root: target.root, paths: target.paths, ref: values['baseline-ref']!, config, now }));
        return only === undefined ? marked : restrictToFiles(marked, only);
      },
      dispose() {
        staged?.dispose();
      },
    };
  } catch (error) {
    staged?.dispose();
    throw error;
  }
}
