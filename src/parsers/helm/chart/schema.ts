/**
 * values.schema.json validation (chartutil.ValidateAgainstSchema): each chart's coalesced values
 * against its own schema, errors listed per chart in gojsonschema's style (`- path: message`).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { marshalJson } from '../json.js';
import { isGoMap, type GoMap } from '../template/value.js';
import { chartName, type Chart } from './loader.js';

type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

export class SchemaError extends Error {}

const compiled = new Map<string, ValidateFunction | Error>();

function compile(schemaText: string): ValidateFunction {
  const cached = compiled.get(schemaText);
  if (cached instanceof Error) throw cached;
  if (cached !== undefined) return cached;
  try {
    const schema = JSON.parse(schemaText) as Record<string, unknown>;
    if (typeof schema === 'object' && schema !== null) delete schema.$schema;
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, logger: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    compiled.set(schemaText, validate);
    return validate;
  } catch (e) {
    const error = new SchemaError(`unable to validate schema: ${e instanceof Error ? e.message : String(e)}`);
    compiled.set(schemaText, error);
    throw error;
  }
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function fieldOf(e: ErrorObject): string {
  const parts = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.length === 0 ? '(root)' : parts.join('.');
}

function valueAt(data: unknown, instancePath: string): unknown {
  let current = data;
  for (const part of instancePath.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** gojsonschema's wording for the common failures. */
function describe(e: ErrorObject, data: unknown): string {
  const field = fieldOf(e);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return `Invalid type. Expected: ${String(p.type).replace(/,/g, ', ')}, given: ${jsonType(valueAt(data, e.instancePath))}`;
    case 'required':
      return `${String(p.missingProperty)} is required`;
    case 'enum':
      return `${field} must be one of the following: ${((p.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${field} does not match: ${JSON.stringify(p.allowedValue)}`;
    case 'minimum':
      return `Must be greater than or equal to ${String(p.limit)}`;
    case 'exclusiveMinimum':
      return `Must be greater than ${String(p.limit)}`;
    case 'maximum':
      return `Must be less than or equal to ${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `Must be less than ${String(p.limit)}`;
    case 'minLength':
      return `String length must be greater than or equal to ${String(p.limit)}`;
    case 'maxLength':
      return `String length must be less than or equal to ${String(p.limit)}`;
    case 'pattern':
      return `Does not match pattern '${String(p.pattern)}'`;
    case 'format':
      return `Does not match format '${String(p.format)}'`;
    case 'additionalProperties':
      return `Additional property ${String(p.additionalProperty)} is not allowed`;
    case 'minItems':
      return `Array must have at least ${String(p.limit)} items`;
    case 'maxItems':
      return `Array must have at most ${String(p.limit)} items`;
    case 'uniqueItems':
      return 'array items must be unique';
    case 'anyOf':
      return 'Must validate at least one schema (anyOf)';
    case 'oneOf':
      return 'Must validate one and only one schema (oneOf)';
    case 'not':
      return 'Must not validate the schema (not)';
    case 'multipleOf':
      return `Must be a multiple of ${String(p.multipleOf)}`;
    default:
      return e.message ?? e.keyword;
  }
}

export interface SchemaViolation {
  chart: string;
  /** Values path in gojsonschema form (`(root)`, `image.tag`). */
  field: string;
  description: string;
}

/** ValidateAgainstSingleSchema: the values go through YAML and JSON first, so they are plain JSON here. */
export function validateSingle(values: GoMap, schemaText: string, chart: string): SchemaViolation[] {
  const validate = compile(schemaText);
  const data = JSON.parse(marshalJson(values)) as unknown;
  if (validate(data ?? {})) return [];
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'if')
    .map((e) => {
      const field = e.keyword === 'required' ? fieldOf(e) : fieldOf(e);
      return { chart, field, description: describe(e, data) };
    });
}

/** ValidateAgainstSchema over the chart and its subcharts, as one message like Helm's. */
export function validateChartValues(chart: Chart, values: GoMap): { message: string; violations: SchemaViolation[] } | undefined {
  const violations: SchemaViolation[] = [];
  let text = '';
  const walk = (c: Chart, vals: GoMap): void => {
    if (c.schema !== undefined) {
      let found: SchemaViolation[];
      try {
        found = validateSingle(vals, Buffer.from(c.schema).toString('utf8'), chartName(c));
      } catch (e) {
        found = [{ chart: chartName(c), field: '(root)', description: e instanceof Error ? e.message : String(e) }];
      }
      if (found.length > 0) {
        text += `${chartName(c)}:\n`;
        for (const v of found) text += `- ${v.field}: ${v.description}\n`;
        violations.push(...found);
      }
    }
    for (const sub of c.dependencies) {
      const subValues = vals[chartName(sub)];
      walk(sub, isGoMap(subValues) ? subValues : ({} as GoMap));
    }
  };
  walk(chart, values);
  if (violations.length === 0) return undefined;
  return { message: `values don't meet the specifications of the schema(s) in the following chart(s):\n${text}`, violations };
}
