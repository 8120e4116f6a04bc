/**
 * templatestring: renders literal text and `${...}` interpolations of variable references
 * (`name`, `name.attr`, `name[0]`, `name["key"]`). Anything richer (function calls, operators,
 * `%{if}`/`%{for}` directives) needs the full HCL evaluator, so the result is Unknown instead.
 */
import { formatNumber } from './numbers.js';
import type { FunctionTable } from './registry.js';
import { argError } from './registry.js';
import { ANY, STRING } from './types.js';
import type { TfObject, TfValue } from './value.js';
import { FunctionError, Unknown, containsUnknown, isTfObject, typeName, unknownOf } from './value.js';

type Piece = { literal: string } | { reference: string; stripBefore: boolean; stripAfter: boolean; offset: number };

/** An interpolation beyond plain references. */
class Unsupported {
  readonly what: string;
  constructor(what: string) {
    this.what = what;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*/;
const TRAVERSAL = /^[A-Za-z_][A-Za-z0-9_-]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_-]*|\s*\[\s*(?:\d+|"(?:[^"\\]|\\.)*")\s*\])*$/;

/** Splits a template into literals and interpolations; returns a reason string for what it cannot handle. */
function parseTemplate(template: string): Piece[] | string {
  const pieces: Piece[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('$${', i) || template.startsWith('%%{', i)) {
      literal += template.slice(i + 1, i + 3);
      i += 3;
      continue;
    }
    if (template.startsWith('%{', i)) return 'template directives (%{...})';
    if (!template.startsWith('${', i)) {
      literal += template[i++];
      continue;
    }
    const close = template.indexOf('}', i + 2);
    if (close === -1) throw new FunctionError('unterminated template interpolation: missing "}"');
    let body = template.slice(i + 2, close);
    const stripBefore = body.startsWith('~');
    const stripAfter = body.endsWith('~');
    if (stripBefore) body = body.slice(1);
    if (stripAfter) body = body.slice(0, -1);
    pieces.push({ literal });
    literal = '';
    const leading = body.length - body.trimStart().length;
    pieces.push({ reference: body.trim(), stripBefore, stripAfter, offset: i + 2 + (stripBefore ? 1 : 0) + leading });
    i = close + 1;
  }
  pieces.push({ literal });
  return pieces;
}

/** Evaluates `name`, `name.attr`, `name[0]`, `name["key"]` against `vars`; a reason string for other expressions. */
/** HCL's `line,column-column` of a name starting at `offset` in the template. */
function position(template: string, offset: number, length: number): string {
  const before = [...template.slice(0, offset)];
  const line = before.filter((c) => c === '\n').length + 1;
  const lastBreak = before.lastIndexOf('\n');
  const column = before.length - lastBreak;
  return `${line},${column}-${column + [...template.slice(offset, offset + length)].length}`;
}

function resolveReference(template: string, piece: Extract<Piece, { reference: string }>, vars: TfObject): TfValue | Unsupported {
  const expression = piece.reference;
  const root = IDENTIFIER.exec(expression);
  if (!root || !TRAVERSAL.test(expression)) return new Unsupported(`the expression ${JSON.stringify(expression)}`);
  if (!Object.hasOwn(vars, root[0])) {
    throw argError(
      'vars',
      `vars map does not contain key ${JSON.stringify(root[0])}, referenced at <templatestring argument>:${position(template, piece.offset, root[0].length)}`,
    );
  }
  let value: TfValue = vars[root[0]];
  let rest = expression.slice(root[0].length);
  while (rest.length > 0) {
    const attribute = /^\s*\.\s*([A-Za-z_][A-Za-z0-9_-]*)/.exec(rest);
    const index = /^\s*\[\s*(?:(\d+)|"((?:[^"\\]|\\.)*)")\s*\]/.exec(rest);
    const step = attribute ?? index;
    if (!step) return new Unsupported(`the expression ${JSON.stringify(expression)}`);
    rest = rest.slice(step[0].length);
    if (value instanceof Unknown) return value;
    if (attribute || (index && index[2] !== undefined)) {
      const key = attribute ? attribute[1] : (JSON.parse(`"${index![2]}"`) as string);
      if (!isTfObject(value) || !Object.hasOwn(value, key)) {
        throw new FunctionError(`unsupported attribute: ${typeName(value)} value has no attribute ${JSON.stringify(key)}`);
      }
      value = value[key];
    } else {
      const position = Number(index![1]);
      if (!Array.isArray(value) || position >= value.length) throw new FunctionError(`invalid index ${position} into a ${typeName(value)} value`);
      value = value[position];
    }
  }
  return value;
}

function interpolate(value: TfValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null) {
    throw new FunctionError('invalid template interpolation value: the expression result is null; cannot include a null value in a string template');
  }
  throw new FunctionError('invalid template interpolation value: cannot include the given value in a string template: string required');
}

/** A template that is a single interpolation yields that value, which templatestring still requires to be a string. */
function wholeResult(value: TfValue): TfValue {
  if (value instanceof Unknown) return value;
  if (value === null) throw new FunctionError('the result of the template is null, which is not a valid result for a templatestring call');
  if (typeof value === 'object') throw new FunctionError('invalid template result: string required');
  return interpolate(value);
}

export function renderTemplate(template: string, vars: TfObject): TfValue {
  const pieces = parseTemplate(template);
  if (typeof pieces === 'string') return new Unknown(`templatestring() with ${pieces} needs the full template evaluator`);
  const values: TfValue[] = [];
  for (const piece of pieces) {
    if ('literal' in piece) continue;
    const resolved = resolveReference(template, piece, vars);
    if (resolved instanceof Unsupported) return new Unknown(`templatestring() with ${resolved.what} needs the full template evaluator`);
    values.push(resolved);
  }
  const literals = pieces.filter((p): p is { literal: string } => 'literal' in p).map((p) => p.literal);
  const interpolations = pieces.filter((p) => !('literal' in p)) as Extract<Piece, { reference: string }>[];
  if (interpolations.length === 1 && literals.every((l) => l === '')) return wholeResult(values[0]);
  if (values.some(containsUnknown)) return unknownOf(...values);
  let out = '';
  for (let i = 0; i < literals.length; i++) {
    let text = literals[i];
    if (i > 0 && interpolations[i - 1].stripAfter) text = text.replace(/^\s+/, '');
    if (i < interpolations.length && interpolations[i].stripBefore) text = text.replace(/\s+$/, '');
    out += text;
    if (i < values.length) out += interpolate(values[i]);
  }
  return out;
}

export const templateFunctions: FunctionTable = {
  templatestring: {
    params: [
      { name: 'template', type: STRING },
      { name: 'vars', type: ANY },
    ],
    acceptsUnknown: true,
    impl: ([template, vars]) => {
      if (template instanceof Unknown) return template;
      if (vars instanceof Unknown) return vars;
      if (!isTfObject(vars)) throw argError('vars', 'invalid vars value: must be a map');
      for (const name of Object.keys(vars)) {
        if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
          throw argError(
            'vars',
            `invalid template variable name ${JSON.stringify(name)}: must start with a letter, followed by zero or more letters, digits, and underscores`,
          );
        }
      }
      return renderTemplate(template as string, vars);
    },
  },
};
