import { describe, expect, it } from 'vitest';
import { Unknown, callFunction, containsUnknown, isUnknown } from '../../../../src/parsers/terraform/functions/index.js';
import type { TfValue } from '../../../../src/parsers/terraform/functions/index.js';

const id = new Unknown('aws_vpc.main.id is only known after apply');
const arn = new Unknown('aws_iam_role.r.arn is only known after apply');

function reasonOf(value: TfValue): string {
  expect(value).toBeInstanceOf(Unknown);
  return (value as Unknown).reason;
}

describe('unknown propagation', () => {
  it('makes a function result unknown when any argument is unknown', () => {
    expect(callFunction('upper', [id])).toBe(id);
    expect(callFunction('cidrsubnet', ['10.0.0.0/16', 8, id])).toBe(id);
    expect(callFunction('join', [',', ['a', id]])).toBe(id);
    expect(callFunction('jsonencode', [{ nested: [id] }])).toBe(id);
  });

  it('merges the distinct reasons of several unknowns', () => {
    expect(reasonOf(callFunction('format', ['%s-%s', id, arn]))).toBe(`${id.reason}; ${arn.reason}`);
    expect(reasonOf(callFunction('format', ['%s-%s', id, id]))).toBe(id.reason);
  });

  it('still knows what Terraform knows despite unknown elements', () => {
    expect(callFunction('length', [[id, arn, 'x']])).toBe(3);
    expect(callFunction('length', [{ a: id }])).toBe(1);
    expect(callFunction('keys', [{ b: id, a: arn }])).toEqual(['a', 'b']);
    expect(callFunction('values', [{ b: id, a: 'x' }])).toEqual(['x', id]);
    expect(callFunction('element', [['a', id], 0])).toBe('a');
    expect(callFunction('element', [['a', id], 1])).toBe(id);
    expect(callFunction('slice', [['a', id, 'c'], 1, 3])).toEqual([id, 'c']);
    expect(callFunction('reverse', [[id, 'b']])).toEqual(['b', id]);
    expect(callFunction('one', [[id]])).toBe(id);
    expect(callFunction('chunklist', [[id, 'b', 'c'], 2])).toEqual([[id, 'b'], ['c']]);
  });

  it('keeps unknown elements inside concat and merge', () => {
    expect(callFunction('concat', [['a'], [id]])).toEqual(['a', id]);
    expect(callFunction('merge', [{ a: 1, b: 2 }, { b: id }])).toEqual({ a: 1, b: id });
    expect(callFunction('concat', [['a'], id])).toBe(id);
    expect(callFunction('merge', [{ a: 1 }, arn])).toBe(arn);
  });

  it('lets coalesce answer from an earlier known argument', () => {
    expect(callFunction('coalesce', ['', 'first', id])).toBe('first');
    expect(callFunction('coalesce', [null, id, 'later'])).toBe(id);
    expect(callFunction('coalescelist', [['a'], id])).toEqual(['a']);
    expect(callFunction('coalescelist', [[], id, ['b']])).toBe(id);
  });

  it('decides alltrue, anytrue and contains when a known element settles it', () => {
    expect(callFunction('alltrue', [[false, id]])).toBe(false);
    expect(callFunction('alltrue', [[true, id]])).toBe(id);
    expect(callFunction('anytrue', [[id, true]])).toBe(true);
    expect(callFunction('anytrue', [[id, false]])).toBe(id);
    expect(callFunction('contains', [[id, 'x'], 'x'])).toBe(true);
    expect(reasonOf(callFunction('contains', [[id, 'x'], 'y']))).toBe(id.reason);
  });

  it('answers lookup from a default only when the whole map is known', () => {
    expect(callFunction('lookup', [{ a: 'x' }, 'b', id])).toBe(id);
    expect(callFunction('lookup', [{ a: id }, 'a'])).toBe(id);
    expect(callFunction('lookup', [{ a: 'x', b: id }, 'a'])).toBe(id);
  });

  it('converts lists keeping unknown elements', () => {
    expect(callFunction('tolist', [[id, 1]])).toEqual([id, 1]);
    expect(callFunction('tostring', [id])).toBe(id);
    expect(callFunction('toset', [['b', id, 'a', 'b']])).toEqual(['a', 'b', id]);
  });

  it('formats each formatlist element on its own', () => {
    expect(callFunction('formatlist', ['%s!', ['a', id]])).toEqual(['a!', id]);
    expect(callFunction('formatlist', ['%s!', id])).toBe(id);
  });

  it('reports values only known after apply', () => {
    expect(reasonOf(callFunction('timestamp', []))).toBe('timestamp() is only known after apply');
    expect(reasonOf(callFunction('uuid', []))).toBe('uuid() is only known after apply');
    expect(reasonOf(callFunction('bcrypt', ['secret', 10]))).toContain('bcrypt()');
    expect(reasonOf(callFunction('plantimestamp', []))).toContain('plantimestamp()');
  });

  it('checks arguments even of functions whose result is unknown', () => {
    expect(() => callFunction('timestamp', ['x'])).toThrow('timestamp: too many function arguments; expects only 0 argument(s)');
    expect(() => callFunction('bcrypt', [])).toThrow('bcrypt: not enough function arguments');
  });

  it('treats provider-defined functions as unknown', () => {
    expect(reasonOf(callFunction('provider::aws::arn_parse', ['arn:aws:iam::1:role/x']))).toBe(
      'provider function provider::aws::arn_parse() is evaluated by its provider',
    );
  });

  it('detects unknowns anywhere in a value', () => {
    expect(isUnknown(id)).toBe(true);
    expect(isUnknown({ a: id })).toBe(false);
    expect(containsUnknown({ a: [1, { b: id }] })).toBe(true);
    expect(containsUnknown({ a: [1, { b: 'x' }] })).toBe(false);
  });
});
