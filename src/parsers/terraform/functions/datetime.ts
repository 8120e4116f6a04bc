/** formatdate, timeadd and timecmp with cty's strict RFC 3339 parsing and Go's error wording. */
import type { FunctionTable } from './registry.js';
import { argError } from './registry.js';
import { STRING } from './types.js';
import { FunctionError } from './value.js';

/** An instant with the UTC offset it was written in. */
interface Timestamp {
  /** Nanoseconds since the Unix epoch. */
  epochNanos: bigint;
  offsetSeconds: number;
}

const NANOS_PER_SECOND = 1_000_000_000n;

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const isDigit = (s: string, i: number): boolean => i < s.length && s[i] >= '0' && s[i] <= '9';

/** cty's parseRFC3339: the only form accepted. */
function parseStrict(s: string): Timestamp | undefined {
  if (s.length < 19) return undefined;
  const num = (text: string, min: number, max: number): number | undefined => {
    if (!/^\d+$/.test(text)) return undefined;
    const n = Number(text);
    return n < min || n > max ? undefined : n;
  };
  const year = num(s.slice(0, 4), 0, 9999);
  const month = num(s.slice(5, 7), 1, 12);
  const day = year !== undefined && month !== undefined ? num(s.slice(8, 10), 1, daysIn(month, year)) : undefined;
  const hour = num(s.slice(11, 13), 0, 23);
  const minute = num(s.slice(14, 16), 0, 59);
  const second = num(s.slice(17, 19), 0, 59);
  if ([year, month, day, hour, minute, second].includes(undefined)) return undefined;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return undefined;
  let rest = s.slice(19);
  let nanos = 0;
  if (rest.length >= 2 && rest[0] === '.' && isDigit(rest, 1)) {
    let n = 2;
    while (isDigit(rest, n)) n++;
    nanos = Number(rest.slice(1, Math.min(n, 10)).padEnd(9, '0'));
    rest = rest.slice(n);
  }
  let offsetSeconds = 0;
  if (rest !== 'Z') {
    if (rest.length !== 6) return undefined;
    const hh = num(rest.slice(1, 3), 0, 23);
    const mm = num(rest.slice(4, 6), 0, 59);
    if (hh === undefined || mm === undefined || (rest[0] !== '-' && rest[0] !== '+') || rest[3] !== ':') return undefined;
    offsetSeconds = (hh * 60 + mm) * 60 * (rest[0] === '-' ? -1 : 1);
  }
  const localSeconds =
    daysFromCivil(year!, month!, day!) * 86400 + hour! * 3600 + minute! * 60 + second!;
  return {
    epochNanos: BigInt(localSeconds - offsetSeconds) * NANOS_PER_SECOND + BigInt(nanos),
    offsetSeconds,
  };
}

interface GoParseError {
  layoutElem: string;
  valueElem: string;
  message: string;
}

