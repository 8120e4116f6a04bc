import { diagnostic, type Diagnostic, type SourceLocation, type Waiver } from '../model/index.js';
import { isIsoDate } from './date.js';

/** An inline waiver and the line it applies to: the first line below it that is not a comment. */
export interface InlineWaiver extends Waiver {
  source: 'inline';
  appliesTo?: SourceLocation;
}

export type CommentStyle = 'hash' | 'slash' | 'block' | 'helm';

interface Style {
  open: RegExp;
  /** Block comments must close on the same line. */
  close?: RegExp;
}

const STYLES: Record<CommentStyle, Style> = {
  hash: { open: /^\s*#\s*/ },
  slash: { open: /^\s*\/\/\s*/ },
  block: { open: /^\s*\/\*\s*/, close: /\s*\*\/\s*$/ },
  helm: { open: /^\s*\{\{-?\s*\/\*\s*/, close: /\s*\*\/\s*-?\}\}\s*$/ },
};

const MARKER = 'evident:ignore';
const KEYS = ['until', 'reason', 'owner', 'ticket'] as const;
type Key = (typeof KEYS)[number];
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const SYNTAX = `${MARKER} EVD-XXX-NNN until=YYYY-MM-DD reason="…" [owner=… ticket=…]`;

/** HCL has three comment forms; Helm templates add template comments; YAML has only `#`. */
export function commentStyles(file: string, helm: boolean): CommentStyle[] {
  if (/\.(tf|tfvars|hcl)$/.test(file)) return ['hash', 'slash', 'block'];
  if (helm) return ['hash', 'helm'];
  return ['hash'];
}

/** Lines that may sit between a waiver and its target: comments, and in Helm templates bare actions (`{{- if … }}`). */
function isSkippable(line: string, styles: CommentStyle[]): boolean {
  if (line.trim() === '') return false;
  for (const style of styles) {
    const { open, close } = STYLES[style];
    if (open.test(line) && (close === undefined || close.test(line))) return true;
  }
  return styles.includes('helm') && /^\s*\{\{.*\}\}\s*$/.test(line);
}

class WaiverSyntaxError extends Error {
  readonly column: number;
  constructor(message: string, column: number) {
    super(message);
    this.column = column;
  }
}

interface ParsedBody {
  rules: { id: string; column: number }[];
  keys: Map<Key, { value: string; column: number }>;
}

/** `EVD-A-001,EVD-B-002 until=2027-01-31 reason="…"`; `offset` is the 0-based column where `body` starts. */
function parseBody(body: string, offset: number): ParsedBody {
  let at = 0;
  const skipSpace = (): void => {
    while (at < body.length && /\s/.test(body[at])) at++;
  };
  skipSpace();
  const list = /^[^\s=,"]+(?:\s*,\s*[^\s=,"]+)*/.exec(body.slice(at));
  if (list === null || body[at + list[0].length] === '=') throw new WaiverSyntaxError(`waiver names no rule; write: ${SYNTAX}`, offset + at + 1);
  const rules: ParsedBody['rules'] = [];
  let column = at;
  for (const part of list[0].split(',')) {
    const id = part.trim();
    const idColumn = offset + column + part.indexOf(id) + 1;
    if (!RULE_ID.test(id)) throw new WaiverSyntaxError(`"${id}" is not a rule id`, idColumn);
    rules.push({ id, column: idColumn });
    column += part.length + 1;
  }
  at += list[0].length;

  const keys: ParsedBody['keys'] = new Map();
  for (;;) {
    const before = at;
    skipSpace();
    if (at >= body.length) break;
    if (at === before) throw new WaiverSyntaxError('separate waiver keys with spaces', offset + at + 1);
    const keyColumn = offset + at + 1;
    const key = /^([A-Za-z_][\w-]*)=/.exec(body.slice(at));
    if (key === null) throw new WaiverSyntaxError(`expected key=value; got "${body.slice(at).split(/\s/)[0]}"`, keyColumn);
    const name = key[1];
    if (!(KEYS as readonly string[]).includes(name)) throw new WaiverSyntaxError(`unknown waiver key "${name}" (allowed: ${KEYS.join(', ')})`, keyColumn);
    if (keys.has(name as Key)) throw new WaiverSyntaxError(`duplicate waiver key "${name}"`, keyColumn);
    at += key[0].length;
    let value = '';
    if (body[at] === '"') {
      at++;
      for (;;) {
        if (at >= body.length) throw new WaiverSyntaxError(`unterminated quoted value of "${name}"`, keyColumn);
        const char = body[at++];
        if (char === '"') break;
        value += char === '\\' && at < body.length ? body[at++] : char;
      }
    } else {
      const bare = /^[^\s"]*/.exec(body.slice(at))![0];
      at += bare.length;
      value = bare;
    }
    if (value.trim() === '') throw new WaiverSyntaxError(`"${name}" must not be empty`, keyColumn);
    keys.set(name as Key, { value, column: keyColumn });
  }
  return { rules, keys };
}

export interface InlineParse {
  waivers: InlineWaiver[];
  diagnostics: Diagnostic[];
}

/**
 * Finds `evident:ignore` comments on lines of their own. `isRule` says whether an id (or alias) names a rule that runs,
 * so that a typo is reported instead of silently waiving nothing.
 */
export function parseInlineWaivers(text: string, file: string, styles: CommentStyle[], isRule: (id: string) => boolean): InlineParse {
  const out: InlineParse = { waivers: [], diagnostics: [] };
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const markerAt = line.indexOf(MARKER);
    if (markerAt === -1) return;
    const style = styles.map((name) => STYLES[name]).find((s) => {
      const open = s.open.exec(line);
      return open !== null && open[0].length === markerAt;
    });
    if (style === undefined) return;
    const lineNumber = index + 1;
    const at = (column: number): { line: number; column: number } => ({ line: lineNumber, column });
    let body = line.slice(markerAt + MARKER.length);
    if (/^[\w:-]/.test(body)) return;
    if (style.close) {
      const close = style.close.exec(body);
      if (close === null) {
        out.diagnostics.push(diagnostic('waiver-invalid', file, 'waiver comment is not closed on its line', at(markerAt + 1)));
        return;
      }
      body = body.slice(0, close.index);
    }
    let parsed: ParsedBody;
    try {
      parsed = parseBody(body, markerAt + MARKER.length);
    } catch (error) {
      if (!(error instanceof WaiverSyntaxError)) throw error;
      out.diagnostics.push(diagnostic('waiver-invalid', file, error.message, at(error.column)));
      return;
    }
    const unknownRule = parsed.rules.find((r) => !isRule(r.id));
    if (unknownRule !== undefined) {
      out.diagnostics.push(diagnostic('waiver-invalid', file, `"${unknownRule.id}" is not a rule Evident runs`, at(unknownRule.column)));
      return;
    }
    const until = parsed.keys.get('until');
    const reason = parsed.keys.get('reason');
    if (until === undefined) {
      out.diagnostics.push(diagnostic('waiver-invalid', file, 'waiver needs an expiry: until=YYYY-MM-DD', at(markerAt + 1)));
      return;
    }
    if (!isIsoDate(until.value)) {
      out.diagnostics.push(diagnostic('waiver-invalid', file, `until must be a date YYYY-MM-DD; got "${until.value}"`, at(until.column)));
      return;
    }
    if (reason === undefined) {
      out.diagnostics.push(diagnostic('waiver-invalid', file, 'waiver needs a justification: reason="…"', at(markerAt + 1)));
      return;
    }
    let target = index + 1;
    while (target < lines.length && isSkippable(lines[target], styles)) target++;
    const appliesTo = target < lines.length && lines[target].trim() !== '' ? { file, line: target + 1 } : undefined;
    const owner = parsed.keys.get('owner')?.value;
    const ticket = parsed.keys.get('ticket')?.value;
    for (const rule of parsed.rules) {
      const waiver: InlineWaiver = {
        id: parsed.rules.length === 1 ? `${file}:${lineNumber}` : `${file}:${lineNumber}#${rule.id}`,
        source: 'inline',
        ruleId: rule.id,
        reason: reason.value,
        expires: until.value,
        location: { file, line: lineNumber, column: markerAt + 1 },
      };
      if (owner !== undefined) waiver.owner = owner;
      if (ticket !== undefined) waiver.ticket = ticket;
      if (appliesTo !== undefined) waiver.appliesTo = appliesTo;
      out.waivers.push(waiver);
    }
  });
  return out;
}
