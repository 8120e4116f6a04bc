import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { applyWaivers, parseInlineWaivers } from '../../src/waivers/index.js';
import { commentStyles } from '../../src/waivers/inline.js';
import { runCli } from '../helpers/cli.js';
import { FIXED_NOW } from '../helpers/clock.js';

/** Two privileged containers; `waiver` is written on line 15, above container a's `privileged` (line 16). */
function twoContainers(waiver: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: app
  labels: {app.kubernetes.io/name: web, app.kubernetes.io/part-of: demo}
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: a
      image: nginx:1.27
      securityContext:
        allowPrivilegeEscalation: false
        ${waiver}
        privileged: true
    - name: b
      image: nginx:1.27
      securityContext:
        allowPrivilegeEscalation: false
        privileged: true
`;
}

interface JsonReport {
  findings: { ruleId: string; location: { line: number }; resource: { address: string }; fingerprint: string; waiver?: Record<string, string> }[];
  waivers: { id: string; status: string; matched: string[] }[];
  errors: { code: string; level: string; file: string; line: number; column: number; message: string }[];
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'evident-waivers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (file: string, text: string): void => writeFileSync(path.join(dir, file), text);
const scanJson = async (...args: string[]): Promise<{ code: number; report: JsonReport }> => {
  const run = await runCli(['scan', '.', '--format', 'json', ...args], { cwd: dir });
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport };
};

describe('inline waivers', () => {
  it('waive the attribute below them: the finding stays reported, marked, and no longer fails the gate', async () => {
    write('pod.yaml', twoContainers('# evident:ignore EVD-WKL-001 until=2027-01-31 reason="vendor image needs it" owner=alice ticket=SEC-42'));
    const text = await runCli(['scan', '.'], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      'pod.yaml\n' +
        '  16:9    high     EVD-WKL-001  Container "a" runs privileged  Pod/app/web (waived until 2027-01-31, owner alice)\n' +
        '  21:9    high     EVD-WKL-001  Container "b" runs privileged  Pod/app/web\n',
    );
    expect(text.stdout).toContain('✖ 2 findings (2 high), 1 waived · ');

    const { report } = await scanJson();
    expect(report.findings[0].waiver).toEqual({ id: 'pod.yaml:15', owner: 'alice', reason: 'vendor image needs it', expires: '2027-01-31' });
    expect(report.findings[1].waiver).toBeUndefined();
    expect(report.waivers).toEqual([
      {
        id: 'pod.yaml:15',
        source: 'inline',
        ruleId: 'EVD-WKL-001',
        owner: 'alice',
        reason: 'vendor image needs it',
        ticket: 'SEC-42',
        expires: '2027-01-31',
        location: { file: 'pod.yaml', line: 15, column: 11 },
        status: 'active',
        matched: [report.findings[0].fingerprint],
      },
    ]);

    write('pod.yaml', twoContainers('# evident:ignore EVD-WKL-001 until=2027-01-31 reason="vendor image needs it"').replace(/privileged: true\n$/, 'privileged: false\n'));
    expect((await runCli(['scan', '.'], { cwd: dir })).code).toBe(0);
  });

  it('above a resource, waive all its findings for that rule and no other rule', async () => {
    write(
      'pod.yaml',
      `# evident:ignore EVD-WKL-001 until=2027-01-31 reason="break-glass pod"\n${twoContainers('# two privileged containers').replace('  runAsNonRoot: true\n', '  runAsNonRoot: true\n  hostNetwork: true\n')}`,
    );
    const { code, report } = await scanJson();
    expect(code).toBe(1);
    expect(report.findings.map((f) => `${f.location.line} ${f.ruleId} ${f.waiver?.id ?? '-'}`)).toEqual(['11 EVD-WKL-005 -', '18 EVD-WKL-001 pod.yaml:1', '23 EVD-WKL-001 pod.yaml:1']);
  });

  it('above a block, waive the findings inside it; several rules may be listed', async () => {
    write('pod.yaml', twoContainers('# unrelated comment').replace('    - name: b\n', '    # evident:ignore EVD-WKL-002,EVD-WKL-001 until=2027-01-31 reason="sidecar from vendor"\n    - name: b\n'));
    const { code, report } = await scanJson();
    expect(code).toBe(1);
    expect(report.findings.map((f) => `${f.location.line} ${f.ruleId} ${f.waiver?.id ?? '-'}`)).toEqual(['16 EVD-WKL-001 -', '22 EVD-WKL-001 pod.yaml:17#EVD-WKL-001']);
    expect(report.waivers.map((w) => `${w.id} ${w.status}`)).toEqual(['pod.yaml:17#EVD-WKL-001 active', 'pod.yaml:17#EVD-WKL-002 unused']);
  });

  it('stop suppressing after their date and are reported as expired', async () => {
    write('pod.yaml', twoContainers('# evident:ignore EVD-WKL-001 until=2026-11-21 reason="temporary"').replace(/privileged: true\n$/, 'privileged: false\n'));
    const { code, report } = await scanJson();
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.waiver)).toEqual([undefined]);
    expect(report.waivers).toMatchObject([{ id: 'pod.yaml:15', status: 'expired', matched: [report.findings[0].fingerprint] }]);
    expect(report.errors).toEqual([
      { code: 'waiver-expired', level: 'warning', file: 'pod.yaml', line: 15, column: 11, message: 'waiver for EVD-WKL-001 expired on 2026-11-21; 1 finding it matches is no longer waived' },
    ]);
    // The expiry day itself still counts: the scan's clock is 2026-11-22.
    write('pod.yaml', twoContainers('# evident:ignore EVD-WKL-001 until=2026-11-22 reason="temporary"').replace(/privileged: true\n$/, 'privileged: false\n'));
    expect((await scanJson()).code).toBe(0);
  });

  it('that match nothing are reported as unused', async () => {
    write('pod.yaml', twoContainers('# evident:ignore EVD-WKL-005 until=2027-01-31 reason="wrong rule"'));
    const run = await runCli(['scan', '.', '--format', 'compact'], { cwd: dir });
    expect(run.stdout).toBe(
      [
        'pod.yaml:16: EVD-WKL-001: Container "a" runs privileged',
        'pod.yaml:21: EVD-WKL-001: Container "b" runs privileged',
        'pod.yaml:15:11: warning: waiver for EVD-WKL-005 matched no finding on the line below it; remove it (waiver-unused)',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['# evident:ignore until=2027-01-31 reason="x"', 26, 'waiver names no rule; write: evident:ignore EVD-XXX-NNN until=YYYY-MM-DD reason="…" [owner=… ticket=…]'],
    ['# evident:ignore EVD-WKL-001 reason="no expiry"', 11, 'waiver needs an expiry: until=YYYY-MM-DD'],
    ['# evident:ignore EVD-WKL-001 until=2027-02-30 reason="x"', 38, 'until must be a date YYYY-MM-DD; got "2027-02-30"'],
    ['# evident:ignore EVD-WKL-001 until=2027-01-31', 11, 'waiver needs a justification: reason="…"'],
    ['# evident:ignore EVD-WKL-001 until=2027-01-31 reason="x" severity=low', 66, 'unknown waiver key "severity" (allowed: until, reason, owner, ticket)'],
    ['# evident:ignore EVD-WKL-001 until=2027-01-31 reason="unterminated', 55, 'unterminated quoted value of "reason"'],
    ['# evident:ignore EVD-WKL-010 until=2027-01-31 reason="x"', 26, '"EVD-WKL-010" is not a rule Evident runs'],
  ])('report a malformed comment at file:line:column and waive nothing: %s', async (comment, column, message) => {
    write('pod.yaml', twoContainers(comment));
    const { code, report } = await scanJson();
    expect(code).toBe(1);
    expect(report.findings.filter((f) => f.waiver)).toEqual([]);
    expect(report.errors).toEqual([{ code: 'waiver-invalid', level: 'error', file: 'pod.yaml', line: 15, column, message }]);
  });

  it('match a rule by its former ids (aliases)', () => {
    write('pod.yaml', twoContainers('# evident:ignore EVD-K8S-001 until=2027-01-31 reason="written before the rename"'));
    const report = scan({ root: dir, now: FIXED_NOW });
    const renamed = { ...report, rules: report.rules.map((r) => (r.id === 'EVD-WKL-001' ? { ...r, aliases: ['EVD-K8S-001'] } : r)), diagnostics: [] };
    const waived = applyWaivers(renamed, { root: dir });
    expect(waived.findings.map((f) => f.waiver?.id)).toEqual(['pod.yaml:15', undefined]);
    expect(waived.diagnostics).toEqual([]);
    // Without the alias the id is unknown, which is reported rather than silently waiving nothing.
    expect(report.diagnostics.map((d) => d.message)).toEqual(['"EVD-K8S-001" is not a rule Evident runs']);
  });
});

