/**
 * Path and file functions. basename and dirname are pure; the file-reading ones work only through
 * a reader the caller supplies, so they can never see anything outside what that reader allows.
 */
import { createHash } from 'node:crypto';
import type { FunctionTable } from './registry.js';
import { argError, invoke } from './registry.js';
import { STRING } from './types.js';
import type { TfValue } from './value.js';
import { cleanPath } from '../../shared/go-path.js';
import { FunctionError, Unknown, compareStrings, makeSet } from './value.js';


/** Go's filepath.Base. */
export function basename(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Go's filepath.Dir. */
export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return cleanPath(path.slice(0, slash + 1));
}

export const pathFunctions: FunctionTable = {
  basename: {
    params: [{ name: 'path', type: STRING }],
    impl: ([path]) => basename(path as string),
  },
  dirname: {
    params: [{ name: 'path', type: STRING }],
    impl: ([path]) => dirname(path as string),
  },
  pathexpand: {
    params: [{ name: 'path', type: STRING }],
    impl: ([path]) => {
      const text = path as string;
      if (!text.startsWith('~')) return text;
      return new Unknown('pathexpand() of a path starting with "~" depends on the home directory of the machine running Terraform');
    },
  },
};

/** What the file functions may read: paths are relative to the module directory, with forward slashes. */
export interface FileReader {
  /** The file's text, or undefined when there is no such file (or it may not be read). */
  readText(relPath: string): string | undefined;
  /** Files under `dir` (paths relative to `dir`) that may match `pattern`; the caller applies Terraform's glob rules. */
  list(dir: string, pattern: string): string[];
  /** The file's bytes, when the reader can give them; hashes and base64 of binary files need them. */
  readBytes?(relPath: string): Uint8Array | undefined;
}

export interface FileFunctions {
  has(name: string): boolean;
  /** Calls a file function; throws FunctionError like callFunction. */
  call(name: string, args: readonly TfValue[]): TfValue;
}

function globComponent(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    switch (c) {
      case '*':
        out += '[^/]*';
        break;
      case '?':
        out += '[^/]';
        break;
      case '\\':
        i++;
        if (i >= pattern.length) throw new FunctionError('syntax error in pattern');
        out += pattern[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        break;
      case '[': {
        const end = pattern.indexOf(']', i + 2);
        if (end === -1) throw new FunctionError('syntax error in pattern');
        let body = pattern.slice(i + 1, end);
        let negate = false;
        if (body.startsWith('^')) {
          negate = true;
          body = body.slice(1);
        }
        out += `[${negate ? '^/' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
        i = end;
        break;
      }
      case '{': {
        let depth = 0;
        let end = -1;
        for (let j = i; j < pattern.length; j++) {
          if (pattern[j] === '{') depth++;
          else if (pattern[j] === '}' && --depth === 0) {
            end = j;
            break;
          }
        }
        if (end === -1) throw new FunctionError('syntax error in pattern');
        const alternatives: string[] = [];
        let start = i + 1;
        depth = 0;
        for (let j = i + 1; j < end; j++) {
          if (pattern[j] === '{') depth++;
          else if (pattern[j] === '}') depth--;
          else if (pattern[j] === ',' && depth === 0) {
            alternatives.push(pattern.slice(start, j));
            start = j + 1;
          }
        }
        alternatives.push(pattern.slice(start, end));
        out += `(?:${alternatives.map(globComponent).join('|')})`;
        i = end;
        break;
      }
      default:
        out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return out;
}

/** Terraform's fileset glob (doublestar): `*`, `?`, `[...]`, `{a,b}`, and `**` for any number of directories. */
export function globToRegExp(pattern: string): RegExp {
  const parts = cleanPath(pattern).split('/');
  let source = '';
  parts.forEach((part, index) => {
    const last = index === parts.length - 1;
    if (part === '**') source += last ? '.*' : '(?:[^/]*/)*';
    else source += globComponent(part) + (last ? '' : '/');
  });
  return new RegExp(`^${source}$`, 'u');
}

const MISSING = (path: string): FunctionError =>
  argError(
    'path',
    `no file exists at ${JSON.stringify(path)}; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource`,
  );

/** The file functions (file, fileexists, filebase64, fileset and the file hashes), reading only through `reader`. */
export function makeFileFunctions(reader: FileReader): FileFunctions {
  const bytesOf = (path: string): Buffer => {
    const cleaned = cleanPath(path);
    const bytes = reader.readBytes?.(cleaned);
    if (bytes !== undefined) return Buffer.from(bytes);
    const text = reader.readText(cleaned);
    if (text === undefined) throw MISSING(path);
    return Buffer.from(text, 'utf8');
  };
  const hashFunction = (algorithm: string, encoding: 'hex' | 'base64') => ({
    params: [{ name: 'path', type: STRING }],
    impl: ([path]: TfValue[]) => createHash(algorithm).update(bytesOf(path as string)).digest(encoding),
  });
  const table: FunctionTable = {
    file: {
      params: [{ name: 'path', type: STRING }],
      impl: ([path]) => {
        const text = new TextDecoder('utf-8', { fatal: true });
        try {
          return text.decode(bytesOf(path as string)).normalize('NFC');
        } catch (error) {
          if (error instanceof FunctionError) throw error;
          throw new FunctionError(
            `contents of ${JSON.stringify(path)} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`,
          );
        }
      },
    },
    fileexists: {
      params: [{ name: 'path', type: STRING }],
      impl: ([path]) => {
        const cleaned = cleanPath(path as string);
        if ((reader.readBytes?.(cleaned) ?? reader.readText(cleaned)) !== undefined) return true;
        if (reader.list(cleaned, '**').length > 0) throw new FunctionError(`${JSON.stringify(path)} is a directory, not a file`);
        return false;
      },
    },
    filebase64: {
      params: [{ name: 'path', type: STRING }],
      impl: ([path]) => bytesOf(path as string).toString('base64'),
    },
    fileset: {
      params: [
        { name: 'path', type: STRING },
        { name: 'pattern', type: STRING },
      ],
      impl: ([path, pattern]) => {
        const dir = cleanPath(path as string);
        let matcher: RegExp;
        try {
          matcher = globToRegExp(pattern as string);
        } catch (error) {
          if (!(error instanceof FunctionError)) throw error;
          throw new FunctionError(`failed to glob pattern ${JSON.stringify(cleanPath(`${dir}/${pattern as string}`))}: ${error.message}`);
        }
        const matches = reader
          .list(dir, pattern as string)
          .map(cleanPath)
          .filter((file) => matcher.test(file));
        return makeSet(matches.sort(compareStrings));
      },
    },
    filemd5: hashFunction('md5', 'hex'),
    filesha1: hashFunction('sha1', 'hex'),
    filesha256: hashFunction('sha256', 'hex'),
    filesha512: hashFunction('sha512', 'hex'),
    filebase64sha256: hashFunction('sha256', 'base64'),
    filebase64sha512: hashFunction('sha512', 'base64'),
  };
  return {
    has: (name) => Object.hasOwn(table, name),
    call: (name, args) => {
      if (!Object.hasOwn(table, name)) throw new FunctionError(`${name}: not a file function`);
      return invoke(name, table[name], args);
    },
  };
}
