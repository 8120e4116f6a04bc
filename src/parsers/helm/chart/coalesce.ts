/**
 * Helm's value coalescing (pkg/chartutil/coalesce.go, 3.10): user values win over chart defaults,
 * maps merge, a null user value deletes the default, parents' values reach subcharts under the
 * subchart's name and `global` flows down to every subchart.
 */
import { deepCopy } from '../funcs/sprig.js';
import { formatValue } from '../template/fmt.js';
import { isGoMap, newMap, type GoMap, type GoValue } from '../template/value.js';
import { chartName, type Chart } from './loader.js';

export const GLOBAL_KEY = 'global';

export type Warn = (message: string) => void;

export class CoalesceError extends Error {}

function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}

/** CoalesceValues(chrt, vals): a copy of vals with the chart's (and its subcharts') defaults filled in. */
export function coalesceValues(chart: Chart, vals: GoMap | null, warn: Warn): GoMap {
  const copy = vals === null ? newMap() : (deepCopy(vals) as GoMap);
  return coalesce(chart, copy, '', warn);
}

function coalesce(chart: Chart, dest: GoMap, prefix: string, warn: Warn): GoMap {
  coalesceChartValues(chart, dest, prefix, warn);
  return coalesceDeps(chart, dest, prefix, warn);
}

function coalesceDeps(chart: Chart, dest: GoMap, prefix: string, warn: Warn): GoMap {
  for (const sub of chart.dependencies) {
    const name = chartName(sub);
    if (!Object.hasOwn(dest, name)) dest[name] = newMap();
    else if (!isGoMap(dest[name])) throw new CoalesceError(`type mismatch on ${name}: %!t(${typeof dest[name] === 'string' ? 'string' : 'value'}=${formatValue(dest[name])})`);
    const dvmap = dest[name] as GoMap;
    const subPrefix = concatPrefix(prefix, chartName(chart));
    coalesceGlobals(dvmap, dest, subPrefix, warn);
    dest[name] = coalesce(sub, dvmap, subPrefix, warn);
  }
  return dest;
}

/** Copies the parent's globals into the subchart's values; the parent's win. */
function coalesceGlobals(dest: GoMap, src: GoMap, prefix: string, warn: Warn): void {
  let dg: GoMap;
  if (!Object.hasOwn(dest, GLOBAL_KEY)) dg = newMap();
  else if (isGoMap(dest[GLOBAL_KEY])) dg = dest[GLOBAL_KEY] as GoMap;
  else {
    warn(`warning: skipping globals because destination ${GLOBAL_KEY} is not a table.`);
    return;
  }
  let sg: GoMap;
  if (!Object.hasOwn(src, GLOBAL_KEY)) sg = newMap();
  else if (isGoMap(src[GLOBAL_KEY])) sg = src[GLOBAL_KEY] as GoMap;
  else {
    warn(`warning: skipping globals because source ${GLOBAL_KEY} is not a table.`);
    return;
  }
  for (const key of Object.keys(sg)) {
    const val = sg[key];
    if (isGoMap(val)) {
      const vv = newMap();
      Object.assign(vv, val);
      if (!Object.hasOwn(dg, key)) dg[key] = vv;
      else {
        const destv = dg[key];
        if (!isGoMap(destv)) warn(`Conflict: cannot merge map onto non-map for ${JSON.stringify(key)}. Skipping.`);
        else {
          coalesceTablesFullKey(vv, destv, concatPrefix(prefix, key), warn);
          dg[key] = vv;
        }
      }
    } else if (Object.hasOwn(dg, key) && isGoMap(dg[key])) warn(`key ${key} is table. Skipping`);
    else dg[key] = val;
  }
  dest[GLOBAL_KEY] = dg;
}

/** coalesceValues: the chart's defaults fill in what v does not set; a nil in v deletes the key. */
function coalesceChartValues(chart: Chart, v: GoMap, prefix: string, warn: Warn): void {
  const subPrefix = concatPrefix(prefix, chartName(chart));
  const defaults = deepCopy(chart.values) as GoMap;
  for (const key of Object.keys(defaults)) {
    const val = defaults[key];
    if (Object.hasOwn(v, key)) {
      const value = v[key];
      if (value === null) delete v[key];
      else if (isGoMap(value)) {
        if (!isGoMap(val)) {
          if (val !== null) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
        } else coalesceTablesFullKey(value, val, concatPrefix(subPrefix, key), warn);
      }
    } else v[key] = val;
  }
}

/** CoalesceTables(dst, src): dst wins; a nil in dst deletes the key. */
export function coalesceTables(dst: GoMap | null, src: GoMap | null, warn: Warn): GoMap | null {
  return coalesceTablesFullKey(dst, src, '', warn);
}

function coalesceTablesFullKey(dst: GoMap | null, src: GoMap | null, prefix: string, warn: Warn): GoMap | null {
  if (src === null) return dst;
  if (dst === null) return src;
  for (const key of Object.keys(src)) {
    const val = src[key];
    const fullKey = concatPrefix(prefix, key);
    const has = Object.hasOwn(dst, key);
    const dv: GoValue = has ? dst[key] : null;
    if (has && dv === null) delete dst[key];
    else if (!has) dst[key] = val;
    else if (isGoMap(val)) {
      if (isGoMap(dv)) coalesceTablesFullKey(dv, val, fullKey, warn);
      else warn(`warning: cannot overwrite table with non table for ${fullKey} (${formatValue(val)})`);
    } else if (isGoMap(dv) && val !== null) warn(`warning: destination for ${fullKey} is a table. Ignoring non-table value (${formatValue(val)})`);
  }
  return dst;
}

/** Helm's mergeMaps for -f files: later files win, maps merge recursively, null replaces. */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out = newMap();
  Object.assign(out, a);
  for (const k of Object.keys(b)) {
    const v = b[k];
    if (isGoMap(v) && Object.hasOwn(out, k) && isGoMap(out[k])) {
      out[k] = mergeMaps(out[k] as GoMap, v);
      continue;
    }
    out[k] = v;
  }
  return out;
}
