/** What the CLI may touch of its environment; tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
  /** The system clock; used only when neither --timestamp nor SOURCE_DATE_EPOCH is given. */
  now(): Date;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

/** One `evident <name>` command; cli.ts dispatches to it and prints its usage in --help. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(io: CliIO, args: string[]): Promise<number>;
}
