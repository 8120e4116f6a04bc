// Hostile and broken input: each case gives a correct result or an error entry with file and line, and the
// rest of the scan (a privileged pod in k8s/good.yaml, found at line 11) still completes. Large inputs are
// generated here, in a temporary directory. Time and memory are bounded by construction (size and nesting
// limits), not asserted: the test timeout is the only clock.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic, ScanReport } from '../../src/model/index.js';
import { scan } from '../../src/scan.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { FIXTURES } from '../helpers/paths.js';

export const GOOD_POD = `apiVersion: v1
kind: Pod
metadata:
  name: good
  namespace: app-shared
spec:
  containers:
    - name: app
      image: registry.example/app:1.0
      securityContext:
        privileged: true
`;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) {
    execFileSync('chmod', ['-R', 'u+rwx', root]);
    rmSync(root, { recursive: true, force: true });
  }
});

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'evident-hostile-'));
  roots.push(root);
  for (const [file, content] of Object.entries({ 'k8s/good.yaml': GOOD_POD, ...files })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

function scanTree(root: string): ScanReport {
  return scan({ root, now: FIXED_NOW, threads: 1 });
}

/** The rest of the scan went on: the good file's finding is there. */
function expectGoodFinding(report: ScanReport): void {
  expect(report.findings.filter((f) => f.location.file === 'k8s/good.yaml').map((f) => [f.ruleId, f.location.line])).toContainEqual(['EVD-WKL-001', 11]);
}

function problemsIn(report: ScanReport, file: string): Diagnostic[] {
  return report.diagnostics.filter((d) => d.file === file);
}

function where(d: Diagnostic): [string, string, number | undefined, number | undefined] {
  return [d.code, d.file, d.line, d.column];
}

describe('malformed input', () => {
  it('malformed HCL is an error at its line and column; the file’s valid blocks are still evaluated', () => {
    const report = scanTree(tree({ 'tf/main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = \n}\n' }));
    expect(problemsIn(report, 'tf/main.tf').map(where)).toEqual([['hcl-syntax', 'tf/main.tf', 2, 12]]);
    expect(problemsIn(report, 'tf/main.tf')[0].message).toBe('expected an expression, found a newline');
    expectGoodFinding(report);
  });

  it('malformed YAML is an error at its line', () => {
    const report = scanTree(tree({ 'k8s/bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [1, 2\nspec: x\n' }));
    expect(problemsIn(report, 'k8s/bad.yaml').map(where)).toEqual([['yaml-syntax', 'k8s/bad.yaml', 4, 1]]);
    expectGoodFinding(report);
  });

  it('truncated JSON is an error at the line where it ends', () => {
    const report = scanTree(tree({ 'k8s/bad.json': '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": ' }));
    const problems = problemsIn(report, 'k8s/bad.json');
    expect(problems.length).toBeGreaterThan(0);
    for (const d of problems) expect(where(d)).toEqual(['yaml-syntax', 'k8s/bad.json', 1, 58]);
    expectGoodFinding(report);
  });

  it('a malformed Helm template is an error at its template line', () => {
    const report = scanTree(
      tree({
        'chart/Chart.yaml': 'apiVersion: v2\nname: broken\nversion: 0.1.0\n',
        'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ if }}\n',
      }),
    );
    const problems = problemsIn(report, 'chart/templates/cm.yaml');
    expect(problems.map((d) => [d.code, d.line])).toEqual([['helm-render', 4]]);
    expect(problems[0].message).toMatch(/missing value for if/);
    expectGoodFinding(report);
  });

  it('Helm include recursion ends as a render error, not a hang or a stack overflow', () => {
    const root = tree({});
    cpSync(path.join(FIXTURES, 'helm/broken/include-loop'), path.join(root, 'loop'), { recursive: true });
    const report = scanTree(root);
    const problems = report.diagnostics.filter((d) => d.file.startsWith('loop/'));
    expect(problems.map((d) => [d.code, d.file])).toEqual([['helm-render', 'loop/templates/cm.yaml']]);
    expect(problems[0].message).toMatch(/include/);
    expectGoodFinding(report);
  });
});

describe('resource exhaustion', () => {
  it('a YAML alias bomb is refused after a bounded number of expansions', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const [name, previous] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const report = scanTree(tree({ 'k8s/bomb.yaml': `${levels.join('\n')}\napiVersion: v1\nkind: ConfigMap\n` }));
    expect(problemsIn(report, 'k8s/bomb.yaml').map(where)).toEqual([['yaml-syntax', 'k8s/bomb.yaml', 1, 1]]);
    expect(problemsIn(report, 'k8s/bomb.yaml')[0].message).toBe('document not scanned: more than 1000 alias expansions (possible alias bomb)');
    expectGoodFinding(report);
  });

  it('a 50 MB file is refused above the size limit, and scanned when the limit allows it', () => {
    const padding = `${'# padding padding padding padding padding padding padding padding padding padding\n'.repeat(660_000)}`;
    const terraform = `${padding}resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n`;
    expect(Buffer.byteLength(terraform)).toBeGreaterThan(50 * 1024 * 1024);
    const root = tree({ 'tf/big.tf': terraform });
    const refused = scanTree(root);
    expect(problemsIn(refused, 'tf/big.tf').map(where)).toEqual([['input-too-large', 'tf/big.tf', 1, undefined]]);
    expect(problemsIn(refused, 'tf/big.tf')[0].message).toMatch(/^file is \d+ bytes; the limit is 33554432 bytes \(scan\.maxFileBytes\); not scanned$/);
    expectGoodFinding(refused);

    writeFileSync(path.join(root, 'evident.config.yaml'), 'scan:\n  maxFileBytes: 67108864\n');
    const scanned = scanTree(root);
    expect(problemsIn(scanned, 'tf/big.tf')).toEqual([]);
    expect(scanned.resources.filter((r) => r.file === 'tf/big.tf').map((r) => [r.address, r.line])).toEqual([['aws_s3_bucket.logs', 660_001]]);
    expectGoodFinding(scanned);
  });

  it('10,000 levels of nesting are refused at the level where the limit is crossed, in every format', () => {
    const depth = 10_000;
    const report = scanTree(
      tree({
        'tf/deep.tf': `locals {\n  deep = ${'['.repeat(depth)}${']'.repeat(depth)}\n}\n`,
        'tf/deep.tfvars': `deep = ${'{ a = '.repeat(depth)}1${' }'.repeat(depth)}\n`,
        'k8s/deep.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
        'k8s/deep.json': `{"apiVersion": "v1", "kind": "ConfigMap", "data": ${'{"a": '.repeat(depth)}1${'}'.repeat(depth)}}`,
        'k8s/deep-block.yaml': `apiVersion: v1\nkind: ConfigMap\ndata:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`,
      }),
    );
    expect(problemsIn(report, 'k8s/deep.yaml').map(where)).toEqual([['yaml-syntax', 'k8s/deep.yaml', 5, 262]]);
    expect(problemsIn(report, 'k8s/deep.json').map(where)).toEqual([['yaml-syntax', 'k8s/deep.json', 1, 1581]]);
    expect(problemsIn(report, 'k8s/deep-block.yaml').map(where)).toEqual([['yaml-syntax', 'k8s/deep-block.yaml', 259, 257]]);
    for (const file of ['k8s/deep.yaml', 'k8s/deep.json', 'k8s/deep-block.yaml']) {
      expect(problemsIn(report, file)[0].message).toBe('document not scanned: it is nested deeper than 256 levels');
    }
    expect(problemsIn(report, 'tf/deep.tf')[0]).toMatchObject({ code: 'hcl-syntax', line: 2, column: 509, message: 'nesting is deeper than 500 levels; simplify this configuration' });
    expect(problemsIn(report, 'tf/deep.tfvars')[0]).toMatchObject({ code: 'hcl-syntax', line: 1, column: 3004 });
    expectGoodFinding(report);
  });

  it('a deployment too large for one policy evaluation is evaluated in parts, with a warning, instead of failing after minutes', () => {
    const bucket = (count: number): string => `resource "aws_s3_bucket" "logs" {\n  count  = ${count}\n  bucket = "logs-\${count.index}"\n}\n`;
    const rulesOf = (report: ScanReport, address: string): string[] => report.findings.filter((f) => f.resource.address === address).map((f) => f.ruleId);
    const one = scanTree(tree({ 'tf/main.tf': bucket(1) }));
    const many = scanTree(tree({ 'tf/main.tf': bucket(6000) }));
    expect(many.resources.filter((r) => r.type === 'aws_s3_bucket').length).toBe(6000);
    expect(rulesOf(one, 'aws_s3_bucket.logs[0]').length).toBeGreaterThan(0);
    for (const index of [0, 2999, 5999]) expect(rulesOf(many, `aws_s3_bucket.logs[${index}]`)).toEqual(rulesOf(one, 'aws_s3_bucket.logs[0]'));
    expect(many.diagnostics.filter((d) => d.code === 'policy-error' && d.level === 'warning').map((d) => d.message)).toEqual([
      'deployment (none) of root module tf has 6000 resources, more than one evaluation can hold: it was evaluated in 4 parts, and rules did not relate resources of different parts, so a finding about a related resource (a private endpoint, a default-deny policy) may be missing or wrong there',
    ]);
    expectGoodFinding(many);
  });

  it('a tfvars list of a million elements is evaluated in full', () => {
    const million = Array.from({ length: 1_000_000 }, (_, i) => `"10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}"`);
    const report = scanTree(
      tree({
        'tf/main.tf': 'variable "allowed" {\n  type = list(string)\n}\n\nresource "azurerm_storage_account" "data" {\n  name = "stdata"\n  network_rules {\n    ip_rules = var.allowed\n  }\n}\n',
        'tf/terraform.tfvars': `allowed = [${million.join(', ')}]\n`,
      }),
    );
    const account = report.resources.find((r) => r.address === 'azurerm_storage_account.data');
    const rules = (account?.attributes.network_rules as { ip_rules: string[] }[])[0].ip_rules;
    expect([rules.length, rules[0], rules[999_999]]).toEqual([1_000_000, '10.0.0.0', '10.15.66.63']);
    expect(account?.origins?.['network_rules[0].ip_rules']).toMatchObject({ file: 'tf/terraform.tfvars', line: 1 });
    expect(report.diagnostics.filter((d) => d.file.startsWith('tf/'))).toEqual([]);
    expectGoodFinding(report);
  });
});

