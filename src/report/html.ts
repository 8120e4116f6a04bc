import type { EvidencePack } from '../evidence/model.js';
import { evidenceView } from './evidence-view.js';
import type { TemplateSet } from './templates.js';

/** evidence.html from `templates/evidence.html.hbs`, self-contained: the stylesheet is inlined. */
export function renderHtml(pack: EvidencePack, templates: TemplateSet): string {
  const view = { ...evidenceView(pack, (text) => text), css: templates.read('assets', 'evidence.css') };
  return templates.compile('evidence.html.hbs', { noEscape: false })(view);
}
