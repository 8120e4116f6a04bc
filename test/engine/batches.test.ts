import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinBundle } from '../../src/engine/bundle.js';
import { BATCH_RESOURCES, evaluationBatches, PolicyEngine, type EngineResult, type EvaluationBatch } from '../../src/engine/engine.js';
import type { Resource } from '../../src/model/index.js';
import { loadConfig } from '../../src/profile/config.js';
import { policyData } from '../../src/profile/deployments.js';
import { scan } from '../../src/scan.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { FIXTURES } from '../helpers/paths.js';

function resource(id: string, source: Resource['source'], root?: string, deployment?: string): Resource {
  const r: Resource = { id, source, type: 't', address: id, attributes: {}, file: 'f', line: 1, endLine: 1, locations: {} };
  if (root !== undefined) r.meta = { root };
  if (deployment !== undefined) r.deployment = deployment;
  return r;
}

const ids = (batches: EvaluationBatch[]): string[][] => batches.map((b) => b.resources.map((r) => r.id));

describe('evaluationBatches', () => {
  const population = [
    resource('k1', 'kubernetes'),
    resource('a1', 'terraform', 'stacks/a', 'prod'),
    resource('b1', 'terraform', 'stacks/b', 'dev'),
    resource('h1', 'helm', undefined, 'release'),
    resource('a2', 'terraform', 'stacks/a', 'dev'),
    resource('b2', 'terraform', 'stacks/b', 'prod'),
    resource('b3', 'terraform', 'stacks/b', 'prod'),
  ];

  it('keeps the whole population in one evaluation when it fits', () => {
    expect(ids(evaluationBatches(population, 7))).toEqual([['k1', 'a1', 'b1', 'h1', 'a2', 'b2', 'b3']]);
    expect(BATCH_RESOURCES).toBeGreaterThanOrEqual(1000);
  });

  it('beyond that, evaluates each root module on its own and all manifests together', () => {
    expect(ids(evaluationBatches(population, 3))).toEqual([['k1', 'h1'], ['a1', 'a2'], ['b1', 'b2', 'b3']]);
  });

  it('splits a root module too large for one batch by deployment', () => {
    expect(ids(evaluationBatches(population, 2))).toEqual([['k1', 'h1'], ['a1', 'a2'], ['b1'], ['b2', 'b3']]);
  });

  it('cuts into parts only a deployment, or the manifests, too large for any single evaluation', () => {
    const batches = evaluationBatches(population, 1, { terraform: 1, manifests: 2 });
    expect(ids(batches)).toEqual([['k1', 'h1'], ['a2'], ['a1'], ['b1'], ['b2'], ['b3']]);
    expect(batches.map((b) => b.part)).toEqual([undefined, undefined, undefined, undefined, { scope: 'deployment prod of root module stacks/b', of: 2 }, { scope: 'deployment prod of root module stacks/b', of: 2 }]);
  });
});

describe('PolicyEngine.evaluate in batches', () => {
  const root = path.join(FIXTURES, 'complianceflow');
  const report = scan({ root, now: FIXED_NOW });
  const resources = report.resources;
  const config = loadConfig(root);
  const data = policyData(config.profile, resources.flatMap((r) => (r.deployment === undefined ? [] : [r.deployment])));
  const engine = new PolicyEngine([builtinBundle()]);
  const whole = engine.evaluate(resources, data);
  const groups = new Set(resources.map((r) => (r.source === 'terraform' ? `tf:${r.meta?.root}` : 'manifests')));
  const largest = Math.max(...[...groups].map((g) => resources.filter((r) => (r.source === 'terraform' ? `tf:${r.meta?.root}` : 'manifests') === g).length));
  const key = (result: EngineResult): unknown => ({ findings: result.findings, unknowns: result.unknowns, coverage: result.coverage });

  it('gives the single evaluation’s findings, unknowns and coverage when no rule relates resources across batches', () => {
    expect(groups.size).toBeGreaterThan(1);
    const batched = engine.evaluate(resources, data, largest);
    expect(evaluationBatches(resources, largest).map((b) => b.part)).toEqual([...groups].map(() => undefined));
    expect(key(batched)).toEqual(key(whole));
    expect(batched.diagnostics.filter((d) => d.level === 'info').map((d) => d.message)).toEqual([
      `${resources.length} resources were evaluated in ${groups.size} batches (one per root module, or per deployment of a root module with more than ${largest} resources, and one for all manifests) to bound memory; rules did not compare resources of different batches, except those that compare ranges across the whole scan, which were evaluated once more over every resource of the types they compare`,
    ]);
  });

  it('knows which rules compare across deployments from their METADATA', () => {
    expect(engine.rules.filter((r) => r.population !== undefined).map((r) => [r.id, r.population])).toEqual([
      ['EVD-CIDR-002', ['aws_vpc', 'azurerm_virtual_network']],
      [
        'EVD-CIDR-006',
        [
          'aws_vpc',
          'aws_vpc_ipv4_cidr_block_association',
          'aws_vpc_peering_connection',
          'azurerm_virtual_network',
          'azurerm_virtual_network_peering',
          'google_compute_network',
          'google_compute_network_peering',
          'google_compute_subnetwork',
        ],
      ],
    ]);
  });

  it('split by deployment, still compares ranges across deployments, never invents a finding, and says so', () => {
    const split = engine.evaluate(resources, data, 1);
    expect(split.diagnostics.filter((d) => d.level === 'warning')).toEqual([]);
    const fingerprints = new Set(whole.findings.map((f) => `${f.fingerprint} ${f.message}`));
    for (const finding of split.findings) expect(fingerprints.has(`${finding.fingerprint} ${finding.message}`)).toBe(true);
    // The example repository copies westeu-prod-1's /16 into eastus-prod-1: only comparing the two deployments finds it.
    const crossDeployment = (result: EngineResult): unknown => ({
      findings: result.findings.filter((f) => f.ruleId === 'EVD-CIDR-002' || f.ruleId === 'EVD-CIDR-006'),
      coverage: result.coverage.filter((c) => c.ruleId === 'EVD-CIDR-002' || c.ruleId === 'EVD-CIDR-006'),
    });
    expect(whole.findings.filter((f) => f.ruleId === 'EVD-CIDR-002').map((f) => f.resource.deployment)).toEqual(['eastus-prod-1', 'westeu-prod-1']);
    expect(crossDeployment(split)).toEqual(crossDeployment(whole));
    expect(split.diagnostics.some((d) => d.level === 'info' && /rules did not compare resources of different batches, except those that compare ranges/.test(d.message))).toBe(true);
    expect(whole.diagnostics.filter((d) => d.level === 'info')).toEqual([]);
  });
});
