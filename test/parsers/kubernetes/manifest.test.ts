import { describe, expect, it } from 'vitest';
import { resourcesFromYaml } from '../../../src/parsers/kubernetes/manifest.js';

describe('resourcesFromYaml', () => {
  it('reads every document of a multi-document file with the line of each attribute', () => {
    const text = ['apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: app-shared', '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', '  namespace: app-shared', 'spec:', '  replicas: 2', ''].join('\n');
    const { resources, diagnostics } = resourcesFromYaml(text, 'k8s/app.yaml');
    expect(diagnostics).toEqual([]);
    expect(resources.map((r) => [r.address, r.line, r.endLine])).toEqual([
      ['Namespace/app-shared', 1, 4],
      ['Deployment/app-shared/api', 6, 12],
    ]);
    expect(resources[1].locations['spec.replicas']).toEqual({ file: 'k8s/app.yaml', line: 12, column: 3 });
    expect(resources[1].attributes).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'app-shared' }, spec: { replicas: 2 } });
  });

  it('flattens List kinds and keeps item lines', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } }] }, null, 2);
    const { resources } = resourcesFromYaml(text, 'list.json');
    expect(resources).toHaveLength(1);
    expect(resources[0].address).toBe('ConfigMap/default/a');
    expect(resources[0].locations['data.k'].line).toBe(text.split('\n').findIndex((l) => l.includes('"k"')) + 1);
  });

  it('quietly skips documents without apiVersion and kind', () => {
    const { resources, diagnostics } = resourcesFromYaml('name: values\nreplicas: 3\n---\n# only a comment\n', 'values.yaml');
    expect(resources).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it('reports malformed YAML with file, line and column and keeps the good documents', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n';
    const { resources, diagnostics } = resourcesFromYaml(text, 'bad.yaml');
    expect(resources.map((r) => r.address)).toEqual(['ConfigMap/default/ok']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-syntax', level: 'error', file: 'bad.yaml', line: 9, column: 1 });
    expect(diagnostics[0].message).toMatch(/Flow sequence/);
  });

  it('places cluster-scoped kinds without a namespace and defaults namespaced kinds to "default"', () => {
    const { resources } = resourcesFromYaml('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n', 'x.yaml');
    expect(resources.map((r) => r.address)).toEqual(['ClusterRole/reader', 'Service/default/web']);
  });

  it('marks Secret data and secret-named literal env values as sensitive', () => {
    const text = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: hunter2hunter2\n';
    expect(resourcesFromYaml(text, 's.yaml').resources[0].sensitive).toEqual(['stringData.password']);
  });

  it('stops alias bombs with a diagnostic instead of expanding them', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    const { resources, diagnostics } = resourcesFromYaml(text, 'bomb.yaml');
    expect(resources).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-syntax', file: 'bomb.yaml', line: 1 });
    expect(diagnostics[0].message).toMatch(/alias/);
  });

  it('reads YAML 1.1 octal file modes as Kubernetes does', () => {
    const { resources } = resourcesFromYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes:\n    - name: c\n      configMap: {name: c, defaultMode: 0644}\n', 'p.yaml');
    expect(resources[0].attributes).toMatchObject({ spec: { volumes: [{ configMap: { defaultMode: 420 } }] } });
  });

  it('merges YAML 1.1 merge keys as Kubernetes does: own keys win, merged values keep the anchor\'s line', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'x-defaults: &restricted',
      '  privileged: true',
      '  runAsUser: 0',
      'spec:',
      '  containers:',
      '    - name: app',
      '      securityContext:',
      '        <<: *restricted',
      '        runAsUser: 1000',
      '',
    ].join('\n');
    const { resources, diagnostics } = resourcesFromYaml(text, 'pod.yaml');
    expect(diagnostics).toEqual([]);
    expect((resources[0].attributes.spec as { containers: unknown[] }).containers[0]).toEqual({ name: 'app', securityContext: { runAsUser: 1000, privileged: true } });
    expect(resources[0].locations['spec.containers[0].securityContext.privileged']).toEqual({ file: 'pod.yaml', line: 6, column: 3 });
    expect(resources[0].locations['spec.containers[0].securityContext.runAsUser']).toEqual({ file: 'pod.yaml', line: 13, column: 9 });
  });

  it('refuses a merge key that merges something other than a map, and keeps keys such as __proto__ as data', () => {
    const bad = resourcesFromYaml('apiVersion: v1\nkind: Pod\nmetadata:\n  <<: 5\n', 'bad.yaml');
    expect(bad.resources).toEqual([]);
    expect(bad.diagnostics.map((d) => [d.line, d.message])).toEqual([[1, 'document not scanned: a merge key (<<) must merge a map, an alias of a map, or a list of them']]);
    const odd = resourcesFromYaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  __proto__: {polluted: yes}\n? [complex, key]\n: v\n', 'odd.yaml');
    const metadata = odd.resources[0].attributes.metadata as Record<string, unknown>;
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.keys(metadata)).toEqual(['name', '__proto__']);
    expect(odd.resources[0].attributes['[complex, key]']).toBe('v');
  });
});
