import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundle, entries } from '../../scripts/build-dist.mjs';
import { REPO_ROOT } from '../helpers/paths.js';

describe('the evident binary', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'evident-dist-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is built from the current sources (dist/ is not stale)', async () => {
    await bundle(out);
    for (const name of Object.keys(entries)) {
      const fresh = readFileSync(path.join(out, `${name}.js`));
      const committed = readFileSync(path.join(REPO_ROOT, 'dist', `${name}.js`));
      expect(fresh.equals(committed), `dist/${name}.js is stale: run \`npm run build\` and commit it`).toBe(true);
    }
  });

  it('scans the example repository from a clone: findings on stdout, exit code 1', () => {
    const run = spawnSync(process.execPath, ['bin/evident.js', 'scan', 'fixtures/complianceflow'], { cwd: REPO_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('k8s/app/declaration-service.yaml\n');
    expect(run.stdout).toMatch(/✖ \d+ findings/);
  });

  it('exits 2 on a usage error', () => {
    const run = spawnSync(process.execPath, ['bin/evident.js', 'scan', '--format', 'pdf'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--format must be one of');
  });
});
