import { describe, expect, it } from 'vitest';
import { renderChart, renderChartFiles, type RenderOptions } from '../../../src/parsers/helm/render.js';
import { describeWithShared, sharedPath } from '../../helpers/shared.js';
import { FIXTURES } from '../../helpers/paths.js';
import { tempChart } from './chart-fixture.js';
import { describeWithHelm, helm } from './oracle.js';

const OBJECTS_TEMPLATE = `glob: {{ range $p, $_ := .Files.Glob "**" }}{{ $p }} {{ end }}
get: [{{ .Files.Get "secret/x" }}] [{{ .Files.Get "files/a.txt" | trim }}] [{{ .Files.Get "keep.bak" | trim }}]
lines: {{ .Files.Lines "files/lines.txt" | toJson }}
config: {{ (.Files.Glob "files/*.txt").AsConfig | toJson }}
secrets: {{ (.Files.Glob "files/a.txt").AsSecrets | toJson }}
bytes: {{ .Files.GetBytes "files/a.txt" }}
lookup: {{ lookup "v1" "Secret" "default" "x" | toJson }}
caps: {{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.APIVersions.Has "batch/v1" }} {{ .Capabilities.APIVersions.Has "example.com/v1" }} {{ .Capabilities.APIVersions.Has "example.com/v1/Widget" }}
template: {{ .Template.Name }} {{ .Template.BasePath }}
release: {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Service }} {{ .Release.Revision }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }}
chart: {{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.IsRoot }} {{ .Chart.APIVersion }}
`;

const OBJECTS_FILES = {
  '.helmignore': 'secret/\n*.bak\n# comment\nfiles/skip-*.txt\n',
  'templates/t.yaml': OBJECTS_TEMPLATE,
  'files/a.txt': 'a\n',
  'files/b.bak': 'b\n',
  'files/skip-1.txt': 'skip\n',
  'files/lines.txt': 'line1\nline2\n',
  'secret/x': 's\n',
  'keep.bak': 'k\n',
};

const OBJECTS_OPTIONS: RenderOptions = { releaseName: 'rn', namespace: 'ns', kubeVersion: '1.27.3', apiVersions: ['example.com/v1/Widget'] };

/** What helm 3.10.1 prints for OBJECTS_TEMPLATE with OBJECTS_OPTIONS. */
const OBJECTS_OUTPUT = `glob: .helmignore files/a.txt files/lines.txt 
get: [] [a] []
lines: ["line1","line2",""]
config: "a.txt: |\\n  a\\nlines.txt: |\\n  line1\\n  line2"
secrets: "a.txt: YQo="
bytes: [97 10]
lookup: {}
caps: v1.27.3 1 27 true false true
template: t/templates/t.yaml t/templates
release: rn ns Helm 1 true false
chart: t 0.1.0 true v2
`;

function renderedText(dir: string, options: RenderOptions): string {
  const result = renderChartFiles(dir, options);
  expect(result.diagnostics).toEqual([]);
  return result.files.find((f) => f.template === 't/templates/t.yaml')?.text ?? '';
}

describe('built-in objects and chart files', () => {
  it('.Files honours .helmignore; .Capabilities, .Release, .Chart and .Template read like helm template', () => {
    const chart = tempChart(OBJECTS_FILES);
    expect(renderedText(chart.dir, OBJECTS_OPTIONS)).toBe(OBJECTS_OUTPUT);
  });

  it('a negated .helmignore rule ignores every path it does not match, Chart.yaml included (Helm\'s pkg/ignore behaviour)', () => {
    const chart = tempChart({ ...OBJECTS_FILES, '.helmignore': '*.bak\n!keep.bak\n' });
    const result = renderChart(chart.dir, OBJECTS_OPTIONS);
    expect(result.diagnostics.map((d) => d.message)).toEqual(['Chart.yaml file is missing']);
  });

  it('dates use the clock passed in, random functions the seed', () => {
    const chart = tempChart({ 'templates/t.yaml': '{{ now | date "2006-01-02T15:04:05Z07:00" }} {{ now | unixEpoch }} {{ randAlphaNum 12 }} {{ uuidv4 }}' });
    const now = new Date(Date.UTC(2024, 1, 29, 13, 4, 5));
    const first = renderedText(chart.dir, { now });
    expect(first).toMatch(/^2024-02-29T13:04:05Z 1709211845 [A-Za-z0-9]{12} [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(renderedText(chart.dir, { now })).toBe(first);
    expect(renderedText(chart.dir, { now, seed: 7 })).not.toBe(first);
  });
});

describe('rendering is deterministic', () => {
  it('the fixture chart renders to identical bytes and line maps twice', () => {
    const options: RenderOptions = { releaseName: 'rel', valuesFiles: [`${FIXTURES}/helm/values/prod.yaml`] };
    const first = renderChart(`${FIXTURES}/helm/app`, options);
    const second = renderChart(`${FIXTURES}/helm/app`, options);
    expect(first.manifests.length).toBeGreaterThan(0);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});

describeWithShared('rendering a corpus chart is deterministic', () => {
  it('keycloak (random passwords, checksums, subcharts) renders identically twice', () => {
    const dir = sharedPath('corpus/helm/keycloak');
    const first = renderChart(dir, { releaseName: 'release-name' });
    expect(first.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(JSON.stringify(renderChart(dir, { releaseName: 'release-name' }))).toBe(JSON.stringify(first));
  });
});

describeWithHelm('built-in objects against helm 3.10.1', () => {
  it('prints the same objects and files', () => {
    const chart = tempChart(OBJECTS_FILES);
    const theirs = helm(['template', 'rn', chart.dir, '--namespace', 'ns', '--kube-version', '1.27.3', '--api-versions', 'example.com/v1/Widget', '--debug']).stdout;
    expect(theirs).toContain(`# Source: t/templates/t.yaml\n${OBJECTS_OUTPUT}`);
  });
});
