import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markAgainstFile } from '../../src/baseline/index.js';
import { fingerprint } from '../../src/engine/engine.js';
import { scan } from '../../src/scan.js';
import { runCli } from '../helpers/cli.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { pod } from './git-repo.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'evident-baseline-file-'));
  writeFileSync(path.join(dir, 'b.yaml'), pod('b', { hostNetwork: true, privileged: true }));
  writeFileSync(path.join(dir, 'a.yaml'), pod('a', { privileged: true }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('evident baseline update', () => {
  it('writes every finding sorted by rule, resource and attribute, the same bytes every time', async () => {
    const run = await runCli(['baseline', 'update', '.'], { cwd: dir });
    expect(run).toEqual({ code: 0, stdout: 'wrote 3 findings to evident-baseline.json\n', stderr: '' });
    const written = readFileSync(path.join(dir, 'evident-baseline.json'), 'utf8');
    const document = JSON.parse(written);
    expect(document.version).toBe(1);
    expect(document.findings.map((e: { ruleId: string; address: string; path: string }) => `${e.ruleId} ${e.address} ${e.path}`)).toEqual([
      'EVD-WKL-001 Pod/app/a spec.containers[0].securityContext.privileged',
      'EVD-WKL-001 Pod/app/b spec.containers[0].securityContext.privileged',
      'EVD-WKL-005 Pod/app/b spec.hostNetwork',
    ]);
    for (const entry of document.findings) expect(entry.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    await runCli(['baseline', 'update', '.', '--timestamp', '2030-01-01T00:00:00Z'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'evident-baseline.json'), 'utf8')).toBe(written);
  });

  it('exits 2 without an action', async () => {
    const run = await runCli(['baseline'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('evident: baseline needs an action: evident baseline update [PATH...]');
  });
});

describe('scan --baseline FILE', () => {
  it('passes while only accepted findings remain and fails on a new one', async () => {
    await runCli(['baseline', 'update', '.'], { cwd: dir });
    const accepted = await runCli(['scan', '.', '--baseline', 'evident-baseline.json', '--format', 'compact'], { cwd: dir });
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toBe(
      [
        'a.yaml:16: EVD-WKL-001: Container "main" runs privileged (existing)',
        "b.yaml:10: EVD-WKL-005: Pod shares the host's network namespace (hostNetwork: true) (existing)",
        'b.yaml:16: EVD-WKL-001: Container "main" runs privileged (existing)',
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(dir, 'a.yaml'), pod('a', { privileged: true, hostNetwork: true }));
    const json = await runCli(['scan', '.', '--baseline', 'evident-baseline.json', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    const findings = JSON.parse(json.stdout).findings as { location: { file: string; line: number }; baseline: string }[];
    expect(findings.map((f) => `${f.location.file}:${f.location.line} ${f.baseline}`)).toEqual(['a.yaml:10 new', 'a.yaml:16 existing', 'b.yaml:10 existing', 'b.yaml:16 existing']);
  });

  it('exits 2 naming file, line and column of a broken baseline', async () => {
    writeFileSync(path.join(dir, 'evident-baseline.json'), '{\n  "version": 1,\n  "findings": [,]\n}\n');
    const run = await runCli(['scan', '.', '--baseline', 'evident-baseline.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^evident: .*evident-baseline\.json:3:16: baseline file is not valid JSON: Unexpected token ','\n/);
    writeFileSync(path.join(dir, 'other.json'), '{"findings": []}');
    const wrong = await runCli(['scan', '.', '--baseline', 'other.json'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('not an Evident baseline (version: version must be 1)');
  });

  it('matches fingerprints recorded under a former id of a renamed rule (aliases)', () => {
    const report = scan({ root: dir, now: FIXED_NOW });
    const privileged = report.findings.filter((f) => f.ruleId === 'EVD-WKL-001');
    const file = path.join(dir, 'old-baseline.json');
    const entries = privileged.map((f) => ({ fingerprint: fingerprint('EVD-K8S-001', f.resource, f.path), ruleId: 'EVD-K8S-001', address: f.resource.address, path: f.path }));
    writeFileSync(file, JSON.stringify({ version: 1, findings: entries }));
    const renamed = { ...report, rules: report.rules.map((r) => (r.id === 'EVD-WKL-001' ? { ...r, aliases: ['EVD-K8S-001'] } : r)) };
    const state = (r: typeof report): string[] => markAgainstFile(r, file).findings.map((f) => `${f.ruleId} ${f.resource.address} ${f.baseline}`);
    expect(state(renamed)).toEqual(['EVD-WKL-001 Pod/app/a existing', 'EVD-WKL-005 Pod/app/b new', 'EVD-WKL-001 Pod/app/b existing']);
    expect(state(report)).toEqual(['EVD-WKL-001 Pod/app/a new', 'EVD-WKL-005 Pod/app/b new', 'EVD-WKL-001 Pod/app/b new']);
  });
});
