// Synthetic repositories for the benchmark, built from the example repository's own files
// (fixtures/complianceflow: Terraform root module, local modules, deployment tfvars, Kubernetes manifests,
// and its Helm chart once it has one) so that the scan does the work a real repository asks of it.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHcl } from '../src/parsers/terraform/hcl/index.js';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const EXAMPLE = path.join(REPO_ROOT, 'fixtures/complianceflow');
const INFRASTRUCTURE = path.join(EXAMPLE, 'infrastructure');
const KUBERNETES = path.join(EXAMPLE, 'k8s');
/** The Helm parser's own fixture chart stands in until the example repository has a chart. */
const FALLBACK_CHART = path.join(REPO_ROOT, 'fixtures/helm/app');

/** Size L as the issue defines it; S and M are quarter and half of it, so each step doubles the input. */
export const L = { resources: 10_000, tfFiles: 500, deployments: 50, kubernetesObjects: 5_000, charts: 20 } as const;

export interface SizeSpec {
  name: string;
  /** Copies of the example's Terraform root module (each with its local modules): the root modules. */
  stacks: number;
  /** Deployment tfvars per root module. */
  deploymentsPerStack: number;
  /** Resource blocks per root module (with its modules): the example's blocks, each written as often as it takes. */
  blocksPerStack: number;
  /** Copies of the example's Kubernetes directory, each with its own namespaces. */
  kubernetesCopies: number;
  charts: number;
}

export interface GeneratedRepo {
  root: string;
  spec: SizeSpec;
  terraformFiles: number;
  terraformLines: number;
  resourceBlocks: number;
  deploymentFiles: number;
  kubernetesFiles: number;
  kubernetesObjects: number;
  charts: number;
  chartSource: string;
  bytes: number;
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
    })
    .sort();
}

