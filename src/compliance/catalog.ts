import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { z } from 'zod';
import { diagnostic } from '../model/diagnostic.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ControlRef, Framework } from '../model/finding.js';
import { formatPath } from '../model/path.js';
import type { PathSegment } from '../model/path.js';
import {
  gdprCatalogSchema,
  ISO_THEME_CLAUSE,
  isoCatalogSchema,
  mappingSchema,
  soc2CatalogSchema,
} from './catalog-schema.js';
import type { IsoTheme, TscCategory } from './catalog-schema.js';

export const FRAMEWORKS: readonly Framework[] = ['iso27001-2022', 'soc2-2017', 'gdpr'];

export interface FrameworkInfo {
  id: Framework;
  name: string;
  version: string;
  publisher: string;
  url: string;
}

interface ControlBase extends ControlRef {
  title: string;
  /** False: configuration scanning cannot evidence it, so it is reported as manual. */
  automatable: boolean;
}

export interface IsoControl extends ControlBase {
  framework: 'iso27001-2022';
  theme: IsoTheme;
  /** ISO/IEC 27001:2013 Annex A ids it replaces; empty for controls new in 2022. */
  predecessors: string[];
}

export interface Soc2Control extends ControlBase {
  framework: 'soc2-2017';
  series: string;
  seriesTitle: string;
  category: TscCategory;
}

export interface GdprControl extends ControlBase {
  framework: 'gdpr';
  parent?: string;
}

export type Control = IsoControl | Soc2Control | GdprControl;

export interface FrameworkCatalog {
  framework: FrameworkInfo;
  /** The catalog file as diagnostics name it, e.g. `controls/gdpr/catalog.yaml`. */
  file: string;
  controls: Control[];
}

/** One entry of a `mapping.yaml`: the rules that evidence a control. */
export interface ControlMapping extends ControlRef {
  rules: string[];
  rationale: string;
}

export interface Catalogs {
  frameworks: FrameworkCatalog[];
  /** Sorted by framework, then by the control's place in its catalog. */
  mappings: ControlMapping[];
  diagnostics: Diagnostic[];
}

export interface LoadCatalogsOptions {
  /** Rules that exist; a mapping naming any other rule is an error. Omit to skip that check. */
  ruleIds?: Iterable<string>;
}

/**
 * Reads `<controlsDir>/<framework>/catalog.yaml` and `mapping.yaml` for every framework.
 * Files are named relative to the parent of `controlsDir` (`controls/gdpr/catalog.yaml`), so diagnostics
 * do not depend on where Evident is installed. A catalog with any error is left out, with its mapping.
 */
export function loadCatalogs(controlsDir: string, options: LoadCatalogsOptions = {}): Catalogs {
  const knownRules = options.ruleIds === undefined ? undefined : new Set(options.ruleIds);
  const frameworks: FrameworkCatalog[] = [];
  const mappings: ControlMapping[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const framework of FRAMEWORKS) {
    const display = `${basename(controlsDir)}/${framework}`;
    const catalogSource = readYaml(join(controlsDir, framework, 'catalog.yaml'), `${display}/catalog.yaml`, diagnostics);
    const catalog = catalogSource && CATALOG_READERS[framework](catalogSource);
    if (catalog) frameworks.push(catalog);
    diagnostics.push(...sortedDiagnostics(catalogSource));
    const mappingSource = readYaml(join(controlsDir, framework, 'mapping.yaml'), `${display}/mapping.yaml`, diagnostics);
    if (mappingSource) mappings.push(...readMapping(mappingSource, catalog, knownRules));
    diagnostics.push(...sortedDiagnostics(mappingSource));
  }
  return { frameworks, mappings, diagnostics };
}

export interface ControlIndex {
  /** Controls whose mapping lists the rule, in framework and catalog order. */
  controlsForRule(ruleId: string): ControlRef[];
}

export function indexControls(catalogs: Pick<Catalogs, 'mappings'>): ControlIndex {
  const byRule = new Map<string, ControlRef[]>();
  for (const mapping of catalogs.mappings) {
    for (const rule of mapping.rules) {
      const refs = byRule.get(rule) ?? [];
      refs.push({ framework: mapping.framework, id: mapping.id });
      byRule.set(rule, refs);
    }
  }
  return {
    controlsForRule: (ruleId) => (byRule.get(ruleId) ?? []).map((ref) => ({ ...ref })),
  };
}

