import { cli } from './cli.js';

/** Entry point of the `evident` binary: real process streams and exit code. */
export async function main(): Promise<void> {
  try {
    process.exitCode = await cli(process.argv.slice(2), {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      env: process.env,
      cwd: process.cwd(),
      isTTY: process.stdout.isTTY === true,
      now: () => new Date(),
    });
  } catch (error) {
    process.stderr.write(`evident: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  }
}
