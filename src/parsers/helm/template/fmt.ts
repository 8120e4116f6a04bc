/** Go's fmt package (Sprintf, Sprint, Sprintln) over template values. */
import { canBackquote, formatFloat, quote, quoteRune } from './strconv.js';
import {
  GoInt,
  GoStruct,
  sortedKeys,
  typeName,
  utf8Bytes,
  utf8Decode,
  type GoMap,
  type GoValue,
} from './value.js';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid?: number;
  prec?: number;
}

function noFlags(): Flags {
  return { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false };
}

function runeCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

class Printer {
  buf = '';
  f: Flags = noFlags();

  private padding(n: number): string {
    if (n <= 0) return '';
    return (this.f.zero ? '0' : ' ').repeat(n);
  }

  pad(text: string): void {
    if (this.f.wid === undefined || this.f.wid === 0) {
      this.buf += text;
      return;
    }
    const width = this.f.wid - runeCount(text);
    if (this.f.minus) this.buf += text + ' '.repeat(Math.max(width, 0));
    else this.buf += this.padding(width) + text;
  }

  private truncate(text: string): string {
    if (this.f.prec === undefined) return text;
    let n = 0;
    let out = '';
    for (const ch of text) {
      if (n >= this.f.prec) break;
      out += ch;
      n++;
    }
    return out;
  }

