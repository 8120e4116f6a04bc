import type { JsonValue } from './json.js';
import type { SourceKind, SourceLocation, ValueOrigin } from './resource.js';
import type { Category, Severity } from './rule.js';

export type Framework = 'iso27001-2022' | 'soc2-2017' | 'gdpr';

export interface ControlRef {
  framework: Framework;
  id: string;
}

export interface ResourceRef {
  address: string;
  type: string;
  source: SourceKind;
  deployment?: string;
}

export interface Finding {
  ruleId: string;
  title: string;
  category: Category;
  severity: Severity;
  messageId: string;
  message: string;
  /** The attribute's line when the rule names one, else the resource's first line. */
  location: SourceLocation;
  resource: ResourceRef;
  /** The offending attribute, formatted with `formatPath`; empty for the resource as a whole. */
  path: string;
  /** Where the offending value was set when that is not `location` (a values file, a tfvars file). */
  origin?: ValueOrigin;
  data: Record<string, JsonValue>;
  controls: ControlRef[];
  remediation: string;
  /** Stable across unrelated edits: rule, resource address, deployment and attribute path, never lines. */
  fingerprint: string;
  /** Set when an active waiver suppresses the finding: it is reported, but never fails the gate. */
  waiver?: WaiverRef;
  /** Against a baseline (the PR's base or a committed baseline file): introduced by this change or already there. */
  baseline?: 'new' | 'existing';
}

export interface WaiverRef {
  id: string;
  owner?: string;
  reason: string;
  expires?: string;
}

/** A rule that could not decide for a resource because a value it needs is unknown. */
export interface UnknownResult {
  ruleId: string;
  resource: ResourceRef;
  path: string;
  location: SourceLocation;
  reason: string;
}

/** Which resources a rule looked at: the population an auditor asks about. */
export interface RuleCoverage {
  ruleId: string;
  evaluated: number;
  failed: number;
  unknown: number;
  passed: number;
  /** Evaluated resources per deployment (`""` for resources without one). */
  byDeployment: Record<string, number>;
}
