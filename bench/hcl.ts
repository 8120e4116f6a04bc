import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseHcl } from '../src/parsers/terraform/hcl/index.js';

const require = createRequire(import.meta.url);

export interface HclBenchResult {
  bytes: number;
  evidentMs: number;
  evidentMBps: number;
  oracleMs: number;
  oracleMBps: number;
  ratio: number;
}

const RESOURCE_COUNT = 5000;

/** One resource of a realistic landing-zone configuration; the shapes cycle so every construct is exercised. */
function resource(i: number): string {
  const d = '$';
  switch (i % 8) {
    case 0:
      return `resource "azurerm_storage_account" "sa_${i}" {
  name                     = "st${i}prod"
  resource_group_name      = azurerm_resource_group.rg[${i % 50}].name
  location                 = var.location
  account_replication_type = var.env == "prod" ? "GRS" : "LRS"
  min_tls_version          = "TLS1_2"

  network_rules {
    default_action = "Deny"
    ip_rules       = ["10.${i % 256}.0.0/16"]
  }

  tags = merge(local.common_tags, {
    Name        = "sa-${i}"
    Environment = "${d}{var.env}-${i}"
  })
}

`;
    case 1:
    case 5:
      return `resource "aws_s3_bucket" "b_${i}" {
  bucket        = "${d}{local.prefix}-logs-${i}"
  force_destroy = false
  tags          = { Name = "logs-${i}", Team = local.team }
}

`;
    case 2:
      return `resource "aws_iam_policy" "p_${i}" {
  name   = "policy-${i}"
  policy = <<-EOT
    {
      "Statement": [{"Effect": "Allow", "Resource": "${d}{aws_s3_bucket.b_${i - 1}.arn}/*"}]
    }
  EOT
}

`;
    case 3:
      return `resource "aws_security_group" "sg_${i}" {
  name   = "sg-${i}"
  vpc_id = module.vpc.vpc_id

  dynamic "ingress" {
    for_each = var.ingress_rules
    content {
      from_port   = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [for c in ingress.value.cidrs : cidrsubnet(c, 8, ${i % 16}) if c != ""]
    }
  }
}

`;
    case 4:
      return `resource "azurerm_key_vault" "kv_${i}" {
  name                     = format("kv-%s-%03d", var.env, ${i})
  location                 = azurerm_resource_group.rg[${i % 50}].location
  tenant_id                = data.azurerm_client_config.current.tenant_id
  sku_name                 = "premium"
  purge_protection_enabled = true
  subnet_ids               = module.network.subnets[*].id
}

`;
    case 6:
      return `resource "azurerm_subnet" "snet_${i}" {
  name                 = "snet-${i}"
  resource_group_name  = azurerm_resource_group.rg[${i % 50}].name
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = [cidrsubnet(var.vnet_cidr, 8, ${i % 256})] # one /24 each
}

`;
    default:
      return `resource "aws_s3_bucket_versioning" "v_${i}" {
  bucket                = aws_s3_bucket.b_${i - 2}.id
  expected_bucket_owner = data.aws_caller_identity.current.account_id
  versioning_configuration { status = "Enabled" }
}

`;
  }
}

export function generateTerraform(count: number = RESOURCE_COUNT): string {
  const parts: string[] = ['locals {\n  common_tags = { Owner = "platform", ManagedBy = "terraform" }\n}\n\n'];
  for (let i = 0; i < count; i++) parts.push(resource(i));
  return parts.join('');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function benchHcl(): Promise<HclBenchResult> {
  const text = generateTerraform();
  const bytes = Buffer.byteLength(text, 'utf8');
  const warm = parseHcl(text, 'bench.tf');
  if (warm.diagnostics.length > 0) throw new Error(`benchmark input does not parse: ${warm.diagnostics[0].message}`);
  // A few more untimed parses let the JIT compiler optimise the parser, as it has in a scan of many files.
  for (let run = 0; run < 3; run++) parseHcl(text, 'bench.tf');
  const runs: number[] = [];
  for (let run = 0; run < 11; run++) {
    const started = performance.now();
    parseHcl(text, 'bench.tf');
    runs.push(performance.now() - started);
  }
  const evidentMs = median(runs);
  // Loaded only now: its runtime keeps a large heap alive that would slow our garbage collections.
  const oracle = require('hcl2-parser') as { parseToObject(input: string): [unknown, unknown] };
  const oracleStarted = performance.now();
  oracle.parseToObject(text);
  const oracleMs = performance.now() - oracleStarted;
  const mbps = (ms: number): number => bytes / 1e6 / (ms / 1000);
  return {
    bytes,
    evidentMs,
    evidentMBps: mbps(evidentMs),
    oracleMs,
    oracleMBps: mbps(oracleMs),
    ratio: oracleMs / evidentMs,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void benchHcl().then((result) => {
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(result));
      return;
    }
    console.log(
      `hcl: ${(result.bytes / 1e6).toFixed(2)} MB; parseHcl ${result.evidentMs.toFixed(1)} ms (${result.evidentMBps.toFixed(1)} MB/s); ` +
        `hcl2-parser ${result.oracleMs.toFixed(0)} ms (${result.oracleMBps.toFixed(2)} MB/s); ${result.ratio.toFixed(0)}x faster`,
    );
  });
}
