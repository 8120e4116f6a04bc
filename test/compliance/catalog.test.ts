import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coverage, indexControls, loadCatalogs } from '../../src/compliance/catalog.js';
import type { Catalogs, Control, GdprControl, IsoControl, Soc2Control } from '../../src/compliance/catalog.js';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { REPO_ROOT } from '../helpers/paths.js';

/** The rules of the compiled built-in bundle: every mapping must name one of them. */
const BUILTIN_RULES = (JSON.parse(readFileSync(`${REPO_ROOT}/policies/compiled/evident.manifest.json`, 'utf8')) as { rules: { id: string }[] }).rules.map((r) => r.id);
const real = loadCatalogs(`${REPO_ROOT}/controls`, { ruleIds: BUILTIN_RULES });

function controlsOf<T extends Control>(catalogs: Catalogs, framework: T['framework']): T[] {
  const catalog = catalogs.frameworks.find((f) => f.framework.id === framework);
  if (!catalog) throw new Error(`${framework} did not load`);
  return catalog.controls as T[];
}

function range(prefix: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
}

describe('bundled catalogs', () => {
  it('load without diagnostics, in framework order, with their headers', () => {
    expect(real.diagnostics).toEqual([]);
    expect(real.frameworks.map((f) => [f.file, f.framework])).toEqual([
      [
        'controls/iso27001-2022/catalog.yaml',
        { id: 'iso27001-2022', name: 'ISO/IEC 27001:2022 Annex A', version: '2022', publisher: 'ISO/IEC', url: 'https://www.iso.org/standard/27001' },
      ],
      [
        'controls/soc2-2017/catalog.yaml',
        {
          id: 'soc2-2017',
          name: 'AICPA Trust Services Criteria (SOC 2)',
          version: '2017 (revised points of focus 2022)',
          publisher: 'AICPA',
          url: 'https://www.aicpa-cima.com/resources/download/get-the-2017-trust-services-criteria',
        },
      ],
      [
        'controls/gdpr/catalog.yaml',
        {
          id: 'gdpr',
          name: 'General Data Protection Regulation',
          version: '2016/679',
          publisher: 'European Parliament and Council of the European Union',
          url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
        },
      ],
    ]);
  });

  it('map every built-in rule in every framework where a control fits, and only rules that exist', () => {
    // Naming and tagging conventions bear on no GDPR article.
    const noFit: Record<string, string[]> = {
      'iso27001-2022': [],
      'soc2-2017': [],
      gdpr: ['EVD-NAM-001', 'EVD-NAM-002', 'EVD-NAM-003', 'EVD-TAG-001', 'EVD-TAG-002', 'EVD-TAG-003'],
    };
    expect(BUILTIN_RULES.length).toBeGreaterThan(0);
    for (const [framework, exempt] of Object.entries(noFit)) {
      const mapped = new Set(real.mappings.filter((m) => m.framework === framework).flatMap((m) => m.rules));
      expect([...mapped].sort(), framework).toEqual(BUILTIN_RULES.filter((id) => !exempt.includes(id)).sort());
      for (const id of exempt) expect(BUILTIN_RULES, `${framework} exempts ${id}`).toContain(id);
    }
    expect(real.mappings.map((m) => `${m.framework}:${m.id}`)).toEqual(expect.arrayContaining([
      'iso27001-2022:5.17', 'iso27001-2022:8.2', 'iso27001-2022:8.9', 'iso27001-2022:8.20', 'iso27001-2022:8.22', 'iso27001-2022:8.27',
      'soc2-2017:CC6.1', 'soc2-2017:CC6.6', 'soc2-2017:CC6.8', 'soc2-2017:CC7.1',
      'gdpr:25', 'gdpr:32(1)(b)',
    ]));
    expect(real.mappings.every((m) => m.rationale.length > 80)).toBe(true);
  });

  it('reports a mapping to a rule that is not in the rule list', () => {
    const withoutNet = loadCatalogs(`${REPO_ROOT}/controls`, { ruleIds: BUILTIN_RULES.filter((id) => id !== 'EVD-NET-002') });
    expect(withoutNet.diagnostics.map((d) => `${d.file} ${d.message}`)).toContain('controls/iso27001-2022/mapping.yaml unknown rule "EVD-NET-002" for control "8.20"');
  });
});

