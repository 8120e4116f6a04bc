import type { Expression, Range, TemplatePart, TraversalStep } from './hcl/index.js';
import { objectKeyName } from './hcl/index.js';
import { callFunction, hasFunction } from './functions/index.js';
import { formatNumber, parseNumber } from './functions/numbers.js';
import { FunctionError, isTfObject, setKey, sortedKeys, tfEquals, typeName, Unknown, unknownOf, type TfObject, type TfValue } from './functions/value.js';

/** A configuration error at a source range; attribute evaluation turns it into a diagnostic and an unknown value. */
export class EvalError extends Error {
  readonly range: Range;
  constructor(message: string, range: Range) {
    super(message);
    this.range = range;
  }
}

/** Objects standing for a resource or data source: attributes not in its configuration are computed, hence unknown. */
const computedObjects = new WeakMap<object, string>();

export function markComputed<T extends TfObject>(object: T, address: string): T {
  computedObjects.set(object, address);
  return object;
}

/** What names in expressions resolve to; the module instance supplies it. */
export interface Resolver {
  /** Value of a root name with its first steps consumed as needed; returns the value and how many steps it used. */
  resolve(root: string, steps: readonly TraversalStep[], range: Range): { value: TfValue; used: number };
  /** Functions that read files, bound to the module's directory. */
  fileFunction?(name: string, args: TfValue[]): TfValue | undefined;
}

export function toTemplateString(value: TfValue, range: Range): string | Unknown {
  if (value instanceof Unknown) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) throw new EvalError('Invalid template interpolation value: the expression result is null', range);
  throw new EvalError(`Invalid template interpolation value: cannot include a ${typeName(value)} value in a string template`, range);
}

export function getAttribute(value: TfValue, name: string, range: Range): TfValue {
  if (value instanceof Unknown) return value;
  if (value === null) throw new EvalError(`Attempt to get attribute "${name}" from a null value`, range);
  if (isTfObject(value)) {
    const address = computedObjects.get(value);
    // An optional attribute left null in configuration is computed by the provider: unknown until apply, not null.
    if (address !== undefined && (!Object.hasOwn(value, name) || value[name] === null)) return new Unknown(`${address}.${name} is known only after apply`);
    if (Object.hasOwn(value, name)) return value[name];
    throw new EvalError(`This object does not have an attribute named "${name}"`, range);
  }
  if (Array.isArray(value) && /^\d+$/.test(name)) return getIndex(value, Number(name), range);
  throw new EvalError(`Unsupported attribute: cannot access "${name}" on a ${typeName(value)} value`, range);
}

export function getIndex(value: TfValue, key: TfValue, range: Range): TfValue {
  if (value instanceof Unknown) return value;
  if (key instanceof Unknown) return new Unknown(`index ${key.reason}`);
  if (value === null) throw new EvalError('Attempt to index a null value', range);
  if (Array.isArray(value)) {
    const index = typeof key === 'string' ? parseNumber(key) : key;
    if (typeof index !== 'number' || !Number.isInteger(index)) throw new EvalError(`Invalid index: a ${typeName(key)} cannot index a list`, range);
    if (index < 0 || index >= value.length) throw new EvalError(`Invalid index: the given key ${index} is out of range (length ${value.length})`, range);
    return value[index];
  }
  if (isTfObject(value)) {
    const name = typeof key === 'number' ? formatNumber(key) : typeof key === 'boolean' ? String(key) : key;
    if (typeof name !== 'string') throw new EvalError(`Invalid index: a ${typeName(key)} cannot index a map`, range);
    if (Object.hasOwn(value, name)) return value[name];
    const address = computedObjects.get(value);
    if (address !== undefined) return new Unknown(`${address}["${name}"] is known only after apply`);
    throw new EvalError(`Invalid index: the given key "${name}" does not exist`, range);
  }
  throw new EvalError(`Invalid index: a ${typeName(value)} value cannot be indexed`, range);
}

