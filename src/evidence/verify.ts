import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from './hash.js';
import { MANIFEST_FILE, MANIFEST_FORMAT, manifestDigest, serializeManifest, type Manifest } from './manifest.js';

export type ProblemKind = 'changed' | 'missing' | 'unexpected' | 'input changed' | 'input missing';

export interface VerifyProblem {
  kind: ProblemKind;
  /** Relative to the pack directory (artifacts) or to the root (inputs). */
  file: string;
  detail?: string;
}

export interface VerifyResult {
  /** SHA-256 of manifest.json as found: compare it with the one recorded when the pack was made. */
  manifestSha256: string;
  artifacts: number;
  /** Inputs re-hashed (only with a root). */
  inputs: number;
  problems: VerifyProblem[];
}

/** The directory is not an evidence pack at all (a usage error, not tampering). */
export class NotAPackError extends Error {}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), relative) : [relative];
  });
}

function isManifest(value: unknown): value is Manifest {
  const m = value as Partial<Manifest> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.format === MANIFEST_FORMAT &&
    Array.isArray(m.artifacts) &&
    m.artifacts.every((a) => typeof a?.path === 'string' && typeof a.sha256 === 'string') &&
    Array.isArray(m.inputs) &&
    m.inputs.every((i) => typeof i?.path === 'string' && typeof i.sha256 === 'string')
  );
}

/** An artifact name must be a plain file name in the pack, so a doctored manifest cannot send us elsewhere. */
function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[\\/]/.test(name);
}

function sortProblems(problems: VerifyProblem[]): VerifyProblem[] {
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.kind < b.kind ? -1 : 1));
}

/**
 * Re-hashes every artifact a pack's manifest lists and reports what changed, went missing or was added; with `root`,
 * also re-hashes the scanned inputs there. Throws NotAPackError when `dir` has no manifest.json.
 */
export function verifyPack(dir: string, options: { root?: string } = {}): VerifyResult {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new NotAPackError(`${dir}: no such directory`);
  const manifestPath = path.join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) throw new NotAPackError(`${dir} has no ${MANIFEST_FILE}: not an evidence pack`);
  const bytes = readFileSync(manifestPath);
  const result: VerifyResult = { manifestSha256: sha256(bytes), artifacts: 0, inputs: 0, problems: [] };
  let manifest: unknown;
  try {
    manifest = JSON.parse(bytes.toString('utf8'));
  } catch {
    result.problems.push({ kind: 'changed', file: MANIFEST_FILE, detail: 'not valid JSON' });
    return result;
  }
  if (!isManifest(manifest)) {
    result.problems.push({ kind: 'changed', file: MANIFEST_FILE, detail: 'not an Evident evidence manifest' });
    return result;
  }
  const { digest, ...body } = manifest;
  if (digest !== manifestDigest(body) || bytes.toString('utf8') !== serializeManifest(manifest)) {
    result.problems.push({ kind: 'changed', file: MANIFEST_FILE, detail: 'its contents do not match its digest' });
  }

  const listed = new Set<string>();
  for (const artifact of manifest.artifacts) {
    if (!isPlainName(artifact.path)) {
      result.problems.push({ kind: 'changed', file: MANIFEST_FILE, detail: `lists an artifact outside the pack: ${artifact.path}` });
      continue;
    }
    listed.add(artifact.path);
    result.artifacts++;
    const file = path.join(dir, artifact.path);
    if (!existsSync(file)) {
      result.problems.push({ kind: 'missing', file: artifact.path });
      continue;
    }
    const found = sha256(readFileSync(file));
    if (found !== artifact.sha256) result.problems.push({ kind: 'changed', file: artifact.path, detail: `SHA-256 ${found}, manifest says ${artifact.sha256}` });
  }
  for (const file of filesUnder(dir)) {
    if (file !== MANIFEST_FILE && !listed.has(file)) result.problems.push({ kind: 'unexpected', file, detail: 'not listed in the manifest' });
  }

  if (options.root !== undefined) {
    const root = path.resolve(options.root);
    for (const input of manifest.inputs) {
      const file = path.resolve(root, input.path);
      if (path.relative(root, file).startsWith('..')) continue;
      result.inputs++;
      if (!existsSync(file)) {
        result.problems.push({ kind: 'input missing', file: input.path });
        continue;
      }
      const found = sha256(readFileSync(file));
      if (found !== input.sha256) result.problems.push({ kind: 'input changed', file: input.path, detail: `SHA-256 ${found}, manifest says ${input.sha256}` });
    }
  }
  sortProblems(result.problems);
  return result;
}
