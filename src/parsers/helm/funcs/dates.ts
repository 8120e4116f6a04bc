/**
 * Go's time.Time, layouts and durations, and Sprig's date functions. The clock is an explicit
 * render option (never the wall clock), and "Local" is UTC, so output is deterministic.
 */
import { GoError, GoInt, GoStruct, goInt64, type GoFunc, type GoValue } from '../template/value.js';
import { def } from './support.js';

const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;

export interface Zone {
  name: string;
  /** Seconds east of UTC. */
  offset: number;
}

export const UTC: Zone = { name: 'UTC', offset: 0 };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nano: number;
  weekday: number;
  yday: number;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export class GoTime extends GoStruct {
  readonly goType = 'time.Time';
  /** Nanoseconds since the Unix epoch. */
  readonly ns: bigint;
  readonly zone: Zone;

  constructor(ns: bigint, zone: Zone = UTC) {
    super();
    this.ns = ns;
    this.zone = zone;
  }

  static fromDate(date: Date): GoTime {
    return new GoTime(BigInt(date.getTime()) * NS_PER_MS, UTC);
  }

  static zero(): GoTime {
    return new GoTime(-62135596800n * NS_PER_S, UTC);
  }

  unix(): bigint {
    return floorDiv(this.ns, NS_PER_S);
  }

  civil(): Civil {
    const local = this.ns + BigInt(this.zone.offset) * NS_PER_S;
    const secs = floorDiv(local, NS_PER_S);
    const nano = Number(local - secs * NS_PER_S);
    const d = new Date(Number(secs) * 1000);
    const start = Date.UTC(d.getUTCFullYear(), 0, 1);
    const startDate = new Date(start);
    startDate.setUTCFullYear(d.getUTCFullYear());
    const yday = Math.floor((d.getTime() - startDate.getTime()) / 86_400_000) + 1;
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      nano,
      weekday: d.getUTCDay(),
      yday,
    };
  }

  in(zone: Zone): GoTime {
    return new GoTime(this.ns, zone);
  }

  format(layout: string): string {
    return formatTime(this, layout);
  }

  override fieldNames(): readonly string[] {
    return [];
  }
  override field(): GoValue {
    return null;
  }
  override stringer(): string {
    return this.format('2006-01-02 15:04:05.999999999 -0700 MST');
  }
  override jsonValue(): GoValue {
    return this.format('2006-01-02T15:04:05.999999999Z07:00');
  }
  override method(name: string): GoFunc | undefined {
    const c = (): Civil => this.civil();
    switch (name) {
      case 'Format':
        return def(name, ['string'], 'string', (layout: string) => this.format(layout));
      case 'String':
        return def(name, [], 'string', () => this.stringer());
      case 'Unix':
        return def(name, [], 'int64', () => goInt64(this.unix()));
      case 'UnixNano':
        return def(name, [], 'int64', () => goInt64(this.ns));
      case 'Year':
        return def(name, [], 'int', () => new GoInt(c().year));
      case 'Month':
        return def(name, [], 'time.Month', () => MONTHS[c().month - 1]);
      case 'Day':
        return def(name, [], 'int', () => new GoInt(c().day));
      case 'Hour':
        return def(name, [], 'int', () => new GoInt(c().hour));
      case 'Minute':
        return def(name, [], 'int', () => new GoInt(c().minute));
      case 'Second':
        return def(name, [], 'int', () => new GoInt(c().second));
      case 'Nanosecond':
        return def(name, [], 'int', () => new GoInt(c().nano));
      case 'YearDay':
        return def(name, [], 'int', () => new GoInt(c().yday));
      case 'Weekday':
        return def(name, [], 'time.Weekday', () => DAYS[c().weekday]);
      case 'UTC':
      case 'Local':
        return def(name, [], 'time.Time', () => this.in(UTC));
      case 'IsZero':
        return def(name, [], 'bool', () => this.ns === GoTime.zero().ns);
      case 'Before':
        return def(name, ['time.Time'], 'bool', (o: GoTime) => this.ns < o.ns);
      case 'After':
        return def(name, ['time.Time'], 'bool', (o: GoTime) => this.ns > o.ns);
      case 'Equal':
        return def(name, ['time.Time'], 'bool', (o: GoTime) => this.ns === o.ns);
      case 'Add':
        return def(name, ['time.Duration'], 'time.Time', (d: GoInt) => new GoTime(this.ns + d.value, this.zone));
      case 'AddDate':
        return def(name, ['int', 'int', 'int'], 'time.Time', (y: GoInt, m: GoInt, d: GoInt) => {
          const cv = c();
          const ms = Date.UTC(cv.year + y.toNumber(), cv.month - 1 + m.toNumber(), cv.day + d.toNumber(), cv.hour, cv.minute, cv.second);
          return new GoTime(BigInt(ms) * NS_PER_MS - BigInt(this.zone.offset) * NS_PER_S + BigInt(cv.nano), this.zone);
        });
    }
    return undefined;
  }
}

