import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { ControlEvaluation, ControlStatus, FrameworkEvaluation, RuleParameter } from '../compliance/evaluate.js';
import type { EvidencePack, EvidenceRule } from '../evidence/model.js';
import type { Finding, JsonValue, Severity, WaiverRecord } from '../model/index.js';
import { packageRoot } from '../package-root.js';
import {
  automatedControls,
  controlAnchor,
  coverageLabel,
  formatControls,
  formatLocation,
  formatParameters,
  formatPopulation,
  formatResource,
  formatTime,
  formatValue,
  formatValueBrief,
  matrixMark,
  matrixRules,
  STATUS_LABEL,
  waiverScope,
  waiverStatusLabel,
} from './evidence-view.js';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 64, left: 54, right: 54 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;

const COLOR = {
  ink: '#1f2328',
  muted: '#59636e',
  line: '#d1d9e0',
  head: '#eef2f6',
  zebra: '#f8fafc',
  accent: '#0b3d91',
  pass: '#1a7f37',
  fail: '#cf222e',
  amber: '#9a6700',
  grey: '#59636e',
};

const STATUS_COLOR: Record<ControlStatus, { ink: string; tint: string }> = {
  satisfied: { ink: COLOR.pass, tint: '#dafbe1' },
  'not satisfied': { ink: COLOR.fail, tint: '#ffebe9' },
  'not evaluated': { ink: COLOR.amber, tint: '#fff8c5' },
  manual: { ink: COLOR.grey, tint: '#eaeef2' },
};

const SEVERITY_COLOR: Record<Severity, string> = { critical: '#8250df', high: COLOR.fail, medium: COLOR.amber, low: COLOR.muted };
const TONE_COLOR = { fail: COLOR.fail, waived: COLOR.amber, pass: COLOR.pass, none: COLOR.muted };

type Font = 'Sans' | 'Sans-Bold' | 'Mono';

interface Style {
  font?: Font;
  size?: number;
  color?: string;
}

interface Cell extends Style {
  text: string;
}

interface Column {
  header: string;
  /** Relative width; the table spreads the width the fitted columns leave over the others in this proportion. */
  width: number;
  /** Ids, dates, counts and hashes: sized to their longest value so that they never wrap (up to `width` or a third of the page). */
  fit?: boolean;
  align?: 'left' | 'right' | 'center';
  font?: Font;
  size?: number;
}

interface TocEntry {
  key: string;
  title: string;
  level: 0 | 1;
  page?: number;
}

const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;
const TOC_LINE = { 0: 17, 1: 13.5 } as const;
const TOC_TOP = MARGIN.top + 40;

function fontsDir(): string {
  return path.join(packageRoot(), 'reports', 'assets', 'fonts');
}

/**
 * How each font is named to PDFKit. The regular font is the document's default, opened by its path; PDFKit caches
 * it under that path, whereas a second name registered for the same file would be re-parsed on every use.
 */
function fontKeys(): Record<Font, string> {
  return { Sans: path.join(fontsDir(), 'DejaVuSans.ttf'), 'Sans-Bold': 'Sans-Bold', Mono: 'Mono' };
}

/** Thin layer over PDFKit: flowing text, headings, tables that break across pages with their header. */
class Writer {
  readonly doc: PDFKit.PDFDocument;
  readonly toc: TocEntry[] = [];
  private readonly fonts: Record<Font, string>;
  private outlineParent: PDFKit.PDFOutline | undefined;

  constructor(doc: PDFKit.PDFDocument, fonts: Record<Font, string>) {
    this.doc = doc;
    this.fonts = fonts;
  }

  pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = MARGIN.left;
    this.doc.y = MARGIN.top;
  }

  ensure(height: number): void {
    if (this.doc.y + height > BOTTOM) this.newPage();
  }

  gap(height: number): void {
    this.doc.y = Math.min(this.doc.y + height, BOTTOM);
  }

  style({ font = 'Sans', size = 9, color = COLOR.ink }: Style): void {
    this.doc.font(this.fonts[font]).fontSize(size).fillColor(color);
  }

  height(text: string, width: number, style: Style): number {
    this.style(style);
    return this.doc.heightOfString(text === '' ? ' ' : text, { width, lineGap: 1 });
  }

  /** Flowing text across the content width; PDFKit breaks pages inside long paragraphs. */
  paragraph(text: string, style: Style = {}, options: { indent?: number; after?: number } = {}): void {
    const indent = options.indent ?? 0;
    this.ensure(Math.min(this.height(text, WIDTH - indent, style), 40));
    this.style(style);
    this.doc.text(text, MARGIN.left + indent, this.doc.y, { width: WIDTH - indent, lineGap: 1 });
    this.gap(options.after ?? 6);
  }

  /** A section start: a named destination for the contents, an outline entry and the heading itself. */
  /** `keep`: the height that must fit below the heading on the same page, so a heading never ends a page. */
  heading(level: 0 | 1 | 2, title: string, key?: string, badge?: ControlStatus, keep = 70): void {
    const size = level === 0 ? 16 : level === 1 ? 12.5 : 10.5;
    if (level === 0) this.newPage();
    else this.ensure(keep + 20);
    if (level === 1) this.gap(4);
    const top = this.doc.y;
    if (key !== undefined) {
      this.doc.addNamedDestination(key, 'XYZ', 0, PAGE.height - top + 8, null);
      const entry = this.toc.find((e) => e.key === key);
      if (entry) entry.page = this.pageIndex();
      // PDFKit also reads `top` and `left` (the XYZ destination), which its type declarations omit.
      const options: { expanded?: boolean } = { top, left: PAGE.width, expanded: true } as { expanded: boolean };
      if (level === 0) this.outlineParent = this.doc.outline.addItem(title, options);
      else (this.outlineParent ?? this.doc.outline).addItem(title, options);
    }
    const badgeWidth = badge === undefined ? 0 : this.badgeWidth(badge) + 10;
    this.style({ font: 'Sans-Bold', size, color: COLOR.accent });
    this.doc.text(title, MARGIN.left, top, { width: WIDTH - badgeWidth, lineGap: 1 });
    const bottom = this.doc.y;
    if (badge !== undefined) this.badge(badge, MARGIN.left + WIDTH - badgeWidth + 10, top + (size - 8) / 2);
    if (level === 0) {
      this.doc.moveTo(MARGIN.left, bottom + 3).lineTo(MARGIN.left + WIDTH, bottom + 3).lineWidth(1.5).strokeColor(COLOR.accent).stroke();
      this.doc.y = bottom + 12;
    } else this.doc.y = bottom + 4;
  }

  /** The largest size, up to `max`, at which `text` fits `width` on one line. */
  fitSize(text: string, width: number, font: Font, max: number): number {
    let size = max;
    for (this.doc.font(this.fonts[font]).fontSize(size); size > 4 && this.doc.widthOfString(text) > width; this.doc.fontSize(size)) size = Math.round((size - 0.1) * 10) / 10;
    return size;
  }

  /** `text` cut to `width` in the current font, with an ellipsis when cut. */
  fit(text: string, width: number): string {
    if (this.doc.widthOfString(text) <= width) return text;
    let cut = text;
    while (cut.length > 0 && this.doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}…`;
  }

  badgeWidth(status: ControlStatus): number {
    this.style({ font: 'Sans-Bold', size: 7.5 });
    return this.doc.widthOfString(STATUS_LABEL[status].toUpperCase()) + 12;
  }

  badge(status: ControlStatus, x: number, y: number): void {
    const width = this.badgeWidth(status);
    this.doc.roundedRect(x, y, width, 13, 6.5).fillAndStroke(STATUS_COLOR[status].tint, STATUS_COLOR[status].ink);
    this.style({ font: 'Sans-Bold', size: 7.5, color: STATUS_COLOR[status].ink });
    this.doc.text(STATUS_LABEL[status].toUpperCase(), x, y + 3, { width, align: 'center', lineBreak: false });
  }

  /** Label/value pairs in two columns, without borders. */
  fields(rows: [string, string | Cell][], options: { labelWidth?: number; size?: number; indent?: number } = {}): void {
    const labelWidth = options.labelWidth ?? 86;
    const size = options.size ?? 8.5;
    const indent = options.indent ?? 0;
    const valueWidth = WIDTH - indent - labelWidth;
    for (const [label, raw] of rows) {
      const value: Cell = typeof raw === 'string' ? { text: raw } : raw;
      const valueStyle: Style = { font: value.font ?? 'Sans', size: value.size ?? size, color: value.color ?? COLOR.ink };
      const height = Math.max(this.height(label, labelWidth - 6, { size }), this.height(value.text, valueWidth, valueStyle));
      this.ensure(height + 3);
      const y = this.doc.y;
      this.style({ size, color: COLOR.muted });
      this.doc.text(label, MARGIN.left + indent, y, { width: labelWidth - 6, lineGap: 1 });
      this.style(valueStyle);
      this.doc.text(value.text, MARGIN.left + indent + labelWidth, y, { width: valueWidth, lineGap: 1 });
      this.doc.y = y + height + 3;
    }
  }

  private tableHeader(columns: readonly Column[], size: number): void {
    const headerSize = (c: Column) => Math.min(c.size ?? size, size);
    const height = Math.max(...columns.map((c) => this.height(c.header, c.width - 2 * CELL_PAD_X, { font: 'Sans-Bold', size: headerSize(c) }))) + 2 * CELL_PAD_Y;
    const y = this.doc.y;
    this.doc.rect(MARGIN.left, y, WIDTH, height).fill(COLOR.head);
    let x = MARGIN.left;
    for (const column of columns) {
      this.style({ font: 'Sans-Bold', size: headerSize(column), color: COLOR.ink });
      this.doc.text(column.header, x + CELL_PAD_X, y + CELL_PAD_Y, { width: column.width - 2 * CELL_PAD_X, align: column.align ?? 'left', lineGap: 1 });
      x += column.width;
    }
    this.doc.moveTo(MARGIN.left, y + height).lineTo(MARGIN.left + WIDTH, y + height).lineWidth(0.75).strokeColor(COLOR.muted).stroke();
    this.doc.y = y + height;
  }

  /** The width of the widest line of `text` in `style`. */
  private lineWidth(text: string, style: Style): number {
    this.style(style);
    return Math.max(0, ...text.split('\n').map((line) => this.doc.widthOfString(line)));
  }

  /** A table whose rows never split: a row that does not fit starts a new page, under a repeated header. */
  table(columns: readonly Column[], rows: readonly (string | Cell)[][], options: { size?: number; tint?: (rowIndex: number) => string | undefined } = {}): void {
    const size = options.size ?? 7.5;
    const cellsOf = (row: readonly (string | Cell)[]) =>
      row.map((raw, i): Cell => {
        const cell = typeof raw === 'string' ? { text: raw } : raw;
        return { font: columns[i].font ?? 'Sans', size: columns[i].size ?? size, color: COLOR.ink, ...cell };
      });
    const body = rows.map(cellsOf);
    const fitted = columns.map((c, i) => {
      if (!c.fit) return undefined;
      const header = this.lineWidth(c.header, { font: 'Sans-Bold', size: Math.min(c.size ?? size, size) });
      const widest = Math.max(header, ...body.map((cells) => this.lineWidth(cells[i].text, cells[i])));
      return Math.min(Math.ceil(widest + 2 * CELL_PAD_X + 1), Math.max(c.width, WIDTH / 3));
    });
    const flexible = columns.reduce((sum, c, i) => sum + (fitted[i] === undefined ? c.width : 0), 0);
    const left = WIDTH - fitted.reduce<number>((sum, f) => sum + (f ?? 0), 0);
    const cols = columns.map((c, i) => ({ ...c, width: fitted[i] ?? (c.width * left) / flexible }));
    this.ensure(40);
    this.tableHeader(cols, size);
    body.forEach((cells, rowIndex) => {
      const height = Math.max(...cells.map((cell, i) => this.height(cell.text, cols[i].width - 2 * CELL_PAD_X, cell))) + 2 * CELL_PAD_Y;
      if (this.doc.y + height > BOTTOM) {
        this.newPage();
        this.tableHeader(cols, size);
      }
      const y = this.doc.y;
      const tint = options.tint?.(rowIndex) ?? (rowIndex % 2 === 1 ? COLOR.zebra : undefined);
      if (tint !== undefined) this.doc.rect(MARGIN.left, y, WIDTH, height).fill(tint);
      let x = MARGIN.left;
      cells.forEach((cell, i) => {
        this.style(cell);
        this.doc.text(cell.text, x + CELL_PAD_X, y + CELL_PAD_Y, { width: cols[i].width - 2 * CELL_PAD_X, align: cols[i].align ?? 'left', lineGap: 1 });
        x += cols[i].width;
      });
      this.doc.moveTo(MARGIN.left, y + height).lineTo(MARGIN.left + WIDTH, y + height).lineWidth(0.5).strokeColor(COLOR.line).stroke();
      this.doc.y = y + height;
    });
    this.gap(8);
  }
}

// ---- sections ----

function cover(w: Writer, pack: EvidencePack): void {
  const { doc } = w;
  doc.rect(0, 0, PAGE.width, 10).fill(COLOR.accent);
  doc.y = 150;
  w.style({ font: 'Sans-Bold', size: 10, color: COLOR.muted });
  doc.text('COMPLIANCE EVIDENCE PACK', MARGIN.left, doc.y, { characterSpacing: 1.5 });
  w.gap(10);
  w.style({ font: 'Sans-Bold', size: 26, color: COLOR.accent });
  doc.text(pack.subject.organisation, MARGIN.left, doc.y, { width: WIDTH });
  w.style({ size: 15, color: COLOR.ink });
  doc.text(pack.subject.repository, MARGIN.left, doc.y + 2, { width: WIDTH });
  w.gap(26);
  doc.moveTo(MARGIN.left, doc.y).lineTo(MARGIN.left + WIDTH, doc.y).lineWidth(0.75).strokeColor(COLOR.line).stroke();
  w.gap(12);
  const git = pack.subject.git;
  const rows: [string, string | Cell][] = [
    ['Organisation', pack.subject.organisation],
    ['Repository', pack.subject.repository],
    ['Commit', git?.commit ? { text: git.commit, font: 'Mono' } : 'not a git repository'],
  ];
  if (git?.branch) rows.push(['Branch', git.branch]);
  else if (git?.commit) rows.push(['Branch', 'detached HEAD']);
  rows.push(['Run time', formatTime(pack.generatedAt)], ['Evident version', pack.tool.version]);
  for (const bundle of pack.policyBundles) {
    rows.push([`Policy bundle “${bundle.name}”`, { text: `${bundle.wasmSha256}\nSHA-256 of the compiled WebAssembly · OPA ${bundle.opaVersion} · ${bundle.rules} rules`, font: 'Mono', size: 7.5 }]);
  }
  rows.push(['Effective profile', { text: `${pack.profile.sha256}\nSHA-256 of its canonical JSON`, font: 'Mono', size: 7.5 }]);
  if (pack.configFile) rows.push(['Config file', { text: `${pack.configFile.path}\n${pack.configFile.sha256}`, font: 'Mono', size: 7.5 }]);
  w.fields(rows, { labelWidth: 120, size: 9.5 });
  w.gap(18);
  w.style({ font: 'Sans-Bold', size: 10, color: COLOR.ink });
  doc.text('Results', MARGIN.left, doc.y);
  w.gap(4);
  const s = pack.summary;
  w.fields(
    [
      ['Scope', `${pack.inputs.length} files, ${s.resources} resources, ${s.rules} rules`],
      ['Findings', `${s.openFindings} open (${Object.entries(s.bySeverity).filter(([, n]) => n > 0).map(([sev, n]) => `${n} ${sev}`).join(', ') || 'none'}), ${s.waivedFindings} waived, ${s.unknowns} unknown results, ${s.errors} input errors`],
      ...pack.frameworks.map((f): [string, string] => [
        f.framework.name,
        `${f.counts.satisfied} satisfied · ${f.counts.notSatisfied} not satisfied · ${f.counts.notEvaluated} not evaluated · ${f.counts.manual} manual (of ${f.controls.length})`,
      ]),
    ],
    { labelWidth: 120, size: 9 },
  );
  doc.y = BOTTOM - 44;
  w.style({ size: 7.5, color: COLOR.muted });
  doc.text(
    'Generated by Evident from the repository’s infrastructure code. Secret values are redacted from every artifact. ' +
      'manifest.json beside this file lists the SHA-256 of every artifact and input; run “evident verify <dir>” to check that nothing changed.',
    MARGIN.left,
    doc.y,
    { width: WIDTH, lineGap: 1 },
  );
}

function tiles(w: Writer, framework: FrameworkEvaluation): void {
  const { doc } = w;
  const items: [ControlStatus, number][] = [
    ['satisfied', framework.counts.satisfied],
    ['not satisfied', framework.counts.notSatisfied],
    ['not evaluated', framework.counts.notEvaluated],
    ['manual', framework.counts.manual],
  ];
  const gap = 8;
  const width = (WIDTH - 3 * gap) / 4;
  w.ensure(52);
  const y = doc.y;
  items.forEach(([status, count], i) => {
    const x = MARGIN.left + i * (width + gap);
    doc.rect(x, y, width, 42).fillAndStroke('#ffffff', COLOR.line);
    doc.rect(x, y, 4, 42).fill(STATUS_COLOR[status].ink);
    w.style({ font: 'Sans-Bold', size: 17, color: STATUS_COLOR[status].ink });
    doc.text(String(count), x + 12, y + 5, { width: width - 16, lineBreak: false });
    w.style({ size: 7.5, color: COLOR.muted });
    doc.text(STATUS_LABEL[status].toLowerCase(), x + 12, y + 27, { width: width - 16, lineBreak: false });
  });
  doc.y = y + 52;
}

const MATRIX_MAX_CONTROLS = 12;

/** The evidenced controls at a glance: status, rules, and rule-by-resource results. */
function controlTable(w: Writer, controls: readonly ControlEvaluation[]): void {
  w.table(
    [
      { header: 'Control', fit: true, width: 48 },
      { header: 'Title', width: 205 },
      { header: 'Status', fit: true, width: 70 },
      { header: 'Rules', fit: true, width: 36, align: 'right' },
      { header: 'Pass', fit: true, width: 40, align: 'right' },
      { header: 'Fail', fit: true, width: 40, align: 'right' },
      { header: 'Unknown', fit: true, width: 48, align: 'right' },
    ],
    controls.map((c) => [
      { text: c.id, font: 'Sans-Bold' },
      c.title,
      { text: STATUS_LABEL[c.status], color: STATUS_COLOR[c.status].ink, font: 'Sans-Bold' },
      String(c.rules.length),
      String(c.results.passed),
      c.results.failed > 0 ? { text: String(c.results.failed), color: COLOR.fail, font: 'Sans-Bold' } : '0',
      String(c.results.unknown),
    ]),
  );
}

/** Rules down, controls across: how each rule fared for each control it evidences. */
function matrix(w: Writer, pack: EvidencePack, framework: FrameworkEvaluation): void {
  const controls = automatedControls(framework);
  if (controls.length === 0) {
    w.paragraph('No control of this framework is evidenced by an enabled rule.', { color: COLOR.muted });
    return;
  }
  controlTable(w, controls);
  const rules = matrixRules(pack, framework);
  const titles = new Map(pack.rules.map((r) => [r.id, r.title]));
  for (let start = 0; start < controls.length; start += MATRIX_MAX_CONTROLS) {
    const chunk = controls.slice(start, start + MATRIX_MAX_CONTROLS);
    const columns: Column[] = [
      { header: 'Rule', width: 1 },
      ...chunk.map((c): Column => ({ header: c.id, width: 0, fit: true, align: 'center', size: 7 })),
    ];
    const rows = rules
      .filter((id) => chunk.some((c) => c.rules.some((r) => r.ruleId === id)))
      .map((id) => [
        { text: `${id}  ${titles.get(id) ?? ''}`, size: 7 },
        ...chunk.map((control): Cell => {
          const rule = control.rules.find((r) => r.ruleId === id);
          if (!rule) return { text: '' };
          const { mark, tone } = matrixMark(rule.results);
          return { text: mark, color: TONE_COLOR[tone], font: 'Sans-Bold', size: 8.5 };
        }),
      ]);
    w.table(columns, rows, { size: 7 });
  }
  w.paragraph('✓ passed   ✗ failed   W failed but waived   – not evaluated (nothing in scope, or every result unknown)   blank: rule does not evidence the control', {
    size: 7,
    color: COLOR.muted,
  });
}

function summary(w: Writer, pack: EvidencePack): void {
  w.heading(0, 'Executive summary', 'summary');
  w.paragraph(
    `Evident checked ${pack.summary.resources} resources in ${pack.inputs.length} files with ${pack.summary.rules} rules. ` +
      `${pack.summary.openFindings} findings are open and ${pack.summary.waivedFindings} are waived. ` +
      'A control is satisfied when its rules decided at least one result and left no open finding; controls that configuration scanning cannot evidence need manual evidence.',
  );
  for (const framework of pack.frameworks) {
    w.heading(1, framework.framework.name, `summary-${framework.framework.id}`, undefined, 190);
    w.paragraph(`${framework.framework.publisher}, version ${framework.framework.version}: ${framework.controls.length} controls`, { size: 8, color: COLOR.muted }, { after: 4 });
    tiles(w, framework);
    matrix(w, pack, framework);
  }
}

/** One threshold per line, the value under its profile path, so long paths and lists wrap cleanly. */
function parameterLines(parameters: readonly RuleParameter[]): string {
  return parameters.length === 0 ? 'none' : parameters.map((p) => `${p.path}:\n${formatValueBrief(p.value)}`).join('\n');
}

/** Policy texts mark code with backticks; in print, quotes read better. */
function prose(text: string): string {
  return text.replace(/`([^`]*)`/g, '‘$1’');
}

const FINDING_COLUMNS: Column[] = [
  { header: 'Severity', fit: true, width: 44 },
  { header: 'Rule', fit: true, width: 60 },
  { header: 'Location', width: 136 },
  { header: 'Resource', width: 104 },
  { header: 'Finding', width: 143 },
];

function findingRow(f: Finding): Cell[] {
  return [
    { text: f.severity, color: SEVERITY_COLOR[f.severity], font: 'Sans-Bold' },
    { text: f.ruleId, size: 7 },
    { text: formatLocation(f), font: 'Mono', size: 6.8 },
    { text: formatResource(f) },
    { text: f.waiver ? `${f.message} (waived: ${f.waiver.id})` : f.message },
  ];
}

const WAIVER_COLUMNS: Column[] = [
  { header: 'Waiver', fit: true, width: 96 },
  { header: 'Rule', fit: true, width: 56 },
  { header: 'Scope', width: 58 },
  { header: 'Owner', width: 56 },
  { header: 'Reason', width: 90 },
  { header: 'Expires', fit: true, width: 48 },
  { header: 'Status', fit: true, width: 42 },
  { header: 'Matched', fit: true, width: 41, align: 'right' },
];

function waiverRows(w: Writer, waivers: readonly WaiverRecord[]): void {
  w.table(
    WAIVER_COLUMNS,
    waivers.map((waiver) => [
      { text: waiver.id, font: 'Mono', size: 6.5 },
      waiver.ruleId,
      waiverScope(waiver),
      waiver.owner ?? '—',
      waiver.ticket ? `${waiver.reason} (${waiver.ticket})` : waiver.reason,
      waiver.expires ?? 'never',
      waiver.status === 'expired'
        ? { text: waiverStatusLabel(waiver), color: COLOR.fail, font: 'Sans-Bold' }
        : { text: waiverStatusLabel(waiver), color: waiver.status === 'active' ? COLOR.pass : COLOR.muted },
      String(waiver.matched.length),
    ]),
    { size: 7, tint: (i) => (waivers[i].status === 'expired' ? STATUS_COLOR['not satisfied'].tint : undefined) },
  );
}

function controlSection(w: Writer, control: ControlEvaluation): void {
  w.heading(2, `${control.id}  ${control.title}`, controlAnchor(control), control.status);
  if (control.rationale) w.paragraph(control.rationale, { size: 8.5, color: COLOR.muted });
  w.table(
    [
      { header: 'Rule', width: 122 },
      { header: 'Parameters (profile)', width: 150 },
      { header: 'Population', width: 72 },
      { header: 'Pass', fit: true, width: 30, align: 'right' },
      { header: 'Fail', fit: true, width: 28, align: 'right' },
      { header: 'Waived', fit: true, width: 42, align: 'right' },
      { header: 'Unknown', fit: true, width: 50, align: 'right' },
    ],
    control.rules.map((r) => [
      `${r.ruleId} ${r.title}`,
      parameterLines(r.parameters),
      formatPopulation(r.population),
      String(r.results.passed),
      r.results.failed > 0 ? { text: String(r.results.failed), color: COLOR.fail, font: 'Sans-Bold' } : '0',
      String(r.results.waived),
      String(r.results.unknown),
    ]),
  );
  if (control.findings.length > 0) {
    w.paragraph(`Open findings (${control.findings.length})`, { font: 'Sans-Bold', size: 8.5 }, { after: 3 });
    w.table(FINDING_COLUMNS, control.findings.map(findingRow));
  } else if (control.status !== 'not evaluated') w.paragraph('No open findings.', { size: 8.5, color: COLOR.muted });
  else w.paragraph('No rule decided a result: nothing in scope, or every result unknown.', { size: 8.5, color: COLOR.amber });
  if (control.waivedFindings.length > 0) {
    w.paragraph(`Waived findings (${control.waivedFindings.length})`, { font: 'Sans-Bold', size: 8.5 }, { after: 3 });
    w.table(FINDING_COLUMNS, control.waivedFindings.map(findingRow));
  }
  if (control.waivers.length > 0) {
    w.paragraph('Waivers applied', { font: 'Sans-Bold', size: 8.5 }, { after: 3 });
    waiverRows(w, control.waivers);
  }
  w.gap(6);
}

function controls(w: Writer, framework: FrameworkEvaluation): void {
  const id = framework.framework.id;
  w.heading(0, `${framework.framework.name}: controls`, `controls-${id}`);
  w.paragraph(`${framework.framework.publisher}, version ${framework.framework.version}. ${framework.framework.url}`, { size: 8, color: COLOR.muted });
  for (const control of automatedControls(framework)) controlSection(w, control);
  const manual = framework.controls.filter((c) => c.coverage !== 'automated');
  w.heading(1, 'Controls without automated evidence', `manual-${id}`);
  w.paragraph(
    `${manual.length} controls are not evidenced by any enabled rule: “manual” ones cannot be evidenced by scanning configuration; ` +
      '“not covered by automated checks” ones could be, but no rule does yet. Both need evidence collected by other means.',
    { size: 8.5, color: COLOR.muted },
  );
  w.table(
    [
      { header: 'Control', fit: true, width: 60 },
      { header: 'Title', width: 300 },
      { header: 'Evidence', fit: true, width: 127 },
    ],
    manual.map((c) => [c.id, c.title, { text: coverageLabel(c), color: c.coverage === 'not-covered' ? COLOR.amber : COLOR.muted }]),
  );
}

function findings(w: Writer, pack: EvidencePack): void {
  w.heading(0, 'Findings', 'findings');
  if (pack.findings.length === 0) {
    w.paragraph('No findings.');
    return;
  }
  w.paragraph(`${pack.findings.length} findings, in file and line order. Each names the attribute at fault and how to fix it.`, { size: 8.5, color: COLOR.muted });
  for (const f of pack.findings) {
    const rows: [string, string | Cell][] = [
      ['Location', { text: formatLocation(f), font: 'Mono', size: 8 }],
      ['Resource', formatResource(f)],
    ];
    if (f.path !== '') rows.push(['Attribute', { text: f.path, font: 'Mono', size: 7.5 }]);
    if (f.origin) rows.push(['Value set in', `${f.origin.description} (${f.origin.file}:${f.origin.line})`]);
    rows.push(['Finding', f.message], ['Remediation', prose(f.remediation)], ['Controls', formatControls(f.controls)]);
    if (f.waiver) rows.push(['Waived by', `${f.waiver.id}: ${f.waiver.reason}${f.waiver.expires ? ` (until ${f.waiver.expires})` : ''}`]);
    const titleStyle: Style = { font: 'Sans-Bold', size: 9 };
    const title = `${f.ruleId}  ${f.title}`;
    const height =
      w.height(title, WIDTH - 60, titleStyle) +
      rows.reduce((sum, [label, value]) => {
        const cell = typeof value === 'string' ? { text: value } : value;
        return sum + Math.max(w.height(label, 74, { size: 8 }), w.height(cell.text, WIDTH - 90, { font: cell.font ?? 'Sans', size: cell.size ?? 8 })) + 3;
      }, 0) +
      10;
    w.ensure(height);
    const { doc } = w;
    const y = doc.y;
    doc.rect(MARGIN.left, y, 3, height - 6).fill(SEVERITY_COLOR[f.severity]);
    w.style({ font: 'Sans-Bold', size: 7.5, color: SEVERITY_COLOR[f.severity] });
    doc.text(f.severity.toUpperCase(), MARGIN.left + 10, y + 1, { width: 44, lineBreak: false });
    w.style(titleStyle);
    doc.text(title, MARGIN.left + 56, y, { width: WIDTH - 60 });
    doc.y += 3;
    w.fields(rows, { labelWidth: 80, size: 8, indent: 10 });
    doc.y = Math.max(doc.y, y + height - 6) + 8;
  }
}

function exceptions(w: Writer, pack: EvidencePack): void {
  w.heading(0, 'Exception register', 'exceptions');
  if (pack.waivers.length === 0) {
    w.paragraph('No waivers were declared: every finding in this pack is open.');
    return;
  }
  const count = (status: WaiverRecord['status']) => pack.waivers.filter((x) => x.status === status).length;
  w.paragraph(
    `${pack.waivers.length} waivers: ${count('active')} active, ${count('expired')} expired, ${count('unused')} unused. ` +
      'An active waiver keeps a finding in the report but out of the gate; an expired one no longer suppresses anything and is flagged.',
    { size: 8.5, color: COLOR.muted },
  );
  waiverRows(w, pack.waivers);
}

function scope(w: Writer, pack: EvidencePack): void {
  w.heading(0, 'Scope and population', 'scope');
  const p = pack.population;
  w.paragraph(`${formatPopulation(p.byDeployment)} in scope, read from ${pack.inputs.length} files.`);
  const counts = (title: string, entries: Record<string, number>) =>
    w.table(
      [
        { header: title, width: 380 },
        { header: 'Resources', fit: true, width: 107, align: 'right' },
      ],
      Object.entries(entries).map(([name, n]) => [name === '' ? '(no deployment)' : name, String(n)]),
    );
  counts('Source', p.bySource);
  counts('Deployment', p.byDeployment);
  counts('Resource type', p.byType);
  w.heading(1, 'Inventory', 'inventory');
  w.table(
    [
      { header: 'Resource', width: 196 },
      { header: 'Type', width: 118 },
      { header: 'Deployment', fit: true, width: 60 },
      { header: 'Location', width: 113 },
    ],
    p.inventory.map((r) => [r.address, r.type, r.deployment ?? '—', { text: `${r.file}:${r.line}`, font: 'Mono', size: 6.5 }]),
    { size: 7 },
  );
  if (pack.unknowns.length > 0) {
    w.heading(1, 'Unknown results', 'unknowns');
    w.table(
      [
        { header: 'Rule', fit: true, width: 56 },
        { header: 'Location', width: 120 },
        { header: 'Resource', width: 120 },
        { header: 'Reason', width: 191 },
      ],
      pack.unknowns.map((u) => [u.ruleId, { text: `${u.location.file}:${u.location.line}`, font: 'Mono', size: 7 }, u.resource.address, `${u.path}: ${u.reason}`]),
    );
  }
  if (pack.diagnostics.length > 0) {
    w.heading(1, 'Problems reading the input', 'diagnostics');
    w.table(
      [
        { header: 'Level', fit: true, width: 44 },
        { header: 'Location', width: 140 },
        { header: 'Problem', width: 233 },
        { header: 'Code', fit: true, width: 70 },
      ],
      pack.diagnostics.map((d) => [d.level, { text: d.line === undefined ? d.file : `${d.file}:${d.line}`, font: 'Mono', size: 7 }, d.message, d.code]),
    );
  }
}

/** The profile as dotted paths and display values, objects flattened and lists joined, in document order. */
function profileSettings(values: object, prefix = ''): [string, string][] {
  return Object.entries(values).flatMap(([key, value]): [string, string][] => {
    const setting = prefix === '' ? key : `${prefix}.${key}`;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? profileSettings(value as object, setting) : [[setting, formatValue(value as JsonValue)]];
  });
}

function ruleBlock(w: Writer, rule: EvidenceRule): void {
  w.ensure(80);
  w.paragraph(`${rule.id}  ${rule.title}`, { font: 'Sans-Bold', size: 9.5 }, { after: 2 });
  w.paragraph(`${rule.severity} · ${rule.category} · bundle ${rule.bundle}`, { size: 7.5, color: COLOR.muted }, { after: 3 });
  w.fields(
    [
      ['Logic', prose(rule.description)],
      ['Thresholds', formatParameters(rule.parameters)],
      ['Population', `${formatPopulation(rule.coverage.byDeployment)}; ${rule.coverage.passed} passed, ${rule.coverage.failed} failed, ${rule.coverage.unknown} unknown`],
      ['Remediation', prose(rule.remediation)],
      ['Controls', formatControls(rule.controls)],
    ],
    { labelWidth: 80, size: 8 },
  );
  w.gap(8);
}

function method(w: Writer, pack: EvidencePack): void {
  w.heading(0, 'Method', 'method');
  w.paragraph(
    'Evident reads the repository’s infrastructure code (Kubernetes manifests, Terraform, Helm charts) into one resource model that ' +
      'keeps the file and line of every attribute. Each rule is Rego compiled to WebAssembly and evaluated in-process against every ' +
      'resource it applies to; nothing in the repository is executed and nothing is fetched from the network. Thresholds come from ' +
      'the organisation profile, whose effective values and hash are below.',
  );
  w.fields(
    [
      ['Satisfied', { text: 'the control’s rules decided at least one result and left no open finding', color: COLOR.pass }],
      ['Not satisfied', { text: 'a finding is open; a finding under an active waiver is reported but does not count', color: COLOR.fail }],
      ['Not evaluated', { text: 'no rule decided anything: nothing in scope, or every result unknown', color: COLOR.amber }],
      ['Manual', { text: 'no enabled rule evidences the control; evidence must come from elsewhere', color: COLOR.grey }],
    ],
    { labelWidth: 80, size: 8.5 },
  );
  w.gap(6);
  w.heading(1, 'Policy bundles', 'bundles');
  w.table(
    [
      { header: 'Bundle', fit: true, width: 80 },
      { header: 'OPA', fit: true, width: 50 },
      { header: 'Rules', fit: true, width: 40, align: 'right' },
      { header: 'SHA-256 of the WebAssembly', width: 317 },
    ],
    pack.policyBundles.map((b) => [b.name, b.opaVersion, String(b.rules), { text: b.wasmSha256, font: 'Mono', size: 7 }]),
  );
  w.heading(1, 'Rules', 'rules');
  for (const rule of pack.rules) ruleBlock(w, rule);
  w.heading(1, 'Effective profile', 'profile');
  w.paragraph(`Every threshold the rules may read, after the config file’s overrides. SHA-256 of its canonical JSON: ${pack.profile.sha256}`, { size: 8, color: COLOR.muted });
  w.table(
    [
      { header: 'Setting', width: 190, font: 'Mono', size: 6.8 },
      { header: 'Value', width: 297 },
    ],
    profileSettings(pack.profile.values).map(([setting, value]) => [setting, value]),
    { size: 7 },
  );
}

function appendix(w: Writer, pack: EvidencePack): void {
  w.heading(0, 'Appendix: input files', 'inputs');
  w.paragraph(`Every file the scan read, with its SHA-256: ${pack.inputs.length} files.`, { size: 8.5, color: COLOR.muted });
  w.table(
    [
      { header: 'File', width: 163 },
      { header: 'Kind', fit: true, width: 46 },
      { header: 'Bytes', fit: true, width: 36, align: 'right' },
      { header: 'SHA-256', fit: true, width: 242, font: 'Mono', size: w.fitSize('0'.repeat(64), 242 - 2 * CELL_PAD_X, 'Mono', 7) },
    ],
    pack.inputs.map((i) => [i.path, i.kind, String(i.bytes), i.sha256]),
  );
  if (pack.configFile) w.fields([['Config file', { text: `${pack.configFile.path}  ${pack.configFile.sha256}`, font: 'Mono', size: 7 }]]);
}

/** The contents entries, known before any page is laid out so that the contents pages can be reserved. */
function tocEntries(pack: EvidencePack): TocEntry[] {
  const entries: TocEntry[] = [{ key: 'summary', title: 'Executive summary', level: 0 }];
  for (const f of pack.frameworks) entries.push({ key: `summary-${f.framework.id}`, title: f.framework.name, level: 1 });
  for (const f of pack.frameworks) {
    entries.push({ key: `controls-${f.framework.id}`, title: `${f.framework.name}: controls`, level: 0 });
    for (const c of automatedControls(f)) entries.push({ key: controlAnchor(c), title: `${c.id}  ${c.title}`, level: 1 });
    entries.push({ key: `manual-${f.framework.id}`, title: 'Controls without automated evidence', level: 1 });
  }
  entries.push(
    { key: 'findings', title: 'Findings', level: 0 },
    { key: 'exceptions', title: 'Exception register', level: 0 },
    { key: 'scope', title: 'Scope and population', level: 0 },
    { key: 'method', title: 'Method', level: 0 },
    { key: 'inputs', title: 'Appendix: input files', level: 0 },
  );
  return entries;
}

/** Assigns each contents entry a page (0-based, from the first contents page) and a y position. */
function tocLayout(entries: readonly TocEntry[]): { page: number; y: number }[] {
  let page = 0;
  let y = TOC_TOP;
  return entries.map((entry) => {
    const height = TOC_LINE[entry.level] + (entry.level === 0 ? 4 : 0);
    if (y + height > BOTTOM) {
      page++;
      y = MARGIN.top;
    }
    const at = { page, y: y + (entry.level === 0 ? 4 : 0) };
    y += height;
    return at;
  });
}

function drawToc(w: Writer, firstPage: number, entries: readonly TocEntry[]): void {
  const { doc } = w;
  const layout = tocLayout(entries);
  doc.switchToPage(firstPage);
  w.style({ font: 'Sans-Bold', size: 16, color: COLOR.accent });
  doc.text('Contents', MARGIN.left, MARGIN.top, { lineBreak: false });
  doc.moveTo(MARGIN.left, MARGIN.top + 24).lineTo(MARGIN.left + WIDTH, MARGIN.top + 24).lineWidth(1.5).strokeColor(COLOR.accent).stroke();
  entries.forEach((entry, i) => {
    const { page, y } = layout[i];
    doc.switchToPage(firstPage + page);
    const indent = entry.level === 0 ? 0 : 16;
    const style: Style = entry.level === 0 ? { font: 'Sans-Bold', size: 10 } : { size: 9 };
    const pageLabel = entry.page === undefined ? '' : String(entry.page + 1);
    w.style(style);
    const numberWidth = doc.widthOfString(pageLabel);
    const title = w.fit(entry.title, WIDTH - indent - 48);
    const titleWidth = doc.widthOfString(title);
    doc.text(title, MARGIN.left + indent, y, { lineBreak: false, goTo: entry.key });
    doc.text(pageLabel, MARGIN.left + WIDTH - numberWidth, y, { lineBreak: false, goTo: entry.key });
    const leaderStart = MARGIN.left + indent + titleWidth + 6;
    const leaderEnd = MARGIN.left + WIDTH - numberWidth - 6;
    if (leaderEnd > leaderStart) {
      const baseline = y + (style.size ?? 9) * 0.85;
      doc.moveTo(leaderStart, baseline).lineTo(leaderEnd, baseline).lineWidth(0.6).dash(0.6, { space: 2.4 }).strokeColor(COLOR.muted).stroke().undash();
    }
  });
}

function footers(w: Writer, pack: EvidencePack): void {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  const label = `${pack.subject.organisation} / ${pack.subject.repository} · Compliance evidence pack · ${formatTime(pack.generatedAt)}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make PDFKit start a new page.
    doc.page.margins.bottom = 0;
    const y = PAGE.height - 40;
    doc.moveTo(MARGIN.left, y - 6).lineTo(MARGIN.left + WIDTH, y - 6).lineWidth(0.5).strokeColor(COLOR.line).stroke();
    w.style({ size: 7, color: COLOR.muted });
    const pageLabel = `page ${i + 1} of ${range.count}`;
    doc.text(label, MARGIN.left, y, { width: WIDTH - 80, lineBreak: false, ellipsis: true });
    doc.text(pageLabel, MARGIN.left + WIDTH - doc.widthOfString(pageLabel), y, { lineBreak: false });
    doc.page.margins.bottom = MARGIN.bottom;
  }
}

/**
 * evidence.pdf. Reproducible: the dates are the scan's clock, the file ID is derived from them and from the
 * evidence digest, and fonts are embedded subsets of the bundled DejaVu fonts (never the standard 14 fonts).
 */
export function renderPdf(pack: EvidencePack, evidenceSha256: string): Promise<Uint8Array> {
  const fonts = fontsDir();
  const keys = fontKeys();
  const date = new Date(pack.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    // A font here keeps PDFKit from loading Helvetica's AFM file, which the bundled CLI does not ship.
    font: keys.Sans,
    displayTitle: true,
    lang: 'en',
    info: {
      Title: `Compliance evidence pack: ${pack.subject.organisation} / ${pack.subject.repository}`,
      Author: pack.subject.organisation,
      Subject: `Evidence of ${pack.subject.repository}${pack.subject.git?.commit ? ` at ${pack.subject.git.commit}` : ''}, evidence.json SHA-256 ${evidenceSha256}`,
      Creator: `Evident ${pack.tool.version}`,
      Producer: `Evident ${pack.tool.version} (PDFKit)`,
      CreationDate: date,
      ModDate: date,
    },
  });
  doc.registerFont('Sans-Bold', path.join(fonts, 'DejaVuSans-Bold.ttf'));
  doc.registerFont('Mono', path.join(fonts, 'DejaVuSansMono.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  const w = new Writer(doc, keys);
  w.toc.push(...tocEntries(pack));
  cover(w, pack);
  const tocPages = Math.max(...tocLayout(w.toc).map((l) => l.page)) + 1;
  const firstTocPage = 1;
  for (let i = 0; i < tocPages; i++) w.newPage();
  doc.switchToPage(firstTocPage);
  doc.outline.addItem('Contents');
  doc.switchToPage(firstTocPage + tocPages - 1);
  summary(w, pack);
  for (const framework of pack.frameworks) controls(w, framework);
  findings(w, pack);
  exceptions(w, pack);
  scope(w, pack);
  method(w, pack);
  appendix(w, pack);
  drawToc(w, firstTocPage, w.toc);
  footers(w, pack);
  doc.end();
  return done;
}
