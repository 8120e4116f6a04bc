import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { FunctionError, callFunction } from '../../../../src/parsers/terraform/functions/index.js';
import type { Case } from './cases.js';
import { runCases } from './cases.js';

// The examples on developer.hashicorp.com/terraform/language/functions/cidr*.
const documentation: Case[] = [
  ['cidrhost', ['10.12.112.0/20', 16], { value: '10.12.112.16' }],
  ['cidrhost', ['10.12.112.0/20', 268], { value: '10.12.113.12' }],
  ['cidrhost', ['fd00:fd12:3456:7890:00a2::/72', 34], { value: 'fd00:fd12:3456:7890::22' }],
  ['cidrnetmask', ['172.16.0.0/12'], { value: '255.240.0.0' }],
  ['cidrsubnet', ['172.16.0.0/12', 4, 2], { value: '172.18.0.0/16' }],
  ['cidrsubnet', ['10.1.2.0/24', 4, 15], { value: '10.1.2.240/28' }],
  ['cidrsubnet', ['fd00:fd12:3456:7890::/56', 16, 162], { value: 'fd00:fd12:3456:7800:a200::/72' }],
  ['cidrsubnets', ['10.1.0.0/16', 4, 4, 8, 4], { value: ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20'] }],
  [
    'cidrsubnets',
    ['fd00:fd12:3456:7890::/56', 16, 16, 16, 32],
    { value: ['fd00:fd12:3456:7800::/72', 'fd00:fd12:3456:7800:100::/72', 'fd00:fd12:3456:7800:200::/72', 'fd00:fd12:3456:7800:300::/88'] },
  ],
];

// Expected values and messages were produced by `terraform console` (Terraform 1.11), including its quirks:
// leading-zero octets are decimal, IPv4-mapped IPv6 prefixes print as IPv4, negative numbers follow go-cidr.
const cidr: Case[] = [
  ["cidrhost", ["192.168.1.0/24",5], { value: "192.168.1.5" }],
  ["cidrhost", ["192.168.1.0/24",-5], { value: "192.168.1.251" }],
  ["cidrhost", ["192.168.1.0/24",-256], { value: "192.168.1.0" }],
  ["cidrhost", ["010.001.0.0/24",6], { value: "10.1.0.6" }],
  ["cidrhost", ["192.168.1.0/30",255], { error: "cidrhost: prefix of 30 does not accommodate a host numbered 255" }],
  ["cidrhost", ["192.168.1.0/30",-255], { error: "cidrhost: prefix of 30 does not accommodate a host numbered -251" }],
  ["cidrhost", ["not-a-cidr",6], { error: "cidrhost: invalid CIDR expression: invalid CIDR address: not-a-cidr" }],
  ["cidrhost", ["10.256.0.0/8",6], { error: "cidrhost: invalid CIDR expression: invalid CIDR address: 10.256.0.0/8" }],
  ["cidrhost", ["10.0.0.0/8",0.75], { error: "cidrhost: value must be a whole number" }],
  ["cidrhost", ["10.12.112.0/20",16], { value: "10.12.112.16" }],
  ["cidrhost", ["10.12.112.0/20",268], { value: "10.12.113.12" }],
  ["cidrhost", ["fd00:fd12:3456:7890:00a2::/72",34], { value: "fd00:fd12:3456:7890::22" }],
  ["cidrhost", ["::ffff:10.0.0.0/120",5], { value: "0:5::ffff:a00:0" }],
  ["cidrhost", ["2001:db8::/32",-1], { value: "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff" }],
  ["cidrhost", ["10.0.0.0/32",0], { value: "10.0.0.0" }],
  ["cidrhost", ["10.0.0.0/32",1], { error: "cidrhost: prefix of 32 does not accommodate a host numbered 1" }],
  ["cidrhost", ["0.0.0.0/0",4294967295], { value: "255.255.255.255" }],
  ["cidrhost", ["0.0.0.0/0",-1], { value: "255.255.255.255" }],
  ["cidrhost", ["10.0.0.5/24",1], { value: "10.0.0.1" }],
  ["cidrhost", ["::/0",1], { value: "::1" }],
  ["cidrhost", ["2001:db8::/64",65536], { value: "2001:db8::1:0" }],
  ["cidrnetmask", ["192.168.1.0/24"], { value: "255.255.255.0" }],
  ["cidrnetmask", ["192.168.1.0/32"], { value: "255.255.255.255" }],
  ["cidrnetmask", ["0.0.0.0/0"], { value: "0.0.0.0" }],
  ["cidrnetmask", ["010.001.0.0/24"], { value: "255.255.255.0" }],
  ["cidrnetmask", ["not-a-cidr"], { error: "cidrnetmask: invalid CIDR expression: invalid CIDR address: not-a-cidr" }],
  ["cidrnetmask", ["1::/64"], { error: "cidrnetmask: IPv6 addresses cannot have a netmask: 1::/64" }],
  ["cidrnetmask", ["172.16.0.0/12"], { value: "255.240.0.0" }],
  ["cidrnetmask", ["::ffff:10.0.0.0/120"], { value: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00" }],
  ["cidrnetmask", ["10.0.0.0/33"], { error: "cidrnetmask: invalid CIDR expression: invalid CIDR address: 10.0.0.0/33" }],
  ["cidrnetmask", ["10.0.0.0/"], { error: "cidrnetmask: invalid CIDR expression: invalid CIDR address: 10.0.0.0/" }],
  ["cidrnetmask", ["10.0.0/8"], { error: "cidrnetmask: invalid CIDR expression: invalid CIDR address: 10.0.0/8" }],
  ["cidrsubnet", ["192.168.2.0/20",4,6], { value: "192.168.6.0/24" }],
  ["cidrsubnet", ["fe80::/48",16,6], { value: "fe80:0:0:6::/64" }],
  ["cidrsubnet", ["::ffff:192.168.0.0/112",8,6], { value: "192.168.6.0/24" }],
  ["cidrsubnet", ["fe80::/48",33,6], { value: "fe80::3:0:0:0/81" }],
  ["cidrsubnet", ["010.001.0.0/24",4,1], { value: "10.1.0.16/28" }],
  ["cidrsubnet", ["192.168.0.0/30",4,6], { error: "cidrsubnet: insufficient address space to extend prefix of 30 by 4" }],
  ["cidrsubnet", ["192.168.0.0/168",2,16], { error: "cidrsubnet: invalid CIDR expression: invalid CIDR address: 192.168.0.0/168" }],
  ["cidrsubnet", ["10.256.0.0/8",4,6], { error: "cidrsubnet: invalid CIDR expression: invalid CIDR address: 10.256.0.0/8" }],
  ["cidrsubnet", ["10.0.0.0/8",0.6666666666666666,0.75], { error: "cidrsubnet: value must be a whole number, between -9223372036854775808 and 9223372036854775807" }],
  ["cidrsubnet", ["10.30.0.0/16",8,2], { value: "10.30.2.0/24" }],
  ["cidrsubnet", ["172.16.0.0/12",4,2], { value: "172.18.0.0/16" }],
  ["cidrsubnet", ["10.1.2.0/24",4,15], { value: "10.1.2.240/28" }],
  ["cidrsubnet", ["fd00:fd12:3456:7890::/56",16,162], { value: "fd00:fd12:3456:7800:a200::/72" }],
  ["cidrsubnet", ["10.0.0.0/16",9,600], { error: "cidrsubnet: prefix extension of 9 does not accommodate a subnet numbered 600" }],
  ["cidrsubnet", ["10.0.0.0/8",8,-1], { value: "0.1.0.0/16" }],
  ["cidrsubnet", ["10.1.0.0/16",-8,0], { value: "10.1.0.0/8" }],
  ["cidrsubnet", ["10.1.0.0/16",-17,0], { value: "<nil>" }],
  ["cidrsubnet", ["10.0.0.0/8",0,0], { value: "10.0.0.0/8" }],
  ["cidrsubnet", ["10.0.0.0/8",0,1], { error: "cidrsubnet: prefix extension of 0 does not accommodate a subnet numbered 1" }],
  ["cidrsubnet", ["2001:db8::/32",64,5], { value: "2001:db8::5:0:0/96" }],
  ["cidrsubnet", ["2001:db8::/32",96,1], { value: "2001:db8::1/128" }],
  ["cidrsubnet", ["10.1.2.3/16",8,1], { value: "10.1.1.0/24" }],
  ["cidrsubnet", ["::/0",128,1], { value: "::1/128" }],
  ["cidrsubnet", ["10.0.0.0/8",25,1], { error: "cidrsubnet: insufficient address space to extend prefix of 8 by 25" }],
  ["cidrsubnet", ["10.0.0.0/8",8,1.5], { error: "cidrsubnet: value must be a whole number" }],
  ["cidrsubnets", ["10.1.0.0/16",4,4,8,4], { value: ["10.1.0.0/20","10.1.16.0/20","10.1.32.0/24","10.1.48.0/20"] }],
  ["cidrsubnets", ["fd00:fd12:3456:7890::/56",16,16,16,32], { value: ["fd00:fd12:3456:7800::/72","fd00:fd12:3456:7800:100::/72","fd00:fd12:3456:7800:200::/72","fd00:fd12:3456:7800:300::/88"] }],
  ["cidrsubnets", ["10.0.0.0/21",3,3,3,4,4,4,7,7,7], { value: ["10.0.0.0/24","10.0.1.0/24","10.0.2.0/24","10.0.3.0/25","10.0.3.128/25","10.0.4.0/25","10.0.4.128/28","10.0.4.144/28","10.0.4.160/28"] }],
  ["cidrsubnets", ["010.0.0.0/21",3], { value: ["10.0.0.0/24"] }],
  ["cidrsubnets", ["10.0.0.0/30",1,3], { error: "cidrsubnets: invalid value for \"newbits\" parameter: would extend prefix to 33 bits, which is too long for an IPv4 address" }],
  ["cidrsubnets", ["10.0.0.0/8",1,1,1], { error: "cidrsubnets: invalid value for \"newbits\" parameter: not enough remaining address space for a subnet with a prefix of 9 bits after 10.128.0.0/9" }],
  ["cidrsubnets", ["10.0.0.0/8",1,0], { error: "cidrsubnets: invalid value for \"newbits\" parameter: must extend prefix by at least one bit" }],
  ["cidrsubnets", ["10.0.0.0/8",1,-1], { error: "cidrsubnets: invalid value for \"newbits\" parameter: must extend prefix by at least one bit" }],
  ["cidrsubnets", ["fe80::/48",1,33], { error: "cidrsubnets: invalid value for \"newbits\" parameter: may not extend prefix by more than 32 bits" }],
  ["cidrsubnets", ["10.0.0.0/8"], { value: [] }],
  ["cidrsubnets", ["x",1], { error: "cidrsubnets: invalid value for \"prefix\" parameter: invalid CIDR expression: invalid CIDR address: x" }],
  ["cidrsubnets", ["10.0.0.0/8",1.5], { error: "cidrsubnets: invalid value for \"newbits\" parameter: value must be a whole number, between -9223372036854775808 and 9223372036854775807" }],
  ["cidrsubnets", ["10.0.0.0/16",8,4,8], { value: ["10.0.0.0/24","10.0.16.0/20","10.0.32.0/24"] }],
  ["cidrsubnets", ["0.0.0.0/0",1,1], { error: "cidrsubnets: invalid value for \"newbits\" parameter: not enough remaining address space for a subnet with a prefix of 1 bits after 128.0.0.0/1" }],
  ["cidrsubnets", ["255.255.255.0/24",1,1,1], { error: "cidrsubnets: invalid value for \"newbits\" parameter: not enough remaining address space for a subnet with a prefix of 25 bits after 255.255.255.128/25" }],
  ["cidrsubnets", ["::ffff:10.0.0.0/104",8], { error: "cidrsubnets: invalid value for \"newbits\" parameter: not enough remaining address space for a subnet with a prefix of 112 bits after <nil>" }],
  ["cidrsubnets", ["10.0.0.0/24",2,1,2], { error: "cidrsubnets: invalid value for \"newbits\" parameter: not enough remaining address space for a subnet with a prefix of 26 bits after 10.0.0.128/25" }],
  ["cidrsubnets", ["10.0.0.0/8",2,2,2,2], { value: ["10.0.0.0/10","10.64.0.0/10","10.128.0.0/10","10.192.0.0/10"] }],
  ["cidrsubnets", ["10.0.0.0/8",2,2,2,2,2], { error: "cidrsubnets: invalid value for \"newbits\" parameter: not enough remaining address space for a subnet with a prefix of 10 bits after 10.192.0.0/10" }],
];

describe('cidr functions', () => {
  describe('documentation examples', () => runCases(documentation));
  describe('Terraform behaviour', () => runCases(cidr));
  it('reports the brief\'s example error', () => {
    expect(() => callFunction('cidrsubnet', ['10.0.0.0/16', 9, 600])).toThrow(
      new FunctionError('cidrsubnet: prefix extension of 9 does not accommodate a subnet numbered 600'),
    );
  });
});

/** A network as [first address, last address, bits], parsed by ipaddr.js, independently of the code under test. */
function range(cidr: string): [bigint, bigint, number] {
  const [address, prefix] = ipaddr.parseCIDR(cidr);
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  const value = address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  const size = 1n << BigInt(bits - prefix);
  return [value, value + size - 1n, prefix];
}

function toAddress(value: bigint, bits: number): string {
  const bytes: number[] = [];
  for (let i = bits / 8 - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('cidrsubnets property', () => {
  const network = fc.oneof(
    fc.record({ bits: fc.constant(32), value: fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), prefix: fc.integer({ min: 0, max: 31 }) }),
    fc.record({ bits: fc.constant(128), value: fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), prefix: fc.integer({ min: 0, max: 127 }) }),
  );
  const scenario = network.chain((net) =>
    fc.record({
      net: fc.constant(net),
      newbits: fc.array(fc.integer({ min: 1, max: Math.min(32, net.bits - net.prefix) }), { minLength: 1, maxLength: 12 }),
    }),
  );

  it('returns subnets that lie within the parent and never overlap, or says why it cannot', () => {
    fc.assert(
      fc.property(scenario, ({ net, newbits }) => {
        const parent = `${toAddress(net.value, net.bits)}/${net.prefix}`;
        const [parentFirst, parentLast] = range(`${toAddress(net.value & ~((1n << BigInt(net.bits - net.prefix)) - 1n), net.bits)}/${net.prefix}`);
        let subnets: string[];
        try {
          subnets = callFunction('cidrsubnets', [parent, ...newbits]) as string[];
        } catch (error) {
          expect(error).toBeInstanceOf(FunctionError);
          expect((error as Error).message).toMatch(/^cidrsubnets: invalid value for "newbits" parameter: not enough remaining address space for a subnet with a prefix of \d+ bits after \S+$/);
          return;
        }
        expect(subnets).toHaveLength(newbits.length);
        const ranges = subnets.map(range);
        ranges.forEach(([first, last, prefix], i) => {
          expect(prefix).toBe(net.prefix + newbits[i]);
          expect(first >= parentFirst && last <= parentLast).toBe(true);
          if (i > 0) expect(first > ranges[i - 1][1]).toBe(true);
        });
      }),
      { seed: 20240305, numRuns: RUNS },
    );
  });
});