describe('ISO/IEC 27001:2022 Annex A', () => {
  const iso = controlsOf<IsoControl>(real, 'iso27001-2022');
  const byId = new Map(iso.map((c) => [c.id, c]));

  it('has the 93 controls in order: 37 organizational, 8 people, 14 physical, 34 technological', () => {
    expect(iso.map((c) => c.id)).toEqual([...range('5.', 1, 37), ...range('6.', 1, 8), ...range('7.', 1, 14), ...range('8.', 1, 34)]);
    const perTheme: Record<string, string[]> = {};
    for (const control of iso) (perTheme[control.theme] ??= []).push(control.id);
    expect(Object.fromEntries(Object.entries(perTheme).map(([theme, ids]) => [theme, ids.length]))).toEqual({
      organizational: 37,
      people: 8,
      physical: 14,
      technological: 34,
    });
    expect(perTheme.people).toEqual(range('6.', 1, 8));
  });

  it('names the controls by their Annex A titles', () => {
    expect(
      ['5.1', '5.7', '5.15', '5.23', '5.30', '6.3', '7.4', '8.9', '8.13', '8.16', '8.20', '8.22', '8.24', '8.28', '8.34'].map((id) => [
        id,
        byId.get(id)?.title,
      ]),
    ).toEqual([
      ['5.1', 'Policies for information security'],
      ['5.7', 'Threat intelligence'],
      ['5.15', 'Access control'],
      ['5.23', 'Information security for use of cloud services'],
      ['5.30', 'ICT readiness for business continuity'],
      ['6.3', 'Information security awareness, education and training'],
      ['7.4', 'Physical security monitoring'],
      ['8.9', 'Configuration management'],
      ['8.13', 'Information backup'],
      ['8.16', 'Monitoring activities'],
      ['8.20', 'Networks security'],
      ['8.22', 'Segregation of networks'],
      ['8.24', 'Use of cryptography'],
      ['8.28', 'Secure coding'],
      ['8.34', 'Protection of information systems during audit testing'],
    ]);
    expect(new Set(iso.map((c) => c.title)).size).toBe(93);
  });

  it('gives the 11 controls new in 2022 no predecessor', () => {
    expect(iso.filter((c) => c.predecessors.length === 0).map((c) => c.id)).toEqual([
      '5.7', '5.23', '5.30', '7.4', '8.9', '8.10', '8.11', '8.12', '8.16', '8.23', '8.28',
    ]);
  });

  it('follows the ISO/IEC 27002:2022 Annex B correspondence', () => {
    const predecessors = Object.fromEntries(
      ['5.1', '5.15', '5.17', '5.18', '5.36', '7.10', '8.1', '8.8', '8.13', '8.15', '8.20', '8.24', '8.32'].map((id) => [id, byId.get(id)?.predecessors]),
    );
    expect(predecessors).toEqual({
      '5.1': ['A.5.1.1', 'A.5.1.2'],
      '5.15': ['A.9.1.1', 'A.9.1.2'],
      '5.17': ['A.9.2.4', 'A.9.3.1', 'A.9.4.3'],
      '5.18': ['A.9.2.2', 'A.9.2.5', 'A.9.2.6'],
      '5.36': ['A.18.2.2', 'A.18.2.3'],
      '7.10': ['A.8.3.1', 'A.8.3.2', 'A.8.3.3', 'A.11.2.5'],
      '8.1': ['A.6.2.1', 'A.11.2.8'],
      '8.8': ['A.12.6.1', 'A.18.2.3'],
      '8.13': ['A.12.3.1'],
      '8.15': ['A.12.4.1', 'A.12.4.2', 'A.12.4.3'],
      '8.20': ['A.13.1.1'],
      '8.24': ['A.10.1.1', 'A.10.1.2'],
      '8.32': ['A.12.1.2', 'A.14.2.2', 'A.14.2.3', 'A.14.2.4'],
    });
  });

  it('accounts for each of the 114 ISO 27001:2013 controls, only A.18.2.3 split in two', () => {
    // Controls per 2013 category, clause by clause (A.5 has one category of 2 controls, A.6 has 5 and 2, ...).
    const categories: Record<number, number[]> = {
      5: [2], 6: [5, 2], 7: [2, 3, 1], 8: [4, 3, 3], 9: [2, 6, 1, 5], 10: [2], 11: [6, 9],
      12: [4, 1, 1, 4, 1, 2, 1], 13: [3, 4], 14: [3, 9, 1], 15: [3, 2], 16: [7], 17: [3, 1], 18: [5, 3],
    };
    const controls2013 = Object.entries(categories).flatMap(([clause, sizes]) =>
      sizes.flatMap((size, category) => Array.from({ length: size }, (_, i) => `A.${clause}.${category + 1}.${i + 1}`)),
    );
    expect(controls2013).toHaveLength(114);
    const cited = iso.flatMap((c) => c.predecessors);
    expect([...new Set(cited)].sort()).toEqual([...controls2013].sort());
    expect(cited.filter((id, i) => cited.indexOf(id) !== i)).toEqual(['A.18.2.3']);
  });

  it('marks what configuration scanning can evidence as automatable', () => {
    for (const id of ['8.13', '8.20', '8.22', '8.24']) expect(byId.get(id)?.automatable, id).toBe(true);
    for (const id of ['5.1', '6.3', ...range('7.', 1, 14)]) expect(byId.get(id)?.automatable, id).toBe(false);
    expect(iso.filter((c) => c.theme === 'people' && c.automatable)).toEqual([]);
  });
});

