import { describe, expect, it } from 'vitest';
import { redact, secretList } from '../../src/model/index.js';

describe('redact', () => {
  const secrets = secretList(['hunter22', 'hunter22-extended', 'short']);

  it('replaces every occurrence in values and keys, the longest secret first', () => {
    const input = { a: 'pw=hunter22-extended;again hunter22', list: ['x', { hunter22: 'y' }], n: 1, ok: true, nothing: null };
    expect(redact(input, secrets)).toEqual({ a: 'pw=[REDACTED];again [REDACTED]', list: ['x', { '[REDACTED]': 'y' }], n: 1, ok: true, nothing: null });
  });

  it('never changes its input and returns untouched parts as they are', () => {
    const clean = { deep: { list: ['a', 'b'] } };
    const input = { clean, dirty: { value: 'hunter22' }, list: [clean, 'hunter22'] };
    const snapshot = structuredClone(input);
    const output = redact(input, secrets);
    expect(input).toEqual(snapshot);
    expect(output.clean).toBe(clean);
    expect(output.list[0]).toBe(clean);
    expect(output.dirty).toEqual({ value: '[REDACTED]' });
    expect(redact(clean, secrets)).toBe(clean);
  });

  it('keeps a key named __proto__ as data, in its place', () => {
    const input = JSON.parse('{"first": "hunter22", "__proto__": {"polluted": true}, "last": 1}') as Record<string, unknown>;
    const output = redact(input, secrets);
    expect(Object.keys(output)).toEqual(['first', '__proto__', 'last']);
    expect(JSON.stringify(output)).toBe('{"first":"[REDACTED]","__proto__":{"polluted":true},"last":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores values too short to be told from ordinary text', () => {
    expect(secretList(['short', 'abc'])).toEqual([]);
  });
});
