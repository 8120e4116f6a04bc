import { describe, expect, it } from 'vitest';
import { buildEvidence } from '../../src/evidence/build.js';
import { sha256 } from '../../src/evidence/hash.js';
import { WASM_STUB } from './example.js';
import { coverage, finding, rule, syntheticCatalogs, syntheticReport } from './synthetic.js';

const catalogs = syntheticCatalogs([{ framework: 'iso27001-2022', id: '8.2', rules: ['EVD-WKL-001'], rationale: 'Containers hold no privileges over their node.' }]);

describe('buildEvidence', () => {
  const backup = { ...rule('ACME-BAK-001'), bundle: 'policies/acme', controls: [{ framework: 'iso27001-2022' as const, id: '8.13' }] };
  const report = syntheticReport({
    rules: [rule('EVD-WKL-001'), backup],
    findings: [finding('ACME-BAK-001', 'infra/db.tf', 7, 'aws_db_instance.main')],
    coverage: [coverage('EVD-WKL-001', 2, 0), coverage('ACME-BAK-001', 1, 1)],
  });
  const pack = buildEvidence(report, { root: '/checkouts/acme-infra/', catalogs, bundles: [WASM_STUB] });

  it('names organisation and repository after the scanned directory unless the config names them', () => {
    expect(pack.subject).toEqual({ organisation: 'acme-infra', repository: 'acme-infra' });
    const named = buildEvidence(report, { root: '/x/acme-infra', catalogs, bundles: [WASM_STUB], names: { organisation: 'Acme Corp' }, git: { commit: 'c'.repeat(40) } });
    expect(named.subject).toEqual({ organisation: 'Acme Corp', repository: 'acme-infra', git: { commit: 'c'.repeat(40) } });
  });

  it('evidences a control with a custom rule that declares it in its METADATA', () => {
    const control = pack.frameworks[0].controls.find((c) => c.id === '8.13');
    expect(control).toMatchObject({ status: 'not satisfied', coverage: 'automated', rationale: 'Declared in the METADATA of ACME-BAK-001 (policy bundle policies/acme).' });
    expect(pack.rules.find((r) => r.id === 'ACME-BAK-001')?.controls).toEqual([{ framework: 'iso27001-2022', id: '8.13' }]);
  });

  it('identifies each policy bundle by the SHA-256 of its WebAssembly and counts its rules', () => {
    expect(pack.policyBundles).toEqual([{ name: 'evident', opaVersion: '0.70.0', wasmSha256: sha256(WASM_STUB.wasm), rules: 1 }]);
  });

  it('hashes the config file it was given but never copies it', () => {
    const withConfig = buildEvidence(report, { root: '/x/acme', catalogs, bundles: [WASM_STUB], configFile: { path: 'evident.config.yaml', text: 'failOn: high\n' } });
    expect(withConfig.configFile).toEqual({ path: 'evident.config.yaml', sha256: sha256('failOn: high\n') });
    expect(JSON.stringify(withConfig)).not.toContain('failOn');
  });

  it('summarises open findings by severity and lists the population by type and deployment', () => {
    expect(pack.summary).toMatchObject({ resources: 2, rules: 2, openFindings: 1, waivedFindings: 0, bySeverity: { critical: 0, high: 1, medium: 0, low: 0 } });
    expect(pack.population).toMatchObject({ resources: 2, byDeployment: { '': 2 }, byType: { Deployment: 2 } });
    expect(pack.population.inventory[1]).toEqual({ address: 'Deployment/app/worker', type: 'Deployment', source: 'kubernetes', file: 'k8s/app.yaml', line: 22 });
  });
});
