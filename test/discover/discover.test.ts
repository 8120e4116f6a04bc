import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discover } from '../../src/discover/discover.js';

let root: string;

function tree(files: Record<string, string>): string {
  root = mkdtempSync(path.join(tmpdir(), 'evident-discover-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('discover', () => {
  it('lists scannable files sorted, by kind, relative with forward slashes', () => {
    tree({ 'b/x.yaml': '', 'a/main.tf': '', 'a/prod.tfvars': '', 'z.json': '', 'README.md': '', 'a/y.yml': '' });
    expect(discover(root).files.map((f) => [f.path, f.kind])).toEqual([
      ['a/main.tf', 'terraform'],
      ['a/prod.tfvars', 'tfvars'],
      ['a/y.yml', 'yaml'],
      ['b/x.yaml', 'yaml'],
      ['z.json', 'json'],
    ]);
  });

  it('skips .git, node_modules and .terraform', () => {
    tree({ '.git/config.yaml': '', 'node_modules/p/x.yaml': '', '.terraform/modules/m/main.tf': '', 'ok.yaml': '' });
    expect(discover(root).files.map((f) => f.path)).toEqual(['ok.yaml']);
  });

  it('honours .evidentignore with gitignore syntax', () => {
    tree({ '.evidentignore': 'generated/\n*.tmp.yaml\n!keep.tmp.yaml\n', 'generated/a.yaml': '', 'x.tmp.yaml': '', 'keep.tmp.yaml': '', 'ok.yaml': '' });
    expect(discover(root).files.filter((f) => f.kind !== 'config').map((f) => f.path)).toEqual(['keep.tmp.yaml', 'ok.yaml']);
  });

  it('never follows symbolic links, including loops and links outside the root', () => {
    tree({ 'a/real.yaml': '' });
    symlinkSync(path.join(root, 'a'), path.join(root, 'a', 'loop'));
    symlinkSync('/etc', path.join(root, 'etc-link'));
    symlinkSync(path.join(root, 'a', 'real.yaml'), path.join(root, 'alias.yaml'));
    expect(discover(root).files.map((f) => f.path)).toEqual(['a/real.yaml']);
  });

  it('claims every file of a chart for Helm, with subcharts belonging to their parent', () => {
    tree({ 'charts/app/Chart.yaml': '', 'charts/app/values.yaml': '', 'charts/app/templates/d.yaml': '', 'charts/app/charts/sub/Chart.yaml': '', 'k8s/x.yaml': '' });
    const found = discover(root);
    expect(found.charts).toEqual(['charts/app']);
    expect(found.files.map((f) => [f.path, f.kind, f.chart ?? null])).toEqual([
      ['charts/app/Chart.yaml', 'helm', 'charts/app'],
      ['charts/app/charts/sub/Chart.yaml', 'helm', 'charts/app'],
      ['charts/app/templates/d.yaml', 'helm', 'charts/app'],
      ['charts/app/values.yaml', 'helm', 'charts/app'],
      ['k8s/x.yaml', 'yaml', null],
    ]);
  });

  it('reports a missing path as a diagnostic', () => {
    tree({ 'ok.yaml': '' });
    const found = discover(root, [path.join(root, 'missing')]);
    expect(found.files).toEqual([]);
    expect(found.diagnostics).toMatchObject([{ code: 'read-error', file: 'missing' }]);
  });
});
