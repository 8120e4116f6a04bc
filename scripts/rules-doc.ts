import { writeFileSync } from 'node:fs';
import { RULES_DOC_PATH, rulesDocument } from '../src/docs/rules.js';

writeFileSync(RULES_DOC_PATH, rulesDocument());
console.log(`wrote ${RULES_DOC_PATH}`);
