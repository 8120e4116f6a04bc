import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { runCli } from '../helpers/cli.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { describeWithShared, sharedPath } from '../helpers/shared.js';
import { pod } from '../baseline/git-repo.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'evident-waivers-file-'));
  writeFileSync(path.join(dir, 'web.yaml'), pod('web', { privileged: true }));
  writeFileSync(path.join(dir, 'agent.yaml'), pod('agent', { privileged: true, hostNetwork: true }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (file: string, text: string): void => writeFileSync(path.join(dir, file), text);
const WAIVERS = `# Exceptions approved by the security team
- rule: EVD-WKL-001
  resource: "Pod/app/web*"
  owner: alice@example.com
  reason: Vendor image needs a privileged init step
  ticket: SEC-101
  expires: 2027-01-31
- rule: EVD-WKL-005
  resource: "Pod/*"
  owner: bob@example.com
  reason: Node agent
  expires: 2026-06-30
- rule: EVD-WKL-001
  resource: "Pod/app/agent"
  deployment: westeu-prod-1
  owner: carol@example.com
  reason: Only in production
  expires: 2027-01-31
`;

interface JsonFinding {
  ruleId: string;
  location: { file: string; line: number };
  waiver?: { id: string };
}

describe('evident.waivers.yaml', () => {
  it('waives by rule and resource pattern; expired and unused entries are reported at their line', async () => {
    write('evident.waivers.yaml', WAIVERS);
    const run = await runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect((report.findings as JsonFinding[]).map((f) => `${f.location.file}:${f.location.line} ${f.ruleId} ${f.waiver?.id ?? '-'}`)).toEqual([
      'agent.yaml:10 EVD-WKL-005 -',
      'agent.yaml:16 EVD-WKL-001 -',
      'web.yaml:16 EVD-WKL-001 evident.waivers.yaml:2',
    ]);
    expect(report.waivers.map((w: { id: string; status: string; resource: string; ticket?: string }) => [w.id, w.status, w.resource, w.ticket])).toEqual([
      ['evident.waivers.yaml:2', 'active', 'Pod/app/web*', 'SEC-101'],
      ['evident.waivers.yaml:8', 'expired', 'Pod/*', undefined],
      ['evident.waivers.yaml:13', 'unused', 'Pod/app/agent', undefined],
    ]);
    expect(report.errors).toEqual([
      { code: 'waiver-expired', level: 'warning', file: 'evident.waivers.yaml', line: 8, column: 3, message: 'waiver for EVD-WKL-005 on "Pod/*" expired on 2026-06-30; 1 finding it matches is no longer waived' },
      { code: 'waiver-unused', level: 'warning', file: 'evident.waivers.yaml', line: 13, column: 3, message: 'waiver for EVD-WKL-001 on "Pod/app/agent" matched no finding; remove it' },
    ]);
    const text = await runCli(['scan', '.'], { cwd: dir });
    expect(text.stdout).toContain('  16:9    high     EVD-WKL-001  Container "main" runs privileged  Pod/app/web (waived until 2027-01-31, owner alice@example.com)\n');
  });

  it('passes the gate once every blocking finding is waived', async () => {
    write('evident.waivers.yaml', WAIVERS.replace('expires: 2026-06-30', 'expires: 2027-06-30').replace('"Pod/app/web*"', '"Pod/app/*"'));
    const run = await runCli(['scan', '.'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✖ 3 findings (3 high), 3 waived · ');
  });

  it('is read from --waivers FILE instead', async () => {
    write('exceptions.yaml', WAIVERS);
    const run = await runCli(['scan', '.', '--waivers', 'exceptions.yaml', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(run.stdout).waivers[0].id).toBe('exceptions.yaml:2');
  });

  it('is a configuration error when invalid: exit 2, problems at file:line:column, nothing scanned', async () => {
    write(
      'evident.waivers.yaml',
      `- rule: EVD-WKL-001
  resource: Pod/app/*
  owner: alice
  reason: because
  expires: 2027-02-30
  severity: low
- rule: EVD-WKL-002
  resource: Pod/*
  reason: nobody owns this
  expires: 2027-01-01
`,
    );
    const run = await runCli(['scan', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'evident.waivers.yaml:5:12: error: expires must be a date YYYY-MM-DD (waiver-invalid)',
        'evident.waivers.yaml:6:3: error: unknown key "severity" (allowed: rule, resource, deployment, owner, reason, ticket, expires) (waiver-invalid)',
        'evident.waivers.yaml:7:3: error: owner is required (waiver-invalid)',
        'evident: invalid waivers file; nothing was scanned',
        '',
      ].join('\n'),
    );
    const missing = await runCli(['scan', '.', '--waivers', 'nope.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: error: waivers file not found (waiver-invalid)');
  });

  it('reports a rule that does not exist at its line and keeps scanning', async () => {
    write('evident.waivers.yaml', '- rule: EVD-WKL-404\n  resource: "*"\n  owner: a\n  reason: typo\n  expires: 2027-01-01\n');
    const run = await runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).errors).toEqual([
      { code: 'waiver-invalid', level: 'error', file: 'evident.waivers.yaml', line: 1, column: 9, message: '"EVD-WKL-404" is not a rule Evident runs' },
    ]);
  });

  it('as a library, an invalid file becomes diagnostics in the report and waives nothing', () => {
    write('evident.waivers.yaml', 'rule: EVD-WKL-001\n');
    const report = scan({ root: dir, now: FIXED_NOW });
    expect(report.findings.filter((f) => f.waiver)).toEqual([]);
    expect(report.diagnostics).toEqual([
      { code: 'waiver-invalid', level: 'error', file: 'evident.waivers.yaml', line: 1, column: 1, message: 'the waivers file must be a list of waivers (- rule: …)' },
    ]);
  });
});

describeWithShared('waived and baselined findings in SARIF', () => {
  it('carry suppressions (inSource or external, with the justification) and baselineState, valid against the SARIF 2.1.0 schema', async () => {
    write('evident.waivers.yaml', WAIVERS);
    write('agent.yaml', `# evident:ignore EVD-WKL-001 until=2027-01-31 reason="agent needs the host" owner=ops\n${pod('agent', { privileged: true, hostNetwork: true })}`);
    await runCli(['baseline', 'update', '.'], { cwd: dir });
    write('new.yaml', pod('new', { privileged: true }));
    const run = await runCli(['scan', '.', '--format', 'sarif', '--baseline', 'evident-baseline.json'], { cwd: dir });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(sharedPath('schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const results = log.runs[0].results as { ruleId: string; baselineState: string; suppressions?: object[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    expect(results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.ruleId} ${r.baselineState} ${r.suppressions ? 'suppressed' : 'open'}`)).toEqual([
      'agent.yaml EVD-WKL-005 unchanged open',
      'agent.yaml EVD-WKL-001 unchanged suppressed',
      'new.yaml EVD-WKL-001 new open',
      'web.yaml EVD-WKL-001 unchanged suppressed',
    ]);
    expect(results[1].suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'agent needs the host',
        location: { physicalLocation: { artifactLocation: { uri: 'agent.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 3 } } },
        properties: { waiver: 'agent.yaml:1', owner: 'ops', expires: '2027-01-31' },
      },
    ]);
    expect(results[3].suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'Vendor image needs a privileged init step',
        location: { physicalLocation: { artifactLocation: { uri: 'evident.waivers.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 3 } } },
        properties: { waiver: 'evident.waivers.yaml:2', owner: 'alice@example.com', expires: '2027-01-31', ticket: 'SEC-101' },
      },
    ]);
  });
});