export function applySteps(value: TfValue, steps: readonly TraversalStep[]): TfValue {
  let current = value;
  for (const step of steps) current = step.type === 'attr' ? getAttribute(current, step.name, step.range) : getIndex(current, step.key, step.range);
  return current;
}

function toBool(value: TfValue, range: Range, what: string): boolean | Unknown {
  if (value instanceof Unknown || typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new EvalError(`${what} must be a bool, got ${typeName(value)}`, range);
}

function toNumber(value: TfValue, range: Range): number | Unknown {
  if (value instanceof Unknown || typeof value === 'number') return value;
  if (typeof value === 'string') {
    const parsed = parseNumber(value);
    if (parsed !== undefined) return parsed;
  }
  throw new EvalError(`Unsuitable value: a number is required, got ${typeName(value)}`, range);
}

/** Iteration order of a for-expression or for_each: lists by index, maps and objects by key. */
export function entries(collection: TfValue, range: Range): [TfValue, TfValue][] {
  if (Array.isArray(collection)) return collection.map((item, index) => [index, item]);
  if (isTfObject(collection)) return sortedKeys(collection).map((key) => [key, collection[key]]);
  throw new EvalError(`A for expression needs a list, set, map or object, got ${typeName(collection)}`, range);
}

const MAX_DEPTH = 256;

/** Evaluates HCL expressions against a module instance's names; local symbols (for, splat, dynamic) stack on top. */
export class Evaluator {
  private readonly resolver: Resolver;
  private readonly locals: Map<string, TfValue>[] = [];
  private readonly splatItems: TfValue[] = [];
  private depth = 0;

  constructor(resolver: Resolver) {
    this.resolver = resolver;
  }

  /** Evaluates with extra names bound (count, each, iterator variables). */
  withLocals<T>(names: Record<string, TfValue>, body: () => T): T {
    this.locals.push(new Map(Object.entries(names)));
    try {
      return body();
    } finally {
      this.locals.pop();
    }
  }

  private local(name: string): TfValue | undefined {
    for (let i = this.locals.length - 1; i >= 0; i--) {
      const scope = this.locals[i];
      if (scope.has(name)) return scope.get(name);
    }
    return undefined;
  }

  evaluate(expr: Expression): TfValue {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      throw new EvalError(`expression nested deeper than ${MAX_DEPTH} levels`, expr.range);
    }
    try {
      return this.evaluateNode(expr);
    } finally {
      this.depth--;
    }
  }

  private evaluateNode(expr: Expression): TfValue {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'template':
        return this.template(expr.parts, true);
      case 'tuple':
        return expr.items.map((item) => this.evaluate(item));
      case 'object': {
        const out: TfObject = {};
        for (const item of expr.items) {
          const literal = objectKeyName(item);
          const key = literal ?? this.evaluate(item.key);
          if (key instanceof Unknown) return new Unknown(`object key ${key.reason}`);
          const name = toTemplateString(key, item.key.range);
          if (name instanceof Unknown) return name;
          setKey(out, name, this.evaluate(item.value));
        }
        return out;
      }
      case 'scopeTraversal': {
        const local = this.local(expr.root);
        if (local !== undefined || this.locals.some((scope) => scope.has(expr.root))) return applySteps(local ?? null, expr.steps);
        const { value, used } = this.resolver.resolve(expr.root, expr.steps, expr.range);
        return applySteps(value, expr.steps.slice(used));
      }
      case 'relativeTraversal':
        return applySteps(this.evaluate(expr.source), expr.steps);
      case 'index':
        return getIndex(this.evaluate(expr.collection), this.evaluate(expr.key), expr.range);
      case 'splat':
        return this.splat(expr.source, expr.each);
      case 'splatItem':
        return this.splatItems[this.splatItems.length - 1] ?? null;
      case 'functionCall':
        return this.call(expr.name, expr.args, expr.expandFinal, expr.range);
      case 'conditional': {
        const condition = toBool(this.evaluate(expr.condition), expr.condition.range, 'The condition');
        if (condition instanceof Unknown) return new Unknown(`condition ${condition.reason}`);
        return this.evaluate(condition ? expr.trueExpr : expr.falseExpr);
      }
      case 'binary':
        return this.binary(expr.op, expr.left, expr.right, expr.range);
      case 'unary': {
        const operand = this.evaluate(expr.operand);
        if (expr.op === '!') {
          const value = toBool(operand, expr.range, 'The operand of !');
          return value instanceof Unknown ? value : !value;
        }
        const value = toNumber(operand, expr.range);
        return value instanceof Unknown ? value : -value;
      }
      case 'for':
        return this.forExpression(expr);
      case 'parens':
        return this.evaluate(expr.expr);
      case 'invalid':
        return new Unknown('the expression could not be parsed');
    }
  }

  private template(parts: readonly TemplatePart[], whole: boolean): TfValue {
    if (whole && parts.length === 1 && parts[0].kind === 'interpolation') return this.evaluate(parts[0].expr);
    let out = '';
    for (const part of parts) {
      let piece: string | Unknown;
      switch (part.kind) {
        case 'templateLiteral':
          piece = part.value;
          break;
        case 'interpolation':
          piece = toTemplateString(this.evaluate(part.expr), part.range);
          break;
        case 'templateIf': {
          const condition = toBool(this.evaluate(part.condition), part.condition.range, 'The template condition');
          if (condition instanceof Unknown) return condition;
          const chosen = condition ? part.thenParts : part.elseParts ?? [];
          const value = this.template(chosen, false);
          piece = value instanceof Unknown ? value : String(value);
          break;
        }
        case 'templateFor': {
          const collection = this.evaluate(part.collection);
          if (collection instanceof Unknown) return collection;
          let joined = '';
          for (const [key, value] of entries(collection, part.collection.range)) {
            const names: Record<string, TfValue> = { [part.valueVar]: value };
            if (part.keyVar !== null) names[part.keyVar] = key;
            const rendered = this.withLocals(names, () => this.template(part.parts, false));
            if (rendered instanceof Unknown) return rendered;
            joined += String(rendered);
          }
          piece = joined;
          break;
        }
      }
      if (piece instanceof Unknown) return new Unknown(`template ${piece.reason}`);
      out += piece;
    }
    return out;
  }

  private splat(source: Expression, each: Expression): TfValue {
    const value = this.evaluate(source);
    if (value instanceof Unknown) return value;
    if (value === null) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => {
      this.splatItems.push(item);
      try {
        return this.evaluate(each);
      } finally {
        this.splatItems.pop();
      }
    });
  }

  private binary(op: string, leftExpr: Expression, rightExpr: Expression, range: Range): TfValue {
    if (op === '&&' || op === '||') {
      const left = toBool(this.evaluate(leftExpr), leftExpr.range, `The left operand of ${op}`);
      const right = toBool(this.evaluate(rightExpr), rightExpr.range, `The right operand of ${op}`);
      const decisive = op === '&&' ? false : true;
      if (left === decisive || right === decisive) return decisive;
      if (left instanceof Unknown || right instanceof Unknown) return unknownOf(left, right);
      return !decisive;
    }
    const left = this.evaluate(leftExpr);
    const right = this.evaluate(rightExpr);
    if (op === '==' || op === '!=') {
      const equal = tfEquals(left, right);
      if (equal === undefined) return unknownOf(left, right);
      return op === '==' ? equal : !equal;
    }
    const a = toNumber(left, leftExpr.range);
    const b = toNumber(right, rightExpr.range);
    if (a instanceof Unknown || b instanceof Unknown) return unknownOf(a, b);
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) throw new EvalError('Division by zero', range);
        return a / b;
      case '%':
        if (b === 0) throw new EvalError('Modulo by zero', range);
        return a % b;
      case '<':
        return a < b;
      case '>':
        return a > b;
      case '<=':
        return a <= b;
      case '>=':
        return a >= b;
      default:
        throw new EvalError(`unsupported operator ${op}`, range);
    }
  }

  private forExpression(expr: Extract<Expression, { kind: 'for' }>): TfValue {
    const collection = this.evaluate(expr.collection);
    if (collection instanceof Unknown) return collection;
    const tuple: TfValue[] = [];
    const object: TfObject = {};
    const grouped = new Map<string, TfValue[]>();
    for (const [key, value] of entries(collection, expr.collection.range)) {
      const names: Record<string, TfValue> = { [expr.valueVar]: value };
      if (expr.keyVar !== null) names[expr.keyVar] = key;
      const stop = this.withLocals(names, () => {
        if (expr.condition !== null) {
          const keep = toBool(this.evaluate(expr.condition), expr.condition.range, 'The for condition');
          if (keep instanceof Unknown) return keep;
          if (!keep) return undefined;
        }
        if (!expr.isObject) {
          tuple.push(this.evaluate(expr.valueExpr));
          return undefined;
        }
        const keyValue = this.evaluate(expr.keyExpr as Expression);
        if (keyValue instanceof Unknown) return keyValue;
        const name = toTemplateString(keyValue, (expr.keyExpr as Expression).range);
        if (name instanceof Unknown) return name;
        const item = this.evaluate(expr.valueExpr);
        if (expr.group) grouped.set(name, [...(grouped.get(name) ?? []), item]);
        else if (Object.hasOwn(object, name)) throw new EvalError(`Duplicate object key "${name}"; add "..." after the value to group them`, expr.range);
        else setKey(object, name, item);
        return undefined;
      });
      if (stop instanceof Unknown) return new Unknown(`for expression ${stop.reason}`);
    }
    if (!expr.isObject) return tuple;
    if (expr.group) for (const [name, items] of grouped) setKey(object, name, items);
    return object;
  }

  private call(name: string, argExprs: readonly Expression[], expandFinal: boolean, range: Range): TfValue {
    if (name === 'try') {
      for (const arg of argExprs) {
        try {
          return this.evaluate(arg);
        } catch (error) {
          if (!(error instanceof EvalError) && !(error instanceof FunctionError)) throw error;
        }
      }
      throw new EvalError('Call to function "try" failed: no expression succeeded', range);
    }
    if (name === 'can') {
      if (argExprs.length !== 1) throw new EvalError('can: exactly one argument is required', range);
      try {
        const value = this.evaluate(argExprs[0]);
        return value instanceof Unknown ? value : true;
      } catch (error) {
        if (!(error instanceof EvalError) && !(error instanceof FunctionError)) throw error;
        return false;
      }
    }
    let args = argExprs.map((arg) => this.evaluate(arg));
    if (expandFinal && args.length > 0) {
      const last = args[args.length - 1];
      if (last instanceof Unknown) return last;
      if (!Array.isArray(last)) throw new EvalError('Invalid expanding argument value: the final argument must be a list, set or tuple', range);
      args = [...args.slice(0, -1), ...last];
    }
    if (name.includes('::')) return new Unknown(`provider function ${name}() is evaluated by its provider`);
    try {
      const fromFile = this.resolver.fileFunction?.(name, args);
      if (fromFile !== undefined) return fromFile;
      if (!hasFunction(name)) throw new EvalError(`Call to unknown function "${name}"`, range);
      return callFunction(name, args);
    } catch (error) {
      if (error instanceof FunctionError) {
        const detail = error.message.startsWith(`${name}: `) ? error.message.slice(name.length + 2) : error.message;
        throw new EvalError(`Call to function "${name}" failed: ${detail}`, range);
      }
      throw error;
    }
  }
}

export { Unknown, isTfObject, type TfValue, type TfObject };