/** Go's time.Parse(time.RFC3339, s), kept only for the error it reports. */
function goParseError(value: string): GoParseError | undefined {
  const steps: [string, string][] = [
    ['', '2006'],
    ['-', '01'],
    ['-', '02'],
    ['T', '15'],
    [':', '04'],
    [':', '05'],
    ['', 'Z07:00'],
  ];
  let v = value;
  let year = 0;
  let month = 0;
  let day = 0;
  const getnum = (s: string, fixed: boolean): [number, string] | undefined => {
    if (!isDigit(s, 0)) return undefined;
    if (!isDigit(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
    return [Number(s.slice(0, 2)), s.slice(2)];
  };
  for (const [prefix, std] of steps) {
    for (const ch of prefix) {
      if (v[0] !== ch) return { layoutElem: prefix, valueElem: v, message: '' };
      v = v.slice(1);
    }
    const hold = v;
    let bad = false;
    let range = '';
    switch (std) {
      case '2006':
        if (v.length < 4 || !isDigit(v, 0) || !/^\d{4}$/.test(v.slice(0, 4))) bad = true;
        else {
          year = Number(v.slice(0, 4));
          v = v.slice(4);
        }
        break;
      case 'Z07:00': {
        if (v[0] === 'Z') {
          v = v.slice(1);
          break;
        }
        if (v.length < 6 || v[3] !== ':') {
          bad = true;
          break;
        }
        const hh = getnum(v.slice(1, 3), true);
        const mm = getnum(v.slice(4, 6), true);
        if (!hh || !mm || (v[0] !== '+' && v[0] !== '-')) bad = true;
        else if (hh[0] > 24) range = 'time zone offset hour';
        else if (mm[0] > 60) range = 'time zone offset minute';
        v = v.slice(6);
        break;
      }
      default: {
        const got = getnum(v, std !== '15');
        if (!got) {
          bad = true;
          break;
        }
        const [n, rest] = got;
        v = rest;
        if (std === '01') {
          month = n;
          if (n < 1 || n > 12) range = 'month';
        } else if (std === '02') {
          day = n;
        } else if (std === '15' && n > 23) {
          range = 'hour';
        } else if (std === '04' && n > 59) {
          range = 'minute';
        } else if (std === '05') {
          if (n > 59) range = 'second';
          else if (v.length >= 2 && (v[0] === '.' || v[0] === ',') && isDigit(v, 1)) {
            let end = 2;
            while (isDigit(v, end)) end++;
            v = v.slice(end);
          }
        }
      }
    }
    if (range) return { layoutElem: std, valueElem: v, message: `: ${range} out of range` };
    if (bad) return { layoutElem: std, valueElem: hold, message: '' };
  }
  if (v !== '') return { layoutElem: '', valueElem: v, message: `: extra text: ${JSON.stringify(v)}` };
  if (day < 1 || day > daysIn(month, year)) return { layoutElem: '', valueElem: '', message: ': day out of range' };
  return undefined;
}

/** What cty adds when Go accepts a timestamp its strict parser rejects. */
function strictnessError(s: string): GoParseError {
  if (s[12] === ':') return { layoutElem: '15', valueElem: s.slice(11, 12), message: ': hour must have two digits' };
  if (s[19] === ',') return { layoutElem: '.', valueElem: ',', message: ': sub-second separator must be a period' };
  if (!s.endsWith('Z')) {
    const zone = s.slice(-6);
    if (Number(s.slice(-5, -3)) >= 24) return { layoutElem: 'Z07:00', valueElem: zone, message: ': timezone hour out of range' };
    if (Number(s.slice(-2)) >= 60) return { layoutElem: 'Z07:00', valueElem: zone, message: ': timezone minute out of range' };
  }
  return { layoutElem: '2006-01-02T15:04:05Z07:00', valueElem: s, message: '' };
}

const WHAT: Record<string, string> = {
  '2006': 'year',
  '01': 'month',
  '02': 'day of month',
  '15': 'hour',
  '04': 'minute',
  '05': 'second',
  'Z07:00': 'UTC offset',
};

function describe(error: GoParseError): string {
  const prefix = 'not a valid RFC3339 timestamp';
  if (error.layoutElem === '' && error.valueElem === '' && error.message !== '') return `${prefix}${error.message}`;
  if (error.layoutElem === 'T') return `${prefix}: missing required time introducer 'T'`;
  if (error.layoutElem === ':' || error.layoutElem === '-') {
    return error.valueElem === ''
      ? `${prefix}: end of string where ${JSON.stringify(error.layoutElem)} is expected`
      : `${prefix}: found ${JSON.stringify(error.valueElem)} where ${JSON.stringify(error.layoutElem)} is expected`;
  }
  const what = WHAT[error.layoutElem] ?? 'timestamp segment';
  if (error.valueElem === '') return `${prefix}: end of string before ${what}`;
  if (what === 'hour' && error.valueElem.includes(':')) return `${prefix}: hour must be between 0 and 23 inclusive`;
  if (what === 'hour' && error.valueElem.length !== 2) return `${prefix}: hour must have exactly two digits`;
  if (what === 'minute' && error.valueElem.length !== 2) return `${prefix}: minute must have exactly two digits`;
  return `${prefix}: cannot use ${JSON.stringify(error.valueElem)} as ${what}`;
}

/** Parses an RFC 3339 timestamp as Terraform does; throws FunctionError with Terraform's message. */
export function parseTimestamp(text: string): Timestamp {
  const parsed = parseStrict(text);
  if (parsed) return parsed;
  throw new FunctionError(describe(goParseError(text) ?? strictnessError(text)));
}

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

function civil(t: Timestamp): Civil {
  const localSeconds = Number(t.epochNanos / NANOS_PER_SECOND - (t.epochNanos % NANOS_PER_SECOND < 0n ? 1n : 0n)) + t.offsetSeconds;
  const days = Math.floor(localSeconds / 86400);
  const secondOfDay = localSeconds - days * 86400;
  return {
    ...civilFromDays(days),
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor((secondOfDay % 3600) / 60),
    second: secondOfDay % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

function formatYear(year: number): string {
  return year < 0 ? `-${String(-year).padStart(3, '0')}` : String(year).padStart(4, '0');
}

function offsetText(offsetSeconds: number, colon: boolean): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const minutes = Math.floor(Math.abs(offsetSeconds) / 60);
  return `${sign}${pad2(Math.floor(minutes / 60))}${colon ? ':' : ''}${pad2(minutes % 60)}`;
}

/** Go's time.RFC3339 layout, which drops fractional seconds. */
export function formatRfc3339(t: Timestamp): string {
  const c = civil(t);
  const zone = t.offsetSeconds === 0 ? 'Z' : offsetText(t.offsetSeconds, true);
  return `${formatYear(c.year)}-${pad2(c.month)}-${pad2(c.day)}T${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}${zone}`;
}

/** cty's splitDateFormat: quoted literals, runs of one letter, and other text. */
function dateFormatTokens(format: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === "'") {
      if (format[i + 1] === "'") {
        tokens.push("''");
        i += 2;
        continue;
      }
      let close = -1;
      for (let j = i + 1; j < format.length; j++) {
        if (format[j] !== "'") continue;
        if (j + 1 < format.length && format[j + 1] === "'") {
          j++;
          continue;
        }
        close = j;
        break;
      }
      const end = close === -1 ? format.length : close + 1;
      tokens.push(format.slice(i, end));
      i = end;
    } else if (/[A-Za-z]/.test(c)) {
      let end = i + 1;
      while (format[end] === c) end++;
      tokens.push(format.slice(i, end));
      i = end;
    } else {
      let end = i + 1;
      while (end < format.length && format[end] !== "'" && !/[A-Za-z]/.test(format[end])) end++;
      tokens.push(format.slice(i, end));
      i = end;
    }
  }
  return tokens;
}

function formatDate(format: string, t: Timestamp): string {
  const c = civil(t);
  let out = '';
  for (const token of dateFormatTokens(format)) {
    if (token.startsWith("'")) {
      if (token.length === 1 || !token.endsWith("'")) throw argError('format', "unterminated literal '");
      if (token.length === 2) {
        out += "'";
        continue;
      }
      const raw = token.slice(1, -1);
      for (let i = 0; i < raw.length; i++) {
        out += raw[i];
        if (raw[i] === "'") i++;
      }
      continue;
    }
    if (!/^[A-Za-z]/.test(token)) {
      out += token;
      continue;
    }
    const invalid = (detail: string): FunctionError =>
      argError('format', `invalid date format verb ${JSON.stringify(token)}${detail ? `: ${detail}` : ''}`);
    const n = token.length;
    switch (token[0]) {
      case 'Y':
        if (n === 2) out += pad2(((c.year % 100) + 100) % 100);
        else if (n === 4) out += formatYear(c.year);
        else throw invalid('year must either be "YY" or "YYYY"');
        break;
      case 'M':
        if (n === 1) out += c.month;
        else if (n === 2) out += pad2(c.month);
        else if (n === 3) out += MONTHS[c.month - 1].slice(0, 3);
        else if (n === 4) out += MONTHS[c.month - 1];
        else throw invalid('month must be "M", "MM", "MMM", or "MMMM"');
        break;
      case 'D':
        if (n === 1) out += c.day;
        else if (n === 2) out += pad2(c.day);
        else throw invalid('day of month must either be "D" or "DD"');
        break;
      case 'E':
        if (n === 3) out += WEEKDAYS[c.weekday].slice(0, 3);
        else if (n === 4) out += WEEKDAYS[c.weekday];
        else throw invalid('day of week must either be "EEE" or "EEEE"');
        break;
      case 'h':
        if (n === 1) out += c.hour;
        else if (n === 2) out += pad2(c.hour);
        else throw invalid('24-hour must either be "h" or "hh"');
        break;
      case 'H': {
        const h = c.hour % 12 === 0 ? 12 : c.hour % 12;
        if (n === 1) out += h;
        else if (n === 2) out += pad2(h);
        else throw invalid('12-hour must either be "H" or "HH"');
        break;
      }
      case 'A':
      case 'a':
        if (n !== 2) throw invalid(`must be "${token[0]}${token[0]}"`);
        out += c.hour < 12 ? (token[0] === 'A' ? 'AM' : 'am') : token[0] === 'A' ? 'PM' : 'pm';
        break;
      case 'm':
        if (n === 1) out += c.minute;
        else if (n === 2) out += pad2(c.minute);
        else throw invalid('minute must either be "m" or "mm"');
        break;
      case 's':
        if (n === 1) out += c.second;
        else if (n === 2) out += pad2(c.second);
        else throw invalid('second must either be "s" or "ss"');
        break;
      case 'Z':
        if (n === 1) out += t.offsetSeconds === 0 ? 'Z' : offsetText(t.offsetSeconds, true);
        else if (n === 3) out += t.offsetSeconds === 0 ? 'UTC' : offsetText(t.offsetSeconds, false);
        else if (n === 4) out += offsetText(t.offsetSeconds, false);
        else if (n === 5) out += offsetText(t.offsetSeconds, true);
        else throw invalid('timezone must be Z, ZZZZ, or ZZZZZ');
        break;
      default:
        throw invalid('');
    }
  }
  return out;
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n,
  'μs': 1_000n,
  ms: 1_000_000n,
  s: NANOS_PER_SECOND,
  m: 60n * NANOS_PER_SECOND,
  h: 3600n * NANOS_PER_SECOND,
};

const MAX_DURATION = (1n << 63n) - 1n;

/** Go's time.ParseDuration, in nanoseconds. */
export function parseDuration(text: string): bigint {
  const invalid = (): FunctionError => new FunctionError(`time: invalid duration ${JSON.stringify(text)}`);
  let s = text;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    const match = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const [whole, intPart, fracPart] = match;
    if (!/^[0-9.]/.test(s) || (intPart === '' && (fracPart ?? '') === '')) throw invalid();
    s = s.slice(whole.length);
    const unitMatch = /^[^0-9.]+/.exec(s);
    if (!unitMatch) throw new FunctionError(`time: missing unit in duration ${JSON.stringify(text)}`);
    const unitName = unitMatch[0];
    const unit = UNITS[unitName];
    if (unit === undefined) throw new FunctionError(`time: unknown unit ${JSON.stringify(unitName)} in duration ${JSON.stringify(text)}`);
    s = s.slice(unitName.length);
    let value = BigInt(intPart || '0') * unit;
    if (fracPart) value += BigInt(Math.floor(Number(`0.${fracPart}`) * Number(unit)));
    total += value;
    if (total > 1n << 63n) throw invalid();
  }
  if (!negative && total > MAX_DURATION) throw invalid();
  return negative ? -total : total;
}

