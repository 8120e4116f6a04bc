import { RequestError } from 'octokit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, describeError, isPermissionError, MAX_RATE_LIMIT_WAIT_SECONDS, type GitHubClient } from '../../src/github/client.js';
import { GitHubServer, READ_ONLY_MESSAGE } from '../helpers/github-server.js';

const HEAD = 'b'.repeat(40);

function createCheck(client: GitHubClient) {
  return client.rest.checks.create({ owner: 'acme', repo: 'infra', name: 'Evident', head_sha: HEAD, status: 'completed', conclusion: 'success' });
}

describe('the GitHub client', () => {
  let server: GitHubServer;
  let client: GitHubClient;
  let warnings: string[];
  beforeEach(async () => {
    server = await GitHubServer.start();
    warnings = [];
    client = createClient({ token: 'ghs_test', baseUrl: server.url, userAgent: 'evident-test', warn: (m) => warnings.push(m) });
  });
  afterEach(() => server.close());

  it('authenticates with the token and names itself', async () => {
    await createCheck(client);
    expect(server.requests[0].headers.authorization).toBe('token ghs_test');
    expect(server.requests[0].headers['user-agent']).toMatch(/^evident-test /);
  });

  it('waits out a secondary rate limit (403, retry-after) and retries', async () => {
    server.secondaryRateLimitOnce(403, 1);
    const created = await createCheck(client);
    expect(created.status).toBe(201);
    expect(server.requests.map((r) => r.status)).toEqual([403, 201]);
    expect(warnings).toEqual([`GitHub secondary rate limit for POST /repos/{owner}/{repo}/check-runs: retrying after 1 s (attempt 2)`]);
  });

  it('waits out a 429 with retry-after and retries', async () => {
    server.secondaryRateLimitOnce(429, 1);
    await createCheck(client);
    expect(server.requests.map((r) => r.status)).toEqual([429, 201]);
    expect(warnings[0]).toContain('retrying after 1 s');
  });

  it('waits for x-ratelimit-reset when the hourly quota is used up, then retries', async () => {
    server.primaryRateLimitOnce(Math.ceil(Date.now() / 1000) + 1);
    const listed = await client.rest.issues.listComments({ owner: 'acme', repo: 'infra', issue_number: 3 });
    expect(listed.data).toEqual([]);
    expect(server.requests.map((r) => r.status)).toEqual([403, 200]);
    expect(warnings[0]).toMatch(/^GitHub rate limit for GET \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}\/comments: retrying after [1-3] s/);
  });

  it('does not hold the job for a rate limit that resets beyond the bound', async () => {
    server.secondaryRateLimitOnce(403, MAX_RATE_LIMIT_WAIT_SECONDS + 1);
    const error = await createCheck(client).catch((e: unknown) => e);
    expect((error as RequestError).status).toBe(403);
    expect(server.requests).toHaveLength(1);
    expect(warnings[0]).toContain(`giving up (retry after ${MAX_RATE_LIMIT_WAIT_SECONDS + 1} s`);
    expect(isPermissionError(error)).toBe(false);
  });

  it('retries a 502 from a proxy', async () => {
    server.badGatewayOnce();
    await createCheck(client);
    expect(server.requests.map((r) => r.status)).toEqual([502, 201]);
    expect(server.checkRuns).toHaveLength(1);
  });

  it('recognises a read-only token (a fork) without retrying', async () => {
    server.readOnly = true;
    const error = await createCheck(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(isPermissionError(error)).toBe(true);
    expect(describeError(error)).toBe(`POST /repos/acme/infra/check-runs: HTTP 403: ${READ_ONLY_MESSAGE}`);
    expect(server.requests).toHaveLength(1);
  });

  it('treats other errors as what they are', async () => {
    const error = await client.rest.checks.create({ owner: 'acme', repo: 'infra', name: 'Evident', head_sha: 'not-a-sha' }).catch((e: unknown) => e);
    expect((error as RequestError).status).toBe(422);
    expect(isPermissionError(error)).toBe(false);
    expect(isPermissionError(new Error('boom'))).toBe(false);
    expect(describeError(new Error('boom'))).toBe('boom');
  });
});

describe('on GitHub Enterprise Server', () => {
  it('sends every request under the configured REST base URL (/api/v3)', async () => {
    const server = await GitHubServer.start({ prefix: '/api/v3' });
    try {
      const client = createClient({ token: 'ghs_test', baseUrl: `${server.url}/`, userAgent: 'evident-test', warn: () => {} });
      server.seedComments('acme', 'infra', 5, Array.from({ length: 101 }, (_, i) => `comment ${i}`));
      const all = await client.paginate(client.rest.issues.listComments, { owner: 'acme', repo: 'infra', issue_number: 5, per_page: 100 });
      await createCheck(client);
      expect(all).toHaveLength(101);
      expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        'GET /api/v3/repos/acme/infra/issues/5/comments 200',
        'GET /api/v3/repos/acme/infra/issues/5/comments 200',
        'POST /api/v3/repos/acme/infra/check-runs 201',
      ]);
    } finally {
      await server.close();
    }
  });
});
