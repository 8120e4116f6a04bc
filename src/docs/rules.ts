import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { builtinPolicyDir } from '../engine/bundle.js';
import type { BundleManifest } from '../engine/compile.js';
import { CATEGORIES, type RuleMeta } from '../model/index.js';
import { packageRoot } from '../package-root.js';

export const RULES_DOC_PATH: string = path.join(packageRoot(), 'docs', 'rules.md');

interface Cases {
  valid?: { terraform?: string; kubernetes?: string }[];
  invalid?: { terraform?: string; kubernetes?: string }[];
}

function example(rule: RuleMeta): { kind: string; source: string } | undefined {
  const file = path.join(builtinPolicyDir(), `${rule.package.replace('.', '/')}.cases.yaml`);
  const cases = parse(readFileSync(file, 'utf8')) as Cases;
  const first = cases.invalid?.find((c) => c.terraform ?? c.kubernetes);
  if (!first) return undefined;
  return first.terraform ? { kind: 'hcl', source: first.terraform } : { kind: 'yaml', source: first.kubernetes ?? '' };
}

function section(rule: RuleMeta): string {
  const lines = [`### ${rule.id} — ${rule.title}`, '', `Severity **${rule.severity}** · category \`${rule.category}\` · \`policies/${rule.package.replace('.', '/')}.rego\``, '', rule.description, '', `**Remediation:** ${rule.remediation}`, ''];
  if (rule.parameters.length > 0) lines.push(`**Profile parameters:** ${rule.parameters.map((p) => `\`${p}\``).join(', ')}`, '');
  lines.push('**Messages:**', '', ...Object.entries(rule.messages).map(([id, text]) => `- \`${id}\`: ${text}`), '');
  const sample = example(rule);
  if (sample) lines.push('**Example of a violation:**', '', `\`\`\`${sample.kind}`, sample.source.trimEnd(), '```', '');
  return lines.join('\n');
}

/** docs/rules.md: every built-in rule from its METADATA and its first failing case. */
export function rulesDocument(): string {
  const manifest = JSON.parse(readFileSync(path.join(builtinPolicyDir(), 'compiled', 'evident.manifest.json'), 'utf8')) as BundleManifest;
  const rules = manifest.rules.filter((r) => !r.deprecated);
  const out = [
    '# Evident rules',
    '',
    '<!-- Generated from each rule\'s METADATA and cases by `npm run build:docs`; do not edit by hand. -->',
    '',
    `${rules.length} rules. Every number a rule uses comes from the organisation profile and can be overridden in \`evident.config.yaml\`.`,
    '',
    '| Id | Severity | Rule |',
    '|---|---|---|',
    ...rules.map((r) => `| [${r.id}](#${r.id.toLowerCase()}--${r.title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')}) | ${r.severity} | ${r.title} |`),
    '',
  ];
  for (const category of CATEGORIES) {
    const inCategory = rules.filter((r) => r.category === category);
    if (inCategory.length === 0) continue;
    out.push(`## ${category[0].toUpperCase()}${category.slice(1)}`, '', ...inCategory.map(section));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
