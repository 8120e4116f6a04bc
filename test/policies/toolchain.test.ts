import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_BUNDLE, builtinPolicyDir, compiledDir } from '../../src/engine/bundle.js';
import { compilePolicies, testPolicies } from '../../src/engine/compile.js';
import { pinnedOpa } from '../../src/engine/opa-binary.js';

const lookup = pinnedOpa();
const suite = lookup.ok ? describe : describe.skip;
if (!lookup.ok) console.warn(`policy toolchain tests skipped: ${lookup.reason}`);

suite('policy toolchain (pinned OPA 0.70.0)', () => {
  const opa = lookup.ok ? lookup.opa : undefined;
  const out = mkdtempSync(path.join(tmpdir(), 'evident-rebuild-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('passes opa test over every policy', () => {
    const result = testPolicies(opa!, [builtinPolicyDir()]);
    expect(result.output).toMatch(/^PASS: \d+\/\d+$/m);
    expect(result.ok, result.output).toBe(true);
  });

  it('rebuilding reproduces the committed WASM and manifest byte for byte', () => {
    const result = compilePolicies(opa!, { ruleDir: builtinPolicyDir(), sourceDirs: [builtinPolicyDir()], outDir: out, bundle: BUILTIN_BUNDLE });
    expect(result.errors).toEqual([]);
    const committedWasm = readFileSync(path.join(compiledDir(), `${BUILTIN_BUNDLE}.wasm`));
    const rebuiltWasm = readFileSync(path.join(out, `${BUILTIN_BUNDLE}.wasm`));
    expect(rebuiltWasm.equals(committedWasm), 'policies/compiled is stale: run `npm run build:policies` and commit the result').toBe(true);
    expect(readFileSync(path.join(out, `${BUILTIN_BUNDLE}.manifest.json`), 'utf8')).toBe(readFileSync(path.join(compiledDir(), `${BUILTIN_BUNDLE}.manifest.json`), 'utf8'));
  });
});
