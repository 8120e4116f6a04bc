import { describe, expect, it } from 'vitest';
import { parseInto } from '../../../src/parsers/helm/chart/strvals.js';
import { renderChart, type RenderOptions } from '../../../src/parsers/helm/render.js';
import { toPlainJson, newMap } from '../../../src/parsers/helm/template/value.js';
import { FIXTURES } from '../../helpers/paths.js';
import { describeWithHelm, helm, yamlDocuments } from './oracle.js';

const APP = `${FIXTURES}/helm/app`;
const PROD = `${FIXTURES}/helm/values/prod.yaml`;
const OVERRIDE = `${FIXTURES}/helm/values/override.yaml`;

function manifests(options: RenderOptions): Record<string, unknown>[] {
  const result = renderChart(APP, { releaseName: 'rel', namespace: 'ns1', ...options });
  expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  return yamlDocuments(result.manifests.map((m) => `---\n${m.text}\n`).join('')) as Record<string, unknown>[];
}

function find(docs: Record<string, unknown>[], kind: string, name: string): Record<string, unknown> {
  const doc = docs.find((d) => d.kind === kind && (d.metadata as { name: string }).name === name);
  if (doc === undefined) throw new Error(`${kind}/${name} not rendered`);
  return doc;
}

describe('values precedence (chart defaults < -f files in order < --set)', () => {
  it('later values files win, maps merge, null removes a default', () => {
    const docs = manifests({ valuesFiles: [PROD, OVERRIDE] });
    const deployment = find(docs, 'Deployment', 'rel-app') as { spec: { replicas: number; template: { spec: { containers: Record<string, unknown>[] } } } };
    const container = deployment.spec.template.spec.containers[0];
    expect(deployment.spec.replicas).toBe(5);
    expect(container.image).toBe('registry.example.com/app:2.2');
    expect(container.securityContext).toEqual({ privileged: false, runAsUser: 1000 });
    expect(container.env).toEqual([
      { name: 'ENVIRONMENT', value: 'prod' },
      { name: 'LOG_LEVEL', value: 'DEBUG' },
    ]);
  });

  it('--set beats every file and follows Helm 3.10 type inference', () => {
    const docs = manifests({ valuesFiles: [OVERRIDE, PROD], set: ['replicaCount=7,image.tag=3.0', 'securityContext.privileged=true'] });
    const deployment = find(docs, 'Deployment', 'rel-app') as { spec: { replicas: number; template: { spec: { containers: Record<string, unknown>[] } } } };
    expect(deployment.spec.replicas).toBe(7);
    expect(deployment.spec.template.spec.containers[0].image).toBe('registry.example.com/app:3.0');
    expect(deployment.spec.template.spec.containers[0].securityContext).toEqual({ privileged: true, runAsUser: 1000 });
  });

  it('switches subcharts with condition and tags, and reads a packaged subchart', () => {
    const off = manifests({ set: ['api.enabled=false'] });
    expect(off.some((d) => (d.metadata as { name: string }).name === 'rel-api')).toBe(false);
    const extras = manifests({ set: ['tags.extras=true', 'global.environment=qa'] });
    expect(find(extras, 'ConfigMap', 'rel-extras').data).toEqual({ message: 'from-archive', environment: 'qa' });
  });

  it('renames aliased subcharts, imports their exported values, and lets parent values win', () => {
    const docs = manifests({});
    const api = find(docs, 'Deployment', 'rel-api') as { spec: { replicas: number; template: { spec: { containers: { name: string; env: unknown }[] } } } };
    expect(api.spec.replicas).toBe(1);
    expect(api.spec.template.spec.containers[0].name).toBe('api');
    expect(api.spec.template.spec.containers[0].env).toEqual([
      { name: 'ENVIRONMENT', value: 'dev' },
      { name: 'SHARED', value: 'hello-from-api' },
    ]);
    expect(find(docs, 'ConfigMap', 'rel-app-config').data).toMatchObject({ imported: '{"answer":42,"fromParent":"kept"}' });
  });

  it('rejects values that break values.schema.json, naming the chart and path', () => {
    const result = renderChart(APP, { set: ['replicaCount=-1'] });
    expect(result.manifests).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        code: 'helm-values-schema',
        level: 'error',
        file: 'values.schema.json',
        message: "values don't meet the specifications of the schema(s) in the following chart(s):\napp:\n- replicaCount: Must be greater than or equal to 0\n",
      },
    ]);
  });
});

