import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { beforeAll, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/index.js';
import { reporters } from '../../src/report/index.js';
import { fileUri } from '../../src/report/sarif.js';
import { scan } from '../../src/scan.js';
import { FIXTURES } from '../helpers/paths.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { describeWithShared, sharedPath } from '../helpers/shared.js';

let report: ScanReport;
let log: { runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[]; invocations: { toolExecutionNotifications: unknown[] }[] }[] };

beforeAll(() => {
  report = scan({ root: `${FIXTURES}/kubernetes/malformed`, now: FIXED_NOW });
  log = JSON.parse(reporters.sarif.render(report, { color: false }));
});

describeWithShared('SARIF output', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    const schema = JSON.parse(readFileSync(sharedPath('schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
    // The official SARIF schema is JSON Schema draft-04.
    const ajv = new Ajv.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const complianceflow = JSON.parse(reporters.sarif.render(scan({ root: `${FIXTURES}/complianceflow`, now: FIXED_NOW }), { color: false }));
    for (const document of [log, complianceflow]) {
      expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });
});

it('lists every rule in tool.driver.rules and points results at them', () => {
  const rules = log.runs[0].tool.driver.rules.map((r) => r.id);
  expect(rules).toEqual(report.rules.map((r) => r.id));
  for (const result of log.runs[0].results) expect(rules[result.ruleIndex as number]).toBe(result.ruleId);
});

it('carries file, start line and a partial fingerprint for each result', () => {
  const privileged = log.runs[0].results.find((r) => r.ruleId === 'EVD-WKL-001');
  expect(privileged).toMatchObject({
    level: 'error',
    locations: [{ physicalLocation: { artifactLocation: { uri: 'privileged.yaml' }, region: { startLine: 14, startColumn: 9 } } }],
    partialFingerprints: { 'evident/v1': expect.stringMatching(/^[0-9a-f]{32}$/) },
  });
});

it('reports input errors as tool execution notifications', () => {
  expect(log.runs[0].invocations[0].toolExecutionNotifications).toEqual([
    {
      level: 'error',
      message: { text: 'Sequence item without - indicator' },
      descriptor: { id: 'yaml-syntax' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 10, startColumn: 1 } } }],
    },
  ]);
});

it('percent-encodes paths with spaces, hashes and non-ASCII characters', () => {
  expect(fileUri('dir with space/ümlaut#1.yaml')).toBe('dir%20with%20space/%C3%BCmlaut%231.yaml');
});
