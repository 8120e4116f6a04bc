import type { Profile } from './schema.js';

/** What a deployment name means under the profile: policies read it as `data.deployments[name]`. */
export interface DeploymentInfo {
  name: string;
  valid: boolean;
  /** Why the name breaks the grammar, when it does. */
  problem?: string;
  global: boolean;
  environment?: string;
  regionCode?: string;
  instance?: number;
  jurisdiction?: string;
  /** Provider locations that count as the deployment's region. */
  locations: string[];
  /** Its row of the allocation table, when it has one. */
  cidr?: string;
  /** Subnet layout: role → CIDR inside `cidr`. */
  subnets: Record<string, string>;
}

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** The `number`-th subnet of length `prefix` inside `base` (Terraform's cidrsubnet), or undefined when it does not fit. */
export function subnetOf(base: string, prefix: number, number: number): string | undefined {
  const [address, length] = base.split('/');
  const baseLength = Number(length);
  if (prefix < baseLength || number >= 2 ** (prefix - baseLength)) return undefined;
  const start = ipv4ToNumber(address) - (ipv4ToNumber(address) % 2 ** (32 - baseLength));
  return `${numberToIpv4(start + number * 2 ** (32 - prefix))}/${prefix}`;
}

/** Parses `{region-code}-{env}-{instance}` and `global-{env}` against the profile's tables. */
export function describeDeployment(name: string, profile: Profile): DeploymentInfo {
  const info: DeploymentInfo = { name, valid: false, global: false, locations: [], subnets: {} };
  const environments = profile.deployments.environments;
  const global = /^global-([a-z0-9]+)$/.exec(name);
  const regional = /^([a-z0-9]+)-([a-z0-9]+)-([1-9][0-9]*)$/.exec(name);
  if (global) {
    info.global = true;
    info.environment = global[1];
    info.regionCode = profile.deployments.globalRegion;
  } else if (regional) {
    info.regionCode = regional[1];
    info.environment = regional[2];
    info.instance = Number(regional[3]);
  } else {
    info.problem = 'it is neither {region-code}-{env}-{instance} nor global-{env}';
  }
  if (info.environment !== undefined && !environments.includes(info.environment)) {
    info.problem = `environment "${info.environment}" is not one of ${environments.join(', ')}`;
  }
  const region = info.regionCode === undefined ? undefined : profile.deployments.regions[info.regionCode];
  if (info.regionCode !== undefined && region === undefined) info.problem ??= `region code "${info.regionCode}" is not in the region table`;
  if (region) {
    info.jurisdiction = region.jurisdiction;
    info.locations = region.locations;
  }
  info.valid = info.problem === undefined;
  const cidr = profile.cidr.allocations[name];
  if (cidr !== undefined) {
    info.cidr = cidr;
    for (const [role, subnet] of Object.entries(profile.cidr.subnets)) {
      const range = subnetOf(cidr, profile.cidr.subnetPrefix, subnet.number);
      if (range !== undefined) info.subnets[role] = range;
    }
  }
  return info;
}

/** The `data` document policies evaluate against: the profile and every deployment seen in the scan. */
export function policyData(profile: Profile, deployments: Iterable<string>): { profile: Profile; deployments: Record<string, DeploymentInfo> } {
  const described: Record<string, DeploymentInfo> = {};
  for (const name of [...new Set(deployments)].sort()) described[name] = describeDeployment(name, profile);
  return { profile, deployments: described };
}
