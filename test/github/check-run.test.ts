import { RequestError } from 'octokit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishCheckRun, type CheckAnnotation } from '../../src/github/check-run.js';
import { createClient, type GitHubClient } from '../../src/github/client.js';
import { GitHubServer } from '../helpers/github-server.js';

const HEAD = 'a'.repeat(40);

function annotations(count: number): CheckAnnotation[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `k8s/app-${i}.yaml`,
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: i % 2 === 0 ? 'failure' : 'warning',
    title: `EVD-WKL-001 Container runs privileged`,
    message: `finding ${i}`,
    raw_details: 'Remediation: drop privileged',
  }));
}

describe('publishCheckRun', () => {
  let server: GitHubServer;
  let client: GitHubClient;
  beforeEach(async () => {
    server = await GitHubServer.start();
    client = createClient({ token: 'ghs_test', baseUrl: server.url, userAgent: 'evident-test', warn: () => {} });
  });
  afterEach(() => server.close());

  it('creates the run with the first 50 annotations and appends the rest 50 at a time (120 → 50/50/20)', async () => {
    const published = await publishCheckRun(client, {
      owner: 'acme',
      repo: 'infra',
      name: 'Evident',
      headSha: HEAD,
      conclusion: 'failure',
      title: '2 new findings at or above high',
      summary: '### ✖ Evident',
      detailsUrl: 'https://github.example.test/acme/infra/actions/runs/7',
      annotations: annotations(120),
    });
    const writes = server.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /repos/acme/infra/check-runs 201',
      `PATCH /repos/acme/infra/check-runs/${published.id} 200`,
      `PATCH /repos/acme/infra/check-runs/${published.id} 200`,
    ]);
    expect(writes.map((r) => (r.body as { output: { annotations: unknown[] } }).output.annotations.length)).toEqual([50, 50, 20]);
    expect(server.checkRuns).toHaveLength(1);
    const [run] = server.checkRuns;
    expect(run).toMatchObject({ name: 'Evident', head_sha: HEAD, status: 'completed', conclusion: 'failure', details_url: 'https://github.example.test/acme/infra/actions/runs/7' });
    expect(run.output).toEqual({ title: '2 new findings at or above high', summary: '### ✖ Evident' });
    expect(run.annotations.map((a) => a.message)).toEqual(annotations(120).map((a) => a.message));
    expect(published.htmlUrl).toBe(`https://github.example.test/acme/infra/runs/${published.id}`);
  });

  it('sends 50 annotations or fewer in the one create request', async () => {
    await publishCheckRun(client, { owner: 'acme', repo: 'infra', name: 'Evident', headSha: HEAD, conclusion: 'success', title: 't', summary: 's', annotations: annotations(50) });
    expect(server.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 201']);
    expect(server.checkRuns[0].annotations).toHaveLength(50);
  });

  it('sends no annotations array when there is nothing to annotate', async () => {
    await publishCheckRun(client, { owner: 'acme', repo: 'infra', name: 'Evident', headSha: HEAD, conclusion: 'success', title: 'no findings', summary: 's', annotations: [] });
    expect(server.requests[0].body).toMatchObject({ conclusion: 'success', output: { title: 'no findings', summary: 's' } });
    expect((server.requests[0].body as { output: object }).output).not.toHaveProperty('annotations');
  });

  it('clips annotation titles to the 255 characters GitHub accepts', async () => {
    const [long] = annotations(1);
    await publishCheckRun(client, { owner: 'acme', repo: 'infra', name: 'Evident', headSha: HEAD, conclusion: 'failure', title: 't', summary: 's', annotations: [{ ...long, title: 'x'.repeat(400) }] });
    expect(server.requests[0].status).toBe(201);
    expect(server.checkRuns[0].annotations[0].title).toBe(`${'x'.repeat(254)}…`);
  });

  it('is checked against a server that, like GitHub, rejects 51 annotations in one request', async () => {
    const error = await client.rest.checks
      .create({ owner: 'acme', repo: 'infra', name: 'Evident', head_sha: HEAD, output: { title: 't', summary: 's', annotations: annotations(51) } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).status).toBe(422);
    expect((error as RequestError).message).toContain('No more than 50 items are allowed; 51 were supplied.');
  });
});
