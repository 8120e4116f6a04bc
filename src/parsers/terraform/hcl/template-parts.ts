import type { Expression, Pos, Range, TemplateIf, TemplateInterpolation, TemplateLiteral, TemplatePart } from './ast.js';
import { isUnicodeSpace } from './chars.js';

// Templates are parsed as HCL does: first a flat list of literals, interpolations and `%{...}` markers,
// then `<<-` indentation removal, joining of adjacent literals, and nesting of if/for directives.

/** A `%{...}` marker before if/for directives are nested. */
export type Directive =
  | { kind: 'if'; condition: Expression; range: Range }
  | { kind: 'for'; keyVar: string | null; valueVar: string; collection: Expression; range: Range }
  | { kind: 'else' | 'endif' | 'endfor'; range: Range };
export type FlatPart = TemplateLiteral | TemplateInterpolation | Directive;
type Note = (message: string, at: Pos) => void;

const DIRECTIVE_ENDS: readonly string[] = ['else', 'endif', 'endfor'];

/**
 * `<<-` heredocs: remove the smallest indentation of the non-blank lines from every line (HCL's rule),
 * in `flat[base..end)`.
 */
export function flushHeredoc(flat: FlatPart[], base: number, end: number): void {
  let minSpaces = Number.MAX_SAFE_INTEGER;
  let newline = true;
  const adjust: TemplateLiteral[] = [];
  for (let i = base; i < end; i++) {
    const f = flat[i];
    if (newline) {
      newline = false;
      if (f.kind === 'templateLiteral') {
        const value = f.value;
        let lead = 0;
        while (lead < value.length && isUnicodeSpace(value.charCodeAt(lead))) lead++;
        if (!(lead === value.length && value.endsWith('\n'))) {
          adjust.push(f);
          if (lead < minSpaces) minSpaces = lead;
        }
      } else {
        minSpaces = 0;
      }
    }
    if (f.kind === 'templateLiteral' && f.value.endsWith('\n')) newline = true;
  }
  if (minSpaces === 0) return;
  for (const f of adjust) {
    f.value = f.value.slice(minSpaces);
    const start = f.range.start;
    f.range = { start: { line: start.line, column: start.column + minSpaces, offset: start.offset + minSpaces }, end: f.range.end };
  }
}

/** Joins each run of consecutive literals in `flat[base..end)` into one, in place; returns the new end. */
export function meldLiterals(flat: FlatPart[], base: number, end: number): number {
  let out = base;
  let i = base;
  while (i < end) {
    const first = flat[i];
    let j = i + 1;
    if (first.kind === 'templateLiteral') {
      let value = first.value;
      while (j < end) {
        const next = flat[j];
        if (next.kind !== 'templateLiteral') break;
        value += next.value;
        j++;
      }
      const last = flat[j - 1];
      flat[out++] = j === i + 1 ? first : { kind: 'templateLiteral', value, range: { start: first.range.start, end: last.range.end } };
    } else {
      flat[out++] = first;
    }
    i = j;
  }
  return out;
}

/** Turns the flat if/else/endif and for/endfor markers into nested parts, reporting unbalanced ones. */
export function nestDirectives(flat: FlatPart[], note: Note): TemplatePart[] {
return directiveSequence(flat, { index: 0 }, [], note).parts;
}

function directiveSequence(
flat: FlatPart[],
cursor: { index: number },
stops: readonly string[],
note: Note,
): { parts: TemplatePart[]; stop: Directive | null } {
  const parts: TemplatePart[] = [];
  while (cursor.index < flat.length) {
    const f = flat[cursor.index];
    if (stops.includes(f.kind)) return { parts, stop: f as Directive };
    cursor.index++;
    switch (f.kind) {
      case 'templateLiteral':
      case 'interpolation':
        parts.push(f);
        break;
      case 'if': {
        const then = directiveSequence(flat, cursor, DIRECTIVE_ENDS, note);
        let elseParts: TemplatePart[] | null = null;
        let stop = then.stop;
        while (stop?.kind === 'else') {
          if (elseParts !== null) note('a "%{if}" directive can have only one "%{else}"', stop.range.start);
          cursor.index++;
          const otherwise = directiveSequence(flat, cursor, DIRECTIVE_ENDS, note);
          elseParts = elseParts === null ? otherwise.parts : [...elseParts, ...otherwise.parts];
          stop = otherwise.stop;
        }
        if (stop?.kind !== 'endif') missingEnd(f, 'endif', stop, note);
        if (stop !== null) cursor.index++;
        const part: TemplateIf = {
          kind: 'templateIf',
          condition: f.condition,
          thenParts: then.parts,
          elseParts,
          range: { start: f.range.start, end: (stop ?? flat[flat.length - 1]).range.end },
        };
        parts.push(part);
        break;
      }
      case 'for': {
        const body = directiveSequence(flat, cursor, DIRECTIVE_ENDS, note);
        const stop = body.stop;
        if (stop?.kind !== 'endfor') missingEnd(f, 'endfor', stop, note);
        if (stop !== null) cursor.index++;
        parts.push({
          kind: 'templateFor',
          keyVar: f.keyVar,
          valueVar: f.valueVar,
          collection: f.collection,
          parts: body.parts,
          range: { start: f.range.start, end: (stop ?? flat[flat.length - 1]).range.end },
        });
        break;
      }
      default:
        note(`unexpected "%{${f.kind}}" without a matching opening directive`, f.range.start);
    }
  }
  return { parts, stop: null };
}

function missingEnd(opener: Directive, expected: string, found: Directive | null, note: Note): void {
  const at = found?.range.start ?? opener.range.start;
  const what = opener.kind === 'if' ? '%{if}' : '%{for}';
  note(
    found === null
      ? `the "${what}" directive at line ${opener.range.start.line}, column ${opener.range.start.column} has no matching "%{${expected}}"`
      : `expected "%{${expected}}" to close the "${what}" directive at line ${opener.range.start.line}, column ${opener.range.start.column}, found "%{${found.kind}}"`,
    at,
  );
}
