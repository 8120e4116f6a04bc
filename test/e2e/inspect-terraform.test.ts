import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';

interface Inspected {
  address: string;
  deployment?: string;
  source: string;
  file: string;
  line: number;
  attributes: Record<string, unknown>;
  locations: Record<string, { file: string; line: number }>;
}

describe('evident inspect on the example repository', async () => {
  const run = await runCli(['inspect', 'fixtures/complianceflow', '--format', 'json'], { cwd: REPO_ROOT });
  const model = JSON.parse(run.stdout) as { resources: Inspected[]; errors: unknown[] };
  const find = (deployment: string, address: string): Inspected => {
    const found = model.resources.find((r) => r.deployment === deployment && r.address === address);
    if (!found) throw new Error(`${address} not found in ${deployment}`);
    return found;
  };

  it('evaluates the root module once per deployment', () => {
    const terraform = model.resources.filter((r) => r.source === 'terraform');
    const deployments = [...new Set(terraform.filter((r) => r.file.startsWith('infrastructure/')).map((r) => r.deployment))];
    expect(deployments).toEqual(['eastus-prod-1', 'global-dev', 'westeu-dev-1', 'westeu-prod-1']);
    // A root module without tfvars files is evaluated once, with its defaults.
    expect(new Set(terraform.filter((r) => r.file.startsWith('platform/vault/')).map((r) => r.deployment))).toEqual(new Set([undefined]));
  });

  it('lists Terraform addresses with evaluated names and CIDRs, file and line of the resource and of each attribute', () => {
    const vnet = find('westeu-prod-1', 'module.networking.azurerm_virtual_network.this');
    expect(vnet.attributes.name).toBe('vnet-cf-westeu-prod-1');
    expect([vnet.file, vnet.line]).toEqual(['infrastructure/modules/networking/main.tf', 1]);
    const db = find('westeu-prod-1', 'module.networking.azurerm_subnet.this["db"]');
    expect(db.attributes.address_prefixes).toEqual(['10.30.2.0/24']);
    expect(db.locations.address_prefixes).toEqual({ file: 'infrastructure/modules/networking/main.tf', line: 15, column: 3 });
    expect(find('global-dev', 'module.storage.azurerm_storage_account.this').attributes.name).toBe('stcfglobaldev');
  });

  it('shows unknown values explicitly', () => {
    const kv = find('westeu-prod-1', 'module.key_vault.azurerm_key_vault.this');
    expect(kv.attributes.tenant_id).toEqual({ __unknown__: 'data.azurerm_client_config.current.tenant_id is known only after apply' });
  });

  it('never prints the planted database passwords', () => {
    expect(run.stdout).not.toMatch(/Bootstrap-\d{4}/);
  });
});
