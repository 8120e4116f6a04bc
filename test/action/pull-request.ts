// A pull request as the Actions runner presents it: a git repository with a base and a head commit,
// the event payload, and the files the runner reads back (outputs, job summary).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { inputVariable } from '../../src/action/runner.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { FIXTURES, REPO_ROOT } from '../helpers/paths.js';

export const OWNER = 'acme';
export const REPO = 'complianceflow';
export const PR_NUMBER = 42;
/** What the runner substitutes for `${{ github.token }}`. */
export const RUNNER_TOKEN = 'ghs_runner_token';

/** The head commit's change: the base had `privileged: false` where the head has `privileged: true`. */
export const INTRODUCED = { ruleId: 'EVD-WKL-001', file: 'k8s/app/declaration-service.yaml', line: 28 };

export interface PullRequestRepo {
  /** The workspace: a clone with the head commit checked out. */
  dir: string;
  baseSha: string;
  headSha: string;
  /** Writes a pull_request event payload and returns its path. */
  event(options?: { fork?: boolean; headSha?: string }): string;
  /** A fresh file in the temporary directory (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY). */
  file(name: string): string;
  cleanup(): void;
}

function git(dir: string, args: string[]): string {
  const run = spawnSync('git', ['-c', 'user.name=Evident Test', '-c', 'user.email=test@evident.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, GIT_AUTHOR_DATE: '2026-11-20T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T10:00:00Z' },
  });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

/** fixtures/complianceflow as a repository whose head commit turns on a privileged container. */
export function createPullRequestRepo(): PullRequestRepo {
  const temp = mkdtempSync(path.join(tmpdir(), 'evident-pr-'));
  const dir = path.join(temp, 'workspace');
  cpSync(path.join(FIXTURES, 'complianceflow'), dir, { recursive: true });
  const changed = path.join(dir, INTRODUCED.file);
  const head = readFileSync(changed, 'utf8');
  const lines = head.split('\n');
  if (lines[INTRODUCED.line - 1].trim() !== 'privileged: true') throw new Error(`${INTRODUCED.file}:${INTRODUCED.line} is no longer "privileged: true"`);
  lines[INTRODUCED.line - 1] = lines[INTRODUCED.line - 1].replace('true', 'false');
  writeFileSync(changed, lines.join('\n'));
  git(dir, ['init', '--quiet']);
  git(dir, ['add', '--all']);
  git(dir, ['commit', '--quiet', '-m', 'base']);
  const baseSha = git(dir, ['rev-parse', 'HEAD']);
  writeFileSync(changed, head);
  git(dir, ['commit', '--quiet', '--all', '-m', 'Debug the declaration service']);
  const headSha = git(dir, ['rev-parse', 'HEAD']);
  return {
    dir,
    baseSha,
    headSha,
    event(options = {}) {
      const file = path.join(temp, `event-${options.fork ? 'fork' : 'same'}.json`);
      const baseRepo = { full_name: `${OWNER}/${REPO}` };
      const payload = {
        action: 'synchronize',
        number: PR_NUMBER,
        pull_request: {
          number: PR_NUMBER,
          head: { sha: options.headSha ?? headSha, ref: 'debug', repo: options.fork ? { full_name: 'mallory/complianceflow' } : baseRepo },
          base: { sha: baseSha, ref: 'main', repo: baseRepo },
        },
        repository: baseRepo,
      };
      writeFileSync(file, JSON.stringify(payload));
      return file;
    },
    file(name) {
      const file = path.join(temp, name);
      writeFileSync(file, '');
      return file;
    },
    cleanup() {
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

/** How the runner reads GITHUB_OUTPUT: `name<<DELIMITER` heredocs (a later value of a name wins). */
export function parseOutputs(text: string): Record<string, string> {
  const lines = text.split('\n');
  const out: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc === null) continue;
    const end = lines.indexOf(heredoc[2], i + 1);
    out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return out;
}

interface ActionManifest {
  inputs: Record<string, { default?: string }>;
}

/**
 * The environment the runner gives the action's process: GITHUB_* context, and an INPUT_* variable for every
 * input of action.yml (its default unless `inputs` sets it), with `${{ github.token }}` evaluated to RUNNER_TOKEN.
 */
export function runnerEnv(repo: PullRequestRepo, options: { apiUrl: string; serverUrl: string; inputs?: Record<string, string>; event?: string }): NodeJS.ProcessEnv {
  const manifest = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionManifest;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: options.event ?? repo.event(),
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_SHA: repo.headSha,
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: options.serverUrl,
    GITHUB_RUN_ID: '9001',
    GITHUB_OUTPUT: repo.file('output'),
    GITHUB_STEP_SUMMARY: repo.file('summary.md'),
    SOURCE_DATE_EPOCH: String(FIXED_NOW.getTime() / 1000),
  };
  for (const [name, input] of Object.entries(manifest.inputs)) {
    const value = options.inputs?.[name] ?? input.default ?? '';
    env[inputVariable(name)] = value.replace('${{ github.token }}', RUNNER_TOKEN);
  }
  return env;
}
