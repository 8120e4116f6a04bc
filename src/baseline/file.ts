import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { byText, type ScanReport } from '../model/index.js';

export const BASELINE_FILE = 'evident-baseline.json';

/** A baseline file cannot be read or is not one Evident wrote; the gate cannot decide what is new. */
export class BaselineError extends Error {}

/** One accepted finding; only the fingerprint matches, the rest is for people reviewing the file. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  address: string;
  deployment?: string;
  path: string;
}

const baselineSchema = z.object({
  version: z.literal(1, { error: 'version must be 1' }),
  findings: z.array(
    z.object({
      fingerprint: z.string().regex(/^[0-9a-f]{32}$/, { error: 'fingerprint must be 32 hex digits' }),
      ruleId: z.string(),
      address: z.string(),
      deployment: z.string().optional(),
      path: z.string(),
    }),
  ),
});


/** Every finding of `report`, sorted by rule, resource and attribute so that the file diffs well; no timestamps. */
export function baselineEntries(report: ScanReport): BaselineEntry[] {
  return report.findings
    .map((f) => ({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      address: f.resource.address,
      ...(f.resource.deployment === undefined ? {} : { deployment: f.resource.deployment }),
      path: f.path,
    }))
    .sort(
      (a, b) =>
        byText(a.ruleId, b.ruleId) ||
        byText(a.address, b.address) ||
        byText(a.deployment ?? '', b.deployment ?? '') ||
        byText(a.path, b.path) ||
        byText(a.fingerprint, b.fingerprint),
    );
}

export function renderBaseline(report: ScanReport): string {
  return `${JSON.stringify({ version: 1, findings: baselineEntries(report) }, null, 2)}\n`;
}

/** Where JSON.parse failed: V8 names an offset for some errors only; the YAML parser (JSON schema) locates the rest. */
function syntaxErrorAt(text: string, message: string): string | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position !== null) {
    const before = text.slice(0, Number(position[1])).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
  }
  const at = parseDocument(text, { schema: 'json', lineCounter: new LineCounter() }).errors[0]?.linePos?.[0];
  return at === undefined ? undefined : `${at.line}:${at.col}`;
}

/** The entries of a baseline file written by `evident baseline update`; a BaselineError names file:line:column. */
export function readBaselineFile(file: string): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BaselineError(`${file}: cannot read baseline file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = syntaxErrorAt(text, message);
    const reason = message.split('\n')[0].replace(/ in JSON at position \d+.*$/, '').replace(/, (\.\.\.)?".*$/, '');
    throw new BaselineError(`${at === undefined ? file : `${file}:${at}`}: baseline file is not valid JSON: ${reason}`);
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BaselineError(`${file}: not an Evident baseline (${issue.path.join('.') || 'top level'}: ${issue.message}); write one with "evident baseline update"`);
  }
  return parsed.data.findings;
}
