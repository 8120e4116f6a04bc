// Scanning the same tree twice gives byte-identical JSON, SARIF and evidence, also when the tree holds
// broken files (whose diagnostics must not depend on timing or on which thread parsed them).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/paths.js';

const work = mkdtempSync(path.join(tmpdir(), 'evident-determinism-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const root = path.join(work, 'repo');
cpSync(path.join(FIXTURES, 'complianceflow'), root, { recursive: true });
writeFileSync(path.join(root, 'k8s/broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: [1, 2\n');
writeFileSync(path.join(root, 'infrastructure/broken.tf'), 'locals {\n  x = \n}\n');
writeFileSync(path.join(root, 'k8s/latin1.yaml'), Buffer.from([0x6b, 0x3a, 0x20, 0xe9, 0x0a]));

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = readFileSync(full).toString('base64');
  }
  return out;
}

async function scanOnce(run: number): Promise<{ json: string; sarif: string; evidence: Record<string, string> }> {
  const evidence = path.join(work, `evidence-${run}`);
  const json = await runCli(['scan', root, '--format', 'json', '--fail-on', 'none', '--evidence', evidence], { cwd: work });
  const sarif = await runCli(['scan', root, '--format', 'sarif', '--fail-on', 'none'], { cwd: work });
  expect([json.code, sarif.code]).toEqual([0, 0]);
  return { json: json.stdout, sarif: sarif.stdout, evidence: files(evidence) };
}

describe('determinism', () => {
  it('two scans of the same tree give byte-identical JSON, SARIF and evidence packs', async () => {
    const first = await scanOnce(1);
    const second = await scanOnce(2);
    expect(JSON.parse(first.json).errors.map((e: { file: string }) => e.file)).toEqual(expect.arrayContaining(['infrastructure/broken.tf', 'k8s/broken.yaml', 'k8s/latin1.yaml']));
    expect(Object.keys(first.evidence).length).toBeGreaterThan(3);
    expect(second.json).toBe(first.json);
    expect(second.sarif).toBe(first.sarif);
    expect(second.evidence).toEqual(first.evidence);
  });
});