type Std =
  | { k: 'lit'; s: string }
  | { k: 'std'; code: string; digits?: number; sep?: string };

function startsWithLower(s: string): boolean {
  return s.length > 0 && s[0] >= 'a' && s[0] <= 'z';
}

/** time.nextStdChunk, producing the whole layout as chunks. */
export function layoutChunks(layout: string): Std[] {
  const out: Std[] = [];
  let rest = layout;
  outer: while (rest.length > 0) {
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i];
      const at = (s: string): boolean => rest.startsWith(s, i);
      let code: string | undefined;
      let len = 0;
      let digits: number | undefined;
      let sep: string | undefined;
      let prefixEnd = i;
      switch (c) {
        case 'J':
          if (at('Jan')) {
            if (at('January')) [code, len] = ['January', 7];
            else if (!startsWithLower(rest.slice(i + 3))) [code, len] = ['Jan', 3];
          }
          break;
        case 'M':
          if (at('Mon')) {
            if (at('Monday')) [code, len] = ['Monday', 6];
            else if (!startsWithLower(rest.slice(i + 3))) [code, len] = ['Mon', 3];
          }
          if (code === undefined && at('MST')) [code, len] = ['MST', 3];
          break;
        case '0':
          if (i + 1 < rest.length && rest[i + 1] >= '1' && rest[i + 1] <= '6') [code, len] = [['01', '02', '03', '04', '05', '06'][Number(rest[i + 1]) - 1], 2];
          else if (at('002')) [code, len] = ['002', 3];
          break;
        case '1':
          [code, len] = at('15') ? ['15', 2] : ['1', 1];
          break;
        case '2':
          [code, len] = at('2006') ? ['2006', 4] : ['2', 1];
          break;
        case '_':
          if (rest[i + 1] === '2') {
            if (rest.startsWith('2006', i + 1)) {
              prefixEnd = i + 1;
              [code, len] = ['2006', 5];
            } else [code, len] = ['_2', 2];
          } else if (at('__2')) [code, len] = ['__2', 3];
          break;
        case '3':
        case '4':
        case '5':
          [code, len] = [c, 1];
          break;
        case 'P':
          if (rest[i + 1] === 'M') [code, len] = ['PM', 2];
          break;
        case 'p':
          if (rest[i + 1] === 'm') [code, len] = ['pm', 2];
          break;
        case '-':
        case 'Z':
          for (const tz of ['070000', '07:00:00', '0700', '07:00', '07']) {
            if (at(c + tz)) {
              [code, len] = [c + tz, tz.length + 1];
              break;
            }
          }
          break;
        case '.':
        case ',':
          if (rest[i + 1] === '0' || rest[i + 1] === '9') {
            const ch = rest[i + 1];
            let j = i + 1;
            while (j < rest.length && rest[j] === ch) j++;
            if (!(j < rest.length && rest[j] >= '0' && rest[j] <= '9')) {
              [code, len] = [ch === '0' ? 'frac0' : 'frac9', j - i];
              digits = j - i - 1;
              sep = c;
            }
          }
          break;
      }
      if (code !== undefined) {
        if (prefixEnd > 0) out.push({ k: 'lit', s: rest.slice(0, prefixEnd) });
        out.push({ k: 'std', code, digits, sep });
        rest = rest.slice(i + len);
        continue outer;
      }
    }
    out.push({ k: 'lit', s: rest });
    break;
  }
  return out;
}

