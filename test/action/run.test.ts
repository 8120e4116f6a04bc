import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/run.js';
import { ARTIFACT_FILES, MANIFEST_FILE, verifyPack } from '../../src/evidence/index.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { GitHubServer, READ_ONLY_MESSAGE } from '../helpers/github-server.js';
import { scan } from '../../src/scan.js';
import { createPullRequestRepo, INTRODUCED, OWNER, parseOutputs, PR_NUMBER, REPO, runnerEnv, type PullRequestRepo } from './pull-request.js';

interface ActionRun {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  env: NodeJS.ProcessEnv;
}

async function run(env: NodeJS.ProcessEnv): Promise<ActionRun> {
  let stdout = '';
  const code = await runAction({ stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), env, cwd: env.GITHUB_WORKSPACE ?? '/', isTTY: false, now: () => FIXED_NOW });
  const read = (file: string | undefined): string => (file && existsSync(file) ? readFileSync(file, 'utf8') : '');
  return { code, stdout, outputs: parseOutputs(read(env.GITHUB_OUTPUT)), summary: read(env.GITHUB_STEP_SUMMARY), env };
}

/** The findings annotated with workflow commands (what a run without a check run shows). */
function annotationCommands(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => /^::(error|warning|notice) file=.*title=EVD-/.test(line))
    .map((line) => line.replace(/,col=\d+/, '').replace(/,title=.*$/, ''));
}

