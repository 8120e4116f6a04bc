import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/profile/config.js';
import { defaultProfile } from '../../src/profile/defaults.js';
import { describeDeployment } from '../../src/profile/deployments.js';
import { CONFIG_SCHEMA_PATH, configSchemaDocument } from '../../src/profile/json-schema.js';
import { scan } from '../../src/scan.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { makeTree } from '../helpers/tree.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('the built-in profile', () => {
  it('carries the architecture documents numbers', () => {
    expect(defaultProfile.rotation).toEqual({ apiKeyDays: 30, databaseCredentialHours: 24, tlsCertificateDays: 90, keyDays: 90, secretDays: 35 });
    expect(defaultProfile.cidr.allocations['westeu-prod-1']).toBe('10.30.0.0/16');
    expect(defaultProfile.cidr.allocations['eastus-prod-1']).toBe('10.40.0.0/16');
    expect(Object.keys(defaultProfile.cidr.allocations)).toHaveLength(11);
    expect(defaultProfile.tagging.required).toHaveLength(9);
    expect(defaultProfile.resilience.backupRetentionDays).toEqual({ prod: 35 });
    expect(defaultProfile.zones.names).toEqual(['dmz', 'app', 'data', 'mgmt']);
  });

  it('reads deployment names and derives the subnet layout', () => {
    expect(describeDeployment('westeu-prod-1', defaultProfile)).toMatchObject({
      valid: true,
      global: false,
      environment: 'prod',
      regionCode: 'westeu',
      instance: 1,
      jurisdiction: 'EU',
      cidr: '10.30.0.0/16',
      subnets: { apps: '10.30.1.0/24', db: '10.30.2.0/24', redis: '10.30.3.0/24', storage: '10.30.4.0/24', apim: '10.30.5.0/24', mgmt: '10.30.10.0/24' },
    });
    expect(describeDeployment('global-dev', defaultProfile)).toMatchObject({ valid: true, global: true, environment: 'dev', regionCode: 'westeu', cidr: '10.0.0.0/16' });
    expect(describeDeployment('westeu-test-1', defaultProfile)).toMatchObject({ valid: false, problem: 'environment "test" is not one of dev, stg, prod' });
    expect(describeDeployment('marsnorth-prod-1', defaultProfile)).toMatchObject({ valid: false, problem: 'region code "marsnorth" is not in the region table' });
    expect(describeDeployment('prod', defaultProfile)).toMatchObject({ valid: false, problem: 'it is neither {region-code}-{env}-{instance} nor global-{env}' });
  });
});

describe('evident.config.yaml', () => {
  it('overrides numbers and lists while keeping the other defaults', () => {
    const tree = makeTree({ 'evident.config.yaml': 'rotation:\n  secretDays: 20\ncidr:\n  reserved: []\n' });
    cleanup = tree.cleanup;
    const { profile, diagnostics } = loadConfig(tree.root);
    expect(diagnostics).toEqual([]);
    expect(profile.rotation).toEqual({ ...defaultProfile.rotation, secretDays: 20 });
    expect(profile.cidr.reserved).toEqual([]);
    expect(profile.cidr.allocations).toEqual(defaultProfile.cidr.allocations);
  });

  it('reports every problem with file, line and column', () => {
    const tree = makeTree({ 'evident.config.yaml': 'rotation:\n  secretDays: twenty\nzones:\n  vpnCidr: [10.0.0.0/8]\n' });
    cleanup = tree.cleanup;
    expect(loadConfig(tree.root).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'evident.config.yaml:2:15 rotation.secretDays: Invalid input: expected number, received string',
      'evident.config.yaml:4:3 unknown key "zones.vpnCidr"',
    ]);
  });

  it('changes findings when a threshold changes', () => {
    const tree = makeTree({ 'main.tf': 'resource "aws_kms_key" "k" {\n  enable_key_rotation     = true\n  rotation_period_in_days = 60\n}\n' });
    cleanup = tree.cleanup;
    const rotation = () => scan({ root: tree.root, now: FIXED_NOW }).findings.filter((f) => f.ruleId === 'EVD-ROT-001').map((f) => f.message);
    expect(rotation()).toEqual([]);
    writeFileSync(`${tree.root}/evident.config.yaml`, 'rotation:\n  keyDays: 30\n');
    expect(rotation()).toEqual(['KMS key rotates every 60 days; the maximum is 30 days']);
  });
});

describe('the JSON Schema for editors', () => {
  it('is generated from the zod schema and up to date', () => {
    expect(readFileSync(CONFIG_SCHEMA_PATH, 'utf8'), 'schemas/evident.config.schema.json is stale: run `npm run build:schema`').toBe(configSchemaDocument());
  });

  it('accepts what the loader accepts and rejects typos', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')));
    expect(validate({ rotation: { secretDays: 20 }, failOn: 'medium', terraform: { deployments: [{ name: 'x', varFiles: ['a.tfvars'] }] } })).toBe(true);
    expect(validate({ rotation: { secretDay: 20 } })).toBe(false);
    expect(validate({ failOn: 'severe' })).toBe(false);
  });
});
