import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { diagnostic, type Diagnostic } from '../model/index.js';

export type FileKind = 'terraform' | 'tfvars' | 'yaml' | 'json' | 'helm' | 'config';

export interface FileRef {
  /** Relative to the scan root, forward slashes. */
  path: string;
  absolutePath: string;
  kind: FileKind;
  /** For `helm` files: the chart directory relative to the root ('' for the root itself). */
  chart?: string;
}

export interface Discovery {
  root: string;
  files: FileRef[];
  /** Chart directories (relative), outermost charts only: subcharts render with their parent. */
  charts: string[];
  diagnostics: Diagnostic[];
}

export const IGNORE_FILE = '.evidentignore';
export const CONFIG_FILES: readonly string[] = ['evident.config.yaml', 'evident.config.yml', 'evident.waivers.yaml', 'evident-baseline.json'];
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.terraform']);
const fileNames = new TextDecoder('utf-8', { fatal: true });

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function kindOf(relative: string): FileKind | undefined {
  const base = relative.slice(relative.lastIndexOf('/') + 1);
  if (CONFIG_FILES.includes(base) || base === IGNORE_FILE) return 'config';
  if (base.endsWith('.tf')) return 'terraform';
  if (base.endsWith('.tfvars') || base.endsWith('.tfvars.json')) return 'tfvars';
  if (base.endsWith('.yaml') || base.endsWith('.yml')) return 'yaml';
  if (base.endsWith('.json')) return 'json';
  return undefined;
}

/** Charts are directories holding a Chart.yaml; one under another chart's `charts/` belongs to that chart. */
function outermostCharts(chartFiles: string[]): string[] {
  const dirs = chartFiles.map((f) => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '')).sort();
  return dirs.filter((dir) => !dirs.some((other) => other !== dir && (other === '' || dir.startsWith(`${other}/`))));
}

function chartOf(relative: string, charts: string[]): string | undefined {
  return charts.find((chart) => chart === '' || relative.startsWith(`${chart}/`));
}

/**
 * Every regular file under `dir`, relative to the root. Nothing is silently lost: a directory that cannot be
 * read, a name that is not UTF-8 (it could not be opened by the name Node gives it) and a scannable name that is
 * not a regular file (a FIFO would block a read forever) are diagnostics. Links are never followed.
 */
