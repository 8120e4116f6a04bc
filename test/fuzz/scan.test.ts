// Whole scans of random trees: files of every kind, taken from the example repository and mutated, or random
// bytes, under awkward names. The scan never throws, finishes within a gross bound, reports every problem
// with the file (and, for problems in a file's content, the line), and gives the same report twice.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { discover, type FileKind } from '../../src/discover/discover.js';
import { scan } from '../../src/scan.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { FIXTURES } from '../helpers/paths.js';
import { GROSS_BOUND_MS, mutate, mutation, scanRuns, seed, timeoutFor } from './settings.js';

const EXAMPLE = discover(`${FIXTURES}/complianceflow`).files.filter((f) => f.kind !== 'helm');
const POOL: Partial<Record<FileKind, string[]>> = {};
for (const file of EXAMPLE) (POOL[file.kind] ??= []).push(readFileSync(file.absolutePath, 'utf8'));
const EXTENSIONS: [FileKind, string][] = [
  ['terraform', '.tf'],
  ['tfvars', '.tfvars'],
  ['yaml', '.yaml'],
  ['json', '.json'],
];
const TOKENS = ['{', '}', '[', ']', '"', '${', '%{', '=', ':', '- ', '\n', '  ', '#', '&a ', '*a', 'count = 3\n', 'for_each = var.subnets\n', 'module', 'var.', 'local.', '\u0000', '\uFEFF', 'é'];
const DIRS = ['', 'infrastructure', 'infrastructure/modules/networking', 'infrastructure/deployments', 'k8s', 'k8s/app', 'my dir/ünï code'];

const entry = fc.record({
  dir: fc.constantFrom(...DIRS),
  name: fc.constantFrom('main', 'variables', 'a b', 'prod-1', 'über', 'x'),
  kind: fc.constantFrom(...EXTENSIONS),
  source: fc.nat(),
  edits: fc.array(mutation(TOKENS), { maxLength: 6 }),
  bytes: fc.option(fc.uint8Array({ maxLength: 64 }), { freq: 8 }),
});

const work = mkdtempSync(path.join(tmpdir(), 'evident-fuzz-scan-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let runs = 0;

describe('scan: random trees', () => {
  it('never throws, stays within a gross time bound, locates every problem and is deterministic', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 10 }), (entries) => {
        const root = path.join(work, `t${runs++}`);
        const written = new Set<string>();
        for (const e of entries) {
          const [kind, extension] = e.kind;
          const file = `${e.dir ? `${e.dir}/` : ''}${e.name}${extension}`;
          const pool = POOL[kind] ?? [''];
          mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
          writeFileSync(path.join(root, file), e.bytes ?? mutate(pool[e.source % pool.length], e.edits));
          written.add(file);
        }
        const started = performance.now();
        const report = scan({ root, now: FIXED_NOW, threads: 1 });
        expect(performance.now() - started).toBeLessThan(GROSS_BOUND_MS);
        for (const d of report.diagnostics) {
          if (!written.has(d.file)) continue;
          expect(d.line, `${d.code} ${d.file}: ${d.message}`).toBeGreaterThanOrEqual(1);
        }
        for (const f of report.findings) expect(f.location.line).toBeGreaterThanOrEqual(1);
        expect(JSON.stringify(scan({ root, now: FIXED_NOW, threads: 1 }))).toBe(JSON.stringify(report));
        rmSync(root, { recursive: true, force: true });
      }),
      { seed, numRuns: scanRuns },
    );
  }, timeoutFor(scanRuns, 3000));
});
