import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInto, StrvalsError } from '../../../src/parsers/helm/chart/strvals.js';
import { renderChart, type RenderResult } from '../../../src/parsers/helm/render.js';
import { newMap } from '../../../src/parsers/helm/template/value.js';
import { decodeYaml, YamlError } from '../../../src/parsers/helm/yaml/decode.js';
import { FIXTURES } from '../../helpers/paths.js';

const numRuns = Number(process.env.FUZZ_RUNS ?? 200);
const settings = { seed: Number(process.env.FUZZ_SEED ?? 20221012), numRuns };
const timeout = Math.max(120_000, numRuns * 500);

const VALUES = `a: 1
f: 1.5
s: "a,b-c {{ .Values.a }}"
n: null
t: true
l: [1, "two", {k: v}, null]
m: {x: 1, y: "two", z: [1, 2], nested: {k: v}}
`;

/** One chart directory reused by every run: the template changes, the rest stays. */
const root = mkdtempSync(join(tmpdir(), 'evident-helm-fuzz-'));
const chartDir = join(root, 'fuzz');
mkdirSync(join(chartDir, 'templates'), { recursive: true });
writeFileSync(join(chartDir, 'Chart.yaml'), 'apiVersion: v2\nname: fuzz\nversion: 0.1.0\n');
writeFileSync(join(chartDir, 'files.txt'), 'one\ntwo\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Small budgets so that runaway loops and recursion end quickly, as errors. */
function renderTemplate(template: string, values = VALUES, set: string[] = []): RenderResult {
  writeFileSync(join(chartDir, 'values.yaml'), values);
  writeFileSync(join(chartDir, 'templates', 'fuzz.yaml'), template);
  return renderChart(chartDir, { releaseName: 'fz', set, maxSteps: 200_000, maxOutputBytes: 1 << 20 });
}

function expectHandled(result: RenderResult): void {
  for (const d of result.diagnostics) {
    expect(d.message).not.toMatch(/internal error/);
    expect(['helm-render', 'helm-values-schema', 'yaml-syntax']).toContain(d.code);
  }
}

const OPERANDS = [
  '.', '$', '.Values', '.Values.a', '.Values.f', '.Values.s', '.Values.n', '.Values.l', '.Values.m', '.Values.m.nested', '.Values.missing',
  '.Values.missing.deep', '.Values.s.field', '.Release.Name', '.Chart', '.Chart.Name', '.Capabilities.KubeVersion.Version', '.Capabilities.APIVersions',
  '.Files', '.Template.Name', '"str"', '"a,b,c"', '"1.2.3"', '"2006-01-02"', '"{{ .Values.a }}"', '"%!v"', '"\\n\\t"', '""', "'a'", '1', '-1', '0',
  '1.5', '1e3', '0x10', 'true', 'false', 'nil', '(list 1 "a" nil)', '(dict "a" 1 "b" (list))', '(list)', '(dict)', '$x', '$.Values.m',
];

const FUNCTIONS = [
  'upper', 'lower', 'title', 'quote', 'squote', 'trim', 'toYaml', 'toJson', 'toPrettyJson', 'toRawJson', 'toToml', 'fromYaml', 'fromJson', 'fromYamlArray',
  'fromJsonArray', 'b64enc', 'b64dec', 'b32enc', 'sha256sum', 'sha1sum', 'adler32sum', 'default "d"', 'indent 2', 'nindent 4', 'trunc 3', 'trunc -2',
  'replace "a" "b"', 'printf "%v|%d|%s|%q|%x|%5.2f|%-4s|%+v|%T"', 'print', 'println', 'len', 'first', 'last', 'rest', 'initial', 'reverse', 'keys',
  'values', 'sortAlpha', 'uniq', 'compact', 'toString', 'toStrings', 'int', 'int64', 'float64', 'atoi', 'add 1', 'sub 2', 'mul 3', 'div 0', 'mod 0',
  'addf 1.5', 'divf 0', 'max 3', 'min 1', 'round', 'ceil', 'floor', 'regexFind "[a-z]+"', 'regexFind "[a-"', 'regexReplaceAll "(a)" "${1}x"',
  'regexSplit "," -1', 'mustRegexMatch "("', 'semverCompare ">=1.0-0"', 'semver', 'split ","', 'splitList ","', 'join ","', 'list', 'tuple',
  'dict "a"', 'tpl', 'include "x"', 'required "r"', 'fail', 'index', 'slice', 'kindOf', 'typeOf', 'kindIs "map"', 'typeIsLike "string"',
  'toDate "2006-01-02"', 'date "2006-01-02"', 'dateInZone "15:04" "Europe/Paris"', 'htmlDate', 'ago', 'dateModify "-1h"', 'duration', 'ternary 1 2',
  'coalesce', 'empty', 'not', 'and 1', 'or 0', 'eq 1', 'ne "a"', 'lt 1', 'ge 1.5', 'dig "a" "b"', 'get "a"', 'hasKey "a"', 'pluck "a"', 'pick "a"',
  'omit "a"', 'merge (dict "q" 1)', 'mergeOverwrite (dict)', 'deepCopy', 'set "k"', 'unset "k"', 'append 1', 'prepend 0', 'concat (list 9)',
  'without 1', 'has 1', 'chunk 2', 'until', 'untilStep 0 10', 'seq', 'abbrev 5', 'wrap 3', 'wrapWith 3 "|"', 'plural "a" "b"', 'cat "x"',
  'substr 0 2', 'nospace', 'camelcase', 'snakecase', 'kebabcase', 'swapcase', 'shuffle', 'repeat 3', 'contains "a"', 'hasPrefix "a"', 'base', 'dir',
  'ext', 'clean', 'isAbs', 'urlParse', 'urlJoin', 'urlquery', 'html', 'js', 'randAlphaNum', 'randNumeric', 'uuidv4', 'genPrivateKey',
  'genCA "x"', 'derivePassword 1 "long" "p" "u"', 'encryptAES "k"', 'decryptAES "k"', 'htpasswd "u"', 'bcrypt', 'getHostByName', 'lookup "v1" "Pod" ""',
  'env', 'expandenv', 'call', 'deepEqual (list)', 'sortAlpha', 'mustFirst', 'mustToJson', 'mustMerge (dict)', '.Files.Get', '.Files.Glob', '.Files.Lines',
  '.Capabilities.APIVersions.Has',
];

const operand = fc.constantFrom(...OPERANDS);
const fn = fc.constantFrom(...FUNCTIONS);
const text = fc.oneof(
  fc.constantFrom('a: b\n', 'key: ', '\n', '  ', '- item\n', '---\n', 'kind: ConfigMap\n', 'apiVersion: v1\n', 'metadata:\n  name: x\n', '# c\n', '{', '}', '"', "'", ':'),
  fc.string({ maxLength: 12 }),
);
const trimLeft = fc.constantFrom('{{ ', '{{- ', '{{');
const trimRight = fc.constantFrom(' }}', ' -}}', '}}');

const action = fc.oneof(
  fc.tuple(trimLeft, operand, trimRight).map(([l, o, r]) => `${l}${o}${r}`),
  fc.tuple(trimLeft, operand, fn, trimRight).map(([l, o, f, r]) => `${l}${o} | ${f}${r}`),
  fc.tuple(trimLeft, fn, operand, operand, trimRight).map(([l, f, a, b, r]) => `${l}${f} ${a} ${b}${r}`),
  fc.tuple(fn, fn, operand).map(([f, g, o]) => `{{ ${f} (${g} ${o}) }}`),
  fc.tuple(operand).map(([o]) => `{{ $x := ${o} }}{{ $x = $x }}`),
  fc.constant('{{/* comment */}}'),
);

type Tree = string;
const { template } = fc.letrec<{ template: Tree; node: Tree }>((tie) => ({
  template: fc.array(tie('node'), { maxLength: 6 }).map((nodes) => nodes.join('')),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    action,
    fc.tuple(operand, tie('template'), tie('template')).map(([c, a, b]) => `{{ if ${c} }}${a}{{ else if not ${c} }}${b}{{ else }}z{{ end }}`),
    fc.tuple(operand, tie('template'), tie('template')).map(([c, a, b]) => `{{- range $i, $v := ${c} }}${a}{{ if $i }}{{ continue }}{{ end }}{{ break }}{{ else }}${b}{{ end }}`),
    fc.tuple(operand, tie('template')).map(([c, a]) => `{{ with ${c} }}${a}{{ else }}none{{ end }}`),
    fc.tuple(tie('template'), operand).map(([body, o]) => `{{ define "x" }}${body}{{ end }}{{ include "x" ${o} | nindent 2 }}{{ template "x" . }}`),
    fc.tuple(tie('template')).map(([body]) => `{{ block "b" . }}${body}{{ end }}`),
    fc.constant('{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}'),
    fc.constant('{{ range until 100000000 }}x{{ end }}'),
    fc.constant('{{ tpl "{{ tpl .Values.s . }}" . }}'),
  ),
}));

