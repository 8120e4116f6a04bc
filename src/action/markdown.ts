import { SEVERITIES, type Finding, type ScanReport, type Severity } from '../model/index.js';
import { fileUri } from '../report/sarif.js';
import type { Outcome } from './outcome.js';

/** What the pull-request comment and the job summary show. */
export interface ReportView {
  report: ScanReport;
  outcome: Outcome;
  /** The commit findings were compared with, when they were. */
  baseSha?: string;
  /** The commit findings link to (`blob/<sha>/<file>#L<line>`); without it locations are plain text. */
  blobBase?: string;
  runUrl?: string;
  /** Short notices shown under the headline (a fork's read-only token, an API failure). */
  notes: string[];
}

export interface MarkdownOptions {
  /** First line of the body (the PR comment's hidden marker). */
  marker?: string;
  /** The largest body the destination accepts, as `measure` counts it. */
  limit: number;
  measure(text: string): number;
}

const SEVERITY_ICON: Record<Severity, string> = { critical: '🟣', high: '🔴', medium: '🟠', low: '🔵' };
const HIGHEST_FIRST = [...SEVERITIES].reverse();

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Text from findings inside Markdown (and table cells): it must not open links, emphasis, HTML or columns, and a
 * zero-width space after `@` and `#` keeps it from mentioning people or cross-referencing issues.
 */
export function inline(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/([@#])/g, '$1\u200b')
    .replace(/\r?\n/g, '<br>');
}

/** Like `inline`, but `code spans` in policy-authored text (remediations) stay code. */
function withCode(text: string): string {
  return text
    .split(/`([^`\n]+)`/)
    .map((part, index) => (index % 2 === 1 ? `\`${part.replace(/\|/g, '\\|')}\`` : inline(part)))
    .join('');
}

function code(text: string): string {
  return /^[\w.:/@-]+$/.test(text) ? `\`${text}\`` : inline(text);
}

function shortSha(sha: string): string {
  return /^[0-9a-f]{40}$/i.test(sha) ? sha.slice(0, 7) : sha;
}

function location(view: ReportView, finding: Finding): string {
  const where = `${finding.location.file}:${finding.location.line}`;
  if (view.blobBase === undefined) return inline(where);
  // encodeURIComponent leaves parentheses, which would end the Markdown link early.
  const uri = fileUri(finding.location.file).replace(/\(/g, '%28').replace(/\)/g, '%29');
  return `[${inline(where)}](${view.blobBase}/${uri}#L${finding.location.line})`;
}

/** The gate's verdict in one line: the check run's title and the comment's headline. */
export function headlineText(outcome: Outcome): string {
  const scope = outcome.mode === 'new' ? 'new finding' : 'finding';
  if (outcome.blocking.length > 0) return `${plural(outcome.blocking.length, scope)} at or above ${outcome.failOn}`;
  if (outcome.failOn === 'none') return `${plural(outcome.inScope.length, scope)} (the gate is off: fail-on none)`;
  return `no ${scope}s at or above ${outcome.failOn}`;
}

function headline(outcome: Outcome): string {
  return `### ${outcome.blocking.length > 0 ? '✖' : '✔'} Evident: ${headlineText(outcome)}`;
}

function counts(view: ReportView): string {
  const { outcome, report } = view;
  const unknowns = plural(report.unknowns.length, 'unknown result');
  if (outcome.compared && view.baseSha !== undefined) {
    return `Compared with the base commit \`${shortSha(view.baseSha)}\`: **${outcome.introduced.length} new**, ${outcome.existing.length} existing, ${outcome.waived.length} waived; ${unknowns}.`;
  }
  return `Not compared with a base commit, so every finding counts as new: **${plural(outcome.introduced.length, 'finding')}**, ${outcome.waived.length} waived; ${unknowns}.`;
}

function severityTable(outcome: Outcome): string[] {
  const count = (list: Finding[], severity: Severity): number => list.filter((f) => f.severity === severity).length;
  const rows = HIGHEST_FIRST.map(
    (s) => `| ${SEVERITY_ICON[s]} ${s} | ${count(outcome.introduced, s)} | ${count(outcome.existing, s)} | ${count(outcome.waived, s)} |`,
  );
  return ['| Severity | New | Existing | Waived |', '|:--|--:|--:|--:|', ...rows, `| **Total** | **${outcome.introduced.length}** | ${outcome.existing.length} | ${outcome.waived.length} |`];
}

type Kind = 'introduced' | 'existing' | 'waived';

