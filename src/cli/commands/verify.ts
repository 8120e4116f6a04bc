import path from 'node:path';
import { parseArgs } from 'node:util';
import { MANIFEST_FILE, NotAPackError, verifyPack } from '../../evidence/index.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../io.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check that an evidence pack is unchanged: re-hash every artifact its manifest lists',
  usage: `  DIR                  The evidence pack (written by scan --evidence DIR)
  --root DIR           Also re-hash the scanned input files under DIR`,
  async run(io, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { root: { type: 'string' } } });
    if (positionals.length !== 1) throw new UsageError('verify takes one evidence pack directory');
    const dir = path.resolve(io.cwd, positionals[0]);
    let result;
    try {
      result = verifyPack(dir, values.root === undefined ? {} : { root: path.resolve(io.cwd, values.root) });
    } catch (error) {
      if (error instanceof NotAPackError) throw new UsageError(error.message);
      throw error;
    }
    const inputs = values.root === undefined ? '' : `, ${result.inputs} inputs match the files under ${values.root}`;
    if (result.problems.length === 0) {
      io.stdout(`✔ evidence pack intact: ${result.artifacts} artifacts match ${MANIFEST_FILE}${inputs} (${MANIFEST_FILE} SHA-256 ${result.manifestSha256})\n`);
      return EXIT_OK;
    }
    const width = Math.max(...result.problems.map((p) => p.kind.length));
    for (const p of result.problems) io.stdout(`${p.kind.padEnd(width)}  ${p.file}${p.detail ? `: ${p.detail}` : ''}\n`);
    const count = result.problems.length;
    io.stdout(`✖ evidence pack changed: ${count} problem${count === 1 ? '' : 's'} (${MANIFEST_FILE} SHA-256 ${result.manifestSha256})\n`);
    return EXIT_FINDINGS;
  },
};
