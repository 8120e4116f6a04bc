import { Octokit, RequestError } from 'octokit';

export type GitHubClient = InstanceType<typeof Octokit>;

/** A rate-limited request is retried this many times at most. */
const MAX_RATE_LIMIT_RETRIES = 3;
/** Waiting longer than this for a rate limit to reset would hold the job hostage; give up instead. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 60;
/** 5xx and network errors: retried with 1 s, 4 s, 9 s back-off. */
const MAX_SERVER_ERROR_RETRIES = 3;

export interface ClientOptions {
  token: string;
  /** The REST base URL: `https://api.github.com`, or `https://ghes.example.com/api/v3` on GitHub Enterprise Server. */
  baseUrl: string;
  userAgent: string;
  /** Where retry decisions are reported (the job log). */
  warn(message: string): void;
}

export function createClient(options: ClientOptions): GitHubClient {
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const retry = retryCount < MAX_RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
      options.warn(
        retry
          ? `GitHub ${kind} for ${request.method} ${request.url}: retrying after ${retryAfter} s (attempt ${retryCount + 2})`
          : `GitHub ${kind} for ${request.method} ${request.url}: giving up (retry after ${retryAfter} s, ${retryCount} retries so far)`,
      );
      return retry;
    };
  return new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: options.userAgent,
    log: { debug: () => {}, info: () => {}, warn: (message: string) => options.warn(message), error: (message: string) => options.warn(message) },
    throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit') },
    // 403 and 429 are rate limits: the throttling plugin retries them after `retry-after` / `x-ratelimit-reset`.
    retry: { retries: MAX_SERVER_ERROR_RETRIES, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
  });
}

/**
 * The token cannot write here: a pull request from a fork gets a read-only GITHUB_TOKEN
 * ("Resource not accessible by integration"), and a token that cannot see a resource gets 404.
 */
export function isPermissionError(error: unknown): error is RequestError {
  if (!(error instanceof RequestError)) return false;
  if (error.status === 404) return true;
  if (error.status !== 403) return false;
  const headers = error.response?.headers ?? {};
  return headers['x-ratelimit-remaining'] !== '0' && !/rate limit/i.test(error.message);
}

/** GitHub's own message for an API error, else the error's. */
export function describeError(error: unknown): string {
  if (error instanceof RequestError) {
    const data = error.response?.data as { message?: string } | undefined;
    const message = typeof data?.message === 'string' ? data.message : error.message;
    return `${error.request.method} ${new URL(error.request.url).pathname}: HTTP ${error.status}: ${message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
