/**
 * Sprig's crypto, UUID and URL functions. Key and certificate generation cannot be both real and
 * deterministic, so genCA/genPrivateKey/genSelfSignedCert/genSignedCert return clearly labelled
 * placeholder PEM blocks; derivePassword and AES use node:crypto with a seeded IV.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, scryptSync } from 'node:crypto';
import { GoError, GoStruct, newMap, type GoFunc, type GoMap, type GoValue } from '../template/value.js';
import { base64Decode } from './sprig.js';
import { def, panic } from './support.js';

export class Certificate extends GoStruct {
  readonly goType = 'sprig.certificate';
  readonly cert: string;
  readonly key: string;
  constructor(cert: string, key: string) {
    super();
    this.cert = cert;
    this.key = key;
  }
  override fieldNames(): readonly string[] {
    return ['Cert', 'Key'];
  }
  override field(name: string): GoValue {
    return name === 'Cert' ? this.cert : name === 'Key' ? this.key : null;
  }
}

function pem(type: string, body: Uint8Array): string {
  const b64 = Buffer.from(body).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

/** A placeholder body: readable as what it stands for; the nonce comes from the seeded generator, as Helm's keys come from its RNG. */
function placeholder(kind: string, detail: string, nonce: Uint8Array): Uint8Array {
  const digest = createHash('sha256').update(`${kind}\0${detail}\0`).update(nonce).digest('hex');
  return Buffer.from(`EVIDENT PLACEHOLDER ${kind} (${detail}) ${digest}`, 'utf8');
}

const MASTER_PASSWORD_SEED = 'com.lyndir.masterpassword';
const PASSWORD_TYPES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const TEMPLATE_CHARS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** Sprig's derivePassword (the Master Password algorithm): real scrypt + HMAC, deterministic. */
export function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = PASSWORD_TYPES[type];
  if (templates === undefined || !Object.hasOwn(PASSWORD_TYPES, type)) return `cannot find password template ${type}`;
  const userBytes = Buffer.from(user, 'utf8');
  const salt = Buffer.concat([Buffer.from(MASTER_PASSWORD_SEED), u32(userBytes.length), userBytes]);
  const key = scryptSync(Buffer.from(password, 'utf8'), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 256 * 1024 * 1024 });
  const siteBytes = Buffer.from(site, 'utf8');
  const seed = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(MASTER_PASSWORD_SEED), u32(siteBytes.length), siteBytes, u32(counter)]))
    .digest();
  const template = templates[seed[0] % templates.length];
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const chars = TEMPLATE_CHARS[template[i]];
    out += chars[seed[i + 1] % chars.length];
  }
  return out;
}

function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(password, 'utf8').copy(key, 0, 0, 32);
  return key;
}

/** scrypt with Sprig's parameters costs about as much as this many template steps. */
const DERIVE_PASSWORD_COST = 2_000_000;

