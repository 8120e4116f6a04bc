import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256 } from '../../src/evidence/hash.js';
import { EVIDENT_NAMESPACE, uuidV5 } from '../../src/evidence/uuid.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members, so equal values hash alike', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: 'x', u: undefined })).toBe('{"a":"x","b":[{"c":2,"d":1}]}');
    expect(sha256(canonicalJson({ x: 1, y: 2 }))).toBe(sha256(canonicalJson({ y: 2, x: 1 })));
  });
});

describe('uuidV5', () => {
  it('matches the RFC 4122 version 5 algorithm', () => {
    // The DNS namespace and "www.example.com": a widely published test vector.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives the same id for the same name and a different one otherwise, always version 5', () => {
    expect(uuidV5('evidence/abc')).toBe(uuidV5('evidence/abc'));
    expect(uuidV5('evidence/abc')).not.toBe(uuidV5('evidence/abd'));
    expect(uuidV5('evidence/abc')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(EVIDENT_NAMESPACE).toBe(uuidV5('urn:evident:evidence', '6ba7b811-9dad-11d1-80b4-00c04fd430c8'));
  });
});
