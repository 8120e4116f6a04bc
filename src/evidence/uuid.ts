import { createHash } from 'node:crypto';

/** RFC 4122 URL namespace; Evident's own namespace is derived from it, so every id below is reproducible. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

function bytesOf(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** A version 5 (SHA-1, name-based) UUID: the same name in the same namespace always gives the same id. */
export function uuidV5(name: string, namespace: string = EVIDENT_NAMESPACE): string {
  const hash = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest().subarray(0, 16);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const EVIDENT_NAMESPACE: string = uuidV5('urn:evident:evidence', URL_NAMESPACE);
