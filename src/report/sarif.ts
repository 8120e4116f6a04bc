import type { Diagnostic, Finding, RuleMeta, ScanReport, Severity, WaiverRecord } from '../model/index.js';
import { jsonChunks } from './json-chunks.js';
import type { Reporter } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning reads `security-severity` (0–10) to rank alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const DIAGNOSTIC_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A relative URI reference: each segment percent-encoded so spaces, `#` and non-ASCII survive. */
export function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function ruleName(title: string): string {
  return title.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ? next.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase());
}

function sarifRule(rule: RuleMeta): object {
  return {
    id: rule.id,
    name: ruleName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: rule.remediation, markdown: `**Remediation:** ${rule.remediation}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', rule.category],
      precision: 'very-high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
      category: rule.category,
      severity: rule.severity,
      ...(rule.parameters.length > 0 ? { parameters: rule.parameters } : {}),
    },
  };
}

function physicalLocation(file: string, line?: number, column?: number): object {
  const region: Record<string, number> = {};
  if (line !== undefined) region.startLine = line;
  if (line !== undefined && column !== undefined) region.startColumn = column;
  return { artifactLocation: { uri: fileUri(file), uriBaseId: '%SRCROOT%' }, ...(line === undefined ? {} : { region }) };
}

/** A waived finding is suppressed, not removed: code scanning shows it as dismissed with the waiver's justification. */
function suppressions(finding: Finding, waivers: Map<string, WaiverRecord>): object[] | undefined {
  if (finding.waiver === undefined) return undefined;
  const record = waivers.get(finding.waiver.id);
  const properties: Record<string, string> = { waiver: finding.waiver.id };
  if (finding.waiver.owner !== undefined) properties.owner = finding.waiver.owner;
  if (finding.waiver.expires !== undefined) properties.expires = finding.waiver.expires;
  if (record?.ticket !== undefined) properties.ticket = record.ticket;
  return [
    {
      kind: record?.source === 'inline' ? 'inSource' : 'external',
      status: 'accepted',
      justification: finding.waiver.reason,
      ...(record ? { location: { physicalLocation: physicalLocation(record.location.file, record.location.line, record.location.column) } } : {}),
      properties,
    },
  ];
}

function sarifResult(finding: Finding, ruleIndex: number, waivers: Map<string, WaiverRecord>): object {
  const properties: Record<string, unknown> = {
    category: finding.category,
    severity: finding.severity,
    resourceType: finding.resource.type,
    attributePath: finding.path,
  };
  if (finding.resource.deployment !== undefined) properties.deployment = finding.resource.deployment;
  if (finding.controls.length > 0) properties.controls = finding.controls.map((c) => `${c.framework}:${c.id}`);
  const relatedLocations = finding.origin
    ? [{ id: 1, physicalLocation: physicalLocation(finding.origin.file, finding.origin.line), message: { text: finding.origin.description } }]
    : undefined;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: physicalLocation(finding.location.file, finding.location.line, finding.location.column),
        logicalLocations: [{ fullyQualifiedName: finding.resource.address, kind: 'resource' }],
      },
    ],
    ...(relatedLocations ? { relatedLocations } : {}),
    partialFingerprints: { 'evident/v1': finding.fingerprint },
    ...(finding.waiver ? { suppressions: suppressions(finding, waivers) } : {}),
    ...(finding.baseline ? { baselineState: finding.baseline === 'new' ? 'new' : 'unchanged' } : {}),
    properties,
  };
}

function notification(d: Diagnostic): object {
  return {
    level: DIAGNOSTIC_LEVEL[d.level],
    message: { text: d.message },
    descriptor: { id: d.code },
    locations: [{ physicalLocation: physicalLocation(d.file, d.line, d.column) }],
  };
}

function* sarifLog(report: ScanReport): Generator<string> {
  const index = new Map(report.rules.map((rule, i) => [rule.id, i]));
  const waivers = new Map(report.waivers.map((waiver) => [waiver.id, waiver]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'evident',
            fullName: 'Evident policy-as-code and compliance-evidence scanner',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: report.rules.map(sarifRule),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: report.diagnostics.map(notification) }],
        results: report.findings.map((finding) => sarifResult(finding, index.get(finding.ruleId) ?? -1, waivers)),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  // Down to each result: runs[0].results[i].
  yield* jsonChunks(log, 4);
  yield '\n';
}

export const sarif: Reporter = {
  format: 'sarif',
  render: (report) => [...sarifLog(report)].join(''),
  chunks: sarifLog,
};
