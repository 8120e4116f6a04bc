import type { Expression } from './hcl/index.js';
import { objectKeyName } from './hcl/index.js';
import { ANY, BOOL, NUMBER, STRING, type ObjectAttribute, type TypeSpec } from './functions/types.js';
import { EvalError, type Evaluator } from './evaluate.js';

const PRIMITIVES: Record<string, TypeSpec> = { string: STRING, number: NUMBER, bool: BOOL, any: ANY };

/** Reads a variable's `type` expression (`list(string)`, `object({a = optional(number, 1)})`) into a TypeSpec. */
export function typeConstraint(expr: Expression, evaluator: Evaluator): TypeSpec {
  if (expr.kind === 'scopeTraversal' && expr.steps.length === 0 && PRIMITIVES[expr.root]) return PRIMITIVES[expr.root];
  if (expr.kind === 'functionCall') {
    const [first, second] = expr.args;
    switch (expr.name) {
      case 'list':
      case 'set':
      case 'map':
        if (expr.args.length === 1) return { kind: expr.name, element: typeConstraint(first, evaluator) };
        break;
      case 'tuple':
        if (first?.kind === 'tuple') return { kind: 'tuple', elements: first.items.map((item) => typeConstraint(item, evaluator)) };
        break;
      case 'object': {
        if (first?.kind !== 'object') break;
        const attributes: Record<string, ObjectAttribute> = {};
        for (const item of first.items) {
          const name = objectKeyName(item) ?? (item.key.kind === 'template' && item.key.parts[0]?.kind === 'templateLiteral' ? item.key.parts[0].value : undefined);
          if (name === undefined) throw new EvalError('Object type attribute names must be identifiers', item.key.range);
          const value = item.value;
          if (value.kind === 'functionCall' && value.name === 'optional') {
            const attribute: ObjectAttribute = { type: typeConstraint(value.args[0], evaluator), optional: true };
            if (value.args.length > 1) attribute.default = evaluator.evaluate(value.args[1]);
            attributes[name] = attribute;
          } else attributes[name] = { type: typeConstraint(value, evaluator), optional: false };
        }
        return { kind: 'object', attributes };
      }
      default:
        break;
    }
    if (second !== undefined || first === undefined) throw new EvalError(`Invalid type specification: ${expr.name}(...)`, expr.range);
  }
  throw new EvalError('Invalid type specification: expected a type such as string, list(string) or object({...})', expr.range);
}
