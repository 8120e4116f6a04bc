import { expect, it } from 'vitest';
import { FunctionError, Unknown, callFunction } from '../../../../src/parsers/terraform/functions/index.js';
import type { TfValue } from '../../../../src/parsers/terraform/functions/index.js';

/** What a call should give: a value, an error message, or an Unknown whose reason contains `unknown`. */
export type Expected = { value: TfValue } | { error: string } | { unknown: string };
export type Case = [name: string, args: TfValue[], expected: Expected];

/** The message of the FunctionError `run` throws; fails the test when it throws nothing or something else. */
export function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof FunctionError) return error.message;
    throw error;
  }
  throw new Error('expected a FunctionError, but the call succeeded');
}

export function check(name: string, args: TfValue[], expected: Expected): void {
  if ('error' in expected) {
    expect(errorOf(() => callFunction(name, args))).toBe(expected.error);
  } else if ('unknown' in expected) {
    const result = callFunction(name, args);
    expect(result).toBeInstanceOf(Unknown);
    expect((result as Unknown).reason).toContain(expected.unknown);
  } else {
    expect(callFunction(name, args)).toEqual(expected.value);
  }
}

/** One test per case, named like the call. */
export function runCases(cases: Case[]): void {
  it.each(cases)('%s %j', (name, args, expected) => check(name, args, expected));
}
