import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/report/json-chunks.js';
import { reporters } from '../../src/report/index.js';
import { scan } from '../../src/scan.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { FIXTURES } from '../helpers/paths.js';

const joined = (value: unknown, depth: number): string => [...jsonChunks(value, depth)].join('');

describe('jsonChunks', () => {
  it('joins to exactly what JSON.stringify(value, null, 2) writes, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (value, depth) => {
        expect(joined(value, depth)).toBe(JSON.stringify(value, null, 2));
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('leaves out what JSON.stringify leaves out, and honours toJSON', () => {
    const value = { a: undefined, b: [undefined, () => 1, 2], c: new Date(0), d: {}, e: [] };
    for (const depth of [0, 1, 2, 3]) expect(joined(value, depth)).toBe(JSON.stringify(value, null, 2));
  });

  it('never holds the findings of a report in one piece: each finding is a piece of its own', () => {
    const report = scan({ root: `${FIXTURES}/complianceflow`, now: FIXED_NOW });
    for (const reporter of [reporters.json, reporters.sarif]) {
      const pieces = [...reporter.chunks!(report, { color: false })];
      expect(pieces.length).toBeGreaterThan(report.findings.length);
      expect(Math.max(...pieces.map((p) => p.split('"ruleId"').length - 1))).toBe(1);
      expect(pieces.join('')).toBe(reporter.render(report, { color: false }));
    }
  });
});