describe('SOC 2 Trust Services Criteria', () => {
  const soc2 = controlsOf<Soc2Control>(real, 'soc2-2017');

  it('lists exactly the 2017 criteria', () => {
    expect(soc2.map((c) => c.id)).toEqual([
      ...range('CC1.', 1, 5), ...range('CC2.', 1, 3), ...range('CC3.', 1, 4), ...range('CC4.', 1, 2), ...range('CC5.', 1, 3),
      ...range('CC6.', 1, 8), ...range('CC7.', 1, 5), 'CC8.1', ...range('CC9.', 1, 2),
      ...range('A1.', 1, 3), ...range('C1.', 1, 2), ...range('PI1.', 1, 5),
      'P1.1', 'P2.1', ...range('P3.', 1, 2), ...range('P4.', 1, 3), ...range('P5.', 1, 2), ...range('P6.', 1, 7), 'P7.1', 'P8.1',
    ]);
    expect(soc2.every((c) => c.title.length > 0)).toBe(true);
  });

  it('puts each criterion in its series and category', () => {
    const categoryOf = (id: string) => soc2.find((c) => c.id === id)?.category;
    const prefixes: Record<string, string> = { CC: 'security', A: 'availability', C: 'confidentiality', PI: 'processing-integrity', P: 'privacy' };
    for (const control of soc2) expect(categoryOf(control.id), control.id).toBe(prefixes[/^[A-Z]+/.exec(control.id)?.[0] ?? '']);
    expect(soc2.find((c) => c.id === 'CC6.7')).toMatchObject({ series: 'CC6', seriesTitle: 'Logical and physical access controls' });
    expect(soc2.find((c) => c.id === 'CC7.2')).toMatchObject({ series: 'CC7', seriesTitle: 'System operations' });
    expect(soc2.find((c) => c.id === 'A1.2')).toMatchObject({ series: 'A1', automatable: true });
    expect(soc2.find((c) => c.id === 'CC1.1')).toMatchObject({ series: 'CC1', seriesTitle: 'Control environment', automatable: false });
  });
});

