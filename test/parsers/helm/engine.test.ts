import { describe, expect, it } from 'vitest';
import { err, out } from './chart-fixture.js';

const VALUES = `a: 1
f: 1.5
big: 1000000
s: str
m: {b: 2, a: 1, c: 3}
l: [1, "two", 3.5]
missingParent: null
`;

describe('Go text/template semantics', () => {
  it('trims whitespace around {{- and -}} markers, including newlines', () => {
    expect(out('a  \n  {{- "x" -}}  \n  b')).toBe('axb');
    expect(out('a {{- /* comment */ -}} b')).toBe('ab');
    expect(out('a {{ "-3" }} b')).toBe('a -3 b');
    expect(out('{{ 3 -}}\n\n{{- 4 }}')).toBe('34');
  });

  it('scopes variables to their block, $ to the root, and = assigns the outer variable', () => {
    expect(out('{{ $x := 1 }}{{ range list 1 2 }}{{ $x = . }}{{ end }}{{ $x }}')).toBe('2');
    expect(out('{{ $x := "outer" }}{{ with "inner" }}{{ $x := . }}{{ $x }}{{ end }}-{{ $x }}')).toBe('inner-outer');
    expect(out('{{ range list 1 }}{{ $.Values.s }}{{ end }}', VALUES)).toBe('str');
    expect(err('{{ with 1 }}{{ $y := 2 }}{{ end }}{{ $y }}')).toBe('parse error at (t/templates/t.yaml:1): undefined variable "$y"');
  });

  it('ranges over maps in sorted key order and over lists with index and value', () => {
    expect(out('{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}', VALUES)).toBe('a=1;b=2;c=3;');
    expect(out('{{ range $i, $v := .Values.l }}{{ $i }}:{{ $v }} {{ end }}', VALUES)).toBe('0:1 1:two 2:3.5 ');
    expect(out('{{ range .Values.nothing }}x{{ else }}empty{{ end }}', VALUES)).toBe('empty');
  });

  it('supports break and continue inside range (Go 1.18)', () => {
    expect(out('{{ range $i := until 10 }}{{ if eq $i 2 }}{{ continue }}{{ end }}{{ if eq $i 5 }}{{ break }}{{ end }}{{ $i }}{{ end }}')).toBe('0134');
    expect(err('{{ break }}')).toBe('parse error at (t/templates/t.yaml:1): {{break}} outside {{range}}');
  });

  it('chains if / else if / else and with / else', () => {
    const t = '{{ if eq .Values.a 2.0 }}two{{ else if eq .Values.a 1.0 }}one{{ else }}other{{ end }}';
    expect(out(t, VALUES)).toBe('one');
    expect(out('{{ with .Values.m.b }}[{{ . }}]{{ else }}none{{ end }}{{ with .Values.zzz }}x{{ else }}none{{ end }}', VALUES)).toBe('[2]none');
  });

  it('and/or return the deciding value and short-circuit', () => {
    expect(out('{{ and 1 0 "x" }}|{{ and 1 "x" }}|{{ or 0 "" "y" }}|{{ or 0 "" }}')).toBe('0|x|y|');
    expect(out('{{ or true (fail "not evaluated") }}')).toBe('true');
  });

  it('prints values the way fmt does', () => {
    expect(out('{{ .Values.a }} {{ .Values.f }} {{ .Values.big }} {{ .Values.m }} {{ .Values.l }} {{ list 1 nil }}', VALUES)).toBe(
      '1 1.5 1e+06 map[a:1 b:2 c:3] [1 two 3.5] [1 <nil>]',
    );
    expect(out('{{ 1e6 }} {{ 100000 }} {{ 0.00001 }} {{ 123456789.0 }} {{ -0.0 }} {{ 1.0 }}')).toBe('1e+06 100000 1e-05 1.23456789e+08 -0 1');
  });

  it('implements printf verbs, flags and Go error markers', () => {
    expect(out('{{ printf "%s|%d|%v|%q|%t|%x|%X|%o|%05d|%-6s|%6s|%+d|%.2f|%8.3f|%e|%g" "s" 42 .Values.m "q\\t" true 255 255 8 -42 "ab" "ab" 5 3.14159 2.5 1234.5678 0.000012 }}', VALUES)).toBe(
      's|42|map[a:1 b:2 c:3]|"q\\t"|true|ff|FF|10|-0042|ab    |    ab|+5|3.14|   2.500|1.234568e+03|1.2e-05',
    );
    expect(out('{{ printf "%d" .Values.a }}', VALUES)).toBe('%!d(float64=1)');
    expect(out('{{ printf "%s %d" "only" }} {{ printf "%d" 1 2 }} {{ printf "%z" 1 }}')).toBe('only %!d(MISSING) 1%!(EXTRA int=2) %!z(int=1)');
    expect(out('{{ printf "%.0f %.0f %.0f" 0.5 1.5 2.5 }}')).toBe('0 2 2');
    expect(out('{{ print 1 2 "a" 3 nil }}|{{ println "a" 1 }}|')).toBe('1 2a3 <nil>|a 1\n|');
  });

  it('compares with Go typing rules: int against float64 is an error, not false', () => {
    expect(out('{{ eq 1 1 }} {{ eq "a" "b" "a" }} {{ ne 1 2 }} {{ lt "a" "b" }} {{ ge 2.5 2.5 }} {{ eq .Values.a 1.0 }}', VALUES)).toBe('true true true true true true');
    expect(err('{{ eq .Values.a 1 }}', VALUES)).toBe(
      'template: t/templates/t.yaml:1:3: executing "t/templates/t.yaml" at <eq .Values.a 1>: error calling eq: incompatible types for comparison',
    );
    expect(err('{{ lt 1 1.5 }}')).toBe('template: t/templates/t.yaml:1:3: executing "t/templates/t.yaml" at <lt 1 1.5>: error calling lt: incompatible types for comparison');
    expect(err('{{ lt true false }}')).toBe('template: t/templates/t.yaml:1:3: executing "t/templates/t.yaml" at <lt true false>: error calling lt: invalid type for comparison');
    expect(out('{{ eq .Values.nothing "x" }}', VALUES)).toBe('false');
  });

  it('treats missing keys as Helm does: empty output, but nil pointer errors one level down', () => {
    expect(out('[{{ .Values.nothing }}]', VALUES)).toBe('[]');
    expect(out('[{{ (.Values.nothing).deeper }}]{{ $x := .Values.nothing }}[{{ $x.deeper }}]', VALUES)).toBe('[][]');
    expect(err('{{ .Values.nothing.deeper }}', VALUES)).toBe(
      'template: t/templates/t.yaml:1:10: executing "t/templates/t.yaml" at <.Values.nothing.deeper>: nil pointer evaluating interface {}.deeper',
    );
    expect(err('{{ .Values.s.deeper }}', VALUES)).toBe(
      'template: t/templates/t.yaml:1:10: executing "t/templates/t.yaml" at <.Values.s.deeper>: can\'t evaluate field deeper in type interface {}',
    );
    expect(err('{{ upper .Values.nothing }}', VALUES)).toBe(
      'template: t/templates/t.yaml:1:16: executing "t/templates/t.yaml" at <.Values.nothing>: wrong type for value; expected string; got interface {}',
    );
    expect(err('{{ .Values.nothing | upper }}', VALUES)).toBe(
      'template: t/templates/t.yaml:1:21: executing "t/templates/t.yaml" at <upper>: invalid value; expected string',
    );
  });

  it('defines, invokes and overrides named templates', () => {
    expect(out('{{ define "x" }}[{{ . }}]{{ end }}{{ template "x" "arg" }}{{ include "x" 42 | upper }}{{ block "b" . }}default{{ end }}')).toBe('[arg][42]default');
    expect(err('{{ define "x" }}a{{ end }}{{ define "x" }}b{{ end }}')).toBe('parse error at (t/templates/t.yaml:1): multiple definition of template "x"');
    expect(err('{{ template "nope" . }}')).toBe('template: t/templates/t.yaml:1:12: executing "t/templates/t.yaml" at <{{template "nope" .}}>: template "nope" not defined');
  });

  it('stops unbounded include recursion with Helm\'s error', () => {
    expect(err('{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}')).toMatch(/error calling include: rendering template has a nested reference name: r: unable to execute template$/);
  });

  it('reports fail and required the way Helm cleans them up', () => {
    expect(err('x\n  {{ fail "boom" }}')).toBe('execution error at (t/templates/t.yaml:2:5): boom');
    expect(err('{{ required "image.tag is required" .Values.image }}', VALUES)).toBe('execution error at (t/templates/t.yaml:1:3): image.tag is required');
    expect(err('{{ required "x" "" }}')).toBe('execution error at (t/templates/t.yaml:1:3): x');
    expect(out('{{ required "x" 0 }}')).toBe('0');
  });

  it('does not offer env or expandenv', () => {
    expect(err('{{ env "HOME" }}')).toBe('parse error at (t/templates/t.yaml:1): function "env" not defined');
    expect(err('{{ expandenv "$HOME" }}')).toBe('parse error at (t/templates/t.yaml:1): function "expandenv" not defined');
  });

  it('parses numbers like Go: ints, floats, runes, hex, overflow', () => {
    expect(out("{{ 0x1F }} {{ 0o17 }} {{ 1_000 }} {{ 'a' }} {{ typeOf 1.0 }} {{ typeOf 1 }}")).toBe('31 15 1000 97 float64 int');
    expect(err('{{ 12345678901234567890 }}')).toBe(
      'template: t/templates/t.yaml:1:3: executing "t/templates/t.yaml" at <12345678901234567890>: 12345678901234567890 overflows int',
    );
  });

  it('names the file, line and column of parse errors', () => {
    expect(err('ok\n{{ if }}{{ end }}')).toBe('parse error at (t/templates/t.yaml:2): missing value for if');
    expect(err('{{ "unterminated }}')).toBe('parse error at (t/templates/t.yaml:1): unterminated quoted string');
    expect(err('{{ range $a, $b, $c := list }}{{ end }}')).toBe('parse error at (t/templates/t.yaml:1): too many declarations in range');
  });
});
