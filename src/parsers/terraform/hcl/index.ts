export type * from './ast.js';
export { objectKeyName } from './ast.js';
export { parseHcl, MAX_NESTING } from './parser.js';
export type { ParseResult } from './parser.js';
export { references } from './references.js';
export { toJsonProjection } from './json-projection.js';
