/** Go's strconv: float formatting, quoting and number parsing, byte for byte. */

interface Digits {
  /** Decimal digits without leading or trailing zeros ("" for zero). */
  d: string;
  /** Position of the decimal point relative to the start of d. */
  dp: number;
  neg: boolean;
}

/** Shortest digits that round-trip (what Go's precision -1 picks). */
function shortestDigits(x: number): Digits {
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  if (abs === 0) return { d: '', dp: 0, neg };
  const [mant, exp] = abs.toExponential().split('e');
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(exp) + 1, neg };
}

/** The exact decimal expansion of a double. */
function exactDigits(x: number): Digits {
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  if (abs === 0) return { d: '', dp: 0, neg };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biasedExp === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  const trimmedLead = digits.replace(/^0+/, '');
  dp -= digits.length - trimmedLead.length;
  return { d: trimmedLead.replace(/0+$/, ''), dp, neg };
}

/** Rounds to nd significant digits, half to even on exact ties (strconv's decimal.Round). */
function roundDigits(digs: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: digs.dp, neg: digs.neg };
  if (nd >= digs.d.length) return digs;
  const rest = digs.d.slice(nd);
  let up: boolean;
  if (rest[0] > '5') up = true;
  else if (rest[0] < '5') up = false;
  else if (/[1-9]/.test(rest.slice(1))) up = true;
  else up = nd > 0 && Number(digs.d[nd - 1]) % 2 === 1;
  let d = digs.d.slice(0, nd);
  let dp = digs.dp;
  if (up) {
    const chars = d.split('');
    let i = chars.length - 1;
    while (i >= 0 && chars[i] === '9') {
      chars[i] = '0';
      i--;
    }
    if (i < 0) {
      chars.unshift('1');
      dp++;
    } else chars[i] = String(Number(chars[i]) + 1);
    d = chars.join('');
  }
  return { d: d.replace(/0+$/, ''), dp, neg: digs.neg };
}

function digitAt(digs: Digits, i: number): string {
  return i >= 0 && i < digs.d.length ? digs.d[i] : '0';
}

function fmtE(digs: Digits, prec: number, e: string): string {
  let out = digs.neg ? '-' : '';
  out += digs.d.length === 0 ? '0' : digs.d[0];
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(digs, i);
  }
  out += e;
  let exp = digs.d.length === 0 ? 0 : digs.dp - 1;
  if (exp < 0) {
    out += '-';
    exp = -exp;
  } else out += '+';
  out += exp < 10 ? `0${exp}` : String(exp);
  return out;
}

function fmtF(digs: Digits, prec: number): string {
  let out = digs.neg ? '-' : '';
  if (digs.dp > 0) {
    for (let i = 0; i < digs.dp; i++) out += digitAt(digs, i);
  } else out += '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digitAt(digs, digs.dp + i);
  }
  return out;
}

/** strconv.FormatFloat(f, 'g', -1, 32). */
export function formatFloat32(f: number): string {
  const target = Math.fround(f);
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(target.toPrecision(p));
    if (Math.fround(candidate) === target) return formatFloat(candidate, 'g', -1);
  }
  return formatFloat(target, 'g', -1);
}

/** strconv.FormatFloat(x, fmt, prec, 64) for fmt in e E f F g G. */
export function formatFloat(x: number, fmt: 'e' | 'E' | 'f' | 'F' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) {
    digs = shortestDigits(x);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = Math.max(digs.d.length - 1, 0);
        break;
      case 'f':
      case 'F':
        prec = Math.max(digs.d.length - digs.dp, 0);
        break;
      default:
        prec = digs.d.length;
    }
  } else {
    const exact = exactDigits(x);
    switch (fmt) {
      case 'e':
      case 'E':
        digs = roundDigits(exact, prec + 1);
        break;
      case 'f':
      case 'F':
        digs = roundDigits(exact, exact.dp + prec);
        break;
      default:
        if (prec === 0) prec = 1;
        digs = roundDigits(exact, prec);
    }
  }
  if (fmt === 'e' || fmt === 'E') return fmtE(digs, prec, fmt);
  if (fmt === 'f' || fmt === 'F') return fmtF(digs, prec);
  let eprec = prec;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (digs.d.length !== 0 && (exp < -4 || exp >= eprec)) {
    if (prec > digs.d.length) prec = digs.d.length;
    return fmtE(digs, prec - 1, fmt === 'g' ? 'e' : 'E');
  }
  if (prec > digs.dp) prec = digs.d.length;
  return fmtF(digs, Math.max(prec - digs.dp, 0));
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint. */
export function isPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

