/** Terraform's `format` and `formatlist`: Go-style verbs with cty's conversion and padding rules. */
import { jsonEncode } from './json.js';
import { decimalExponent, decimalFixed, roundDecimal, shortestDecimal, toBigInt } from './numbers.js';
import type { FunctionTable } from './registry.js';
import { argError } from './registry.js';
import { graphemes } from './strings.js';
import { ANY, BOOL, ConversionError, NUMBER, STRING, convert } from './types.js';
import type { TfValue } from './value.js';
import { FunctionError, Unknown, containsUnknown, unknownOf } from './value.js';

interface Verb {
  raw: string;
  offset: number;
  argNum: number;
  mode: string;
  zero: boolean;
  sharp: boolean;
  plus: boolean;
  minus: boolean;
  space: boolean;
  width: number | undefined;
  prec: number | undefined;
}

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

function quoteRune(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '\\') return "'\\\\'";
  return `'${ch}'`;
}

function padWidth(verb: Verb, text: string): string {
  if (verb.width === undefined) return text;
  const length = graphemes(text).length;
  if (length >= verb.width) return text;
  const pad = (verb.zero ? '0' : ' ').repeat(verb.width - length);
  return verb.minus ? text + pad : pad + text;
}

/** Go's `fmt` padding for numbers: `[left pad][sign][zeros][digits][right pad]`. */
function padNumber(verb: Verb, sign: string, body: string, zeroPadAllowed: boolean): string {
  const length = sign.length + body.length;
  const pad = verb.width !== undefined && verb.width > length ? verb.width - length : 0;
  if (verb.zero && zeroPadAllowed && !verb.minus) return sign + '0'.repeat(pad) + body;
  if (verb.minus) return sign + body + ' '.repeat(pad);
  return ' '.repeat(pad) + sign + body;
}

function signOf(verb: Verb, negative: boolean): string {
  if (negative) return '-';
  if (verb.plus) return '+';
  if (verb.space) return ' ';
  return '';
}

/** big.Int's Format for %b %d %o %x %X. */
function formatInteger(verb: Verb, value: bigint): string {
  const base = { b: 2, d: 10, o: 8, x: 16, X: 16 }[verb.mode as 'b' | 'd' | 'o' | 'x' | 'X'];
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString(base);
  if (verb.mode === 'X') digits = digits.toUpperCase();
  const prefix = verb.sharp ? ({ b: '0b', o: '0', x: '0x', X: '0X' } as Record<string, string>)[verb.mode] ?? '' : '';
  let zeros = 0;
  if (verb.prec !== undefined) {
    if (digits.length < verb.prec) zeros = verb.prec - digits.length;
    else if (digits === '0' && verb.prec === 0) return '';
  }
  const sign = signOf(verb, negative);
  const length = sign.length + prefix.length + zeros + digits.length;
  let left = 0;
  let right = 0;
  if (verb.width !== undefined && length < verb.width) {
    const d = verb.width - length;
    if (verb.minus) right = d;
    else if (verb.zero && verb.prec === undefined) zeros += d;
    else left = d;
  }
  return ' '.repeat(left) + sign + prefix + '0'.repeat(zeros) + digits + ' '.repeat(right);
}

/** big.Float's Format for %e %E %f %g %G. */
function formatFloat(verb: Verb, value: number): string {
  const negative = value < 0 || Object.is(value, -0);
  if (!Number.isFinite(value)) {
    const sign = negative ? '-' : verb.space ? ' ' : '+';
    return padNumber(verb, sign, 'Inf', false);
  }
  const exact = shortestDecimal(value);
  const letter = verb.mode === 'E' || verb.mode === 'G' ? 'E' : 'e';
  let body: string;
  if (verb.mode === 'e' || verb.mode === 'E') {
    const prec = verb.prec ?? 6;
    body = decimalExponent(roundDecimal(exact, prec + 1), prec, letter);
  } else if (verb.mode === 'f') {
    const prec = verb.prec ?? 6;
    body = decimalFixed(roundDecimal(exact, exact.exp + prec), prec);
  } else {
    const shortest = verb.prec === undefined;
    let prec = shortest ? exact.digits.length : Math.max(verb.prec!, 1);
    const d = shortest ? exact : roundDecimal(exact, prec);
    let eprec = prec;
    if (eprec > d.digits.length && d.digits.length >= d.exp) eprec = d.digits.length;
    if (shortest) eprec = 6;
    const exp = d.exp - 1;
    if (exp < -4 || exp >= eprec) {
      if (prec > d.digits.length) prec = d.digits.length;
      body = decimalExponent(d, prec - 1, letter);
    } else {
      if (prec > d.exp) prec = d.digits.length;
      body = decimalFixed(d, Math.max(prec - d.exp, 0));
    }
  }
  return padNumber(verb, signOf(verb, negative), body, true);
}

