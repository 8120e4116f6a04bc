import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { discover } from '../../src/discover/discover.js';
import { startManifestIngest } from '../../src/parsers/worker-pool.js';
import { FIXTURES } from '../helpers/paths.js';

const root = mkdtempSync(path.join(tmpdir(), 'evident-workers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

// Real manifests, many times over, and every kind of broken file: parsing must not depend on the thread.
const example = discover(path.join(FIXTURES, 'complianceflow')).files.filter((f) => f.kind === 'yaml' || f.kind === 'json');
for (let copy = 0; copy < 40; copy++) {
  for (const file of example) write(`copy-${copy}/${file.path}`, `${file.path.endsWith('.json') ? '' : `# copy ${copy}\n`}${readFileSync(file.absolutePath, 'utf8')}`);
}
write('broken/syntax.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: [1, 2\n');
write('broken/deep.yaml', `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
write('broken/bomb.yaml', `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`);
write('broken/binary.yaml', Buffer.from([0x61, 0x3a, 0x00, 0x01]));
write('broken/latin1.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
write('plan.json', JSON.stringify({ format_version: '1.2', planned_values: { root_module: {} } }));
const files = discover(root).files;

describe('parsing manifests on worker threads', () => {
  it('gives exactly the results of parsing on the main thread, in file order', async () => {
    const single = startManifestIngest(files, { maxFileBytes: undefined, threads: 1 }).finish();
    const parallel = startManifestIngest(files, { maxFileBytes: undefined, threads: 3, minParallelBytes: 0 });
    expect(parallel.stats.workers).toBeGreaterThan(0);
    // Let the workers start (from source they load through tsx) and claim work before this thread joins in.
    await vi.waitFor(() => expect(parallel.stats.claimed).toBeGreaterThan(0), { timeout: 60_000, interval: 50 });
    const results = parallel.finish();
    expect(parallel.stats.parsedByWorkers).toBeGreaterThan(0);
    expect(results).toEqual(single);
    expect(results.length).toBe(files.length);
    const perCopy = results.filter((_, i) => files[i].path.startsWith('copy-0/')).flatMap((r) => r.resources).length;
    expect(perCopy).toBeGreaterThan(20);
    expect(results.flatMap((r) => r.resources).length).toBe(40 * perCopy);
    const broken = results.filter((_, i) => files[i].path.startsWith('broken/'));
    expect(broken.map((r) => r.diagnostics.map((d) => [d.code, d.file, d.line]))).toEqual([
      [['binary-file', 'broken/binary.yaml', 1]],
      [['yaml-syntax', 'broken/bomb.yaml', 1]],
      [['yaml-syntax', 'broken/deep.yaml', 1]],
      [['read-error', 'broken/latin1.json', 1]],
      [['yaml-syntax', 'broken/syntax.yaml', 4]],
    ]);
    expect(results[files.findIndex((f) => f.path === 'plan.json')].planText).toContain('format_version');
  });

  it('stays on the main thread below the size that pays for a worker', () => {
    const small = startManifestIngest(files.slice(0, 3), { maxFileBytes: undefined, threads: 4 });
    expect(small.stats.workers).toBe(0);
    expect(small.finish().length).toBe(3);
  });
});
