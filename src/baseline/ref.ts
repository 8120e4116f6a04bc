import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { git, GitError, relativeTo, repositoryTop, resolveCommit } from '../git/git.js';
import type { ScanReport } from '../model/index.js';
import type { LoadedConfig } from '../profile/config.js';
import { scan } from '../scan.js';

export interface RefScanOptions {
  /** The scan root in the working tree; the repository is the one containing it. */
  root: string;
  /** The scanned paths in the working tree; the same relative paths are scanned at the ref. */
  paths: string[];
  ref: string;
  config: LoadedConfig;
  now: Date;
}

/**
 * Scans the same relative paths as they are at `ref`, in a temporary detached worktree that is removed afterwards
 * (also on failure). Hooks are disabled: checking out must not run anything the repository brings.
 */
export function scanAtRef(options: RefScanOptions): ScanReport | undefined {
  const top = repositoryTop(options.root);
  const commit = resolveCommit(top, options.ref);
  const rootInRepo = relativeTo(top, options.root);
  if (rootInRepo === undefined) throw new GitError(`${options.root} is outside the repository ${top}`);
  const temp = mkdtempSync(path.join(tmpdir(), 'evident-baseline-'));
  const tree = path.join(temp, 'tree');
  try {
    git(top, ['worktree', 'add', '--detach', '--quiet', tree, commit]);
    const root = path.join(tree, rootInRepo);
    if (!existsSync(root)) return undefined;
    const paths = options.paths
      .map((p) => relativeTo(top, p))
      .filter((p): p is string => p !== undefined)
      .map((p) => path.join(tree, p))
      .filter((p) => existsSync(p));
    if (paths.length === 0) return undefined;
    return scan({ root, paths, config: options.config, now: options.now });
  } finally {
    try {
      git(top, ['worktree', 'remove', '--force', tree]);
    } catch {
      // A worktree that was never created, or is already gone: pruning below forgets it either way.
    }
    rmSync(temp, { recursive: true, force: true });
    try {
      git(top, ['worktree', 'prune']);
    } catch {
      // Nothing left to prune.
    }
  }
}
