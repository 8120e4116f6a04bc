import { afterEach, describe, expect, it } from 'vitest';
import type { Resource, ScanReport } from '../../../src/model/index.js';
import { scan } from '../../../src/scan.js';
import { FIXED_NOW } from '../../helpers/clock.js';
import { makeTree } from '../../helpers/tree.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function scanTree(files: Record<string, string>): ScanReport {
  const tree = makeTree(files);
  cleanup = tree.cleanup;
  return scan({ root: tree.root, now: FIXED_NOW });
}

function terraform(report: ScanReport): Resource[] {
  return report.resources.filter((r) => r.source === 'terraform');
}

function byAddress(report: ScanReport, address: string, deployment?: string): Resource {
  const found = terraform(report).find((r) => r.address === address && r.deployment === deployment);
  if (!found) throw new Error(`no ${address} (${deployment}) among ${terraform(report).map((r) => `${r.address}@${r.deployment}`).join(', ')}`);
  return found;
}

describe('Terraform evaluation', () => {
  it('evaluates variables with defaults and types, locals, functions and templates', () => {
    const report = scanTree({
      'main.tf': `
variable "env" {
  type    = string
  default = "prod"
}
variable "port" {
  type    = string
  default = 5432
}
variable "settings" {
  type = object({
    retention = optional(number, 35)
    geo       = optional(bool)
  })
  default = {}
}
locals {
  name   = "psql-\${local.app}-\${var.env}"
  app    = upper(substr("cf-app", 0, 2))
  zones  = [for z in ["1", "2", "3"] : "zone-\${z}" if z != "2"]
}
resource "azurerm_postgresql_flexible_server" "db" {
  name                  = local.name
  port                  = var.port
  zones                 = local.zones
  backup_retention_days = var.settings.retention
  geo                   = var.settings.geo
  cidr                  = cidrsubnet("10.30.0.0/16", 8, 2)
}
`,
    });
    expect(report.diagnostics).toEqual([]);
    expect(byAddress(report, 'azurerm_postgresql_flexible_server.db').attributes).toEqual({
      name: 'psql-CF-prod',
      port: '5432',
      zones: ['zone-1', 'zone-3'],
      backup_retention_days: 35,
      geo: null,
      cidr: '10.30.2.0/24',
    });
  });

  it('reports a cycle between locals naming them, and keeps evaluating the rest', () => {
    const report = scanTree({
      'main.tf': 'locals {\n  a = local.b\n  b = "${local.a}-x"\n  c = "fine"\n}\nresource "x_thing" "t" {\n  name = local.c\n  other = local.a\n}\n',
    });
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toContain('main.tf:3:10 Cycle in local values: local.a → local.b → local.a');
    const thing = byAddress(report, 'x_thing.t');
    expect(thing.attributes.name).toBe('fine');
    expect(thing.attributes.other).toMatchObject({ __unknown__: expect.stringContaining('Cycle in local values') });
  });

  it('expands count and for_each with Terraform addresses', () => {
    const report = scanTree({
      'main.tf': 'resource "aws_subnet" "this" {\n  count = 2\n  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)\n}\nresource "azurerm_subnet" "s" {\n  for_each = { db = "10.30.2.0/24", apps = "10.30.1.0/24" }\n  name = "snet-${each.key}"\n  address_prefixes = [each.value]\n}\nresource "aws_s3_bucket" "b" {\n  for_each = toset(["logs", "data"])\n  bucket = each.value\n}\n',
    });
    expect(terraform(report).map((r) => r.address)).toEqual([
      'aws_subnet.this[0]',
      'aws_subnet.this[1]',
      'azurerm_subnet.s["apps"]',
      'azurerm_subnet.s["db"]',
      'aws_s3_bucket.b["data"]',
      'aws_s3_bucket.b["logs"]',
    ]);
    expect(byAddress(report, 'aws_subnet.this[1]').attributes.cidr_block).toBe('10.0.1.0/24');
    expect(byAddress(report, 'azurerm_subnet.s["db"]').attributes).toEqual({ name: 'snet-db', address_prefixes: ['10.30.2.0/24'] });
  });

  it('instantiates local modules to any depth with their inputs and outputs, with Terraform addresses', () => {
    const report = scanTree({
      'main.tf': 'module "net" {\n  source = "./modules/net"\n  prefix = "cf"\n}\nresource "x_consumer" "c" {\n  subnet = module.net.subnet_name\n  id     = module.net.subnet_id\n}\n',
      'modules/net/main.tf': 'variable "prefix" {}\nmodule "inner" {\n  source = "../inner"\n  name = "snet-${var.prefix}"\n}\noutput "subnet_name" { value = module.inner.name }\noutput "subnet_id" { value = module.inner.id }\n',
      'modules/inner/main.tf': 'variable "name" { type = string }\nresource "azurerm_subnet" "this" {\n  for_each = { db = 2 }\n  name = "${var.name}-${each.key}"\n}\noutput "name" { value = azurerm_subnet.this["db"].name }\noutput "id" { value = azurerm_subnet.this["db"].id }\n',
    });
    expect(report.diagnostics).toEqual([]);
    const subnet = byAddress(report, 'module.net.module.inner.azurerm_subnet.this["db"]');
    expect(subnet.file).toBe('modules/inner/main.tf');
    expect(subnet.line).toBe(2);
    expect(subnet.locations.name).toEqual({ file: 'modules/inner/main.tf', line: 4, column: 3 });
    const consumer = byAddress(report, 'x_consumer.c');
    expect(consumer.attributes.subnet).toBe('snet-cf-db');
    expect(consumer.attributes.id).toEqual({ __unknown__: 'module.net.module.inner.azurerm_subnet.this["db"].id is known only after apply' });
  });

  it('reports remote modules as not resolved (information) and never guesses their outputs', () => {
    const report = scanTree({
      'main.tf': 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n}\nresource "aws_instance" "i" {\n  subnet_id = module.vpc.private_subnets[0]\n}\n',
    });
    expect(report.diagnostics).toEqual([
      {
        code: 'terraform-module-unresolved',
        level: 'info',
        file: 'main.tf',
        line: 1,
        column: 1,
        message: 'module "vpc" is not evaluated: its source "terraform-aws-modules/vpc/aws" is remote and Evident never fetches code',
      },
    ]);
    expect(byAddress(report, 'aws_instance.i').attributes.subnet_id).toEqual({ __unknown__: 'module.vpc.private_subnets is known only after apply' });
  });

  it('resolves references to configured attributes of other resources and keeps computed ones unknown', () => {
    const report = scanTree({
      'main.tf':
        'resource "azurerm_resource_group" "main" {\n  name = "rg-cf-westeu-prod-1"\n  location = "West Europe"\n}\nresource "azurerm_key_vault" "kv" {\n  name = "kv-cf"\n  location = azurerm_resource_group.main.location\n  resource_group_name = azurerm_resource_group.main.name\n  rg_id = azurerm_resource_group.main.id\n  identity { type = "SystemAssigned" }\n}\nresource "x_role" "r" {\n  principal = azurerm_key_vault.kv.identity[0].principal_id\n  kind = azurerm_key_vault.kv.identity[0].type\n}\n',
    });
    const kv = byAddress(report, 'azurerm_key_vault.kv');
    expect(kv.attributes).toMatchObject({ location: 'West Europe', resource_group_name: 'rg-cf-westeu-prod-1', rg_id: { __unknown__: 'azurerm_resource_group.main.id is known only after apply' } });
    expect(byAddress(report, 'x_role.r').attributes).toEqual({
      principal: { __unknown__: 'azurerm_key_vault.kv.identity[0].principal_id is known only after apply' },
      kind: 'SystemAssigned',
    });
  });

  it('expands dynamic blocks and points each generated block at its content block', () => {
    const report = scanTree({
      'main.tf': 'resource "azurerm_network_security_group" "n" {\n  dynamic "security_rule" {\n    for_each = { ssh = 22, rdp = 3389 }\n    content {\n      name = security_rule.key\n      port = security_rule.value\n    }\n  }\n}\n',
    });
    const nsg = byAddress(report, 'azurerm_network_security_group.n');
    expect(nsg.attributes.security_rule).toEqual([
      { name: 'rdp', port: 3389 },
      { name: 'ssh', port: 22 },
    ]);
    expect(nsg.locations['security_rule[1].port']).toEqual({ file: 'main.tf', line: 6, column: 7 });
  });

  it('shows the AWS provider default_tags on every AWS resource as tags_all', () => {
    const report = scanTree({
      'main.tf': 'provider "aws" {\n  region = "eu-west-1"\n  default_tags {\n    tags = { Owner = "DevOps", Environment = "prod" }\n  }\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "logs"\n  tags = { Environment = "dev" }\n}\n',
    });
    const bucket = byAddress(report, 'aws_s3_bucket.b');
    expect(bucket.attributes.tags_all).toEqual({ Owner: 'DevOps', Environment: 'dev' });
    expect(bucket.meta?.region).toBe('eu-west-1');
  });

  it('marks values of sensitive variables and secret-named attributes and redacts them from the report', () => {
    const report = scanTree({
      'main.tf': 'variable "db_admin" {\n  sensitive = true\n  default = "Sup3r-S3cret-Value"\n}\nresource "azurerm_postgresql_flexible_server" "db" {\n  administrator_login = "cfadmin"\n  administrator_password = var.db_admin\n  connection = "host=db user=cfadmin pass=${var.db_admin}"\n}\n',
    });
    const db = byAddress(report, 'azurerm_postgresql_flexible_server.db');
    expect(db.sensitive).toEqual(['administrator_password', 'connection']);
    expect(db.attributes.administrator_password).toBe('[REDACTED]');
    expect(db.attributes.connection).toBe('[REDACTED]');
    expect(JSON.stringify(report)).not.toContain('Sup3r-S3cret-Value');
  });

  it('reports malformed HCL with file:line:column and still evaluates the other files', () => {
    const report = scanTree({
      'a/main.tf': 'resource "aws_s3_bucket" "ok" {\n  bucket = "fine"\n}\n',
      'b/broken.tf': 'resource "aws_s3_bucket" "bad" {\n  bucket = "unterminated\n}\n',
    });
    expect(byAddress(report, 'aws_s3_bucket.ok').attributes.bucket).toBe('fine');
    const errors = report.diagnostics.filter((d) => d.code === 'hcl-syntax');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ file: 'b/broken.tf', line: 2, level: 'error' });
    expect(errors[0].column).toBeGreaterThan(0);
  });

  it('reports evaluation errors at file:line:column and turns the value unknown', () => {
    const report = scanTree({ 'main.tf': 'resource "x_thing" "t" {\n  cidr = cidrsubnet("10.0.0.0/16", 8, 300)\n  name = "ok"\n}\n' });
    expect(report.diagnostics).toMatchObject([{ code: 'terraform-eval', file: 'main.tf', line: 2, column: 10 }]);
    expect(report.diagnostics[0].message).toMatch(/cidrsubnet/);
    expect(byAddress(report, 'x_thing.t').attributes).toMatchObject({ cidr: { __unknown__: expect.any(String) }, name: 'ok' });
  });

  it('keeps unknown count and for_each visible as one instance with unknown values', () => {
    const report = scanTree({ 'main.tf': 'resource "random_id" "r" {\n  byte_length = 4\n}\nresource "aws_s3_bucket" "b" {\n  count = length(random_id.r.hex)\n  bucket = "b-${count.index}"\n}\n' });
    const bucket = byAddress(report, 'aws_s3_bucket.b[*]');
    expect(bucket.attributes.bucket).toMatchObject({ __unknown__: expect.stringContaining('count of aws_s3_bucket.b is not known') });
  });
});

