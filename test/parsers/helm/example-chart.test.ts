import path from 'node:path';
import { expect, it } from 'vitest';
import { renderChart, type RenderedManifest } from '../../../src/parsers/helm/render.js';
import { FIXTURES } from '../../helpers/paths.js';
import { describeWithHelm, helm, yamlDocuments } from './oracle.js';

const CHART = path.join(FIXTURES, 'complianceflow', 'charts', 'complianceflow');

function stream(manifests: RenderedManifest[]): string {
  return manifests.map((m) => `---\n# Source: ${m.template}\n${m.text}\n`).join('');
}

describeWithHelm("the example repository's chart rendered in-process matches helm template 3.10.1", () => {
  for (const release of ['default', 'dev', 'prod'] as const) {
    it(release === 'default' ? 'with its default values' : `with values-${release}.yaml, as the config's ${release} release`, () => {
      const valuesFiles = release === 'default' ? [] : [path.join(CHART, `values-${release}.yaml`)];
      const ours = renderChart(CHART, { releaseName: 'complianceflow', namespace: 'app-cf', valuesFiles });
      expect(ours.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
      const oracle = helm(['template', 'complianceflow', CHART, '--namespace', 'app-cf', ...valuesFiles.flatMap((file) => ['-f', file])]);
      expect(oracle.error).toBeUndefined();
      const theirs = yamlDocuments(oracle.stdout);
      expect(theirs.length).toBeGreaterThan(5);
      expect(yamlDocuments(stream(ours.manifests))).toEqual(theirs);
    });
  }
});
