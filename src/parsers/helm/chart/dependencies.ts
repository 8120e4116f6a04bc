/**
 * Helm's dependency processing (pkg/chartutil/dependencies.go, 3.10): aliases, `condition` and
 * `tags` switching subcharts off, and `import-values` (both the `exports` string form and the
 * child/parent map form) lifting subchart values into the parent.
 */
import { SemConstraints, SemVersion } from '../funcs/semver.js';
import { isGoMap, newMap, type GoMap, type GoValue } from '../template/value.js';
import { coalesceTables, coalesceValues, type Warn } from './coalesce.js';
import { chartName, type Chart } from './loader.js';
import type { Dependency } from './metadata.js';

/** chartutil.IsCompatibleRange. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  try {
    return new SemConstraints(constraint).check(SemVersion.parse(version));
  } catch {
    return false;
  }
}

/** Values.Table("a.b"): the nested map, or undefined. */
export function table(values: GoMap, path: string): GoMap | undefined {
  let current: GoMap = values;
  for (const part of path.split('.')) {
    if (!Object.hasOwn(current, part)) return undefined;
    const next = current[part];
    if (!isGoMap(next)) return undefined;
    current = next;
  }
  return current;
}

/** Values.PathValue("a.b.c"): a non-table value, or undefined ("is not a value"). */
export function pathValue(values: GoMap, path: string): { value: GoValue } | undefined {
  if (path === '') return undefined;
  const parts = path.split('.');
  const key = parts[parts.length - 1];
  const t = parts.length === 1 ? values : table(values, parts.slice(0, -1).join('.'));
  if (t === undefined || !Object.hasOwn(t, key) || isGoMap(t[key])) return undefined;
  return { value: t[key] };
}

function processConditions(reqs: Dependency[], cvals: GoMap, cpath: string, warn: Warn): void {
  for (const r of reqs) {
    for (const c of r.condition.trim().split(',')) {
      if (c.length === 0) continue;
      const found = pathValue(cvals, cpath + c);
      if (found === undefined) continue;
      if (typeof found.value === 'boolean') {
        r.enabled = found.value;
        break;
      }
      warn(`Warning: Condition path '${c}' for chart ${r.name} returned non-bool value`);
    }
  }
}

function processTags(reqs: Dependency[], cvals: GoMap, warn: Warn): void {
  const tags = table(cvals, 'tags');
  if (tags === undefined) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags) {
      if (!Object.hasOwn(tags, k)) continue;
      const b = tags[k];
      if (typeof b === 'boolean') {
        if (b) hasTrue = true;
        else hasFalse = true;
      } else warn(`Warning: Tag '${k}' for chart ${r.name} returned non-bool value`);
    }
    if (!hasTrue && hasFalse) r.enabled = false;
    else if (hasTrue || (!hasTrue && !hasFalse)) r.enabled = true;
  }
}

function aliasDependency(charts: Chart[], dep: Dependency): Chart | undefined {
  for (const c of charts) {
    if (chartName(c) !== dep.name) continue;
    if (!isCompatibleRange(dep.version, c.metadata.version)) continue;
    const copy: Chart = { ...c, metadata: { ...c.metadata } };
    if (dep.alias !== '') copy.metadata.name = dep.alias;
    return copy;
  }
  return undefined;
}

function setDependencies(c: Chart, deps: Chart[]): void {
  c.dependencies = [];
  for (const d of deps) {
    d.parent = c;
    c.dependencies.push(d);
  }
}

/** processDependencyEnabled: drops disabled subcharts, applies aliases; recurses with the parent's values. */
function processEnabled(c: Chart, v: GoMap, path: string, warn: Warn): void {
  const declared = c.metadata.dependencies;
  if (declared === null) return;
  const kept: Chart[] = [];
  outer: for (const existing of c.dependencies) {
    for (const req of declared) {
      if (chartName(existing) === req.name && isCompatibleRange(req.version, existing.metadata.version)) continue outer;
    }
    kept.push(existing);
  }
  for (const req of declared) {
    const dep = aliasDependency(c.dependencies, req);
    if (dep !== undefined) kept.push(dep);
    if (req.alias !== '') req.name = req.alias;
  }
  setDependencies(c, kept);
  for (const req of declared) req.enabled = true;
  const cvals = coalesceValues(c, v, warn);
  processTags(declared, cvals, warn);
  processConditions(declared, cvals, path, warn);
  const removed = new Set(declared.filter((r) => !r.enabled).map((r) => r.name));
  const cd = c.dependencies.filter((d) => !removed.has(chartName(d)));
  const cdMetadata = declared.filter((r) => !removed.has(r.name));
  for (const t of cd) processEnabled(t, cvals, `${path}${chartName(t)}.`, warn);
  c.metadata.dependencies = cdMetadata;
  setDependencies(c, cd);
}

/** pathToMap: nests data under a dotted path ("." keeps it at the top). */
function pathToMap(path: string, data: GoMap): GoMap {
  if (path === '.') return data;
  let cur: GoMap = data;
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const m = newMap();
    m[parts[i]] = cur;
    cur = m;
  }
  return cur;
}

function processImportValues(c: Chart, warn: Warn): void {
  if (c.metadata.dependencies === null) return;
  const cvals = coalesceValues(c, null, warn);
  let b: GoMap = newMap();
  for (const r of c.metadata.dependencies) {
    const out: GoValue[] = [];
    for (const riv of r.importValues) {
      if (isGoMap(riv)) {
        const child = typeof riv.child === 'string' ? riv.child : '';
        const parent = typeof riv.parent === 'string' ? riv.parent : '';
        const pair = newMap('map[string]string');
        pair.child = child;
        pair.parent = parent;
        out.push(pair);
        const vv = table(cvals, `${r.name}.${child}`);
        if (vv === undefined) {
          warn(`Warning: ImportValues missing table from chart ${r.name}: no table named "${child}"`);
          continue;
        }
        b = coalesceTables(b, pathToMap(parent, vv), warn) ?? b;
      } else if (typeof riv === 'string') {
        const child = `exports.${riv}`;
        const pair = newMap('map[string]string');
        pair.child = child;
        pair.parent = '.';
        out.push(pair);
        const vm = table(cvals, `${r.name}.${child}`);
        if (vm === undefined) {
          warn(`Warning: ImportValues missing table: no table named "${child}"`);
          continue;
        }
        b = coalesceTables(b, vm, warn) ?? b;
      }
    }
    r.importValues = out;
  }
  c.values = coalesceTables(cvals, b, warn) ?? cvals;
}

function processImportValuesRecursive(c: Chart, warn: Warn): void {
  for (const d of c.dependencies) processImportValuesRecursive(d, warn);
  processImportValues(c, warn);
}

/** chartutil.ProcessDependencies(chart, userValues). */
export function processDependencies(c: Chart, userValues: GoMap, warn: Warn): void {
  processEnabled(c, userValues, '', warn);
  processImportValuesRecursive(c, warn);
}

/** action.CheckDependencies: every Chart.yaml dependency must be present under charts/. */
export function missingDependencies(c: Chart): string[] {
  const present = new Set(c.dependencies.map(chartName));
  return (c.metadata.dependencies ?? []).map((d) => d.name).filter((n) => !present.has(n));
}
