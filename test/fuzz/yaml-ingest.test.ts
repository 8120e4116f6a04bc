// The YAML/JSON manifest ingest on random, mutated and generated input: it never throws, its diagnostics
// point into the text, and what it does parse is the document's value, with a line for every path.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { discover } from '../../src/discover/discover.js';
import type { JsonObject } from '../../src/model/index.js';
import { resourcesFromYaml } from '../../src/parsers/kubernetes/manifest.js';
import type { ParseResult } from '../../src/parsers/types.js';
import { FIXTURES } from '../helpers/paths.js';
import { GROSS_BOUND_MS, mutate, mutation, numRuns, seed, timeoutFor } from './settings.js';

const settings = { seed, numRuns };
const timeout = timeoutFor(numRuns, 100);

const MANIFESTS = [
  ...discover(`${FIXTURES}/complianceflow/k8s`).files,
  ...discover(`${FIXTURES}/kubernetes`).files.filter((f) => f.kind === 'yaml' || f.kind === 'json'),
].map((f) => readFileSync(f.absolutePath, 'utf8'));

const YAML_TOKENS = [
  ':', ': ', '- ', '-', '?', '? ', '[', ']', '{', '}', ',', '&a ', '*a', '&b ', '*b', '!!str ', '!!binary ', '!tag ', '<<: *a', '|', '|-', '>',
  '>+', "'", '"', '\\"', '#', ' #c', '---\n', '...\n', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '\n', '\r\n', '\t', '  ', 'kind: List\nitems:\n', 'apiVersion: v1\n',
  'kind: Pod\n', 'yes', 'no', '0x1F', '0o17', '1e400', '.inf', '-.nan', '~', 'null', '2001-12-14t21:59:43.10-05:00', '12:30:45', '\uFEFF', '\u0000', 'é', '😀',
];

function ingest(text: string): { result: ParseResult; ms: number } {
  const started = performance.now();
  const result = resourcesFromYaml(text, 'fuzz.yaml');
  return { result, ms: performance.now() - started };
}

/** Never throws; every diagnostic is a YAML problem at a line and column inside the text; every location too. */
function checkAnyInput(text: string): ParseResult {
  const { result, ms } = ingest(text);
  expect(ms).toBeLessThan(GROSS_BOUND_MS);
  const lines = text.split('\n').length;
  for (const d of result.diagnostics) {
    expect(d.code).toBe('yaml-syntax');
    expect(d.file).toBe('fuzz.yaml');
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
  for (const r of result.resources) {
    expect(typeof r.address).toBe('string');
    expect(r.line).toBeGreaterThanOrEqual(1);
    expect(r.endLine).toBeGreaterThanOrEqual(r.line);
    expect(r.endLine).toBeLessThanOrEqual(lines);
    for (const at of Object.values(r.locations)) expect(at.line).toBeGreaterThanOrEqual(1);
  }
  return result;
}

describe('manifest ingest: property-based robustness', () => {
  it('handles arbitrary Unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => void checkAnyInput(text)), settings);
  }, timeout);

  it('handles sequences of YAML tokens in any order', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 120 }), (tokens) => void checkAnyInput(tokens.join(''))), settings);
  }, timeout);

  it('handles mutated real manifests', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MANIFESTS), fc.array(mutation(YAML_TOKENS), { minLength: 1, maxLength: 8 }), (text, edits) => void checkAnyInput(mutate(text, edits))),
      settings,
    );
  }, timeout);

  it('handles deep nesting, long alias chains and huge lists without exhausting the stack', () => {
    const shapes = fc.oneof(
      fc.integer({ min: 1, max: 3000 }).map((n) => `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(n)}${']'.repeat(n)}\n`),
      fc.integer({ min: 1, max: 1200 }).map((n) => `apiVersion: v1\nkind: ConfigMap\ndata:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} 1\n`),
      fc.integer({ min: 1, max: 3000 }).map((n) => `${'- '.repeat(n)}x\n`),
      fc.integer({ min: 2, max: 12 }).map((n) => Array.from({ length: n }, (_, i) => (i === 0 ? 'a0: &a0 [x, x, x, x]' : `a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`)).join('\n')),
      fc.integer({ min: 1, max: 5_000 }).map((n) => `apiVersion: v1\nkind: List\nitems:\n${'  - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n'.repeat(n)}`),
    );
    fc.assert(fc.property(shapes, (text) => void checkAnyInput(text)), { seed, numRuns: Math.min(200, Math.max(20, Math.round(numRuns / 5))) });
  }, timeout);
});

// Keys and strings from a small alphabet: collisions (duplicate keys are errors) and YAML 1.1 spellings (yes, 0x1, ~) come up often.
const SCALAR = fc.oneof(
  fc.constantFrom('yes', 'no', 'on', 'off', 'y', '~', 'null', '0x1F', '017', '1_000', '.5', '-', ':', '#', "'", '"', '', ' lead', 'trail ', 'a: b', '- x', 'é', '😀'),
  fc.string({ maxLength: 6 }),
);
const VALUE: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    SCALAR,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(SCALAR, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('manifest ingest: generated documents', () => {
  it('parses what the yaml package writes (YAML 1.1 and JSON) back to the same value, with a line for every key', () => {
    const object = fc.record({ apiVersion: fc.constant('v1'), kind: fc.constantFrom('ConfigMap', 'Pod', 'Thing'), metadata: fc.record({ name: fc.string({ minLength: 1, maxLength: 5 }) }), data: VALUE });
    fc.assert(
      fc.property(object, fc.boolean(), (value, asJson) => {
        const text = asJson ? JSON.stringify(value, null, 1) : stringify(value, { version: '1.1' });
        const { resources, diagnostics } = checkAnyInput(text);
        expect(diagnostics).toEqual([]);
        expect(resources.length).toBe(1);
        expect(resources[0].attributes).toEqual(JSON.parse(JSON.stringify(value)) as JsonObject);
        for (const key of Object.keys(value)) expect(resources[0].locations[key]?.line).toBeGreaterThanOrEqual(1);
      }),
      settings,
    );
  }, timeout);
});
