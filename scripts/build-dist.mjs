// Bundles the CLI (and, later, the GitHub Action) into dist/: committed, so `npx evident` and the Action need no build step.
import { build } from 'esbuild';

export const entries = { cli: 'src/cli/main.ts', index: 'src/action/main.ts' };

export async function bundle(outdir = 'dist') {
  await build({
    entryPoints: entries,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    legalComments: 'none',
    logLevel: 'warning',
    // Bundled CommonJS dependencies call require() for Node built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await bundle(process.argv[2]);
