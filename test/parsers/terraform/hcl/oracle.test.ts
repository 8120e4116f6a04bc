import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../../src/model/json.js';
import { parseHcl } from '../../../../src/parsers/terraform/hcl/index.js';
import { FIXTURES } from '../../../helpers/paths.js';
import { describeWithShared, sharedPath } from '../../../helpers/shared.js';
import { projectLikeHcl2Parser } from './helpers.js';

// Differential test: toJsonProjection must equal what hcl2-parser (tmccombs/hcl2json on HashiCorp's
// hclsyntax, compiled to JS) produces for the same file.
//
// Known differences from hcl2-parser:
// 1. Normalised (projectLikeHcl2Parser in ./helpers.ts): a literal `${` / `%{`, written `$${` / `%%{`,
//    stays escaped in our projection; hcl2-parser prints it unescaped, as if it were an interpolation.
// 2. Not normalised, because no fixture contains them: hcl2-parser's HCL predates provider-defined
//    functions (`provider::aws::arn_parse(x)`) and rejects them; it panics on `null` interpolated into a
//    string (`"a${null}"`) and on a `null` object key; it fails on `!`/`-` applied to a literal of the
//    wrong type (`!1`). parseHcl accepts these as HCL syntax and projects them as `${...}`.
//    A fixture containing one fails here: compare it by hand, then add a normalisation limited to it.
const require = createRequire(import.meta.url);
const hcl2Parser = require('hcl2-parser') as { parseToObject(input: string): [JsonValue, unknown] };

type OracleResult = { ok: true; json: JsonValue } | { ok: false };

function oracle(text: string): OracleResult {
  try {
    const [json, error] = hcl2Parser.parseToObject(text);
    return error ? { ok: false } : { ok: true, json };
  } catch {
    // hcl2-parser panics instead of reporting some inputs (e.g. `"${null}"`).
    return { ok: false };
  }
}

function expectSameAsOracle(text: string, file: string): void {
  const expected = oracle(text);
  if (!expected.ok) throw new Error(`hcl2-parser rejects ${file}: see the known differences at the top of this file`);
  const result = parseHcl(text, file);
  expect(result.diagnostics).toEqual([]);
  // The only normalisation: literal `${`/`%{` unescaped as hcl2-parser prints them (see the helper).
  expect(projectLikeHcl2Parser(result.body, text)).toEqual(expected.json);
}

/** Corpus files that are not HCL at all: both parsers must reject them. Path → reason. */
const NOT_HCL: Record<string, string> = {
  'terraform-azurerm-aks/unit-test-fixture/locals.tf': 'a git symlink checked out as a plain file: its content is the path "../locals.tf"',
  'terraform-azurerm-aks/unit-test-fixture/variables.tf': 'a git symlink checked out as a plain file: its content is the path "../variables.tf"',
};

describe('differential: inline snippets against hcl2-parser', () => {
  it.each([
    'a = 1\nb = -1.5e3\nc = !false\nd = null\ne = 12345678901234567890\n',
    'x = "pre-${a ? b : c}"\ny = "pre-${a ? "x" : ""}"\nz = "${a ? b : c}"\n',
    'x = "a${1.5e3}b${0.10}c${true}"\n',
    'x = "${[1, "two", { k = v }]}"\n',
    'x = "$${literal} %%{literal} $$${x}"\n',
    'policy = jsonencode({ Resource = "arn:aws:s3:::b/$${aws:username}/*" })\nmixed = "$${lit} ${f("$${x}")}"\n',
    'x = <<EOF\nhello ${world}\n  there\nEOF\n',
    'x = <<-EOF\n    a ${b}\n     ${c} d\n\n  EOF\n',
    'x = <<-EOF\n    %{ if a ~}\n    yes\n    %{~ endif }\n  EOF\n',
    'x = "%{for k, v in m ~} ${k} %{~ endfor}"\n',
    'x = { 1 = "a", true = "b", a.b = "c", f(x) = "d", -1 = "e", "p${q}" = "f", (k) = "g" }\n',
    'a "b" c { x = 1 }\na "b" c { x = 2 }\na "e" {}\na = 3\n',
    'x = a.0.b\ny = a.*.b.0\nz = a[*].b[0]\nw = f(x...)\n',
    'x = [for v in x: v if v]\ny = {for k, v in m : k => v...}\n',
    'x = 1 + 2 * 3 - 4 / 5 % 6 == 7 && !b || c ? d : e\n',
    '\uFEFFx = f(a)\r\ny = <<EOF\r\nhello\r\n  EOF\r\n',
    'x = "\\u00e9\\U0001F600\\t\\"\\\\"\n',
  ])('%j', (text) => {
    expectSameAsOracle(text, 'snippet.tf');
  });
});

describe('differential: fixtures against hcl2-parser', () => {
  // Discovered at test time: other fixtures added later are checked too. Malformed inputs live under a
  // `malformed` directory or are named *.invalid.tf.
  const files = fg.sync('**/*.tf', { cwd: FIXTURES, ignore: ['**/malformed/**', '**/*.invalid.tf'] }).sort();

  it('finds the fixtures', () => {
    expect(files).toContain('hcl/constructs.tf');
    expect(files).toContain('hcl/crlf-bom-tabs.tf');
  });

  it.each(files)('%s', (file) => {
    expectSameAsOracle(readFileSync(`${FIXTURES}/${file}`, 'utf8'), file);
  });
});

describeWithShared('differential: shared Terraform corpus against hcl2-parser', () => {
  const root = sharedPath('corpus', 'terraform');
  const files = fg.sync('**/*.tf', { cwd: root, dot: true }).sort();

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(200);
    for (const file of Object.keys(NOT_HCL)) expect(files).toContain(file);
  });

  it.each(files)('%s', (file) => {
    const text = readFileSync(`${root}/${file}`, 'utf8');
    if (file in NOT_HCL) {
      expect(oracle(text).ok).toBe(false);
      expect(parseHcl(text, file).diagnostics.length).toBeGreaterThan(0);
      return;
    }
    expectSameAsOracle(text, file);
  });
});
