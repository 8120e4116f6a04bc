/**
 * Helm's chart loader (pkg/chart/loader): a chart directory or .tgz becomes metadata, values,
 * templates, other files and subcharts (unpacked folders and archives under charts/). Only the
 * chart's own files are read: symlinks leaving the chart are skipped, sizes are bounded.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isGoMap, newMap, type GoMap } from '../template/value.js';
import { decodeYaml, YamlError } from '../yaml/decode.js';
import { BadPatternError, IgnoreRules } from './match.js';
import { decodeMetadata, emptyMetadata, MetadataError, validateMetadata, type Metadata } from './metadata.js';
import { ArchiveError, readTgz } from './tar.js';

export interface ChartFile {
  /** Path inside the chart, '/'-separated (`templates/deployment.yaml`). */
  name: string;
  data: Uint8Array;
  /** Where the file is for people: a path on disk, or `archive.tgz!/inner/path`. */
  origin: string;
}

export interface Chart {
  metadata: Metadata;
  values: GoMap;
  /** values.yaml as loaded: its origin and the line of every key, for tracing values back. */
  valuesFile?: { origin: string; positions: Map<string, number> };
  schema?: Uint8Array;
  schemaOrigin?: string;
  templates: ChartFile[];
  files: ChartFile[];
  dependencies: Chart[];
  parent?: Chart;
  /** Directory (or archive) the chart was loaded from, for messages. */
  origin: string;
}

export class ChartLoadError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  constructor(message: string, file?: string, line?: number) {
    super(message);
    this.file = file;
    this.line = line;
  }
}

export interface LoadLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = { maxFileBytes: 16 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024, maxFiles: 20_000 };

export interface LoadWarning {
  file: string;
  message: string;
}

const BOM = [0xef, 0xbb, 0xbf];

function trimBom(data: Uint8Array): Uint8Array {
  return data.length >= 3 && data[0] === BOM[0] && data[1] === BOM[1] && data[2] === BOM[2] ? data.subarray(3) : data;
}

export function chartName(c: Chart): string {
  return c.metadata.name;
}

/** Chart.ChartFullPath: `parent/charts/child`. */
export function chartFullPath(c: Chart): string {
  return c.parent === undefined ? chartName(c) : `${chartFullPath(c.parent)}/charts/${chartName(c)}`;
}

function text(data: Uint8Array): string {
  return Buffer.from(data).toString('utf8');
}

class Budget {
  total = 0;
  count = 0;
  readonly limits: LoadLimits;
  constructor(limits: LoadLimits) {
    this.limits = limits;
  }
  take(size: number, name: string): void {
    this.count++;
    this.total += size;
    if (size > this.limits.maxFileBytes) throw new ChartLoadError(`file ${name} is larger than ${this.limits.maxFileBytes} bytes`, name);
    if (this.total > this.limits.maxTotalBytes) throw new ChartLoadError(`chart is larger than ${this.limits.maxTotalBytes} bytes`, name);
    if (this.count > this.limits.maxFiles) throw new ChartLoadError(`chart has more than ${this.limits.maxFiles} files`, name);
  }
}

/** loader.LoadDir: the root's .helmignore (plus `templates/.?*`) filters everything below it. */
function readDirectory(dir: string, displayRoot: string, budget: Budget, warnings: LoadWarning[]): ChartFile[] {
  const root = realpathSync(dir);
  let rules = new IgnoreRules();
  const ignoreFile = join(root, '.helmignore');
  if (existsSync(ignoreFile) && statSync(ignoreFile).isFile()) {
    try {
      rules = IgnoreRules.parse(readFileSync(ignoreFile, 'utf8'));
    } catch (e) {
      if (e instanceof BadPatternError) throw new ChartLoadError(`${e.message} (in .helmignore)`, join(displayRoot, '.helmignore'));
      throw e;
    }
  }
  rules.addDefaults();
  const files: ChartFile[] = [];
  const walk = (abs: string, rel: string): void => {
    const entries = readdirSync(abs).sort();
    for (const entry of entries) {
      const childAbs = join(abs, entry);
      const childRel = rel === '' ? entry : `${rel}/${entry}`;
      const display = join(displayRoot, ...childRel.split('/'));
      let stat = lstatSync(childAbs);
      if (stat.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(childAbs);
        } catch {
          warnings.push({ file: display, message: 'broken symbolic link skipped' });
          continue;
        }
        const inside = relative(root, target);
        if (inside.startsWith('..') || inside.startsWith(sep) || inside === '') {
          warnings.push({ file: display, message: 'symbolic link pointing outside the chart skipped' });
          continue;
        }
        stat = statSync(target);
      }
      if (stat.isDirectory()) {
        if (rules.ignores(childRel, true)) continue;
        walk(childAbs, childRel);
        continue;
      }
      if (rules.ignores(childRel, false)) continue;
      if (!stat.isFile()) throw new ChartLoadError(`cannot load irregular file ${display} as it has file mode type bits set`, display);
      budget.take(stat.size, display);
      files.push({ name: childRel, data: trimBom(readFileSync(childAbs)), origin: display });
    }
  };
  walk(root, '');
  return files;
}

