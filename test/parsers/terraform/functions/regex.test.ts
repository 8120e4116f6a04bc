import { describe } from 'vitest';
import type { Case } from './cases.js';
import { runCases } from './cases.js';

// Expected values and messages were produced by `terraform console` (Terraform 1.11).
const regex: Case[] = [
  ["regex", ["[a-z]+","123"], { error: "regex: pattern did not match any part of the given string" }],
  ["regex", ["(\\d+)-(\\d+)","a 12-34 b"], { value: ["12","34"] }],
  ["regex", ["(?P<a>\\d+)-(?P<b>\\d+)","a 12-34 b"], { value: {"a":"12","b":"34"} }],
  ["regex", ["\\d+","a 12-34 b"], { value: "12" }],
  ["regex", ["(?P<a>x)(y)","xy"], { error: "regex: invalid value for \"pattern\" parameter: invalid regexp pattern: cannot mix both named and unnamed capture groups" }],
  ["regex", ["(x)?(y)","y"], { value: [null,"y"] }],
  ["regex", ["^(?i)hello$","HeLLo"], { value: "HeLLo" }],
  ["regex", ["(?i)hello","HELLO"], { value: "HELLO" }],
  ["regex", ["(?s)a.b","a\nb"], { value: "a\nb" }],
  ["regex", ["a.b","a\rb"], { value: "a\rb" }],
  ["regex", ["a.b","a\nb"], { error: "regex: pattern did not match any part of the given string" }],
  ["regex", ["(?m)^b$","a\nb\nc"], { value: "b" }],
  ["regex", ["^b$","a\nb\nc"], { error: "regex: pattern did not match any part of the given string" }],
  ["regex", ["\\Aab\\z","ab"], { value: "ab" }],
  ["regex", ["[[:alpha:]]+","12ab34"], { value: "ab" }],
  ["regex", ["[^[:digit:]]+","12ab34"], { value: "ab" }],
  ["regex", ["\\pL+","12éa34"], { value: "éa" }],
  ["regex", ["\\p{Greek}+","abcαβγ"], { value: "αβγ" }],
  ["regex", ["a{2,3}","aaaa"], { value: "aaa" }],
  ["regex", ["a{,3}","a{,3}"], { value: "a{,3}" }],
  ["regex", ["\\Q.*\\E","x.*y"], { value: ".*" }],
  ["regex", ["(?U)a+","aaa"], { value: "a" }],
  ["regex", ["(?U)a+?","aaa"], { value: "aaa" }],
  ["regex", ["\\x41\\x{42}","AB"], { value: "AB" }],
  ["regex", ["\\101","A"], { value: "A" }],
  ["regex", ["(?=a)","a"], { error: "regex: invalid value for \"pattern\" parameter: invalid regexp pattern: invalid or unsupported Perl syntax in (?=" }],
  ["regex", ["(a","a"], { error: "regex: invalid value for \"pattern\" parameter: invalid regexp pattern: missing closing ) in (a" }],
  ["regex", ["a)","a"], { error: "regex: invalid value for \"pattern\" parameter: invalid regexp pattern: unexpected ) in a)" }],
  ["regex", ["\\1","a"], { error: "regex: invalid value for \"pattern\" parameter: invalid regexp pattern: invalid escape sequence in \\1" }],
  ["regex", ["a**","a"], { error: "regex: invalid value for \"pattern\" parameter: invalid regexp pattern: invalid nested repetition operator in **" }],
  ["regex", ["\\s+","a  b"], { value: " " }],
  ["regex", ["x(?i:AB)y","xaby"], { value: "xaby" }],
  ["regex", ["[\\d\\s]+","a1 2b"], { value: "1 2" }],
  ["regex", ["[^\\S]","a b"], { value: " " }],
  ["regex", ["a{1001}","a"], { error: "regex: invalid value for \"pattern\" parameter: invalid regexp pattern: invalid repeat count in {1001}" }],
  ["regex", ["\\\"quoted\\\"","say \"quoted\""], { value: "\"quoted\"" }],
  ["regex", ["(?P<year>\\d{4})-(?P<month>\\d{2})","on 2024-03-05"], { value: {"month":"03","year":"2024"} }],
  ["regex", ["\\bfoo\\b","a foo b"], { value: "foo" }],
  ["regex", ["é+","ééé"], { value: "ééé" }],
  ["regexall", ["\\d+","a 12-34 b"], { value: ["12","34"] }],
  ["regexall", ["(\\d)(\\d)","12 34"], { value: [["1","2"],["3","4"]] }],
  ["regexall", ["a*","baaa"], { value: ["","aaa"] }],
  ["regexall", ["x","abc"], { value: [] }],
  ["regexall", ["","aé"], { value: ["","",""] }],
  ["regexall", ["(?P<k>\\w+)=(?P<v>\\w+)","a=1 b=2"], { value: [{"k":"a","v":"1"},{"k":"b","v":"2"}] }],
  ["regexall", ["[a-z]+","abc def"], { value: ["abc","def"] }],
];

describe('regex, regexall', () => {
  runCases(regex);
});
