import path from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../package-root.js';
import { configSchema } from './config.js';

export const CONFIG_SCHEMA_PATH: string = path.join(packageRoot(), 'schemas', 'evident.config.schema.json');

/** JSON Schema of evident.config.yaml, generated from the same zod schema that validates it. */
export function configSchemaDocument(): string {
  const schema = z.toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify({ ...schema, $id: 'https://evident.dev/schemas/evident.config.schema.json', title: 'Evident configuration (evident.config.yaml)' }, null, 2)}\n`;
}
