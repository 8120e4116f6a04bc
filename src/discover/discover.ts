import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ignore from 'ignore';
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
const ALWAYS_SKIPPED = ['**/.git/**', '**/node_modules/**', '**/.terraform/**'];

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
    const entries = fg.sync('**/*', {
      cwd: absolute,
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore: ALWAYS_SKIPPED,
      suppressErrors: true,
    });
    for (const entry of entries) found.add(relativeTarget === '' ? entry : `${relativeTarget}/${entry}`);
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

/** Reads one input: text, SHA-256 of its bytes; binary, oversized, unreadable or non-UTF-8 files become diagnostics. */
export function readInput(file: FileRef, maxBytes = DEFAULT_MAX_FILE_BYTES): { content?: FileContent; diagnostic?: Diagnostic } {
  let size: number;
  try {
    size = statSync(file.absolutePath).size;
  } catch (error) {
    return { diagnostic: diagnostic('read-error', file.path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`) };
  }
  if (size > maxBytes) {
    return { diagnostic: diagnostic('input-too-large', file.path, `file is ${size} bytes; the limit is ${maxBytes} bytes (scan.maxFileBytes)`) };
  }
  let buffer: Buffer;
  try {
    buffer = readFileSync(file.absolutePath);
  } catch (error) {
    return { diagnostic: diagnostic('read-error', file.path, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`) };
  }
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const nul = buffer.subarray(0, 8192).indexOf(0);
  if (nul !== -1) {
    return { diagnostic: diagnostic('binary-file', file.path, `binary content (NUL byte at offset ${nul}); not scanned`, {}, 'warning'), content: { text: '', sha256, bytes: buffer.length } };
  }
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    return { diagnostic: diagnostic('read-error', file.path, 'file is not valid UTF-8; not scanned'), content: { text: '', sha256, bytes: buffer.length } };
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
