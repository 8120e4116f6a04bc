import { describe, expect, it } from 'vitest';
import { Unknown, callFunction, functionNames, hasFunction } from '../../../../src/parsers/terraform/functions/index.js';
import * as api from '../../../../src/parsers/terraform/functions/index.js';
import type { Case } from './cases.js';
import { errorOf, runCases } from './cases.js';

const REQUIRED = `abs ceil floor log max min parseint pow signum
chomp endswith format formatlist indent join lower regex regexall replace split startswith strcontains strrev substr
templatestring title trim trimprefix trimsuffix trimspace upper
alltrue anytrue chunklist coalesce coalescelist compact concat contains distinct element flatten index keys length list map
lookup matchkeys merge one range reverse setintersection setproduct setsubtract setunion slice sort sum transpose values zipmap
base64decode base64encode base64gzip csvdecode jsondecode jsonencode textdecodebase64 textencodebase64 urlencode yamldecode yamlencode
md5 sha1 sha256 sha512 base64sha256 base64sha512 uuidv5 uuid bcrypt timestamp plantimestamp
formatdate timeadd timecmp cidrhost cidrnetmask cidrsubnet cidrsubnets
tobool tolist tomap tonumber toset tostring sensitive nonsensitive basename dirname`.split(/\s+/);

describe('function registry', () => {
  it('implements every function the evaluator relies on', () => {
    const missing = REQUIRED.filter((name) => !hasFunction(name));
    expect(missing).toEqual([]);
    expect(functionNames()).toEqual([...functionNames()].sort());
  });

  it('leaves can and try to the evaluator, and exports nothing by those names', () => {
    expect(hasFunction('can')).toBe(false);
    expect(hasFunction('try')).toBe(false);
    expect(Object.keys(api).filter((name) => name === 'can' || name === 'try')).toEqual([]);
  });

  it('accepts the core:: namespace for built-in functions', () => {
    expect(hasFunction('core::upper')).toBe(true);
    expect(callFunction('core::upper', ['abc'])).toBe('ABC');
    expect(errorOf(() => callFunction('core::nope', []))).toBe('call to unknown function "core::nope"');
  });

  it('knows provider functions exist but cannot evaluate them', () => {
    expect(hasFunction('provider::kubernetes::manifest_decode')).toBe(true);
    expect(callFunction('provider::kubernetes::manifest_decode', ['x'])).toBeInstanceOf(Unknown);
  });

  it('rejects unknown function names', () => {
    expect(hasFunction('nope')).toBe(false);
    expect(errorOf(() => callFunction('nope', []))).toBe('call to unknown function "nope"');
  });
});

// Terraform's own messages for wrong arity and null arguments, with the function name in front.
const arguments_: Case[] = [
  ['upper', [], { error: 'upper: not enough function arguments; expects 1 argument(s), missing value for "str"' }],
  ['upper', ['a', 'b'], { error: 'upper: too many function arguments; expects only 1 argument(s)' }],
  ['substr', ['abc', 1], { error: 'substr: not enough function arguments; expects 3 argument(s), missing value for "length"' }],
  ['upper', [null], { error: 'upper: invalid value for "str" parameter: argument must not be null' }],
  ['upper', [[1]], { error: 'upper: invalid value for "str" parameter: string required' }],
  ['upper', [{ a: 1 }], { error: 'upper: invalid value for "str" parameter: string required' }],
  ['abs', ['x'], { error: 'abs: invalid value for "num" parameter: a number is required' }],
  ['join', [',', 'x'], { error: 'join: invalid value for "lists" parameter: list of string required' }],
  ['upper', [12], { value: '12' }],
  ['sensitive', ['secret'], { value: 'secret' }],
  ['nonsensitive', [[1, 'a']], { value: [1, 'a'] }],
  ['issensitive', ['x'], { unknown: 'sensitivity' }],
];

// Where Terraform crashes or cannot represent the case, Evident answers as described here.
const deviations: Case[] = [
  ['element', [['a', 'b'], -1], { error: 'element: cannot use element function with a negative index' }],
  ['indent', [-1, 'a'], { error: 'indent: invalid value for "spaces" parameter: must not be negative' }],
  ['coalescelist', [null, [1]], { value: [1] }],
  ['format', ['%v', null], { value: 'null' }],
  ['textencodebase64', ['x', 'Shift_JIS'], { unknown: 'Shift_JIS' }],
  ['regex', ['(?i)a(?-i)b', 'Ab'], { unknown: 'case-insensitivity turned off' }],
  ['replace', ['x', '/(?i)a(?-i)b/', 'y'], { unknown: 'Evident cannot evaluate' }],
  ['rsadecrypt', ['Zm9v', 'key'], { unknown: 'private key' }],
  ['pathexpand', ['~/.ssh/id_rsa'], { unknown: 'home directory' }],
  ['pathexpand', ['./keys/id_rsa'], { value: './keys/id_rsa' }],
];

describe('arguments', () => runCases(arguments_));
describe('deviations from Terraform', () => runCases(deviations));
