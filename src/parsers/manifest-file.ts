import { readInput, type FileRef } from '../discover/discover.js';
import type { Diagnostic, InputFile } from '../model/index.js';
import { resourcesFromYaml } from './kubernetes/manifest.js';
import { isPlanJson } from './terraform/plan.js';
import type { ParsedResource } from './types.js';

/** What one YAML or JSON file contributes; plain data, so a worker thread can hand it back unchanged. */
export interface ManifestFileResult {
  input?: InputFile;
  resources: ParsedResource[];
  diagnostics: Diagnostic[];
  /** The text of a `terraform show -json` file, set aside for the Terraform ingest. */
  planText?: string;
}

/** Reads, hashes and parses one manifest file; never throws for anything the file contains. */
export function ingestManifestFile(file: FileRef, maxFileBytes: number | undefined): ManifestFileResult {
  const { content, diagnostic } = readInput(file, maxFileBytes);
  const result: ManifestFileResult = { resources: [], diagnostics: diagnostic ? [diagnostic] : [] };
  if (content) result.input = { path: file.path, kind: file.kind, bytes: content.bytes, sha256: content.sha256 };
  if (!content || diagnostic) return result;
  if (file.kind === 'json' && isPlanJson(content.text)) {
    result.planText = content.text;
    return result;
  }
  const parsed = resourcesFromYaml(content.text, file.path);
  result.resources = parsed.resources;
  result.diagnostics.push(...parsed.diagnostics);
  return result;
}