describe('GDPR', () => {
  const gdpr = controlsOf<GdprControl>(real, 'gdpr');

  it('lists exactly the articles Evident cites', () => {
    expect(gdpr.map((c) => c.id)).toEqual([
      '5(1)(e)', '5(1)(f)', '25', '28', '30', '32', '32(1)(a)', '32(1)(b)', '32(1)(c)', '32(1)(d)', '33', '44', '45', '46', '47', '48', '49',
    ]);
  });

  it('links the points of article 32 to it', () => {
    expect(gdpr.filter((c) => c.parent !== undefined).map((c) => [c.id, c.parent])).toEqual([
      ['32(1)(a)', '32'],
      ['32(1)(b)', '32'],
      ['32(1)(c)', '32'],
      ['32(1)(d)', '32'],
    ]);
    expect(gdpr.find((c) => c.id === '32(1)(a)')?.title).toBe('Pseudonymisation and encryption of personal data');
  });
});

// ---- broken and mapped catalogs in a temporary controls/ directory ----

const ISO = [
  'framework:',
  '  id: iso27001-2022',
  '  name: ISO/IEC 27001:2022 Annex A',
  '  version: "2022"',
  '  publisher: ISO/IEC',
  '  url: https://www.iso.org/standard/27001',
  'controls:',
  '  - id: "5.1"',
  '    title: Policies for information security',
  '    theme: organizational',
  '    predecessors: [A.5.1.1, A.5.1.2]',
  '  - id: "8.24"',
  '    title: Use of cryptography',
  '    theme: technological',
  '    predecessors: [A.10.1.1, A.10.1.2]',
  '    automatable: true',
  '  - id: "8.13"',
  '    title: Information backup',
  '    theme: technological',
  '    predecessors: [A.12.3.1]',
  '    automatable: true',
];

const SOC2 = [
  'framework:',
  '  id: soc2-2017',
  '  name: AICPA Trust Services Criteria (SOC 2)',
  '  version: "2017"',
  '  publisher: AICPA',
  '  url: https://www.aicpa-cima.com/',
  'series:',
  '  - { id: CC6, title: Logical and physical access controls, category: security }',
  'controls:',
  '  - id: CC6.1',
  '    series: CC6',
  '    title: Access to information assets is restricted',
  '    automatable: true',
];

const GDPR = [
  'framework:',
  '  id: gdpr',
  '  name: General Data Protection Regulation',
  '  version: "2016/679"',
  '  publisher: European Union',
  '  url: https://eur-lex.europa.eu/eli/reg/2016/679/oj',
  'controls:',
  '  - id: "32"',
  '    title: Security of processing',
  '    automatable: true',
  '  - id: "32(1)(a)"',
  '    parent: "32"',
  '    title: Pseudonymisation and encryption',
  '    automatable: true',
];

type Files = Partial<Record<`${'iso27001-2022' | 'soc2-2017' | 'gdpr'}/${'catalog' | 'mapping'}.yaml`, string[] | null>>;

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A controls/ directory holding the small catalogs above with empty mappings, overridden by `files` (null: absent). */
function writeControls(files: Files = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'evident-catalog-'));
  tempDirs.push(root);
  const all: Files = {
    'iso27001-2022/catalog.yaml': ISO,
    'iso27001-2022/mapping.yaml': ['{}'],
    'soc2-2017/catalog.yaml': SOC2,
    'soc2-2017/mapping.yaml': ['{}'],
    'gdpr/catalog.yaml': GDPR,
    'gdpr/mapping.yaml': ['{}'],
    ...files,
  };
  for (const [path, lines] of Object.entries(all)) {
    mkdirSync(join(root, 'controls', path.split('/')[0]), { recursive: true });
    if (lines) writeFileSync(join(root, 'controls', path), `${lines.join('\n')}\n`);
  }
  return join(root, 'controls');
}

