import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  byText,
  diagnostic,
  type Diagnostic,
  type Finding,
  type RuleMeta,
  type ScanReport,
  type Waiver,
  type WaiverRecord,
  type WaiverRef,
} from '../model/index.js';
import { loadWaiversFile, type FileWaiver, type LoadedWaivers } from './file.js';
import { commentStyles, parseInlineWaivers, type InlineWaiver } from './inline.js';

export interface ApplyWaiversOptions {
  /** The scan root: inline waivers are read from the scanned files under it. */
  root: string;
  /** A waivers file loaded by the caller; otherwise `evident.waivers.yaml` at the root is read. */
  waivers?: LoadedWaivers;
}

type Declared = InlineWaiver | FileWaiver;


/** A pattern where `*` matches any run of characters (including `/` and `.`), anchored at both ends. */
export function addressPattern(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

function resourceKey(source: string, address: string, deployment: string | undefined): string {
  return JSON.stringify([source, address, deployment ?? '']);
}

/** `path` is `prefix` or lies inside it (`a.b[0]` is inside `a.b`). */
function isWithin(path: string, prefix: string): boolean {
  return prefix !== '' && (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`));
}

/** The files inline waivers may sit in: every scanned text input and every file a resource or finding points into. */
function candidateFiles(report: ScanReport): { file: string; helm: boolean }[] {
  const helm = new Set(report.inputs.filter((i) => i.kind === 'helm').map((i) => i.path));
  const files = new Set<string>(report.inputs.filter((i) => i.kind !== 'json' && i.kind !== 'config').map((i) => i.path));
  for (const resource of report.resources) {
    files.add(resource.file);
    for (const location of Object.values(resource.locations)) files.add(location.file);
    if (resource.source === 'helm') helm.add(resource.file);
  }
  for (const finding of report.findings) files.add(finding.location.file);
  return [...files]
    .filter((file) => !file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, helm: helm.has(file) || /(^|\/)templates\//.test(file) }));
}

function readInline(root: string, report: ScanReport, isRule: (id: string) => boolean): { waivers: InlineWaiver[]; diagnostics: Diagnostic[] } {
  const waivers: InlineWaiver[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { file, helm } of candidateFiles(report)) {
    let text: string;
    try {
      text = readFileSync(path.resolve(root, file), 'utf8');
    } catch {
      continue; // the parser that listed the file has already reported why it cannot be read
    }
    if (!text.includes('evident:ignore')) continue;
    const parsed = parseInlineWaivers(text, file, commentStyles(file, helm), isRule);
    waivers.push(...parsed.waivers);
    diagnostics.push(...parsed.diagnostics);
  }
  return { waivers, diagnostics };
}

/** The warning an expired or unused waiver raises; shared with `merge`, which decides "unused" across shards. */
export function waiverDiagnostic(record: WaiverRecord): Diagnostic | undefined {
  const what = `waiver for ${record.ruleId}${record.resource === undefined ? '' : ` on "${record.resource}"`}`;
  const at = { line: record.location.line, column: record.location.column };
  if (record.status === 'expired') {
    const count = record.matched.length;
    const effect = count === 0 ? 'it matches no finding either' : `${count} finding${count === 1 ? ' it matches is' : 's it matches are'} no longer waived`;
    return diagnostic('waiver-expired', record.location.file, `${what} expired on ${record.expires}; ${effect}`, at, 'warning');
  }
  if (record.status === 'unused') {
    const where = record.source === 'inline' ? ' on the line below it' : '';
    return diagnostic('waiver-unused', record.location.file, `${what} matched no finding${where}; remove it`, at, 'warning');
  }
  return undefined;
}

function toRecord(waiver: Declared, status: WaiverRecord['status'], matched: string[]): WaiverRecord {
  return {
    id: waiver.id,
    source: waiver.source,
    ruleId: waiver.ruleId,
    ...(waiver.source === 'file' ? { resource: waiver.resource } : {}),
    ...(waiver.deployment === undefined ? {} : { deployment: waiver.deployment }),
    ...(waiver.owner === undefined ? {} : { owner: waiver.owner }),
    reason: waiver.reason,
    ...(waiver.ticket === undefined ? {} : { ticket: waiver.ticket }),
    ...(waiver.expires === undefined ? {} : { expires: waiver.expires }),
    location: waiver.location,
    status,
    matched,
  };
}

function waiverRef(waiver: Waiver): WaiverRef {
  const ref: WaiverRef = { id: waiver.id, reason: waiver.reason };
  if (waiver.owner !== undefined) ref.owner = waiver.owner;
  if (waiver.expires !== undefined) ref.expires = waiver.expires;
  return ref;
}

/**
 * Marks findings an active waiver covers (they stay in the report, with `waiver` set) and records every waiver's
 * status in `report.waivers`; expired and unused waivers become warnings, malformed ones errors.
 */
export function applyWaivers(report: ScanReport, options: ApplyWaiversOptions): ScanReport {
  const loaded = options.waivers ?? loadWaiversFile(options.root);
  const rules = new Map<string, RuleMeta>(report.rules.map((rule) => [rule.id, rule]));
  const names = new Set(report.rules.flatMap((rule) => [rule.id, ...(rule.aliases ?? [])]));
  const inline = readInline(options.root, report, (id) => names.has(id));
  const diagnostics: Diagnostic[] = [...inline.diagnostics, ...loaded.diagnostics];
  const fromFile = loaded.diagnostics.length > 0 ? [] : loaded.waivers.filter((waiver) => {
    if (names.has(waiver.ruleId)) return true;
    diagnostics.push(diagnostic('waiver-invalid', waiver.location.file, `"${waiver.ruleId}" is not a rule Evident runs`, waiver.ruleLocation));
    return false;
  });
  const declared: Declared[] = [...inline.waivers, ...fromFile];
  if (declared.length === 0 && diagnostics.length === 0) return report;

  // What starts on each line an inline waiver points at: resources (their first line) and attributes.
  const lineKey = (location: { file: string; line: number }): string => `${location.file}:${location.line}`;
  const targets = new Set(inline.waivers.flatMap((waiver) => (waiver.appliesTo ? [lineKey(waiver.appliesTo)] : [])));
  const resourcesAt = new Map<string, Set<string>>();
  const attributesAt = new Map<string, { resource: string; path: string }[]>();
  for (const resource of targets.size === 0 ? [] : report.resources) {
    const key = resourceKey(resource.source, resource.address, resource.deployment);
    if (targets.has(lineKey(resource))) resourcesAt.set(lineKey(resource), (resourcesAt.get(lineKey(resource)) ?? new Set()).add(key));
    for (const [attribute, location] of Object.entries(resource.locations)) {
      const line = lineKey(location);
      if (targets.has(line)) attributesAt.set(line, [...(attributesAt.get(line) ?? []), { resource: key, path: attribute }]);
    }
  }
  const patterns = new Map<Declared, { resource: RegExp; deployment?: RegExp }>();
  for (const waiver of fromFile) {
    patterns.set(waiver, { resource: addressPattern(waiver.resource), ...(waiver.deployment === undefined ? {} : { deployment: addressPattern(waiver.deployment) }) });
  }
  const ruleMatches = (waiver: Declared, finding: Finding): boolean =>
    waiver.ruleId === finding.ruleId || (rules.get(finding.ruleId)?.aliases ?? []).includes(waiver.ruleId);
  const covers = (waiver: Declared, finding: Finding): boolean => {
    if (waiver.source === 'file') {
      const pattern = patterns.get(waiver)!;
      return pattern.resource.test(finding.resource.address) && (pattern.deployment?.test(finding.resource.deployment ?? '') ?? true);
    }
    if (waiver.appliesTo === undefined) return false;
    const line = lineKey(waiver.appliesTo);
    if (lineKey(finding.location) === line) return true;
    const owner = resourceKey(finding.resource.source, finding.resource.address, finding.resource.deployment);
    return resourcesAt.get(line)?.has(owner) === true || (attributesAt.get(line) ?? []).some((a) => a.resource === owner && isWithin(finding.path, a.path));
  };

  const today = report.scannedAt.slice(0, 10);
  const expired = (waiver: Declared): boolean => waiver.expires !== undefined && waiver.expires < today;
  const matched = new Map<Declared, Set<string>>(declared.map((waiver) => [waiver, new Set()]));
  const findings = report.findings.map((finding) => {
    const matching = declared.filter((waiver) => ruleMatches(waiver, finding) && covers(waiver, finding));
    for (const waiver of matching) matched.get(waiver)!.add(finding.fingerprint);
    const active = matching.find((waiver) => !expired(waiver));
    return active === undefined ? finding : { ...finding, waiver: waiverRef(active) };
  });

  const records = declared
    .map((waiver) => {
      const fingerprints = [...matched.get(waiver)!].sort();
      return toRecord(waiver, expired(waiver) ? 'expired' : fingerprints.length > 0 ? 'active' : 'unused', fingerprints);
    })
    .sort((a, b) => byText(a.location.file, b.location.file) || a.location.line - b.location.line || byText(a.id, b.id));
  for (const record of records) {
    const warning = waiverDiagnostic(record);
    if (warning !== undefined) diagnostics.push(warning);
  }
  diagnostics.sort((a, b) => byText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { ...report, findings, waivers: [...report.waivers, ...records], diagnostics: [...report.diagnostics, ...diagnostics] };
}
