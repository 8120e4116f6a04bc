import type { Expression, ScopeTraversalExpr, TemplatePart } from './ast.js';
import { objectKeyName } from './ast.js';

/**
 * Every variable reference in an expression, in source order: the scope traversals an evaluator must
 * resolve (`var.x`, `aws_s3_bucket.b.arn`, `local.tags["env"]`). Names bound by an enclosing `for`
 * expression or `%{for}` directive and literal object keys (`{ name = … }`) are not references.
 */
export function references(expr: Expression): ScopeTraversalExpr[] {
  const out: ScopeTraversalExpr[] = [];
  collect(expr, new Set(), out);
  return out;
}

function collect(expr: Expression, bound: ReadonlySet<string>, out: ScopeTraversalExpr[]): void {
  switch (expr.kind) {
    case 'scopeTraversal':
      if (!bound.has(expr.root)) out.push(expr);
      return;
    case 'literal':
    case 'splatItem':
    case 'invalid':
      return;
    case 'template':
      collectParts(expr.parts, bound, out);
      return;
    case 'tuple':
      for (const item of expr.items) collect(item, bound, out);
      return;
    case 'object':
      for (const item of expr.items) {
        if (objectKeyName(item) === undefined) collect(item.key, bound, out);
        collect(item.value, bound, out);
      }
      return;
    case 'relativeTraversal':
      collect(expr.source, bound, out);
      return;
    case 'index':
      collect(expr.collection, bound, out);
      collect(expr.key, bound, out);
      return;
    case 'splat':
      collect(expr.source, bound, out);
      collect(expr.each, bound, out);
      return;
    case 'functionCall':
      for (const arg of expr.args) collect(arg, bound, out);
      return;
    case 'conditional':
      collect(expr.condition, bound, out);
      collect(expr.trueExpr, bound, out);
      collect(expr.falseExpr, bound, out);
      return;
    case 'binary':
      collect(expr.left, bound, out);
      collect(expr.right, bound, out);
      return;
    case 'unary':
      collect(expr.operand, bound, out);
      return;
    case 'parens':
      collect(expr.expr, bound, out);
      return;
    case 'for': {
      collect(expr.collection, bound, out);
      const inner = withNames(bound, expr.keyVar, expr.valueVar);
      if (expr.keyExpr !== null) collect(expr.keyExpr, inner, out);
      collect(expr.valueExpr, inner, out);
      if (expr.condition !== null) collect(expr.condition, inner, out);
      return;
    }
  }
}

function collectParts(parts: TemplatePart[], bound: ReadonlySet<string>, out: ScopeTraversalExpr[]): void {
  for (const part of parts) {
    switch (part.kind) {
      case 'templateLiteral':
        break;
      case 'interpolation':
        collect(part.expr, bound, out);
        break;
      case 'templateIf':
        collect(part.condition, bound, out);
        collectParts(part.thenParts, bound, out);
        if (part.elseParts !== null) collectParts(part.elseParts, bound, out);
        break;
      case 'templateFor':
        collect(part.collection, bound, out);
        collectParts(part.parts, withNames(bound, part.keyVar, part.valueVar), out);
        break;
    }
  }
}

function withNames(bound: ReadonlySet<string>, keyVar: string | null, valueVar: string): ReadonlySet<string> {
  const inner = new Set(bound);
  if (keyVar !== null) inner.add(keyVar);
  inner.add(valueVar);
  return inner;
}
