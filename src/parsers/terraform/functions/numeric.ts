import type { FunctionTable } from './registry.js';
import { argError } from './registry.js';
import { ANY, NUMBER } from './types.js';
import type { TfValue } from './value.js';
import { FunctionError, typeName } from './value.js';

/** Terraform computes these in float64 and cannot hold NaN (it crashes); Evident reports an error instead. */
function finiteOrInfinite(result: number): number {
  if (Number.isNaN(result)) throw new FunctionError('the result is not a number (NaN)');
  return result + 0;
}

function numbersOf(args: TfValue[]): number[] {
  if (args.length === 0) throw new FunctionError('must pass at least one number');
  return args as number[];
}

/** big.Int.SetString digit values: 0-9, then a-z (10-35), then A-Z (36-61) above base 36, else case-insensitive. */
function digitValue(ch: string, base: number): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 10;
  if (code >= 65 && code <= 90) return base <= 36 ? code - 65 + 10 : code - 65 + 36;
  return Infinity;
}

function parseInteger(text: string, base: number): bigint | undefined {
  let digits = text;
  let negative = false;
  if (digits.startsWith('+') || digits.startsWith('-')) {
    negative = digits[0] === '-';
    digits = digits.slice(1);
  }
  if (digits === '') return undefined;
  let value = 0n;
  for (const ch of digits) {
    const digit = digitValue(ch, base);
    if (digit >= base) return undefined;
    value = value * BigInt(base) + BigInt(digit);
  }
  return negative ? -value : value;
}

export const numericFunctions: FunctionTable = {
  abs: {
    params: [{ name: 'num', type: NUMBER }],
    impl: ([num]) => Math.abs(num as number),
  },
  ceil: {
    params: [{ name: 'num', type: NUMBER }],
    impl: ([num]) => Math.ceil(num as number) + 0,
  },
  floor: {
    params: [{ name: 'num', type: NUMBER }],
    impl: ([num]) => Math.floor(num as number) + 0,
  },
  log: {
    params: [
      { name: 'num', type: NUMBER },
      { name: 'base', type: NUMBER },
    ],
    impl: ([num, base]) => finiteOrInfinite(Math.log(num as number) / Math.log(base as number)),
  },
  pow: {
    params: [
      { name: 'num', type: NUMBER },
      { name: 'power', type: NUMBER },
    ],
    impl: ([num, power]) => finiteOrInfinite((num as number) ** (power as number)),
  },
  signum: {
    params: [{ name: 'num', type: NUMBER }],
    impl: ([num]) => {
      const n = num as number;
      if (!Number.isInteger(n)) throw new FunctionError('value must be a whole number, between -9223372036854775808 and 9223372036854775807');
      return Math.sign(n) + 0;
    },
  },
  max: {
    params: [],
    varParam: { name: 'numbers', type: NUMBER },
    impl: (args) => Math.max(...numbersOf(args)),
  },
  min: {
    params: [],
    varParam: { name: 'numbers', type: NUMBER },
    impl: (args) => Math.min(...numbersOf(args)),
  },
  parseint: {
    params: [
      { name: 'number', type: ANY },
      { name: 'base', type: NUMBER },
    ],
    impl: ([number, base]) => {
      if (typeof number !== 'string') throw argError('number', `first argument must be a string, not ${typeName(number)}`);
      const radix = base as number;
      if (!Number.isInteger(radix)) {
        throw argError('base', 'value must be a whole number, between -9223372036854775808 and 9223372036854775807');
      }
      if (radix < 2 || radix > 62) throw argError('base', 'base must be a whole number between 2 and 62 inclusive');
      const parsed = parseInteger(number, radix);
      if (parsed === undefined) throw argError('number', `cannot parse ${JSON.stringify(number)} as a base ${radix} integer`);
      return Number(parsed);
    },
  },
};
