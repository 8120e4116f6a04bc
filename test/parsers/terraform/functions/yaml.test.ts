import { describe } from 'vitest';
import type { Case } from './cases.js';
import { runCases } from './cases.js';

// Expected values and messages were produced by `terraform console` (Terraform 1.11).
const yaml: Case[] = [
  ["yamldecode", ["a: 1\nb: [x, 2.5, true, null, ~, yes, 0x10, 1e3, 010, 0o10]\nc: !!str 5\nd: 2001-12-14"], { value: {"a":1,"b":["x",2.5,true,null,null,true,16,1000,10,8],"c":"5","d":"2001-12-14T00:00:00Z"} }],
  ["yamldecode", ["{}"], { value: {} }],
  ["yamldecode", [""], { error: "yamldecode: on line 1, column 1: missing start of document" }],
  ["yamldecode", ["a: 1\n---\nb: 2"], { error: "yamldecode: on line 1, column 1: unexpected extra content after value" }],
  ["yamldecode", ["a: &x 1\nb: *x"], { value: {"a":1,"b":1} }],
  ["yamldecode", ["a: 1\na: 2"], { value: {"a":2} }],
  ["yamldecode", ["? [1]\n: 2"], { error: "yamldecode: only strings are allowed as mapping keys" }],
  ["yamldecode", ["a: .inf\nb: -.Inf\nc: .nan"], { error: "yamldecode: on line 2, column 4: floating point NaN is not supported" }],
  ["yamldecode", ["1: a"], { value: {"1":"a"} }],
  ["yamldecode", ["true: x"], { value: {"true":"x"} }],
  ["yamldecode", ["a: !!int \"5\"\nb: !!float 1\nd: !foo x"], { error: "yamldecode: on line 2, column 4: unsupported tag \"!foo\"" }],
  ["yamldecode", ["base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3"], { value: {"base":{"true":2,"x":1},"d":{"true":3,"x":1}} }],
  ["yamldecode", ["a: 2001-12-14t21:59:43.10-05:00\nb: 1_000\nc: +.5\nd: -0b11\ne: 0b101\nf: \"1\"\ng: 2001-12-14 21:59:43.10"], { value: {"a":"2001-12-14T21:59:43-05:00","b":"1_000","c":0.5,"d":"-0b11","e":"0b101","f":"1","g":"2001-12-14T21:59:43Z"} }],
  ["yamldecode", ["# just a comment"], { error: "yamldecode: on line 1, column 1: missing start of document" }],
  ["yamldecode", ["---"], { value: null }],
  ["yamldecode", ["- |\n  lit\n  x\n- >\n  folded\n  text\n"], { value: ["lit\nx\n","folded text\n"] }],
  ["yamldecode", ["a: \"x\\ty\"\nb: 'q''s'"], { value: {"a":"x\ty","b":"q's"} }],
  ["yamldecode", ["x"], { value: "x" }],
  ["yamldecode", ["\"5\""], { value: "5" }],
  ["yamldecode", ["5"], { value: 5 }],
  ["yamldecode", ["- 1.0\n- -3\n- 0.1"], { value: [1,-3,0.1] }],
  ["yamldecode", ["a: !!int x"], { error: "yamldecode: cannot parse \"x\" as tag:yaml.org,2002:int" }],
  ["yamldecode", ["a: !!bool yes\nb: !!null ~\nc: !!timestamp 2020-01-02"], { value: {"a":true,"b":null,"c":"2020-01-02T00:00:00Z"} }],
  ["yamldecode", ["b: !!binary aGk="], { value: {"b":"aGk="} }],
  ["yamldecode", ["x: !!int 0x1F\ny: !!float \"2.5\"\nz: !!str true"], { value: {"true":"2.5","x":31,"z":"true"} }],
  ["yamldecode", ["a: !!map {x: 1}\nb: !!seq [1]"], { value: {"a":{"x":1},"b":[1]} }],
  ["yamldecode", ["hello: world\nlist: [a, b]"], { value: {"hello":"world","list":["a","b"]} }],
  ["yamlencode", [{"a":1,"b":["x",true,null],"c":{"d":"multi\nline"},"e":"","f":"true","g":1.5,"h":"123","i":{},"j":[],"k":"a: b","l":"#x","m":1e+21,"n":"null","o":"~","p":"0x10","q":"  lead","r":"tab\there","s":"ü"}], { value: "\"a\": 1\n\"b\":\n- \"x\"\n- true\n- null\n\"c\":\n  \"d\": |-\n    multi\n    line\n\"e\": \"\"\n\"f\": \"true\"\n\"g\": 1.5\n\"h\": \"123\"\n\"i\": {}\n\"j\": []\n\"k\": \"a: b\"\n\"l\": \"#x\"\n\"m\": 1000000000000000000000\n\"n\": \"null\"\n\"o\": \"~\"\n\"p\": \"0x10\"\n\"q\": \"  lead\"\n\"r\": \"tab\\there\"\n\"s\": \"ü\"\n" }],
  ["yamlencode", ["x"], { value: "\"x\"\n" }],
  ["yamlencode", [[[1,2],[{"a":1}]]], { value: "- - 1\n  - 2\n- - \"a\": 1\n" }],
  ["yamlencode", [{"long":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb cccccccccccccccccccccccccccc"}], { value: "\"long\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n  cccccccccccccccccccccccccccc\"\n" }],
  ["yamlencode", ["a\n"], { value: "|\n  a\n" }],
  ["yamlencode", ["a\n\n"], { value: "|+\n  a\n\n" }],
  ["yamlencode", [{"a":"x\ny","b":[" lead\nx"],"c":"trail \nx","d":"tab\tx\ny","e":"\n"}], { value: "\"a\": |-\n  x\n  y\n\"b\":\n- |2-\n   lead\n  x\n\"c\": \"trail \\nx\"\n\"d\": \"tab\\tx\\ny\"\n\"e\": |2+\n\n" }],
  ["yamlencode", [{"a b":1,"é":2,"k\nx":3}], { value: "\"a b\": 1\n? |-\n  k\n  x\n: 3\n\"é\": 2\n" }],
  ["yamlencode", [["x",{"a":[1,{"b":2}],"c":{}},[],[[]]]], { value: "- \"x\"\n- \"a\":\n  - 1\n  - \"b\": 2\n  \"c\": {}\n- []\n- - []\n" }],
  ["yamlencode", [null], { value: "null\n...\n" }],
  ["yamlencode", [1.5], { value: "1.5\n...\n" }],
  ["yamlencode", [{}], { value: "{}\n" }],
  ["yamlencode", [{"e":"\n","f":"a\n\n\nb\n\n","g":""}], { value: "\"e\": |2+\n\n\"f\": |+\n  a\n\n\n  b\n\n\"g\": \"\"\n" }],
  ["yamlencode", [true], { value: "true\n...\n" }],
  ["yamlencode", ["x\ny"], { value: "|-\n  x\n  y\n" }],
  ["yamlencode", [["a\n"]], { value: "- |\n  a\n" }],
  ["yamlencode", [{"k":["a\n\n"],"z":1}], { value: "\"k\":\n- |+\n  a\n\n\"z\": 1\n" }],
  ["yamlencode", [[{"a":"\n"}]], { value: "- \"a\": |2+\n\n" }],
  ["yamlencode", [{"x":[[1,"a\n\n"]]}], { value: "\"x\":\n- - 1\n  - |+\n    a\n\n" }],
  ["yamlencode", ["é  ﻿\u0001"], { value: "\"é\\N \\L\\uFEFF\\x01\"\n" }],
  ["yamlencode", [{"a":"x \n y"}], { value: "\"a\": \"x \\n y\"\n" }],
  ["yamlencode", [{"a":" "}], { value: "\"a\": \" \"\n" }],
  ["yamlencode", [{"a":"a\r\nb"}], { value: "\"a\": \"a\\r\\nb\"\n" }],
  ["yamlencode", [["😀","a😀\nb","x y"]], { value: "- \"\\U0001F600\"\n- \"a\\U0001F600\\nb\"\n- \"x\\Ly\"\n" }],
  ["yamlencode", [{"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk":1}], { value: "? \"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\"\n: 1\n" }],
  ["yamlencode", [{"a":{"b":{"c":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb ccc"}}}], { value: "\"a\":\n  \"b\":\n    \"c\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n      \\ bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb ccc\"\n" }],
  ["yamlencode", [[1e+21,-1.5]], { value: "- 1000000000000000000000\n- -1.5\n" }],
  ["yamlencode", [[[{"a":1,"b":[2]}]]], { value: "- - \"a\": 1\n    \"b\":\n    - 2\n" }],
  ["yamlencode", [{"m":{"n":[{"o":"p\nq","r":[]},"x"]}}], { value: "\"m\":\n  \"n\":\n  - \"o\": |-\n      p\n      q\n    \"r\": []\n  - \"x\"\n" }],
  ["yamlencode", [["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc d"]], { value: "- \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n  b cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n  d\"\n" }],
  ["yamlencode", ["\"quoted\" \\ back"], { value: "\"\\\"quoted\\\" \\\\ back\"\n" }],
];

describe('yamldecode and yamlencode', () => {
  runCases(yaml);
});
