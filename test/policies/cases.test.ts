import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinBundle, builtinPolicyDir } from '../../src/engine/bundle.js';
import { PolicyEngine } from '../../src/engine/engine.js';
import type { Resource, RuleMeta } from '../../src/model/index.js';
import { resourcesFromYaml } from '../../src/parsers/kubernetes/manifest.js';
import { deepMerge } from '../../src/profile/config.js';
import { defaultProfile } from '../../src/profile/defaults.js';

/** Each policy's `x.cases.yaml` runs through the real parser and the committed WASM, like ESLint's RuleTester. */
const expectedFinding = z.strictObject({ message: z.string(), line: z.number().int().positive() });
const source = { kubernetes: z.string().optional(), profile: z.record(z.string(), z.unknown()).optional() };
const caseFile = z.strictObject({
  valid: z.array(z.strictObject(source)).min(1),
  invalid: z.array(z.strictObject({ ...source, findings: z.array(expectedFinding).min(1) })).min(1),
});
type Case = z.infer<typeof caseFile>['invalid'][number] | z.infer<typeof caseFile>['valid'][number];

const engine = new PolicyEngine([builtinBundle()]);
const rules = new Map(engine.rules.map((rule) => [rule.package, rule]));
const policyDir = builtinPolicyDir();
const caseFiles = fg.sync('*/*.cases.yaml', { cwd: policyDir }).sort();

function findingsFor(rule: RuleMeta, testCase: Case): { message: string; line: number; text: string }[] {
  const file = 'case.yaml';
  const parsed = resourcesFromYaml(testCase.kubernetes ?? '', file);
  expect(parsed.diagnostics).toEqual([]);
  const resources: Resource[] = parsed.resources.map((r, i) => ({ id: `r${i}`, ...r }));
  const profile = deepMerge(defaultProfile, testCase.profile ?? {});
  const result = engine.evaluate(resources, profile);
  expect(result.diagnostics).toEqual([]);
  return result.findings.filter((f) => f.ruleId === rule.id).map((f) => ({ message: f.messageId, line: f.location.line, text: f.message }));
}

describe('policy cases', () => {
  it('every rule has a cases file and every cases file has a rule', () => {
    const withCases = caseFiles.map((f) => f.replace(/\.cases\.yaml$/, '').replace('/', '.')).sort();
    expect(withCases).toEqual([...rules.keys()].sort());
  });

  for (const relative of caseFiles) {
    const rule = rules.get(relative.replace(/\.cases\.yaml$/, '').replace('/', '.'));
    const cases = caseFile.parse(parse(readFileSync(path.join(policyDir, relative), 'utf8')));
    describe(`${rule?.id ?? '?'} (${relative})`, () => {
      it('has no duplicate cases', () => {
        const all = [...cases.valid, ...cases.invalid].map((c) => JSON.stringify(c.kubernetes));
        expect(new Set(all).size).toBe(all.length);
      });
      cases.valid.forEach((testCase, index) => {
        it(`valid #${index + 1} has no findings`, () => {
          expect(findingsFor(rule as RuleMeta, testCase)).toEqual([]);
        });
      });
      cases.invalid.forEach((testCase, index) => {
        it(`invalid #${index + 1} reports exactly the listed findings`, () => {
          for (const expected of testCase.findings) expect(Object.keys(rule?.messages ?? {})).toContain(expected.message);
          const actual = findingsFor(rule as RuleMeta, testCase);
          expect(actual.map(({ message, line }) => ({ message, line }))).toEqual(testCase.findings);
          for (const finding of actual) expect(finding.text).not.toMatch(/\{\{/);
        });
      });
    });
  }
});
