// `npm run bench`: scans synthetic repositories of three sizes with the real CLI in a child process and
// prints wall time, peak RSS, the time of each stage, resources per second, the ratio to the floor (reading
// and tokenising every file) and Evident's HCL parse time against hcl2-parser's; then `scan --staged` on a
// 300-file repository; and, in a process of its own, the HCL parser alone on a generated 5,000-resource file against hcl2-parser.
// Options: --runs N (median of N runs per measurement, default 1), --sizes S,M,L,
// --profile (scan the largest size once more under --cpu-prof and say which functions and rules took the time),
// --keep (leave the generated repositories in place). Results also go to node_modules/.cache/evident-bench/result.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { parseHcl } from '../src/parsers/terraform/hcl/index.js';
import { exampleBlocks, generateRepo, REPO_ROOT, SIZES, type GeneratedRepo, type SizeSpec } from './generate.js';
import type { HclBenchResult } from './hcl.js';
import type { ProbeResult } from './probe.js';
import { formatSummary, summarise } from './profile.js';

const TARGETS = { wallMs: 3000, rssMb: 500, floorRatio: 3, doubling: 2.2, stagedMs: 400, hclMBps: 20 };
const STAGES = ['startup', 'discover', 'parse', 'terraform', 'policy', 'map', 'report'] as const;
const CACHE = path.join(REPO_ROOT, 'node_modules/.cache/evident-bench');
const BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";


interface ScanRun {
  wallMs: number;
  probe: ProbeResult;
  resources: number;
  /** Resources by source: terraform (evaluated instances), kubernetes, helm. */
  bySource: Record<string, number>;
  findings: number;
  diagnostics: number;
}