/** loader.LoadArchiveFiles: strips the top directory, refuses paths escaping it. */
function readArchive(data: Uint8Array, origin: string, budget: Budget): ChartFile[] {
  let entries;
  try {
    entries = readTgz(data, { maxBytes: budget.limits.maxTotalBytes, maxEntries: budget.limits.maxFiles });
  } catch (e) {
    if (e instanceof ArchiveError) throw new ChartLoadError(e.message, origin);
    throw e;
  }
  const files: ChartFile[] = [];
  for (const entry of entries) {
    const delimiter = entry.name.includes('\\') ? '\\' : '/';
    const parts = entry.name.split(delimiter);
    let name = parts.slice(1).join('/');
    if (name.startsWith('/')) throw new ChartLoadError('chart illegally contains absolute paths', origin);
    name = cleanPath(name);
    if (name === '.') throw new ChartLoadError(`chart illegally contains content outside the base directory: ${JSON.stringify(entry.name)}`, origin);
    if (name.startsWith('..')) throw new ChartLoadError('chart illegally references parent directory', origin);
    if (/^[a-zA-Z]:\//.test(name)) throw new ChartLoadError('chart contains illegally named files', origin);
    if (parts[0] === 'Chart.yaml') throw new ChartLoadError('chart yaml not in base directory', origin);
    budget.take(entry.data.length, `${origin}!/${entry.name}`);
    files.push({ name, data: trimBom(entry.data), origin: `${origin}!/${entry.name}` });
  }
  if (files.length === 0) throw new ChartLoadError('no files in chart archive', origin);
  return files;
}

function cleanPath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else out.push('..');
    } else out.push(part);
  }
  return out.length === 0 ? '.' : out.join('/');
}

function yamlFailure(what: string, file: ChartFile, e: unknown): never {
  if (e instanceof YamlError) {
    const message = e.message.startsWith('error converting') ? e.message : `error converting YAML to JSON: ${e.message}`;
    throw new ChartLoadError(`cannot load ${what}: ${message}`, file.origin, e.line);
  }
  if (e instanceof MetadataError) throw new ChartLoadError(`cannot load ${what}: ${e.message}`, file.origin);
  throw e;
}

