import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { GitRepo, pod } from './git-repo.js';

interface JsonFinding {
  ruleId: string;
  location: { file: string; line: number };
  resource: { address: string };
  baseline?: string;
}

const marks = (stdout: string): string[] =>
  (JSON.parse(stdout).findings as JsonFinding[]).map((f) => `${f.location.file}:${f.location.line} ${f.ruleId} ${f.resource.address} ${f.baseline}`);


let repo: GitRepo;
let base: string;

beforeEach(() => {
  repo = new GitRepo();
  repo.write('apps/a.yaml', pod('a', { privileged: true }));
  repo.write('apps/b.yaml', pod('b', { hostNetwork: true }));
  base = repo.commit('base with two violations');
  // The pull request adds a privileged pod and moves b to another directory, three lines further down.
  repo.write('apps/c.yaml', pod('c', { privileged: true }));
  repo.remove('apps/b.yaml');
  repo.write('moved/b.yaml', pod('b', { hostNetwork: true, leadingComments: 3 }));
  repo.commit('add c, move b');
});
afterEach(() => repo.dispose());

describe('scan --baseline-ref', () => {
  it('fails on exactly the added finding and lists the moved one as existing', async () => {
    const json = await runCli(['scan', '--baseline-ref', base, '--format', 'json'], { cwd: repo.dir });
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1);
    expect(marks(json.stdout)).toEqual([
      'apps/a.yaml:16 EVD-WKL-001 Pod/app/a existing',
      'apps/c.yaml:16 EVD-WKL-001 Pod/app/c new',
      'moved/b.yaml:13 EVD-WKL-005 Pod/app/b existing',
    ]);

    const text = await runCli(['scan', '--baseline-ref', base], { cwd: repo.dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('moved/b.yaml\n  13:3    high     EVD-WKL-005  Pod shares the host\'s network namespace (hostNetwork: true)  Pod/app/b (existing)\n');
    expect(text.stdout).toContain('  16:9    high     EVD-WKL-001  Container "main" runs privileged  Pod/app/c\n');
    expect(text.stdout).toContain('✖ 3 findings (3 high), 2 existing · ');

    const sarif = JSON.parse((await runCli(['scan', '--baseline-ref', base, '--format', 'sarif'], { cwd: repo.dir })).stdout);
    expect(sarif.runs[0].results.map((r: { baselineState: string }) => r.baselineState)).toEqual(['unchanged', 'new', 'unchanged']);
  });

  it('passes once the added violation is removed', async () => {
    repo.write('apps/c.yaml', pod('c'));
    const run = await runCli(['scan', '--baseline-ref', base], { cwd: repo.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✖ 2 findings (2 high), 2 existing · ');
  });

  it('counts a second violation on an already failing resource as new', async () => {
    repo.write('apps/a.yaml', pod('a', { privileged: true, hostNetwork: true }));
    repo.write('apps/c.yaml', pod('c'));
    const run = await runCli(['scan', '--baseline-ref', base, '--format', 'json'], { cwd: repo.dir });
    expect(run.code).toBe(1);
    expect(marks(run.stdout)).toEqual([
      'apps/a.yaml:10 EVD-WKL-005 Pod/app/a new',
      'apps/a.yaml:16 EVD-WKL-001 Pod/app/a existing',
      'moved/b.yaml:13 EVD-WKL-005 Pod/app/b existing',
    ]);
  });

  it('matches as a multiset: a copy of an old violation is new', async () => {
    repo.write('apps/c.yaml', pod('c'));
    repo.write('copies/a.yaml', pod('a', { privileged: true }));
    const run = await runCli(['scan', '--baseline-ref', base, '--format', 'json'], { cwd: repo.dir });
    expect(run.code).toBe(1);
    expect(marks(run.stdout)).toEqual([
      'apps/a.yaml:16 EVD-WKL-001 Pod/app/a existing',
      'copies/a.yaml:16 EVD-WKL-001 Pod/app/a new',
      'moved/b.yaml:13 EVD-WKL-005 Pod/app/b existing',
    ]);
  });

  it('scans only the same relative paths at the ref, from a subdirectory root', async () => {
    const run = await runCli(['scan', 'apps', '--baseline-ref', base, '--format', 'json'], { cwd: repo.dir });
    expect(marks(run.stdout)).toEqual(['a.yaml:16 EVD-WKL-001 Pod/app/a existing', 'c.yaml:16 EVD-WKL-001 Pod/app/c new']);
  });

  it('removes its temporary worktree and runs no hook of the repository', async () => {
    // A private temporary directory: other test files create theirs concurrently.
    const privateTemp = mkdtempSync(path.join(tmpdir(), 'evident-private-'));
    const systemTemp = process.env.TMPDIR;
    process.env.TMPDIR = privateTemp;
    try {
      repo.write('.git/hooks/post-checkout', '#!/bin/sh\ntouch "$(git rev-parse --git-common-dir)/../hook-ran"\n');
      chmodSync(`${repo.dir}/.git/hooks/post-checkout`, 0o755);
      expect((await runCli(['scan', '--baseline-ref', base], { cwd: repo.dir })).code).toBe(1);
      // `moved` did not exist at the base: the worktree goes away on this early exit too, and every finding is new.
      const moved = await runCli(['scan', 'moved', '--baseline-ref', base, '--format', 'json'], { cwd: repo.dir });
      expect(marks(moved.stdout)).toEqual(['b.yaml:13 EVD-WKL-005 Pod/app/b new']);
      expect(repo.worktrees().split('\n').filter((line) => line.startsWith('worktree '))).toEqual([`worktree ${repo.dir}`]);
      expect(readdirSync(privateTemp)).toEqual([]);
      expect(existsSync(`${repo.dir}/hook-ran`)).toBe(false);
    } finally {
      if (systemTemp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = systemTemp;
      rmSync(privateTemp, { recursive: true, force: true });
    }
  });

  it('exits 2 naming an unknown ref or a directory outside git', async () => {
    const run = await runCli(['scan', '--baseline-ref', 'no-such-branch'], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('evident: unknown git ref "no-such-branch"');
    const outside = mkdtempSync(path.join(tmpdir(), 'evident-nogit-'));
    try {
      const elsewhere = await runCli(['scan', '--baseline-ref', base], { cwd: outside });
      expect(elsewhere.code).toBe(2);
      expect(elsewhere.stderr).toMatch(/^evident: .* is not inside a git work tree/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
