// Reads a V8 CPU profile (node --cpu-prof) of a scan and says where the time went: the JavaScript functions
// with the most self time, and the Rego rules (compiled into the WASM as g0.data.evident.rules.<family>.<name>
// functions) with the most inclusive time, plus the library functions they spend it in.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time of JavaScript functions (WASM internals and the garbage collector excluded, but counted in totalMs). */
  functions: [string, number][];
  garbageCollectorMs: number;
  wasmMs: number;
  rules: [string, number][];
  libraries: [string, number][];
}

const PSEUDO = new Set(['(root)', '(program)', '(idle)']);
const RULE = /^g0\.data\.evident\.(rules\.[a-z0-9_]+\.[a-z0-9_]+)/;
const REGO = /^g0\.data\.evident\.((?:rules|lib)\..+)$/;

function top(map: Map<string, number>, count: number): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

export function summarise(file: string, count = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

  const functions = new Map<string, number>();
  const rules = new Map<string, number>();
  const libraries = new Map<string, number>();
  let totalMs = 0;
  let garbageCollectorMs = 0;
  let wasmMs = 0;
  for (const [id, ms] of self) {
    totalMs += ms;
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === '(garbage collector)') garbageCollectorMs += ms;
    else if (frame.url.startsWith('wasm://')) wasmMs += ms;
    else if (!PSEUDO.has(frame.functionName)) add(functions, `${frame.functionName || '(anonymous)'} ${frame.url.slice(frame.url.lastIndexOf('/') + 1)}:${frame.lineNumber + 1}`, ms);
    let rule: string | undefined;
    let innermost: string | undefined;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = nodes.get(at)!.callFrame.functionName;
      rule = RULE.exec(name)?.[1] ?? rule;
      const rego = innermost === undefined ? REGO.exec(name) : null;
      if (rego) innermost = rego[1];
    }
    if (rule !== undefined) add(rules, rule, ms);
    if (innermost !== undefined) add(libraries, innermost, ms);
  }
  return { totalMs, functions: top(functions, count), garbageCollectorMs, wasmMs, rules: top(rules, count), libraries: top(libraries, count) };
}

export function formatSummary(summary: ProfileSummary): string {
  const rows = (entries: [string, number][]): string => entries.map(([name, ms]) => `  ${ms.toFixed(0).padStart(7)} ms  ${name}`).join('\n');
  return [
    `CPU profile: ${summary.totalMs.toFixed(0)} ms sampled; ${summary.wasmMs.toFixed(0)} ms in WASM (the policies), ${summary.garbageCollectorMs.toFixed(0)} ms collecting garbage`,
    'JavaScript functions by self time:',
    rows(summary.functions),
    'Rules by inclusive time:',
    rows(summary.rules),
    'Rego functions those rules spend it in (innermost Evident frame):',
    rows(summary.libraries),
  ].join('\n');
}