interface SizeResult {
  repo: Omit<GeneratedRepo, 'root'>;
  scan: ScanRun;
  stages: Record<(typeof STAGES)[number], number>;
  floorMs: number;
  hcl: { evidentMs: number; oracleMs: number; files: number };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Bundles the current sources (not the committed dist/) and the two child-process drivers. */
async function buildArtifacts(): Promise<{ cli: string; probe: string; floor: string }> {
  mkdirSync(CACHE, { recursive: true });
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build-dist.mjs'), path.join(CACHE, 'dist')], { cwd: REPO_ROOT, stdio: 'inherit' });
  await build({
    entryPoints: { probe: path.join(REPO_ROOT, 'bench/probe.ts'), floor: path.join(REPO_ROOT, 'bench/floor.ts') },
    outdir: CACHE,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    banner: { js: BANNER },
  });
  return { cli: path.join(CACHE, 'dist/cli.js'), probe: path.join(CACHE, 'probe.mjs'), floor: path.join(CACHE, 'floor.mjs') };
}

/** Runs a driver in a child process; the wall time is measured here, around the whole process. */
function child<T>(script: string, args: string[], cwd: string, nodeArgs: string[] = []): { wallMs: number; result: T } {
  const out = path.join(CACHE, `out-${process.pid}.json`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [...nodeArgs, script, ...args], { cwd, env: { ...process.env, EVIDENT_BENCH_OUT: out, NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallMs = performance.now() - started;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${path.basename(script)} ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { wallMs, result: JSON.parse(readFileSync(out, 'utf8')) as T };
}

function scanOnce(artifacts: { cli: string; probe: string }, dir: string, report: string): ScanRun {
  const { wallMs, result } = child<ProbeResult>(artifacts.probe, [artifacts.cli, 'scan', dir, '--format', 'json', '--output', report, '--fail-on', 'none', '--timestamp', '2026-11-22T09:00:00Z'], dir);
  const json = JSON.parse(readFileSync(report, 'utf8')) as { resources: { source: string }[]; findings: unknown[]; errors?: unknown[] };
  const bySource: Record<string, number> = {};
  for (const r of json.resources) bySource[r.source] = (bySource[r.source] ?? 0) + 1;
  return { wallMs, probe: result, resources: json.resources.length, bySource, findings: json.findings.length, diagnostics: json.errors?.length ?? 0 };
}

function stagesOf(probe: ProbeResult): SizeResult['stages'] {
  const stages = Object.fromEntries(STAGES.map((s) => [s, 0])) as SizeResult['stages'];
  stages.startup = probe.startupMs;
  for (const { stage, ms } of probe.stages) if (stage in stages) stages[stage as keyof typeof stages] += ms;
  stages.report = Math.max(0, probe.commandMs - probe.stages.reduce((sum, s) => sum + s.ms, 0));
  return stages;
}

function terraformTexts(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.tf') || entry.name.endsWith('.tfvars')) out.push(readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** Evident's parser and hcl2-parser (HashiCorp's Go parser compiled to JavaScript) on the same files, in this process. */
function hclRatio(dir: string, runs: number): SizeResult['hcl'] {
  const texts = terraformTexts(dir);
  for (const text of texts) parseHcl(text, 'warm.tf');
  const evident: number[] = [];
  for (let run = 0; run < Math.max(3, runs); run++) {
    const started = performance.now();
    for (const text of texts) parseHcl(text, 'bench.tf');
    evident.push(performance.now() - started);
  }
  // Required only here: its runtime keeps a large heap alive that slows this process's collections.
  const oracle = createRequire(import.meta.url)('hcl2-parser') as { parseToObject(input: string): unknown };
  const started = performance.now();
  for (const text of texts) oracle.parseToObject(text);
  return { evidentMs: median(evident), oracleMs: performance.now() - started, files: texts.length };
}

function measureSize(spec: SizeSpec, artifacts: { cli: string; probe: string; floor: string }, work: string, runs: number): SizeResult {
  const { root, ...repo } = generateRepo(path.join(work, spec.name), spec);
  process.stderr.write(`bench: ${spec.name}: ${repo.resourceBlocks} resource blocks in ${repo.terraformFiles} .tf files, ${repo.deploymentFiles} deployments, ${repo.kubernetesObjects} Kubernetes objects, ${repo.charts} charts\n`);
  const floors: number[] = [];
  const scans: ScanRun[] = [];
  for (let run = 0; run < runs; run++) {
    floors.push(child(artifacts.floor, [root], root).wallMs);
    scans.push(scanOnce(artifacts, root, path.join(work, `${spec.name}.json`)));
    process.stderr.write(`bench: ${spec.name}: scan ${(scans[run].wallMs / 1000).toFixed(2)} s, floor ${(floors[run] / 1000).toFixed(2)} s\n`);
  }
  const scan = scans.find((s) => s.wallMs === median(scans.map((x) => x.wallMs)))!;
  return { repo, scan, stages: stagesOf(scan.probe), floorMs: median(floors), hcl: hclRatio(root, runs) };
}

/** `evident scan --staged` in a git repository of about 300 files with one staged change. */
function measureStaged(artifacts: { cli: string; probe: string }, work: string, runs: number): { files: number; wallMs: number; runs: number[] } {
  const spec: SizeSpec = { name: 'staged', stacks: 5, deploymentsPerStack: 2, blocksPerStack: exampleBlocks, kubernetesCopies: 12, charts: 1 };
  const { root } = generateRepo(path.join(work, 'staged'), spec);
  const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd: root, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  const changed = path.join(root, 'k8s/tenants-000/app/user-service.yaml');
  writeFileSync(changed, readFileSync(changed, 'utf8').replace('replicas: 2', 'replicas: 3'));
  git('add', '-A');
  const files = git('ls-files').trim().split('\n').length;
  const times: number[] = [];
  for (let run = 0; run < Math.max(3, runs); run++) times.push(child<ProbeResult>(artifacts.probe, [artifacts.cli, 'scan', '--staged', '--fail-on', 'none'], root).wallMs);
  return { files, wallMs: median(times), runs: times };
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const megabytes = (kb: number): string => (kb / 1024).toFixed(0);

/** Against a ceiling (time, memory) by default; `at least` for a floor (throughput). */
function verdict(value: number, target: number, unit: string, format: (v: number) => string, bound: 'at most' | 'at least' = 'at most'): string {
  const meets = bound === 'at most' ? value <= target : value >= target;
  return meets ? `meets ${format(target)} ${unit}` : `MISSES ${format(target)} ${unit} by ${format(Math.abs(value - target))} ${unit} (${(value / target).toFixed(1)}×)`;
}

/** Growth between two sizes, as the time factor for an exact doubling of the resources scanned. */
function doubling(a: SizeResult, b: SizeResult): number {
  return 2 ** (Math.log(b.scan.wallMs / a.scan.wallMs) / Math.log(b.scan.resources / a.scan.resources));
}

function printReport(results: SizeResult[], staged: ReturnType<typeof measureStaged>, machine: Record<string, string>): void {
  const lines: string[] = [];
  lines.push(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory} RAM, Node ${machine.node}; load average ${machine.loadBefore} before, ${machine.loadAfter} after`);
  lines.push('');
  lines.push('| Size | Terraform (blocks / files / deployments) | Kubernetes objects | Charts | Resources scanned (Terraform instances / manifests / Helm) | Wall | Peak RSS | CPU (user+sys) | Resources/s | Findings |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const cpu = r.scan.probe.cpuUserMs + r.scan.probe.cpuSystemMs;
    lines.push(
      `| ${r.repo.spec.name} | ${r.repo.resourceBlocks} / ${r.repo.terraformFiles} / ${r.repo.deploymentFiles} | ${r.repo.kubernetesObjects} | ${r.repo.charts} | ${r.scan.resources} (${r.scan.bySource.terraform ?? 0} / ${r.scan.bySource.kubernetes ?? 0} / ${r.scan.bySource.helm ?? 0}) | ${seconds(r.scan.wallMs)} s | ${megabytes(r.scan.probe.maxRssKb)} MB | ${seconds(cpu)} s | ${Math.round(r.scan.resources / (r.scan.wallMs / 1000))} | ${r.scan.findings} |`,
    );
  }
  lines.push('');
  lines.push(`| Size | ${STAGES.join(' | ')} | Floor | Scan ÷ floor | HCL parse: Evident / hcl2-parser (files) | Evident ÷ hcl2-parser |`);
  lines.push(`|---|${STAGES.map(() => '---|').join('')}---|---|---|---|`);
  for (const r of results) {
    lines.push(
      `| ${r.repo.spec.name} | ${STAGES.map((s) => `${seconds(r.stages[s])} s`).join(' | ')} | ${seconds(r.floorMs)} s | ${(r.scan.wallMs / r.floorMs).toFixed(1)} | ${seconds(r.hcl.evidentMs)} s / ${seconds(r.hcl.oracleMs)} s (${r.hcl.files}) | ${(r.hcl.evidentMs / r.hcl.oracleMs).toFixed(3)} |`,
    );
  }
  lines.push('');
  lines.push(`| Size | ${STAGES.slice(1, -1).map((s) => `RSS / JS heap after ${s}`).join(' | ')} |`);
  lines.push(`|---|${STAGES.slice(1, -1).map(() => '---|').join('')}`);
  for (const r of results) {
    const after = (stage: string): string => {
      const s = r.scan.probe.stages.find((x) => x.stage === stage);
      return s === undefined ? '–' : `${s.rssMb.toFixed(0)} / ${s.heapMb.toFixed(0)} MB`;
    };
    lines.push(`| ${r.repo.spec.name} | ${STAGES.slice(1, -1).map(after).join(' | ')} |`);
  }
  lines.push('');
  const large = results.find((r) => r.repo.spec.name === 'L');
  if (large !== undefined) {
    lines.push(`Targets (size L, 2-core machine):`);
    lines.push(`- end to end ${seconds(large.scan.wallMs)} s: ${verdict(large.scan.wallMs / 1000, TARGETS.wallMs / 1000, 's', (v) => v.toFixed(2))}`);
    lines.push(`- peak RSS ${megabytes(large.scan.probe.maxRssKb)} MB: ${verdict(large.scan.probe.maxRssKb / 1024, TARGETS.rssMb, 'MB', (v) => v.toFixed(0))}`);
    lines.push(`- scan ÷ floor ${(large.scan.wallMs / large.floorMs).toFixed(1)}: ${verdict(large.scan.wallMs / large.floorMs, TARGETS.floorRatio, '×', (v) => v.toFixed(1))}`);
  }
  for (let i = 1; i < results.length; i++) {
    const factor = doubling(results[i - 1], results[i]);
    lines.push(`- growth ${results[i - 1].repo.spec.name}→${results[i].repo.spec.name}: doubling the resources multiplies the time by ${factor.toFixed(2)}: ${verdict(factor, TARGETS.doubling, '×', (v) => v.toFixed(2))}`);
  }
  lines.push(`- scan --staged, ${staged.files} files: ${(staged.wallMs).toFixed(0)} ms (median of ${staged.runs.length}): ${verdict(staged.wallMs, TARGETS.stagedMs, 'ms', (v) => v.toFixed(0))}`);
  console.log(lines.join('\n'));
}

/** Scans `dir` once under --cpu-prof; the main thread's profile is the one with the most samples. */
function profileScan(artifacts: { cli: string; probe: string }, dir: string, work: string): string {
  const profiles = path.join(work, 'profiles');
  rmSync(profiles, { recursive: true, force: true });
  child<ProbeResult>(artifacts.probe, [artifacts.cli, 'scan', dir, '--format', 'json', '--output', path.join(work, 'profiled.json'), '--fail-on', 'none'], dir, ['--cpu-prof', `--cpu-prof-dir=${profiles}`]);
  const main = readdirSync(profiles)
    .map((f) => path.join(profiles, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  return formatSummary(summarise(main));
}

const { values } = parseArgs({ options: { runs: { type: 'string' }, sizes: { type: 'string' }, keep: { type: 'boolean' }, profile: { type: 'boolean' } } });
const runs = Math.max(1, Number(values.runs ?? 1));
const wanted = (values.sizes ?? 'S,M,L').split(',');
const machine: Record<string, string> = {
  cpu: cpus()[0]?.model ?? 'unknown CPU',
  cores: String(availableParallelism()),
  memory: `${(totalmem() / 2 ** 30).toFixed(0)} GB`,
  node: process.versions.node,
  loadBefore: loadavg()[0].toFixed(1),
};
// In a process of its own, like the scans: nothing else loaded or allocated there.
const hcl = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'bench/hcl.ts'), '--json'], { cwd: REPO_ROOT, encoding: 'utf8' })) as HclBenchResult;
const artifacts = await buildArtifacts();
const work = mkdtempSync(path.join(tmpdir(), 'evident-bench-'));
try {
  const results = SIZES.filter((s) => wanted.includes(s.name)).map((spec) => measureSize(spec, artifacts, work, runs));
  const staged = measureStaged(artifacts, work, runs);
  machine.loadAfter = loadavg()[0].toFixed(1);
  printReport(results, staged, machine);
  console.log(
    `\nHCL parser on a generated 5,000-resource file (${(hcl.bytes / 1e6).toFixed(2)} MB): Evident ${hcl.evidentMs.toFixed(1)} ms, ` +
      `${hcl.evidentMBps.toFixed(1)} MB/s (${verdict(hcl.evidentMBps, TARGETS.hclMBps, 'MB/s', (v) => v.toFixed(1), 'at least')}); ` +
      `hcl2-parser ${hcl.oracleMs.toFixed(0)} ms, ${hcl.oracleMBps.toFixed(2)} MB/s`,
  );
  const largest = results.at(-1);
  if (values.profile && largest !== undefined) console.log(`\nProfile of size ${largest.repo.spec.name}:\n${profileScan(artifacts, path.join(work, largest.repo.spec.name), work)}`);
  writeFileSync(path.join(CACHE, 'result.json'), `${JSON.stringify({ machine, results, staged, hcl }, null, 2)}\n`);
} finally {
  if (values.keep) process.stderr.write(`bench: repositories kept in ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}
