import { z } from 'zod';
import { CATEGORIES, SEVERITIES, type Framework, type RuleMeta } from '../model/index.js';

const RULE_ID = /^[A-Z][A-Z0-9]*-[A-Z]{2,5}-\d{3}$/;

/** The `custom:` block of a rule's `# METADATA`; strict, so a misspelt field fails the build. */
export const ruleCustomSchema = z.strictObject({
  id: z.string().regex(RULE_ID, 'rule ids look like EVD-ENC-001'),
  severity: z.enum(SEVERITIES),
  category: z.enum(CATEGORIES),
  remediation: z.string().min(1),
  parameters: z.array(z.string()).default([]),
  messages: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.string().min(1)),
  aliases: z.array(z.string().regex(RULE_ID)).optional(),
  controls: z
    .partialRecord(z.enum(['iso27001-2022', 'soc2-2017', 'gdpr']), z.array(z.string().min(1)))
    .optional()
    .describe("Controls a custom rule evidences, beside those in controls/<framework>/mapping.yaml."),
  deprecated: z.boolean().optional(),
  population: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Resource types the rule relates across deployments and root modules; evaluated over all of them together when a scan is batched.'),
});

export const ruleAnnotationSchema = z.object({
  title: z.string().min(1),
  description: z.string().min(1),
  custom: ruleCustomSchema,
});

export interface AnnotationLocation {
  file: string;
  row: number;
}

/** Turns one package annotation from `opa inspect -a` into a RuleMeta, or explains what is wrong. */
export function ruleMetaFrom(annotation: unknown, packagePath: string, bundle: string): { meta?: RuleMeta; error?: string } {
  const parsed = ruleAnnotationSchema.safeParse(annotation);
  if (!parsed.success) {
    return { error: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ') };
  }
  const { title, description, custom } = parsed.data;
  const meta: RuleMeta = {
    id: custom.id,
    package: packagePath,
    title,
    description: description.trim(),
    severity: custom.severity,
    category: custom.category,
    remediation: custom.remediation.trim(),
    parameters: custom.parameters,
    messages: custom.messages,
    bundle,
  };
  if (custom.aliases) meta.aliases = custom.aliases;
  if (custom.controls) {
    meta.controls = Object.entries(custom.controls).flatMap(([framework, ids]) => (ids ?? []).map((id) => ({ framework: framework as Framework, id })));
  }
  if (custom.deprecated) meta.deprecated = custom.deprecated;
  if (custom.population) meta.population = [...new Set(custom.population)].sort();
  return { meta };
}
