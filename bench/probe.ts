// Runs the real CLI bundle in this process (argv after the bundle path) and writes what it measured to
// $EVIDENT_BENCH_OUT: start-up, the scan's stages (from the diagnostics channel scan() publishes on), the
// rest of the command (rendering and writing the report), and peak RSS. Built by bench/run.ts with esbuild.
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const SCAN_STAGE_CHANNEL = 'evident:scan-stage';

export interface ProbeResult {
  /** From process start to the CLI bundle being loaded. */
  startupMs: number;
  /** Each stage's wall time, and the process's RSS and V8 heap when it ended. */
  stages: { stage: string; ms: number; rssMb: number; heapMb: number }[];
  /** main() from start to end: the scan's stages plus config loading, rendering and writing the report. */
  commandMs: number;
  exitCode: number;
  maxRssKb: number;
  cpuUserMs: number;
  cpuSystemMs: number;
}

const [bundle, ...argv] = process.argv.slice(2);
const out = process.env.EVIDENT_BENCH_OUT;
if (bundle === undefined || out === undefined) throw new Error('usage: EVIDENT_BENCH_OUT=file node probe.mjs <dist/cli.js> <evident arguments>');

const stages: ProbeResult['stages'] = [];
subscribe(SCAN_STAGE_CHANNEL, (message) => {
  const { rss, heapUsed } = process.memoryUsage();
  stages.push({ ...(message as { stage: string; ms: number }), rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 });
});
const { main } = (await import(pathToFileURL(bundle).href)) as { main(): Promise<void> };
const loaded = performance.now();
process.argv = [process.argv[0], bundle, ...argv];
await main();
const commandMs = performance.now() - loaded;
const usage = process.resourceUsage();
const result: ProbeResult = {
  startupMs: loaded,
  stages,
  commandMs,
  exitCode: Number(process.exitCode ?? 0),
  maxRssKb: usage.maxRSS,
  cpuUserMs: usage.userCPUTime / 1000,
  cpuSystemMs: usage.systemCPUTime / 1000,
};
writeFileSync(out, JSON.stringify(result));