export type CoverageStatus = 'automated' | 'manual' | 'not-covered';

export interface ControlCoverage {
  control: Control;
  /** automated: a given rule evidences it; manual: scanning cannot; not-covered: scanning could, no rule does. */
  status: CoverageStatus;
  rules: string[];
}

export interface FrameworkCoverage {
  framework: FrameworkInfo;
  controls: ControlCoverage[];
}

/** What `evident controls` prints: each control's status given the rules that are enabled. */
export function coverage(catalogs: Pick<Catalogs, 'frameworks' | 'mappings'>, ruleIds: Iterable<string>): FrameworkCoverage[] {
  const enabled = new Set(ruleIds);
  const mapped = new Map(catalogs.mappings.map((m) => [refKey(m), m.rules]));
  return catalogs.frameworks.map((catalog) => ({
    framework: catalog.framework,
    controls: catalog.controls.map((control) => {
      const rules = (mapped.get(refKey(control)) ?? []).filter((rule) => enabled.has(rule));
      const status: CoverageStatus = rules.length > 0 ? 'automated' : control.automatable ? 'not-covered' : 'manual';
      return { control, status, rules };
    }),
  }));
}

function refKey(ref: ControlRef): string {
  return `${ref.framework}\u0000${ref.id}`;
}

// ---- YAML sources with positions ----

interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
  diagnostics: Diagnostic[];
}

interface Position {
  line: number;
  column: number;
}

/** Reads and parses one file; a file that cannot be read or parsed adds to `diagnostics` and yields nothing. */
function readYaml(path: string, file: string, diagnostics: Diagnostic[]): YamlSource | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    diagnostics.push(diagnostic('read-error', file, `cannot read: ${reason}`));
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      diagnostics.push(diagnostic('yaml-syntax', file, error.message, { line, column: col }));
    }
    return undefined;
  }
  return { file, doc, lineCounter, data: doc.toJS(), diagnostics: [] };
}

function report(source: YamlSource, position: Position, message: string): void {
  source.diagnostics.push(diagnostic('config-invalid', source.file, message, position));
}

function sortedDiagnostics(source: YamlSource | undefined): Diagnostic[] {
  if (!source) return [];
  return [...source.diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function positionOf(source: YamlSource, node: Node | null | undefined): Position | undefined {
  if (!node?.range) return undefined;
  const { line, col } = source.lineCounter.linePos(node.range[0]);
  return { line, column: col };
}

/** The node at `path`, or the nearest ancestor that exists (a missing key is reported on its map). */
function nodeAt(source: YamlSource, path: readonly PathSegment[]): Node | null {
  for (let depth = path.length; depth > 0; depth--) {
    const node = source.doc.getIn(path.slice(0, depth), true);
    if (node && typeof node === 'object') return node as Node;
  }
  return source.doc.contents;
}

function at(source: YamlSource, path: readonly PathSegment[]): Position {
  return positionOf(source, nodeAt(source, path)) ?? { line: 1, column: 1 };
}

/** Position of a key in the map at `mapPath`, so that unknown keys point at themselves. */
function keyAt(source: YamlSource, mapPath: readonly PathSegment[], key: string): Position {
  const map = nodeAt(source, mapPath);
  if (isMap(map)) {
    const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    const position = pair && positionOf(source, pair.key as Node);
    if (position) return position;
  }
  return at(source, mapPath);
}

// ---- shape validation ----

function validate<T>(source: YamlSource, schema: z.ZodType<T>): T | undefined {
  const result = schema.safeParse(source.data, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) reportIssue(source, schema, issue);
  return undefined;
}

function reportIssue(source: YamlSource, schema: z.ZodType, issue: z.core.$ZodIssue): void {
  const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
  const where = path.length > 0 ? `${formatPath(path)}: ` : '';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = keysAt(schema, path);
      const hint = allowed.length > 0 ? ` (expected one of: ${allowed.join(', ')})` : '';
      for (const key of issue.keys) report(source, keyAt(source, path, key), `unknown key "${key}"${hint}`);
      return;
    }
    case 'invalid_type': {
      const node = source.doc.getIn(path, true) as Node | undefined;
      if (node === undefined && issue.input === undefined && path.length > 0) {
        report(source, at(source, path), `missing key "${String(path[path.length - 1])}"${inside(path)}`);
        return;
      }
      const quote = issue.expected === 'string' && isScalar(node) && node.source ? `; quote it: "${node.source}"` : '';
      report(source, at(source, path), `${where}expected ${describeType(issue.expected)}, got ${describeValue(node, issue.input)}${quote}`);
      return;
    }
    case 'invalid_value':
      report(
        source,
        at(source, path),
        `${where}expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(undefined, issue.input)}`,
      );
      return;
    default: {
      const got = typeof issue.input === 'string' ? `, got ${JSON.stringify(issue.input)}` : '';
      report(source, at(source, path), `${where}${issue.message}${got}`);
    }
  }
}

