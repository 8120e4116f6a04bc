import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';

/** git is missing, the directory is not in a repository, or a ref does not exist: the user must fix their setup. */
export class GitError extends Error {}

/** Variables a git hook exports that would point our own git calls at another index or directory. */
const HOOK_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY'];

export interface GitOptions {
  input?: string | Buffer;
  /** Keep GIT_INDEX_FILE & co. from the environment: reading the index a pre-commit hook is about to commit. */
  inheritHookVariables?: boolean;
}

/** Runs git without a shell; hooks and fsmonitor are disabled so that nothing the repository configures runs. */
export function git(cwd: string, args: string[], options: GitOptions = {}): Buffer {
  const env = { ...process.env };
  if (!options.inheritHookVariables) for (const name of HOOK_VARIABLES) delete env[name];
  const run = spawnSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', ...args], {
    cwd,
    env,
    input: options.input,
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (run.error) throw new GitError(`cannot run git: ${run.error.message}`);
  if (run.status !== 0) {
    const reason = run.stderr.toString('utf8').trim().split('\n')[0] || `exit code ${run.status}`;
    throw new GitError(`git ${args[0]} failed: ${reason}`);
  }
  return run.stdout;
}

export function gitText(cwd: string, args: string[], options: GitOptions = {}): string {
  return git(cwd, args, options).toString('utf8');
}

/** NUL-separated output (`-z`), without the trailing empty entry. */
export function gitList(cwd: string, args: string[], options: GitOptions = {}): string[] {
  return gitText(cwd, args, options)
    .split('\0')
    .filter((entry) => entry !== '');
}

/** The top directory of the work tree containing `dir`, resolved through symbolic links. */
export function repositoryTop(dir: string, options: GitOptions = {}): string {
  let top: string;
  try {
    top = gitText(dir, ['rev-parse', '--show-toplevel'], options).trim();
  } catch (error) {
    if (error instanceof GitError) throw new GitError(`${dir} is not inside a git work tree (${error.message})`);
    throw error;
  }
  return realpathSync(top);
}

/** The commit a ref names, or a GitError naming the ref. */
export function resolveCommit(top: string, ref: string): string {
  try {
    return gitText(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).trim();
  } catch {
    throw new GitError(`unknown git ref "${ref}"`);
  }
}

/** `file` relative to `top`, with forward slashes; undefined when it lies outside. */
export function relativeTo(top: string, file: string): string | undefined {
  const relative = path.relative(top, realpathSync(file)).split(path.sep).join('/');
  return relative.startsWith('../') || relative === '..' || path.isAbsolute(relative) ? undefined : relative;
}
