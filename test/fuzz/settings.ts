import fc from 'fast-check';

/** `npm test` runs a short fixed-seed pass; `npm run fuzz` sets FUZZ_RUNS (and FUZZ_SEED to explore elsewhere). */
export const numRuns = Number(process.env.FUZZ_RUNS ?? 100);
export const seed = Number(process.env.FUZZ_SEED ?? 8);
/** Scans are slower than single parses: a tenth as many runs, at least 10. */
export const scanRuns = Math.max(10, Math.round(numRuns / 10));
/** A gross bound that only a hang or an exponential blow-up would cross (timed assertions are otherwise banned). */
export const GROSS_BOUND_MS = 5_000;
/** Vitest's own limit, in proportion to the number of runs. */
export function timeoutFor(runs: number, perRunMs: number): number {
  return Math.max(60_000, runs * perRunMs);
}

export interface Mutation {
  at: number;
  kind: 'delete' | 'insert' | 'duplicate' | 'replace' | 'indent';
  length: number;
  text: string;
}

export function mutation(tokens: readonly string[]): fc.Arbitrary<Mutation> {
  return fc.record({
    at: fc.nat(),
    kind: fc.constantFrom<Mutation['kind']>('delete', 'insert', 'duplicate', 'replace', 'indent'),
    length: fc.integer({ min: 1, max: 40 }),
    text: fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 8 })),
  });
}

/** Applies edits at positions taken modulo the text's length, so that every mutation lands somewhere. */
export function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'duplicate') out = out.slice(0, at) + out.slice(at, at + m.length) + out.slice(at);
    else if (m.kind === 'replace') out = out.slice(0, at) + m.text + out.slice(at + m.length);
    else {
      const lineStart = out.lastIndexOf('\n', at) + 1;
      out = out.slice(0, lineStart) + ' '.repeat(m.length % 9) + out.slice(lineStart);
    }
  }
  return out;
}
