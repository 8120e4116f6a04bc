import { FIXED_NOW } from './clock.js';
import { cli } from '../../src/cli/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as the bin shim does, capturing its output. */
export async function runCli(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; isTTY?: boolean }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await cli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: options.env ?? {},
    cwd: options.cwd,
    isTTY: options.isTTY ?? false,
    now: () => FIXED_NOW,
  });
  return { code, stdout, stderr };
}
