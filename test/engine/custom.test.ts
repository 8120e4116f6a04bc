import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pinnedOpa } from '../../src/engine/opa-binary.js';
import { scan } from '../../src/scan.js';
import { runCli } from '../helpers/cli.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { FIXTURES, REPO_ROOT } from '../helpers/paths.js';

const example = `${FIXTURES}/custom-policies`;

describe('custom policies', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'evident-custom-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('run at scan time from the committed WASM, without any opa binary, with the controls their METADATA declares', () => {
    const report = scan({ root: example, now: FIXED_NOW });
    expect(report.diagnostics).toEqual([]);
    const custom = report.findings.filter((f) => f.ruleId === 'ACME-TAG-001');
    expect(custom).toMatchObject([
      {
        messageId: 'invalid',
        message: 'DataClassification "secret" is not one of public, internal, confidential, restricted',
        location: { file: 'main.tf', line: 6 },
        controls: [
          { framework: 'iso27001-2022', id: '5.12' },
          { framework: 'soc2-2017', id: 'C1.1' },
        ],
      },
    ]);
    expect(report.rules.map((r) => r.id)).toContain('ACME-TAG-001');
  });

  it('are reported, not fatal, when configured but not compiled', () => {
    const copy = path.join(work, 'uncompiled');
    cpSync(example, copy, { recursive: true });
    rmSync(path.join(copy, 'org-policies/compiled'), { recursive: true });
    const report = scan({ root: copy, now: FIXED_NOW });
    expect(report.diagnostics).toMatchObject([{ code: 'policy-error', file: 'evident.config.yaml', message: expect.stringContaining('run "evident policy build"') }]);
    expect(report.rules.some((r) => r.id === 'ACME-TAG-001')).toBe(false);
    expect(report.rules.some((r) => r.id.startsWith('EVD-'))).toBe(true);
  });

  const lookup = pinnedOpa();
  (lookup.ok ? describe : describe.skip)('with an opa binary', () => {
    it('evident policy test runs their tests', async () => {
      const run = await runCli(['policy', 'test', '--root', example], { cwd: REPO_ROOT });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('PASS: 3/3');
    });

    it('evident policy build reproduces the committed bundle byte for byte, wherever the repository lives', async () => {
      const copy = path.join(work, 'moved', 'somewhere else');
      cpSync(example, copy, { recursive: true });
      const run = await runCli(['policy', 'build', '--root', copy], { cwd: REPO_ROOT });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      for (const file of ['custom.wasm', 'custom.manifest.json']) {
        expect(readFileSync(path.join(copy, 'org-policies/compiled', file)).equals(readFileSync(path.join(example, 'org-policies/compiled', file))), file).toBe(true);
      }
    });

    it('evident policy build names the file of a broken METADATA block', async () => {
      const copy = path.join(work, 'broken');
      cpSync(example, copy, { recursive: true });
      const rule = path.join(copy, 'org-policies/tagging/data_classification.rego');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(rule, readFileSync(rule, 'utf8').replace('severity: medium', 'severity: severe'));
      const run = await runCli(['policy', 'build', '--root', copy], { cwd: REPO_ROOT });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/org-policies\/tagging\/data_classification\.rego:\d+: METADATA: custom\.severity/);
    });
  });
});
