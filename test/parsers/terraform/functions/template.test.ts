import { describe } from 'vitest';
import { Unknown } from '../../../../src/parsers/terraform/functions/index.js';
import type { Case } from './cases.js';
import { runCases } from './cases.js';

// Expected values and messages were produced by Terraform 1.11 (`templatestring(local.t, vars)`).
const rendered: Case[] = [
  ['templatestring', ['Hello, ${name}!', { name: 'World' }], { value: 'Hello, World!' }],
  ['templatestring', ['a ${obj.k} b ${list[1]} c ${obj["k2"]}', { obj: { k: 'v', k2: 2 }, list: ['a', 'b'] }], { value: 'a v b b c 2' }],
  ['templatestring', ['n=${n} b=${b}', { n: 1.5, b: true }], { value: 'n=1.5 b=true' }],
  ['templatestring', ['  x  ${~ name ~}  y  ', { name: 'N' }], { value: '  xNy  ' }],
  ['templatestring', ['literal $$${name} and %%%{x}', { name: 'x' }], { value: 'literal $${name} and %%{x}' }],
  ['templatestring', ['${x}', { x: 5 }], { value: '5' }],
  ['templatestring', ['${x}', { x: [1, 2] }], { error: 'templatestring: invalid template result: string required' }],
  [
    'templatestring',
    ['${nul}', { nul: null }],
    { error: 'templatestring: the result of the template is null, which is not a valid result for a templatestring call' },
  ],
  [
    'templatestring',
    ['${list}!', { list: [1] }],
    { error: 'templatestring: invalid template interpolation value: cannot include the given value in a string template: string required' },
  ],
  [
    'templatestring',
    ['${missing}', {}],
    { error: 'templatestring: invalid value for "vars" parameter: vars map does not contain key "missing", referenced at <templatestring argument>:1,3-10' },
  ],
  [
    'templatestring',
    ['Hello, ${name}!', { '1bad': 1 }],
    {
      error:
        'templatestring: invalid value for "vars" parameter: invalid template variable name "1bad": must start with a letter, followed by zero or more letters, digits, and underscores',
    },
  ],
  ['templatestring', ['Hello, ${name}!', 'x'], { error: 'templatestring: invalid value for "vars" parameter: invalid vars value: must be a map' }],
];

// Directives and function calls need the full HCL evaluator, which this module does not have.
const beyondReferences: Case[] = [
  ['templatestring', ['%{ if true }yes%{ endif }', {}], { unknown: 'template directives' }],
  ['templatestring', ['${upper(name)}', { name: 'x' }], { unknown: 'the expression "upper(name)"' }],
  ['templatestring', ['${name}', { name: new Unknown('known after apply') }], { unknown: 'known after apply' }],
  ['templatestring', ['id=${name}', { name: new Unknown('known after apply') }], { unknown: 'known after apply' }],
];

describe('templatestring', () => {
  runCases(rendered);
  runCases(beyondReferences);
});
