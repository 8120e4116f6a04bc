import { builtinBundle } from '../../src/engine/bundle.js';
import { buildEvidence, evidenceFor, type EvidencePack } from '../../src/evidence/index.js';
import { loadConfig } from '../../src/profile/config.js';
import { scan } from '../../src/scan.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { FIXTURES } from '../helpers/paths.js';
import { coverage, finding, rule, syntheticCatalogs, syntheticReport, waiverRecord } from './synthetic.js';

export const EXAMPLE_ROOT = `${FIXTURES}/complianceflow`;

/** The evidence of the example repository, made as `evident scan --evidence` makes it, with the fixed test clock. */
export function examplePack(): EvidencePack {
  const config = loadConfig(EXAMPLE_ROOT);
  return evidenceFor(scan({ root: EXAMPLE_ROOT, now: FIXED_NOW, config }), { root: EXAMPLE_ROOT, config, bundles: [builtinBundle()] });
}

export const WASM_STUB = { manifest: { bundle: 'evident', opaVersion: '0.70.0' }, wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]) };

/**
 * A pack with an exception register: an active waiver that keeps ISO 8.2 satisfied, an expired one that no longer
 * suppresses the finding under ISO 8.20, and an unused one.
 */
export function waiverPack(): EvidencePack {
  const privileged = finding('EVD-WKL-001', 'k8s/agent.yaml', 21, 'DaemonSet/ops/node-agent', {
    id: 'evident.waivers.yaml:4',
    owner: 'platform-team',
    reason: 'Node agent reads kernel metrics',
    expires: '2027-03-31',
  });
  const exposed = finding('EVD-NET-002', 'k8s/ingress.yaml', 12, 'Service/dmz/ingress');
  const report = syntheticReport({
    rules: [rule('EVD-WKL-001'), rule('EVD-NET-002')],
    findings: [privileged, exposed],
    coverage: [coverage('EVD-WKL-001', 2, 1), coverage('EVD-NET-002', 1, 1)],
    waivers: [
      waiverRecord('evident.waivers.yaml:4', 'EVD-WKL-001', 'active', [privileged.fingerprint], { owner: 'platform-team', reason: 'Node agent reads kernel metrics', expires: '2027-03-31' }),
      waiverRecord('evident.waivers.yaml:11', 'EVD-NET-002', 'expired', [exposed.fingerprint], { owner: 'network-team', reason: 'Ingress controller needs a load balancer', expires: '2026-10-31' }),
      waiverRecord('evident.waivers.yaml:18', 'EVD-WKL-001', 'unused', [], { owner: 'data-team', reason: 'Legacy batch job', expires: '2027-06-30' }),
    ],
  });
  return buildEvidence(report, {
    root: '/srv/checkout/acme-platform',
    catalogs: syntheticCatalogs([
      { framework: 'iso27001-2022', id: '8.2', rules: ['EVD-WKL-001'], rationale: 'Containers hold no privileges over their node.' },
      { framework: 'iso27001-2022', id: '8.20', rules: ['EVD-NET-002'], rationale: 'Only the ingress is reachable from outside.' },
    ]),
    bundles: [WASM_STUB],
    names: { organisation: 'Acme Corp' },
    git: { commit: '3f786850e387550fdab836ed7e6dc881de23001b', branch: 'main' },
  });
}
