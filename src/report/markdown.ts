import type { EvidencePack } from '../evidence/model.js';
import { evidenceView } from './evidence-view.js';
import type { TemplateSet } from './templates.js';

/** Backslash-escapes what Markdown (and GFM tables) would read as syntax; line breaks would end a table row. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\s*\r?\n\s*/g, ' ');
}

/** evidence.md from `templates/evidence.md.hbs`. */
export function renderMarkdown(pack: EvidencePack, templates: TemplateSet): string {
  return templates.compile('evidence.md.hbs', { noEscape: true })(evidenceView(pack, escapeMarkdown));
}