function walk(absoluteRoot: string, relativeDir: string, ignores: Ignore, found: Set<string>, diagnostics: Diagnostic[]): void {
  let entries: Dirent<Buffer>[];
  try {
    entries = readdirSync(path.join(absoluteRoot, relativeDir), { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    diagnostics.push(diagnostic('read-error', relativeDir || '.', `cannot read directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}; its files were not scanned`, { line: 1 }));
    return;
  }
  for (const entry of entries) {
    let name: string;
    try {
      name = fileNames.decode(entry.name);
    } catch {
      const shown = relativeDir === '' ? entry.name.toString('utf8') : `${relativeDir}/${entry.name.toString('utf8')}`;
      diagnostics.push(diagnostic('read-error', shown, 'the name is not valid UTF-8; not scanned (rename it)', { line: 1 }));
      continue;
    }
    const relative = relativeDir === '' ? name : `${relativeDir}/${name}`;
    if (entry.isDirectory()) {
      if (!ALWAYS_SKIPPED.has(name) && !ignores.ignores(`${relative}/`)) walk(absoluteRoot, relative, ignores, found, diagnostics);
    } else if (entry.isFile()) {
      found.add(relative);
    } else if (!entry.isSymbolicLink() && kindOf(relative) !== undefined && !ignores.ignores(relative)) {
      diagnostics.push(diagnostic('read-error', relative, 'not a regular file (a pipe, socket or device); not scanned', { line: 1 }, 'warning'));
    }
  }
}

/**
 * Lists the files to scan under `targets` (files or directories, absolute or relative to cwd).
 * Symbolic links are never followed; `.git`, `node_modules` and `.terraform` are skipped; `.evidentignore` at the root applies.
 */
export function discover(root: string, targets: string[] = [root]): Discovery {
  const absoluteRoot = path.resolve(root);
  const diagnostics: Diagnostic[] = [];
  const ignores = ignore();
  const ignorePath = path.join(absoluteRoot, IGNORE_FILE);
  if (existsSync(ignorePath)) ignores.add(readFileSync(ignorePath, 'utf8'));

  const found = new Set<string>();
  for (const target of targets) {
    const absolute = path.resolve(target);
    const relativeTarget = toPosix(path.relative(absoluteRoot, absolute));
    if (relativeTarget.startsWith('..') || path.isAbsolute(relativeTarget)) {
      diagnostics.push(diagnostic('read-error', toPosix(target), `path is outside the scan root ${toPosix(absoluteRoot)}`));
      continue;
    }
    let stats;
    try {
      stats = lstatSync(absolute);
    } catch {
      diagnostics.push(diagnostic('read-error', relativeTarget, 'no such file or directory'));
      continue;
    }
    if (stats.isSymbolicLink()) continue;
    if (stats.isFile()) {
      found.add(relativeTarget);
      continue;
    }
    if (stats.isDirectory()) walk(absoluteRoot, relativeTarget, ignores, found, diagnostics);
  }

  const kept = [...found].filter((f) => !ignores.ignores(f)).sort();
  const charts = outermostCharts(kept.filter((f) => f === 'Chart.yaml' || f.endsWith('/Chart.yaml')));
  const files: FileRef[] = [];
  for (const relative of kept) {
    const chart = chartOf(relative, charts);
    const kind = chart === undefined ? kindOf(relative) : 'helm';
    if (kind === undefined) continue;
    const ref: FileRef = { path: relative, absolutePath: path.join(absoluteRoot, relative), kind };
    if (chart !== undefined) ref.chart = chart;
    files.push(ref);
  }
  return { root: absoluteRoot, files, charts, diagnostics };
}

export interface FileContent {
  text: string;
  sha256: string;
  bytes: number;
}

export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** Offset of the first byte that breaks UTF-8 (as TextDecoder's fatal mode judges it), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      // A truncated or broken sequence is reported where it starts.
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (UTF-16 code units, like the parsers') of a byte offset. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: lenient.decode(bytes.subarray(lineStart, offset)).length + 1 };
}

/** Reads one input: text, SHA-256 of its bytes; binary, oversized, unreadable or non-UTF-8 files become diagnostics. */
export function readInput(file: FileRef, maxBytes = DEFAULT_MAX_FILE_BYTES): { content?: FileContent; diagnostic?: Diagnostic } {
  let size: number;
  try {
    size = statSync(file.absolutePath).size;
  } catch (error) {
    return { diagnostic: diagnostic('read-error', file.path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { line: 1 }) };
  }
  if (size > maxBytes) {
    return { diagnostic: diagnostic('input-too-large', file.path, `file is ${size} bytes; the limit is ${maxBytes} bytes (scan.maxFileBytes); not scanned`, { line: 1 }) };
  }
  let buffer: Buffer;
  try {
    buffer = readFileSync(file.absolutePath);
  } catch (error) {
    return { diagnostic: diagnostic('read-error', file.path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { line: 1 }) };
  }
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const nul = buffer.subarray(0, 8192).indexOf(0);
  if (nul !== -1) {
    return { diagnostic: diagnostic('binary-file', file.path, `binary content (NUL byte at offset ${nul}); not scanned`, positionOf(buffer, nul), 'warning'), content: { text: '', sha256, bytes: buffer.length } };
  }
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    const invalid = firstInvalidUtf8(buffer);
    return {
      diagnostic: diagnostic('read-error', file.path, `file is not valid UTF-8 (byte 0x${buffer[invalid].toString(16).padStart(2, '0')} at offset ${invalid}); not scanned`, positionOf(buffer, invalid)),
      content: { text: '', sha256, bytes: buffer.length },
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { content: { text, sha256, bytes: buffer.length } };
}

/** SHA-256 of a file that another component reads itself (a chart's templates, values and archives). */
export function hashInput(file: FileRef, maxBytes = DEFAULT_MAX_FILE_BYTES): { input?: { path: string; kind: string; bytes: number; sha256: string }; diagnostic?: Diagnostic } {
  try {
    const size = statSync(file.absolutePath).size;
    if (size > maxBytes) return { diagnostic: diagnostic('input-too-large', file.path, `file is ${size} bytes; the limit is ${maxBytes} bytes (scan.maxFileBytes)`) };
    const buffer = readFileSync(file.absolutePath);
    return { input: { path: file.path, kind: file.kind, bytes: buffer.length, sha256: createHash('sha256').update(buffer).digest('hex') } };
  } catch (error) {
    return { diagnostic: diagnostic('read-error', file.path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`) };
  }
}
