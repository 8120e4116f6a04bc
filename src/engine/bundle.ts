import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import type { BundleManifest } from './compile.js';

export interface PolicyBundle {
  manifest: BundleManifest;
  wasm: Uint8Array;
  /** Where the bundle was loaded from (for error messages and evidence). */
  location: string;
}

export const BUILTIN_BUNDLE = 'evident';

export function builtinPolicyDir(): string {
  return path.join(packageRoot(), 'policies');
}

export function compiledDir(): string {
  return path.join(builtinPolicyDir(), 'compiled');
}

/** Loads `<dir>/<name>.manifest.json` and the WASM it names; throws if they are missing or do not match. */
export function loadBundle(dir: string, name: string): PolicyBundle {
  const manifestPath = path.join(dir, `${name}.manifest.json`);
  if (!existsSync(manifestPath)) throw new Error(`policy bundle ${manifestPath} not found; run "evident policy build"`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BundleManifest;
  const wasm = readFileSync(path.join(dir, manifest.wasm));
  return { manifest, wasm, location: manifestPath };
}

export function builtinBundle(): PolicyBundle {
  return loadBundle(compiledDir(), BUILTIN_BUNDLE);
}