const HEX = '0123456789abcdef';

function escapeRune(cp: number, quote: string, asciiOnly: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (asciiOnly ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return ch;
  switch (cp) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return `\\x${HEX[cp >> 4]}${HEX[cp & 15]}`;
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** strconv.Quote (or QuoteToASCII). */
export function quote(text: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of text) out += escapeRune(ch.codePointAt(0) ?? 0, '"', asciiOnly);
  return `${out}"`;
}

/** strconv.QuoteRune. */
export function quoteRune(cp: number, asciiOnly = false): string {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp < 0) cp = 0xfffd;
  return `'${escapeRune(cp, "'", asciiOnly)}'`;
}

/** strconv.CanBackquote. */
export function canBackquote(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '`' || cp === 0xfeff) return false;
    if (cp < 0x20 && cp !== 9) return false;
    if (cp === 0x7f) return false;
  }
  return true;
}

/** Go's underscoreOK: underscores only between digits or after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseInt(s, base, 64); undefined when Go returns an error (syntax or range). */
export function parseInt64(text: string, base = 0): bigint | undefined {
  const value = parseUintCore(text.replace(/^[+-]/, ''), base, text);
  if (value === undefined) return undefined;
  const negative = text.startsWith('-');
  const signed = negative ? -value : value;
  if (signed > 9223372036854775807n || signed < -9223372036854775808n) return undefined;
  return signed;
}

/** strconv.ParseUint(s, base, 64). */
export function parseUint64(text: string, base = 0): bigint | undefined {
  if (text.startsWith('+') || text.startsWith('-')) return undefined;
  const value = parseUintCore(text, base, text);
  if (value === undefined || value > 18446744073709551615n) return undefined;
  return value;
}

function parseUintCore(s: string, base: number, original: string): bigint | undefined {
  if (s === '') return undefined;
  let allowUnderscores = false;
  if (base === 0) {
    base = 10;
    allowUnderscores = true;
    if (s[0] === '0') {
      if (s.length >= 3 && (s[1] === 'b' || s[1] === 'B')) {
        base = 2;
        s = s.slice(2);
      } else if (s.length >= 3 && (s[1] === 'o' || s[1] === 'O')) {
        base = 8;
        s = s.slice(2);
      } else if (s.length >= 3 && (s[1] === 'x' || s[1] === 'X')) {
        base = 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
        if (s === '') return 0n;
      }
    }
  }
  let value = 0n;
  let sawDigit = false;
  for (const c of s) {
    if (c === '_' && allowUnderscores) continue;
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) return undefined;
    value = value * BigInt(base) + BigInt(d);
    sawDigit = true;
  }
  if (!sawDigit) return undefined;
  if (allowUnderscores && original.includes('_') && !underscoreOK(original)) return undefined;
  return value;
}

/** strconv.ParseFloat(s, 64); undefined on syntax error (range errors give ±Inf like Go's value). */
export function parseFloat64(text: string): number | undefined {
  let s = text;
  const lower = s.toLowerCase();
  const unsigned = lower.replace(/^[+-]/, '');
  if (unsigned === 'inf' || unsigned === 'infinity') return lower.startsWith('-') ? -Infinity : Infinity;
  if (unsigned === 'nan') return NaN;
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    s = s.replace(/_/g, '');
  }
  if (/^[+-]?0[xX]/.test(s)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
    if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
    const mant = parseInt((m[2] || '0') + (m[3] ?? ''), 16) / 16 ** (m[3] ?? '').length;
    const value = mant * 2 ** Number(m[4]);
    return m[1] === '-' ? -value : value;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}
