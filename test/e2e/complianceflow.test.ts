import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { FIXTURES } from '../helpers/paths.js';
import { FIXED_NOW } from '../helpers/clock.js';

interface Expected {
  ruleId: string;
  file: string;
  line: number;
  deployment?: string;
}

const root = `${FIXTURES}/complianceflow`;
const key = (f: Expected): string => `${f.file}:${f.line} ${f.ruleId}${f.deployment ? ` [${f.deployment}]` : ''}`;

describe('the example repository', () => {
  const report = scan({ root, now: FIXED_NOW });

  it('yields exactly the findings listed in expected-findings.json: none missing, none extra', () => {
    const expected = (JSON.parse(readFileSync(`${root}/expected-findings.json`, 'utf8')) as Expected[]).map(key).sort();
    const actual = report.findings
      .map((f) => key({ ruleId: f.ruleId, file: f.location.file, line: f.location.line, ...(f.resource.deployment ? { deployment: f.resource.deployment } : {}) }))
      .sort();
    expect(actual).toEqual(expected);
  });

  it('parses every file without errors, and says which module it could not evaluate', () => {
    expect(report.diagnostics.map((d) => `${d.level} ${d.code} ${d.file}:${d.line}`)).toEqual(['info terraform-module-unresolved infrastructure/main.tf:10']);
    const unknowns = report.unknowns.map((u) => `${u.ruleId} ${u.resource.deployment} ${u.location.file}:${u.location.line} ${u.reason}`);
    expect(unknowns).toHaveLength(8);
    for (const line of unknowns) expect(line).toMatch(/^EVD-NET-00[35] .* infrastructure\/modules\/networking\/main\.tf:51 module\.vpn_gateway\.client_address_pool is known only after apply$/);
  });

  it('exercises every built-in rule but the GCP-only EVD-ROT-003 (covered by its own cases)', () => {
    expect(report.coverage.filter((c) => c.evaluated === 0).map((c) => c.ruleId)).toEqual(['EVD-ROT-003']);
    expect(new Set(report.findings.map((f) => f.ruleId)).size).toBeGreaterThanOrEqual(42);
  });

  it('points an attribute finding at the attribute line', () => {
    const privileged = report.findings.find((f) => f.ruleId === 'EVD-WKL-001');
    expect(privileged?.location).toEqual({ file: 'k8s/app/declaration-service.yaml', line: 28, column: 13 });
    const source = readFileSync(`${root}/k8s/app/declaration-service.yaml`, 'utf8').split('\n');
    expect(source[27].trim()).toBe('privileged: true');
  });

  it('never shows a secret from the scanned files', () => {
    const everything = JSON.stringify(report);
    expect(everything).not.toContain('Winter2025!relay');
    expect(everything).not.toContain('Db-Pa55word-do-not-leak');
    expect(everything).toContain('[REDACTED]');
  });

  it('gives the same report twice', () => {
    expect(JSON.stringify(scan({ root, now: FIXED_NOW }))).toBe(JSON.stringify(report));
  });

});
