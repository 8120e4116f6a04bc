/** The function map Helm 3.10 gives templates: Sprig (minus env/expandenv) plus Helm's own. */
import type { GoFunc, GoValue } from '../template/value.js';
import { cryptoFuncs } from './crypto.js';
import { dateFuncs, type GoTime } from './dates.js';
import { helmFuncs, type HelmFuncHooks } from './helm.js';
import { regexFuncs } from './regex.js';
import { semverFuncs } from './semver.js';
import { sprigFuncs } from './sprig.js';

export interface FuncEnvironment extends HelmFuncHooks {
  now(): GoTime;
  /** Uniform [0, 1) from a seeded generator. */
  random(): number;
  randomBytes(n: number): Uint8Array;
  spend(steps: number): void;
  /** A function built `to` from `from` with the same keys (omit, pick, deepCopy). */
  derive(from: GoValue, to: GoValue): void;
}

export function buildFuncMap(env: FuncEnvironment): Map<string, GoFunc> {
  const map = new Map<string, GoFunc>();
  const add = (funcs: GoFunc[]): void => {
    for (const f of funcs) map.set(f.name, f);
  };
  add(sprigFuncs(env));
  add(dateFuncs(() => env.now()));
  add(regexFuncs());
  add(semverFuncs());
  add(cryptoFuncs((n) => env.randomBytes(n), (n) => env.spend(n)));
  add(helmFuncs(env));
  return map;
}

/** A small deterministic generator (sfc32) so random functions repeat across runs. */
export function seededRandom(seed: number): { random(): number; bytes(n: number): Uint8Array } {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return {
    random: next,
    bytes: (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
  };
}
