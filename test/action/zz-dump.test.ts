import { it } from 'vitest';
import { runAction } from '/work/main/src/action/run.js';
import { GitHubServer } from '/work/main/test/helpers/github-server.js';
import { createPullRequestRepo, runnerEnv, OWNER, REPO, PR_NUMBER } from '/work/main/test/action/pull-request.js';
import { FIXED_NOW } from '/work/main/test/helpers/clock.js';
import { writeFileSync } from 'node:fs';
it('dump', async () => {
  const repo = createPullRequestRepo();
  const server = await GitHubServer.start();
  const env = runnerEnv(repo, { apiUrl: server.url, serverUrl: 'https://github.com', inputs: {} });
  let out = '';
  await runAction({ stdout: (t) => (out += t), stderr: (t) => (out += t), env, cwd: repo.dir, isTTY: false, now: () => FIXED_NOW });
  writeFileSync('/tmp/comment.md', server.commentsOn(OWNER, REPO, PR_NUMBER)[0].body);
  writeFileSync('/tmp/stdout.txt', out);
  writeFileSync('/tmp/check.json', JSON.stringify(server.checkRuns, null, 2));
  await server.close(); repo.cleanup();
});
