import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderOscal } from '../report/oscal.js';
import { renderPdf } from '../report/pdf.js';
import { TemplateSet } from '../report/templates.js';
import { sha256 } from './hash.js';
import { artifactEntry, createManifest, MANIFEST_FILE, serializeManifest, type Manifest } from './manifest.js';
import type { EvidencePack } from './model.js';

/** The artifacts of a pack, in the order they are rendered. */
export const ARTIFACT_FILES = ['evidence.json', 'evidence.md', 'evidence.html', 'evidence.pdf', 'assessment-results.json'] as const;

export interface RenderedPack {
  files: { path: string; bytes: Uint8Array }[];
  manifest: Manifest;
  /** SHA-256 of manifest.json: record it elsewhere (a CI log) to detect a pack rewritten as a whole. */
  manifestSha256: string;
}

export interface PackOptions {
  /** A directory laid out like `reports/` whose files replace the built-in templates, partials and stylesheet. */
  templatesDir?: string;
}

/** Renders every artifact and the manifest in memory; the PDF and OSCAL cite the digest of evidence.json. */
export async function renderPack(pack: EvidencePack, options: PackOptions = {}): Promise<RenderedPack> {
  const templates = new TemplateSet(options.templatesDir);
  const encode = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
  const json = encode(`${JSON.stringify(pack, null, 2)}\n`);
  const evidenceSha256 = sha256(json);
  const files = [
    { path: 'evidence.json', bytes: json },
    { path: 'evidence.md', bytes: encode(renderMarkdown(pack, templates)) },
    { path: 'evidence.html', bytes: encode(renderHtml(pack, templates)) },
    { path: 'evidence.pdf', bytes: await renderPdf(pack, evidenceSha256) },
    { path: 'assessment-results.json', bytes: encode(renderOscal(pack, evidenceSha256)) },
  ];
  const manifest = createManifest(
    pack,
    files.map((f) => artifactEntry(f.path, f.bytes)),
    templates.files(),
  );
  return { files, manifest, manifestSha256: sha256(serializeManifest(manifest)) };
}

export class PackDirectoryError extends Error {}

/** Files in `dir` that are neither a previous pack's manifest nor an artifact it lists: writing would mix them in. */
function foreignFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir);
  let known = new Set<string>();
  if (entries.includes(MANIFEST_FILE)) {
    try {
      const previous = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as Partial<Manifest>;
      known = new Set([MANIFEST_FILE, ...(previous.artifacts ?? []).map((a) => a.path)]);
    } catch {
      known = new Set();
    }
  }
  return entries.filter((name) => !known.has(name)).sort();
}

/**
 * Writes the pack into `dir` (created if missing). `dir` must be empty or hold a previous pack, which is replaced;
 * anything else there is refused, because `evident verify` would report it as tampering.
 */
export async function writeEvidencePack(dir: string, pack: EvidencePack, options: PackOptions = {}): Promise<RenderedPack> {
  const foreign = foreignFiles(dir);
  if (foreign.length > 0) {
    throw new PackDirectoryError(`${dir} holds files that are not part of an evidence pack (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); use an empty directory`);
  }
  const rendered = await renderPack(pack, options);
  if (existsSync(dir)) for (const name of readdirSync(dir)) rmSync(path.join(dir, name), { force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of rendered.files) writeFileSync(path.join(dir, file.path), file.bytes);
  writeFileSync(path.join(dir, MANIFEST_FILE), serializeManifest(rendered.manifest));
  return rendered;
}
