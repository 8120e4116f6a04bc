import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { git, gitList, relativeTo, repositoryTop, GitError } from '../git/git.js';
import { underRoot } from './changed.js';

/** The git index written out as files: what `git commit` would record, not what the working tree holds. */
export interface StagedTree {
  /** The scan root inside the temporary tree. */
  root: string;
  /** The scanned paths, mapped into the temporary tree. */
  paths: string[];
  /** Root-relative paths of the files the commit adds or modifies. */
  staged: Set<string>;
  /** Removes the temporary tree. */
  dispose(): void;
}

interface IndexEntry {
  mode: string;
  object: string;
  path: string;
}

/** Stage-0 regular files of the index (`git ls-files -s -z`): symbolic links and submodules are never scanned. */
function indexEntries(top: string): IndexEntry[] {
  return gitList(top, ['ls-files', '-s', '-z', '--full-name'], { inheritHookVariables: true }).flatMap((line) => {
    const match = /^(\d{6}) ([0-9a-f]+) (\d)\t(.*)$/s.exec(line);
    if (match === null || match[3] !== '0' || (match[1] !== '100644' && match[1] !== '100755')) return [];
    return [{ mode: match[1], object: match[2], path: match[4] }];
  });
}

const BATCH = 2000;

/** Blob contents by object id, read with `git cat-file --batch` (raw bytes: no filters, nothing configured runs). */
function readBlobs(top: string, objects: string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  for (let start = 0; start < objects.length; start += BATCH) {
    const chunk = objects.slice(start, start + BATCH);
    const out = git(top, ['cat-file', '--batch'], { input: `${chunk.join('\n')}\n`, inheritHookVariables: true });
    let at = 0;
    while (at < out.length) {
      const newline = out.indexOf(0x0a, at);
      const header = out.subarray(at, newline).toString('utf8');
      const match = /^([0-9a-f]+) blob (\d+)$/.exec(header);
      if (match === null) throw new GitError(`unexpected git cat-file output: ${header}`);
      const size = Number(match[2]);
      blobs.set(match[1], out.subarray(newline + 1, newline + 1 + size));
      at = newline + 1 + size + 1;
    }
  }
  return blobs;
}

/**
 * Writes the index of the repository containing `root` to a temporary directory, so that a pre-commit scan sees
 * exactly the staged content of every file (cross-file rules need the unchanged ones too).
 */
export function stagedTree(root: string, paths: string[]): StagedTree {
  const top = repositoryTop(root, { inheritHookVariables: true });
  const rootInRepo = relativeTo(top, root);
  if (rootInRepo === undefined) throw new GitError(`${root} is outside the repository ${top}`);
  const temp = mkdtempSync(path.join(tmpdir(), 'evident-staged-'));
  const dispose = (): void => rmSync(temp, { recursive: true, force: true });
  try {
    const tree = path.join(temp, 'index');
    const prefix = rootInRepo === '' ? '' : `${rootInRepo}/`;
    const entries = indexEntries(top).filter((entry) => entry.path.startsWith(prefix));
    const blobs = readBlobs(top, [...new Set(entries.map((entry) => entry.object))]);
    for (const entry of entries) {
      const file = path.join(tree, entry.path);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, blobs.get(entry.object)!);
    }
    mkdirSync(path.join(tree, rootInRepo), { recursive: true });
    const staged = gitList(top, ['diff', '--cached', '--name-only', '-z', '--no-ext-diff', '--no-textconv', '--diff-filter=ACMR'], { inheritHookVariables: true });
    return {
      root: path.join(tree, rootInRepo),
      paths: paths.map((p) => path.join(tree, relativeTo(top, p) ?? rootInRepo)),
      staged: underRoot(top, root, staged),
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}
