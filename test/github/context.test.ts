import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContextError, readContext } from '../../src/github/context.js';

describe('readContext', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'evident-context-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const event = (name: string, payload: unknown): string => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof payload === 'string' ? payload : JSON.stringify(payload));
    return file;
  };
  const pr = (headRepo: string | null) => ({
    pull_request: { number: 7, head: { sha: 'h'.repeat(40), repo: headRepo === null ? null : { full_name: headRepo } }, base: { sha: 'b'.repeat(40), repo: { full_name: 'acme/infra' } } },
  });

  it('reads the repository, URLs, run and the pull request of the event', () => {
    const context = readContext(
      {
        GITHUB_REPOSITORY: 'acme/infra',
        GITHUB_SHA: 'm'.repeat(40),
        GITHUB_WORKSPACE: '/home/runner/work/infra/infra',
        GITHUB_API_URL: 'https://ghes.example.com/api/v3',
        GITHUB_SERVER_URL: 'https://ghes.example.com/',
        GITHUB_RUN_ID: '123',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event('same.json', pr('acme/infra')),
      },
      '/elsewhere',
    );
    expect(context).toEqual({
      owner: 'acme',
      repo: 'infra',
      eventName: 'pull_request',
      sha: 'm'.repeat(40),
      workspace: '/home/runner/work/infra/infra',
      apiUrl: 'https://ghes.example.com/api/v3',
      serverUrl: 'https://ghes.example.com',
      runId: '123',
      pullRequest: { number: 7, headSha: 'h'.repeat(40), baseSha: 'b'.repeat(40), headRepo: 'acme/infra', baseRepo: 'acme/infra', fork: false },
    });
  });

  it('knows a fork, and a deleted fork, by the head repository', () => {
    expect(readContext({ GITHUB_EVENT_PATH: event('fork.json', pr('mallory/infra')) }, '/').pullRequest?.fork).toBe(true);
    expect(readContext({ GITHUB_EVENT_PATH: event('deleted.json', pr(null)) }, '/').pullRequest).toMatchObject({ fork: true, baseRepo: 'acme/infra' });
  });

  it('defaults to github.com and the working directory outside Actions, and has no pull request on a push', () => {
    expect(readContext({ GITHUB_EVENT_PATH: event('push.json', { ref: 'refs/heads/main', after: 'a'.repeat(40) }) }, '/work')).toEqual({
      workspace: '/work',
      apiUrl: 'https://api.github.com',
      serverUrl: 'https://github.com',
    });
  });

  it('names the event file when it is broken', () => {
    const broken = event('broken.json', '{"pull_request": ');
    expect(() => readContext({ GITHUB_EVENT_PATH: broken }, '/')).toThrow(ContextError);
    expect(() => readContext({ GITHUB_EVENT_PATH: broken }, '/')).toThrow(`cannot read the event payload ${broken}`);
    const partial = event('partial.json', { pull_request: { number: 7, head: { sha: 'h'.repeat(40) } } });
    expect(() => readContext({ GITHUB_EVENT_PATH: partial }, '/')).toThrow(`${partial}: pull_request needs number, head.sha and base.sha`);
  });
});
