import { packageVersion } from '../package-root.js';
import { commands } from './commands/index.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './io.js';

function help(): string {
  const list = commands.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`).join('\n');
  const details = commands.map((c) => `Options for ${c.name}:\n${c.usage}`).join('\n\n');
  return `Usage: evident <command> [options]

Commands:
${list}
  version            Print the version

${details}

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error.
`;
}

/** The whole CLI as a function: argv without `node evident`, returns the exit code. */
export async function cli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === 'version' || name === '--version') {
      io.stdout(`evident ${packageVersion()}\n`);
      return EXIT_OK;
    }
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      io.stdout(help());
      return name === undefined ? EXIT_USAGE : EXIT_OK;
    }
    const command = commands.find((c) => c.name === name);
    if (command === undefined) throw new UsageError(`unknown command "${name}"`);
    const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
    if (options.includes('--help') || options.includes('-h')) {
      io.stdout(`Usage: evident ${command.name} [options]\n${command.summary}\n\n${command.usage}\n`);
      return EXIT_OK;
    }
    return await command.run(io, rest);
  } catch (error) {
    const isUsage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (!isUsage) throw error;
    io.stderr(`evident: ${(error as Error).message}\nRun "evident --help" for usage.\n`);
    return EXIT_USAGE;
  }
}
