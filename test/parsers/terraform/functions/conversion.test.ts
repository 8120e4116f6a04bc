import { describe } from 'vitest';
import type { Case } from './cases.js';
import { runCases } from './cases.js';

// Expected values and messages were produced by `terraform console` (Terraform 1.11).
const conversion: Case[] = [
  ["tobool", ["true"], { value: true }],
  ["tobool", ["1"], { value: true }],
  ["tobool", ["0"], { value: false }],
  ["tobool", ["TRUE"], { error: "tobool: invalid value for \"v\" parameter: cannot convert \"TRUE\" to bool; only the strings \"true\" or \"false\" are allowed" }],
  ["tobool", [1], { error: "tobool: invalid value for \"v\" parameter: cannot convert number to bool" }],
  ["tobool", [null], { value: null }],
  ["tobool", [false], { value: false }],
  ["tonumber", ["12"], { value: 12 }],
  ["tonumber", ["0x10"], { error: "tonumber: invalid value for \"v\" parameter: cannot convert \"0x10\" to number; given string must be a decimal representation of a number" }],
  ["tonumber", [" 12"], { error: "tonumber: invalid value for \"v\" parameter: cannot convert \" 12\" to number; given string must be a decimal representation of a number" }],
  ["tonumber", ["1e3"], { value: 1000 }],
  ["tonumber", [".5"], { value: 0.5 }],
  ["tonumber", ["+5"], { value: 5 }],
  ["tonumber", [true], { error: "tonumber: invalid value for \"v\" parameter: cannot convert bool to number" }],
  ["tonumber", [""], { error: "tonumber: invalid value for \"v\" parameter: cannot convert \"\" to number; given string must be a decimal representation of a number" }],
  ["tonumber", ["1."], { value: 1 }],
  ["tonumber", ["NaN"], { error: "tonumber: invalid value for \"v\" parameter: cannot convert \"NaN\" to number; given string must be a decimal representation of a number" }],
  ["tonumber", [null], { value: null }],
  ["tostring", [1.5], { value: "1.5" }],
  ["tostring", [true], { value: "true" }],
  ["tostring", [[1]], { error: "tostring: invalid value for \"v\" parameter: cannot convert tuple to string" }],
  ["tostring", ["x"], { value: "x" }],
  ["tostring", [null], { value: null }],
  ["tostring", [1e-7], { value: "0.0000001" }],
  ["tostring", [1e+30], { value: "1000000000000000000000000000000" }],
  ["tostring", [{"a":1}], { error: "tostring: invalid value for \"v\" parameter: cannot convert object to string" }],
  ["tolist", [[1,true]], { error: "tolist: invalid value for \"v\" parameter: cannot convert tuple to list of any single type" }],
  ["tolist", [["a",1,true]], { value: ["a","1","true"] }],
  ["tolist", [[{"a":1},{"b":"x"}]], { value: [{"a":"1"},{"b":"x"}] }],
  ["tolist", [[{"a":1},{"a":"x"}]], { value: [{"a":"1"},{"a":"x"}] }],
  ["tolist", [[[1],[1,"a"]]], { value: [["1"],["1","a"]] }],
  ["tolist", [[[1],{"a":1}]], { error: "tolist: invalid value for \"v\" parameter: cannot convert tuple to list of any single type" }],
  ["tolist", [["a",null]], { value: ["a",null] }],
  ["tolist", ["x"], { error: "tolist: invalid value for \"v\" parameter: cannot convert string to list of any single type" }],
  ["tolist", [{"a":1}], { error: "tolist: invalid value for \"v\" parameter: cannot convert object to list of any single type" }],
  ["tolist", [[]], { value: [] }],
  ["tolist", [[{"a":1},{"a":1,"b":2}]], { value: [{"a":1},{"a":1,"b":2}] }],
  ["toset", [[1,2,1]], { value: [1,2] }],
  ["toset", [["b","a",10,9]], { value: ["10","9","a","b"] }],
  ["toset", [[true,false,true]], { value: [false,true] }],
  ["toset", [["c","b","c"]], { value: ["b","c"] }],
  ["tomap", [{"a":1,"b":"x"}], { value: {"a":"1","b":"x"} }],
  ["tomap", [{"a":1,"b":true}], { error: "tomap: invalid value for \"v\" parameter: cannot convert object to map of any single type" }],
  ["tomap", [{"a":{"x":1},"b":{"y":"s"}}], { value: {"a":{"x":"1"},"b":{"y":"s"}} }],
  ["tomap", [[1]], { error: "tomap: invalid value for \"v\" parameter: cannot convert tuple to map of any single type" }],
  ["tomap", [{}], { value: {} }],
  ["tomap", [{"a":[1],"b":[2,3]}], { value: {"a":[1],"b":[2,3]} }],
];

describe('type conversion functions', () => {
  runCases(conversion);
});
