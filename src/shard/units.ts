import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileRef } from '../discover/discover.js';
import { byText } from '../model/index.js';

/** `--shard 2/4`: the second of four shards (1-based). */
export interface ShardSpec {
  index: number;
  count: number;
}

export function parseShard(text: string): ShardSpec | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (match === null) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

/** Local module calls (`source = "./modules/net"`), read textually: a module directory belongs to its callers' unit. */
const LOCAL_MODULE_SOURCE = /\bsource\s*=\s*"(\.{1,2}\/[^"]*)"/g;

class UnionFind {
  private readonly parent = new Map<string, string>();

  find(item: string): string {
    const parent = this.parent.get(item);
    if (parent === undefined || parent === item) return item;
    const root = this.find(parent);
    this.parent.set(item, root);
    return root;
  }

  /** The lexicographically smallest member names the set, so that names do not depend on visiting order. */
  union(a: string, b: string): void {
    const [x, y] = [this.find(a), this.find(b)];
    if (x === y) return;
    if (x < y) this.parent.set(y, x);
    else this.parent.set(x, y);
  }
}

/** A configured Terraform deployment (`terraform.deployments` in the config): its var files go with its root module. */
export interface DeploymentFiles {
  root?: string;
  varFiles: string[];
}

/**
 * Groups scanned files into units that must be evaluated together: a Helm chart directory, a Terraform root module
 * directory with the local modules it calls, the tfvars beneath it and the var files its configured deployments
 * name, or a directory of Kubernetes manifests. Returns unit name (a root-relative directory) → its files, both sorted.
 */
export function scanUnits(files: readonly FileRef[], deployments: readonly DeploymentFiles[] = []): Map<string, string[]> {
  const terraformDirs = new Set(files.filter((f) => f.kind === 'terraform').map((f) => dirOf(f.path)));
  const groups = new UnionFind();
  const unitOf = new Map<string, string>();
  const called = new Set<string>();
  for (const file of files) {
    if (file.kind === 'config') continue;
    let unit = dirOf(file.path);
    if (file.kind === 'helm') unit = file.chart ?? unit;
    else if (file.kind === 'tfvars') {
      for (let dir: string | undefined = unit; dir !== undefined; dir = dir === '' ? undefined : dirOf(dir)) {
        if (terraformDirs.has(dir)) {
          unit = dir;
          break;
        }
      }
    } else if (file.kind === 'terraform') {
      let text = '';
      try {
        text = readFileSync(file.absolutePath, 'utf8');
      } catch {
        // The scan reports unreadable files; here it only loses the module link.
      }
      for (const match of text.matchAll(LOCAL_MODULE_SOURCE)) {
        const target = path.posix.normalize(path.posix.join(unit === '' ? '.' : unit, match[1])).replace(/\/+$/, '');
        const callee = target === '.' ? '' : target;
        if (terraformDirs.has(callee) && callee !== unit) {
          groups.union(unit, callee);
          called.add(callee);
        }
      }
    }
    unitOf.set(file.path, unit);
  }
  const rootModules = [...terraformDirs].filter((dir) => !called.has(dir));
  for (const deployment of deployments) {
    const roots = deployment.root === undefined ? rootModules : [deployment.root.replace(/^\.\/?|\/+$/g, '')];
    for (const varFile of deployment.varFiles) {
      const unit = unitOf.get(path.posix.normalize(varFile));
      if (unit !== undefined) for (const root of roots.filter((r) => terraformDirs.has(r))) groups.union(unit, root);
    }
  }
  const units = new Map<string, string[]>();
  for (const [file, unit] of [...unitOf].sort(([a], [b]) => byText(a, b))) {
    const name = groups.find(unit);
    units.set(name, [...(units.get(name) ?? []), file]);
  }
  return new Map([...units].sort(([a], [b]) => byText(a, b)));
}

/** The shard (1-based) a unit belongs to: a hash of its name, so it does not move when other units come and go. */
export function shardOf(unit: string, count: number): number {
  return (Number.parseInt(createHash('sha256').update(unit).digest('hex').slice(0, 12), 16) % count) + 1;
}

/** The root-relative files of the units assigned to `spec`, sorted. */
export function shardFiles(files: readonly FileRef[], spec: ShardSpec, deployments: readonly DeploymentFiles[] = []): string[] {
  return [...scanUnits(files, deployments)]
    .filter(([unit]) => shardOf(unit, spec.count) === spec.index)
    .flatMap(([, unitFiles]) => unitFiles)
    .sort();
}
