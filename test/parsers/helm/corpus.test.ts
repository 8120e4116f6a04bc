import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderChart, type RenderedManifest } from '../../../src/parsers/helm/render.js';
import { describeWithShared, HAS_SHARED, sharedPath } from '../../helpers/shared.js';
import { describeWithHelm, differingPaths, helm, identity, mask, yamlDocuments, type Json } from './oracle.js';

const CORPUS = sharedPath('corpus', 'helm');
const charts = HAS_SHARED ? readdirSync(CORPUS).sort() : [];

function stream(manifests: RenderedManifest[]): string {
  return manifests.map((m) => `---\n# Source: ${m.template}\n${m.text}\n`).join('');
}

/**
 * The only values allowed to differ from Helm's are those that change with the random seed:
 * generated passwords, keys and certificates (Helm draws them from crypto/rand, we from a seeded
 * generator), and the checksum annotations computed from those secrets. Each masked path must be
 * one of these.
 */
const RANDOM_PATHS = [/^\/data\/[^/]+$/, /^\/stringData\/[^/]+$/, /^\/spec\/template\/metadata\/annotations\/checksum~1[^/]+$/, /^\/spec\/template\/metadata\/annotations\/checksum\/[^/]+$/];

describeWithShared('Helm corpus rendered in-process matches helm template 3.10.1', () => {
  describeWithHelm('bitnami charts with default values', () => {
    it('covers the 13 corpus charts', () => {
      expect(charts).toHaveLength(13);
    });

    for (const chart of charts) {
      it(chart, () => {
        const dir = `${CORPUS}/${chart}`;
        const ours = renderChart(dir, { releaseName: 'release-name', namespace: 'default' });
        expect(ours.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
        const reseeded = renderChart(dir, { releaseName: 'release-name', namespace: 'default', seed: 987654321 });

        const oracle = helm(['template', 'release-name', dir, '--namespace', 'default']);
        expect(oracle.error).toBeUndefined();

        const mine = yamlDocuments(stream(ours.manifests));
        const other = yamlDocuments(stream(reseeded.manifests));
        const theirs = yamlDocuments(oracle.stdout);
        expect(mine.map(identity)).toEqual(theirs.map(identity));

        mine.forEach((doc, i) => {
          const random = new Set<string>();
          differingPaths(doc, other[i], '', random);
          for (const path of random) expect(RANDOM_PATHS.some((re) => re.test(path)), `${identity(doc)} ${path} depends on the seed`).toBe(true);
          expect(mask(doc, random), identity(doc)).toEqual(mask(theirs[i] as Json, random));
        });
      });
    }
  });
});
