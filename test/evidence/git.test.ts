import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readGitInfo } from '../../src/evidence/git.js';

const COMMIT = '3f786850e387550fdab836ed7e6dc881de23001b';
const OTHER = '89e6c98d92887913cadf06b2adb97f26cde4849b';

let temp: string;
afterEach(() => rmSync(temp, { recursive: true, force: true }));

/** Writes `files` (path → content) under a fresh temporary directory and returns it. */
function tree(files: Record<string, string>): string {
  temp = mkdtempSync(path.join(tmpdir(), 'evident-git-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(temp, file)), { recursive: true });
    writeFileSync(path.join(temp, file), content);
  }
  return temp;
}

describe('readGitInfo', () => {
  it('reads the branch and its commit from a loose ref', () => {
    const root = tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${COMMIT}\n` });
    expect(readGitInfo(root)).toEqual({ commit: COMMIT, branch: 'main' });
  });

  it('falls back to packed-refs, skipping comments and peeled tags', () => {
    const packed = `# pack-refs with: peeled fully-peeled sorted\n${OTHER} refs/heads/develop\n${COMMIT} refs/heads/release/1.2\n^${OTHER}\n`;
    const root = tree({ '.git/HEAD': 'ref: refs/heads/release/1.2\n', '.git/packed-refs': packed });
    expect(readGitInfo(root)).toEqual({ commit: COMMIT, branch: 'release/1.2' });
  });

  it('prefers a loose ref to a stale packed one', () => {
    const root = tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${COMMIT}\n`, '.git/packed-refs': `${OTHER} refs/heads/main\n` });
    expect(readGitInfo(root)?.commit).toBe(COMMIT);
  });

  it('reports a detached HEAD as a commit without a branch', () => {
    expect(readGitInfo(tree({ '.git/HEAD': `${COMMIT}\n` }))).toEqual({ commit: COMMIT });
  });

  it('reports a branch with no commit yet without a commit', () => {
    expect(readGitInfo(tree({ '.git/HEAD': 'ref: refs/heads/main\n' }))).toEqual({ branch: 'main' });
  });

  it('finds the repository above a scanned subdirectory', () => {
    const root = tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${COMMIT}\n`, 'infra/k8s/app.yaml': 'kind: Pod\n' });
    expect(readGitInfo(path.join(root, 'infra', 'k8s'))).toEqual({ commit: COMMIT, branch: 'main' });
  });

  it('follows a worktree .git file to its git directory and the shared refs', () => {
    const root = tree({
      'main/.git/HEAD': 'ref: refs/heads/main\n',
      'main/.git/refs/heads/main': `${OTHER}\n`,
      'main/.git/packed-refs': `${COMMIT} refs/heads/feature/evidence\n`,
      'main/.git/worktrees/wt/HEAD': 'ref: refs/heads/feature/evidence\n',
      'main/.git/worktrees/wt/commondir': '../..\n',
      'wt/.git': 'gitdir: ../main/.git/worktrees/wt\n',
    });
    expect(readGitInfo(path.join(root, 'wt'))).toEqual({ commit: COMMIT, branch: 'feature/evidence' });
    expect(readGitInfo(path.join(root, 'main'))).toEqual({ commit: OTHER, branch: 'main' });
  });

  it('reads a worktree with a detached HEAD', () => {
    const root = tree({ 'main/.git/worktrees/wt/HEAD': `${COMMIT}\n`, 'main/.git/worktrees/wt/commondir': '../..\n', 'wt/README.md': '' });
    // An absolute gitdir, as `git worktree add` writes it.
    writeFileSync(path.join(root, 'wt/.git'), `gitdir: ${path.join(root, 'main/.git/worktrees/wt')}\n`);
    expect(readGitInfo(path.join(root, 'wt'))).toEqual({ commit: COMMIT });
  });

  it('is undefined outside a git repository and for a .git file that points nowhere', () => {
    expect(readGitInfo(tree({ 'k8s/app.yaml': 'kind: Pod\n' }))).toBeUndefined();
    rmSync(temp, { recursive: true, force: true });
    expect(readGitInfo(tree({ '.git': 'not a pointer\n' }))).toBeUndefined();
  });

  it('ignores a HEAD that is neither a ref nor an object id', () => {
    expect(readGitInfo(tree({ '.git/HEAD': 'garbage\n' }))).toBeUndefined();
  });
});
