import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type GitHubClient } from '../../src/github/client.js';
import { COMMENT_MARKER, upsertPullRequestComment } from '../../src/github/pr-comment.js';
import { GitHubServer } from '../helpers/github-server.js';

const PR = { owner: 'acme', repo: 'infra', issueNumber: 17 };

describe('upsertPullRequestComment', () => {
  let server: GitHubServer;
  let client: GitHubClient;
  beforeEach(async () => {
    server = await GitHubServer.start();
    client = createClient({ token: 'ghs_test', baseUrl: server.url, userAgent: 'evident-test', warn: () => {} });
  });
  afterEach(() => server.close());

  it('creates the comment once, then edits that same comment', async () => {
    server.seedComments('acme', 'infra', 17, ['LGTM', 'please fix the privileged container']);
    const first = await upsertPullRequestComment(client, PR, `${COMMENT_MARKER}\nfirst run`);
    const second = await upsertPullRequestComment(client, PR, `${COMMENT_MARKER}\nsecond run`);
    expect(first.action).toBe('created');
    expect(second).toEqual({ id: first.id, htmlUrl: first.htmlUrl, action: 'updated' });
    expect(server.commentsOn('acme', 'infra', 17).map((c) => c.body)).toEqual(['LGTM', 'please fix the privileged container', `${COMMENT_MARKER}\nsecond run`]);
    expect(server.requestsTo('POST', /comments$/)).toHaveLength(1);
    expect(server.requestsTo('PATCH', /^\/repos\/acme\/infra\/issues\/comments\/\d+$/)).toHaveLength(1);
  });

  it('finds its comment on the second page of a long conversation (Link: rel="next")', async () => {
    server.seedComments('acme', 'infra', 17, Array.from({ length: 130 }, (_, i) => `review comment ${i}`));
    const [ours] = server.seedComments('acme', 'infra', 17, [`${COMMENT_MARKER}\nold results`], { login: 'github-actions[bot]', type: 'Bot' });
    server.seedComments('acme', 'infra', 17, ['a later comment']);
    const result = await upsertPullRequestComment(client, PR, `${COMMENT_MARKER}\nnew results`);
    expect(result).toMatchObject({ id: ours.id, action: 'updated' });
    const pages = server.requestsTo('GET', /\/issues\/17\/comments$/).map((r) => `${r.query.get('per_page')}:${r.query.get('page') ?? '1'}`);
    expect(pages).toEqual(['100:1', '100:2']);
    expect(server.requestsTo('POST', /comments$/)).toHaveLength(0);
    expect(server.commentsOn('acme', 'infra', 17)).toHaveLength(132);
    expect(server.commentsOn('acme', 'infra', 17)[130].body).toBe(`${COMMENT_MARKER}\nnew results`);
  });

  it('ignores comments that only quote the marker further down', async () => {
    server.seedComments('acme', 'infra', 17, [`> see above\n${COMMENT_MARKER}`]);
    const result = await upsertPullRequestComment(client, PR, `${COMMENT_MARKER}\nresults`);
    expect(result.action).toBe('created');
    expect(server.commentsOn('acme', 'infra', 17)).toHaveLength(2);
  });

  it('refuses a body without the marker, which a later run could not find', async () => {
    await expect(upsertPullRequestComment(client, PR, 'results')).rejects.toThrow(`must start with ${COMMENT_MARKER}`);
    expect(server.requests).toHaveLength(0);
  });
});
