/**
 * cidrhost, cidrnetmask, cidrsubnet and cidrsubnets, reproducing Terraform's Go implementation
 * (its fork of Go's pre-1.17 address parser and github.com/apparentlymart/go-cidr) bit for bit,
 * including how IPv4-mapped IPv6 prefixes are printed.
 */
import type { FunctionTable } from './registry.js';
import { argError } from './registry.js';
import { NUMBER, STRING } from './types.js';
import type { TfValue } from './value.js';
import { FunctionError } from './value.js';

/** An address as Go holds it: 4 bytes for IPv4, 16 for IPv6 (including IPv4-mapped IPv6). */
export interface IpAddress {
  bytes: 4 | 16;
  value: bigint;
}

/** A network as Go's ParseCIDR returns it: the masked address and the prefix length of its mask. */
export interface IpNetwork {
  ip: IpAddress;
  prefix: number;
}

const V4_IN_V6_PREFIX = 0xffffn << 32n;
const BIG = 0xffffff;

/** Go's dtoi: decimal digits up to a large bound. */
function dtoi(s: string): [number, number] | undefined {
  let n = 0;
  let i = 0;
  for (; i < s.length && s[i] >= '0' && s[i] <= '9'; i++) {
    n = n * 10 + (s.charCodeAt(i) - 48);
    if (n >= BIG) return undefined;
  }
  return i === 0 ? undefined : [n, i];
}

function xtoi(s: string): [number, number] | undefined {
  let n = 0;
  let i = 0;
  for (; i < s.length && /[0-9a-fA-F]/.test(s[i]); i++) {
    n = n * 16 + parseInt(s[i], 16);
    if (n >= BIG) return undefined;
  }
  return i === 0 ? undefined : [n, i];
}

/** Terraform keeps Go's pre-1.17 IPv4 parsing, where leading zeros are decimal. Returns 4 bytes. */
function parseIPv4(text: string): number[] | undefined {
  const out: number[] = [];
  let s = text;
  for (let i = 0; i < 4; i++) {
    if (s.length === 0) return undefined;
    if (i > 0) {
      if (s[0] !== '.') return undefined;
      s = s.slice(1);
    }
    const parsed = dtoi(s);
    if (!parsed || parsed[0] > 0xff) return undefined;
    out.push(parsed[0]);
    s = s.slice(parsed[1]);
  }
  return s.length === 0 ? out : undefined;
}

function parseIPv6(text: string): number[] | undefined {
  const ip = new Array<number>(16).fill(0);
  let s = text;
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return ip;
  }
  let i = 0;
  while (i < 16) {
    const parsed = xtoi(s);
    if (!parsed || parsed[0] > 0xffff) return undefined;
    const [n, c] = parsed;
    if (c < s.length && s[c] === '.') {
      if (ellipsis < 0 && i !== 12) return undefined;
      if (i + 4 > 16) return undefined;
      const v4 = parseIPv4(s);
      if (!v4) return undefined;
      ip.splice(i, 4, ...v4);
      s = '';
      i += 4;
      break;
    }
    ip[i] = n >> 8;
    ip[i + 1] = n & 0xff;
    i += 2;
    s = s.slice(c);
    if (s.length === 0) break;
    if (s[0] !== ':' || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return undefined;
  }
  return ip;
}

function bytesToBigInt(bytes: number[]): bigint {
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

function maskValue(prefix: number, bits: number): bigint {
  return prefix <= 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
}

/** Go's net.ParseCIDR (Terraform's ipaddr fork). */
export function parseCidr(text: string): IpNetwork {
  const slash = text.indexOf('/');
  const fail = (): never => {
    throw new FunctionError(`invalid CIDR expression: invalid CIDR address: ${text}`);
  };
  if (slash < 0) return fail();
  const addr = text.slice(0, slash);
  const mask = text.slice(slash + 1);
  let bytes: 4 | 16 = 4;
  let parsed = parseIPv4(addr);
  if (!parsed) {
    bytes = 16;
    parsed = parseIPv6(addr);
  }
  const length = dtoi(mask);
  if (!parsed || !length || length[1] !== mask.length || length[0] > bytes * 8) return fail();
  const prefix = length[0];
  const value = bytesToBigInt(parsed) & maskValue(prefix, bytes * 8);
  return { ip: { bytes, value }, prefix };
}

/** Go's IP.To4: the IPv4 value when the address is IPv4 or IPv4-mapped IPv6. */
function to4(ip: IpAddress): bigint | undefined {
  if (ip.bytes === 4) return ip.value;
  return ip.value >> 32n === 0xffffn ? ip.value & 0xffffffffn : undefined;
}

/** Go's IP.String. */
export function formatIp(ip: IpAddress): string {
  const v4 = to4(ip);
  if (v4 !== undefined) return [24n, 16n, 8n, 0n].map((shift) => String((v4 >> shift) & 0xffn)).join('.');
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestEnd = -1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j > i && j - i > bestEnd - bestStart) {
      bestStart = i;
      bestEnd = j;
      i = j;
    }
  }
  if (bestEnd - bestStart <= 1) {
    bestStart = -1;
    bestEnd = -1;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i = bestEnd - 1;
      continue;
    }
    if (i > 0 && !out.endsWith(':')) out += ':';
    out += groups[i].toString(16);
  }
  return out;
}

