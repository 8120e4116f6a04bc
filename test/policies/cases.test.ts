import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinBundle, builtinPolicyDir } from '../../src/engine/bundle.js';
import { PolicyEngine } from '../../src/engine/engine.js';
import type { RuleMeta } from '../../src/model/index.js';
import { scan } from '../../src/scan.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { makeTree } from '../helpers/tree.js';

/**
 * Each policy's `x.cases.yaml` runs through the real parsers, evaluator and committed WASM, like ESLint's RuleTester:
 * `kubernetes` is written to case.yaml, `terraform` to main.tf, `tfvars` to deployments/<deployment>.tfvars,
 * `files` adds any other file; `profile` overrides the profile through evident.config.yaml.
 */
const place = { file: z.string().optional(), deployment: z.string().optional(), line: z.number().int().positive() };
const expectedFinding = z.strictObject({ message: z.string(), ...place });
const expectedUnknown = z.strictObject(place);
const input = {
  kubernetes: z.string().optional(),
  terraform: z.string().optional(),
  deployment: z.string().optional(),
  tfvars: z.string().optional(),
  files: z.record(z.string(), z.string()).optional(),
  profile: z.record(z.string(), z.unknown()).optional(),
};
const caseFile = z.strictObject({
  valid: z.array(z.strictObject(input)).min(1),
  invalid: z.array(z.strictObject({ ...input, findings: z.array(expectedFinding).min(1) })).min(1),
  unknown: z.array(z.strictObject({ ...input, unknowns: z.array(expectedUnknown).min(1) })).optional(),
});
type Case = z.infer<typeof caseFile>['valid'][number];

const rules = new Map(new PolicyEngine([builtinBundle()]).rules.map((rule) => [rule.package, rule]));
const policyDir = builtinPolicyDir();
const caseFiles = fg.sync('*/*.cases.yaml', { cwd: policyDir }).sort();
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

function files(testCase: Case): Record<string, string> {
  const out: Record<string, string> = { ...testCase.files };
  if (testCase.kubernetes !== undefined) out['case.yaml'] = testCase.kubernetes;
  if (testCase.terraform !== undefined) out['main.tf'] = testCase.terraform;
  if (testCase.tfvars !== undefined) out[`deployments/${testCase.deployment ?? 'westeu-prod-1'}.tfvars`] = testCase.tfvars;
  if (testCase.profile !== undefined) out['evident.config.yaml'] = stringify(testCase.profile);
  return out;
}

function defaultFile(testCase: Case): string {
  return testCase.terraform !== undefined ? 'main.tf' : 'case.yaml';
}

function run(rule: RuleMeta, testCase: Case) {
  const tree = makeTree(files(testCase));
  cleanups.push(tree.cleanup);
  const report = scan({ root: tree.root, now: FIXED_NOW });
  expect(report.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  const place = (file: string, line: number, deployment: string | undefined) => ({
    file,
    line,
    ...(deployment === undefined ? {} : { deployment }),
  });
  return {
    findings: report.findings
      .filter((f) => f.ruleId === rule.id)
      .map((f) => ({ message: f.messageId, ...place(f.location.file, f.location.line, f.resource.deployment), text: f.message })),
    unknowns: report.unknowns.filter((u) => u.ruleId === rule.id).map((u) => place(u.location.file, u.location.line, u.resource.deployment)),
  };
}

function normalise(testCase: Case, expected: { file?: string; line: number; deployment?: string; message?: string }[]) {
  return expected.map(({ file, ...rest }) => ({ ...(rest.message === undefined ? {} : { message: rest.message }), file: file ?? defaultFile(testCase), line: rest.line, ...(rest.deployment === undefined ? {} : { deployment: rest.deployment }) }));
}

const sortPlaces = <T extends { file: string; line: number; message?: string; deployment?: string }>(list: T[]): T[] =>
  [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.message ?? '').localeCompare(b.message ?? '') || (a.deployment ?? '').localeCompare(b.deployment ?? ''));

describe('policy cases', () => {
  it('every rule has a cases file and every cases file has a rule', () => {
    const withCases = caseFiles.map((f) => f.replace(/\.cases\.yaml$/, '').replace('/', '.')).sort();
    expect(withCases).toEqual([...rules.keys()].sort());
  });

  for (const relative of caseFiles) {
    const rule = rules.get(relative.replace(/\.cases\.yaml$/, '').replace('/', '.')) as RuleMeta;
    const cases = caseFile.parse(parse(readFileSync(path.join(policyDir, relative), 'utf8')));
    describe(`${rule?.id ?? '?'} (${relative})`, () => {
      it('has no duplicate cases', () => {
        const all = [...cases.valid, ...cases.invalid, ...(cases.unknown ?? [])].map((c) => JSON.stringify(files(c)));
        expect(new Set(all).size).toBe(all.length);
      });
      cases.valid.forEach((testCase, index) => {
        it(`valid #${index + 1} has no findings and no unknown results`, () => {
          const result = run(rule, testCase);
          expect(result.findings).toEqual([]);
          expect(result.unknowns).toEqual([]);
        });
      });
      cases.invalid.forEach((testCase, index) => {
        it(`invalid #${index + 1} reports exactly the listed findings`, () => {
          for (const expected of testCase.findings) expect(Object.keys(rule.messages)).toContain(expected.message);
          const result = run(rule, testCase);
          expect(sortPlaces(result.findings.map(({ text: _text, ...f }) => f))).toEqual(sortPlaces(normalise(testCase, testCase.findings)));
          for (const finding of result.findings) expect(finding.text).not.toMatch(/\{\{/);
        });
      });
      (cases.unknown ?? []).forEach((testCase, index) => {
        it(`unknown #${index + 1} reports the listed unknown results and no finding`, () => {
          const result = run(rule, testCase);
          expect(result.findings).toEqual([]);
          expect(sortPlaces(result.unknowns)).toEqual(sortPlaces(normalise(testCase, testCase.unknowns)));
        });
      });
    });
  }
});
