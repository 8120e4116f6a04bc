import { describe, expect, it } from 'vitest';
import { formatNumber, parseNumber } from '../../../../src/parsers/terraform/functions/numbers.js';
import type { TfObject } from '../../../../src/parsers/terraform/functions/value.js';
import {
  Unknown,
  compareStrings,
  makeSet,
  setKey,
  sortedKeys,
  tfEquals,
  typeName,
  unknownOf,
} from '../../../../src/parsers/terraform/functions/value.js';

describe('values', () => {
  it('compares strings in code point order, as Go compares UTF-8 bytes', () => {
    const sorted = ['\u{1F600}', '\uFB01', 'b', 'a', 'B'].sort(compareStrings);
    expect(sorted).toEqual(['B', 'a', 'b', '\uFB01', '\u{1F600}']);
    expect(sortedKeys({ b: 1, a: 2, B: 3 })).toEqual(['B', 'a', 'b']);
  });

  it('orders sets as Terraform iterates them and drops duplicates', () => {
    expect(makeSet(['b', 'a', 'b', 'C'])).toEqual(['C', 'a', 'b']);
    expect(makeSet([10, 9, 10, -1])).toEqual([-1, 9, 10]);
    expect(makeSet([true, false, true])).toEqual([false, true]);
    expect(makeSet([{ a: 1 }, { a: 1 }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('keeps unknown set elements, after the known ones', () => {
    const unknown = new Unknown('later');
    expect(makeSet([unknown, 'a'])).toEqual(['a', unknown]);
  });

  it('compares values structurally, and unknown compares as unknown', () => {
    expect(tfEquals({ a: [1, 'x'] }, { a: [1, 'x'] })).toBe(true);
    expect(tfEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(tfEquals(1, '1')).toBe(false);
    expect(tfEquals(null, null)).toBe(true);
    expect(tfEquals([new Unknown('x')], [1])).toBeUndefined();
    expect(tfEquals([new Unknown('x'), 1], [1, 2])).toBe(false);
  });

  it('names value kinds as Terraform messages do', () => {
    expect([null, true, 1, 'a', [1], { a: 1 }, new Unknown('x')].map(typeName)).toEqual([
      'null', 'bool', 'number', 'string', 'tuple', 'object', 'unknown',
    ]);
  });

  it('summarises the unknowns inside values', () => {
    const a = new Unknown('a is unknown');
    const b = new Unknown('b is unknown');
    expect(unknownOf(['x', a], { k: a })).toBe(a);
    expect(unknownOf(a, [b]).reason).toBe('a is unknown; b is unknown');
  });

  it('sets keys that plain assignment would treat as the prototype', () => {
    const object: TfObject = {};
    setKey(object, '__proto__', 'data');
    expect(Object.keys(object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  });
});

describe('numbers as Terraform writes and reads them', () => {
  it.each([
    [0.1, '0.1'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [-0, '-0'],
    [123.456, '123.456'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('formats %s as %s', (n, text) => {
    expect(formatNumber(n)).toBe(text);
  });

  it.each([
    ['12', 12],
    ['1.', 1],
    ['.5', 0.5],
    ['+5', 5],
    ['1e3', 1000],
    ['Inf', Infinity],
    ['-inf', -Infinity],
    [' 12', undefined],
    ['0x10', undefined],
    ['1_000', undefined],
    ['NaN', undefined],
    ['', undefined],
  ])('parses %j as %s', (text, n) => {
    expect(parseNumber(text)).toBe(n);
  });
});
