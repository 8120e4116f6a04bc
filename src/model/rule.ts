import type { ControlRef } from './finding.js';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  'naming',
  'tagging',
  'cidr',
  'encryption',
  'rotation',
  'network',
  'residency',
  'resilience',
  'workload',
] as const;
export type Category = (typeof CATEGORIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** A policy's METADATA, as the policy build writes it to `policies/compiled/manifest.json`. */
export interface RuleMeta {
  id: string;
  /** Rego package under `data.evident.rules`, e.g. `workload.privileged`. */
  package: string;
  title: string;
  description: string;
  severity: Severity;
  category: Category;
  remediation: string;
  /** Profile parameters the rule reads, as dotted paths into the profile (`rotation.secretDays`). */
  parameters: string[];
  /** Message templates by id; `{{name}}` placeholders are filled from the finding's data. */
  messages: Record<string, string>;
  /** Older ids that still match waivers and baselines. */
  aliases?: string[];
  deprecated?: boolean;
  /** Controls declared in the rule's own METADATA (custom rules); built-in rules are mapped in controls/. */
  controls?: ControlRef[];
  /**
   * Resource types the rule compares across the whole scan (overlapping ranges of different deployments):
   * when a large scan is evaluated in batches, the rule is evaluated once more over every resource of these types.
   */
  population?: string[];
  /** Which bundle the rule came from: `builtin` or a custom bundle path. */
  bundle: string;
}
