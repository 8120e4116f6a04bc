import { describe } from 'vitest';
import type { Case } from './cases.js';
import { runCases } from './cases.js';

// Expected values and messages were produced by `terraform console` (Terraform 1.11).
const numeric: Case[] = [
  ["abs", [-5], { value: 5 }],
  ["abs", [3.5], { value: 3.5 }],
  ["ceil", [1.2], { value: 2 }],
  ["ceil", [-0.5], { value: 0 }],
  ["floor", [-1.2], { value: -2 }],
  ["floor", [5], { value: 5 }],
  ["log", [16,2], { value: 4 }],
  ["log", [100,10], { value: 2 }],
  ["max", [1,5,3], { value: 5 }],
  ["max", ["7",2], { value: 7 }],
  ["min", [4,-2], { value: -2 }],
  ["max", [], { error: "max: must pass at least one number" }],
  ["min", [[1]], { error: "min: invalid value for \"numbers\" parameter: number required" }],
  ["parseint", ["FF",16], { value: 255 }],
  ["parseint", ["-1010",2], { value: -10 }],
  ["parseint", ["zz",36], { value: 1295 }],
  ["parseint", ["Zz",62], { value: 3817 }],
  ["parseint", ["+7f",16], { value: 127 }],
  ["parseint", ["12x",10], { error: "parseint: invalid value for \"number\" parameter: cannot parse \"12x\" as a base 10 integer" }],
  ["parseint", ["",10], { error: "parseint: invalid value for \"number\" parameter: cannot parse \"\" as a base 10 integer" }],
  ["parseint", ["1_0",10], { error: "parseint: invalid value for \"number\" parameter: cannot parse \"1_0\" as a base 10 integer" }],
  ["parseint", ["F",1], { error: "parseint: invalid value for \"base\" parameter: base must be a whole number between 2 and 62 inclusive" }],
  ["parseint", ["F",63], { error: "parseint: invalid value for \"base\" parameter: base must be a whole number between 2 and 62 inclusive" }],
  ["parseint", [5,10], { error: "parseint: invalid value for \"number\" parameter: first argument must be a string, not number" }],
  ["pow", [2,10], { value: 1024 }],
  ["pow", [2,0.5], { value: 1.4142135623730951 }],
  ["pow", [3,-1], { value: 0.3333333333333333 }],
  ["signum", [-3], { value: -1 }],
  ["signum", [0], { value: 0 }],
  ["signum", [7], { value: 1 }],
  ["signum", [2.5], { error: "signum: value must be a whole number, between -9223372036854775808 and 9223372036854775807" }],
  ["abs", ["x"], { error: "abs: invalid value for \"num\" parameter: a number is required" }],
  ["abs", [], { error: 'abs: not enough function arguments; expects 1 argument(s), missing value for "num"' }],
  ["abs", [1, 2], { error: 'abs: too many function arguments; expects only 1 argument(s)' }],
];

describe('numeric functions', () => {
  runCases(numeric);
});

// Terraform crashes (panics) on NaN results; Evident reports an error instead.
const nan: Case[] = [
  ['log', [-1, 10], { error: 'log: the result is not a number (NaN)' }],
  ['log', [1, 1], { error: 'log: the result is not a number (NaN)' }],
  ['pow', [-8, 1 / 3], { error: 'pow: the result is not a number (NaN)' }],
];

describe('numeric results Terraform cannot represent', () => {
  runCases(nan);
  runCases([
    ['log', [0, 10], { value: -Infinity }],
    ['pow', [2, 1024], { value: Infinity }],
    ['pow', [0, -1], { value: Infinity }],
    ['ceil', [-0.5], { value: 0 }],
  ]);
});
