import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { EXAMPLE_ROOT } from './example.js';
import { readPdf } from './pdf-reader.js';

const TIMESTAMP = ['--timestamp', '2026-11-22T09:00:00Z'];
const ARTIFACTS = ['evidence.json', 'evidence.md', 'evidence.html', 'evidence.pdf', 'assessment-results.json'];

const temp = mkdtempSync(path.join(tmpdir(), 'evident-evidence-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function lines(text: string): string[] {
  return text.split('\n');
}

describe('evident controls', () => {
  it('prints every framework with, per control, the rules that evidence it or why none does', async () => {
    const run = await runCli(['controls'], { cwd: REPO_ROOT });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = lines(run.stdout);
    expect(out.filter((l) => /^\S/.test(l))).toEqual([
      expect.stringMatching(/^ISO\/IEC 27001:2022 Annex A 2022 \(iso27001-2022\): 93 controls, \d+ evidenced by rules, \d+ not covered by automated checks, \d+ manual$/),
      expect.stringMatching(/^AICPA Trust Services Criteria \(SOC 2\) 2017 \(revised points of focus 2022\) \(soc2-2017\): 61 controls, /),
      expect.stringMatching(/^General Data Protection Regulation 2016\/679 \(gdpr\): 17 controls, /),
    ]);
    expect(out).toContain('  5.1   Policies for information security — manual');
    expect(out).toContain('  8.2   Privileged access rights — EVD-WKL-001, EVD-WKL-002, EVD-WKL-003, EVD-WKL-004, EVD-WKL-005');
    expect(out).toContain('  7.4   Physical security monitoring — manual');
    expect(out).toContain('  8.16  Monitoring activities — not covered by automated checks');
    expect(out).toContain('  CC6.6  Logical access measures guard against threats from outside the system boundary — EVD-NET-001, EVD-NET-002, EVD-NET-003, EVD-NET-004, EVD-NET-005, EVD-NET-006, EVD-NET-007, EVD-NET-008');
    expect(out).toContain('  CC1.1  Leadership shows commitment to integrity and ethical values — manual');
  });

  it('prints one framework with --framework, saying which controls scanning could but does not cover', async () => {
    const run = await runCli(['controls', '--framework', 'gdpr'], { cwd: REPO_ROOT });
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out[0]).toMatch(/^General Data Protection Regulation 2016\/679 \(gdpr\): 17 controls, /);
    expect(out).toContain('  28        Processor obligations and contracts — manual');
    expect(out).toContain('  5(1)(e)   Storage limitation — not covered by automated checks');
    expect(out).toContain('  25        Data protection by design and by default — EVD-NET-001, EVD-NET-002, EVD-NET-004, EVD-NET-006, EVD-NET-008, EVD-WKL-002, EVD-WKL-003');
    expect(out.filter((l) => l.startsWith('  '))).toHaveLength(17);
    expect(run.stdout).not.toContain('ISO/IEC');
  });

  it('exits 2 for an unknown framework or a stray argument', async () => {
    const unknown = await runCli(['controls', '--framework', 'nist-800-53'], { cwd: REPO_ROOT });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--framework must be one of iso27001-2022, soc2-2017, gdpr; got "nist-800-53"');
    expect((await runCli(['controls', 'gdpr'], { cwd: REPO_ROOT })).code).toBe(2);
  });
});

