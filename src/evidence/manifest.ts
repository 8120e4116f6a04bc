import { byText, type InputFile } from '../model/index.js';
import { canonicalJson, sha256 } from './hash.js';
import type { EvidencePack, EvidenceSubject, PolicyBundleDigest } from './model.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'evident-evidence-manifest';

export interface ArtifactEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/** manifest.json: the SHA-256 of every artifact in the pack and of everything that went into it. */
export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  tool: { name: 'evident'; version: string };
  generatedAt: string;
  subject: EvidenceSubject;
  artifacts: ArtifactEntry[];
  inputs: InputFile[];
  policyBundles: PolicyBundleDigest[];
  profileSha256: string;
  configFile?: { path: string; sha256: string };
  /** Templates and stylesheet the Markdown and HTML were rendered with. */
  templates: { name: string; sha256: string }[];
  /** SHA-256 of the canonical JSON of every other field: an edit anywhere in the manifest shows. */
  digest: string;
}

export function artifactEntry(path: string, bytes: Uint8Array): ArtifactEntry {
  return { path, bytes: bytes.length, sha256: sha256(bytes) };
}

export function manifestDigest(manifest: Omit<Manifest, 'digest'>): string {
  return sha256(canonicalJson(manifest));
}

export function createManifest(pack: EvidencePack, artifacts: ArtifactEntry[], templates: Manifest['templates']): Manifest {
  const body: Omit<Manifest, 'digest'> = {
    format: MANIFEST_FORMAT,
    version: 1,
    tool: pack.tool,
    generatedAt: pack.generatedAt,
    subject: pack.subject,
    artifacts: [...artifacts].sort((a, b) => byText(a.path, b.path)),
    inputs: pack.inputs,
    policyBundles: pack.policyBundles,
    profileSha256: pack.profile.sha256,
    ...(pack.configFile === undefined ? {} : { configFile: pack.configFile }),
    templates,
  };
  return { ...body, digest: manifestDigest(body) };
}

/** The exact bytes of a manifest file; `verify` holds the file to them, so reformatting it counts as a change. */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
