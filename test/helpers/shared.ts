import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

/** `../shared` beside the repository: seeds, corpus and schemas. CI has it; a user's fresh clone does not. */
export const SHARED_DIR: string = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const HAS_SHARED: boolean = existsSync(SHARED_DIR);

export function sharedPath(...parts: string[]): string {
  return [SHARED_DIR.replace(/\/$/, ''), ...parts].join('/');
}

/** A describe block that is skipped, with the reason in its name, when `../shared` is absent. */
export function describeWithShared(name: string, body: () => void): void {
  if (HAS_SHARED) describe(name, body);
  else describe.skip(`${name} (skipped: ../shared not found beside the repository; CI provides it)`, body);
}
