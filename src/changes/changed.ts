import path from 'node:path';
import { gitList, relativeTo, repositoryTop, resolveCommit } from '../git/git.js';

/** Root-relative paths of `paths` (top-relative) that lie under the root. */
export function underRoot(top: string, root: string, paths: string[]): Set<string> {
  const rootInRepo = relativeTo(top, root) ?? '';
  const prefix = rootInRepo === '' ? '' : `${rootInRepo}/`;
  return new Set(paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)));
}

/** Files that differ between `ref` and the working tree (committed, staged or not), plus untracked files; root-relative. */
export function changedSince(root: string, ref: string): Set<string> {
  const top = repositoryTop(root);
  const commit = resolveCommit(top, ref);
  const changed = gitList(top, ['diff', '--name-only', '-z', '--no-ext-diff', '--no-textconv', commit, '--']);
  const untracked = gitList(top, ['ls-files', '--others', '--exclude-standard', '-z', '--full-name']);
  return underRoot(top, path.resolve(root), [...changed, ...untracked]);
}