function pad(n: number, width: number, ch = '0'): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + s.padStart(width, ch);
}

function zoneText(offset: number, code: string): string {
  if (code.startsWith('Z') && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = pad(Math.floor(abs / 3600), 2);
  const mm = pad(Math.floor((abs % 3600) / 60), 2);
  const ss = pad(abs % 60, 2);
  const tz = code.slice(1);
  switch (tz) {
    case '070000':
      return sign + hh + mm + ss;
    case '07:00:00':
      return `${sign}${hh}:${mm}:${ss}`;
    case '0700':
      return sign + hh + mm;
    case '07:00':
      return `${sign}${hh}:${mm}`;
    default:
      return sign + hh;
  }
}

export function formatTime(t: GoTime, layout: string): string {
  const c = t.civil();
  let out = '';
  for (const chunk of layoutChunks(layout)) {
    if (chunk.k === 'lit') {
      out += chunk.s;
      continue;
    }
    const hour12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
    switch (chunk.code) {
      case '06':
        out += pad(c.year % 100, 2);
        break;
      case '2006':
        out += pad(c.year, 4);
        break;
      case 'Jan':
        out += MONTHS[c.month - 1].slice(0, 3);
        break;
      case 'January':
        out += MONTHS[c.month - 1];
        break;
      case '1':
        out += String(c.month);
        break;
      case '01':
        out += pad(c.month, 2);
        break;
      case 'Mon':
        out += DAYS[c.weekday].slice(0, 3);
        break;
      case 'Monday':
        out += DAYS[c.weekday];
        break;
      case '2':
        out += String(c.day);
        break;
      case '_2':
        out += pad(c.day, 2, ' ');
        break;
      case '02':
        out += pad(c.day, 2);
        break;
      case '__2':
        out += pad(c.yday, 3, ' ');
        break;
      case '002':
        out += pad(c.yday, 3);
        break;
      case '15':
        out += pad(c.hour, 2);
        break;
      case '3':
        out += String(hour12);
        break;
      case '03':
        out += pad(hour12, 2);
        break;
      case '4':
        out += String(c.minute);
        break;
      case '04':
        out += pad(c.minute, 2);
        break;
      case '5':
        out += String(c.second);
        break;
      case '05':
        out += pad(c.second, 2);
        break;
      case 'PM':
        out += c.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += c.hour >= 12 ? 'pm' : 'am';
        break;
      case 'MST':
        out += t.zone.name !== '' ? t.zone.name : zoneText(t.zone.offset, '-0700');
        break;
      case 'frac0':
      case 'frac9': {
        const digits = chunk.digits ?? 0;
        let frac = String(c.nano).padStart(9, '0').slice(0, digits);
        if (chunk.code === 'frac9') frac = frac.replace(/0+$/, '');
        if (frac !== '' || chunk.code === 'frac0') out += (chunk.sep ?? '.') + frac;
        break;
      }
      default:
        out += zoneText(t.zone.offset, chunk.code);
    }
  }
  return out;
}

/** time.Parse(layout, value) in UTC; throws GoError with Go's wording. */
export function parseTime(layout: string, value: string): GoTime {
  const original = value;
  const fail: (elem: string, rest: string) => never = (elem, rest) => {
    throw new GoError(`parsing time ${JSON.stringify(original)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`);
  };
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nano = 0;
  let pm: boolean | undefined;
  let offset: number | undefined;
  let rest = value;
  const num = (elem: string, min: number, max: number): number => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(rest);
    if (m === null) fail(elem, rest);
    rest = rest.slice(m[0].length);
    return Number(m[0]);
  };
  for (const chunk of layoutChunks(layout)) {
    if (chunk.k === 'lit') {
      const lit = chunk.s.trim() === '' ? chunk.s : chunk.s;
      if (!rest.startsWith(lit)) fail(lit, rest);
      rest = rest.slice(lit.length);
      continue;
    }
    const code = chunk.code;
    switch (code) {
      case '2006':
        year = num(code, 4, 4);
        break;
      case '06': {
        const y = num(code, 2, 2);
        year = y >= 69 ? 1900 + y : 2000 + y;
        break;
      }
      case 'Jan':
      case 'January': {
        const names = code === 'Jan' ? MONTHS.map((m) => m.slice(0, 3)) : MONTHS;
        const idx = names.findIndex((m) => rest.toLowerCase().startsWith(m.toLowerCase()));
        if (idx < 0) fail(code, rest);
        month = idx + 1;
        rest = rest.slice(names[idx].length);
        break;
      }
      case 'Mon':
      case 'Monday': {
        const names = code === 'Mon' ? DAYS.map((d) => d.slice(0, 3)) : DAYS;
        const idx = names.findIndex((d) => rest.toLowerCase().startsWith(d.toLowerCase()));
        if (idx < 0) fail(code, rest);
        rest = rest.slice(names[idx].length);
        break;
      }
      case '1':
      case '01':
        month = num(code, code === '1' ? 1 : 2, 2);
        if (month < 1 || month > 12) throw new GoError(`parsing time ${JSON.stringify(original)}: month out of range`);
        break;
      case '2':
      case '02':
      case '_2':
        if (code === '_2' && rest.startsWith(' ')) rest = rest.slice(1);
        day = num(code, code === '02' ? 2 : 1, 2);
        break;
      case '__2':
      case '002':
        num(code, code === '002' ? 3 : 1, 3);
        break;
      case '15':
        hour = num(code, 2, 2);
        if (hour > 23) throw new GoError(`parsing time ${JSON.stringify(original)}: hour out of range`);
        break;
      case '3':
      case '03':
        hour = num(code, code === '3' ? 1 : 2, 2);
        break;
      case '4':
      case '04':
        minute = num(code, code === '4' ? 1 : 2, 2);
        if (minute > 59) throw new GoError(`parsing time ${JSON.stringify(original)}: minute out of range`);
        break;
      case '5':
      case '05':
        second = num(code, code === '5' ? 1 : 2, 2);
        if (second > 59) throw new GoError(`parsing time ${JSON.stringify(original)}: second out of range`);
        if (/^[.,]\d/.test(rest) && !(layoutChunks(layout).some((ch) => ch.k === 'std' && ch.code.startsWith('frac')))) {
          const m = /^[.,](\d+)/.exec(rest);
          if (m !== null) {
            nano = Number(m[1].slice(0, 9).padEnd(9, '0'));
            rest = rest.slice(m[0].length);
          }
        }
        break;
      case 'PM':
      case 'pm': {
        const p = rest.slice(0, 2).toUpperCase();
        if (p !== 'AM' && p !== 'PM') fail(code, rest);
        pm = p === 'PM';
        rest = rest.slice(2);
        break;
      }
      case 'MST': {
        const m = /^[A-Z]{3,5}|^UTC/.exec(rest);
        if (m === null) fail(code, rest);
        if (m[0] === 'UTC' || m[0] === 'GMT') offset = 0;
        rest = rest.slice(m[0].length);
        break;
      }
      case 'frac0':
      case 'frac9': {
        const m = /^[.,](\d+)/.exec(rest);
        if (m === null) {
          if (code === 'frac0') fail(code, rest);
          break;
        }
        nano = Number(m[1].slice(0, 9).padEnd(9, '0'));
        rest = rest.slice(m[0].length);
        break;
      }
      default: {
        if (code.startsWith('Z') && rest.startsWith('Z')) {
          offset = 0;
          rest = rest.slice(1);
          break;
        }
        const m = /^([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?/.exec(rest);
        if (m === null) fail(code, rest);
        offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
        rest = rest.slice(m[0].length);
      }
    }
  }
  if (rest !== '') throw new GoError(`parsing time ${JSON.stringify(original)}: extra text: ${JSON.stringify(rest)}`);
  if (pm !== undefined) {
    if (pm && hour < 12) hour += 12;
    else if (!pm && hour === 12) hour = 0;
  }
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) throw new GoError(`parsing time ${JSON.stringify(original)}: day out of range`);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(ms);
  date.setUTCFullYear(year);
  const ns = BigInt(date.getTime()) * NS_PER_MS + BigInt(nano) - BigInt(offset ?? 0) * NS_PER_S;
  const zone: Zone = offset === undefined || offset === 0 ? UTC : { name: '', offset };
  return new GoTime(ns, zone);
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n,
  'μs': 1000n,
  ms: 1_000_000n,
  s: NS_PER_S,
  m: 60n * NS_PER_S,
  h: 3600n * NS_PER_S,
};

/** time.ParseDuration. */
export function parseDuration(text: string): bigint {
  const fail: () => never = () => {
    throw new GoError(`time: invalid duration ${JSON.stringify(text)}`);
  };
  let s = text;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') fail();
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?([^\d.]+)/.exec(s);
    if (m === null || (m[1] === '' && (m[2] ?? '') === '')) fail();
    const unit = UNITS[m[3]];
    if (unit === undefined) throw new GoError(`time: unknown unit ${JSON.stringify(m[3])} in duration ${JSON.stringify(text)}`);
    const whole = BigInt(m[1] === '' ? '0' : m[1]) * unit;
    let frac = 0n;
    if (m[2] !== undefined && m[2] !== '') {
      const digits = m[2].slice(0, 18);
      frac = (BigInt(digits) * unit) / 10n ** BigInt(digits.length);
    }
    total += whole + frac;
    if (total > 9223372036854775807n) throw new GoError(`time: invalid duration ${JSON.stringify(text)}`);
    s = s.slice(m[0].length);
  }
  return neg ? -total : total;
}

