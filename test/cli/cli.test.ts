import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, REPO_ROOT } from '../helpers/paths.js';

const ESC = '\u001b[';
let temp: string | undefined;
afterEach(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
  temp = undefined;
});

describe('evident scan', () => {
  it('exits 1 when findings reach the default threshold (high) and prints them grouped by file', async () => {
    const run = await runCli(['scan', 'fixtures/complianceflow'], { cwd: REPO_ROOT });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('k8s/mgmt/log-shipper.yaml\n  19:7    high     EVD-WKL-005  Pod shares the host\'s network namespace (hostNetwork: true)  DaemonSet/mgmt-shared/log-shipper\n');
    expect(run.stdout).not.toContain(ESC);
  });

  it('prints its own usage with --help and scans nothing', async () => {
    const run = await runCli(['scan', 'fixtures/complianceflow', '--help'], { cwd: REPO_ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: evident scan \[options\]\n/);
    expect(run.stdout).toContain('--evidence DIR');
    expect(run.stdout).not.toContain('EVD-');
  });

  it('sets the exit code from --fail-on', async () => {
    // One high and one medium finding there.
    const at = async (level: string) => (await runCli(['scan', 'fixtures/kubernetes/malformed', '--fail-on', level], { cwd: REPO_ROOT })).code;
    expect(await at('critical')).toBe(0);
    expect(await at('high')).toBe(1);
    expect(await at('medium')).toBe(1);
    expect(await at('none')).toBe(0);
  });

  it('colours only on a TTY and never with NO_COLOR', async () => {
    expect((await runCli(['scan', 'fixtures/complianceflow'], { cwd: REPO_ROOT, isTTY: true })).stdout).toContain(`${ESC}31mhigh`);
    expect((await runCli(['scan', 'fixtures/complianceflow'], { cwd: REPO_ROOT, isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
  });

  it('writes --output instead of stdout', async () => {
    temp = mkdtempSync(path.join(tmpdir(), 'evident-cli-'));
    const out = path.join(temp, 'report.json');
    const run = await runCli(['scan', 'fixtures/kubernetes/malformed', '--format', 'json', '--output', out], { cwd: REPO_ROOT });
    expect(run.stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.tool).toEqual({ name: 'evident', version: expect.any(String) });
    expect(report.summary).toMatchObject({ findings: 2, bySeverity: { critical: 0, high: 1, medium: 1, low: 0 }, errors: 1 });
  });

  it('lists an unreadable YAML file in every format and still scans the others; the error alone does not fail', async () => {
    const dir = path.join(FIXTURES, 'kubernetes/malformed');
    const text = await runCli(['scan', dir, '--fail-on', 'critical'], { cwd: REPO_ROOT });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('broken.yaml:10:1: error: Sequence item without - indicator (yaml-syntax)');
    expect(text.stdout).toContain('14:9    high     EVD-WKL-001');
    const json = JSON.parse((await runCli(['scan', dir, '--format', 'json', '--fail-on', 'critical'], { cwd: REPO_ROOT })).stdout);
    expect(json.errors).toEqual([{ code: 'yaml-syntax', level: 'error', file: 'broken.yaml', message: 'Sequence item without - indicator', line: 10, column: 1 }]);
    expect(json.findings.map((f: { ruleId: string; location: { line: number } }) => `${f.ruleId}@${f.location.line}`)).toEqual(['EVD-WKL-002@13', 'EVD-WKL-001@14']);
    const sarif = JSON.parse((await runCli(['scan', dir, '--format', 'sarif'], { cwd: REPO_ROOT })).stdout);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri).toBe('broken.yaml');
  });

  it('exits 2 with a message on stderr for usage errors', async () => {
    for (const argv of [['scan', '--format', 'yaml'], ['scan', '--fail-on', 'severe'], ['scan', '--bogus'], ['frobnicate'], ['scan', 'no/such/dir']]) {
      const run = await runCli(argv, { cwd: REPO_ROOT });
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^evident: /);
    }
  });

  it('exits 2 and names file and line of an invalid config file, scanning nothing', async () => {
    temp = mkdtempSync(path.join(tmpdir(), 'evident-cli-'));
    writeFileSync(path.join(temp, 'evident.config.yaml'), 'failOn: high\nkubernetes:\n  forbiddenCapabilites: [SYS_ADMIN]\n');
    writeFileSync(path.join(temp, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, securityContext: {privileged: true}}]}\n');
    const run = await runCli(['scan', temp], { cwd: REPO_ROOT });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('evident.config.yaml:3:3: error: unknown key "kubernetes.forbiddenCapabilites" (config-invalid)');
  });

  it('applies the config file: failOn and profile overrides', async () => {
    temp = mkdtempSync(path.join(tmpdir(), 'evident-cli-'));
    writeFileSync(path.join(temp, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n    - name: c\n      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities: {add: [NET_RAW]}\n');
    expect((await runCli(['scan', temp], { cwd: REPO_ROOT })).code).toBe(0);
    writeFileSync(path.join(temp, 'evident.config.yaml'), 'kubernetes:\n  forbiddenCapabilities: [NET_RAW]\n');
    const run = await runCli(['scan', temp], { cwd: REPO_ROOT });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('10:30   high     EVD-WKL-004  Container "c" adds capability NET_RAW');
    writeFileSync(path.join(temp, 'evident.config.yaml'), 'failOn: critical\nkubernetes:\n  forbiddenCapabilities: [NET_RAW]\n');
    expect((await runCli(['scan', temp], { cwd: REPO_ROOT })).code).toBe(0);
  });
});

describe('evident inspect', () => {
  it('prints the resource model with attribute lines and errors', async () => {
    const run = await runCli(['inspect', 'fixtures/kubernetes/malformed'], { cwd: REPO_ROOT });
    expect(run.code).toBe(0);
    const model = JSON.parse(run.stdout);
    expect(model.resources).toHaveLength(1);
    expect(model.resources[0]).toMatchObject({
      address: 'Pod/app-shared/privileged',
      type: 'Pod',
      source: 'kubernetes',
      file: 'privileged.yaml',
      line: 1,
      endLine: 14,
      attributes: { spec: { containers: [{ securityContext: { privileged: true } }] } },
    });
    expect(model.resources[0].locations['spec.containers[0].securityContext.privileged']).toEqual({ file: 'privileged.yaml', line: 14, column: 9 });
    expect(model.errors).toMatchObject([{ file: 'broken.yaml', line: 10 }]);
  });
});
