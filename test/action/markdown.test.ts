import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { headlineText, inline, renderMarkdown, type ReportView } from '../../src/action/markdown.js';
import { decide } from '../../src/action/outcome.js';
import { createClient } from '../../src/github/client.js';
import { COMMENT_LIMIT, COMMENT_MARKER, upsertPullRequestComment } from '../../src/github/pr-comment.js';
import type { Finding, ScanReport } from '../../src/model/index.js';
import { scan } from '../../src/scan.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { GitHubServer } from '../helpers/github-server.js';
import { FIXTURES } from '../helpers/paths.js';

const BASE = '0123456789abcdef0123456789abcdef01234567';
const comment = { marker: COMMENT_MARKER, limit: COMMENT_LIMIT, measure: (text: string) => text.length };

/** `count` copies of the report's findings in distinct files, each copy marked `new` or `existing` alternately. */
function multiplied(report: ScanReport, count: number): ScanReport {
  const findings: Finding[] = [];
  for (let i = 0; findings.length < count; i++) {
    for (const f of report.findings) findings.push({ ...f, location: { ...f.location, file: `copy-${i}/${f.location.file}` }, baseline: i % 2 === 0 ? 'new' : 'existing' });
  }
  return { ...report, findings: findings.slice(0, count) };
}

function view(report: ScanReport, mode: 'new' | 'all' = 'new'): ReportView {
  return { report, outcome: decide(report, { mode, failOn: 'high', compared: true }), baseSha: BASE, blobBase: 'https://github.com/acme/infra/blob/abc', runUrl: 'https://github.com/acme/infra/actions/runs/1', notes: [] };
}

describe('the results in Markdown', () => {
  let report: ScanReport;
  beforeAll(() => {
    report = scan({ root: path.join(FIXTURES, 'complianceflow'), now: FIXED_NOW });
  });

  it('counts new, existing and waived findings by severity', () => {
    const [first, second, third] = report.findings;
    const marked: ScanReport = {
      ...report,
      findings: [
        { ...first, severity: 'high', baseline: 'new' },
        { ...second, severity: 'medium', baseline: 'existing' },
        { ...third, severity: 'high', baseline: 'new', waiver: { id: 'evident.waivers.yaml:3', reason: 'accepted until the migration', expires: '2027-01-31' } },
      ],
    };
    const body = renderMarkdown(view(marked), comment);
    expect(body).toContain(
      ['| 🟣 critical | 0 | 0 | 0 |', '| 🔴 high | 1 | 0 | 1 |', '| 🟠 medium | 0 | 1 | 0 |', '| 🔵 low | 0 | 0 | 0 |', '| **Total** | **1** | 1 | 1 |'].join('\n'),
    );
    expect(body).toContain('Compared with the base commit `0123456`: **1 new**, 1 existing, 1 waived; 8 unknown results.');
    expect(body).toContain('<summary>1 existing finding (already on <code>0123456</code>)</summary>');
    expect(body).toContain('<summary>1 waived finding</summary>');
    expect(body).toContain('**Waived** (evident.waivers.yaml:3, expires 2027-01-31): accepted until the migration');
    expect(body.split('\n')[1]).toBe('### ✖ Evident: 1 new finding at or above high');
  });

  it('cannot be broken out of by text from the scanned repository', () => {
    const [first] = report.findings;
    const hostile: Finding = { ...first, baseline: 'new', message: 'x | y <img src=x onerror=alert(1)> [click](https://evil.example) **bold**\nnext' };
    const body = renderMarkdown(view({ ...report, findings: [hostile] }), comment);
    const row = body.split('\n').find((line) => line.includes('onerror'));
    expect(row).toBeDefined();
    expect(row?.split(/(?<!\\)\|/)).toHaveLength(6);
    expect(row).toContain('x \\| y &lt;img src=x onerror=alert(1)&gt; \\[click\\](https://evil.example) \\*\\*bold\\*\\*<br>next');
    const odd: Finding = { ...first, baseline: 'new', location: { file: 'k8s/a (copy)/[x].yaml', line: 3 } };
    expect(renderMarkdown(view({ ...report, findings: [odd] }), comment)).toContain(
      '[k8s/a (copy)/\\[x\\].yaml:3](https://github.com/acme/infra/blob/abc/k8s/a%20%28copy%29/%5Bx%5D.yaml#L3)',
    );
    expect(inline('a_b`c~d\\f')).toBe('a\\_b\\`c\\~d\\\\f');
    expect(inline('ping @octocat about acme/infra#12')).toBe('ping @\u200boctocat about acme/infra#\u200b12');
  });

  it('stays under GitHub’s 65,536-character comment limit, dropping existing rows before new ones, with a note', () => {
    const big = multiplied(report, 3000);
    const { outcome } = view(big);
    const body = renderMarkdown(view(big), comment);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body.startsWith(`${COMMENT_MARKER}\n### ✖ Evident: `)).toBe(true);
    expect(body).toMatch(/_… and \d+ more findings not shown here \(size limit\): the SARIF file and the job summary list every one\._/);
    const isFindingRow = (line: string): boolean => line.startsWith('| ') && line.includes('](https://github.com/acme/infra/blob/abc/');
    const newRows = body.split('<details>')[0].split('\n').filter(isFindingRow);
    expect(newRows.length).toBeGreaterThan(4);
    expect(newRows.length).toBeLessThan(outcome.introduced.length);
    const existing = body.split('<details>')[1];
    expect(existing).toContain(`<summary>${outcome.existing.length} existing findings`);
    expect(existing).toContain(`_… and ${outcome.existing.length} more findings not shown here`);
    expect(existing.split('\n').filter(isFindingRow)).toEqual([]);
    expect(body).toContain('<sub>[Workflow run](https://github.com/acme/infra/actions/runs/1)');
  });

  it('is accepted by a server enforcing GitHub’s limit', async () => {
    const server = await GitHubServer.start();
    try {
      const client = createClient({ token: 'ghs_test', baseUrl: server.url, userAgent: 'evident-test', warn: () => {} });
      const body = renderMarkdown(view(multiplied(report, 3000)), comment);
      await expect(upsertPullRequestComment(client, { owner: 'acme', repo: 'infra', issueNumber: 1 }, body)).resolves.toMatchObject({ action: 'created' });
      const tooLong = await client.rest.issues.createComment({ owner: 'acme', repo: 'infra', issue_number: 1, body: 'x'.repeat(COMMENT_LIMIT + 1) }).catch((e: { status: number }) => e);
      expect((tooLong as { status: number }).status).toBe(422);
    } finally {
      await server.close();
    }
  });

  it('says what the gate decided in one line', () => {
    const none = decide({ ...report, findings: [] }, { mode: 'new', failOn: 'high', compared: true });
    expect(headlineText(none)).toBe('no new findings at or above high');
    const all = decide(report, { mode: 'all', failOn: 'none', compared: false });
    expect(headlineText(all)).toBe(`${report.findings.length} findings (the gate is off: fail-on none)`);
  });
});