export function cryptoFuncs(randomBytes: (n: number) => Uint8Array, spend: (steps: number) => void): GoFunc[] {
  const derived = new Map<string, string>();
  const S = 'string';
  const LIST = '[]interface {}';
  const CERT = 'sprig.certificate';
  const hosts = (ips: GoValue[] | null, dns: GoValue[] | null): string =>
    [...(ips ?? []), ...(dns ?? [])].map((h) => (typeof h === 'string' ? h : String(h))).join(',');
  const cert = (kind: string, detail: string): Certificate => {
    const nonce = randomBytes(16);
    return new Certificate(pem('CERTIFICATE', placeholder(`${kind} CERTIFICATE`, detail, nonce)), pem('RSA PRIVATE KEY', placeholder(`${kind} KEY`, detail, nonce)));
  };
  const withKey = (c: Certificate, key: string): Certificate => new Certificate(c.cert, key);
  return [
    def('genPrivateKey', [S], S, (type: string) => {
      const label: Record<string, string> = { rsa: 'RSA PRIVATE KEY', dsa: 'DSA PRIVATE KEY', ecdsa: 'EC PRIVATE KEY', ed25519: 'PRIVATE KEY' };
      const pemType = label[type];
      if (pemType === undefined || !Object.hasOwn(label, type)) return `Unknown type ${type}`;
      return pem(pemType, placeholder(`${type.toUpperCase()} KEY`, type, randomBytes(16)));
    }),
    def('genCA', [S, 'int'], CERT, (cn: string, days: { toNumber(): number }) => cert('CA', `CN=${cn}, days=${days.toNumber()}`), { returnsError: true }),
    def('genCAWithKey', [S, 'int', S], CERT, (cn: string, days: { toNumber(): number }, key: string) => withKey(cert('CA', `CN=${cn}, days=${days.toNumber()}`), key), {
      returnsError: true,
    }),
    def('genSelfSignedCert', [S, LIST, LIST, 'int'], CERT, (cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: { toNumber(): number }) =>
      cert('SELF-SIGNED', `CN=${cn}, hosts=${hosts(ips, dns)}, days=${days.toNumber()}`), { returnsError: true }),
    def('genSelfSignedCertWithKey', [S, LIST, LIST, 'int', S], CERT, (cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: { toNumber(): number }, key: string) =>
      withKey(cert('SELF-SIGNED', `CN=${cn}, hosts=${hosts(ips, dns)}, days=${days.toNumber()}`), key), { returnsError: true }),
    def('genSignedCert', [S, LIST, LIST, 'int', CERT], CERT, (cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: { toNumber(): number }, ca: Certificate) =>
      cert('SIGNED', `CN=${cn}, hosts=${hosts(ips, dns)}, days=${days.toNumber()}, ca=${createHash('sha256').update(ca.cert).digest('hex').slice(0, 16)}`), {
      returnsError: true,
    }),
    def('genSignedCertWithKey', [S, LIST, LIST, 'int', CERT, S], CERT, (cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: { toNumber(): number }, ca: Certificate, key: string) =>
      withKey(cert('SIGNED', `CN=${cn}, hosts=${hosts(ips, dns)}, days=${days.toNumber()}, ca=${createHash('sha256').update(ca.cert).digest('hex').slice(0, 16)}`), key), {
      returnsError: true,
    }),
    def('buildCustomCert', [S, S], CERT, (b64cert: string, b64key: string) => {
      const certText = base64Decode(b64cert);
      if (certText.startsWith('illegal base64')) throw new GoError('unable to decode base64 certificate');
      const keyText = base64Decode(b64key);
      if (keyText.startsWith('illegal base64')) throw new GoError('unable to decode base64 private key');
      if (!certText.includes('-----BEGIN CERTIFICATE-----')) throw new GoError('unable to decode certificate');
      if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyText)) throw new GoError('unable to decode private key');
      return new Certificate(certText, keyText);
    }, { returnsError: true }),
    def('derivePassword', ['uint32', S, S, S, S], S, (counter: { toNumber(): number }, type: string, password: string, user: string, site: string) => {
      const key = JSON.stringify([counter.toNumber(), type, password, user, site]);
      let result = derived.get(key);
      if (result === undefined) {
        spend(DERIVE_PASSWORD_COST);
        result = derivePassword(counter.toNumber(), type, password, user, site);
        derived.set(key, result);
      }
      return result;
    }),
    def('bcrypt', [S], S, (input: string) => `$2a$10$${Buffer.from(createHash('sha256').update(`bcrypt\0${input}`).digest()).toString('base64').replace(/[+=]/g, '.').slice(0, 53)}`),
    def('htpasswd', [S, S], S, (user: string, password: string) => {
      if (user.includes(':')) return `invalid username: ${user}`;
      return `${user}:$2a$10$${Buffer.from(createHash('sha256').update(`bcrypt\0${password}`).digest()).toString('base64').replace(/[+=]/g, '.').slice(0, 53)}`;
    }),
    def('encryptAES', [S, S], S, (password: string, plaintext: string) => {
      if (plaintext === '') return '';
      const iv = Buffer.from(randomBytes(16));
      const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv);
      return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
    }, { returnsError: true }),
    def('decryptAES', [S, S], S, (password: string, crypt64: string) => {
      if (crypt64 === '') return '';
      const data = Buffer.from(crypt64, 'base64');
      if (data.length < 16) panic('runtime error: slice bounds out of range [:16]');
      const decipher = createDecipheriv('aes-256-cbc', aesKey(password), data.subarray(0, 16));
      decipher.setAutoPadding(false);
      const out = Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]);
      if (out.length === 0) panic('runtime error: index out of range [-1]');
      return out.subarray(0, out.length - out[out.length - 1]).toString('utf8');
    }, { returnsError: true }),
    def('randBytes', ['int'], S, (n: { toNumber(): number }) => {
      const count = n.toNumber();
      if (count < 0) panic('runtime error: makeslice: len out of range');
      return Buffer.from(randomBytes(count)).toString('base64');
    }, { returnsError: true }),
    def('uuidv4', [], S, () => {
      const b = Buffer.from(randomBytes(16));
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }),
    def('urlParse', [S], 'map[string]interface {}', (v: string) => urlParse(v)),
    def('urlJoin', ['map[string]interface {}'], S, (d: GoMap) => urlJoin(d)),
  ];
}

function urlParse(v: string): GoMap {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/(?:([^@/?#]*)@)?([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(v);
  if (m === null) panic(`unable to parse url: parse ${JSON.stringify(v)}: invalid URL`);
  const out = newMap();
  const host = m[3] ?? '';
  let path = m[4] ?? '';
  let opaque = '';
  if (m[1] !== undefined && m[3] === undefined && !path.startsWith('/')) {
    opaque = path;
    path = '';
  }
  out.scheme = m[1] ?? '';
  out.host = host;
  out.hostname = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  out.path = safeDecode(path);
  out.query = m[5] ?? '';
  out.opaque = opaque;
  out.fragment = safeDecode(m[6] ?? '');
  out.userinfo = m[2] ?? '';
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function dictString(d: GoMap, key: string): string {
  if (!Object.hasOwn(d, key)) return '';
  const v = d[key];
  if (typeof v !== 'string') panic(`unable to parse ${key} key, must be of type string, but ${v === null ? 'invalid' : typeof v} found`);
  return v;
}

function urlJoin(d: GoMap): string {
  const scheme = dictString(d, 'scheme');
  const host = dictString(d, 'host');
  const path = dictString(d, 'path');
  const query = dictString(d, 'query');
  const opaque = dictString(d, 'opaque');
  const fragment = dictString(d, 'fragment');
  const user = dictString(d, 'userinfo');
  let out = '';
  if (scheme !== '') out += `${scheme}:`;
  if (opaque !== '') out += opaque;
  else {
    if (scheme !== '' || host !== '' || user !== '') {
      if (host !== '' || path !== '' || user !== '') out += '//';
      if (user !== '') out += `${user}@`;
      out += host;
    }
    if (path !== '' && !path.startsWith('/') && host !== '') out += '/';
    out += encodeURI(path).replace(/%25/g, '%');
  }
  if (query !== '') out += `?${query}`;
  if (fragment !== '') out += `#${encodeURIComponent(fragment)}`;
  return out;
}
