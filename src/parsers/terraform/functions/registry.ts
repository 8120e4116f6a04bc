import type { TypeSpec } from './types.js';
import { ConversionError, convert } from './types.js';
import type { TfValue } from './value.js';
import { FunctionError, containsUnknown, unknownOf } from './value.js';

export interface Param {
  name: string;
  type: TypeSpec;
  allowNull?: boolean;
}

export interface FunctionSpec {
  params: Param[];
  /** Parameter repeated for every argument after `params`. */
  varParam?: Param;
  /**
   * When false (the default) any unknown anywhere in the arguments makes the result unknown before
   * `impl` runs; functions that can still answer (length of a list of unknowns...) set it.
   */
  acceptsUnknown?: boolean;
  impl: (args: TfValue[]) => TfValue;
}

export type FunctionTable = Record<string, FunctionSpec>;

/** An error about one argument, worded as Terraform words it. */
export function argError(param: string, message: string): FunctionError {
  return new FunctionError(`invalid value for "${param}" parameter: ${message}`);
}

/** Checks arity, rejects nulls, converts each argument to its parameter type, then runs the function. */
export function invoke(name: string, spec: FunctionSpec, args: readonly TfValue[]): TfValue {
  try {
    const fixed = spec.params.length;
    if (args.length < fixed) {
      throw new FunctionError(
        `not enough function arguments; expects ${fixed} argument(s), missing value for "${spec.params[args.length].name}"`,
      );
    }
    if (!spec.varParam && args.length > fixed) {
      throw new FunctionError(`too many function arguments; expects only ${fixed} argument(s)`);
    }
    const converted = args.map((arg, i) => {
      const param = i < fixed ? spec.params[i] : spec.varParam!;
      if (arg === null && !param.allowNull) throw argError(param.name, 'argument must not be null');
      try {
        return convert(arg, param.type);
      } catch (error) {
        if (error instanceof ConversionError) throw argError(param.name, error.detail);
        throw error;
      }
    });
    if (!spec.acceptsUnknown && converted.some(containsUnknown)) return unknownOf(...converted);
    return spec.impl(converted);
  } catch (error) {
    if (error instanceof FunctionError) throw new FunctionError(`${name}: ${error.message}`);
    throw error;
  }
}
