import path from 'node:path';
import { loadCatalogs } from '../compliance/catalog.js';
import { loadCustomBundle } from '../engine/custom.js';
import type { ScanReport } from '../model/index.js';
import { packageRoot } from '../package-root.js';
import type { LoadedConfig } from '../profile/config.js';
import { buildEvidence, type BundleSource } from './build.js';
import { readGitInfo } from './git.js';
import type { EvidencePack } from './model.js';

export { buildEvidence, type BundleSource, type EvidenceOptions } from './build.js';
export { readGitInfo, type GitInfo } from './git.js';
export { MANIFEST_FILE, type Manifest } from './manifest.js';
export type { EvidencePack } from './model.js';
export { ARTIFACT_FILES, PackDirectoryError, renderPack, writeEvidencePack, type PackOptions, type RenderedPack } from './pack.js';
export { NotAPackError, verifyPack, type VerifyProblem, type VerifyResult } from './verify.js';

/**
 * The evidence of a scan as the CLI makes it: Evident's catalogs, the repository's git state, the config's names,
 * and the organisation's compiled policies beside `bundles` when the config has them (the scan ran them too).
 */
export function evidenceFor(report: ScanReport, options: { root: string; config: LoadedConfig; bundles: readonly BundleSource[] }): EvidencePack {
  const catalogs = loadCatalogs(path.join(packageRoot(), 'controls'), { ruleIds: report.rules.map((r) => r.id) });
  const { config } = options;
  const custom = config.config.policies ? loadCustomBundle(options.root, config.config.policies, config.file ?? 'evident.config.yaml').bundle : undefined;
  const named = new Set(options.bundles.map((b) => b.manifest.bundle));
  return buildEvidence(report, {
    root: options.root,
    catalogs,
    bundles: custom && !named.has(custom.manifest.bundle) ? [...options.bundles, custom] : options.bundles,
    names: config.config.evidence,
    git: readGitInfo(options.root),
    ...(config.file !== undefined && config.text !== undefined ? { configFile: { path: config.file, text: config.text } } : {}),
  });
}
