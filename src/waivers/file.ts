import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { diagnostic, type Diagnostic, type Waiver } from '../model/index.js';
import { locateInYaml } from '../profile/yaml-locate.js';
import { isIsoDate } from './date.js';

export const WAIVERS_FILE = 'evident.waivers.yaml';

export interface FileWaiver extends Waiver {
  source: 'file';
  resource: string;
  /** Where the rule id is written, for reporting a rule that does not exist. */
  ruleLocation: { line: number; column: number };
}

/** The waivers file as read: `diagnostics` non-empty means it is invalid and none of its waivers apply. */
export interface LoadedWaivers {
  file?: string;
  waivers: FileWaiver[];
  diagnostics: Diagnostic[];
}

const text = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be text`) }).trim().min(1, { error: `${what} must not be empty` });

const waiverEntry = z.strictObject({
  rule: text('rule'),
  resource: text('resource'),
  deployment: text('deployment').optional(),
  owner: text('owner'),
  reason: text('reason'),
  ticket: z.union([z.string().trim().min(1), z.number()], { error: 'ticket must be text' }).optional(),
  expires: z
    .string({ error: (issue) => (issue.input === undefined ? 'expires is required' : 'expires must be a date YYYY-MM-DD') })
    .refine(isIsoDate, { error: 'expires must be a date YYYY-MM-DD' }),
});

const KEYS = Object.keys(waiverEntry.shape);

/** Reads `evident.waivers.yaml` at the root (or `explicitPath`); every problem is a diagnostic at file:line:column. */
export function loadWaiversFile(root: string, explicitPath?: string): LoadedWaivers {
  const found = path.resolve(explicitPath ?? path.join(root, WAIVERS_FILE));
  const relative = path.relative(root, found);
  const file = relative.startsWith('..') || path.isAbsolute(relative) ? found : relative.split(path.sep).join('/');
  if (!existsSync(found)) {
    return explicitPath === undefined ? { waivers: [], diagnostics: [] } : { file, waivers: [], diagnostics: [diagnostic('waiver-invalid', file, 'waivers file not found')] };
  }
  const counter = new LineCounter();
  const doc = parseDocument(readFileSync(found, 'utf8'), { lineCounter: counter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((error) => {
      const pos = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
      return diagnostic('waiver-invalid', file, error.message.split('\n')[0], { line: pos.line, column: pos.col });
    });
    return { file, waivers: [], diagnostics };
  }
  const data: unknown = doc.toJS() ?? [];
  if (!Array.isArray(data)) {
    return { file, waivers: [], diagnostics: [diagnostic('waiver-invalid', file, 'the waivers file must be a list of waivers (- rule: …)', locateInYaml(doc, counter, []))] };
  }
  const parsed = z.array(waiverEntry).safeParse(data);
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) =>
          diagnostic('waiver-invalid', file, `unknown key "${key}" (allowed: ${KEYS.join(', ')})`, locateInYaml(doc, counter, issue.path, key)),
        );
      }
      const message = issue.path.length === 1 ? 'each waiver must be a mapping of rule, resource, owner, reason, expires' : issue.message;
      return [diagnostic('waiver-invalid', file, message, locateInYaml(doc, counter, issue.path))];
    });
    return { file, waivers: [], diagnostics };
  }
  const waivers = parsed.data.map((entry, index): FileWaiver => {
    const at = locateInYaml(doc, counter, [index]);
    const waiver: FileWaiver = {
      id: `${file}:${at.line}`,
      source: 'file',
      ruleId: entry.rule,
      resource: entry.resource,
      owner: entry.owner,
      reason: entry.reason,
      expires: entry.expires,
      location: { file, line: at.line, column: at.column },
      ruleLocation: locateInYaml(doc, counter, [index, 'rule']),
    };
    if (entry.deployment !== undefined) waiver.deployment = entry.deployment;
    if (entry.ticket !== undefined) waiver.ticket = String(entry.ticket);
    return waiver;
  });
  return { file, waivers, diagnostics: [] };
}
