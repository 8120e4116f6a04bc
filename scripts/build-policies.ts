import { BUILTIN_BUNDLE, builtinPolicyDir, compiledDir } from '../src/engine/bundle.js';
import { compilePolicies } from '../src/engine/compile.js';
import { buildCustomPolicies } from '../src/engine/custom.js';
import { pinnedOpa } from '../src/engine/opa-binary.js';

// The committed WASM must be reproducible, so only the pinned, hash-verified OPA may build it.
const lookup = pinnedOpa();
if (!lookup.ok) {
  console.error(`build:policies: ${lookup.reason}`);
  process.exit(2);
}
const result = compilePolicies(lookup.opa, {
  ruleDir: builtinPolicyDir(),
  sourceDirs: [builtinPolicyDir()],
  outDir: compiledDir(),
  bundle: BUILTIN_BUNDLE,
});
if (result.errors.length > 0) {
  for (const error of result.errors) console.error(error);
  process.exit(1);
}
console.log(`compiled ${result.manifest?.rules.length} rules with OPA ${lookup.opa.version} → policies/compiled/${BUILTIN_BUNDLE}.wasm (sha256 ${result.manifest?.wasmSha256})`);

// The example of custom policies compiles Evident's library into its bundle: rebuild it whenever the library changes.
const example = 'fixtures/custom-policies';
const custom = buildCustomPolicies(lookup.opa, example, { paths: ['org-policies'], bundle: 'org-policies/compiled' });
if (custom.errors.length > 0) {
  for (const error of custom.errors) console.error(error);
  process.exit(1);
}
console.log(`compiled ${example} (${custom.manifest?.rules.length} rules)`);
