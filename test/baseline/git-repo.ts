import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A throwaway git repository for tests: commits need no global identity and sign nothing. */
export class GitRepo {
  readonly dir: string = realpathSync(mkdtempSync(path.join(tmpdir(), 'evident-git-')));

  constructor() {
    this.git('init', '--quiet', '--initial-branch=main');
  }

  git(...args: string[]): string {
    const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd: this.dir, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
    return run.stdout.trim();
  }

  write(file: string, text: string): void {
    mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    writeFileSync(path.join(this.dir, file), text);
  }

  remove(file: string): void {
    rmSync(path.join(this.dir, file));
  }

  /** Stages everything and commits; returns the commit id. */
  commit(message: string): string {
    this.git('add', '--all');
    this.git('commit', '--quiet', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  worktrees(): string {
    return this.git('worktree', 'list', '--porcelain');
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A Pod that breaks no rule unless asked to: `privileged` (EVD-WKL-001, line 16) or `hostNetwork` (EVD-WKL-005, line 10), shifted by `leadingComments`. */
export function pod(name: string, options: { privileged?: boolean; hostNetwork?: boolean; leadingComments?: number } = {}): string {
  return `${'# moved here\n'.repeat(options.leadingComments ?? 0)}apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: app
  labels: {app.kubernetes.io/name: ${name}, app.kubernetes.io/part-of: demo}
spec:
  securityContext:
    runAsNonRoot: true
  hostNetwork: ${options.hostNetwork === true}
  containers:
    - name: main
      image: nginx:1.27
      securityContext:
        allowPrivilegeEscalation: false
        privileged: ${options.privileged === true}
`;
}