function inside(path: readonly PathSegment[]): string {
  return path.length > 1 ? ` in ${formatPath(path.slice(0, -1))}` : '';
}

function describeType(expected: string): string {
  if (expected === 'object' || expected === 'record') return 'a mapping';
  if (expected === 'array') return 'a list';
  if (expected === 'boolean') return 'true or false';
  return `a ${expected}`;
}

function describeValue(node: Node | undefined, value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  // The source keeps what YAML dropped: 8.20 is read as 8.2.
  return `the ${typeof value} ${isScalar(node) && node.source ? node.source : String(value)}`;
}

/** Keys the schema allows at `path`, to suggest them next to an unknown one. */
function keysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of [...path, undefined]) {
    while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
    if (segment === undefined) break;
    if (current instanceof z.ZodObject) current = current.shape[segment] as z.ZodType | undefined;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

// ---- catalogs ----

const CATALOG_READERS: Record<Framework, (source: YamlSource) => FrameworkCatalog | undefined> = {
  'iso27001-2022': readIsoCatalog,
  'soc2-2017': readSoc2Catalog,
  gdpr: readGdprCatalog,
};

function readIsoCatalog(source: YamlSource): FrameworkCatalog | undefined {
  const file = validate(source, isoCatalogSchema);
  if (!file) return undefined;
  checkUniqueIds(source, file.controls, ['controls'], 'control');
  file.controls.forEach((control, index) => {
    const clause = control.id.split('.')[0];
    if (ISO_THEME_CLAUSE[control.theme] !== clause) {
      const theme = Object.entries(ISO_THEME_CLAUSE).find(([, c]) => c === clause)?.[0];
      const message = `control "${control.id}" is in clause ${clause}, so its theme is ${theme}, not ${control.theme}`;
      report(source, at(source, ['controls', index, 'theme']), message);
    }
    checkUniqueStrings(source, control.predecessors, ['controls', index, 'predecessors'], control.id, 'predecessor');
  });
  return finishCatalog(source, file.framework, file.controls.map((c) => ({ framework: 'iso27001-2022', ...c })));
}

function readSoc2Catalog(source: YamlSource): FrameworkCatalog | undefined {
  const file = validate(source, soc2CatalogSchema);
  if (!file) return undefined;
  checkUniqueIds(source, file.series, ['series'], 'series');
  checkUniqueIds(source, file.controls, ['controls'], 'criterion');
  const series = new Map(file.series.map((s) => [s.id, s]));
  const controls: Soc2Control[] = [];
  file.controls.forEach((control, index) => {
    const group = series.get(control.series);
    if (!group) {
      const known = [...series.keys()].join(', ');
      report(source, at(source, ['controls', index, 'series']), `unknown series "${control.series}" (series: ${known})`);
      return;
    }
    if (!control.id.startsWith(`${group.id}.`)) {
      report(source, at(source, ['controls', index, 'id']), `criterion "${control.id}" does not belong to series "${group.id}"`);
    }
    controls.push({ framework: 'soc2-2017', ...control, seriesTitle: group.title, category: group.category });
  });
  return finishCatalog(source, file.framework, controls);
}

function readGdprCatalog(source: YamlSource): FrameworkCatalog | undefined {
  const file = validate(source, gdprCatalogSchema);
  if (!file) return undefined;
  checkUniqueIds(source, file.controls, ['controls'], 'article');
  const ids = new Set(file.controls.map((c) => c.id));
  file.controls.forEach((control, index) => {
    if (control.parent === undefined) return;
    const where = at(source, ['controls', index, 'parent']);
    if (!ids.has(control.parent)) report(source, where, `parent "${control.parent}" of "${control.id}" is not in the catalog`);
    else if (!control.id.startsWith(`${control.parent}(`)) {
      report(source, where, `"${control.id}" is not part of article "${control.parent}"`);
    }
  });
  return finishCatalog(source, file.framework, file.controls.map((c) => ({ framework: 'gdpr', ...c })));
}

function finishCatalog(source: YamlSource, framework: FrameworkInfo, controls: Control[]): FrameworkCatalog | undefined {
  return source.diagnostics.length > 0 ? undefined : { framework, file: source.file, controls };
}

function checkUniqueIds(
  source: YamlSource,
  items: readonly { id: string }[],
  listPath: readonly PathSegment[],
  what: string,
): void {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const earlier = first.get(item.id);
    if (earlier === undefined) {
      first.set(item.id, index);
      return;
    }
    const line = at(source, [...listPath, earlier, 'id']).line;
    report(source, at(source, [...listPath, index, 'id']), `duplicate ${what} id "${item.id}" (first defined on line ${line})`);
  });
}