describe('the action, run in-process as the runner would', () => {
  let repo: PullRequestRepo;
  let server: GitHubServer;
  /** Active findings of the head commit and how many of them are high or critical. */
  let all: { count: number; highOrAbove: number };
  beforeAll(async () => {
    repo = createPullRequestRepo();
    server = await GitHubServer.start();
    const report = scan({ root: repo.dir, now: FIXED_NOW });
    const active = report.findings.filter((f) => f.waiver === undefined);
    all = { count: active.length, highOrAbove: active.filter((f) => f.severity === 'high' || f.severity === 'critical').length };
  });
  afterAll(async () => {
    await server.close();
    repo.cleanup();
  });
  const env = (inputs: Record<string, string>, event?: string): NodeJS.ProcessEnv =>
    runnerEnv(repo, { apiUrl: server.url, serverUrl: server.webUrl, inputs, ...(event === undefined ? {} : { event }) });

  it.each([
    { mode: 'new', failOn: 'high', code: 1, error: '::error::Evident: 1 new finding at or above high' },
    { mode: 'new', failOn: 'critical', code: 0, error: undefined },
    { mode: 'all', failOn: 'high', code: 1, error: 'at or above high' },
    { mode: 'all', failOn: 'none', code: 0, error: undefined },
  ])('mode $mode, fail-on $failOn: exit code $code', async ({ mode, failOn, code, error }) => {
    const result = await run(env({ mode, 'fail-on': failOn, 'github-token': '' }));
    expect(result.code).toBe(code);
    expect(result.outputs).toMatchObject({ findings: String(all.count), 'new-findings': '1', 'sarif-file': path.join(repo.dir, 'evident.sarif'), 'evidence-dir': '' });
    if (error === undefined) expect(result.stdout).not.toContain('::error::');
    else expect(result.stdout).toContain(error);
    if (mode === 'all' && failOn === 'high') expect(result.stdout).toContain(`::error::Evident: ${all.highOrAbove} findings at or above high`);
    expect(result.summary).toContain(`Compared with the base commit \`${repo.baseSha.slice(0, 7)}\`: **1 new**, ${all.count - 1} existing, 0 waived`);
    expect(server.requests).toHaveLength(0);
  });

  it('without a token, annotates the findings in scope with workflow commands instead of a check run', async () => {
    const newOnly = await run(env({ 'github-token': '' }));
    expect(annotationCommands(newOnly.stdout)).toEqual([`::error file=${INTRODUCED.file},line=${INTRODUCED.line}`]);
    expect(newOnly.stdout).toContain('no github-token');
    const everything = await run(env({ 'github-token': '', mode: 'all' }));
    expect(annotationCommands(everything.stdout)).toHaveLength(all.count);
    const none = await run(env({ 'github-token': '', annotations: 'false' }));
    expect(annotationCommands(none.stdout)).toEqual([]);
  });

  it("falls back to the job summary and SARIF on a fork's read-only token, and the gate alone decides the exit code", async () => {
    server.readOnly = true;
    try {
      const result = await run(env({}, repo.event({ fork: true })));
      expect(result.code).toBe(1);
      expect(server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        `POST /repos/${OWNER}/${REPO}/check-runs 403`,
        `POST /repos/${OWNER}/${REPO}/issues/${PR_NUMBER}/comments 403`,
      ]);
      expect(result.stdout).toContain(`::warning::Evident: the token may not write the check run (POST /repos/${OWNER}/${REPO}/check-runs: HTTP 403: ${READ_ONLY_MESSAGE})`);
      expect(annotationCommands(result.stdout)).toEqual([`::error file=${INTRODUCED.file},line=${INTRODUCED.line}`]);
      expect(result.summary).toContain('This pull request comes from a fork (mallory/complianceflow): its token is read-only');
      expect(result.summary).toContain('### ✖ Evident: 1 new finding at or above high');
      expect(result.summary).toContain(`](${server.webUrl}/${OWNER}/${REPO}/blob/${repo.headSha}/${INTRODUCED.file}#L${INTRODUCED.line})`);
      expect(JSON.parse(readFileSync(result.outputs['sarif-file'], 'utf8')).runs[0].results).toHaveLength(all.count);
      expect(server.checkRuns).toHaveLength(0);
      expect(server.commentsOn(OWNER, REPO, PR_NUMBER)).toHaveLength(0);
    } finally {
      server.readOnly = false;
      server.requests.length = 0;
    }
  });

  it('reports an API error it cannot get past as a warning, still comments, and writes SARIF and summary', async () => {
    const result = await run(env({}, repo.event({ headSha: 'deadbeef' })));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`::warning::Evident: could not publish the check run: POST /repos/${OWNER}/${REPO}/check-runs: HTTP 422: Validation Failed`);
    expect(result.summary).toContain('Evident could not publish the check run: POST /repos/acme/complianceflow/check-runs: HTTP 422: Validation Failed');
    expect(server.commentsOn(OWNER, REPO, PR_NUMBER)).toHaveLength(1);
    expect(existsSync(result.outputs['sarif-file'])).toBe(true);
    server.requests.length = 0;
  });

  it('counts every finding as new, with a warning, when the base commit is not in the clone', async () => {
    const event = repo.event();
    const payload = JSON.parse(readFileSync(event, 'utf8'));
    payload.pull_request.base.sha = 'f'.repeat(40);
    writeFileSync(event, JSON.stringify(payload));
    const result = await run(env({ 'github-token': '', 'fail-on': 'none' }, event));
    expect(result.code).toBe(0);
    expect(result.outputs['new-findings']).toBe(String(all.count));
    expect(result.stdout).toContain(`::warning::Evident: Could not scan the base commit ${'f'.repeat(40)} (unknown git ref`);
    expect(result.summary).toContain("fetch-depth: 0");
    expect(result.summary).toContain('Not compared with a base commit, so every finding counts as new');
  });

  it('writes the evidence pack into evidence-dir, and names it in the outputs', async () => {
    const result = await run(env({ 'github-token': '', 'evidence-dir': 'out/evidence' }));
    const dir = path.join(repo.dir, 'out', 'evidence');
    expect(result.code).toBe(1);
    expect(result.outputs['evidence-dir']).toBe(dir);
    expect(result.stdout).toContain(`Evident: evidence pack written to ${dir}: ${ARTIFACT_FILES.length} artifacts and manifest.json (SHA-256 `);
    expect(existsSync(path.join(dir, MANIFEST_FILE))).toBe(true);
    expect(verifyPack(dir).problems).toEqual([]);
    const evidence = JSON.parse(readFileSync(path.join(dir, 'evidence.json'), 'utf8'));
    expect(evidence.generatedAt).toBe(FIXED_NOW.toISOString());
    expect(evidence.findings).toHaveLength(all.count);
  });

  it('refuses an evidence-dir holding other files (exit 2), after writing the SARIF file', async () => {
    const sarif = path.join(repo.dir, 'refused.sarif');
    const result = await run(env({ 'github-token': '', 'evidence-dir': 'k8s', 'sarif-file': 'refused.sarif' }));
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/::error::Evident: input "evidence-dir": .*k8s holds files that are not part of an evidence pack/);
    expect(result.outputs).toMatchObject({ 'sarif-file': sarif, 'evidence-dir': '' });
    expect(existsSync(sarif)).toBe(true);
    expect(existsSync(path.join(repo.dir, 'k8s', 'namespaces.yaml'))).toBe(true);
  });

  it('exits 2 on invalid inputs, paths outside the workspace and configuration errors, before scanning', async () => {
    const badInput = await run(env({ 'fail-on': 'severe', 'github-token': '' }));
    expect(badInput.code).toBe(2);
    expect(badInput.stdout).toBe('::error::Evident: input "fail-on" must be one of low, medium, high, critical, none; got "severe"\n');
    const outside = await run(env({ paths: '../', 'github-token': '' }));
    expect(outside.code).toBe(2);
    expect(outside.stdout).toMatch(/^::error::Evident: input "paths": \.\.\/ is outside the workspace /);
    writeFileSync(path.join(repo.dir, 'bad.config.yaml'), 'failOn: high\nkubernetes:\n  notAKey: 1\n');
    const badConfig = await run(env({ config: 'bad.config.yaml', 'github-token': '' }));
    expect(badConfig.code).toBe(2);
    expect(badConfig.stdout).toContain('::error file=bad.config.yaml,line=3,col=3,title=Evident%3A invalid configuration::unknown key "kubernetes.notAKey"');
    expect(badConfig.outputs).toEqual({});
    expect(server.requests).toHaveLength(0);
  });
});
