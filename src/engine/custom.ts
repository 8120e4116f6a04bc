import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../model/index.js';
import { builtinPolicyDir, loadBundle, type PolicyBundle } from './bundle.js';
import { compilePolicies, testPolicies, type CompileResult } from './compile.js';
import type { OpaBinary } from './opa-binary.js';

export const CUSTOM_BUNDLE = 'custom';

export interface CustomPolicies {
  /** Directories of the organisation's Rego, relative to the scan root. */
  paths: string[];
  /** Where `evident policy build` writes the compiled bundle and scans load it; default `<first path>/compiled`. */
  bundle?: string;
}

export function customBundleDir(root: string, policies: CustomPolicies): string {
  return path.resolve(root, policies.bundle ?? path.join(policies.paths[0], 'compiled'));
}

function copyRego(from: string, to: string): void {
  cpSync(from, to, {
    recursive: true,
    filter: (source) => statSync(source).isDirectory() ? path.basename(source) !== 'compiled' : source.endsWith('.rego') && !source.endsWith('_test.rego'),
  });
}

/**
 * Compiles the organisation's Rego together with Evident's rule library and entrypoint. The sources are staged in a
 * temporary tree so the WASM records the same relative paths wherever the repository lives.
 */
export function buildCustomPolicies(opa: OpaBinary, root: string, policies: CustomPolicies): CompileResult {
  const stage = mkdtempSync(path.join(tmpdir(), 'evident-custom-'));
  try {
    const staged = path.join(stage, 'policies');
    copyRego(path.join(builtinPolicyDir(), 'lib'), path.join(staged, 'lib'));
    cpSync(path.join(builtinPolicyDir(), 'main.rego'), path.join(staged, 'main.rego'));
    const origins = new Map<string, string>();
    policies.paths.forEach((relative, index) => {
      const target = path.join(staged, 'custom', String(index));
      copyRego(path.resolve(root, relative), target);
      origins.set(path.join('custom', String(index)), relative);
    });
    const result = compilePolicies(opa, {
      ruleDir: path.join(staged, 'custom'),
      sourceDirs: [staged],
      outDir: customBundleDir(root, policies),
      bundle: CUSTOM_BUNDLE,
    });
    // Errors name staged files; name the organisation's files instead.
    const unstage = (text: string): string =>
      [...origins].reduce((out, [from, to]) => out.split(path.join(staged, from)).join(to).split(from).join(to), text.split(`${staged}${path.sep}`).join(''));
    return { ...result, errors: result.errors.map(unstage) };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** `opa test` over the organisation's Rego with Evident's library (without its own tests) available to import. */
export function testCustomPolicies(opa: OpaBinary, root: string, policies: CustomPolicies): { ok: boolean; output: string } {
  const stage = mkdtempSync(path.join(tmpdir(), 'evident-custom-test-'));
  try {
    copyRego(path.join(builtinPolicyDir(), 'lib'), path.join(stage, 'lib'));
    return testPolicies(opa, [path.join(stage, 'lib'), ...policies.paths.map((p) => path.resolve(root, p))]);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The compiled custom bundle a scan runs beside the built-in one; a missing build is a diagnostic, not a crash. */
export function loadCustomBundle(root: string, policies: CustomPolicies, configFile: string): { bundle?: PolicyBundle; diagnostics: Diagnostic[] } {
  const dir = customBundleDir(root, policies);
  const manifest = path.join(dir, `${CUSTOM_BUNDLE}.manifest.json`);
  if (!existsSync(manifest) || !readdirSync(dir).includes(`${CUSTOM_BUNDLE}.wasm`)) {
    return {
      diagnostics: [diagnostic('policy-error', configFile, `custom policies in ${policies.paths.join(', ')} are not compiled (no ${path.relative(root, manifest)}): run "evident policy build"`)],
    };
  }
  return { bundle: loadBundle(dir, CUSTOM_BUNDLE), diagnostics: [] };
}