  fmtString(text: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.pad(quote(text));
        else this.pad(this.truncate(text));
        return;
      case 's':
        this.pad(this.truncate(text));
        return;
      case 'x':
      case 'X':
        this.fmtHexBytes(utf8Bytes(text), verb);
        return;
      case 'q':
        this.fmtQ(text);
        return;
    }
    this.badVerb(verb, text);
  }

  private fmtQ(text: string): void {
    text = this.truncate(text);
    if (this.f.sharp && canBackquote(text)) this.pad(`\`${text}\``);
    else this.pad(quote(text, this.f.plus));
  }

  fmtHexBytes(bytes: Uint8Array, verb: string): void {
    const digits = verb === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
    let length = bytes.length;
    if (this.f.prec !== undefined && this.f.prec < length) length = this.f.prec;
    let out = '';
    for (let i = 0; i < length; i++) {
      if (this.f.space && i > 0) out += ' ';
      if (this.f.sharp && (this.f.space || i === 0)) out += verb === 'X' ? '0X' : '0x';
      out += digits[bytes[i] >> 4] + digits[bytes[i] & 15];
    }
    this.pad(out);
  }

  fmtInteger(value: bigint, unsigned: boolean, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV && unsigned) {
          const sharp = this.f.sharp;
          this.f.sharp = true;
          this.integer(value, 16, verb, '0123456789abcdefx');
          this.f.sharp = sharp;
        } else this.integer(value, 10, verb, '0123456789abcdefx');
        return;
      case 'd':
        this.integer(value, 10, verb, '0123456789abcdefx');
        return;
      case 'b':
        this.integer(value, 2, verb, '0123456789abcdefx');
        return;
      case 'o':
      case 'O':
        this.integer(value, 8, verb, '0123456789abcdefx');
        return;
      case 'x':
        this.integer(value, 16, verb, '0123456789abcdefx');
        return;
      case 'X':
        this.integer(value, 16, verb, '0123456789ABCDEFX');
        return;
      case 'c':
        this.pad(String.fromCodePoint(validRune(value)));
        return;
      case 'q':
        this.pad(quoteRune(validRune(value), this.f.plus));
        return;
      case 'U':
        this.fmtUnicode(value);
        return;
    }
    this.badVerb(verb, value);
  }

  private fmtUnicode(value: bigint): void {
    let hex = (value < 0n ? -value : value).toString(16).toUpperCase();
    if (this.f.prec !== undefined && hex.length < this.f.prec) hex = hex.padStart(this.f.prec, '0');
    else if (hex.length < 4) hex = hex.padStart(4, '0');
    let out = `U+${hex}`;
    if (this.f.sharp && value >= 0n && value <= 0x10ffffn && isPrintRune(Number(value))) out += ` '${String.fromCodePoint(Number(value))}'`;
    const zero = this.f.zero;
    this.f.zero = false;
    this.pad(out);
    this.f.zero = zero;
  }

  private integer(value: bigint, base: number, verb: string, digits: string): void {
    const negative = value < 0n;
    let u = negative ? -value : value;
    let prec = 0;
    if (this.f.prec !== undefined) {
      prec = this.f.prec;
      if (prec === 0 && u === 0n) {
        const zero = this.f.zero;
        this.f.zero = false;
        this.buf += this.padding(this.f.wid ?? 0);
        this.f.zero = zero;
        return;
      }
    } else if (this.f.zero && this.f.wid !== undefined) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    let out = '';
    const b = BigInt(base);
    while (u >= b) {
      out = digits[Number(u % b)] + out;
      u /= b;
    }
    out = digits[Number(u)] + out;
    while (out.length < prec) out = `0${out}`;
    if (this.f.sharp) {
      if (base === 2) out = `0b${out}`;
      else if (base === 8 && out[0] !== '0') out = `0${out}`;
      else if (base === 16) out = `0${digits[16]}${out}`;
    }
    if (verb === 'O') out = `0o${out}`;
    if (negative) out = `-${out}`;
    else if (this.f.plus) out = `+${out}`;
    else if (this.f.space) out = ` ${out}`;
    const zero = this.f.zero;
    this.f.zero = false;
    this.pad(out);
    this.f.zero = zero;
  }

  fmtFloat(value: number, verb: string): void {
    switch (verb) {
      case 'v':
        this.float(value, 'g', -1);
        return;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        this.float(value, verb, -1);
        return;
      case 'f':
      case 'e':
      case 'E':
      case 'F':
        this.float(value, verb, 6);
        return;
    }
    this.badVerb(verb, value);
  }

  private float(value: number, verb: string, defaultPrec: number): void {
    const prec = this.f.prec ?? defaultPrec;
    let fmtVerb = verb as 'e' | 'E' | 'f' | 'F' | 'g' | 'G';
    if (verb === 'F') fmtVerb = 'f';
    let num = verb === 'b' || verb === 'x' || verb === 'X' ? hexFloat(value, verb, prec) : formatFloat(value, fmtVerb, prec);
    if (num[0] !== '-' && num[0] !== '+') num = `+${num}`;
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ` ${num.slice(1)}`;
    if (num[1] === 'I' || num[1] === 'N') {
      const zero = this.f.zero;
      this.f.zero = false;
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = zero;
      return;
    }
    if (this.f.sharp && verb !== 'b') num = sharpFloat(num, verb, prec);
    if (this.f.plus || num[0] !== '+') {
      if (this.f.zero && this.f.wid !== undefined && this.f.wid > num.length) {
        this.buf += num[0] + '0'.repeat(this.f.wid - num.length) + num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  badVerb(verb: string, arg: GoValue | bigint | undefined): void {
    this.buf += `%!${verb}(`;
    if (arg === undefined || arg === null) this.buf += '<nil>';
    else {
      const value = typeof arg === 'bigint' ? new GoInt(arg) : arg;
      this.buf += `${typeName(value)}=`;
      const saved = this.f;
      this.f = noFlags();
      this.printValue(value, 'v', 0);
      this.f = saved;
    }
    this.buf += ')';
  }

  printArg(arg: GoValue, verb: string): void {
    if (arg === null) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, null);
      return;
    }
    if (verb === 'T') {
      this.fmtString(typeName(arg), 's');
      return;
    }
    if (verb === 'p') {
      this.badVerb(verb, arg);
      return;
    }
    this.printValue(arg, verb, 0);
  }

  /** handleMethods: Stringer/error values print through their String method for string-ish verbs. */
  private handleMethods(value: GoStruct, verb: string): boolean {
    const text = value.stringer();
    if (text === undefined) return false;
    if (this.f.sharpV) return false;
    if (verb === 'v' || verb === 's' || verb === 'x' || verb === 'X' || verb === 'q') {
      this.fmtString(text, verb);
      return true;
    }
    return false;
  }

  printValue(value: GoValue, verb: string, depth: number): void {
    if (value === null) {
      // Elements of interface slices and maps print <nil> whatever the verb.
      if (depth === 0) this.printArg(null, verb);
      else this.buf += '<nil>';
      return;
    }
    switch (typeof value) {
      case 'string':
        this.fmtString(value, verb);
        return;
      case 'boolean':
        if (verb === 't' || verb === 'v') this.pad(value ? 'true' : 'false');
        else this.badVerb(verb, value);
        return;
      case 'number':
        this.fmtFloat(value, verb);
        return;
    }
    if (value instanceof GoInt) {
      this.fmtInteger(value.value, value.isUnsigned(), verb);
      return;
    }
    if (value instanceof Uint8Array) {
      if (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') {
        this.fmtString(utf8Decode(value), verb);
        return;
      }
      this.printList(Array.from(value, (b) => new GoInt(b, 'uint8')), verb, depth, '[]uint8');
      return;
    }
    if (Array.isArray(value)) {
      this.printList(value, verb, depth, typeName(value));
      return;
    }
    if (value instanceof GoStruct) {
      if (this.handleMethods(value, verb)) return;
      if (value.isPointer() && depth > 0) {
        this.buf += '0xc000010000';
        return;
      }
      if (value.isPointer()) this.buf += '&';
      this.buf += this.f.sharpV ? `${value.goType.replace(/^\*/, '')}{` : '{';
      value.printFields().forEach(({ name, value: field }, i) => {
        if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
        if (this.f.plusV || this.f.sharpV) this.buf += `${name}:`;
        this.printValue(field, verb, depth + 1);
      });
      this.buf += '}';
      return;
    }
    this.printMap(value, verb, depth);
  }

  private printList(items: GoValue[], verb: string, depth: number, type: string): void {
    if (this.f.sharpV) {
      this.buf += `${type}{`;
      items.forEach((item, i) => {
        if (i > 0) this.buf += ', ';
        this.printValue(item, verb, depth + 1);
      });
      this.buf += '}';
      return;
    }
    this.buf += '[';
    items.forEach((item, i) => {
      if (i > 0) this.buf += ' ';
      this.printValue(item, verb, depth + 1);
    });
    this.buf += ']';
  }

  private printMap(map: GoMap, verb: string, depth: number): void {
    const keys = sortedKeys(map);
    if (this.f.sharpV) {
      this.buf += `${typeName(map)}{`;
      keys.forEach((key, i) => {
        if (i > 0) this.buf += ', ';
        this.printValue(key, verb, depth + 1);
        this.buf += ':';
        this.printValue(map[key], verb, depth + 1);
      });
      this.buf += '}';
      return;
    }
    this.buf += 'map[';
    keys.forEach((key, i) => {
      if (i > 0) this.buf += ' ';
      this.printValue(key, verb, depth + 1);
      this.buf += ':';
      this.printValue(map[key], verb, depth + 1);
    });
    this.buf += ']';
  }
}