function write(root: string, relative: string, text: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const terraformSources = listFiles(INFRASTRUCTURE).filter((f) => f.endsWith('.tf'));
const deploymentTemplates = listFiles(path.join(INFRASTRUCTURE, 'deployments')).filter((f) => f.endsWith('.tfvars'));
const kubernetesSources = listFiles(KUBERNETES);

function countResourceBlocks(text: string): number {
  return parseHcl(text, 'count.tf').body.blocks.filter((b) => b.type === 'resource').length;
}

export const exampleBlocks = terraformSources.reduce((sum, f) => sum + countResourceBlocks(readFileSync(path.join(INFRASTRUCTURE, f), 'utf8')), 0);
const kubernetesObjectsPerCopy = kubernetesSources.reduce((sum, f) => {
  const text = readFileSync(path.join(KUBERNETES, f), 'utf8');
  return sum + (f.endsWith('.json') ? (text.match(/"kind":/g)?.length ?? 0) - 1 : (text.match(/^kind:/gm)?.length ?? 0));
}, 0);

/** The three sizes: L from the issue, M and S halving it. */
export function sizeSpec(name: 'S' | 'M' | 'L', fraction: number): SizeSpec {
  const stacks = Math.round((L.tfFiles * fraction) / terraformSources.length);
  return {
    name,
    stacks,
    deploymentsPerStack: Math.round((L.deployments * fraction) / stacks),
    blocksPerStack: L.resources / (L.tfFiles / terraformSources.length),
    kubernetesCopies: Math.round((L.kubernetesObjects * fraction) / kubernetesObjectsPerCopy),
    charts: Math.round(L.charts * fraction),
  };
}

export const SIZES: SizeSpec[] = [sizeSpec('S', 0.25), sizeSpec('M', 0.5), sizeSpec('L', 1)];

/** Every `resource` block written `copies(n)` times (n counts blocks across files); the copies get a `_cN` suffix and keep referring to the original's neighbours. */
function multiplyResources(text: string, file: string, copies: () => number): { text: string; blocks: number } {
  const parsed = parseHcl(text, file);
  if (parsed.diagnostics.length > 0) throw new Error(`${file}: ${parsed.diagnostics[0].message}`);
  const extra: string[] = [];
  let blocks = 0;
  for (const block of parsed.body.blocks) {
    if (block.type !== 'resource') continue;
    const times = copies();
    blocks += times;
    const source = text.slice(block.range.start.offset, block.range.end.offset);
    const label = block.labels[1];
    const header = text.slice(block.range.start.offset, label.range.end.offset);
    for (let copy = 1; copy < times; copy++) {
      extra.push(`${header.slice(0, -1)}_c${copy}"${source.slice(header.length)}`);
    }
  }
  return { text: extra.length === 0 ? text : `${text.trimEnd()}\n\n${extra.join('\n\n')}\n`, blocks };
}

/** The example's deployments in turn; each gets its own /16 and instance number so names and CIDRs stay distinct. */
function deploymentFile(index: number): { name: string; text: string } {
  const template = deploymentTemplates[index % deploymentTemplates.length];
  const text = readFileSync(path.join(INFRASTRUCTURE, 'deployments', template), 'utf8');
  const instance = Math.floor(index / deploymentTemplates.length) + 1;
  // Each round of the example's deployments moves up 40 /16s, keeping the example's own overlap (eastus-prod copies westeu-prod's range).
  const cidr = text.match(/vnet_cidr\s*=\s*"10\.(\d+)\./);
  const octet = (Number(cidr?.[1] ?? 0) + 40 * (instance - 1)) % 256;
  const edited = text.replace(/vnet_cidr\s*=\s*"[^"]*"/, `vnet_cidr = "10.${octet}.0.0/16"`).replace(/^instance(\s*)= \d+/m, `instance$1= ${instance}`);
  const stemName = template.replace(/\.tfvars$/, '');
  const name = instance === 1 ? stemName : stemName.replace(/-\d+$/, `-${instance}`).replace(/^(global-\w+)$/, `$1-${instance}`);
  return { name, text: edited };
}

function kubernetesCopy(text: string, copy: number): string {
  // Namespaces are {zone}-{tenant}; each copy is another set of tenants, so addresses stay unique.
  return text.replace(/\b(dmz|app|data|mgmt)-(shared|acme)\b/g, `$1-$2${copy}`);
}

function chartSource(): string {
  const own = listFiles(EXAMPLE).find((f) => path.basename(f) === 'Chart.yaml');
  return own === undefined ? FALLBACK_CHART : path.join(EXAMPLE, path.dirname(own));
}

function directoryBytes(dir: string): number {
  return listFiles(dir).reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
}

/** Writes the repository for `spec` into `root` (which must not exist yet). */
export function generateRepo(root: string, spec: SizeSpec): GeneratedRepo {
  if (existsSync(root)) throw new Error(`${root} already exists`);
  let terraformFiles = 0;
  let terraformLines = 0;
  let resourceBlocks = 0;
  // The same number of copies of every block, and one more for the first few, to reach exactly blocksPerStack.
  const base = Math.floor(spec.blocksPerStack / exampleBlocks);
  let extra = spec.blocksPerStack - base * exampleBlocks;
  const copies = (): number => base + (extra-- > 0 ? 1 : 0);
  const multiplied = new Map<string, { text: string; blocks: number }>();
  for (const file of terraformSources) multiplied.set(file, multiplyResources(readFileSync(path.join(INFRASTRUCTURE, file), 'utf8'), file, copies));
  for (let stack = 0; stack < spec.stacks; stack++) {
    const dir = `stacks/app-${String(stack).padStart(3, '0')}/infrastructure`;
    for (const [file, { text, blocks }] of multiplied) {
      write(root, `${dir}/${file}`, text);
      terraformFiles++;
      terraformLines += text.split('\n').length;
      resourceBlocks += blocks;
    }
    for (let d = 0; d < spec.deploymentsPerStack; d++) {
      const deployment = deploymentFile(stack * spec.deploymentsPerStack + d);
      write(root, `${dir}/deployments/${deployment.name}.tfvars`, deployment.text);
    }
  }
  let kubernetesFiles = 0;
  for (let copy = 0; copy < spec.kubernetesCopies; copy++) {
    for (const file of kubernetesSources) {
      write(root, `k8s/tenants-${String(copy).padStart(3, '0')}/${file}`, kubernetesCopy(readFileSync(path.join(KUBERNETES, file), 'utf8'), copy));
      kubernetesFiles++;
    }
  }
  const chart = chartSource();
  for (let c = 0; c < spec.charts; c++) cpSync(chart, path.join(root, `charts/app-${String(c).padStart(2, '0')}`), { recursive: true });
  return {
    root,
    spec,
    terraformFiles,
    terraformLines,
    resourceBlocks,
    deploymentFiles: spec.stacks * spec.deploymentsPerStack,
    kubernetesFiles,
    kubernetesObjects: spec.kubernetesCopies * kubernetesObjectsPerCopy,
    charts: spec.charts,
    chartSource: path.relative(REPO_ROOT, chart),
    bytes: directoryBytes(root),
  };
}