describe('inline waiver comment forms', () => {
  const parse = (file: string, text: string, helm = false) =>
    parseInlineWaivers(text, file, commentStyles(file, helm), () => true).waivers.map((w) => `${w.id} ${w.ruleId} -> ${w.appliesTo?.line} until ${w.expires}`);

  it('HCL: #, // and one-line /* */ comments, stacked comments skipped', () => {
    const hcl = [
      'resource "azurerm_storage_account" "logs" {',
      '  # evident:ignore EVD-ENC-001 until=2027-01-31 reason="legacy"',
      '  min_tls_version = "TLS1_0"',
      '  // evident:ignore EVD-NET-003 until=2027-02-28 reason="public by design" owner=web',
      '  // reviewed by security on 2026-10-01',
      '  public_network_access_enabled = true',
      '  /* evident:ignore EVD-TAG-001 until=2027-03-31 reason="x" */',
      '  tags = {}',
      '}',
    ].join('\n');
    expect(parse('main.tf', hcl)).toEqual([
      'main.tf:2 EVD-ENC-001 -> 3 until 2027-01-31',
      'main.tf:4 EVD-NET-003 -> 6 until 2027-02-28',
      'main.tf:7 EVD-TAG-001 -> 8 until 2027-03-31',
    ]);
  });

  it('Helm templates: {{/* */}} comments, skipping template actions between waiver and resource', () => {
    const template = [
      '{{/* evident:ignore EVD-WKL-001 until=2027-01-31 reason="x" */}}',
      '{{- if .Values.enabled }}',
      'apiVersion: apps/v1',
      '        {{- /* evident:ignore EVD-WKL-005 until=2027-01-31 reason="y" */ -}}',
      '        hostNetwork: true',
    ].join('\n');
    expect(parse('chart/templates/deploy.yaml', template, true)).toEqual([
      'chart/templates/deploy.yaml:1 EVD-WKL-001 -> 3 until 2027-01-31',
      'chart/templates/deploy.yaml:4 EVD-WKL-005 -> 5 until 2027-01-31',
    ]);
  });

  it('YAML knows only #; other forms and comments after code are not waivers', () => {
    const yaml = ['// evident:ignore EVD-WKL-001 until=2027-01-31 reason="x"', 'a: 1 # evident:ignore EVD-WKL-001 until=2027-01-31 reason="x"', 'b: 2'].join('\n');
    expect(parse('x.yaml', yaml)).toEqual([]);
  });

  it('an unclosed block comment is malformed', () => {
    const result = parseInlineWaivers('/* evident:ignore EVD-A-001 until=2027-01-31 reason="x"\n*/\nx = 1\n', 'a.tf', commentStyles('a.tf', false), () => true);
    expect(result.diagnostics).toEqual([{ code: 'waiver-invalid', level: 'error', file: 'a.tf', line: 1, column: 4, message: 'waiver comment is not closed on its line' }]);
  });
});
