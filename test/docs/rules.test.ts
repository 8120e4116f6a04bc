import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { builtinBundle } from '../../src/engine/bundle.js';
import { RULES_DOC_PATH, rulesDocument } from '../../src/docs/rules.js';

it('docs/rules.md is generated from the rules and up to date', () => {
  expect(readFileSync(RULES_DOC_PATH, 'utf8'), 'docs/rules.md is stale: run `npm run build:docs`').toBe(rulesDocument());
});

it('documents every rule, in the index and with its own section', () => {
  const doc = readFileSync(RULES_DOC_PATH, 'utf8');
  for (const rule of builtinBundle().manifest.rules.filter((r) => !r.deprecated)) {
    expect(doc).toContain(`| [${rule.id}](`);
    expect(doc).toContain(`### ${rule.id} — ${rule.title}`);
  }
});