function validRune(value: bigint): number {
  if (value < 0n || value > 0x10ffffn) return 0xfffd;
  const n = Number(value);
  return n >= 0xd800 && n <= 0xdfff ? 0xfffd : n;
}

function isPrintRune(cp: number): boolean {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(String.fromCodePoint(cp));
}

/** %#e/%#f/%#g keep the decimal point (and %#g keeps trailing zeros). */
function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = 0;
  if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x' || verb === 'X') {
    digits = prec;
    if (digits === -1 && (verb === 'g' || verb === 'G' || verb === 'v')) digits = 6;
  }
  let tail = '';
  let body = num;
  const expAt = body.slice(1).search(/[eEpP]/);
  if (expAt >= 0) {
    tail = body.slice(expAt + 1);
    body = body.slice(0, expAt + 1);
  }
  let sawPoint = false;
  let sawNonzero = false;
  for (let i = 1; i < body.length; i++) {
    const c = body[i];
    if (c === '.') sawPoint = true;
    else if (c >= '1' && c <= '9') {
      sawNonzero = true;
      digits--;
    } else if (c === '0' && sawNonzero) digits--;
    else if (c === '0' && !sawNonzero && sawPoint) digits--;
  }
  if (!sawPoint) {
    if (body.length === 2 && body[1] === '0') digits--;
    body += '.';
  }
  if (verb !== 'e' && verb !== 'E' && verb !== 'f' && verb !== 'F') body += '0'.repeat(Math.max(digits, 0));
  return body + tail;
}

