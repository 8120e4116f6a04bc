import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGitInfo, renderPack, type EvidencePack, type RenderedPack } from '../../src/evidence/index.js';
import { canonicalJson, sha256 } from '../../src/evidence/hash.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { EXAMPLE_ROOT, examplePack, waiverPack } from './example.js';
import { readPdf, squeeze, type PdfContent } from './pdf-reader.js';

function artifact(rendered: RenderedPack, name: string): Uint8Array {
  const file = rendered.files.find((f) => f.path === name);
  if (!file) throw new Error(`no ${name} in the pack`);
  return file.bytes;
}

function text(rendered: RenderedPack, name: string): string {
  return Buffer.from(artifact(rendered, name)).toString('utf8');
}

/** The first page, after the contents, whose text holds `heading` (compared without whitespace). */
function pageWith(pdf: PdfContent, heading: string): string {
  return pdf.pages.find((p) => !p.startsWith('Contents') && squeeze(p).includes(squeeze(heading))) ?? '';
}

/** Policy texts write code in backticks; the PDF prints them as quotes. Compare without either. */
function plain(value: string): string {
  return squeeze(value).replace(/[`‘’]/g, '');
}

describe('the evidence pack of the example repository', () => {
  let pack: EvidencePack;
  let rendered: RenderedPack;
  let pdf: PdfContent;
  let all: string;
  beforeAll(async () => {
    pack = examplePack();
    rendered = await renderPack(pack);
    pdf = await readPdf(artifact(rendered, 'evidence.pdf'));
    all = plain(pdf.pages.join('\n'));
  });

  it('is five artifacts and a manifest that lists each with its SHA-256, and every input', () => {
    expect(rendered.files.map((f) => f.path)).toEqual(['evidence.json', 'evidence.md', 'evidence.html', 'evidence.pdf', 'assessment-results.json']);
    expect(rendered.manifest.artifacts).toEqual(
      [...rendered.files].sort((a, b) => a.path.localeCompare(b.path)).map((f) => ({ path: f.path, bytes: f.bytes.length, sha256: sha256(f.bytes) })),
    );
    expect(rendered.manifest.inputs).toEqual(pack.inputs);
    expect(rendered.manifest.inputs.map((i) => i.path)).toContain('k8s/app/declaration-service.yaml');
    expect(rendered.manifest.templates.map((t) => t.name)).toContain('reports/templates/evidence.html.hbs');
  });

  it('gives byte-identical artifacts, the PDF included, when made again with the same clock', async () => {
    const again = await renderPack(examplePack());
    for (const file of rendered.files) expect(sha256(artifact(again, file.path)), file.path).toBe(sha256(file.bytes));
    expect(again.manifestSha256).toBe(rendered.manifestSha256);
  });

  it('records what was scanned, with what, and when on the PDF cover', () => {
    const cover = pdf.pages[0];
    const git = readGitInfo(EXAMPLE_ROOT);
    expect(squeeze(cover)).toContain('COMPLIANCEEVIDENCEPACK');
    expect(cover).toContain('complianceflow');
    if (git?.commit) expect(cover).toContain(git.commit);
    expect(cover).toContain('2026-11-22 09:00:00 UTC');
    expect(cover).toContain(pack.tool.version);
    const wasm = sha256(readFileSync(`${REPO_ROOT}/policies/compiled/evident.wasm`));
    expect(cover).toContain(wasm);
    expect(cover).toContain(sha256(canonicalJson(pack.profile.values)));
    expect(pack.profile.sha256).toBe(sha256(canonicalJson(pack.profile.values)));
  });

  it('has a section per evidenced control with its status, rules and findings', () => {
    for (const heading of ['5.17AuthenticationinformationNOTSATISFIED', '8.2PrivilegedaccessrightsNOTSATISFIED', 'CC6.6', '32(1)(b)Ongoingconfidentiality']) {
      expect(all).toContain(heading);
    }
    const iso82 = squeeze(pageWith(pdf, '8.2 Privileged access rights NOT SATISFIED'));
    expect(iso82).toContain('EVD-WKL-004Containeraddsadangerouscapability');
    expect(iso82).toContain('kubernetes.forbiddenCapabilities:SYS_ADMIN,NET_ADMIN,ALL');
    expect(iso82).toContain('Openfindings');
  });

  it('lists every finding with its file:line, message and remediation', () => {
    for (const f of pack.findings) {
      expect(all, f.fingerprint).toContain(plain(`${f.location.file}:${f.location.line}`));
      expect(all, f.fingerprint).toContain(plain(f.message));
      expect(all, f.fingerprint).toContain(plain(f.remediation));
    }
    const findingsPages = plain(pageWith(pdf, 'HIGH EVD-WKL-001 Container runs privileged'));
    expect(findingsPages).toContain('HIGHEVD-WKL-001ContainerrunsprivilegedLocationk8s/app/declaration-service.yaml:28');
  });

  it('lists every input file with its SHA-256 in the appendix', () => {
    const appendixStart = pdf.pages.findIndex((p) => p.startsWith('Appendix: input files'));
    expect(appendixStart).toBeGreaterThan(0);
    const appendix = squeeze(pdf.pages.slice(appendixStart).join(''));
    for (const input of pack.inputs) expect(appendix, input.path).toContain(`${squeeze(input.path)}${input.kind}${input.bytes}${input.sha256}`);
  });

  it('says that no waiver was declared when the register is empty', () => {
    expect(pdf.pages.find((p) => p.startsWith('Exception register'))).toContain('No waivers were declared');
  });

  it('has bookmarks for every section and every evidenced control', () => {
    expect(pdf.outline.map((o) => o.title)).toEqual([
      'Contents',
      'Executive summary',
      'ISO/IEC 27001:2022 Annex A: controls',
      'AICPA Trust Services Criteria (SOC 2): controls',
      'General Data Protection Regulation: controls',
      'Findings',
      'Exception register',
      'Scope and population',
      'Method',
      'Appendix: input files',
    ]);
    const iso = pack.frameworks.find((f) => f.framework.id === 'iso27001-2022');
    const evidenced = (iso?.controls ?? []).filter((c) => c.coverage === 'automated').map((c) => `${c.id}  ${c.title}`);
    expect(evidenced).toEqual(expect.arrayContaining(['5.17  Authentication information', '8.2  Privileged access rights', '8.27  Secure system architecture and engineering principles']));
    expect(pdf.outline[2].children.map((c) => c.title)).toEqual([...evidenced, 'Controls without automated evidence']);
    expect(pdf.outline[1].children.map((c) => c.title)).toEqual(['ISO/IEC 27001:2022 Annex A', 'AICPA Trust Services Criteria (SOC 2)', 'General Data Protection Regulation']);
    expect(pdf.outline[7].children.map((c) => c.title)).toEqual(['Inventory', 'Unknown results', 'Problems reading the input']);
  });

  it('has a table of contents whose page numbers are where the sections start', () => {
    const contents = pdf.pages[1];
    expect(contents.startsWith('Contents')).toBe(true);
    for (const section of ['Findings', 'Exception register', 'Scope and population', 'Method', 'Appendix: input files']) {
      const page = pdf.pages.findIndex((p) => p.startsWith(section)) + 1;
      expect(contents, section).toMatch(new RegExp(`${section}\\s+${page}\\s`));
    }
  });

  it('ends every page with "page n of N"', () => {
    const total = pdf.pages.length;
    expect(total).toBeGreaterThan(10);
    pdf.pages.forEach((page, i) => {
      const footers = [...page.matchAll(/page (\d+) of (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(footers, `page ${i + 1}`).toEqual([[i + 1, total]]);
    });
  });

  it('embeds subsets of the DejaVu fonts and none of the standard 14 fonts', () => {
    const raw = Buffer.from(artifact(rendered, 'evidence.pdf')).toString('latin1');
    const fonts = [...new Set([...raw.matchAll(/\/BaseFont \/([A-Z]{6})\+([A-Za-z-]+)/g)].map((m) => m[2]))].sort();
    expect(fonts).toEqual(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSansMono']);
    expect(raw.match(/\/FontFile2 \d+ 0 R/g)).toHaveLength(3);
    expect(raw).not.toMatch(/\/Subtype \/Type1|Helvetica|Times-Roman|Courier/);
  });

  it('dates the PDF with the scan clock and derives its file ID from the content', () => {
    const raw = Buffer.from(artifact(rendered, 'evidence.pdf')).toString('latin1');
    expect(raw).toContain('(D:20261122090000Z)');
    expect(raw).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });

  it('renders Markdown and HTML from the templates, escaped for each', () => {
    const md = text(rendered, 'evidence.md');
    expect(md).toContain('#### 8.2 Privileged access rights: Not satisfied');
    expect(md).toContain('| high | EVD-WKL-001 | k8s/app/declaration-service.yaml:28 | Deployment/app-acme/declaration-service | Container "declaration-service" runs privileged |');
    expect(md).toContain('## Exception register\n\nNo waivers were declared');
    const html = text(rendered, 'evidence.html');
    expect(html).toContain('<h3>8.2 Privileged access rights <span class="badge not-satisfied">Not satisfied</span></h3>');
    expect(html).toContain('Container &quot;declaration-service&quot; runs privileged');
    expect(html).toContain('<style>\n:root {');
  });

  it('holds the complete model in evidence.json', () => {
    const json = JSON.parse(text(rendered, 'evidence.json')) as EvidencePack;
    expect(json).toEqual(JSON.parse(JSON.stringify(pack)));
    const iso = json.frameworks.find((f) => f.framework.id === 'iso27001-2022');
    const control = iso?.controls.find((c) => c.id === '8.2');
    expect(control).toMatchObject({ status: 'not satisfied', coverage: 'automated' });
    expect(control?.rules.map((r) => r.ruleId)).toEqual(['EVD-WKL-001', 'EVD-WKL-002', 'EVD-WKL-003', 'EVD-WKL-004', 'EVD-WKL-005']);
    expect(control?.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`)).toContain('EVD-WKL-001 k8s/app/declaration-service.yaml:28');
    expect(iso?.controls.find((c) => c.id === '5.1')).toMatchObject({ status: 'manual', coverage: 'manual' });
  });
});

