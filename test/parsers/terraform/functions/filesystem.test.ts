import { describe, expect, it } from 'vitest';
import { makeFileFunctions } from '../../../../src/parsers/terraform/functions/index.js';
import type { FileReader } from '../../../../src/parsers/terraform/functions/index.js';
import { globToRegExp } from '../../../../src/parsers/terraform/functions/filesystem.js';
import { errorOf } from './cases.js';

/** The tree Terraform 1.11 was run against to produce the expected values below. */
const FILES: Record<string, Uint8Array> = {
  'fs/x.txt': new Uint8Array(),
  'fs/y.json': new Uint8Array(),
  'fs/.hidden': new Uint8Array(),
  'fs/a/one.txt': new Uint8Array(),
  'fs/a/b/two.txt': new Uint8Array(),
  'fs/a/b/three.md': new Uint8Array(),
  'fs/c/four.txt': new Uint8Array(),
  'fs/c/we ird.txt': new Uint8Array(),
  'fs/greeting.txt': Buffer.from('hello\nworld'),
  'fs/bin.dat': Uint8Array.of(0xff, 0xfe),
};

const requested: string[] = [];

/** Reads only from FILES and records every path asked for. */
const reader: FileReader = {
  readText(path) {
    requested.push(path);
    return FILES[path] === undefined ? undefined : Buffer.from(FILES[path]).toString('utf8');
  },
  readBytes(path) {
    requested.push(path);
    return FILES[path];
  },
  list(dir) {
    requested.push(dir);
    const prefix = `${dir}/`;
    return Object.keys(FILES)
      .filter((file) => file.startsWith(prefix))
      .map((file) => file.slice(prefix.length));
  },
};

const files = makeFileFunctions(reader);

describe('file functions', () => {
  it.each([
    ['*', ['.hidden', 'bin.dat', 'greeting.txt', 'x.txt', 'y.json']],
    ['**', ['.hidden', 'a/b/three.md', 'a/b/two.txt', 'a/one.txt', 'bin.dat', 'c/four.txt', 'c/we ird.txt', 'greeting.txt', 'x.txt', 'y.json']],
    ['**/*.txt', ['a/b/two.txt', 'a/one.txt', 'c/four.txt', 'c/we ird.txt', 'greeting.txt', 'x.txt']],
    ['a/**/*.txt', ['a/b/two.txt', 'a/one.txt']],
    ['a/**', ['a/b/three.md', 'a/b/two.txt', 'a/one.txt']],
    ['{x,y}.*', ['x.txt', 'y.json']],
    ['?.txt', ['x.txt']],
    ['[a-x].txt', ['x.txt']],
    ['[!a-x].*', ['x.txt']],
    ['a/*', ['a/one.txt']],
    ['nothing', []],
    ['c/we ird.txt', ['c/we ird.txt']],
    ['./a/../x.txt', ['x.txt']],
  ])('fileset("fs", %j) matches as Terraform does', (pattern, expected) => {
    expect(files.call('fileset', ['fs', pattern])).toEqual(expected);
  });

  it('lists relative to the given directory', () => {
    expect(files.call('fileset', ['fs/a', '**/t*'])).toEqual(['b/three.md', 'b/two.txt']);
  });

  it('rejects a malformed glob with Terraform\'s message', () => {
    expect(errorOf(() => files.call('fileset', ['fs', '[']))).toBe('fileset: failed to glob pattern "fs/[": syntax error in pattern');
  });

  it('reads text, and refuses text that is not UTF-8', () => {
    expect(files.call('file', ['fs/greeting.txt'])).toBe('hello\nworld');
    expect(errorOf(() => files.call('file', ['fs/bin.dat']))).toBe(
      'file: contents of "fs/bin.dat" are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead',
    );
  });

  it('reports a missing file as Terraform does', () => {
    expect(errorOf(() => files.call('file', ['fs/missing']))).toBe(
      'file: invalid value for "path" parameter: no file exists at "fs/missing"; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource',
    );
  });

  it('encodes and hashes file bytes', () => {
    expect(files.call('filebase64', ['fs/bin.dat'])).toBe('//4=');
    expect(files.call('filemd5', ['fs/greeting.txt'])).toBe('9195d0beb2a889e1be05ed6bb1954837');
    expect(files.call('filesha256', ['fs/greeting.txt'])).toBe('26c60a61d01db5836ca70fefd44a6a016620413c8ef5f259a6c5612d4f79d3b8');
    expect(files.call('filebase64sha512', ['fs/greeting.txt'])).toBe(
      'yVoJl5Sl73G3VwSiY77DwfbV1cIfiUK4LkWJcyHCr7XqpWRUlQOGnZJG7pyRL4mfBSo5EXM6AEMt1xp357rnoA==',
    );
  });

  it('tells files, missing paths and directories apart', () => {
    expect(files.call('fileexists', ['fs/x.txt'])).toBe(true);
    expect(files.call('fileexists', ['fs/none'])).toBe(false);
    expect(errorOf(() => files.call('fileexists', ['fs/a']))).toBe('fileexists: "fs/a" is a directory, not a file');
  });

  it('only asks the reader for cleaned paths', () => {
    requested.length = 0;
    files.call('file', ['fs/a/../greeting.txt']);
    expect(requested).toEqual(['fs/greeting.txt']);
  });

  it('knows which names it handles', () => {
    expect(files.has('fileset')).toBe(true);
    expect(files.has('templatefile')).toBe(false);
    expect(errorOf(() => files.call('upper', ['x']))).toBe('upper: not a file function');
  });

  it('checks arguments like every other function', () => {
    expect(errorOf(() => files.call('file', []))).toBe('file: not enough function arguments; expects 1 argument(s), missing value for "path"');
    expect(errorOf(() => files.call('file', [null]))).toBe('file: invalid value for "path" parameter: argument must not be null');
  });
});

describe('glob translation', () => {
  it('keeps * and ? within one directory', () => {
    expect(globToRegExp('*.txt').test('a/b.txt')).toBe(false);
    expect(globToRegExp('**/b.txt').test('b.txt')).toBe(true);
    expect(globToRegExp('a/**/b.txt').test('a/x/y/b.txt')).toBe(true);
    expect(globToRegExp('\\*.txt').test('*.txt')).toBe(true);
    expect(globToRegExp('\\*.txt').test('a.txt')).toBe(false);
  });
});
