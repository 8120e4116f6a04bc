import type { FunctionSpec, FunctionTable } from './registry.js';
import { argError } from './registry.js';
import type { TypeSpec } from './types.js';
import { ANY, BOOL, ConversionError, NUMBER, STRING, convert, friendlyName, friendlyTypeName, listOf, mapOf, mismatchMessage, setOf, typeOf } from './types.js';
import { Unknown } from './value.js';

/** Terraform's `to*` functions: a type-level check, then conversion with Terraform's specialised errors. */
function makeToFunction(want: TypeSpec): FunctionSpec {
  return {
    params: [{ name: 'v', type: ANY, allowNull: true }],
    acceptsUnknown: true,
    impl: ([value]) => {
      if (value instanceof Unknown) return value;
      const got = typeOf(value);
      const mismatch = mismatchMessage(got, want);
      if (mismatch !== undefined) {
        if (got.kind === 'object' && want.kind === 'object') {
          throw argError('v', `incompatible object type for conversion: ${mismatch}`);
        }
        throw argError('v', `cannot convert ${friendlyTypeName(got)} to ${friendlyName(want)}`);
      }
      try {
        return convert(value, want);
      } catch (error) {
        if (!(error instanceof ConversionError)) throw error;
        if (typeof value === 'string' && want.kind === 'bool') {
          throw argError('v', `cannot convert ${JSON.stringify(value)} to bool; only the strings "true" or "false" are allowed`);
        }
        if (typeof value === 'string' && want.kind === 'number') {
          throw argError('v', `cannot convert ${JSON.stringify(value)} to number; given string must be a decimal representation of a number`);
        }
        throw argError('v', error.detail);
      }
    },
  };
}

const identity: FunctionSpec = {
  params: [{ name: 'value', type: ANY, allowNull: true }],
  acceptsUnknown: true,
  impl: ([value]) => value,
};

export const conversionFunctions: FunctionTable = {
  tobool: makeToFunction(BOOL),
  tonumber: makeToFunction(NUMBER),
  tostring: makeToFunction(STRING),
  tolist: makeToFunction(listOf(ANY)),
  toset: makeToFunction(setOf(ANY)),
  tomap: makeToFunction(mapOf(ANY)),
  // Evident tracks sensitivity outside values, so these pass values through unchanged.
  sensitive: identity,
  nonsensitive: identity,
  ephemeralasnull: identity,
  issensitive: {
    params: [{ name: 'value', type: ANY, allowNull: true }],
    acceptsUnknown: true,
    impl: () => new Unknown('issensitive() depends on sensitivity marks, which Evident does not track in values'),
  },
};
