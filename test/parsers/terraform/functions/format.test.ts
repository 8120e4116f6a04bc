import { describe } from 'vitest';
import type { Case } from './cases.js';
import { runCases } from './cases.js';

// Expected values and messages were produced by `terraform console` (Terraform 1.11).
const format: Case[] = [
  ["format", ["Hello, %s!","Ander"], { value: "Hello, Ander!" }],
  ["format", ["There are %d lights",4], { value: "There are 4 lights" }],
  ["format", ["%5.2f|%x|%q|%v|%v|%t|%05d|%+d|% d|%-5s|%e|%g|%.3s|%b|%o|%X|%#v",3.14159,255,"a\"b",[1,2],true,"true",-42,5,5,"ab",1234.5,1e+21,"abcdef",5,8,255,"x"], { value: " 3.14|ff|\"a\\\"b\"|[1,2]|true|true|-0042|+5| 5|ab   |1.234500e+03|1e+21|abc|101|10|FF|\"x\"" }],
  ["format", ["%[2]s %s","a","b","c"], { value: "b c" }],
  ["format", ["%d",1.5], { error: "format: unsupported value for \"%d\" at 0: an integer is required" }],
  ["format", ["%s",[1]], { error: "format: unsupported value for \"%s\" at 0: string required" }],
  ["format", ["%s",true], { value: "true" }],
  ["format", ["%d","12"], { value: "12" }],
  ["format", ["%y",1], { error: "format: unsupported format verb 'y' in \"%y\" at offset 0" }],
  ["format", ["%",1], { error: "format: invalid format string starting at offset 1" }],
  ["format", ["%.f",1.5], { value: "2" }],
  ["format", ["%.1f|%.2f|%.0f|%.0f",2.25,0.125,0.5,1.5], { value: "2.2|0.12|0|2" }],
  ["format", ["%10.3e|%G|%g|%g|%g",1234.5,1e-10,100000,1000000,0.0001], { value: " 1.234e+03|1E-10|100000|1e+06|0.0001" }],
  ["format", ["%v|%v|%v",1e+21,0.1,123456789], { value: "1e+21|0.1|1.23456789e+08" }],
  ["format", ["%5v|%-6v|%06.2f|%+.1f|%8.3f","x",1,3.14159,2.25,-1.5], { value: "    x|1     |003.14|+2.2|  -1.500" }],
  ["format", ["%.3s|%5.1s|%.0s|%-4.2s|","abcdef","xyz","abc","hello"], { value: "abc|    x|abc|he  |" }],
  ["format", ["%!",1], { error: "format: unrecognized format character '!' at offset 1" }],
  ["format", ["%*d",1], { error: "format: unrecognized format character '*' at offset 1" }],
  ["format", ["%%",1], { error: "format: invalid value for \"args\" parameter: too many arguments; no verbs in format string" }],
  ["format", ["%[0]d",1], { error: "format: unrecognized format character '0' at offset 2" }],
  ["format", ["%[3]d",1], { error: "format: not enough arguments for \"%[3]d\" at 0: need index 3 but have 1 total" }],
  ["format", ["%#x|%#o|%#b|%+.3d|%08.3d|%-8d|%x|% x",255,8,5,7,7,-3,-255,10], { value: "0xff|010|0b101|+007|     007|-3      |-ff| a" }],
  ["format", ["%q","<é\n "], { value: "\"\\u003cé\\n\\u2028\"" }],
  ["format", ["%#v|%v",{"b":1,"a":"x"},true], { value: "{\"a\":\"x\",\"b\":1}|true" }],
  ["format", ["%v",1e+100], { value: "1e+100" }],
  ["format", ["%f|%.3e|%E|%g|%.2g|%.0e",100000000000000000000,123456,0.000123,0.00001,1234,5], { value: "100000000000000000000.000000|1.235e+05|1.230000E-04|1e-05|1.2e+03|5e+00" }],
  ["format", ["%d",100000000000000000000], { value: "100000000000000000000" }],
  ["format", ["%08.2f|%-8.2f|%+08.2f|% f|%8.2e",-3.14159,3.14159,3.14159,2,12345.678], { value: "-0003.14|3.14    |+0003.14| 2.000000|1.23e+04" }],
  ["format", ["%é %d",1], { error: "format: unrecognized format character 'é' at offset 1" }],
  ["format", ["é%y",1], { error: "format: unsupported format verb 'y' in \"%y\" at offset 2" }],
  ["format", ["%d",1,2], { error: "format: invalid value for \"args\" parameter: too many arguments; only 1 used by format string" }],
  ["format", ["%5t|%-7t|",true,false], { value: "true|false|" }],
  ["format", ["%05s|%5q","ab","c"], { value: "000ab|  \"c\"" }],
  ["format", ["%6.2v",3.14159], { value: "3.14159" }],
  ["format", ["%t","x"], { error: "format: unsupported value for \"%t\" at 0: a bool is required" }],
  ["format", ["no verbs"], { value: "no verbs" }],
  ["format", ["%s %s","a"], { error: "format: not enough arguments for \"%s\" at 3: need index 2 but have 1 total" }],
  ["format", ["%v",{"list":[1,"a"]}], { value: "{\"list\":[1,\"a\"]}" }],
  ["format", ["%3s|%-3s|","é👍","ab"], { value: " é👍|ab |" }],
  ["formatlist", ["%s-%s",["a","b"],"x"], { value: ["a-x","b-x"] }],
  ["formatlist", ["%s-%s",["a","b"],["x"]], { error: "formatlist: invalid value for \"args\" parameter: argument 2 has length 1, which is inconsistent with argument 1 of length 2" }],
  ["formatlist", ["x"], { value: ["x"] }],
  ["formatlist", ["%s",[]], { value: [] }],
  ["formatlist", ["%s",["a"],"b"], { error: "formatlist: error on format iteration 0: too many arguments; only 1 used by format string" }],
  ["formatlist", ["%s=%d",["a","b"],[1,2]], { value: ["a=1","b=2"] }],
  ["formatlist", ["%d",["x"]], { error: "formatlist: error on format iteration 0: unsupported value for \"%d\" at 0: a number is required" }],
  ["formatlist", ["Hello, %s!",["Valentina","Ander","Olivia","Sam"]], { value: ["Hello, Valentina!","Hello, Ander!","Hello, Olivia!","Hello, Sam!"] }],
  ["formatlist", ["%s, %s!","Salutations",["Valentina","Ander"]], { value: ["Salutations, Valentina!","Salutations, Ander!"] }],
];

describe('format and formatlist', () => {
  runCases(format);
});