describe('bytes that are not text', () => {
  it('binary data in a .tf or .yaml file is reported at the line of the offending byte', () => {
    const report = scanTree(
      tree({
        'tf/bin.tf': Buffer.concat([Buffer.from('a = 1\nb = 2\n'), Buffer.from([0, 1, 2, 3])]),
        'k8s/image.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]),
      }),
    );
    expect(problemsIn(report, 'tf/bin.tf').map(where)).toEqual([['binary-file', 'tf/bin.tf', 3, 1]]);
    expect(problemsIn(report, 'tf/bin.tf')[0].message).toBe('binary content (NUL byte at offset 12); not scanned');
    expect(problemsIn(report, 'k8s/image.yaml').map(where)).toEqual([['read-error', 'k8s/image.yaml', 1, 1]]);
    expect(problemsIn(report, 'k8s/image.yaml')[0].message).toBe('file is not valid UTF-8 (byte 0x89 at offset 0); not scanned');
    expectGoodFinding(report);
  });

  it('invalid UTF-8 is reported at the line and column of the first invalid byte', () => {
    const latin1 = Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const overlong = Buffer.concat([Buffer.from('# ünïcødé is fine\nkey: '), Buffer.from([0xc0, 0xaf]), Buffer.from('\n')]);
    const surrogate = Buffer.concat([Buffer.from('a = "x"\nb = "'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"\n')]);
    const report = scanTree(tree({ 'k8s/latin1.yaml': latin1, 'k8s/overlong.yaml': overlong, 'tf/surrogate.tf': surrogate }));
    expect(problemsIn(report, 'k8s/latin1.yaml').map(where)).toEqual([['read-error', 'k8s/latin1.yaml', 4, 12]]);
    expect(problemsIn(report, 'k8s/latin1.yaml')[0].message).toBe('file is not valid UTF-8 (byte 0xe9 at offset 52); not scanned');
    expect(problemsIn(report, 'k8s/overlong.yaml').map(where)).toEqual([['read-error', 'k8s/overlong.yaml', 2, 6]]);
    expect(problemsIn(report, 'tf/surrogate.tf').map(where)).toEqual([['read-error', 'tf/surrogate.tf', 2, 6]]);
    expectGoodFinding(report);
  });

  it('a byte order mark and CRLF line ends change nothing: same resources, same lines', () => {
    const terraform = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n\n  tags = {\n    Owner = "ops"\n  }\n}\n';
    const plain = scanTree(tree({ 'k8s/other.yaml': GOOD_POD.replace('name: good', 'name: other'), 'tf/main.tf': terraform }));
    const windows = scanTree(
      tree({ 'k8s/other.yaml': `\ufeff${GOOD_POD.replace('name: good', 'name: other').replace(/\n/g, '\r\n')}`, 'tf/main.tf': `\ufeff${terraform.replace(/\n/g, '\r\n')}` }),
    );
    const shape = (report: ScanReport): unknown => ({
      resources: report.resources.map((r) => [r.address, r.file, r.line, r.endLine, r.locations]),
      findings: report.findings.map((f) => [f.ruleId, f.location]),
      diagnostics: report.diagnostics,
    });
    expect(shape(windows)).toEqual(shape(plain));
    expect(windows.resources.find((r) => r.address === 'aws_s3_bucket.logs')?.locations['tags.Owner']).toEqual({ file: 'tf/main.tf', line: 5, column: 5 });
    expectGoodFinding(windows);
  });
});

describe('the file system', () => {
  it('never follows symbolic links: loops, links out of the root and links inside it', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'evident-outside-'));
    roots.push(outside);
    writeFileSync(path.join(outside, 'leak.yaml'), GOOD_POD.replace('name: good', 'name: leaked'));
    writeFileSync(path.join(outside, 'secret.txt'), 'TOP-SECRET-VALUE');
    const root = tree({
      'a/real.yaml': GOOD_POD.replace('name: good', 'name: real'),
      'tf/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = file("secret.txt")\n}\n',
    });
    symlinkSync(path.join(root, 'a'), path.join(root, 'a', 'loop'));
    symlinkSync(outside, path.join(root, 'outside-dir'));
    symlinkSync(path.join(outside, 'leak.yaml'), path.join(root, 'leak.yaml'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'tf', 'secret.txt'));
    symlinkSync(path.join(root, 'a', 'real.yaml'), path.join(root, 'alias.yaml'));
    const report = scanTree(root);
    expect(report.inputs.map((i) => i.path)).toEqual(['a/real.yaml', 'k8s/good.yaml', 'tf/main.tf']);
    expect(report.resources.map((r) => r.address)).toEqual(['Pod/app-shared/real', 'Pod/app-shared/good', 'aws_s3_bucket.b']);
    expect(problemsIn(report, 'tf/main.tf').map((d) => [d.code, d.line, d.message])).toEqual([
      ['terraform-eval', 2, 'Call to function "file" failed: no file exists at "secret.txt" within the scanned tree'],
    ]);
    expect(JSON.stringify(report)).not.toContain('TOP-SECRET-VALUE');
    expectGoodFinding(report);
  });

  it('paths with spaces and non-ASCII characters are scanned and reported as they are', () => {
    const report = scanTree(
      tree({
        'my dir/ünïcødé café.yaml': GOOD_POD.replace('name: good', 'name: unicode'),
        'tf dir/main file.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n',
        'tf dir/deployments/東京 prod.tfvars': '',
      }),
    );
    expect(report.findings.filter((f) => f.ruleId === 'EVD-WKL-001').map((f) => [f.location.file, f.location.line])).toEqual([
      ['k8s/good.yaml', 11],
      ['my dir/ünïcødé café.yaml', 11],
    ]);
    expect(report.resources.filter((r) => r.source === 'terraform').map((r) => [r.address, r.file, r.deployment])).toEqual([['aws_s3_bucket.b', 'tf dir/main file.tf', '東京 prod']]);
  });

  it('a file name that is not UTF-8 is an error entry (Node could not open it by the name it reads)', () => {
    const root = tree({});
    writeFileSync(Buffer.from(path.join(root, 'k8s', 'caf\xe9.yaml'), 'latin1'), GOOD_POD);
    const report = scanTree(root);
    expect(report.diagnostics.filter((d) => d.file.startsWith('k8s/caf')).map((d) => [d.code, d.file, d.line, d.message])).toEqual([
      ['read-error', 'k8s/caf\ufffd.yaml', 1, 'the name is not valid UTF-8; not scanned (rename it)'],
    ]);
    expectGoodFinding(report);
  });

  it('a named pipe is reported, never opened (reading it would block forever)', () => {
    const root = tree({});
    execFileSync('mkfifo', [path.join(root, 'k8s', 'pipe.yaml')]);
    const report = scanTree(root);
    expect(problemsIn(report, 'k8s/pipe.yaml').map((d) => [d.code, d.level, d.line, d.message])).toEqual([
      ['read-error', 'warning', 1, 'not a regular file (a pipe, socket or device); not scanned'],
    ]);
    expectGoodFinding(report);
  });

  // chmod 000 does not stop root: there, this case cannot be produced, and the non-UTF-8 name above is the unreadable entry.
  const root = process.getuid?.() === 0;
  it.skipIf(root)(`an unreadable file and an unreadable directory are error entries${root ? ' (skipped: running as root, where chmod 000 does not stop reads)' : ''}`, () => {
    const dir = tree({ 'k8s/locked.yaml': GOOD_POD, 'locked/inner.yaml': GOOD_POD });
    chmodSync(path.join(dir, 'k8s/locked.yaml'), 0o000);
    chmodSync(path.join(dir, 'locked'), 0o000);
    const report = scanTree(dir);
    expect(problemsIn(report, 'k8s/locked.yaml').map((d) => [d.code, d.line, d.message])).toEqual([['read-error', 1, 'cannot read file: EACCES']]);
    expect(problemsIn(report, 'locked').map((d) => [d.code, d.line, d.message])).toEqual([['read-error', 1, 'cannot read directory: EACCES; its files were not scanned']]);
    expectGoodFinding(report);
  });

  it('(unreadable files as root) the test itself knows whether chmod 000 stops this process', () => {
    const dir = tree({ 'probe.txt': 'x' });
    chmodSync(path.join(dir, 'probe.txt'), 0o000);
    let readable = true;
    try {
      readFileSync(path.join(dir, 'probe.txt'));
    } catch {
      readable = false;
    }
    expect(readable).toBe(root);
  });
});
