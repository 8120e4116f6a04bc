import { z } from 'zod';

const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'an IPv4 CIDR such as 10.30.0.0/16');
const days = z.number().int().positive();
const environment = z.string().regex(/^[a-z][a-z0-9]*$/);
/** Per-environment values: `{ prod: 35 }`; environments not listed are not checked. */
const byEnvironment = <T extends z.ZodType>(value: T) => z.record(environment, value);

export const profileSchema = z.strictObject({
  naming: z
    .strictObject({
      app: z.string().regex(/^[a-z][a-z0-9]*$/).describe('Application short name in every resource name ({app}).'),
      abbreviations: z.record(z.string(), z.string().regex(/^[a-z]+$/)).describe('Resource type → abbreviation ({abbr}): azurerm_virtual_network → vnet.'),
      compact: z.array(z.string()).describe('Types whose names are alphanumeric only: {abbr}{app}{deployment without hyphens}{descriptor}.'),
      limits: z
        .record(
          z.string(),
          z.strictObject({
            min: z.number().int().nonnegative(),
            max: z.number().int().positive(),
            pattern: z.string().describe('Regular expression the whole name must match.'),
            allowed: z.string().describe('The allowed characters, in words, for messages.'),
          }),
        )
        .describe("Provider name limits per type: Key Vault 3–24 alphanumerics and hyphens, storage account 3–24 lowercase alphanumerics, container registry 5–50 alphanumerics (seeds); resource group, VNet, subnet, PostgreSQL/MySQL/SQL servers, Redis, Cosmos DB, Log Analytics, S3 and Cloud Storage buckets (provider naming rules)."),
      deploymentAnchors: z.array(z.string()).describe('Types on which an invalid deployment name is reported (one per deployment).'),
      namespacePattern: z.string().describe('Kubernetes namespace names: {zone}-{tenant}.'),
    })
    .describe('Naming convention: {abbr}-{app}-{deployment}-{descriptor}.'),
  deployments: z
    .strictObject({
      environments: z.array(environment).min(1).describe('Environment part of deployment names: dev, stg, prod.'),
      regions: z
        .record(
          z.string().regex(/^[a-z0-9]+$/),
          z.strictObject({
            name: z.string().describe('Display name, e.g. West Europe.'),
            locations: z.array(z.string()).min(1).describe('Provider location names that count as this region (West Europe, westeurope, eu-west-1...).'),
            jurisdiction: z.string().describe('EU, US, UK, AU...: data residency decisions use it.'),
          }),
        )
        .describe('Region codes: westeu, northeu, eastus, westus, uksouth, australiaeast.'),
      globalRegion: z.string().describe('Region code where global-{env} deployments live (West Europe for GDPR).'),
    })
    .describe('Deployment names: {region-code}-{env}-{instance} and global-{env}.'),
  cidr: z
    .strictObject({
      allocations: z.record(z.string(), cidr).describe('Deployment → its /16 (the CIDR allocation table).'),
      reserved: z.array(cidr).describe('Ranges kept for future deployments; no network may use them.'),
      subnetPrefix: z.number().int().min(8).max(30).describe('Prefix length of every subnet of the layout (/24).'),
      subnets: z
        .record(
          z.string(),
          z.strictObject({
            number: z.number().int().nonnegative().describe('Subnet number inside the deployment range: 2 → .2.0/24.'),
            zone: z.string().describe('Network zone of the subnet.'),
            descriptors: z.array(z.string()).min(1).describe('Name suffixes that identify the subnet (snet-cf-westeu-prod-1-db → db).'),
          }),
        )
        .describe('Subnet layout per deployment: container apps .1.0/24, database .2.0/24, ..., management .10.0/24.'),
    })
    .describe('CIDR allocation: one /16 per deployment, the same subnet layout in each.'),
  rotation: z
    .strictObject({
      apiKeyDays: days.describe('API keys (Vault transit keys) rotate at least this often: 30 days.'),
      databaseCredentialHours: days.describe('Database credentials (Vault dynamic secrets) live at most this long: 24 hours.'),
      tlsCertificateDays: days.describe('TLS certificates last at most this long and renew automatically: 90 days.'),
      keyDays: days.describe('KMS / Key Vault keys rotate at least this often: quarterly, 90 days.'),
      secretDays: days.describe('Secrets (Secrets Manager, Key Vault secrets) rotate at least this often: 35 days.'),
    })
    .describe('Rotation periods of secrets, keys and certificates.'),
  zones: z
    .strictObject({
      names: z.array(z.string()).min(1).describe('The network zones: dmz, app, data, mgmt.'),
      label: z.string().describe('Tag or label key naming a resource or namespace zone.'),
      flows: z.record(z.string(), z.array(z.string())).describe('Zone → the zones it may open connections to.'),
      dataTypes: z.array(z.string()).describe('Resource types that hold data: they sit in the data zone unless tagged otherwise.'),
      vpnCidrs: z.array(cidr).describe('The management VPN: the only source allowed into the management zone.'),
      sensitivePorts: z.array(z.number().int().min(1).max(65535)).describe('Ports never open to the internet: SSH, RDP, databases, caches...'),
      privateEndpointEnvironments: z.array(environment).describe('Environments whose PaaS data services must sit behind private endpoints.'),
    })
    .describe('Network zones DMZ / App / Data / Mgmt and what may talk to what.'),
  tagging: z
    .strictObject({
      required: z.array(z.string()).describe('Cost-allocation tags every taggable resource carries.'),
      untaggedTypes: z.array(z.string()).describe('Types that cannot carry tags (sub-resources, associations).'),
      kubernetesLabels: z.array(z.string()).describe('Labels every Kubernetes workload carries.'),
      persistentEnvironments: z.array(environment).describe('Environments whose resources are persistent: Ephemeral tag "false" there (prod), "true" elsewhere.'),
    })
    .describe('Required tags and labels.'),
  residency: z
    .strictObject({
      dataJurisdiction: z.record(z.string(), z.array(z.string())).describe('Jurisdiction → locations data may live in (EU data stays in the EU).'),
      pairedLocations: z.record(z.string(), z.string()).describe('Location → its geo-redundancy pair (where GRS and geo-backups go).'),
    })
    .describe('Data residency: EU and global deployments keep data in the EU.'),
  resilience: z
    .strictObject({
      backupRetentionDays: byEnvironment(days).describe('Minimum backup retention per environment: prod 35 days.'),
      geoRedundantEnvironments: z.array(environment).describe('Environments with geo-redundant backups.'),
      zoneRedundantEnvironments: z.array(environment).describe('Environments whose databases and caches are zone-redundant.'),
      storageReplication: byEnvironment(z.array(z.string())).describe('Allowed storage replication per environment: GRS or better in prod.'),
      deletionProtectionEnvironments: z.array(environment).describe('Environments whose databases are protected from deletion.'),
      purgeProtectionEnvironments: z.array(environment).describe('Environments whose key vaults have purge protection.'),
      pointInTimeRestoreEnvironments: z.array(environment).describe('Environments whose data stores support point-in-time restore (DR requirements: prod).'),
      softDeleteRetentionDays: days.describe('Minimum soft-delete retention of key vaults: 7 days, the lowest Azure accepts.'),
    })
    .describe('Backups, redundancy and deletion protection.'),
  encryption: z
    .strictObject({
      minTlsVersion: z.enum(['1.0', '1.1', '1.2', '1.3']).describe('Lowest TLS version a service may accept.'),
      customerManagedKeyEnvironments: z.array(environment).describe('Environments whose data stores use customer-managed keys.'),
      mtlsZones: z.array(z.string()).describe('Zones whose Kubernetes namespaces require strict mTLS (Istio).'),
    })
    .describe('Encryption at rest and in transit.'),
  kubernetes: z.strictObject({
    forbiddenCapabilities: z.array(z.string().min(1)).describe('Linux capabilities containers may not add (EVD-WKL-004).'),
    exposedServiceTypes: z.array(z.enum(['LoadBalancer', 'NodePort', 'ExternalName'])).describe('Service types that expose workloads outside the cluster (EVD-NET-002).'),
  }),
});

export type Profile = z.infer<typeof profileSchema>;

/** The config file may override any part of the profile; objects merge, lists replace. */
export const profileOverridesSchema = z.strictObject(
  Object.fromEntries(Object.entries(profileSchema.shape).map(([key, section]) => [key, section.partial().optional()])) as {
    [K in keyof typeof profileSchema.shape]: z.ZodOptional<ReturnType<(typeof profileSchema.shape)[K]['partial']>>;
  },
);
