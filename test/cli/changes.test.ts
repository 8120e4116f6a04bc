import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { GitRepo, pod } from '../baseline/git-repo.js';

let repo: GitRepo;
beforeEach(() => {
  repo = new GitRepo();
  repo.write('k8s/committed.yaml', pod('committed', { hostNetwork: true }));
  repo.write('k8s/clean.yaml', pod('clean'));
  repo.commit('base');
});
afterEach(() => repo.dispose());


describe('scan --staged', () => {
  it('is quiet when the staged files are clean, even if committed files have findings', async () => {
    repo.write('k8s/clean.yaml', `# touched\n${pod('clean')}`);
    repo.git('add', 'k8s/clean.yaml');
    expect(await runCli(['scan', '--staged'], { cwd: repo.dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('scans what is staged, not the working tree, and prints compact lines, leaving no temporary tree behind', async () => {
    const privateTemp = mkdtempSync(path.join(tmpdir(), 'evident-private-'));
    const systemTemp = process.env.TMPDIR;
    process.env.TMPDIR = privateTemp;
    // Staged with a violation, then fixed in the working tree only: the commit would still carry it.
    repo.write('k8s/new.yaml', pod('new', { privileged: true }));
    repo.git('add', 'k8s/new.yaml');
    repo.write('k8s/new.yaml', pod('new'));
    // Broken in the working tree only: not part of the commit.
    repo.write('k8s/clean.yaml', pod('clean', { privileged: true }));
    try {
      const run = await runCli(['scan', '--staged'], { cwd: repo.dir });
      expect(run).toEqual({ code: 1, stdout: 'k8s/new.yaml:16: EVD-WKL-001: Container "main" runs privileged\n', stderr: '' });
      expect(readdirSync(privateTemp)).toEqual([]);
    } finally {
      if (systemTemp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = systemTemp;
      rmSync(privateTemp, { recursive: true, force: true });
    }
  });

  it('lets cross-file rules see the unchanged files of the index', async () => {
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dmz-shared\n  labels: {zone: dmz}\n';
    const denyAll = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: dmz-shared\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n';
    repo.write('k8s/policy.yaml', denyAll);
    repo.commit('default deny');
    repo.write('k8s/namespace.yaml', namespace);
    repo.git('add', 'k8s/namespace.yaml');
    expect((await runCli(['scan', '--staged'], { cwd: repo.dir })).stdout).toBe('');
    repo.git('rm', '--cached', '--quiet', 'k8s/policy.yaml');
    expect((await runCli(['scan', '--staged'], { cwd: repo.dir })).stdout).toBe('k8s/namespace.yaml:4: EVD-NET-001: Namespace "dmz-shared" has no default-deny ingress NetworkPolicy\n');
  });

  it('reads waivers and problems from the staged files too', async () => {
    repo.write('k8s/waived.yaml', `# evident:ignore EVD-WKL-001 until=2027-01-31 reason="vendor" owner=alice\n${pod('waived', { privileged: true })}`.replace('privileged: true', 'privileged: true\n        # evident:ignore EVD-WKL-001 reason="no date"'));
    repo.write('k8s/broken.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n');
    repo.git('add', 'k8s');
    const run = await runCli(['scan', '--staged', '--format', 'compact'], { cwd: repo.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'k8s/waived.yaml:17: EVD-WKL-001: Container "main" runs privileged (waived until 2027-01-31, owner alice)',
        'k8s/broken.yaml:4:1: error: Flow sequence in block collection must be sufficiently indented and end with a ] (yaml-syntax)',
        'k8s/broken.yaml:4:1: error: Flow map in block collection must be sufficiently indented and end with a } (yaml-syntax)',
        'k8s/waived.yaml:18:11: error: waiver needs an expiry: until=YYYY-MM-DD (waiver-invalid)',
        '',
      ].join('\n'),
    );
  });

  it('is what the pre-commit hook runs', async () => {
    const hooks = parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; pass_filenames: boolean; files: string }[];
    expect(hooks).toMatchObject([{ id: 'evident', entry: 'evident scan --staged', language: 'node', pass_filenames: false }]);
    for (const file of ['main.tf', 'prod.tfvars', 'k8s/a.yaml', 'chart/templates/_helpers.tpl', 'evident.waivers.yaml', '.evidentignore']) expect(file).toMatch(new RegExp(hooks[0].files));
    expect('README.md').not.toMatch(new RegExp(hooks[0].files));
    repo.write('k8s/new.yaml', pod('new', { privileged: true }));
    repo.git('add', 'k8s/new.yaml');
    const [, ...argv] = hooks[0].entry.split(' ');
    expect(await runCli(argv, { cwd: repo.dir })).toEqual({ code: 1, stdout: 'k8s/new.yaml:16: EVD-WKL-001: Container "main" runs privileged\n', stderr: '' });
  });

  it('exits 2 with --changed-since, and outside a git repository', async () => {
    const run = await runCli(['scan', '--staged', '--changed-since', 'HEAD'], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('evident: --staged and --changed-since exclude each other');
    const outside = mkdtempSync(path.join(tmpdir(), 'evident-nogit-'));
    try {
      const elsewhere = await runCli(['scan', '--staged'], { cwd: outside });
      expect(elsewhere.code).toBe(2);
      expect(elsewhere.stdout).toBe('');
      expect(elsewhere.stderr).toMatch(/^evident: .* is not inside a git work tree/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('scan --changed-since', () => {
  it('scans the whole tree and reports findings in files changed since the ref, committed or not, and untracked ones', async () => {
    const base = repo.git('rev-parse', 'HEAD');
    repo.write('k8s/committed-later.yaml', pod('later', { privileged: true }));
    repo.commit('later');
    repo.write('k8s/clean.yaml', pod('clean', { hostNetwork: true }));
    repo.write('k8s/untracked.yaml', pod('untracked', { privileged: true }));
    const run = await runCli(['scan', '--changed-since', base, '--format', 'compact'], { cwd: repo.dir });
    expect(run).toEqual({
      code: 1,
      stdout: [
        "k8s/clean.yaml:10: EVD-WKL-005: Pod shares the host's network namespace (hostNetwork: true)",
        'k8s/committed-later.yaml:16: EVD-WKL-001: Container "main" runs privileged',
        'k8s/untracked.yaml:16: EVD-WKL-001: Container "main" runs privileged',
        '',
      ].join('\n'),
      stderr: '',
    });
    const json = JSON.parse((await runCli(['scan', '--changed-since', base, '--format', 'json'], { cwd: repo.dir })).stdout);
    expect(json.summary.resources).toBe(4);
  });

  it('reports paths relative to a root below the repository top', async () => {
    const base = repo.git('rev-parse', 'HEAD');
    repo.write('k8s/clean.yaml', pod('clean', { privileged: true }));
    const run = await runCli(['scan', 'k8s', '--changed-since', base, '--format', 'compact'], { cwd: repo.dir });
    expect(run.stdout).toBe('clean.yaml:16: EVD-WKL-001: Container "main" runs privileged\n');
  });
});
