/** The functions Helm adds on top of Sprig (pkg/engine/funcs.go and engine.go, Helm 3.10). */
import { jsonFloat, marshalJson, unmarshalJsonAs } from '../json.js';
import { formatValue } from '../template/fmt.js';
import { quote } from '../template/strconv.js';
import { GoError, GoInt, GoStruct, isGoMap, newMap, sortedKeys, type GoFunc, type GoMap, type GoValue } from '../template/value.js';
import { decodeYaml, YamlError } from '../yaml/decode.js';
import { marshalYaml, type YPath } from '../yaml/encode.js';
import { def } from './support.js';

/** Helm wraps `required`/`fail` messages so cleanupExecError can show them alone. */
export const WARN_START = 'HELM_ERR_START';
export const WARN_END = 'HELM_ERR_END';

export function warnWrap(message: string): string {
  return `${WARN_START}${message}${WARN_END}`;
}

export interface HelmFuncHooks {
  include(name: string, data: GoValue): string;
  tpl(text: string, values: GoValue): string;
  /** Called with each toYaml result so rendered lines can be traced to the values they came from. */
  yamlRendered?(value: GoValue, text: string, linePaths: (YPath | undefined)[]): void;
}

/** sigs.k8s.io/yaml.Unmarshal error text, as fromYaml reports it under "Error". */
function yamlErrorText(e: unknown): string {
  if (e instanceof YamlError) return e.message.startsWith('error converting') ? e.message : `error converting YAML to JSON: ${e.message}`;
  throw e;
}

/** BurntSushi/toml encoding of a map (what toToml prints). */
export function toToml(value: GoValue): string {
  if (!isGoMap(value)) throw new GoError('toml: top-level values must be Go maps or structs');
  let out = '';
  const bareKey = (k: string): string => (/^[A-Za-z0-9_-]+$/.test(k) ? k : quote(k));
  const scalar = (v: GoValue): string => {
    if (typeof v === 'string') return quote(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return 'nan';
      if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
      const text = jsonFloat(v).includes('e') ? formatValue(v) : jsonFloat(v);
      return text.includes('.') || text.includes('e') ? text : `${text}.0`;
    }
    if (v instanceof GoInt) return v.value.toString();
    if (Array.isArray(v)) return `[${v.map(scalar).join(', ')}]`;
    if (v instanceof GoStruct) return quote(v.stringer() ?? '');
    return quote(formatValue(v));
  };
  const isTable = (v: GoValue): v is GoMap => isGoMap(v);
  const isTableArray = (v: GoValue): boolean => Array.isArray(v) && v.length > 0 && v.every(isTable);
  const table = (map: GoMap, path: string[]): void => {
    const indent = '  '.repeat(Math.max(path.length - 1, 0));
    const keys = sortedKeys(map);
    for (const k of keys) {
      const v = map[k];
      if (v === null) throw new GoError('toml: cannot encode a nil value');
      if (isTable(v) || isTableArray(v)) continue;
      out += `${path.length === 0 ? '' : '  '.repeat(path.length)}${bareKey(k)} = ${scalar(v)}\n`;
    }
    for (const k of keys) {
      const v = map[k];
      const sub = [...path, k];
      const name = sub.map(bareKey).join('.');
      if (isTable(v)) {
        if (out !== '') out += '\n';
        out += `${indent}${path.length === 0 ? '' : '  '}[${name}]\n`;
        table(v, sub);
      } else if (isTableArray(v)) {
        for (const item of v as GoMap[]) {
          if (out !== '') out += '\n';
          out += `${indent}${path.length === 0 ? '' : '  '}[[${name}]]\n`;
          table(item, sub);
        }
      }
    }
  };
  table(value, []);
  return out;
}

export function helmFuncs(hooks: HelmFuncHooks): GoFunc[] {
  const I = 'interface {}';
  return [
    def('toYaml', [I], 'string', (v: GoValue) => {
      try {
        const { text, linePaths } = marshalYaml(v);
        const trimmed = text.endsWith('\n') ? text.slice(0, -1) : text;
        hooks.yamlRendered?.(v, trimmed, linePaths);
        return trimmed;
      } catch (e) {
        if (e instanceof GoError) return '';
        throw e;
      }
    }),
    def('fromYaml', ['string'], 'map[string]interface {}', (s: string) => {
      try {
        const v = decodeYaml(s).value;
        if (v === null) return newMap();
        if (!isGoMap(v)) {
          const m = newMap();
          m.Error = `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number'} into Go value of type map[string]interface {}`;
          return m;
        }
        return v;
      } catch (e) {
        const m = newMap();
        m.Error = yamlErrorText(e);
        return m;
      }
    }),
    def('fromYamlArray', ['string'], '[]interface {}', (s: string) => {
      try {
        const v = decodeYaml(s).value;
        if (v === null) return [];
        if (!Array.isArray(v)) {
          return [`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${isGoMap(v) ? 'object' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number'} into Go value of type []interface {}`];
        }
        return v;
      } catch (e) {
        return [yamlErrorText(e)];
      }
    }),
    def('toJson', [I], 'string', (v: GoValue) => {
      try {
        return marshalJson(v);
      } catch (e) {
        if (e instanceof GoError) return '';
        throw e;
      }
    }),
    def('fromJson', ['string'], 'map[string]interface {}', (s: string) => {
      try {
        return unmarshalJsonAs(s, 'map');
      } catch (e) {
        if (!(e instanceof GoError)) throw e;
        const m = newMap();
        m.Error = e.message;
        return m;
      }
    }),
    def('fromJsonArray', ['string'], '[]interface {}', (s: string) => {
      try {
        return unmarshalJsonAs(s, 'slice');
      } catch (e) {
        if (!(e instanceof GoError)) throw e;
        return [e.message];
      }
    }),
    def('toToml', [I], 'string', (v: GoValue) => {
      try {
        return toToml(v);
      } catch (e) {
        if (e instanceof GoError) return e.message;
        throw e;
      }
    }),
    def('include', ['string', I], 'string', (name: string, data: GoValue) => hooks.include(name, data), { returnsError: true }),
    def('tpl', ['string', 'chartutil.Values'], 'string', (text: string, values: GoValue) => hooks.tpl(text, values), { returnsError: true }),
    def('required', ['string', I], I, (warn: string, v: GoValue) => {
      if (v === null || v === '') throw new GoError(warnWrap(warn));
      return v;
    }, { returnsError: true }),
    def('fail', ['string'], 'string', (msg: string) => {
      throw new GoError(warnWrap(msg));
    }, { returnsError: true }),
    def('lookup', ['string', 'string', 'string', 'string'], 'map[string]interface {}', () => newMap(), { returnsError: true }),
  ];
}
