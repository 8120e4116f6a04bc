import type { JsonObject, JsonValue } from '../../../model/json.js';
import type { Block, Body, Expression, TemplateExpr, TemplatePart } from './ast.js';

/**
 * The JSON that tmccombs/hcl2json (the npm package `hcl2-parser`) produces for a file: blocks nest as
 * `type → label… → [body, …]`, literal values stay JSON values, and any other expression becomes its
 * source text wrapped as `"${…}"`. `source` is the text that was parsed.
 *
 * Differences from hcl2-parser, on purpose: a literal `${` or `%{` in a string (written `$${` / `%%{`)
 * stays escaped, so the result reads back as the same HCL JSON; hcl2-parser drops the escape and turns
 * it into an interpolation.
 */
export function toJsonProjection(body: Body, source: string): JsonObject {
  return new Projection(source).body(body);
}

class Projection {
  private readonly source: string;

  constructor(source: string) {
    this.source = source;
  }

  body(body: Body): JsonObject {
    const out: JsonObject = {};
    for (const block of body.blocks) this.block(block, out);
    for (const attribute of body.attributes) setKey(out, attribute.name, this.expression(attribute.expr));
    return out;
  }

  private block(block: Block, root: JsonObject): void {
    let out = root;
    let key = block.type;
    for (const label of block.labels) {
      const existing = Object.hasOwn(out, key) ? out[key] : undefined;
      if (isObject(existing)) {
        out = existing;
      } else {
        const nested: JsonObject = {};
        setKey(out, key, nested);
        out = nested;
      }
      key = label.value;
    }
    const value = this.body(block.body);
    const existing = Object.hasOwn(out, key) ? out[key] : undefined;
    if (Array.isArray(existing)) existing.push(value);
    else setKey(out, key, [value]);
  }

  expression(expr: Expression): JsonValue {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'unary':
        if (expr.operand.kind === 'literal') {
          const value = expr.operand.value;
          if (expr.op === '-' && typeof value === 'number') return -value;
          if (expr.op === '!' && typeof value === 'boolean') return !value;
        }
        return this.wrap(expr);
      case 'template': {
        const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
        if (only?.kind === 'interpolation') return this.expression(only.expr);
        return this.template(expr);
      }
      case 'tuple':
        return expr.items.map((item) => this.expression(item));
      case 'object': {
        const out: JsonObject = {};
        for (const item of expr.items) setKey(out, this.key(item.key), this.expression(item.value));
        return out;
      }
      default:
        return this.wrap(expr);
    }
  }

  private key(key: Expression): string {
    if (key.kind === 'scopeTraversal') return this.text(key);
    return this.stringPart(key);
  }

  private template(template: TemplateExpr): string {
    return this.parts(template.parts);
  }

  private parts(parts: TemplatePart[]): string {
    let out = '';
    for (const part of parts) out += this.part(part);
    return out;
  }

  private part(part: TemplatePart): string {
    switch (part.kind) {
      case 'templateLiteral':
        return escapeTemplate(part.value);
      case 'interpolation':
        return this.stringPart(part.expr);
      case 'templateIf': {
        const otherwise = part.elseParts === null ? '' : this.parts(part.elseParts);
        return `%{if ${this.text(part.condition)}}${this.parts(part.thenParts)}${otherwise === '' ? '' : `%{else}${otherwise}`}%{endif}`;
      }
      case 'templateFor': {
        const names = part.keyVar === null ? part.valueVar : `${part.keyVar}, ${part.valueVar}`;
        return `%{for ${names} in ${this.text(part.collection)}}${this.parts(part.parts)}%{endfor}`;
      }
    }
  }

  /** An expression inside a string: literals are converted, conditionals rendered as `%{if}`, others wrapped. */
  private stringPart(expr: Expression): string {
    switch (expr.kind) {
      case 'literal':
        if (typeof expr.value === 'number') return numberText(expr.raw ?? String(expr.value));
        return expr.value === null ? this.wrap(expr) : String(expr.value);
      case 'template': {
        const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
        if (only?.kind === 'interpolation') return this.stringPart(only.expr);
        return this.template(expr);
      }
      case 'conditional': {
        const otherwise = this.stringPart(expr.falseExpr);
        return `%{if ${this.text(expr.condition)}}${this.stringPart(expr.trueExpr)}${otherwise === '' ? '' : `%{else}${otherwise}`}%{endif}`;
      }
      default:
        return this.wrap(expr);
    }
  }

  private text(expr: Expression): string {
    return this.source.slice(expr.range.start.offset, expr.range.end.offset);
  }

  private wrap(expr: Expression): string {
    return `\${${this.text(expr)}}`;
  }
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Assignment that treats `__proto__` as an ordinary key. */
function setKey(out: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** In HCL JSON a string is a template, so literal `${` and `%{` must stay escaped. */
function escapeTemplate(value: string): string {
  if (!value.includes('{')) return value;
  return value.replace(/([$%])\{/g, '$1$1{');
}

/**
 * A number as cty converts it to a string: plain decimal notation without exponent, exactly as written
 * (`1.5e3` → `1500`, `0.10` → `0.1`).
 */
export function numberText(raw: string): string {
  const match = /^(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(raw);
  if (match === null) return raw;
  const exponent = Number(match[3] ?? '0');
  if (Math.abs(exponent) > 10_000) return String(Number(raw));
  let digits = match[1] + (match[2] ?? '');
  let point = match[1].length + exponent;
  const significant = digits.search(/[1-9]/);
  if (significant < 0) return '0';
  digits = digits.slice(significant);
  point -= significant;
  let end = digits.length;
  while (end > Math.max(point, 0) && digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}
