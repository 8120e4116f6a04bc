/**
 * Helm ingest: renders a chart in-process and reads each manifest as Kubernetes resources whose
 * locations point at the template lines (and values-file keys) that produced them.
 */
import { resolve } from 'node:path';
import type { SourceLocation } from '../../model/index.js';
import { resourcesFromYaml } from '../kubernetes/manifest.js';
import type { ParsedResource, ParseResult } from '../types.js';
import { renderChart, type RenderedManifest, type RenderOptions } from './render.js';

export { renderChart, renderChartFiles } from './render.js';
export type { ManifestLine, RenderedManifest, RenderOptions, RenderResult } from './render.js';

export type HelmChartOptions = Omit<RenderOptions, 'repoRoot'> & {
  /** The deployment (environment) this release stands for; resources and findings carry it. */
  deployment?: string;
};

function sourceMapOf(manifest: RenderedManifest): { locate(line: number): SourceLocation; origin(line: number): RenderedManifest['lines'][number]['origin'] } {
  return {
    locate(line: number): SourceLocation {
      const at = manifest.lines[line - 1];
      // Lines with no template behind them (none in practice) fall back to the template's first line.
      return at === undefined || at.file === '' ? { file: manifest.file, line: 1 } : { file: at.file, line: at.line };
    },
    origin(line: number) {
      return manifest.lines[line - 1]?.origin;
    },
  };
}

/** The (sub)chart a template belongs to: `app/charts/db/templates/x.yaml` → `db`. */
function chartOf(template: string): string {
  const parts = template.split('/');
  let i = 0;
  while (parts[i + 1] === 'charts' && i + 2 < parts.length) i += 2;
  return parts[i];
}

/**
 * Renders the chart at `chartDir` (like `helm template`) and parses every manifest. Paths in the
 * result are relative to `repoRoot`. A chart that fails to render yields one diagnostic and no resources.
 */
export function parseHelmChart(chartDir: string, repoRoot: string, options: HelmChartOptions = {}): ParseResult {
  const releaseName = options.releaseName ?? 'release-name';
  const { deployment: _deployment, ...renderOptions } = options;
  const rendered = renderChart(chartDir, { ...renderOptions, releaseName, missingDependencies: options.missingDependencies ?? 'skip', repoRoot: resolve(repoRoot) });
  const resources: ParsedResource[] = [];
  const diagnostics = [...rendered.diagnostics];
  for (const manifest of rendered.manifests) {
    const meta: Record<string, string> = { chart: chartOf(manifest.template), release: releaseName, template: manifest.template };
    if (manifest.hook !== undefined) meta.helmHook = manifest.hook.join(',');
    const parsed = resourcesFromYaml(manifest.text, manifest.file, { source: 'helm', sourceMap: sourceMapOf(manifest), meta, ...(options.deployment === undefined ? {} : { deployment: options.deployment }) });
    resources.push(...parsed.resources);
    diagnostics.push(...parsed.diagnostics);
  }
  return { resources, diagnostics };
}