/** Terraform's %v for numbers: big.Float.Text('g', -1). */
function formatNumberG(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  const verb: Verb = {
    raw: '%v', offset: 0, argNum: 1, mode: 'g', zero: false, sharp: false, plus: false, minus: false, space: false,
    width: undefined, prec: undefined,
  };
  return formatFloat(verb, value);
}

function convertFor(verb: Verb, arg: TfValue, type: typeof STRING): TfValue {
  try {
    return convert(arg, type);
  } catch (error) {
    if (error instanceof ConversionError) {
      throw new FunctionError(`unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: ${error.detail}`);
    }
    throw error;
  }
}

function appendVerb(verb: Verb, args: readonly TfValue[]): string {
  const index = verb.argNum - 1;
  if (index >= args.length) {
    throw new FunctionError(
      `not enough arguments for ${JSON.stringify(verb.raw)} at ${verb.offset}: need index ${verb.argNum} but have ${args.length} total`,
    );
  }
  const arg = args[index];
  if (verb.mode !== 'v' && arg === null) {
    throw new FunctionError(`unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: null value cannot be formatted`);
  }
  switch (verb.mode) {
    case 'v':
      if (!verb.sharp && typeof arg === 'string') return padWidth(verb, arg);
      if (!verb.sharp && typeof arg === 'number') return padWidth(verb, formatNumberG(arg));
      try {
        return padWidth(verb, jsonEncode(arg));
      } catch (error) {
        if (error instanceof FunctionError) {
          throw new FunctionError(`unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: ${error.message}`);
        }
        throw error;
      }
    case 't':
      return convertFor(verb, arg, BOOL) ? 'true' : 'false';
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X': {
      const integer = toBigInt(convertFor(verb, arg, NUMBER) as number);
      if (integer === undefined) {
        throw new FunctionError(`unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: an integer is required`);
      }
      return formatInteger(verb, integer);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
      return formatFloat(verb, convertFor(verb, arg, NUMBER) as number);
    case 's':
    case 'q': {
      let text = convertFor(verb, arg, STRING) as string;
      if (verb.prec !== undefined && verb.prec > 0) text = graphemes(text).slice(0, verb.prec).join('');
      return padWidth(verb, verb.mode === 's' ? text : jsonEncode(text));
    }
    default:
      throw new FunctionError(
        `unsupported format verb ${quoteRune(verb.mode)} in ${JSON.stringify(verb.raw)} at offset ${verb.offset}`,
      );
  }
}