export const datetimeFunctions: FunctionTable = {
  formatdate: {
    params: [
      { name: 'format', type: STRING },
      { name: 'time', type: STRING },
    ],
    impl: ([format, time]) => {
      let t: Timestamp;
      try {
        t = parseTimestamp(time as string);
      } catch (error) {
        throw argError('time', (error as Error).message);
      }
      return formatDate(format as string, t);
    },
  },
  timeadd: {
    params: [
      { name: 'timestamp', type: STRING },
      { name: 'duration', type: STRING },
    ],
    impl: ([timestamp, duration]) => {
      const t = parseTimestamp(timestamp as string);
      const nanos = parseDuration(duration as string);
      return formatRfc3339({ epochNanos: t.epochNanos + nanos, offsetSeconds: t.offsetSeconds });
    },
  },
  timecmp: {
    params: [
      { name: 'timestamp_a', type: STRING },
      { name: 'timestamp_b', type: STRING },
    ],
    impl: ([a, b]) => {
      const parse = (param: string, text: string): Timestamp => {
        try {
          return parseTimestamp(text);
        } catch (error) {
          throw argError(param, (error as Error).message);
        }
      };
      const ta = parse('timestamp_a', a as string);
      const tb = parse('timestamp_b', b as string);
      return ta.epochNanos === tb.epochNanos ? 0 : ta.epochNanos < tb.epochNanos ? -1 : 1;
    },
  },
};