describe('strvals (--set syntax)', () => {
  const parse = (...lines: string[]): unknown => {
    const dest = newMap();
    for (const line of lines) parseInto(line, dest);
    return toPlainJson(dest);
  };

  it('infers types like Helm 3.10: int64 without leading zero, bool, null, everything else a string', () => {
    expect(parse('a=1,b=true,c=null,d=0,e=007,f=1.5,g=TRUE,h=-3,i=')).toEqual({ a: 1, b: true, c: null, d: 0, e: '007', f: '1.5', g: true, h: -3, i: '' });
  });

  it('builds nested maps, lists, list literals and honours escapes', () => {
    expect(parse('a.b.c=x', 'list[1]=y', 'arr={a,b,c}', 'esc=a\\,b', 'dotted\\.key=v', 'l[0].name=n', 'l[0].port=80')).toEqual({
      a: { b: { c: 'x' } },
      list: [null, 'y'],
      arr: ['a', 'b', 'c'],
      esc: 'a,b',
      'dotted.key': 'v',
      l: [{ name: 'n', port: 80 }],
    });
  });

  it('reports malformed input with Helm\'s messages', () => {
    expect(() => parse('novalue')).toThrow('key "novalue" has no value');
    expect(() => parse('a,b=1')).toThrow('key "a" has no value (cannot end with ,)');
    expect(() => parse('list[x]=1')).toThrow('error parsing index: strconv.Atoi: parsing "x": invalid syntax');
    expect(() => parse('arr={a,b')).toThrow("list must terminate with '}'");
    expect(() => parse('l[-1]=1')).toThrow('negative -1 index not allowed');
  });
});

describeWithHelm('values files and --set against helm 3.10.1', () => {
  const scenarios: { name: string; options: RenderOptions; args: string[] }[] = [
    { name: 'defaults', options: {}, args: [] },
    { name: 'two values files', options: { valuesFiles: [PROD, OVERRIDE] }, args: ['-f', PROD, '-f', OVERRIDE] },
    { name: 'values files in the other order', options: { valuesFiles: [OVERRIDE, PROD] }, args: ['-f', OVERRIDE, '-f', PROD] },
    {
      name: '--set over files, tags, list index, condition',
      options: { valuesFiles: [OVERRIDE, PROD], set: ['replicaCount=7,image.tag=3.0', 'tags.extras=true', 'podAnnotations.list[1]=b', 'api.enabled=false'] },
      args: ['-f', OVERRIDE, '-f', PROD, '--set', 'replicaCount=7,image.tag=3.0', '--set', 'tags.extras=true', '--set', 'podAnnotations.list[1]=b', '--set', 'api.enabled=false'],
    },
    {
      name: '--set null and --set-string',
      options: { set: ['securityContext=null', 'global.environment=qa,service.port=9090'], setString: ['image.tag=0010'] },
      args: ['--set', 'securityContext=null', '--set', 'global.environment=qa,service.port=9090', '--set-string', 'image.tag=0010'],
    },
    {
      name: 'kube version, extra API versions, upgrade, CRDs',
      options: { kubeVersion: 'v1.29.3', apiVersions: ['example.com/v1'], isUpgrade: true, includeCrds: true },
      args: ['--kube-version', 'v1.29.3', '--api-versions', 'example.com/v1', '--is-upgrade', '--include-crds'],
    },
    { name: 'no hooks', options: { noHooks: true }, args: ['--no-hooks'] },
    { name: 'skip tests', options: { skipTests: true }, args: ['--skip-tests'] },
  ];
  for (const s of scenarios) {
    it(s.name, () => {
      const ours = manifests(s.options);
      const theirs = helm(['template', 'rel', APP, '--namespace', 'ns1', ...s.args]);
      expect(theirs.error).toBeUndefined();
      expect(ours).toEqual(yamlDocuments(theirs.stdout));
    });
  }

  it('fails like helm when the chart needs a newer Kubernetes', () => {
    const ours = renderChart(APP, { kubeVersion: '1.18.0' });
    const theirs = helm(['template', 'rel', APP, '--kube-version', '1.18.0']);
    expect(ours.diagnostics.map((d) => d.message)).toEqual([theirs.error]);
    expect(ours.diagnostics[0]).toMatchObject({ code: 'helm-render', file: 'Chart.yaml' });
  });
});
