import { describe, expect, it } from 'vitest';
import { parseHelmChart } from '../../../src/parsers/helm/index.js';
import { renderChart, type RenderedManifest } from '../../../src/parsers/helm/render.js';
import { FIXTURES, REPO_ROOT } from '../../helpers/paths.js';

const APP = `${FIXTURES}/helm/app`;
const DEPLOYMENT_TEMPLATE = 'fixtures/helm/app/templates/deployment.yaml';

function deployment(valuesFiles: string[] = []): RenderedManifest {
  const result = renderChart(APP, { releaseName: 'rel', repoRoot: REPO_ROOT, valuesFiles });
  expect(result.diagnostics).toEqual([]);
  const found = result.manifests.find((m) => m.kind === 'Deployment' && m.name === 'rel-app');
  if (found === undefined) throw new Error('Deployment rel-app not rendered');
  return found;
}

function lineOf(manifest: RenderedManifest, text: string): RenderedManifest['lines'][number] {
  const index = manifest.text.split('\n').findIndex((l) => l.trim() === text);
  if (index < 0) throw new Error(`${JSON.stringify(text)} not in\n${manifest.text}`);
  return manifest.lines[index];
}

describe('rendered lines map back to template lines and values keys', () => {
  it('has one record per output line', () => {
    const m = deployment();
    expect(m.lines).toHaveLength(m.text.split('\n').length);
    expect(m.file).toBe(DEPLOYMENT_TEMPLATE);
    expect(m.template).toBe('app/templates/deployment.yaml');
  });

  it('traces `privileged: true` from toYaml | nindent to the template line and to values.yaml', () => {
    expect(lineOf(deployment(), 'privileged: true')).toEqual({
      file: DEPLOYMENT_TEMPLATE,
      line: 27,
      origin: { file: 'fixtures/helm/app/values.yaml', line: 8, description: 'fixtures/helm/app/values.yaml: securityContext.privileged' },
    });
  });

  it('names the values file that won when an extra -f file overrides the key', () => {
    expect(lineOf(deployment([`${FIXTURES}/helm/values/override.yaml`]), 'privileged: false')).toEqual({
      file: DEPLOYMENT_TEMPLATE,
      line: 27,
      origin: { file: 'fixtures/helm/values/override.yaml', line: 4, description: 'fixtures/helm/values/override.yaml: securityContext.privileged' },
    });
  });

  it('traces plain value actions, and leaves template text without a values origin', () => {
    const m = deployment();
    expect(lineOf(m, 'replicas: 2')).toEqual({
      file: DEPLOYMENT_TEMPLATE,
      line: 8,
      origin: { file: 'fixtures/helm/app/values.yaml', line: 2, description: 'fixtures/helm/app/values.yaml: replicaCount' },
    });
    expect(lineOf(m, 'imagePullPolicy: IfNotPresent').origin?.description).toBe('fixtures/helm/app/values.yaml: image.pullPolicy');
    expect(lineOf(m, 'kind: Deployment')).toEqual({ file: DEPLOYMENT_TEMPLATE, line: 2 });
    expect(lineOf(m, '- name: app')).toEqual({ file: DEPLOYMENT_TEMPLATE, line: 23 });
    // Lines printed by an include keep the line of the include action.
    expect(lineOf(m, 'helm.sh/chart: app-1.2.3')).toEqual({ file: DEPLOYMENT_TEMPLATE, line: 6 });
  });

  it('maps subchart manifests to the subchart template file and global values to the parent values file', () => {
    const result = renderChart(APP, { releaseName: 'rel', repoRoot: REPO_ROOT });
    const api = result.manifests.find((m) => m.kind === 'Deployment' && m.name === 'rel-api');
    if (api === undefined) throw new Error('Deployment rel-api not rendered');
    expect(api.template).toBe('app/charts/api/templates/deployment.yaml');
    expect(api.file).toBe('fixtures/helm/app/charts/backend/templates/deployment.yaml');
    expect(lineOf(api, 'value: dev')).toEqual({
      file: 'fixtures/helm/app/charts/backend/templates/deployment.yaml',
      line: 14,
      origin: { file: 'fixtures/helm/app/values.yaml', line: 22, description: 'fixtures/helm/app/values.yaml: global.environment' },
    });
    expect(lineOf(api, 'replicas: 1').origin?.description).toBe('fixtures/helm/app/values.yaml: api.replicas');
  });
});

describe('parseHelmChart', () => {
  const parsed = parseHelmChart(APP, REPO_ROOT, { releaseName: 'rel', deployment: 'westeu-dev-1' });

  it('reads every rendered manifest as a helm resource of the release, in the deployment it stands for', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.resources.map((r) => r.address)).toEqual([
      'ConfigMap/default/rel-app-config',
      'ConfigMap/default/rel-app-api',
      'Service/default/rel-app',
      'Deployment/default/rel-api',
      'Deployment/default/rel-app',
      'Pod/default/rel-app-test',
      'Job/default/rel-app-migrate',
    ]);
    for (const r of parsed.resources) {
      expect(r.source).toBe('helm');
      expect(r.deployment).toBe('westeu-dev-1');
    }
    const test = parsed.resources.find((r) => r.address === 'Pod/default/rel-app-test');
    expect(test?.meta).toMatchObject({ chart: 'app', release: 'rel', template: 'app/templates/tests/test-connection.yaml', helmHook: 'test' });
    const api = parsed.resources.find((r) => r.address === 'Deployment/default/rel-api');
    expect(api?.meta?.chart).toBe('api');
    // Like `helm template`, a render without a declared deployment stands for none.
    expect(parseHelmChart(APP, REPO_ROOT, { releaseName: 'rel' }).resources.every((r) => r.deployment === undefined)).toBe(true);
  });

  it('points resource locations at template lines and origins at values keys', () => {
    const app = parsed.resources.find((r) => r.address === 'Deployment/default/rel-app');
    if (app === undefined) throw new Error('Deployment rel-app missing');
    expect(app.file).toBe(DEPLOYMENT_TEMPLATE);
    expect(app.line).toBe(1);
    expect(app.endLine).toBe(34);
    const privileged = 'spec.template.spec.containers[0].securityContext.privileged';
    expect(app.attributes).toMatchObject({ spec: { template: { spec: { containers: [{ securityContext: { privileged: true } }] } } } });
    expect(app.locations[privileged]).toEqual({ file: DEPLOYMENT_TEMPLATE, line: 27 });
    expect(app.origins?.[privileged]).toEqual({ file: 'fixtures/helm/app/values.yaml', line: 8, description: 'fixtures/helm/app/values.yaml: securityContext.privileged' });
    expect(app.locations['spec.template.spec.containers[0].imagePullPolicy']).toEqual({ file: DEPLOYMENT_TEMPLATE, line: 25 });

    const second = parsed.resources.find((r) => r.address === 'ConfigMap/default/rel-app-api');
    expect(second?.file).toBe('fixtures/helm/app/templates/configmap.yaml');
    expect(second?.line).toBe(17);
  });

  it('turns a chart that fails to render into one diagnostic and no resources', () => {
    const failed = parseHelmChart(APP, REPO_ROOT, { set: ['replicaCount=many'] });
    expect(failed.resources).toEqual([]);
    expect(failed.diagnostics).toHaveLength(1);
    expect(failed.diagnostics[0]).toMatchObject({ code: 'helm-values-schema', level: 'error', file: 'fixtures/helm/app/values.schema.json' });
  });
});
