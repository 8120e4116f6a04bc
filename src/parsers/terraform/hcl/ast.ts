/**
 * AST of the HCL native syntax (hashicorp/hcl `hclsyntax`).
 *
 * Positions: `line` and `column` are 1-based; `column` counts UTF-16 code units from the start of the
 * line (a tab is one column; a UTF-8 byte order mark at the start of the file is not counted).
 * `offset` is the 0-based UTF-16 index into the text given to `parseHcl`, so
 * `text.slice(range.start.offset, range.end.offset)` is a node's source.
 */
export interface Pos {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** Half-open: `end` is the position just after the node's last character. Ranges and positions are shared between nodes. */
export interface Range {
  readonly start: Pos;
  readonly end: Pos;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
  /** From `{` to `}` for a block body; the whole file for the top-level body. */
  range: Range;
}

export interface Attribute {
  name: string;
  nameRange: Range;
  expr: Expression;
  /** From the name to the end of the value. */
  range: Range;
}

export interface BlockLabel {
  value: string;
  /** Includes the quotes of a quoted label. */
  range: Range;
}

export interface Block {
  type: string;
  typeRange: Range;
  labels: BlockLabel[];
  body: Body;
  /** From the type to the closing brace. */
  range: Range;
}

export type Expression =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | ScopeTraversalExpr
  | RelativeTraversalExpr
  | IndexExpr
  | SplatExpr
  | SplatItemExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ForExpr
  | ParensExpr
  | InvalidExpr;

/** A number, `true`, `false` or `null`. Strings are templates. */
export interface LiteralExpr {
  kind: 'literal';
  value: number | boolean | null;
  /** Source text of a number (HCL numbers are arbitrary precision; `value` is the nearest double). */
  raw?: string;
  range: Range;
}

/**
 * A quoted string or heredoc. A template whose only part is one interpolation (`"${x}"`) evaluates to
 * that expression's value unconverted, as HCL's TemplateWrapExpr does; otherwise the result is a string.
 * Literal parts already have escapes decoded, strip markers (`~`) and `<<-` indentation applied.
 */
export interface TemplateExpr {
  kind: 'template';
  parts: TemplatePart[];
  heredoc?: { marker: string; flush: boolean };
  range: Range;
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateIf | TemplateFor;

export interface TemplateLiteral {
  kind: 'templateLiteral';
  value: string;
  range: Range;
}

/** `${expr}`; the range includes `${` and `}`. */
export interface TemplateInterpolation {
  kind: 'interpolation';
  expr: Expression;
  stripLeft: boolean;
  stripRight: boolean;
  range: Range;
}

/** `%{ if cond }...%{ else }...%{ endif }`; `elseParts` is null without an else clause. */
export interface TemplateIf {
  kind: 'templateIf';
  condition: Expression;
  thenParts: TemplatePart[];
  elseParts: TemplatePart[] | null;
  range: Range;
}

/** `%{ for k, v in coll }...%{ endfor }`; the rendered parts are joined. */
export interface TemplateFor {
  kind: 'templateFor';
  keyVar: string | null;
  valueVar: string;
  collection: Expression;
  parts: TemplatePart[];
  range: Range;
}

export interface TupleExpr {
  kind: 'tuple';
  items: Expression[];
  range: Range;
}

/**
 * A key that is a bare identifier (`scopeTraversal` without steps) names the attribute literally,
 * as HCL does; any other key, including a parenthesised one, is evaluated. See `objectKeyName`.
 */
export interface ObjectItem {
  key: Expression;
  value: Expression;
  range: Range;
}

export interface ObjectExpr {
  kind: 'object';
  items: ObjectItem[];
  range: Range;
}

export type TraversalStep =
  | { type: 'attr'; name: string; range: Range }
  | { type: 'index'; key: string | number | boolean | null; range: Range };

/** A variable reference: `var.x`, `aws_s3_bucket.b.arn`, `local.tags["env"]`, `a.0` (legacy index). */
export interface ScopeTraversalExpr {
  kind: 'scopeTraversal';
  root: string;
  rootRange: Range;
  steps: TraversalStep[];
  range: Range;
}

/** Attribute or constant-index steps applied to the result of another expression: `f(x).id`, `(a)[0]`. */
export interface RelativeTraversalExpr {
  kind: 'relativeTraversal';
  source: Expression;
  steps: TraversalStep[];
  range: Range;
}

/** An index whose key is not a constant: `a[var.i]`. */
export interface IndexExpr {
  kind: 'index';
  collection: Expression;
  key: Expression;
  range: Range;
}

/**
 * `src.*.a` (attrOnly) or `src[*].a[0]`. `each` is evaluated once per element of `source`, with the
 * element bound to the `splatItem` at its root.
 */
export interface SplatExpr {
  kind: 'splat';
  source: Expression;
  each: Expression;
  attrOnly: boolean;
  range: Range;
}

/** The element placeholder inside `SplatExpr.each`; its range is the `.*` or `[*]` marker. */
export interface SplatItemExpr {
  kind: 'splatItem';
  range: Range;
}

export interface FunctionCallExpr {
  kind: 'functionCall';
  /** Includes any namespace: `provider::aws::arn_parse`. */
  name: string;
  nameRange: Range;
  args: Expression[];
  /** The last argument is followed by `...` and is expanded into separate arguments. */
  expandFinal: boolean;
  range: Range;
}

export interface ConditionalExpr {
  kind: 'conditional';
  condition: Expression;
  trueExpr: Expression;
  falseExpr: Expression;
  range: Range;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOperator;
  left: Expression;
  right: Expression;
  range: Range;
}

export interface UnaryExpr {
  kind: 'unary';
  op: '-' | '!';
  operand: Expression;
  range: Range;
}

/** `[for k, v in coll : v if cond]` or `{for k, v in coll : k => v... if cond}`. */
export interface ForExpr {
  kind: 'for';
  isObject: boolean;
  keyVar: string | null;
  valueVar: string;
  collection: Expression;
  /** Only for object `for`. */
  keyExpr: Expression | null;
  valueExpr: Expression;
  condition: Expression | null;
  /** `...` after the value: group values with the same key into tuples. */
  group: boolean;
  range: Range;
}

export interface ParensExpr {
  kind: 'parens';
  expr: Expression;
  range: Range;
}

/** Placeholder for an expression that did not parse; a diagnostic was reported. */
export interface InvalidExpr {
  kind: 'invalid';
  range: Range;
}

/** The literal attribute name of an object item with a bare identifier key, else undefined. */
export function objectKeyName(item: ObjectItem): string | undefined {
  return item.key.kind === 'scopeTraversal' && item.key.steps.length === 0 ? item.key.root : undefined;
}