/** Reports repeats in a control's list of `noun`s; returns the list without them. */
function checkUniqueStrings(
  source: YamlSource,
  values: readonly string[],
  listPath: readonly PathSegment[],
  owner: string,
  noun: string,
): string[] {
  const seen = new Set<string>();
  return values.filter((value, index) => {
    if (!seen.has(value)) {
      seen.add(value);
      return true;
    }
    report(source, at(source, [...listPath, index]), `control "${owner}" lists ${noun} "${value}" twice`);
    return false;
  });
}

// ---- mappings ----

function readMapping(
  source: YamlSource,
  catalog: FrameworkCatalog | undefined,
  knownRules: ReadonlySet<string> | undefined,
): ControlMapping[] {
  if (!checkQuotedKeys(source)) return [];
  const file = validate(source, mappingSchema);
  if (!file || !catalog) return [];
  const order = new Map(catalog.controls.map((control, index) => [control.id, index]));
  const mappings: ControlMapping[] = [];
  for (const [id, entry] of Object.entries(file)) {
    const control = catalog.controls.find((c) => c.id === id);
    if (!control) {
      report(source, keyAt(source, [], id), `unknown control "${id}": not in ${catalog.file}`);
      continue;
    }
    if (!control.automatable) {
      report(source, keyAt(source, [], id), `control "${id}" is not automatable in ${catalog.file}; mark it automatable or drop its rules`);
      continue;
    }
    const rules = checkUniqueStrings(source, entry.rules, [id, 'rules'], id, 'rule').filter((rule) => {
      if (knownRules === undefined || knownRules.has(rule)) return true;
      report(source, at(source, [id, 'rules', entry.rules.indexOf(rule)]), `unknown rule "${rule}" for control "${id}"`);
      return false;
    });
    if (rules.length > 0) mappings.push({ framework: catalog.framework.id, id, rules, rationale: entry.rationale });
  }
  return mappings.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** Unquoted, `5.10:` is the number 5.1 and would silently map another control; require strings. */
function checkQuotedKeys(source: YamlSource): boolean {
  const root = source.doc.contents;
  if (!isMap(root)) return true;
  let ok = true;
  for (const pair of root.items) {
    if (isScalar(pair.key) && typeof pair.key.value !== 'string') {
      const text = pair.key.source ?? String(pair.key.value);
      report(source, positionOf(source, pair.key) ?? { line: 1, column: 1 }, `control id must be a string; quote it: "${text}"`);
      ok = false;
    }
  }
  return ok;
}
