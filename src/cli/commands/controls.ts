import { parseArgs } from 'node:util';
import path from 'node:path';
import { coverage, FRAMEWORKS, loadCatalogs, type FrameworkCoverage } from '../../compliance/catalog.js';
import { builtinBundle } from '../../engine/bundle.js';
import { formatDiagnostic, type Framework } from '../../model/index.js';
import { packageRoot } from '../../package-root.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type Command } from '../io.js';
import { choice } from '../options.js';

/** One framework as `evident controls` prints it: a header with the totals, then a line per control. */
export function controlsDocument(framework: FrameworkCoverage): string {
  const idWidth = Math.max(...framework.controls.map((c) => c.control.id.length));
  const count = (status: string) => framework.controls.filter((c) => c.status === status).length;
  const { name, version, id } = framework.framework;
  const lines = [
    `${name} ${version} (${id}): ${framework.controls.length} controls, ${count('automated')} evidenced by rules, ` +
      `${count('not-covered')} not covered by automated checks, ${count('manual')} manual`,
  ];
  for (const { control, status, rules } of framework.controls) {
    const evidence = status === 'automated' ? rules.join(', ') : status === 'manual' ? 'manual' : 'not covered by automated checks';
    lines.push(`  ${control.id.padEnd(idWidth)}  ${control.title} — ${evidence}`);
  }
  return `${lines.join('\n')}\n`;
}

export const controlsCommand: Command = {
  name: 'controls',
  summary: 'List each framework control with the rules that evidence it, or that it needs manual evidence',
  usage: `  --framework ID       ${FRAMEWORKS.join('|')} (default: all)`,
  async run(io, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { framework: { type: 'string' } } });
    if (positionals.length > 0) throw new UsageError(`controls takes no arguments; got "${positionals[0]}"`);
    const wanted = values.framework === undefined ? undefined : choice<Framework>('framework', values.framework, FRAMEWORKS, FRAMEWORKS[0]);
    const rules = builtinBundle().manifest.rules.map((r) => r.id);
    const catalogs = loadCatalogs(path.join(packageRoot(), 'controls'), { ruleIds: rules });
    if (catalogs.diagnostics.length > 0) {
      for (const d of catalogs.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
      return EXIT_USAGE;
    }
    const frameworks = coverage(catalogs, rules).filter((f) => wanted === undefined || f.framework.id === wanted);
    io.stdout(frameworks.map(controlsDocument).join('\n'));
    return EXIT_OK;
  },
};
