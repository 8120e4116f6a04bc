/** gopkg.in/yaml.v2's implicit tag resolution (resolve.go): what a plain scalar means. */
import { parseFloat64, parseInt64, parseUint64 } from '../template/strconv.js';

export type ResolvedTag = 'str' | 'bool' | 'null' | 'int' | 'float' | 'timestamp' | 'merge';

export interface Resolved {
  tag: ResolvedTag;
  /** bool, null, float (number), int (bigint) or the string itself. */
  value: boolean | null | number | bigint | string;
}

const MAP: Record<string, Resolved> = {};
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) MAP[s] = { tag: 'bool', value: true };
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) MAP[s] = { tag: 'bool', value: false };
for (const s of ['', '~', 'null', 'Null', 'NULL']) MAP[s] = { tag: 'null', value: null };
for (const s of ['.nan', '.NaN', '.NAN']) MAP[s] = { tag: 'float', value: NaN };
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) MAP[s] = { tag: 'float', value: Infinity };
for (const s of ['-.inf', '-.Inf', '-.INF']) MAP[s] = { tag: 'float', value: -Infinity };
MAP['<<'] = { tag: 'merge', value: '<<' };

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

function hint(c: string | undefined): string {
  if (c === undefined) return 'N';
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

/** YAML timestamp forms go-yaml v2 accepts (it keeps the text when decoding into interface{}). */
const TIMESTAMP = [
  /^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?$/,
  /^\d{4}-\d{1,2}-\d{1,2}$/,
];

function isTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  if (!TIMESTAMP.some((re) => re.test(s))) return false;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
  if (m === null) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  if (day > days) return false;
  const t = /[Tt ](\d{1,2}):(\d{1,2}):(\d{1,2})/.exec(s);
  if (t !== null && (Number(t[1]) > 23 || Number(t[2]) > 59 || Number(t[3]) > 59)) return false;
  return true;
}

/** resolve("", s) for a plain scalar. */
export function resolvePlain(s: string): Resolved {
  const h = hint(s[0]);
  if (h === '') return { tag: 'str', value: s };
  const mapped = MAP[s];
  if (mapped !== undefined && Object.hasOwn(MAP, s)) return mapped;
  if (h === '.') {
    const f = parseFloat64(s);
    if (f !== undefined) return { tag: 'float', value: f };
    return { tag: 'str', value: s };
  }
  if (h === 'D' || h === 'S') {
    if (isTimestamp(s)) return { tag: 'timestamp', value: s };
    const plain = s.replace(/_/g, '');
    const i = parseInt64(plain, 0);
    if (i !== undefined) return { tag: 'int', value: i };
    const u = parseUint64(plain, 0);
    if (u !== undefined) return { tag: 'int', value: u };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = parseFloat64(plain);
      if (f !== undefined) return { tag: 'float', value: f };
    }
    if (plain.startsWith('0b')) {
      const b = parseInt64(plain.slice(2), 2);
      if (b !== undefined) return { tag: 'int', value: b };
      const ub = parseUint64(plain.slice(2), 2);
      if (ub !== undefined) return { tag: 'int', value: ub };
    } else if (plain.startsWith('-0b')) {
      const b = parseInt64(`-${plain.slice(3)}`, 2);
      if (b !== undefined) return { tag: 'int', value: b };
    }
  }
  return { tag: 'str', value: s };
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** go-yaml v2 quotes strings that YAML 1.1 parsers would read as sexagesimal numbers. */
export function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0];
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}
