import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { FIXTURES } from '../helpers/paths.js';
import { FIXED_NOW } from '../helpers/clock.js';

describe('finding fingerprints', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'evident-fingerprint-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  cpSync(`${FIXTURES}/complianceflow/k8s`, `${root}/k8s`, { recursive: true });
  const before = scan({ root, now: FIXED_NOW });

  it('are unique per finding', () => {
    expect(new Set(before.findings.map((f) => f.fingerprint)).size).toBe(before.findings.length);
  });

  it('stay the same when unrelated lines move, while lines change', () => {
    const file = `${root}/k8s/mgmt/log-shipper.yaml`;
    writeFileSync(file, `# moved down by a comment\n# and another\n${readFileSync(file, 'utf8')}`);
    const after = scan({ root, now: FIXED_NOW });
    const lines = (report: typeof before) => report.findings.filter((f) => f.location.file === 'k8s/mgmt/log-shipper.yaml').map((f) => f.location.line);
    expect(lines(after)).toEqual(lines(before).map((line) => line + 2));
    expect(after.findings.map((f) => f.fingerprint).sort()).toEqual(before.findings.map((f) => f.fingerprint).sort());
  });

  it('change when a second attribute of the same resource is violated', () => {
    const file = `${root}/k8s/mgmt/log-shipper.yaml`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('hostNetwork: true', 'hostNetwork: true\n      hostPID: true'));
    const after = scan({ root, now: FIXED_NOW });
    const added = after.findings.filter((f) => !before.findings.some((b) => b.fingerprint === f.fingerprint));
    expect(added.map((f) => [f.ruleId, f.path])).toEqual([['EVD-WKL-005', 'spec.template.spec.hostPID']]);
  });
});
