import { readFileSync } from 'node:fs';

/** The pull request an Actions run is for (`pull_request` or `pull_request_target` events). */
export interface PullRequestContext {
  number: number;
  headSha: string;
  baseSha: string;
  /** `owner/name` of the repository the branch lives in; a fork's differs from the base repository. */
  headRepo?: string;
  baseRepo: string;
  /** A fork's pull request runs with a read-only token. A deleted fork (head repo null) is a fork too. */
  fork: boolean;
}

/** What the Actions runner tells a step about its run, from the environment and the event payload. */
export interface GitHubContext {
  owner?: string;
  repo?: string;
  eventName?: string;
  sha?: string;
  workspace: string;
  /** REST base URL; GitHub Enterprise Server's is `https://HOST/api/v3`. */
  apiUrl: string;
  serverUrl: string;
  runId?: string;
  pullRequest?: PullRequestContext;
}

export class ContextError extends Error {}

interface PullRequestPayload {
  number?: unknown;
  head?: { sha?: unknown; repo?: { full_name?: unknown } | null };
  base?: { sha?: unknown; repo?: { full_name?: unknown } | null };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function pullRequestOf(payload: PullRequestPayload, eventPath: string, repository: string | undefined): PullRequestContext {
  const headSha = text(payload.head?.sha);
  const baseSha = text(payload.base?.sha);
  if (typeof payload.number !== 'number' || headSha === undefined || baseSha === undefined) {
    throw new ContextError(`${eventPath}: pull_request needs number, head.sha and base.sha`);
  }
  const headRepo = text(payload.head?.repo?.full_name);
  const baseRepo = text(payload.base?.repo?.full_name) ?? repository ?? '';
  return { number: payload.number, headSha, baseSha, ...(headRepo === undefined ? {} : { headRepo }), baseRepo, fork: headRepo?.toLowerCase() !== baseRepo.toLowerCase() };
}

export function readContext(env: NodeJS.ProcessEnv, cwd: string): GitHubContext {
  const repository = text(env.GITHUB_REPOSITORY);
  const [owner, repo] = repository?.split('/') ?? [];
  const context: GitHubContext = {
    workspace: text(env.GITHUB_WORKSPACE) ?? cwd,
    apiUrl: text(env.GITHUB_API_URL) ?? 'https://api.github.com',
    serverUrl: (text(env.GITHUB_SERVER_URL) ?? 'https://github.com').replace(/\/+$/, ''),
  };
  if (owner && repo) Object.assign(context, { owner, repo });
  for (const [key, name] of [
    ['eventName', 'GITHUB_EVENT_NAME'],
    ['sha', 'GITHUB_SHA'],
    ['runId', 'GITHUB_RUN_ID'],
  ] as const) {
    const value = text(env[name]);
    if (value !== undefined) context[key] = value;
  }
  const eventPath = text(env.GITHUB_EVENT_PATH);
  if (eventPath === undefined) return context;
  let payload: { pull_request?: PullRequestPayload };
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8')) as typeof payload;
  } catch (error) {
    throw new ContextError(`cannot read the event payload ${eventPath}: ${(error as Error).message}`);
  }
  if (payload.pull_request) context.pullRequest = pullRequestOf(payload.pull_request, eventPath, repository);
  return context;
}