function edit(lines: string[], line: number, text: string): string[] {
  return lines.map((old, i) => (i + 1 === line ? text : old));
}

function messages(catalogs: Catalogs): string[] {
  return catalogs.diagnostics.map(formatDiagnostic);
}

const ISO_KEYS = '(expected one of: id, title, automatable, theme, predecessors)';

describe('catalog validation', () => {
  it('loads the small catalogs cleanly', () => {
    const catalogs = loadCatalogs(writeControls());
    expect(catalogs.diagnostics).toEqual([]);
    expect(catalogs.frameworks.map((f) => f.controls.length)).toEqual([3, 1, 2]);
  });

  it('reports an unknown key at its file:line:column and leaves that catalog out', () => {
    const catalogs = loadCatalogs(writeControls({ 'iso27001-2022/catalog.yaml': edit(ISO, 13, '    titel: Use of cryptography') }));
    expect(messages(catalogs)).toEqual([
      'controls/iso27001-2022/catalog.yaml:12:5: error: missing key "title" in controls[1] (config-invalid)',
      `controls/iso27001-2022/catalog.yaml:13:5: error: unknown key "titel" ${ISO_KEYS} (config-invalid)`,
    ]);
    expect(catalogs.frameworks.map((f) => f.framework.id)).toEqual(['soc2-2017', 'gdpr']);
  });

  it('reports a duplicate id where it repeats, naming the first', () => {
    const catalogs = loadCatalogs(writeControls({ 'iso27001-2022/catalog.yaml': edit(ISO, 17, '  - id: "8.24"') }));
    expect(messages(catalogs)).toEqual([
      'controls/iso27001-2022/catalog.yaml:17:9: error: duplicate control id "8.24" (first defined on line 12) (config-invalid)',
    ]);
  });

  it('reports wrong types, telling to quote an id YAML read as a number', () => {
    const broken = edit(edit(edit(ISO, 12, '  - id: 8.20'), 16, '    automatable: "yes"'), 20, '    predecessors: A.12.3.1');
    expect(messages(loadCatalogs(writeControls({ 'iso27001-2022/catalog.yaml': broken })))).toEqual([
      'controls/iso27001-2022/catalog.yaml:12:9: error: controls[1].id: expected a string, got the number 8.20; quote it: "8.20" (config-invalid)',
      'controls/iso27001-2022/catalog.yaml:16:18: error: controls[1].automatable: expected true or false, got the string "yes" (config-invalid)',
      'controls/iso27001-2022/catalog.yaml:20:19: error: controls[2].predecessors: expected a list, got the string "A.12.3.1" (config-invalid)',
    ]);
  });

  it('reports values outside their set and ids in the wrong form', () => {
    const broken = edit(edit(edit(ISO, 2, '  id: iso27001-2013'), 10, '    theme: policy'), 11, '    predecessors: [A.5.1]');
    expect(messages(loadCatalogs(writeControls({ 'iso27001-2022/catalog.yaml': broken })))).toEqual([
      'controls/iso27001-2022/catalog.yaml:2:7: error: framework.id: expected "iso27001-2022", got the string "iso27001-2013" (config-invalid)',
      'controls/iso27001-2022/catalog.yaml:10:12: error: controls[0].theme: expected "organizational" or "people" or "physical" or "technological", got the string "policy" (config-invalid)',
      'controls/iso27001-2022/catalog.yaml:11:20: error: controls[0].predecessors[0]: expected a 2013 Annex A id such as "A.10.1.1", got "A.5.1" (config-invalid)',
    ]);
  });

  it('checks a control theme against its clause', () => {
    const catalogs = loadCatalogs(writeControls({ 'iso27001-2022/catalog.yaml': edit(ISO, 14, '    theme: physical') }));
    expect(messages(catalogs)).toEqual([
      'controls/iso27001-2022/catalog.yaml:14:12: error: control "8.24" is in clause 8, so its theme is technological, not physical (config-invalid)',
    ]);
  });

  it('checks SOC 2 series references', () => {
    const broken = [...SOC2, '  - id: CC7.1', '    series: CC6', '    title: Monitoring', '  - id: CC7.2', '    series: CC7', '    title: Anomalies'];
    expect(messages(loadCatalogs(writeControls({ 'soc2-2017/catalog.yaml': broken })))).toEqual([
      'controls/soc2-2017/catalog.yaml:14:9: error: criterion "CC7.1" does not belong to series "CC6" (config-invalid)',
      'controls/soc2-2017/catalog.yaml:18:13: error: unknown series "CC7" (series: CC6) (config-invalid)',
    ]);
  });

  it('checks GDPR parent links exist and contain the point', () => {
    const broken = [...edit(GDPR, 12, '    parent: "33"'), '  - id: "33(1)"', '    parent: "32"', '    title: Notify the authority'];
    expect(messages(loadCatalogs(writeControls({ 'gdpr/catalog.yaml': broken })))).toEqual([
      'controls/gdpr/catalog.yaml:12:13: error: parent "33" of "32(1)(a)" is not in the catalog (config-invalid)',
      'controls/gdpr/catalog.yaml:16:13: error: "33(1)" is not part of article "32" (config-invalid)',
    ]);
  });

  it('reports YAML syntax errors and missing files without throwing', () => {
    const catalogs = loadCatalogs(writeControls({ 'gdpr/catalog.yaml': [...GDPR, '  - id: "33'], 'soc2-2017/mapping.yaml': null }));
    expect(catalogs.diagnostics).toMatchObject([
      { code: 'read-error', file: 'controls/soc2-2017/mapping.yaml', message: 'cannot read: file not found' },
      { code: 'yaml-syntax', file: 'controls/gdpr/catalog.yaml', line: 16, column: 1, message: 'Missing closing "quote' },
    ]);
    expect(catalogs.frameworks.map((f) => f.framework.id)).toEqual(['iso27001-2022', 'soc2-2017']);
  });
});