/** Valid templates from the fixture chart, to be cut and spliced. */
function fixtureTemplates(): string[] {
  const dir = `${FIXTURES}/helm/app/templates`;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.tpl'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom('{{', '}}', '{{-', '-}}', '|', '(', ')', '"', '$', '.', 'end', 'else', ' if ', '/*', '*/', ':=', '\n', '`', '\\') }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

function mutate(source: string, mutations: { kind: 'delete' | 'insert' | 'duplicate'; at: number; length?: number; piece?: string }[]): string {
  let out = source;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + (m.length ?? 1));
    else if (m.kind === 'insert') out = out.slice(0, at) + (m.piece ?? '') + out.slice(at);
    else out = out.slice(0, at) + out.slice(at, at + (m.length ?? 1)) + out.slice(at);
  }
  return out;
}

describe('fuzz: the renderer reports problems as diagnostics and always terminates', () => {
  it('random templates built from the template grammar and Sprig', { timeout }, () => {
    fc.assert(
      fc.property(template, (t) => {
        expectHandled(renderTemplate(t));
      }),
      settings,
    );
  });

  it('valid chart templates with random cuts, insertions and duplications', { timeout }, () => {
    const sources = fixtureTemplates();
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.array(mutation, { minLength: 1, maxLength: 6 }), (source, mutations) => {
        expectHandled(renderTemplate(`{{ define "app.fullname" }}fz-app{{ end }}{{ define "app.name" }}app{{ end }}{{ define "app.labels" }}a: b{{ end }}\n${mutate(source, mutations)}`));
      }),
      settings,
    );
  });

  it('random values files and --set entries', { timeout }, () => {
    const valuesText = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom(VALUES).chain((v) => fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => mutate(v, ms))),
    );
    const setEntry = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('a=1', 'm.x=', 'l[0]=x', 'l[99999]=x', 'a.b.c={1,2}', 'x\\,y=1', 'q[0].r=s', '=', 'a[=1'));
    fc.assert(
      fc.property(valuesText, fc.array(setEntry, { maxLength: 3 }), (values, set) => {
        expectHandled(renderTemplate('{{ toYaml .Values }}\n{{ .Values.a | default 0 }}', values, set));
      }),
      settings,
    );
  });

  it('the YAML decoder and --set parser throw only their own errors', { timeout }, () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (input) => {
        try {
          decodeYaml(input, { positions: true });
        } catch (e) {
          expect(e).toBeInstanceOf(YamlError);
        }
        try {
          parseInto(input, newMap(), false);
        } catch (e) {
          expect(e).toBeInstanceOf(StrvalsError);
        }
      }),
      settings,
    );
  });
});
