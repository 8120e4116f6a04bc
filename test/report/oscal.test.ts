import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { controlToken, renderOscal } from '../../src/report/oscal.js';
import type { EvidencePack } from '../../src/evidence/index.js';
import { examplePack, waiverPack } from '../evidence/example.js';

// See the file's $comment: Evident's transcription of the OSCAL 1.1.2 structure, not NIST's schema file.
const schema = JSON.parse(readFileSync(new URL('./fixtures/oscal-ar-1.1-structure.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

interface Result {
  observations: { uuid: string; title: string; subjects?: { 'subject-uuid': string }[]; 'relevant-evidence'?: { href: string; description: string }[] }[];
  findings: { uuid: string; title: string; target: { 'target-id': string; status: { state: string; reason: string } }; 'related-observations': { 'observation-uuid': string }[]; remarks?: string }[];
  'local-definitions': { 'inventory-items': { uuid: string }[] };
  'reviewed-controls': { 'control-selections': { 'include-controls': { 'control-id': string }[] }[] };
}

interface Document {
  'assessment-results': {
    uuid: string;
    metadata: { 'oscal-version': string; version: string };
    'import-ap': { href: string };
    results: Result[];
    'back-matter': { resources: { uuid: string; title: string; rlinks?: { href: string; hashes: { algorithm: string; value: string }[] }[] }[] };
  };
}

function render(pack: EvidencePack): Document {
  return JSON.parse(renderOscal(pack, 'e'.repeat(64))) as Document;
}

function uuids(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(uuids);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => (key === 'uuid' && typeof item === 'string' ? [item] : uuids(item)));
}

describe('OSCAL assessment results of the example repository', () => {
  let pack: EvidencePack;
  let doc: Document;
  let result: Result;
  beforeAll(() => {
    pack = examplePack();
    doc = render(pack);
    result = doc['assessment-results'].results[0];
  });

  it('has the structure OSCAL 1.1 requires', () => {
    const ok = validate(doc);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toEqual([]);
    expect(ok).toBe(true);
    expect(doc['assessment-results'].metadata['oscal-version']).toBe('1.1.2');
  });

  it('fails the structure check on what OSCAL forbids', () => {
    const broken = (mutate: (d: Document & Record<string, unknown>) => void): boolean => {
      const copy = structuredClone(doc) as Document & Record<string, unknown>;
      mutate(copy);
      return validate(copy);
    };
    expect(broken((d) => delete (d['assessment-results'].results[0] as Partial<Result>)['reviewed-controls'])).toBe(false);
    expect(broken((d) => (d['assessment-results'].results[0].findings[0].target['target-id'] = '8.2'))).toBe(false);
    expect(broken((d) => (d['assessment-results'].uuid = '0f8fad5b-d9cb-169f-a165-70867728950e'))).toBe(false);
    expect(broken((d) => Object.assign(d['assessment-results'].results[0].findings[0], { severity: 'high' }))).toBe(false);
  });

  it('has a finding per control the rules decided, naming the control as a token', () => {
    const targets = result.findings.map((f) => [f.target['target-id'], f.target.status.state, f.target.status.reason]);
    expect(targets).toContainEqual(['iso27001-2022_8.2', 'not-satisfied', 'fail']);
    expect(targets).toContainEqual(['soc2-2017_cc6.1', 'not-satisfied', 'fail']);
    expect(targets).toContainEqual(['gdpr_32.1.b', 'not-satisfied', 'fail']);
    expect(result.findings).toHaveLength(pack.frameworks.flatMap((f) => f.controls.filter((c) => c.status === 'satisfied' || c.status === 'not satisfied')).length);
    expect(result['reviewed-controls']['control-selections'].flatMap((s) => s['include-controls'].map((c) => c['control-id']))).toContain('iso27001-2022_5.17');
  });

  it('has an observation per rule that names the failing resources and where they are', () => {
    const privileged = result.observations.find((o) => o.title.startsWith('EVD-WKL-001 '));
    expect(privileged?.['relevant-evidence']).toEqual([
      { href: 'k8s/app/declaration-service.yaml', description: 'k8s/app/declaration-service.yaml:28: Container "declaration-service" runs privileged (Deployment/app-acme/declaration-service)' },
    ]);
    const inventory = new Set(result['local-definitions']['inventory-items'].map((i) => i.uuid));
    for (const o of result.observations) for (const s of o.subjects ?? []) expect(inventory.has(s['subject-uuid']), o.title).toBe(true);
  });

  it('links every finding to observations that exist and the plan to a back-matter resource', () => {
    const observations = new Set(result.observations.map((o) => o.uuid));
    for (const f of result.findings) for (const r of f['related-observations']) expect(observations.has(r['observation-uuid']), f.title).toBe(true);
    const resources = doc['assessment-results']['back-matter'].resources;
    expect(resources.map((r) => `#${r.uuid}`)).toContain(doc['assessment-results']['import-ap'].href);
  });

  it('lists every input and the policy bundle in back-matter with their SHA-256', () => {
    const resources = doc['assessment-results']['back-matter'].resources;
    for (const input of pack.inputs) {
      expect(resources.find((r) => r.title === input.path)?.rlinks?.[0].hashes, input.path).toEqual([{ algorithm: 'SHA-256', value: input.sha256 }]);
    }
    expect(resources.find((r) => r.title === 'Evident policy bundle evident')?.rlinks?.[0].hashes[0].value).toBe(pack.policyBundles[0].wasmSha256);
  });

  it('uses version 5 UUIDs, unique in the document and derived from the content, never random', () => {
    const all = uuids(doc);
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(renderOscal(pack, 'e'.repeat(64))).toBe(JSON.stringify(doc, null, 2) + '\n');
    expect(JSON.parse(renderOscal(pack, 'f'.repeat(64)))['assessment-results'].uuid).not.toBe(doc['assessment-results'].uuid);
  });
});

describe('OSCAL findings and waivers', () => {
  it('reports a control kept satisfied by a waiver as satisfied, with the waiver in its remarks', () => {
    const doc = render(waiverPack());
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const findings = doc['assessment-results'].results[0].findings;
    expect(findings.map((f) => [f.target['target-id'], f.target.status.state])).toEqual([
      ['iso27001-2022_8.2', 'satisfied'],
      ['iso27001-2022_8.20', 'not-satisfied'],
    ]);
    expect(findings[0].remarks).toBe('Waivers applied: evident.waivers.yaml:4 (active, owner platform-team, expires 2027-03-31): Node agent reads kernel metrics');
    expect(findings[1].remarks).toContain('evident.waivers.yaml:11 (expired');
  });

  it('turns catalog ids into OSCAL tokens', () => {
    expect(controlToken('gdpr', '32(1)(b)')).toBe('gdpr_32.1.b');
    expect(controlToken('soc2-2017', 'CC6.1')).toBe('soc2-2017_cc6.1');
    expect(controlToken('iso27001-2022', '8.20')).toBe('iso27001-2022_8.20');
  });
});