describe('mapping validation', () => {
  const RULES = ['EVD-ENC-001', 'EVD-ROT-001', 'EVD-BAK-001', 'EVD-RES-001'];

  it('loads mappings in catalog order, indexes them by rule and computes coverage', () => {
    const catalogs = loadCatalogs(
      writeControls({
        'iso27001-2022/mapping.yaml': [
          '"8.13": { rules: [EVD-BAK-001], rationale: Backups are enabled and retained. }',
          '"8.24": { rules: [EVD-ROT-001, EVD-ENC-001], rationale: Keys rotate within the crypto standard. }',
        ],
        'gdpr/mapping.yaml': ['"32(1)(a)":', '  rules: [EVD-ENC-001]', '  rationale: Personal data is encrypted at rest.'],
      }),
      { ruleIds: RULES },
    );
    expect(catalogs.diagnostics).toEqual([]);
    expect(catalogs.mappings).toEqual([
      { framework: 'iso27001-2022', id: '8.24', rules: ['EVD-ROT-001', 'EVD-ENC-001'], rationale: 'Keys rotate within the crypto standard.' },
      { framework: 'iso27001-2022', id: '8.13', rules: ['EVD-BAK-001'], rationale: 'Backups are enabled and retained.' },
      { framework: 'gdpr', id: '32(1)(a)', rules: ['EVD-ENC-001'], rationale: 'Personal data is encrypted at rest.' },
    ]);

    const index = indexControls(catalogs);
    expect(index.controlsForRule('EVD-ENC-001')).toEqual([
      { framework: 'iso27001-2022', id: '8.24' },
      { framework: 'gdpr', id: '32(1)(a)' },
    ]);
    expect(index.controlsForRule('EVD-RES-001')).toEqual([]);

    const statuses = coverage(catalogs, ['EVD-ENC-001', 'EVD-RES-001']).map((f) => [
      f.framework.id,
      f.controls.map((c) => [c.control.id, c.status, c.rules]),
    ]);
    expect(statuses).toEqual([
      ['iso27001-2022', [['5.1', 'manual', []], ['8.24', 'automated', ['EVD-ENC-001']], ['8.13', 'not-covered', []]]],
      ['soc2-2017', [['CC6.1', 'not-covered', []]]],
      ['gdpr', [['32', 'not-covered', []], ['32(1)(a)', 'automated', ['EVD-ENC-001']]]],
    ]);
  });

  it('checks references both ways: controls in the catalog, rules in the rule list', () => {
    const catalogs = loadCatalogs(
      writeControls({
        'iso27001-2022/mapping.yaml': [
          '"8.99": { rules: [EVD-ENC-001], rationale: No such control. }',
          '"8.24": { rules: [EVD-ENC-001, EVD-ENC-404, EVD-ENC-001], rationale: Keys are encrypted. }',
          '"5.1": { rules: [EVD-ROT-001], rationale: Policies cannot be scanned. }',
        ],
      }),
      { ruleIds: RULES },
    );
    expect(messages(catalogs)).toEqual([
      'controls/iso27001-2022/mapping.yaml:1:1: error: unknown control "8.99": not in controls/iso27001-2022/catalog.yaml (config-invalid)',
      'controls/iso27001-2022/mapping.yaml:2:32: error: unknown rule "EVD-ENC-404" for control "8.24" (config-invalid)',
      'controls/iso27001-2022/mapping.yaml:2:45: error: control "8.24" lists rule "EVD-ENC-001" twice (config-invalid)',
      'controls/iso27001-2022/mapping.yaml:3:1: error: control "5.1" is not automatable in controls/iso27001-2022/catalog.yaml; mark it automatable or drop its rules (config-invalid)',
    ]);
    expect(catalogs.mappings).toEqual([{ framework: 'iso27001-2022', id: '8.24', rules: ['EVD-ENC-001'], rationale: 'Keys are encrypted.' }]);
  });

  it('skips the rule check when no rule list is given', () => {
    const catalogs = loadCatalogs(writeControls({ 'soc2-2017/mapping.yaml': ['CC6.1: { rules: [EVD-NET-007], rationale: Subnets deny inbound by default. }'] }));
    expect(catalogs.diagnostics).toEqual([]);
    expect(indexControls(catalogs).controlsForRule('EVD-NET-007')).toEqual([{ framework: 'soc2-2017', id: 'CC6.1' }]);
  });

  it('reports unquoted control ids, unknown keys, bad rule ids and missing rationale', () => {
    const catalogs = loadCatalogs(
      writeControls({
        'iso27001-2022/mapping.yaml': ['8.24: { rules: [EVD-ENC-001], rationale: Unquoted, this is the number 8.24. }'],
        'gdpr/mapping.yaml': [
          '"32":',
          '  policies: [EVD-ENC-001]',
          '  rationale: STYLE.md spelled it policies.',
          '"32(1)(a)":',
          '  rules: [enc-1]',
        ],
      }),
    );
    expect(messages(catalogs)).toEqual([
      'controls/iso27001-2022/mapping.yaml:1:1: error: control id must be a string; quote it: "8.24" (config-invalid)',
      'controls/gdpr/mapping.yaml:2:3: error: missing key "rules" in ["32"] (config-invalid)',
      'controls/gdpr/mapping.yaml:2:3: error: unknown key "policies" (expected one of: rules, rationale) (config-invalid)',
      'controls/gdpr/mapping.yaml:5:3: error: missing key "rationale" in ["32(1)(a)"] (config-invalid)',
      'controls/gdpr/mapping.yaml:5:11: error: ["32(1)(a)"].rules[0]: expected a rule id such as "EVD-ENC-001", got "enc-1" (config-invalid)',
    ]);
    expect(catalogs.mappings).toEqual([]);
  });
});
