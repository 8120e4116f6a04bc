/** Throwaway charts for tests: one template (plus optional files) rendered by us and, when asked, by helm. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { renderChartFiles, type RenderOptions } from '../../../src/parsers/helm/render.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

export interface TempChart {
  dir: string;
}

/** Writes a chart named `t` with the given files (paths relative to the chart). */
export function tempChart(files: Record<string, string>): TempChart {
  const root = mkdtempSync(join(tmpdir(), 'evident-helm-'));
  roots.push(root);
  const dir = join(root, 't');
  const all: Record<string, string> = { 'Chart.yaml': 'apiVersion: v2\nname: t\nversion: 0.1.0\nappVersion: "1.0"\n', ...files };
  for (const [name, text] of Object.entries(all)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return { dir };
}

export interface Rendered {
  output?: string;
  error?: string;
}

/** Renders `templates/t.yaml` (raw, before Helm splits documents) or returns the error message. */
export function render(template: string, values = '', options: RenderOptions = {}, files: Record<string, string> = {}): Rendered {
  const chart = tempChart({ 'values.yaml': values, 'templates/t.yaml': template, ...files });
  const result = renderChartFiles(chart.dir, { releaseName: 'rn', namespace: 'default', ...options });
  const error = result.diagnostics.find((d) => d.level === 'error');
  if (error !== undefined) return { error: error.message };
  return { output: result.files.find((f) => f.template === 't/templates/t.yaml')?.text ?? '' };
}

export function out(template: string, values = '', options: RenderOptions = {}): string {
  const r = render(template, values, options);
  if (r.error !== undefined) throw new Error(r.error);
  return r.output ?? '';
}

export function err(template: string, values = '', options: RenderOptions = {}): string {
  const r = render(template, values, options);
  if (r.error === undefined) throw new Error(`expected an error, got output ${JSON.stringify(r.output)}`);
  return r.error;
}
