import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/discover/discover.js';
import { scanUnits, shardFiles, shardOf } from '../../src/shard/index.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/paths.js';

const EXAMPLE = `${FIXTURES}/complianceflow`;
const TIME = ['--timestamp', '2026-11-22T09:00:00Z'];
const temp = mkdtempSync(path.join(tmpdir(), 'evident-shard-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function shardResults(root: string, count: number, extra: string[] = []): Promise<string[]> {
  const files: string[] = [];
  for (let index = 1; index <= count; index++) {
    const output = path.join(temp, `${path.basename(root)}-${count}-${index}.json`);
    const run = await runCli(['scan', root, '--shard', `${index}/${count}`, '--format', 'json', '--output', output, '--fail-on', 'none', ...TIME, ...extra], { cwd: temp });
    expect(run, `shard ${index}/${count}`).toEqual({ code: 0, stdout: '', stderr: '' });
    files.push(output);
  }
  return files;
}

const findingKeys = (report: { findings: { fingerprint: string; location: { file: string; line: number } }[] }): string[] =>
  report.findings.map((f) => `${f.location.file}:${f.location.line} ${f.fingerprint}`).sort();

describe('scan --shard', () => {
  it('splits the example repository so that the shards together find exactly what one scan finds', async () => {
    const full = JSON.parse((await runCli(['scan', EXAMPLE, '--format', 'json', ...TIME], { cwd: temp })).stdout);
    expect(full.findings.length).toBeGreaterThan(0);
    for (const count of [1, 2, 3, 4]) {
      const shards = (await shardResults(EXAMPLE, count)).map((file) => JSON.parse(readFileSync(file, 'utf8')));
      expect(shards.flatMap(findingKeys).sort(), `${count} shards`).toEqual(findingKeys(full));
      const inputs = shards.flatMap((s) => s.inputs.map((i: { path: string }) => i.path));
      expect(inputs.sort(), `${count} shards scan every input once`).toEqual(full.inputs.map((i: { path: string }) => i.path).sort());
    }
  });

  it('assigns units by a stable hash of their directory, keeping each unit whole', () => {
    const { files } = discover(EXAMPLE);
    const units = scanUnits(files);
    expect([...units.keys()]).toEqual(['', 'charts/complianceflow', 'infrastructure', 'k8s', 'k8s/app', 'k8s/data', 'k8s/dmz', 'k8s/mgmt', 'platform/vault']);
    // The Terraform root module, the local modules it calls and its tfvars form one unit.
    expect(units.get('infrastructure')).toContain('infrastructure/modules/networking/main.tf');
    expect(units.get('infrastructure')).toContain('infrastructure/deployments/westeu-prod-1.tfvars');
    expect(Object.fromEntries([...units.keys()].map((unit) => [unit, shardOf(unit, 3)]))).toEqual({
      '': 2,
      'charts/complianceflow': 2,
      infrastructure: 2,
      k8s: 3,
      'k8s/app': 1,
      'k8s/data': 1,
      'k8s/dmz': 1,
      'k8s/mgmt': 2,
      'platform/vault': 1,
    });
    const parts = [1, 2, 3].map((index) => shardFiles(files, { index, count: 3 }));
    expect(parts.flat().sort()).toEqual(files.filter((f) => f.kind !== 'config').map((f) => f.path).sort());
    expect(shardFiles(discover(EXAMPLE).files, { index: 2, count: 3 })).toEqual(parts[1]);
  });

  it('groups Helm charts, Terraform modules called from elsewhere, tfvars below a root module and configured var files', () => {
    const root = path.join(temp, 'units');
    const files: Record<string, string> = {
      'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n',
      'charts/api/templates/deploy.yaml': 'kind: Deployment\n',
      'charts/api/values.yaml': 'replicas: 1\n',
      'live/prod/main.tf': 'module "net" {\n  providers = { azurerm = azurerm }\n  source = "../../modules/net/"\n}\n',
      'live/prod/env/prod.tfvars': 'region = "westeurope"\n',
      'live/dev/main.tf': 'module "net" {\n  source = "../../modules/net"\n}\n',
      'modules/net/main.tf': 'resource "azurerm_virtual_network" "this" {}\n',
      'modules/unused/main.tf': 'resource "azurerm_resource_group" "this" {}\n',
      'manifests/a.yaml': 'kind: Pod\n',
      'envs/dev.tfvars': 'region = "northeurope"\n',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const { files: found } = discover(root);
    expect(Object.fromEntries(scanUnits(found))).toEqual({
      'charts/api': ['charts/api/Chart.yaml', 'charts/api/templates/deploy.yaml', 'charts/api/values.yaml'],
      envs: ['envs/dev.tfvars'],
      'live/dev': ['live/dev/main.tf', 'live/prod/env/prod.tfvars', 'live/prod/main.tf', 'modules/net/main.tf'],
      manifests: ['manifests/a.yaml'],
      'modules/unused': ['modules/unused/main.tf'],
    });
    // A deployment in the config takes its var files to its root module; without a root, to every root module.
    expect(scanUnits(found, [{ root: 'modules/unused', varFiles: ['envs/dev.tfvars'] }]).get('envs')).toEqual(['envs/dev.tfvars', 'modules/unused/main.tf']);
    expect([...scanUnits(found, [{ varFiles: ['./envs/dev.tfvars'] }]).keys()]).toEqual(['charts/api', 'envs', 'manifests']);
  });

  it('exits 2 for a malformed shard', async () => {
    for (const shard of ['0/3', '4/3', '1/0', 'one/two', '1']) {
      const run = await runCli(['scan', EXAMPLE, '--shard', shard], { cwd: temp });
      expect(run.code, shard).toBe(2);
      expect(run.stderr).toContain(`evident: --shard must be I/N with 1 <= I <= N; got "${shard}"`);
    }
  });
});

describe('evident merge', () => {
  it('rebuilds the JSON, SARIF and text reports of the unsharded scan, and its exit code', async () => {
    const shards = await shardResults(EXAMPLE, 3);
    for (const format of ['json', 'sarif', 'text']) {
      const full = await runCli(['scan', EXAMPLE, '--format', format, ...TIME], { cwd: temp });
      const merged = await runCli(['merge', ...shards.reverse(), '--format', format], { cwd: temp });
      expect(merged.stderr).toBe('');
      // JSON objects compare by content: coverage per deployment is keyed, and merge lists the keys sorted.
      if (format === 'json') expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(full.stdout));
      else expect(merged.stdout, format).toBe(full.stdout);
      expect(merged.code).toBe(full.code);
    }
    for (const level of ['critical', 'low', 'none']) {
      const scanned = await runCli(['scan', EXAMPLE, '--fail-on', level, ...TIME], { cwd: temp });
      expect((await runCli(['merge', ...shards, '--fail-on', level], { cwd: temp })).code, level).toBe(scanned.code);
    }
    expect((await runCli(['merge', ...shards, '--fail-on', 'none'], { cwd: temp })).code).toBe(0);
  });

  it('counts a waiver used in any shard as used, and reports one unused in all shards once', async () => {
    const root = path.join(temp, 'waived');
    cpSync(`${EXAMPLE}/k8s`, `${root}/k8s`, { recursive: true });
    writeFileSync(
      `${root}/evident.waivers.yaml`,
      [
        '- {rule: EVD-WKL-005, resource: "DaemonSet/mgmt-shared/*", owner: ops, reason: log shipper reads the host network, expires: 2027-01-31}',
        '- {rule: EVD-WKL-001, resource: "Deployment/nowhere/*", owner: ops, reason: stale, expires: 2027-01-31}',
        '- {rule: EVD-NET-002, resource: "*", owner: ops, reason: expired, expires: 2026-01-31}',
        '',
      ].join('\n'),
    );
    const file = `${root}/k8s/app/declaration-service.yaml`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('            privileged: true', '            # evident:ignore EVD-WKL-001 until=2027-01-31 reason="debug"\n            privileged: true'));
    const full = await runCli(['scan', root, '--format', 'json', ...TIME], { cwd: temp });
    const merged = await runCli(['merge', ...(await shardResults(root, 3))], { cwd: temp });
    const report = JSON.parse(merged.stdout);
    expect(report).toEqual(JSON.parse(full.stdout));
    expect(report.waivers.map((w: { id: string; status: string }) => `${w.id} ${w.status}`)).toEqual([
      'evident.waivers.yaml:1 active',
      'evident.waivers.yaml:2 unused',
      'evident.waivers.yaml:3 expired',
      'k8s/app/declaration-service.yaml:28 active',
    ]);
    expect(report.errors.map((d: { code: string; line: number }) => `${d.code}@${d.line}`)).toEqual(['waiver-unused@2', 'waiver-expired@3']);
  });

  it('writes the evidence pack of the merged scan, the same as the unsharded scan writes', async () => {
    const shards = await shardResults(EXAMPLE, 2);
    const fromScan = path.join(temp, 'evidence-scan');
    const fromMerge = path.join(temp, 'evidence-merge');
    await runCli(['scan', EXAMPLE, '--evidence', fromScan, ...TIME], { cwd: temp });
    const merged = await runCli(['merge', ...shards, '--evidence', fromMerge, '--root', EXAMPLE], { cwd: temp });
    expect(merged.stderr).toMatch(/^evident: evidence pack written to .*evidence-merge: \d+ artifacts and manifest.json/);
    expect(JSON.parse(readFileSync(path.join(fromMerge, 'evidence.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(path.join(fromScan, 'evidence.json'), 'utf8')));
  });

  it('exits 2 for results that are not shards of one scan', async () => {
    const [one] = await shardResults(EXAMPLE, 2);
    const twice = await runCli(['merge', one, one], { cwd: temp });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/^evident: \S+ was scanned by both \S+ and \S+; merge each shard once/);
    const sarif = path.join(temp, 'not-a-shard.sarif');
    writeFileSync(sarif, (await runCli(['scan', EXAMPLE, '--format', 'sarif'], { cwd: temp })).stdout);
    const wrong = await runCli(['merge', sarif], { cwd: temp });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`evident: ${sarif}: not a result of "evident scan --format json" (tool: `);
    expect((await runCli(['merge'], { cwd: temp })).code).toBe(2);
  });
});