/** Runs a format string over known arguments; returns the text and the highest argument number used. */
function formatText(format: string, args: readonly TfValue[]): { text: string; used: number } {
  const chars = [...format];
  let out = '';
  let nextArg = 1;
  let used = 0;
  let byte = 0;
  let i = 0;
  const take = (): string => {
    const ch = chars[i++];
    byte += utf8Length(ch);
    return ch;
  };
  const unrecognized = (ch: string, at: number): FunctionError =>
    new FunctionError(`unrecognized format character ${quoteRune(ch)} at offset ${at}`);
  while (i < chars.length) {
    const start = byte;
    const ch = take();
    if (ch !== '%') {
      out += ch;
      continue;
    }
    if (chars[i] === '%') {
      take();
      out += '%';
      continue;
    }
    const verb: Verb = {
      raw: '', offset: start, argNum: nextArg, mode: '', zero: false, sharp: false, plus: false, minus: false, space: false,
      width: undefined, prec: undefined,
    };
    const expectMore = (): string => {
      if (i >= chars.length) throw new FunctionError(`invalid format string starting at offset ${utf8Length(format)}`);
      return chars[i];
    };
    for (let c = expectMore(); '0#-+ '.includes(c); c = expectMore()) {
      take();
      if (c === '0') verb.zero = true;
      else if (c === '#') verb.sharp = true;
      else if (c === '-') verb.minus = true;
      else if (c === '+') verb.plus = true;
      else verb.space = true;
    }
    if (expectMore() === '[') {
      take();
      let digits = '';
      for (let c = expectMore(); /[0-9]/.test(c); c = expectMore()) {
        if (digits === '' && c === '0') throw unrecognized(c, byte);
        digits += take();
      }
      const close = expectMore();
      if (digits === '' || close !== ']') throw unrecognized(close, byte);
      take();
      verb.argNum = Number(digits);
    }
    if (/[1-9]/.test(expectMore())) {
      let digits = '';
      for (let c = expectMore(); /[0-9]/.test(c); c = expectMore()) digits += take();
      verb.width = Number(digits);
    }
    if (expectMore() === '.') {
      take();
      let digits = '';
      for (let c = expectMore(); /[0-9]/.test(c); c = expectMore()) digits += take();
      verb.prec = digits === '' ? 0 : Number(digits);
    }
    const mode = expectMore();
    if (!/[A-Za-z]/.test(mode)) throw unrecognized(mode, byte);
    take();
    verb.mode = mode;
    verb.raw = Buffer.from(format, 'utf8').subarray(start, byte).toString('utf8');
    out += appendVerb(verb, args);
    used = Math.max(used, verb.argNum);
    nextArg = verb.argNum + 1;
  }
  return { text: out, used };
}

/** Formats, rejecting unused arguments: `format` blames its `args` parameter, `formatlist` the iteration. */
function formatChecked(format: string, args: readonly TfValue[], blameArgs: boolean): string {
  const { text, used } = formatText(format, args);
  if (used < args.length) {
    const message =
      used === 0 ? 'too many arguments; no verbs in format string' : `too many arguments; only ${used} used by format string`;
    throw blameArgs ? argError('args', message) : new FunctionError(message);
  }
  return text;
}

export const formatFunctions: FunctionTable = {
  format: {
    params: [{ name: 'format', type: STRING }],
    varParam: { name: 'args', type: ANY, allowNull: true },
    impl: ([format, ...args]) => formatChecked(format as string, args, true),
  },
  formatlist: {
    params: [{ name: 'format', type: STRING }],
    varParam: { name: 'args', type: ANY, allowNull: true },
    acceptsUnknown: true,
    impl: ([format, ...args]) => {
      if (format instanceof Unknown) return format;
      if (args.length === 0) return [formatChecked(format as string, args, true)];
      let length = -1;
      let lengthFrom = -1;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg instanceof Unknown) return unknownOf(arg);
        if (!Array.isArray(arg)) continue;
        if (length === -1) {
          length = arg.length;
          lengthFrom = i;
        } else if (arg.length !== length) {
          throw argError(
            'args',
            `argument ${i + 1} has length ${arg.length}, which is inconsistent with argument ${lengthFrom + 1} of length ${length}`,
          );
        }
      }
      if (length === 0) return [];
      const results: TfValue[] = [];
      for (let n = 0; n < Math.max(length, 1); n++) {
        const callArgs = args.map((arg) => (Array.isArray(arg) ? arg[n] : arg));
        if (callArgs.some(containsUnknown)) {
          results.push(unknownOf(...callArgs));
          continue;
        }
        try {
          results.push(formatChecked(format as string, callArgs, false));
        } catch (error) {
          if (error instanceof FunctionError) throw new FunctionError(`error on format iteration ${n}: ${error.message}`);
          throw error;
        }
      }
      return results;
    },
  },
};
