import type { FrameworkEvaluation, RuleParameter } from '../compliance/evaluate.js';
import type { ControlRef, Diagnostic, Finding, InputFile, RuleCoverage, RuleMeta, Severity, SourceKind, UnknownResult, WaiverRecord } from '../model/index.js';
import type { GitInfo } from './git.js';

/** Bumped when a field of evidence.json changes meaning or disappears. */
export const EVIDENCE_FORMAT_VERSION = 1;

/** A compiled policy bundle that ran, identified by the SHA-256 of its WebAssembly. */
export interface PolicyBundleDigest {
  name: string;
  opaVersion: string;
  wasmSha256: string;
  rules: number;
}

/** What the evidence is about: names from the config's `evidence` section, else the scanned directory's name. */
export interface EvidenceSubject {
  organisation: string;
  repository: string;
  git?: GitInfo;
}

/** A rule as the method section describes it: its logic, the thresholds it read and what it evaluated. */
export interface EvidenceRule extends Pick<RuleMeta, 'id' | 'title' | 'description' | 'severity' | 'category' | 'remediation' | 'bundle'> {
  parameters: RuleParameter[];
  coverage: Omit<RuleCoverage, 'ruleId'>;
  controls: ControlRef[];
}

export interface InventoryItem {
  address: string;
  type: string;
  source: SourceKind;
  deployment?: string;
  file: string;
  line: number;
}

/** The resources in scope: what every rule's population is drawn from. */
export interface Population {
  resources: number;
  /** `""` for resources without a deployment. */
  byDeployment: Record<string, number>;
  bySource: Record<string, number>;
  byType: Record<string, number>;
  inventory: InventoryItem[];
}

export interface EvidenceSummary {
  resources: number;
  rules: number;
  openFindings: number;
  waivedFindings: number;
  bySeverity: Record<Severity, number>;
  unknowns: number;
  errors: number;
  expiredWaivers: number;
}

/** evidence.json: everything the other artifacts are rendered from. Built from a ScanReport, so secrets are already redacted. */
export interface EvidencePack {
  format: 'evident-evidence';
  version: typeof EVIDENCE_FORMAT_VERSION;
  tool: { name: 'evident'; version: string };
  /** The scan's clock (ISO 8601, UTC). */
  generatedAt: string;
  subject: EvidenceSubject;
  policyBundles: PolicyBundleDigest[];
  /** The effective organisation profile and the SHA-256 of its canonical JSON. */
  profile: { sha256: string; values: object };
  configFile?: { path: string; sha256: string };
  summary: EvidenceSummary;
  frameworks: FrameworkEvaluation[];
  rules: EvidenceRule[];
  findings: Finding[];
  unknowns: UnknownResult[];
  /** The exception register. */
  waivers: WaiverRecord[];
  population: Population;
  inputs: InputFile[];
  diagnostics: Diagnostic[];
}