/** Go's IPNet.String: an IPv4-mapped network prints as IPv4 with the mask's last 32 bits. */
export function formatNetwork(network: IpNetwork): string {
  if (network.prefix < 0) return '<nil>';
  const v4 = to4(network.ip);
  if (v4 !== undefined && network.ip.bytes === 16) {
    const prefix = Math.max(network.prefix - 96, 0);
    return `${formatIp({ bytes: 4, value: v4 })}/${prefix}`;
  }
  return `${formatIp(network.ip)}/${network.prefix}`;
}

function bits(ip: IpAddress): number {
  return ip.bytes * 8;
}

/** Go's intToIP: keeps the low bytes; more bytes than the address holds crashes Terraform. */
function intToIp(value: bigint, size: 4 | 16): IpAddress {
  const magnitude = value < 0n ? -value : value;
  if (magnitude >> BigInt(size * 8) !== 0n) throw new FunctionError('result does not fit in an IP address');
  return { bytes: size, value: magnitude };
}

function insertNumIntoIp(ip: IpAddress, num: bigint, prefixLength: number): IpAddress {
  const shifted = num << BigInt(bits(ip) - prefixLength);
  return intToIp(ip.value | shifted, ip.bytes);
}

/** go-cidr's SubnetBig. */
export function subnet(base: IpNetwork, newBits: number, num: bigint): IpNetwork {
  const addressBits = bits(base.ip);
  const newPrefix = base.prefix + newBits;
  if (newPrefix > addressBits) {
    throw new FunctionError(`insufficient address space to extend prefix of ${base.prefix} by ${newBits}`);
  }
  const maxNetNum = newBits >= 64 || newBits < 0 ? (1n << 64n) - 1n : (1n << BigInt(newBits)) - 1n;
  const magnitude = (num < 0n ? -num : num) & ((1n << 64n) - 1n);
  if (magnitude > maxNetNum) {
    throw new FunctionError(`prefix extension of ${newBits} does not accommodate a subnet numbered ${num}`);
  }
  if (newPrefix < 0) return { ip: base.ip, prefix: -1 };
  return { ip: insertNumIntoIp(base.ip, num, newPrefix), prefix: newPrefix };
}

/** go-cidr's HostBig, including its treatment of negative host numbers. */
export function host(base: IpNetwork, hostNum: bigint): IpAddress {
  const hostLength = bits(base.ip) - base.prefix;
  const maxHostNum = (1n << BigInt(hostLength)) - 1n;
  let num = hostNum;
  let magnitude = BigInt.asIntN(64, num);
  if (num < 0n) {
    magnitude = -num - 1n;
    num = maxHostNum - magnitude;
  }
  if (magnitude > maxHostNum) throw new FunctionError(`prefix of ${base.prefix} does not accommodate a host numbered ${num}`);
  const bitLength = to4(base.ip) !== undefined ? 32 : 128;
  return insertNumIntoIp(base.ip, num, bitLength);
}

function lastAddress(network: IpNetwork): bigint {
  return network.ip.value | ((1n << BigInt(bits(network.ip) - network.prefix)) - 1n);
}

function masked(value: bigint, prefix: number, size: 4 | 16): IpAddress {
  return { bytes: size, value: value & maskValue(prefix, size * 8) };
}

/** go-cidr's PreviousSubnet (without its rollover flag, which Terraform ignores). */
function previousSubnet(network: IpNetwork, prefix: number): IpNetwork {
  const size = network.ip.bytes;
  const all = (1n << BigInt(size * 8)) - 1n;
  const previous = (network.ip.value - 1n) & all;
  return { ip: masked(previous, prefix, size), prefix };
}

/** go-cidr's NextSubnet: the subnet of `prefix` bits after the one containing the end of `network`. */
function nextSubnet(network: IpNetwork, prefix: number): { next: IpNetwork; rollover: boolean } {
  const size = network.ip.bytes;
  const all = (1n << BigInt(size * 8)) - 1n;
  const currentLast = lastAddress(network);
  const current = masked(currentLast, prefix, size);
  const last = lastAddress({ ip: current, prefix });
  const following = (last + 1n) & all;
  return { next: { ip: masked(following, prefix, size), prefix }, rollover: following === 0n };
}

