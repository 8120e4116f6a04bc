import { createHash } from 'node:crypto';
import type { FunctionSpec, FunctionTable } from './registry.js';
import { NUMBER, STRING } from './types.js';
import { FunctionError, Unknown } from './value.js';

function digest(algorithm: string, encoding: 'hex' | 'base64'): FunctionSpec {
  return {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => createHash(algorithm).update(str as string, 'utf8').digest(encoding),
  };
}

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** google/uuid's Parse: the 36-character form, `urn:uuid:`, braces, or 32 hex digits. */
function parseUuid(text: string): Buffer {
  let s = text;
  switch (s.length) {
    case 36:
      break;
    case 45:
      if (s.slice(0, 9).toLowerCase() !== 'urn:uuid:') throw new Error(`invalid urn prefix: ${JSON.stringify(s.slice(0, 9))}`);
      s = s.slice(9);
      break;
    case 38:
      s = s.slice(1);
      break;
    case 32:
      if (!/^[0-9a-fA-F]{32}$/.test(s)) throw new Error('invalid UUID format');
      return Buffer.from(s, 'hex');
    default:
      throw new Error(`invalid UUID length: ${s.length}`);
  }
  if (s[8] !== '-' || s[13] !== '-' || s[18] !== '-' || s[23] !== '-') throw new Error('invalid UUID format');
  const hex = s.slice(0, 36).replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error('invalid UUID format');
  return Buffer.from(hex, 'hex');
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 4122 version 5: SHA-1 of namespace and name. */
export function uuidV5(namespace: string, name: string): string {
  let space: Buffer;
  try {
    space = parseUuid(NAMESPACES[namespace] ?? namespace);
  } catch (error) {
    throw new FunctionError(`uuidv5() doesn't support namespace ${namespace} (${(error as Error).message})`);
  }
  const hash = createHash('sha1').update(space).update(name, 'utf8').digest().subarray(0, 16);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  return formatUuid(hash);
}

function unknownResult(reason: string, params: FunctionSpec['params'], varParam?: FunctionSpec['varParam']): FunctionSpec {
  return { params, varParam, acceptsUnknown: true, impl: () => new Unknown(reason) };
}

export const cryptoFunctions: FunctionTable = {
  md5: digest('md5', 'hex'),
  sha1: digest('sha1', 'hex'),
  sha256: digest('sha256', 'hex'),
  sha512: digest('sha512', 'hex'),
  base64sha256: digest('sha256', 'base64'),
  base64sha512: digest('sha512', 'base64'),
  uuidv5: {
    params: [
      { name: 'namespace', type: STRING },
      { name: 'name', type: STRING },
    ],
    impl: ([namespace, name]) => uuidV5(namespace as string, name as string),
  },
  uuid: unknownResult('uuid() is only known after apply', []),
  bcrypt: unknownResult('bcrypt() uses a random salt, so its result is only known after apply', [{ name: 'str', type: STRING }], {
    name: 'cost',
    type: NUMBER,
  }),
  timestamp: unknownResult('timestamp() is only known after apply', []),
  plantimestamp: unknownResult('plantimestamp() is only known when Terraform plans', []),
  rsadecrypt: unknownResult('rsadecrypt() needs a private key, which Evident does not evaluate', [
    { name: 'ciphertext', type: STRING },
    { name: 'privatekey', type: STRING },
  ]),
};
