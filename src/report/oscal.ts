import type { ControlEvaluation } from '../compliance/evaluate.js';
import type { EvidencePack, EvidenceRule } from '../evidence/model.js';
import { uuidV5 } from '../evidence/uuid.js';
import type { Finding } from '../model/index.js';
import { FRAMEWORK_SHORT, formatLocation, formatParameters, formatPopulation, formatResource } from './evidence-view.js';

export const OSCAL_VERSION = '1.1.2';
/** Namespace of the properties Evident defines (OSCAL requires one for names outside its own vocabulary). */
export const EVIDENT_NS = 'urn:evident:oscal';

type Json = Record<string, unknown>;

/** An OSCAL token (`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`) naming a control: `gdpr_32.1.b` for GDPR 32(1)(b). */
export function controlToken(framework: string, id: string): string {
  return `${framework}_${id.toLowerCase().replace(/\(([^)]*)\)/g, '.$1').replace(/[^a-z0-9._-]+/g, '-')}`;
}

function prop(name: string, value: string): Json {
  return { name, ns: EVIDENT_NS, value };
}

/** A relative URI reference to a repository file: each segment percent-encoded. */
function fileHref(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/**
 * assessment-results.json: NIST OSCAL 1.1 Assessment Results for GRC tools. One result for the scan; an observation
 * per rule (what it tested, the resources that failed, where); a finding per control that rules decided, satisfied or
 * not; inputs, the policy bundle and the evidence model in back-matter with their SHA-256. Every UUID is a version 5
 * UUID derived from the evidence digest and what it names, so that the same evidence always gives the same document.
 */
export function renderOscal(pack: EvidencePack, evidenceSha256: string): string {
  const id = (name: string): string => uuidV5(`${evidenceSha256}/${name}`);
  const toolUuid = id('component/evident');
  const inventoryUuid = (address: string, deployment: string | undefined) => id(`inventory/${address}/${deployment ?? ''}`);
  const observationUuid = (ruleId: string) => id(`observation/${ruleId}`);
  const bundleResource = (name: string) => id(`resource/bundle/${name}`);
  const git = pack.subject.git;
  const subjectProps = [
    prop('organisation', pack.subject.organisation),
    prop('repository', pack.subject.repository),
    ...(git?.commit ? [prop('commit', git.commit)] : []),
    ...(git?.branch ? [prop('branch', git.branch)] : []),
  ];
  const findingsByRule = new Map<string, Finding[]>();
  for (const f of pack.findings) findingsByRule.set(f.ruleId, [...(findingsByRule.get(f.ruleId) ?? []), f]);

  const observation = (rule: EvidenceRule): Json => {
    const failing = findingsByRule.get(rule.id) ?? [];
    const c = rule.coverage;
    const subjects = [...new Map(failing.map((f) => [inventoryUuid(f.resource.address, f.resource.deployment), f])).entries()].map(([uuid, f]) => ({
      'subject-uuid': uuid,
      type: 'inventory-item',
      title: formatResource(f),
    }));
    return {
      uuid: observationUuid(rule.id),
      title: `${rule.id} ${rule.title}`,
      description:
        `${rule.description} Evaluated ${formatPopulation(c.byDeployment)}: ${c.passed} passed, ${c.failed} failed, ${c.unknown} unknown. ` +
        `Thresholds: ${formatParameters(rule.parameters)}.`,
      props: [prop('rule-id', rule.id), prop('severity', rule.severity), prop('evaluated', String(c.evaluated)), prop('failed', String(c.failed))],
      methods: ['TEST'],
      types: ['control-objective'],
      origins: [{ actors: [{ type: 'tool', 'actor-uuid': toolUuid }] }],
      ...(subjects.length > 0 ? { subjects } : {}),
      ...(failing.length > 0
        ? {
            'relevant-evidence': failing.map((f) => ({
              href: fileHref(f.location.file),
              description: `${formatLocation(f)}: ${f.message} (${formatResource(f)})${f.waiver ? `; waived by ${f.waiver.id}` : ''}`,
            })),
          }
        : {}),
      collected: pack.generatedAt,
    };
  };

  const decided = pack.frameworks.flatMap((f) => f.controls.filter((c) => c.status === 'satisfied' || c.status === 'not satisfied'));
  const finding = (control: ControlEvaluation): Json => {
    const label = `${FRAMEWORK_SHORT[control.framework] ?? control.framework} ${control.id}`;
    const waivers = control.waivers.map((w) => `${w.id} (${w.status}${w.owner ? `, owner ${w.owner}` : ''}${w.expires ? `, expires ${w.expires}` : ''}): ${w.reason}`);
    const open = control.findings.length;
    return {
      uuid: id(`finding/${control.framework}/${control.id}`),
      title: `${label} ${control.title}`,
      description:
        `${control.rationale ?? control.title} ` +
        (open > 0 ? `${open} open finding${open === 1 ? '' : 's'}: ${control.findings.map((f) => `${f.ruleId} at ${formatLocation(f)}`).join('; ')}.` : 'No open finding.'),
      props: [prop('framework', control.framework), prop('control-id', control.id), prop('evident-status', control.status)],
      target: {
        type: 'objective-id',
        'target-id': controlToken(control.framework, control.id),
        title: `${label} ${control.title}`,
        status: control.status === 'satisfied' ? { state: 'satisfied', reason: 'pass' } : { state: 'not-satisfied', reason: 'fail' },
      },
      'related-observations': control.rules.map((r) => ({ 'observation-uuid': observationUuid(r.ruleId) })),
      ...(waivers.length > 0 ? { remarks: `Waivers applied: ${waivers.join('; ')}` } : {}),
    };
  };

  const selections = pack.frameworks
    .map((f) => ({ framework: f.framework, controls: f.controls.filter((c) => c.coverage === 'automated') }))
    .filter((f) => f.controls.length > 0)
    .map((f) => ({
      description: `${f.framework.name} ${f.framework.version}: the controls Evident's rules evidence.`,
      props: [prop('framework', f.framework.id)],
      'include-controls': f.controls.map((c) => ({ 'control-id': controlToken(c.framework, c.id) })),
    }));
  const notEvaluated = pack.frameworks.flatMap((f) => f.controls.filter((c) => c.status === 'not evaluated').map((c) => `${FRAMEWORK_SHORT[c.framework] ?? c.framework} ${c.id}`));

  const result: Json = {
    uuid: id('result'),
    title: `Automated configuration assessment of ${pack.subject.repository}`,
    description:
      `Evident ${pack.tool.version} evaluated ${pack.summary.rules} rules against ${pack.summary.resources} resources read from ${pack.inputs.length} files. ` +
      'Each finding is a control that the rules decided; controls no rule evidences need manual assessment and are not listed.',
    start: pack.generatedAt,
    end: pack.generatedAt,
    props: subjectProps,
    'local-definitions': {
      components: [
        {
          uuid: toolUuid,
          type: 'software',
          title: `Evident ${pack.tool.version}`,
          description: 'Policy-as-code scanner that evaluated the repository’s infrastructure code.',
          props: pack.policyBundles.map((b) => prop('policy-bundle-sha256', `${b.name}:${b.wasmSha256}`)),
          status: { state: 'operational' },
        },
      ],
      ...(pack.population.inventory.length > 0
        ? {
            // Keyed like findings' resources (address and deployment), so a repeated address is listed once.
            'inventory-items': [...new Map(pack.population.inventory.map((r) => [inventoryUuid(r.address, r.deployment), r])).entries()].map(([uuid, r]) => ({
              uuid,
              description: `${r.type} ${r.address}${r.deployment ? ` (${r.deployment})` : ''} at ${r.file}:${r.line}`,
              props: [prop('address', r.address), prop('resource-type', r.type), prop('location', `${r.file}:${r.line}`), ...(r.deployment ? [prop('deployment', r.deployment)] : [])],
            })),
          }
        : {}),
    },
    'reviewed-controls': {
      'control-selections': selections.length > 0 ? selections : [{ description: 'No control is evidenced by an enabled rule.' }],
    },
    ...(pack.rules.length > 0 ? { observations: pack.rules.map(observation) } : {}),
    ...(decided.length > 0 ? { findings: decided.map(finding) } : {}),
    ...(notEvaluated.length > 0 ? { remarks: `Not evaluated (no rule decided a result): ${notEvaluated.join(', ')}.` } : {}),
  };

  const resources = [
    ...pack.policyBundles.map((b) => ({
      uuid: bundleResource(b.name),
      title: `Evident policy bundle ${b.name}`,
      description: `The rules the assessment ran: Rego compiled to WebAssembly with OPA ${b.opaVersion}, ${b.rules} rules. It stands in for an assessment plan.`,
      rlinks: [{ href: `${fileHref(b.name)}.wasm`, 'media-type': 'application/wasm', hashes: [{ algorithm: 'SHA-256', value: b.wasmSha256 }] }],
    })),
    {
      uuid: id('resource/profile'),
      title: 'Effective organisation profile',
      description: 'The thresholds the rules read, as evidence.json records them under profile.values.',
      props: [prop('profile-sha256', pack.profile.sha256)],
    },
    {
      uuid: id('resource/evidence'),
      title: 'Evident evidence model',
      description: 'The complete evidence this document was derived from.',
      rlinks: [{ href: 'evidence.json', 'media-type': 'application/json', hashes: [{ algorithm: 'SHA-256', value: evidenceSha256 }] }],
    },
    ...pack.inputs.map((input) => ({
      uuid: id(`resource/input/${input.path}`),
      title: input.path,
      props: [prop('input-kind', input.kind), prop('bytes', String(input.bytes))],
      rlinks: [{ href: fileHref(input.path), hashes: [{ algorithm: 'SHA-256', value: input.sha256 }] }],
    })),
  ];

  const document = {
    'assessment-results': {
      uuid: id('assessment-results'),
      metadata: {
        title: `Evident assessment results: ${pack.subject.organisation} / ${pack.subject.repository}`,
        published: pack.generatedAt,
        'last-modified': pack.generatedAt,
        version: git?.commit ?? pack.generatedAt,
        'oscal-version': OSCAL_VERSION,
        props: subjectProps,
        parties: [{ uuid: id(`party/${pack.subject.organisation}`), type: 'organization', name: pack.subject.organisation }],
      },
      'import-ap': {
        href: `#${bundleResource(pack.policyBundles[0]?.name ?? 'evident')}`,
        remarks: 'Evident has no separate OSCAL assessment plan: the plan is its rule set, identified in back-matter by the SHA-256 of the compiled bundle.',
      },
      results: [result],
      'back-matter': { resources },
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
