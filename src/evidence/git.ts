import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface GitInfo {
  /** Absent on a branch with no commit yet. */
  commit?: string;
  /** Absent when HEAD is detached. */
  branch?: string;
}

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const MAX_SYMBOLIC_DEPTH = 5;

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The repository's git directory: `.git` itself, or where a worktree's or submodule's `.git` file points. */
function findGitDir(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.git');
    if (existsSync(candidate)) {
      if (statSync(candidate).isDirectory()) return candidate;
      const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readText(candidate) ?? '');
      return pointer ? path.resolve(dir, pointer[1]) : undefined;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function packedRef(commonDir: string, ref: string): string | undefined {
  for (const line of (readText(path.join(commonDir, 'packed-refs')) ?? '').split('\n')) {
    const [id, name] = line.trim().split(/\s+/);
    if (name === ref && OBJECT_ID.test(id)) return id;
  }
  return undefined;
}

/** Follows `ref` through loose refs (the worktree's, then the shared ones) and packed-refs to an object id. */
function resolveRef(gitDir: string, commonDir: string, ref: string, depth = 0): string | undefined {
  if (depth > MAX_SYMBOLIC_DEPTH || ref.includes('..')) return undefined;
  for (const dir of gitDir === commonDir ? [gitDir] : [gitDir, commonDir]) {
    const loose = readText(path.join(dir, ref))?.trim();
    if (loose === undefined) continue;
    if (OBJECT_ID.test(loose)) return loose;
    const symbolic = /^ref:\s*(\S+)$/.exec(loose);
    if (symbolic) return resolveRef(gitDir, commonDir, symbolic[1], depth + 1);
  }
  return packedRef(commonDir, ref);
}

/**
 * The commit and branch checked out at `root` (or the nearest directory above it with a `.git`), read from the
 * files git keeps, so that no git binary is needed; undefined outside a git repository.
 */
export function readGitInfo(root: string): GitInfo | undefined {
  const gitDir = findGitDir(root);
  if (gitDir === undefined) return undefined;
  const head = readText(path.join(gitDir, 'HEAD'))?.trim();
  if (head === undefined) return undefined;
  const common = readText(path.join(gitDir, 'commondir'))?.trim();
  const commonDir = common ? path.resolve(gitDir, common) : gitDir;
  if (OBJECT_ID.test(head)) return { commit: head };
  const symbolic = /^ref:\s*(\S+)$/.exec(head);
  if (!symbolic) return undefined;
  const info: GitInfo = {};
  const commit = resolveRef(gitDir, commonDir, symbolic[1]);
  if (commit !== undefined) info.commit = commit;
  if (symbolic[1].startsWith('refs/heads/')) info.branch = symbolic[1].slice('refs/heads/'.length);
  return info;
}