function contains(network: IpNetwork, ip: IpAddress): boolean {
  const size = network.ip.bytes;
  let value = ip.value;
  if (ip.bytes !== size) {
    const v4 = to4(ip);
    if (v4 === undefined) return false;
    value = size === 4 ? v4 : V4_IN_V6_PREFIX | v4;
  }
  return (value & maskValue(network.prefix, size * 8)) === network.ip.value;
}

/** A Go int argument: whole and within int64. */
function goInt(value: TfValue): number {
  const n = value as number;
  if (!Number.isInteger(n) || Math.abs(n) > 2 ** 63) {
    throw new FunctionError('value must be a whole number, between -9223372036854775808 and 9223372036854775807');
  }
  return n;
}

/** A *big.Int argument: any whole number. */
function goBigInt(value: TfValue): bigint {
  const n = value as number;
  if (!Number.isInteger(n)) throw new FunctionError('value must be a whole number');
  return BigInt(n);
}

export function cidrSubnets(prefixText: string, newBitsList: readonly number[]): string[] {
  let network: IpNetwork;
  try {
    network = parseCidr(prefixText);
  } catch (error) {
    throw argError('prefix', (error as Error).message);
  }
  if (newBitsList.length === 0) return [];
  const addressBits = bits(network.ip);
  const protocol = addressBits === 32 ? 'IPv4' : 'IPv6';
  let firstLength: number;
  try {
    firstLength = goInt(newBitsList[0]) + network.prefix;
  } catch (error) {
    throw argError('newbits', (error as Error).message);
  }
  let current = previousSubnet(network, Math.min(Math.max(firstLength, 0), addressBits));
  const out: string[] = [];
  for (const lengthArg of newBitsList) {
    let length: number;
    try {
      length = goInt(lengthArg);
    } catch (error) {
      throw argError('newbits', (error as Error).message);
    }
    if (length < 1) throw argError('newbits', 'must extend prefix by at least one bit');
    if (length > 32) throw argError('newbits', 'may not extend prefix by more than 32 bits');
    length += network.prefix;
    if (length > addressBits) {
      throw argError('newbits', `would extend prefix to ${length} bits, which is too long for an ${protocol} address`);
    }
    const { next, rollover } = nextSubnet(current, length);
    // go-cidr narrows an IPv4-mapped IPv6 address to 4 bytes but keeps the 128-bit prefix length, which yields no subnet at all.
    const mapped = network.ip.bytes === 16 && to4(network.ip) !== undefined;
    if (mapped) {
      throw argError('newbits', `not enough remaining address space for a subnet with a prefix of ${length} bits after <nil>`);
    }
    if (rollover || !contains(network, next.ip)) {
      throw argError(
        'newbits',
        `not enough remaining address space for a subnet with a prefix of ${length} bits after ${formatNetwork(current)}`,
      );
    }
    current = next;
    out.push(formatNetwork(current));
  }
  return out;
}

export const cidrFunctions: FunctionTable = {
  cidrhost: {
    params: [
      { name: 'prefix', type: STRING },
      { name: 'hostnum', type: NUMBER },
    ],
    impl: ([prefix, hostnum]) => {
      const num = goBigInt(hostnum);
      return formatIp(host(parseCidr(prefix as string), num));
    },
  },
  cidrnetmask: {
    params: [{ name: 'prefix', type: STRING }],
    impl: ([prefix]) => {
      const network = parseCidr(prefix as string);
      if (to4(network.ip) === undefined) throw new FunctionError(`IPv6 addresses cannot have a netmask: ${prefix as string}`);
      const size = network.ip.bytes;
      return formatIp({ bytes: size, value: maskValue(network.prefix, size * 8) });
    },
  },
  cidrsubnet: {
    params: [
      { name: 'prefix', type: STRING },
      { name: 'newbits', type: NUMBER },
      { name: 'netnum', type: NUMBER },
    ],
    impl: ([prefix, newbits, netnum]) => {
      const extension = goInt(newbits);
      const num = goBigInt(netnum);
      return formatNetwork(subnet(parseCidr(prefix as string), extension, num));
    },
  },
  cidrsubnets: {
    params: [{ name: 'prefix', type: STRING }],
    varParam: { name: 'newbits', type: NUMBER },
    impl: ([prefix, ...newbits]) => cidrSubnets(prefix as string, newbits as number[]),
  },
};
