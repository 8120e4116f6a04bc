import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_FILES, MANIFEST_FILE, verifyPack } from '../../src/evidence/index.js';
import { COMMENT_MARKER } from '../../src/github/pr-comment.js';
import { GitHubServer } from '../helpers/github-server.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { createPullRequestRepo, INTRODUCED, OWNER, parseOutputs, PR_NUMBER, REPO, RUNNER_TOKEN, runnerEnv, type PullRequestRepo } from './pull-request.js';

interface SarifResult {
  ruleId: string;
  baselineState?: string;
  suppressions?: unknown[];
  locations: Array<{ physicalLocation: object }>;
}

interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** `node dist/index.js` as the runner starts a node24 action: working directory the workspace, inputs in the environment. */
function runDist(env: NodeJS.ProcessEnv): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'index.js')], { cwd: env.GITHUB_WORKSPACE, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, outputs: parseOutputs(readFileSync(env.GITHUB_OUTPUT as string, 'utf8')), summary: readFileSync(env.GITHUB_STEP_SUMMARY as string, 'utf8') }),
    );
  });
}

describe('dist/index.js on a pull request, run twice and then in mode all', () => {
  let repo: PullRequestRepo;
  let server: GitHubServer;
  /** What the runs wrote to evident.sarif (the same each time), and how many of its results are not waived. */
  let sarif: { version: string; runs: Array<{ results: SarifResult[] }> };
  let active: number;
  const runs: ProcessRun[] = [];
  beforeAll(async () => {
    repo = createPullRequestRepo();
    server = await GitHubServer.start();
    const env = (inputs: Record<string, string>): NodeJS.ProcessEnv => runnerEnv(repo, { apiUrl: server.url, serverUrl: server.webUrl, inputs });
    runs.push(await runDist(env({ 'evidence-dir': 'evidence' })));
    runs.push(await runDist(env({ 'fail-on': 'critical' })));
    runs.push(await runDist(env({ mode: 'all' })));
    sarif = JSON.parse(readFileSync(path.join(repo.dir, 'evident.sarif'), 'utf8'));
    active = sarif.runs[0].results.filter((r) => r.suppressions === undefined).length;
  }, 240_000);
  afterAll(async () => {
    await server.close();
    repo.cleanup();
  });

  it('exits as the gate decides: new high finding → 1, fail-on critical → 0, mode all with existing highs → 1', () => {
    expect(runs.map((r) => r.stderr)).toEqual(['', '', '']);
    expect(runs.map((r) => r.code)).toEqual([1, 0, 1]);
    expect(runs[0].stdout).toContain('::error::Evident: 1 new finding at or above high (see the job summary and the Evident check run)\n');
    expect(runs[1].stdout).not.toContain('::error');
  });

  it('writes findings, new-findings, sarif-file and evidence-dir to GITHUB_OUTPUT', () => {
    const sarifFile = path.join(repo.dir, 'evident.sarif');
    expect(runs.map((r) => r.outputs)).toEqual([
      { findings: String(active), 'new-findings': '1', 'sarif-file': sarifFile, 'evidence-dir': path.join(repo.dir, 'evidence') },
      { findings: String(active), 'new-findings': '1', 'sarif-file': sarifFile, 'evidence-dir': '' },
      { findings: String(active), 'new-findings': '1', 'sarif-file': sarifFile, 'evidence-dir': '' },
    ]);
  });

  it('writes an evidence pack that verifies', () => {
    const dir = runs[0].outputs['evidence-dir'];
    expect(verifyPack(dir).problems).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual([...ARTIFACT_FILES, MANIFEST_FILE].sort());
  });

  it('writes a valid SARIF file with every finding, only the introduced one new against the base', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(active).toBeGreaterThan(1);
    const introduced = sarif.runs[0].results.filter((r) => r.baselineState === 'new');
    expect(introduced.map((r) => r.ruleId)).toEqual([INTRODUCED.ruleId]);
    expect(introduced[0].locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: INTRODUCED.file }, region: { startLine: INTRODUCED.line } });
    expect(sarif.runs[0].results.filter((r) => r.baselineState === 'unchanged')).toHaveLength(sarif.runs[0].results.length - 1);
  });

  it('creates one check run per run on the head commit, annotating the findings in scope', () => {
    expect(server.checkRuns.map((r) => [r.name, r.head_sha, r.status, r.conclusion, r.annotations.length])).toEqual([
      ['Evident', repo.headSha, 'completed', 'failure', 1],
      ['Evident', repo.headSha, 'completed', 'neutral', 1],
      ['Evident', repo.headSha, 'completed', 'failure', active],
    ]);
    const [first] = server.checkRuns;
    expect(first.details_url).toBe(`${server.webUrl}/${OWNER}/${REPO}/actions/runs/9001`);
    expect(first.output?.title).toBe('1 new finding at or above high');
    expect(first.output?.summary).toContain('### ✖ Evident: 1 new finding at or above high');
    expect(first.annotations[0]).toEqual({
      path: INTRODUCED.file,
      start_line: INTRODUCED.line,
      end_line: INTRODUCED.line,
      annotation_level: 'failure',
      title: 'EVD-WKL-001 Container runs privileged',
      message: 'Container "declaration-service" runs privileged',
      raw_details: expect.stringMatching(/^Remediation: Remove `securityContext.privileged: true`;.*\nResource: Deployment\/app-acme\/declaration-service\nAttribute: spec\.template\.spec\.containers\[0\]\.securityContext\.privileged\n/s),
    });
    expect(server.requests.every((r) => r.headers.authorization === `token ${RUNNER_TOKEN}`)).toBe(true);
  });

  it('keeps ONE pull-request comment: created by the first run, updated by the next two', () => {
    const comments = server.commentsOn(OWNER, REPO, PR_NUMBER);
    expect(comments).toHaveLength(1);
    expect(server.requestsTo('POST', /\/issues\/\d+\/comments$/).map((r) => r.status)).toEqual([201]);
    expect(server.requestsTo('PATCH', /\/issues\/comments\/\d+$/).map((r) => `${r.path} ${r.status}`)).toEqual([
      `/repos/${OWNER}/${REPO}/issues/comments/${comments[0].id} 200`,
      `/repos/${OWNER}/${REPO}/issues/comments/${comments[0].id} 200`,
    ]);
    const body = comments[0].body;
    expect(body.startsWith(`${COMMENT_MARKER}\n### ✖ Evident: `)).toBe(true);
    expect(body).toContain(`[${INTRODUCED.file}:${INTRODUCED.line}](${server.webUrl}/${OWNER}/${REPO}/blob/${repo.headSha}/${INTRODUCED.file}#L${INTRODUCED.line})`);
    expect(body).toContain(`<summary>${active - 1} existing findings (already on <code>${repo.baseSha.slice(0, 7)}</code>)</summary>`);
    expect(body).toContain(`[Workflow run](${server.webUrl}/${OWNER}/${REPO}/actions/runs/9001) · fail-on \`high\` · mode \`all\``);
  });

  it('writes the job summary every time, without the comment marker', () => {
    expect(runs[0].summary.startsWith('### ✖ Evident: 1 new finding at or above high\n')).toBe(true);
    expect(runs[1].summary.startsWith('### ✔ Evident: no new findings at or above critical\n')).toBe(true);
    for (const run of runs) expect(run.summary).not.toContain(COMMENT_MARKER);
  });
});
