import type { Diagnostic } from './diagnostic.js';
import type { Finding, RuleCoverage, UnknownResult } from './finding.js';
import type { Resource } from './resource.js';
import type { RuleMeta } from './rule.js';
import type { WaiverRecord } from './waiver.js';

/** One scanned file, hashed so that evidence can prove what was tested. */
export interface InputFile {
  path: string;
  kind: string;
  bytes: number;
  sha256: string;
}

/** Everything one scan found: what every output format and the evidence pack are rendered from. Secrets are already redacted. */
export interface ScanReport {
  tool: { name: 'evident'; version: string };
  /** The scan's clock (ISO 8601, UTC): an explicit input, so that reports are reproducible. */
  scannedAt: string;
  /** Repo-relative path of the config file that was applied, if any. */
  configFile?: string;
  /** The effective organisation profile (defaults merged with the config file). */
  profile: object;
  inputs: InputFile[];
  resources: Resource[];
  rules: RuleMeta[];
  findings: Finding[];
  unknowns: UnknownResult[];
  coverage: RuleCoverage[];
  waivers: WaiverRecord[];
  diagnostics: Diagnostic[];
}
