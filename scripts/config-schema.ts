import { writeFileSync } from 'node:fs';
import { configSchemaDocument, CONFIG_SCHEMA_PATH } from '../src/profile/json-schema.js';

// Editors validate evident.config.yaml against this file; a test fails when it is out of date.
writeFileSync(CONFIG_SCHEMA_PATH, configSchemaDocument());
console.log(`wrote ${CONFIG_SCHEMA_PATH}`);