/** loader.LoadFiles. */
export function loadFiles(files: ChartFile[], origin: string, budget: Budget): Chart {
  const chart: Chart = { metadata: emptyMetadata(), values: newMap(), templates: [], files: [], dependencies: [], origin };
  let hasMetadata = false;
  for (const f of files) {
    if (f.name !== 'Chart.yaml') continue;
    hasMetadata = true;
    try {
      decodeMetadata(decodeYaml(text(f.data), { keepIntegers: true }).value, chart.metadata);
    } catch (e) {
      yamlFailure('Chart.yaml', f, e);
    }
    if (chart.metadata.apiVersion === '') chart.metadata.apiVersion = 'v1';
  }
  const subcharts = new Map<string, ChartFile[]>();
  for (const f of files) {
    if (f.name === 'Chart.yaml') continue;
    if (f.name === 'Chart.lock' || f.name === 'requirements.lock') {
      try {
        decodeYaml(text(f.data));
      } catch (e) {
        yamlFailure(f.name, f, e);
      }
      if (f.name === 'requirements.lock' && chart.metadata.apiVersion === 'v1') chart.files.push(f);
      continue;
    }
    if (f.name === 'values.yaml') {
      try {
        const decoded = decodeYaml(text(f.data), { positions: true });
        if (decoded.value !== null && !isGoMap(decoded.value)) {
          const kind = Array.isArray(decoded.value) ? 'array' : typeof decoded.value === 'string' ? 'string' : typeof decoded.value === 'boolean' ? 'bool' : 'number';
          throw new ChartLoadError(`cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`, f.origin);
        }
        chart.values = decoded.value ?? newMap();
        chart.valuesFile = { origin: f.origin, positions: decoded.positions };
      } catch (e) {
        if (e instanceof ChartLoadError) throw e;
        yamlFailure('values.yaml', f, e);
      }
      continue;
    }
    if (f.name === 'values.schema.json') {
      chart.schema = f.data;
      chart.schemaOrigin = f.origin;
      continue;
    }
    if (f.name === 'requirements.yaml') {
      hasMetadata = true;
      try {
        decodeMetadata(decodeYaml(text(f.data), { keepIntegers: true }).value, chart.metadata);
      } catch (e) {
        yamlFailure('requirements.yaml', f, e);
      }
      if (chart.metadata.apiVersion === 'v1') chart.files.push(f);
      continue;
    }
    if (f.name.startsWith('templates/')) {
      chart.templates.push(f);
      continue;
    }
    if (f.name.startsWith('charts/')) {
      if (f.name.endsWith('.prov')) {
        chart.files.push(f);
        continue;
      }
      const rest = f.name.slice('charts/'.length);
      const cname = rest.split('/')[0];
      const list = subcharts.get(cname) ?? [];
      list.push({ ...f, name: rest });
      subcharts.set(cname, list);
      continue;
    }
    chart.files.push(f);
  }
  if (!hasMetadata) throw new ChartLoadError('Chart.yaml file is missing', origin);
  try {
    validateMetadata(chart.metadata);
  } catch (e) {
    if (e instanceof MetadataError) throw new ChartLoadError(e.message, origin);
    throw e;
  }
  for (const name of [...subcharts.keys()].sort()) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    const list = subcharts.get(name) ?? [];
    let sub: Chart;
    try {
      if (name.endsWith('.tgz')) {
        const file = list[0];
        if (file.name !== name) throw new ChartLoadError(`error unpacking tar in ${chartName(chart)}: expected ${name}, got ${file.name}`, file.origin);
        sub = loadFiles(readArchive(file.data, file.origin, budget), file.origin, budget);
      } else {
        const inner = list.filter((f) => f.name.includes('/')).map((f) => ({ ...f, name: f.name.slice(f.name.indexOf('/') + 1) }));
        sub = loadFiles(inner, `${origin}/charts/${name}`, budget);
      }
    } catch (e) {
      if (e instanceof ChartLoadError) throw new ChartLoadError(`error unpacking ${name} in ${chartName(chart)}: ${e.message}`, e.file, e.line);
      throw e;
    }
    sub.parent = chart;
    chart.dependencies.push(sub);
  }
  return chart;
}

/** loader.Load: a chart directory or a packaged .tgz. */
export function loadChart(path: string, displayPath: string, limits: LoadLimits = DEFAULT_LOAD_LIMITS): { chart: Chart; warnings: LoadWarning[] } {
  const budget = new Budget(limits);
  const warnings: LoadWarning[] = [];
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new ChartLoadError(`path ${JSON.stringify(displayPath)} not found`, displayPath);
  }
  if (stat.isDirectory()) {
    const files = readDirectory(path, displayPath, budget, warnings);
    return { chart: loadFiles(files, displayPath, budget), warnings };
  }
  budget.take(stat.size, displayPath);
  const files = readArchive(readFileSync(path), displayPath, budget);
  return { chart: loadFiles(files, displayPath, budget), warnings };
}

export function isLibrary(c: Chart): boolean {
  return c.metadata.type.toLowerCase() === 'library';
}
