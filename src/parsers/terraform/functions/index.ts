/**
 * Terraform's built-in functions over Evident's TfValue. `can` and `try` are not here: they need
 * lazy evaluation of their arguments, which the evaluator does. Nor are the file-reading functions,
 * which need a reader (see makeFileFunctions).
 */
import { cidrFunctions } from './cidr.js';
import { collectionFunctions } from './collection.js';
import { conversionFunctions } from './conversion.js';
import { cryptoFunctions } from './crypto.js';
import { datetimeFunctions } from './datetime.js';
import { encodingFunctions } from './encoding.js';
import { pathFunctions } from './filesystem.js';
import { formatFunctions } from './format.js';
import { numericFunctions } from './numeric.js';
import type { FunctionTable } from './registry.js';
import { invoke } from './registry.js';
import { stringFunctions } from './strings.js';
import { templateFunctions } from './template.js';
import type { TfValue } from './value.js';
import { FunctionError, Unknown } from './value.js';

const FUNCTIONS: FunctionTable = {
  ...numericFunctions,
  ...stringFunctions,
  ...formatFunctions,
  ...templateFunctions,
  ...collectionFunctions,
  ...encodingFunctions,
  ...cryptoFunctions,
  ...datetimeFunctions,
  ...cidrFunctions,
  ...conversionFunctions,
  ...pathFunctions,
};

const CORE_PREFIX = 'core::';

function builtinName(name: string): string {
  return name.startsWith(CORE_PREFIX) ? name.slice(CORE_PREFIX.length) : name;
}

const isProviderFunction = (name: string): boolean => name.startsWith('provider::');

/** Whether `name` is a function callFunction knows (including `core::` names and any provider function). */
export function hasFunction(name: string): boolean {
  return isProviderFunction(name) || Object.hasOwn(FUNCTIONS, builtinName(name));
}

/**
 * Calls a Terraform function. Throws FunctionError (message `name: detail`) for an invalid call;
 * returns an Unknown when Terraform would only know the result later or Evident cannot compute it.
 */
export function callFunction(name: string, args: readonly TfValue[]): TfValue {
  if (isProviderFunction(name)) return new Unknown(`provider function ${name}() is evaluated by its provider`);
  const builtin = builtinName(name);
  if (!Object.hasOwn(FUNCTIONS, builtin)) throw new FunctionError(`call to unknown function "${name}"`);
  return invoke(builtin, FUNCTIONS[builtin], args);
}

/** Names of every built-in function callFunction implements, sorted. */
export function functionNames(): string[] {
  return Object.keys(FUNCTIONS).sort();
}

export { FunctionError, Unknown, containsUnknown, isUnknown } from './value.js';
export type { TfObject, TfValue } from './value.js';
export { makeFileFunctions } from './filesystem.js';
export type { FileFunctions, FileReader } from './filesystem.js';
export { convert } from './types.js';
export type { TypeSpec } from './types.js';