/** time.Duration.String. */
export function durationString(d: bigint): string {
  let u = d < 0n ? -d : d;
  const neg = d < 0n;
  const frac = (v: bigint, prec: number): [string, bigint] => {
    let digits = '';
    let print = false;
    for (let i = 0; i < prec; i++) {
      const digit = v % 10n;
      print ||= digit !== 0n;
      if (print) digits = digit.toString() + digits;
      v /= 10n;
    }
    return [print ? `.${digits}` : '', v];
  };
  let out: string;
  if (u < NS_PER_S) {
    if (u === 0n) return '0s';
    let unit: string;
    let prec: number;
    if (u < 1000n) [unit, prec] = ['ns', 0];
    else if (u < 1_000_000n) [unit, prec] = ['µs', 3];
    else [unit, prec] = ['ms', 6];
    const [f, rest] = frac(u, prec);
    out = `${rest}${f}${unit}`;
  } else {
    const [f, secsTotal] = frac(u, 9);
    u = secsTotal;
    out = `${u % 60n}${f}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** time.LoadLocation for the zones templates name; the offset comes from the ICU tables. */
export function loadZone(name: string, at: GoTime): Zone | undefined {
  if (name === 'UTC' || name === '' || name === 'Local') return UTC;
  try {
    const when = new Date(Number(at.ns / NS_PER_MS));
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'shortOffset' }).formatToParts(when);
    const offsetText = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(offsetText);
    const offset = m === null ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60);
    const abbrev = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'short' }).formatToParts(when).find((p) => p.type === 'timeZoneName')?.value;
    const zoneName = abbrev !== undefined && /^[A-Z]{3,5}$/.test(abbrev) ? abbrev : zoneText(offset, '-07').replace(/^\+/, '+');
    return { name: zoneName, offset };
  } catch {
    return undefined;
  }
}

export function dateFuncs(now: () => GoTime): GoFunc[] {
  const I = 'interface {}';
  const toTime = (v: GoValue): GoTime => {
    if (v instanceof GoTime) return v;
    if (v instanceof GoInt && (v.type === 'int' || v.type === 'int64' || v.type === 'int32')) return new GoTime(v.value * NS_PER_S, UTC);
    return now();
  };
  const inZone = (layout: string, v: GoValue, zone: string): string => {
    const t = toTime(v);
    return t.in(loadZone(zone, t) ?? UTC).format(layout);
  };
  const durationRound = (v: GoValue): string => {
    let d = 0n;
    if (typeof v === 'string') {
      try {
        d = parseDuration(v);
      } catch {
        d = 0n;
      }
    } else if (v instanceof GoInt && v.type === 'int64') d = v.value;
    else if (v instanceof GoTime) d = now().ns - v.ns;
    let u = BigInt.asUintN(64, d);
    if (d < 0n) u = BigInt.asUintN(64, -u);
    const hour = 3600n * NS_PER_S;
    const steps: [bigint, string][] = [
      [hour * 24n * 365n, 'y'],
      [hour * 24n * 30n, 'm'],
      [hour * 24n, 'd'],
      [hour, 'h'],
      [60n * NS_PER_S, 'm'],
      [NS_PER_S, 's'],
    ];
    for (const [size, unit] of steps) if (u > size) return `${u / size}${unit}`;
    return '0s';
  };
  const modify = (d: string, t: GoTime): GoTime => new GoTime(t.ns + parseDuration(d), t.zone);
  return [
    def('now', [], 'time.Time', () => now()),
    def('ago', [I], 'string', (v: GoValue) => {
      const t = v instanceof GoTime ? v : v instanceof GoInt && (v.type === 'int' || v.type === 'int64') ? new GoTime(v.value * NS_PER_S) : now();
      const diff = now().ns - t.ns;
      const rounded = ((diff + (diff >= 0n ? NS_PER_S / 2n : -NS_PER_S / 2n)) / NS_PER_S) * NS_PER_S;
      return durationString(rounded);
    }),
    def('date', ['string', I], 'string', (layout: string, v: GoValue) => inZone(layout, v, 'Local')),
    def('dateInZone', ['string', I, 'string'], 'string', inZone),
    def('date_in_zone', ['string', I, 'string'], 'string', inZone),
    def('htmlDate', [I], 'string', (v: GoValue) => inZone('2006-01-02', v, 'Local')),
    def('htmlDateInZone', [I, 'string'], 'string', (v: GoValue, zone: string) => inZone('2006-01-02', v, zone)),
    def('dateModify', ['string', 'time.Time'], 'time.Time', (d: string, t: GoTime) => {
      try {
        return modify(d, t);
      } catch {
        return t;
      }
    }),
    def('date_modify', ['string', 'time.Time'], 'time.Time', (d: string, t: GoTime) => {
      try {
        return modify(d, t);
      } catch {
        return t;
      }
    }),
    def('mustDateModify', ['string', 'time.Time'], 'time.Time', modify, { returnsError: true }),
    def('must_date_modify', ['string', 'time.Time'], 'time.Time', modify, { returnsError: true }),
    def('duration', [I], 'string', (v: GoValue) => {
      let n = 0n;
      if (typeof v === 'string') n = /^[+-]?\d+$/.test(v) ? BigInt(v) : 0n;
      else if (v instanceof GoInt && v.type === 'int64') n = v.value;
      return durationString(BigInt.asIntN(64, n * NS_PER_S));
    }),
    def('durationRound', [I], 'string', durationRound),
    def('toDate', ['string', 'string'], 'time.Time', (layout: string, s: string) => {
      try {
        return parseTime(layout, s);
      } catch {
        return GoTime.zero();
      }
    }),
    def('mustToDate', ['string', 'string'], 'time.Time', (layout: string, s: string) => parseTime(layout, s), { returnsError: true }),
    def('unixEpoch', ['time.Time'], 'string', (t: GoTime) => t.unix().toString()),
  ];
}