/** %x / %b of floats: rarely used; hexadecimal mantissa with binary exponent. */
function hexFloat(value: number, verb: string, prec: number): string {
  if (!Number.isFinite(value)) return formatFloat(value, 'g', -1);
  const neg = value < 0 || Object.is(value, -0);
  let abs = Math.abs(value);
  if (verb === 'b') {
    if (abs === 0) return `${neg ? '-' : ''}0p-1074`;
    let exp = Math.floor(Math.log2(abs)) - 52;
    let mant = abs / 2 ** exp;
    while (!Number.isInteger(mant)) {
      exp--;
      mant = abs / 2 ** exp;
    }
    return `${neg ? '-' : ''}${mant}p${exp >= 0 ? '+' : ''}${exp}`;
  }
  let exp = 0;
  if (abs !== 0) {
    exp = Math.floor(Math.log2(abs));
    abs /= 2 ** exp;
  }
  let frac = (abs - 1 < 0 ? 0 : abs - 1).toString(16).slice(2);
  if (prec >= 0) frac = frac.slice(0, prec).padEnd(prec, '0');
  else frac = frac.replace(/0+$/, '');
  const lead = value === 0 ? '0' : '1';
  const mantissa = frac === '' ? lead : `${lead}.${frac}`;
  const out = `${neg ? '-' : ''}0x${mantissa}p${exp >= 0 ? '+' : '-'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return verb === 'X' ? out.toUpperCase() : out;
}

function argNumber(format: string, i: number, argNum: number, numArgs: number): { argNum: number; i: number; ok: boolean; found: boolean } {
  if (format.length <= i || format[i] !== '[') return { argNum, i, ok: true, found: false };
  for (let j = i + 1; j < format.length; j++) {
    if (format[j] === ']') {
      const text = format.slice(i + 1, j);
      if (!/^\d+$/.test(text)) return { argNum, i: j + 1, ok: false, found: true };
      const index = Number(text) - 1;
      if (index < 0 || index >= numArgs) return { argNum, i: j + 1, ok: false, found: true };
      return { argNum: index, i: j + 1, ok: true, found: true };
    }
  }
  return { argNum, i: i + 1, ok: false, found: true };
}

function parseNum(format: string, i: number): { num?: number; i: number } {
  let j = i;
  let num = 0;
  let found = false;
  while (j < format.length && format[j] >= '0' && format[j] <= '9') {
    if (num > 1e6) return { i: j };
    num = num * 10 + Number(format[j]);
    found = true;
    j++;
  }
  return found ? { num, i: j } : { i };
}

function intFromArg(arg: GoValue | undefined): number | undefined {
  if (arg instanceof GoInt) {
    const n = arg.toNumber();
    if (Math.abs(n) > 1e6) return undefined;
    return n;
  }
  return undefined;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: GoValue[]): string {
  const p = new Printer();
  let argNum = 0;
  let afterIndex: boolean;
  let reordered = false;
  let i = 0;
  const end = format.length;
  while (i < end) {
    const lasti = i;
    while (i < end && format[i] !== '%') i++;
    if (i > lasti) p.buf += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    p.f = noFlags();
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#':
          p.f.sharp = true;
          break;
        case '0':
          p.f.zero = !p.f.minus;
          break;
        case '+':
          p.f.plus = true;
          break;
        case '-':
          p.f.minus = true;
          p.f.zero = false;
          break;
        case ' ':
          p.f.space = true;
          break;
        default:
          break flags;
      }
    }
    let an = argNumber(format, i, argNum, args.length);
    argNum = an.argNum;
    i = an.i;
    afterIndex = an.found;
    let goodArgNum = an.ok;
    reordered ||= an.found;
    if (i < end && format[i] === '*') {
      i++;
      const w = intFromArg(args[argNum]);
      p.f.wid = w;
      if (w === undefined) p.buf += '%!(BADWIDTH)';
      else if (w < 0) {
        p.f.wid = -w;
        p.f.minus = true;
        p.f.zero = false;
      }
      argNum++;
      afterIndex = false;
    } else {
      const parsed = parseNum(format, i);
      p.f.wid = parsed.num;
      i = parsed.i;
      if (afterIndex && p.f.wid !== undefined) goodArgNum = false;
    }
    if (i + 1 <= end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      an = argNumber(format, i, argNum, args.length);
      argNum = an.argNum;
      i = an.i;
      afterIndex = an.found;
      if (!an.ok) goodArgNum = false;
      reordered ||= an.found;
      if (i < end && format[i] === '*') {
        i++;
        const prec = intFromArg(args[argNum]);
        p.f.prec = prec;
        if (prec !== undefined && prec < 0) p.f.prec = undefined;
        if (prec === undefined) p.buf += '%!(BADPREC)';
        argNum++;
        afterIndex = false;
      } else {
        const parsed = parseNum(format, i);
        p.f.prec = parsed.num ?? 0;
        i = parsed.i;
      }
    }
    if (!afterIndex) {
      an = argNumber(format, i, argNum, args.length);
      argNum = an.argNum;
      i = an.i;
      if (!an.ok) goodArgNum = false;
      reordered ||= an.found;
    }
    if (i >= end) {
      p.buf += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    i += verb.length;
    if (verb === '%') {
      p.buf += '%';
      continue;
    }
    if (!goodArgNum) {
      p.buf += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      p.buf += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === 'v') {
      if (p.f.sharp) {
        p.f.sharp = false;
        p.f.sharpV = true;
      }
      if (p.f.plus) {
        p.f.plus = false;
        p.f.plusV = true;
      }
    }
    p.printArg(args[argNum], verb);
    argNum++;
  }
  if (!reordered && argNum < args.length) {
    p.f = noFlags();
    p.buf += '%!(EXTRA ';
    for (let k = argNum; k < args.length; k++) {
      if (k > argNum) p.buf += ', ';
      const arg = args[k];
      if (arg === null) p.buf += '<nil>';
      else {
        p.buf += `${typeName(arg)}=`;
        p.printArg(arg, 'v');
      }
    }
    p.buf += ')';
  }
  return p.buf;
}

/** fmt.Sprint: spaces between operands when neither is a string. */
export function sprint(args: GoValue[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.f = noFlags();
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.buf;
}

/** fmt.Sprintln: always spaces, trailing newline. */
export function sprintln(args: GoValue[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.buf += ' ';
    p.f = noFlags();
    p.printArg(arg, 'v');
  });
  return `${p.buf}\n`;
}

/** What an action prints: like Sprint, but a struct pointer prints as its struct (printableValue). */
export function formatPrintable(value: GoValue): string {
  if (value instanceof GoStruct && value.isPointer() && value.stringer() === undefined) return sprint([value]).replace(/^&/, '');
  return formatValue(value);
}

/** fmt.Sprint of one value (%v). */
export function formatValue(value: GoValue): string {
  if (typeof value === 'string') return value;
  return sprint([value]);
}
