import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCustomPolicies, customBundleDir, testCustomPolicies } from '../../engine/custom.js';
import { findOpa } from '../../engine/opa-binary.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type Command } from '../io.js';
import { loadConfigOrReport } from '../options.js';

export const policyCommand: Command = {
  name: 'policy',
  summary: "Build or test the organisation's own Rego policies (policies.paths in the config)",
  usage: `  policy build         Compile them to WASM (needs an opa binary: $OPA_BIN, the dev dependency, or PATH)
  policy test          Run their _test.rego files with opa test
  --config FILE        Config file (default: evident.config.yaml in --root)
  --root DIR           Repository root (default .)`,
  async run(io, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { config: { type: 'string' }, root: { type: 'string' } } });
    const action = positionals[0];
    if (action !== 'build' && action !== 'test') throw new UsageError('use "evident policy build" or "evident policy test"');
    const root = path.resolve(io.cwd, values.root ?? '.');
    const config = loadConfigOrReport(io, root, values.config);
    if (config === undefined) return EXIT_USAGE;
    const policies = config.config.policies;
    if (policies === undefined) throw new UsageError(`no policies.paths in ${config.file ?? 'evident.config.yaml'}: nothing to ${action}`);
    const lookup = findOpa(io.env);
    if (!lookup.ok) {
      io.stderr(`evident: ${lookup.reason}\n`);
      return EXIT_USAGE;
    }
    if (action === 'test') {
      const result = testCustomPolicies(lookup.opa, root, policies);
      io.stdout(`${result.output}\n`);
      return result.ok ? EXIT_OK : EXIT_FINDINGS;
    }
    const result = buildCustomPolicies(lookup.opa, root, policies);
    if (result.errors.length > 0) {
      for (const error of result.errors) io.stderr(`${error}\n`);
      return EXIT_FINDINGS;
    }
    const out = path.relative(io.cwd, customBundleDir(root, policies)) || '.';
    io.stdout(`compiled ${result.manifest?.rules.length ?? 0} rules with OPA ${lookup.opa.version} into ${out}\n`);
    return EXIT_OK;
  },
};
