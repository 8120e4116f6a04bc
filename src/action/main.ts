import { workflowCommand } from './runner.js';
import { runAction } from './run.js';

// Entry point of the GitHub Action (action.yml runs dist/index.js): the runner's environment and streams.
try {
  process.exitCode = await runAction({
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: false,
    now: () => new Date(),
  });
} catch (error) {
  process.stdout.write(workflowCommand('error', `Evident: internal error: ${(error as Error).stack ?? String(error)}`));
  process.exitCode = 2;
}