describe('Terraform deployments', () => {
  const files = {
    'infra/main.tf': 'variable "env" { type = string }\nvariable "cidr" { type = string }\nvariable "owner" {\n  type = string\n  default = "nobody"\n}\nresource "azurerm_virtual_network" "v" {\n  name = "vnet-cf-${var.env}"\n  address_space = [var.cidr]\n  tags = { Owner = var.owner, Workspace = terraform.workspace }\n}\n',
    'infra/terraform.tfvars': 'owner = "DevOps"\n',
    'infra/deployments/westeu-prod-1.tfvars': 'env  = "prod"\ncidr = "10.30.0.0/16"\n',
    'infra/deployments/westeu-dev-1.tfvars': '# dev\nenv  = "dev"\ncidr = "10.10.0.0/16"\n',
  };

  it('evaluates a root module once per deployments/*.tfvars, after terraform.tfvars', () => {
    const report = scanTree(files);
    expect(report.diagnostics).toEqual([]);
    const vnets = terraform(report).map((r) => [r.deployment, r.attributes.name, r.attributes.address_space, r.attributes.tags]);
    expect(vnets).toEqual([
      ['westeu-dev-1', 'vnet-cf-dev', ['10.10.0.0/16'], { Owner: 'DevOps', Workspace: 'westeu-dev-1' }],
      ['westeu-prod-1', 'vnet-cf-prod', ['10.30.0.0/16'], { Owner: 'DevOps', Workspace: 'westeu-prod-1' }],
    ]);
  });

  it('records where a value taken verbatim from a tfvars file was set', () => {
    const report = scanTree(files);
    expect(byAddress(report, 'azurerm_virtual_network.v', 'westeu-dev-1').origins?.['address_space[0]']).toEqual({
      file: 'infra/deployments/westeu-dev-1.tfvars',
      line: 3,
      column: 1,
      description: 'infra/deployments/westeu-dev-1.tfvars: cidr',
      primary: true,
    });
  });

  it('takes deployments from the config file when it names them', () => {
    const report = scanTree({
      ...files,
      'evident.config.yaml': 'terraform:\n  deployments:\n    - name: only-prod\n      varFiles: [infra/deployments/westeu-prod-1.tfvars]\n',
    });
    expect(terraform(report).map((r) => r.deployment)).toEqual(['only-prod']);
  });

  it('evaluates a root module without deployment files once, without a deployment', () => {
    const report = scanTree({ 'main.tf': 'resource "aws_s3_bucket" "b" { bucket = "x" }\n' });
    expect(terraform(report).map((r) => [r.address, r.deployment])).toEqual([['aws_s3_bucket.b', undefined]]);
  });
});