describe('evident scan --evidence and evident verify', () => {
  const pack = path.join(temp, 'pack');
  let scanRun: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    scanRun = await runCli(['scan', EXAMPLE_ROOT, '--evidence', pack, ...TIMESTAMP], { cwd: REPO_ROOT });
  });

  /** A copy of the pack to tamper with. */
  function copy(name: string): string {
    const dir = path.join(temp, name);
    cpSync(pack, dir, { recursive: true });
    return dir;
  }

  it('writes the artifacts and the manifest, and still reports on stdout with the usual exit code', () => {
    expect(scanRun.code).toBe(1);
    expect(scanRun.stdout).toContain('k8s/app/declaration-service.yaml');
    expect(scanRun.stderr).toMatch(/^evident: evidence pack written to .*pack: 5 artifacts and manifest.json \(SHA-256 [0-9a-f]{64}\)\n$/);
    expect(readdirSync(pack).sort()).toEqual([...ARTIFACTS, 'manifest.json'].sort());
  });

  it('verifies an untouched pack', async () => {
    const run = await runCli(['verify', pack], { cwd: REPO_ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✔ evidence pack intact: 5 artifacts match manifest.json \(manifest.json SHA-256 [0-9a-f]{64}\)\n$/);
    expect(run.stdout).toContain(scanRun.stderr.match(/SHA-256 ([0-9a-f]{64})/)?.[1] ?? 'no hash printed');
  });

  it.each([...ARTIFACTS, 'manifest.json'])('fails, naming %s, when one byte of it changes', async (file) => {
    const dir = copy(`flip-${file}`);
    const target = path.join(dir, file);
    const bytes = readFileSync(target);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at] === 0x20 ? 0x21 : 0x20;
    writeFileSync(target, bytes);
    const run = await runCli(['verify', dir], { cwd: REPO_ROOT });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^changed {2}${file.replace('.', '\\.')}`, 'm'));
    expect(run.stdout).toMatch(/✖ evidence pack changed: \d+ problems?/);
  });

  it('fails when an artifact is deleted or a file is added', async () => {
    const dir = copy('deleted-added');
    unlinkSync(path.join(dir, 'evidence.html'));
    writeFileSync(path.join(dir, 'notes.txt'), 'added later\n');
    mkdirSync(path.join(dir, 'extra'));
    writeFileSync(path.join(dir, 'extra', 'scan.sarif'), '{}\n');
    const run = await runCli(['verify', dir], { cwd: REPO_ROOT });
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual([
      'missing     evidence.html',
      'unexpected  extra/scan.sarif: not listed in the manifest',
      'unexpected  notes.txt: not listed in the manifest',
      expect.stringMatching(/^✖ evidence pack changed: 3 problems \(manifest.json SHA-256 [0-9a-f]{64}\)$/),
      '',
    ]);
  });

  it('exits 2 for a directory without manifest.json, a missing directory or no directory', async () => {
    const empty = path.join(temp, 'not-a-pack');
    mkdirSync(empty);
    const noManifest = await runCli(['verify', empty], { cwd: REPO_ROOT });
    expect(noManifest.code).toBe(2);
    expect(noManifest.stderr).toContain('has no manifest.json: not an evidence pack');
    expect((await runCli(['verify', path.join(temp, 'nowhere')], { cwd: REPO_ROOT })).code).toBe(2);
    expect((await runCli(['verify'], { cwd: REPO_ROOT })).code).toBe(2);
  });

  it('refuses to write into a directory that holds other files', async () => {
    const dir = path.join(temp, 'busy');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'report.json'), '{}');
    const run = await runCli(['scan', EXAMPLE_ROOT, '--evidence', dir, ...TIMESTAMP], { cwd: REPO_ROOT });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('holds files that are not part of an evidence pack (report.json); use an empty directory');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('replaces a previous pack in the same directory', async () => {
    const dir = copy('rewrite');
    const run = await runCli(['scan', EXAMPLE_ROOT, '--evidence', dir, ...TIMESTAMP], { cwd: REPO_ROOT });
    expect(run.code).toBe(1);
    expect((await runCli(['verify', dir], { cwd: REPO_ROOT })).code).toBe(0);
  });

  it('renders Markdown and HTML with a user template directory, falling back to the built-in files', async () => {
    const templates = path.join(temp, 'my-templates');
    mkdirSync(path.join(templates, 'templates'), { recursive: true });
    writeFileSync(path.join(templates, 'templates', 'evidence.md.hbs'), '# Evidence for {{organisation}}\n{{#each frameworks}}- {{name}}: {{counts.notSatisfied}} not satisfied\n{{/each}}');
    const out = path.join(temp, 'custom');
    const run = await runCli(['scan', EXAMPLE_ROOT, '--evidence', out, '--templates', templates, ...TIMESTAMP], { cwd: REPO_ROOT });
    expect(run.code).toBe(1);
    const md = readFileSync(path.join(out, 'evidence.md'), 'utf8');
    expect(lines(md)[0]).toBe('# Evidence for ComplianceFlow');
    expect(md).toMatch(/^- ISO\/IEC 27001:2022 Annex A: \d+ not satisfied$/m);
    expect(readFileSync(path.join(out, 'evidence.html'), 'utf8')).toContain('<h2>Executive summary</h2>');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { templates: { name: string }[] };
    expect(manifest.templates.map((t) => t.name)).toContain('custom:templates/evidence.md.hbs');
    expect(manifest.templates.map((t) => t.name)).toContain('reports/templates/evidence.html.hbs');
  });

  it('exits 2 for --templates without --evidence or pointing nowhere', async () => {
    const alone = await runCli(['scan', EXAMPLE_ROOT, '--templates', temp], { cwd: REPO_ROOT });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--templates applies only with --evidence DIR');
    const nowhere = await runCli(['scan', EXAMPLE_ROOT, '--evidence', path.join(temp, 'x'), '--templates', path.join(temp, 'none')], { cwd: REPO_ROOT });
    expect(nowhere.code).toBe(2);
    expect(existsSync(path.join(temp, 'x'))).toBe(false);
  });
});

describe('evidence of a copy of the example repository with planted secrets', () => {
  const repo = path.join(temp, 'repo');
  const pack = path.join(temp, 'secret-pack');
  const SECRET_DATA = 'Planted-Db-Passw0rd-4242';
  const SECRET_ENV = 'Planted-Env-Secret-9876';
  const KNOWN = ['Winter2025!relay', 'Db-Pa55word-do-not-leak'];
  beforeAll(async () => {
    cpSync(EXAMPLE_ROOT, repo, { recursive: true });
    writeFileSync(
      path.join(repo, 'k8s/data/billing-secret.yaml'),
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\n  namespace: app-shared\ntype: Opaque\nstringData:\n  password: ${SECRET_DATA}\n`,
    );
    writeFileSync(
      path.join(repo, 'k8s/app/billing.yaml'),
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: billing, namespace: app-shared }',
        'spec:',
        '  selector: { matchLabels: { app: billing } }',
        '  template:',
        '    metadata: { labels: { app: billing } }',
        '    spec:',
        '      securityContext: { runAsNonRoot: true, runAsUser: 10001 }',
        '      containers:',
        '        - name: billing',
        '          image: registry.complianceflow.example/billing:1.0.0',
        '          securityContext: { allowPrivilegeEscalation: false }',
        '          env:',
        '            - name: DB_PASSWORD',
        `              value: ${SECRET_ENV}`,
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(repo, 'evident.config.yaml'), 'evidence:\n  organisation: ComplianceFlow GmbH\n  repository: platform-config\n');
    const run = await runCli(['scan', repo, '--evidence', pack, ...TIMESTAMP], { cwd: temp });
    expect(run.stderr).toContain('evidence pack written');
  });

  it('never writes a secret into any artifact, the PDF text included', async () => {
    for (const file of readdirSync(pack)) {
      const bytes = readFileSync(path.join(pack, file));
      for (const secret of [SECRET_DATA, SECRET_ENV, ...KNOWN]) {
        expect(bytes.toString('utf8'), `${file} holds ${secret}`).not.toContain(secret);
        expect(bytes.toString('latin1'), `${file} holds ${secret}`).not.toContain(secret);
      }
    }
    const text = (await readPdf(readFileSync(path.join(pack, 'evidence.pdf')))).pages.join('\n');
    for (const secret of [SECRET_DATA, SECRET_ENV, ...KNOWN]) expect(text).not.toContain(secret);
    // The planted secret was seen: its finding is in the PDF, its value is not.
    expect(text).toContain('Container "billing" sets DB_PASSWORD to a literal value in the manifest');
    const evidence = JSON.parse(readFileSync(path.join(pack, 'evidence.json'), 'utf8')) as { inputs: { path: string }[]; population: { inventory: { address: string }[] } };
    expect(evidence.inputs.map((i) => i.path)).toContain('k8s/data/billing-secret.yaml');
    expect(evidence.population.inventory.map((r) => r.address)).toContain('Secret/app-shared/billing-db');
  });

  it('names the organisation and repository from the config and records the config file hash', () => {
    const evidence = JSON.parse(readFileSync(path.join(pack, 'evidence.json'), 'utf8')) as { subject: object; configFile: { path: string; sha256: string } };
    expect(evidence.subject).toEqual({ organisation: 'ComplianceFlow GmbH', repository: 'platform-config' });
    expect(evidence.configFile.path).toBe('evident.config.yaml');
    expect(evidence.configFile.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('checks the scanned inputs too with --root, naming a changed one', async () => {
    expect((await runCli(['verify', pack, '--root', repo], { cwd: temp })).stdout).toMatch(/^✔ evidence pack intact: 5 artifacts match manifest.json, \d+ inputs match the files under /);
    writeFileSync(path.join(repo, 'k8s/app/billing.yaml'), readFileSync(path.join(repo, 'k8s/app/billing.yaml'), 'utf8').replace('1.0.0', '1.0.1'));
    const run = await runCli(['verify', pack, '--root', repo], { cwd: temp });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^input changed {2}k8s\/app\/billing\.yaml: SHA-256 [0-9a-f]{64}, manifest says [0-9a-f]{64}$/m);
  });

  it('rejects an unknown key in the evidence section of the config', async () => {
    writeFileSync(path.join(repo, 'evident.config.yaml'), 'evidence:\n  organisation: ComplianceFlow GmbH\n  team: platform\n');
    const run = await runCli(['scan', repo, '--evidence', path.join(temp, 'never')], { cwd: temp });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('evident.config.yaml:3:3: error: unknown key "evidence.team"');
  });
});