describe('the exception register', () => {
  let rendered: RenderedPack;
  let pdf: PdfContent;
  beforeAll(async () => {
    rendered = await renderPack(waiverPack());
    pdf = await readPdf(artifact(rendered, 'evidence.pdf'));
  });

  /** The text of one register row, without whitespace: from its waiver id to the next row's. */
  function row(page: string, id: string, next?: string): string {
    const text = squeeze(page);
    const start = text.indexOf(id);
    expect(start, id).toBeGreaterThanOrEqual(0);
    return text.slice(start, next === undefined ? undefined : text.indexOf(next, start + id.length));
  }

  it('lists every waiver with owner, reason and expiry, and flags the expired one', () => {
    const register = pdf.pages.find((p) => p.startsWith('Exception register')) ?? '';
    expect(register).toContain('3 waivers: 1 active, 1 expired, 1 unused.');
    const active = row(register, 'evident.waivers.yaml:4', 'evident.waivers.yaml:11');
    const expired = row(register, 'evident.waivers.yaml:11', 'evident.waivers.yaml:18');
    expect(active).toContain(squeeze('EVD-WKL-001 every resource platform-team Node agent reads kernel metrics 2027-03-31 active 1'));
    expect(expired).toContain(squeeze('EVD-NET-002 every resource network-team Ingress controller needs a load balancer 2026-10-31 EXPIRED 1'));
    expect(active).not.toContain('EXPIRED');
    expect(row(register, 'evident.waivers.yaml:18')).toContain(squeeze('data-team Legacy batch job 2027-06-30 unused 0'));
  });

  it('shows a waived finding under its control, which stays satisfied, and an expired waiver under the unsatisfied one', () => {
    const iso82 = squeeze(pageWith(pdf, '8.2 Privileged access rights SATISFIED'));
    expect(iso82).toContain('8.2PrivilegedaccessrightsSATISFIED');
    expect(iso82).toContain('Waivedfindings(1)');
    expect(iso82).toContain('k8s/agent.yaml:21');
    expect(iso82).toContain('Waiversapplied');
    const iso820 = squeeze(pageWith(pdf, '8.20 Networks security NOT SATISFIED'));
    expect(iso820).toContain('8.20NetworkssecurityNOTSATISFIED');
    expect(iso820).toContain('evident.waivers.yaml:11');
    expect(iso820).toContain('EXPIRED');
  });

  it('flags the expired waiver in Markdown and HTML too', () => {
    expect(text(rendered, 'evidence.md')).toContain('| evident.waivers.yaml:11 | EVD-NET-002 | every resource | network-team | Ingress controller needs a load balancer | 2026-10-31 | **EXPIRED** | 1 |');
    expect(text(rendered, 'evidence.html')).toContain('<tr class="expired"><td class="wrap mono">evident.waivers.yaml:11</td>');
  });

  it('names the organisation from the config and the repository from the directory', () => {
    expect(pdf.pages[0]).toContain('Acme Corp');
    expect(pdf.pages[0]).toContain('acme-platform');
  });
});