function findingRow(view: ReportView, finding: Finding, kind: Kind): string {
  const rule = `${code(finding.ruleId)} ${inline(finding.title)}`;
  const resource = `${inline(finding.resource.address)}${finding.resource.deployment ? ` (${inline(finding.resource.deployment)})` : ''}`;
  let detail = `${inline(finding.message)}<br><sub>${resource}</sub>`;
  if (kind === 'introduced') detail += `<br>**Fix:** ${withCode(finding.remediation)}`;
  if (kind === 'waived' && finding.waiver) {
    const expires = finding.waiver.expires ? `, expires ${inline(finding.waiver.expires)}` : '';
    detail += `<br>**Waived** (${inline(finding.waiver.id)}${expires}): ${inline(finding.waiver.reason)}`;
  }
  return `| ${SEVERITY_ICON[finding.severity]} ${finding.severity} | ${rule} | ${location(view, finding)} | ${detail} |`;
}

function findingTable(view: ReportView, findings: Finding[], kind: Kind, shown: number): string[] {
  const lines = ['| Severity | Rule | Location | Finding |', '|:--|:--|:--|:--|', ...findings.slice(0, shown).map((f) => findingRow(view, f, kind))];
  if (shown < findings.length) {
    lines.push('', `_… and ${plural(findings.length - shown, 'more finding')} not shown here (size limit): the SARIF file and the job summary list every one._`);
  }
  return lines;
}

function collapsed(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

type Shown = Record<Kind, number>;

function render(view: ReportView, marker: string | undefined, shown: Shown): string {
  const { outcome, report } = view;
  const lines: string[] = [];
  if (marker !== undefined) lines.push(marker);
  lines.push(headline(outcome), '', counts(view), '');
  for (const note of view.notes) lines.push(`> [!WARNING]`, `> ${inline(note)}`, '');
  lines.push(...severityTable(outcome), '');
  if (outcome.introduced.length > 0) {
    lines.push(`#### ${outcome.compared ? 'New findings' : 'Findings'}`, '', ...findingTable(view, outcome.introduced, 'introduced', shown.introduced), '');
  }
  if (outcome.existing.length > 0) {
    const base = view.baseSha === undefined ? 'the base' : `<code>${shortSha(view.baseSha)}</code>`;
    lines.push(...collapsed(`${plural(outcome.existing.length, 'existing finding')} (already on ${base})`, findingTable(view, outcome.existing, 'existing', shown.existing)), '');
  }
  if (outcome.waived.length > 0) {
    lines.push(...collapsed(plural(outcome.waived.length, 'waived finding'), findingTable(view, outcome.waived, 'waived', shown.waived)), '');
  }
  const errors = report.diagnostics.filter((d) => d.level === 'error').length;
  if (errors > 0) lines.push(`⚠️ ${plural(errors, 'input error')} (files Evident could not read): see the job log and the SARIF file.`, '');
  const footer = [view.runUrl === undefined ? undefined : `[Workflow run](${view.runUrl})`, `fail-on \`${outcome.failOn}\``, `mode \`${outcome.mode}\``, `Evident ${report.tool.version}`];
  lines.push(`<sub>${footer.filter((part) => part !== undefined).join(' · ')}</sub>`, '');
  return lines.join('\n');
}

/** The largest count of `kind` rows that still fits, all else fixed; -1 when not even none fits. */
function largestFitting(fits: (shown: Shown) => boolean, shown: Shown, kind: Kind): number {
  const fitsWith = (count: number): boolean => fits({ ...shown, [kind]: count });
  if (!fitsWith(0)) return -1;
  let low = 0;
  let high = shown[kind];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fitsWith(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The Markdown for `view`, within `limit`: when everything does not fit, waived rows go first, then existing,
 * then new ones, each list ending with a note of how many were left out.
 */
export function renderMarkdown(view: ReportView, options: MarkdownOptions): string {
  const fits = (shown: Shown): boolean => options.measure(render(view, options.marker, shown)) <= options.limit;
  let shown: Shown = { introduced: view.outcome.introduced.length, existing: view.outcome.existing.length, waived: view.outcome.waived.length };
  if (fits(shown)) return render(view, options.marker, shown);
  for (const kind of ['waived', 'existing', 'introduced'] as const) {
    const count = largestFitting(fits, shown, kind);
    shown = { ...shown, [kind]: Math.max(count, 0) };
    if (count >= 0) return render(view, options.marker, shown);
  }
  const note = '\n\n_… truncated (size limit): the SARIF file lists every finding._\n';
  const body = render(view, options.marker, shown);
  let end = body.length;
  while (end > 0 && options.measure(body.slice(0, end) + note) > options.limit) end = Math.floor(end * 0.9);
  return body.slice(0, end) + note;
}
