import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseTar } from 'nanotar';
import { byText, type RuleMeta } from '../model/index.js';
import type { OpaBinary } from './opa-binary.js';
import { ruleMetaFrom } from './rule-metadata.js';

export const ENTRYPOINT = 'evident/main/results';
/** The rules `input.rules` names alone: see PolicyEngine.evaluate. */
export const SELECTED_ENTRYPOINT = 'evident/main/selected';
const RULES_PREFIX = ['evident', 'rules'];
/** Only Rego is policy; case files and fixtures beside it must not become `data`. */
const DATA_IGNORES = ['*.yaml', '*.yml', '*.json', '*.md', 'compiled'];

export interface BundleManifest {
  bundle: string;
  opaVersion: string;
  entrypoint: string;
  wasm: string;
  wasmSha256: string;
  rules: RuleMeta[];
}

export interface CompileResult {
  manifest?: BundleManifest;
  errors: string[];
}

interface InspectAnnotation {
  annotations: { scope?: string } & Record<string, unknown>;
  location: { file: string; row: number };
  path: { type: string; value: string }[];
}

function run(opa: OpaBinary, args: string[], cwd: string): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync(opa.path, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? String(result.error ?? '') };
}

/** Reads every rule's METADATA; a package under `evident.rules` without valid metadata is an error. */
export function inspectRules(opa: OpaBinary, ruleDir: string, bundle: string): { rules: RuleMeta[]; errors: string[] } {
  const inspected = run(opa, ['inspect', '-a', '--format', 'json', ruleDir], process.cwd());
  if (!inspected.ok) return { rules: [], errors: [`opa inspect ${ruleDir}: ${inspected.stderr.trim()}`] };
  const report = JSON.parse(inspected.stdout) as { namespaces?: Record<string, string[]>; annotations?: InspectAnnotation[] };
  const errors: string[] = [];
  const rules: RuleMeta[] = [];
  const annotated = new Set<string>();
  for (const annotation of report.annotations ?? []) {
    if (annotation.annotations.scope !== 'package') continue;
    const segments = annotation.path.slice(1).map((p) => p.value);
    if (segments[0] !== RULES_PREFIX[0] || segments[1] !== RULES_PREFIX[1]) continue;
    const packagePath = segments.slice(2).join('.');
    annotated.add(packagePath);
    const { meta, error } = ruleMetaFrom(annotation.annotations, packagePath, bundle);
    if (error) errors.push(`${annotation.location.file}:${annotation.location.row}: METADATA: ${error}`);
    else if (meta) rules.push(meta);
  }
  for (const [namespace, files] of Object.entries(report.namespaces ?? {})) {
    const segments = namespace.split('.').slice(1);
    if (segments[0] !== RULES_PREFIX[0] || segments[1] !== RULES_PREFIX[1]) continue;
    const packagePath = segments.slice(2).join('.');
    const sources = files.filter((f) => !f.endsWith('_test.rego'));
    if (sources.length > 0 && !annotated.has(packagePath)) errors.push(`${sources[0]}: package ${namespace} has no # METADATA block`);
  }
  const seen = new Map<string, string>();
  for (const rule of rules) {
    const other = seen.get(rule.id);
    if (other !== undefined) errors.push(`rule id ${rule.id} is used by both ${other} and ${rule.package}`);
    seen.set(rule.id, rule.package);
  }
  rules.sort((a, b) => byText(a.id, b.id));
  return { rules, errors };
}

/** Compiles Rego under `sourceDirs` into `<outDir>/<bundle>.wasm` plus `<bundle>.manifest.json`. */
export function compilePolicies(opa: OpaBinary, options: { ruleDir: string; sourceDirs: string[]; outDir: string; bundle: string }): CompileResult {
  const { rules, errors } = inspectRules(opa, options.ruleDir, options.bundle);
  if (errors.length > 0) return { errors };
  const work = mkdtempSync(path.join(tmpdir(), 'evident-opa-'));
  try {
    const archive = path.join(work, 'bundle.tar.gz');
    const ignores = ['*_test.rego', ...DATA_IGNORES].flatMap((pattern) => ['--ignore', pattern]);
    // OPA records source paths in the WASM: relative ones keep the bytes independent of where the repository lives.
    const cwd = path.dirname(options.ruleDir);
    const sources = options.sourceDirs.map((dir) => path.relative(cwd, dir) || '.');
    const built = run(opa, ['build', '-t', 'wasm', '-e', ENTRYPOINT, '-e', SELECTED_ENTRYPOINT, ...ignores, '-o', archive, ...sources], cwd);
    if (!built.ok) return { errors: [`opa build: ${built.stderr.trim()}`] };
    const wasmEntry = parseTar(gunzipSync(readFileSync(archive))).find((entry) => entry.name.replace(/^\/+/, '') === 'policy.wasm');
    if (!wasmEntry?.data) return { errors: ['opa build produced no policy.wasm'] };
    mkdirSync(options.outDir, { recursive: true });
    const wasmName = `${options.bundle}.wasm`;
    writeFileSync(path.join(options.outDir, wasmName), wasmEntry.data);
    const manifest: BundleManifest = {
      bundle: options.bundle,
      opaVersion: opa.version,
      entrypoint: ENTRYPOINT,
      wasm: wasmName,
      wasmSha256: createHash('sha256').update(wasmEntry.data).digest('hex'),
      rules,
    };
    writeFileSync(path.join(options.outDir, `${options.bundle}.manifest.json`), `${JSON.stringify(manifest, null, 2)}\n`);
    return { manifest, errors: [] };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs `opa test` over the given directories; returns its output and whether every test passed. */
export function testPolicies(opa: OpaBinary, dirs: string[]): { ok: boolean; output: string } {
  const ignores = DATA_IGNORES.flatMap((pattern) => ['--ignore', pattern]);
  const result = run(opa, ['test', ...ignores, ...dirs], process.cwd());
  return { ok: result.ok, output: `${result.stdout}${result.stderr}`.trim() };
}
