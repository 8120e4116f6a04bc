import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { diagnostic, type Diagnostic } from '../../model/index.js';
import { parseHcl } from './hcl/index.js';
import { FunctionError, type TfValue } from './functions/value.js';
import { EvalError, Evaluator } from './evaluate.js';
import type { InputValue } from './instance.js';

/** Variable values from one tfvars file, each with the line that set it. */
export interface VarFile {
  path: string;
  values: Map<string, InputValue>;
  diagnostics: Diagnostic[];
}

const constantsOnly = new Evaluator({
  resolve(root, _steps, range) {
    throw new EvalError(`Variables not allowed: a tfvars file may only assign constant values, not refer to "${root}"`, range);
  },
});

function fromJson(value: unknown): TfValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromJson(v)]));
  return null;
}

/** Parses `.tfvars` (HCL attributes with constant values) or `.tfvars.json`. */
export function parseVarFile(path: string, text: string): VarFile {
  const values = new Map<string, InputValue>();
  const diagnostics: Diagnostic[] = [];
  if (path.endsWith('.json')) {
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter });
    if (doc.errors.length > 0 || !isMap(doc.contents)) {
      const pos = doc.errors[0]?.linePos?.[0] ?? { line: 1, col: 1 };
      diagnostics.push(diagnostic('json-syntax', path, doc.errors[0]?.message.split('\n')[0] ?? 'a .tfvars.json file must hold one JSON object', { line: pos.line, column: pos.col }));
      return { path, values, diagnostics };
    }
    for (const pair of doc.contents.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      const pos = counter.linePos((pair.key as YamlNode).range?.[0] ?? 0);
      values.set(name, { value: fromJson((pair.value as YamlNode | null)?.toJSON() ?? null), origin: { file: path, line: pos.line, column: pos.col, description: `${path}: ${name}`, primary: true } });
    }
    return { path, values, diagnostics };
  }
  const parsed = parseHcl(text, path);
  diagnostics.push(...parsed.diagnostics);
  for (const block of parsed.body.blocks) {
    diagnostics.push(diagnostic('terraform-eval', path, `Unexpected "${block.type}" block: a tfvars file only assigns variables`, { line: block.range.start.line, column: block.range.start.column }));
  }
  for (const attr of parsed.body.attributes) {
    let value: TfValue;
    try {
      value = constantsOnly.evaluate(attr.expr);
    } catch (error) {
      if (!(error instanceof EvalError) && !(error instanceof FunctionError)) throw error;
      const range = error instanceof EvalError ? error.range : attr.expr.range;
      diagnostics.push(diagnostic('terraform-eval', path, error.message, { line: range.start.line, column: range.start.column }));
      continue;
    }
    const { line, column } = attr.nameRange.start;
    values.set(attr.name, { value, origin: { file: path, line, column, description: `${path}: ${attr.name}`, primary: true } });
  }
  return { path, values, diagnostics };
}
