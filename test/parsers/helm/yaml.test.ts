import { describe, expect, it } from 'vitest';
import { decodeYaml, YamlError } from '../../../src/parsers/helm/yaml/decode.js';
import { err, out } from './chart-fixture.js';

/** Expected bytes below were produced by helm 3.10.1 (`helm template --debug`) from the same input. */
const TRICKY_VALUES = `doc:
  bools: ["yes", "on", "off", "no", "y", "n", "true", "True", "NULL", "~", ""]
  numbers: ["1.0", "1e3", "0x1F", "0777", "08", "1_000", ".5", "+1", "-0", ".inf", "1:20", "2021-01-01"]
  multi: "line1\\nline2\\n"
  multiNoTrail: "line1\\nline2"
  multiLead: "  indented\\nnext\\n"
  spaces: [" lead", "trail ", "in side"]
  special: ["a: b", "#x", "x #y", "- x", "@x", "\`x", "*x", "&x", "!x", "%x", "{x}", "[x]", "'q'", "\\"dq\\"", "x,y", "?x", "|x", ">x", "a\\\\b"]
  control: ["tab\\there", "bell\\u0007", "é", "emoji😀", "\\u00a0x"]
  emptyMap: {}
  emptyList: []
  nested: {inner: {}, list: [[], {}], "key with space": 1, "1": one, "true": t}
  numbersReal: [1, 1.5, 1000000, -3, 0.000001, 123456789012]
  long: "this is a very long string that goes on and on and on and on past the eighty column limit for sure"
  "null": null
`;

const TRICKY_YAML = `bools:
- "yes"
- "on"
- "off"
- "no"
- "y"
- "n"
- "true"
- "True"
- "NULL"
- "~"
- ""
control:
- "tab\\there"
- "bell\\a"
- é
- "emoji\\U0001F600"
- \u00a0x
emptyList: []
emptyMap: {}
long: this is a very long string that goes on and on and on and on past the eighty
  column limit for sure
multi: |
  line1
  line2
multiLead: |2
    indented
  next
multiNoTrail: |-
  line1
  line2
nested:
  "1": one
  inner: {}
  key with space: 1
  list:
  - []
  - {}
  "true": t
"null": null
numbers:
- "1.0"
- "1e3"
- "0x1F"
- "0777"
- "08"
- "1_000"
- ".5"
- "+1"
- "-0"
- ".inf"
- "1:20"
- "2021-01-01"
numbersReal:
- 1
- 1.5
- 1000000
- -3
- 1e-06
- 123456789012
spaces:
- ' lead'
- 'trail '
- in side
special:
- 'a: b'
- '#x'
- 'x #y'
- '- x'
- '@x'
- '\`x'
- '*x'
- '&x'
- '!x'
- '%x'
- '{x}'
- '[x]'
- '''q'''
- '"dq"'
- x,y
- ?x
- '|x'
- '>x'
- a\\b`;

describe('toYaml is byte-identical to helm (sigs.k8s.io/yaml over go-yaml v2)', () => {
  it('quotes YAML 1.1 booleans, number-like strings and indicators; keeps keys sorted; folds at 80 columns; trims the final newline', () => {
    expect(out('{{ toYaml .Values.doc }}', TRICKY_VALUES)).toBe(TRICKY_YAML);
  });

  it('prints scalars, empty collections and block scalars the way go-yaml v2 does', () => {
    const t =
      '{{ toYaml (dict) }}|{{ toYaml (list) }}|{{ toYaml "yes" }}|{{ toYaml nil }}|{{ toYaml "" }}|{{ toYaml 1.5 }}|{{ toYaml 100000000 }}|' +
      '{{ toYaml "multi\\nline" }}|{{ toYaml (list "a" (dict "k" (list))) }}|{{ toYaml "  lead\\ntext" }}|{{ toYaml (dict "1.0" "1.0" "on" "off" "key: x" "a#b") }}';
    expect(out(t)).toBe('{}|[]|"yes"|null|""|1.5|100000000||-\n  multi\n  line|- a\n- k: []||2-\n    lead\n  text|"1.0": "1.0"\n\'key: x\': a#b\n"on": "off"');
  });

  it('round-trips through fromYaml with YAML 1.1 number forms, and toJson escapes HTML like encoding/json', () => {
    expect(out('{{ toYaml (fromYaml "k: 0777\\nv: 1e3\\nw: 012") }}')).toBe('k: 511\nv: 1000\nw: 10');
    expect(out('{{ toJson (dict "b" 1 "a" (list "<x>" "&")) }}')).toBe('{"a":["\\u003cx\\u003e","\\u0026"],"b":1}');
  });

  it('nindent/indent of toYaml keeps block scalars intact', () => {
    expect(out('spec:\n  {{- toYaml .Values | nindent 2 }}', 'script: "#!/bin/sh\\necho hi\\n"\nport: 80\n')).toBe('spec:\n  port: 80\n  script: |\n    #!/bin/sh\n    echo hi');
  });
});

describe('YAML decoding as Helm reads values', () => {
  it('turns every number into float64 and resolves YAML 1.1 scalars (0o17 is octal: yaml.v2 uses strconv.ParseInt base 0)', () => {
    expect(out('{{ typeOf .Values.i }} {{ typeOf .Values.f }} {{ .Values.o }} {{ .Values.b }} {{ typeOf .Values.s }}', 'i: 3\nf: 1.5\no: 0o17\nb: on\ns: 2021-01-01\n')).toBe('float64 float64 15 true string');
  });

  it('rejects a null key with the sigs.k8s.io/yaml message', () => {
    expect(err('{{ .Values }}', 'a:\n  ~: {x: [1, "s", 1.5, true]}\n')).toBe(
      'cannot load values.yaml: error converting YAML to JSON: Unsupported map key of type: %!s(<nil>), key: <nil>, value: map[interface {}]interface {}{"x":[]interface {}{1, "s", 1.5, true}}',
    );
  });

  it('reports syntax errors with the line', () => {
    let caught: unknown;
    try {
      decodeYaml('a: 1\nb: [\n');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(YamlError);
    expect((caught as YamlError).message).toMatch(/^yaml: line \d+: /);
    expect((caught as YamlError).line).toBeGreaterThanOrEqual(2);
  });
});
