/**
 * Terraform numbers are arbitrary-precision decimals; Evident holds them as float64. These helpers
 * print and parse them the way Terraform does, working from the shortest decimal that round-trips,
 * which is what the configuration author wrote for every literal.
 */

/** A non-negative decimal `0.<digits> × 10^exp`, without trailing zeros (Go's math/big `decimal`). */
export interface Decimal {
  digits: string;
  exp: number;
}

/** The shortest decimal digits of |n| (n finite). Zero has no digits. */
export function shortestDecimal(n: number): Decimal {
  if (n === 0) return { digits: '', exp: 0 };
  const [mantissa, exponent] = Math.abs(n).toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, exp: Number(exponent) + 1 };
}

/** Rounds to `n` significant digits, half to even, as math/big's `decimal.round` does. */
export function roundDecimal(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.digits.length) return d;
  const next = d.digits.charCodeAt(n) - 48;
  let up: boolean;
  if (next === 5 && n + 1 === d.digits.length) up = n > 0 && (d.digits.charCodeAt(n - 1) - 48) % 2 === 1;
  else up = next >= 5;
  if (!up) return trim({ digits: d.digits.slice(0, n), exp: d.exp });
  const kept = d.digits.slice(0, n).split('').map(Number);
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === 9) {
    kept[i] = 0;
    i--;
  }
  if (i < 0) return { digits: '1', exp: d.exp + 1 };
  kept[i]++;
  return trim({ digits: kept.join(''), exp: d.exp });
}

function trim(d: Decimal): Decimal {
  const digits = d.digits.replace(/0+$/, '');
  return digits === '' ? { digits: '', exp: 0 } : { digits, exp: d.exp };
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i] : '0';
}

/** Go's `fmtF`: the digits of `d` with `prec` places after the point. */
export function decimalFixed(d: Decimal, prec: number): string {
  let out = d.exp > 0 ? d.digits.slice(0, d.exp).padEnd(d.exp, '0') : '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digitAt(d, d.exp + i);
  }
  return out;
}

/** Go's `fmtE`: one digit, `prec` more after the point, then `e±dd`. */
export function decimalExponent(d: Decimal, prec: number, letter: 'e' | 'E'): string {
  let out = d.digits.length > 0 ? d.digits[0] : '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  let exp = d.digits.length > 0 ? d.exp - 1 : 0;
  const sign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return `${out}${letter}${sign}${exp < 10 ? '0' : ''}${exp}`;
}

/**
 * How Terraform writes a number as a string (`big.Float.Text('f', -1)`): never an exponent,
 * `-0` for negative zero, `+Inf`/`-Inf` for infinities.
 */
export function formatNumber(n: number): string {
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  const d = shortestDecimal(n);
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return sign + decimalFixed(d, Math.max(d.digits.length - d.exp, 0));
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)[Ii]nf$/;

/** Parses a number the way Terraform converts a string to a number; `undefined` when it is not one. */
export function parseNumber(text: string): number | undefined {
  const infinity = INFINITY.exec(text);
  if (infinity) return infinity[1] === '-' ? -Infinity : Infinity;
  if (!DECIMAL.test(text)) return undefined;
  return Number(text);
}

/** The integer a whole number stands for, read from its shortest decimal (1e300 is 1 and 300 zeros). */
export function toBigInt(n: number): bigint | undefined {
  if (!Number.isFinite(n) || !Number.isInteger(n)) return undefined;
  if (Math.abs(n) <= Number.MAX_SAFE_INTEGER) return BigInt(n);
  const d = shortestDecimal(n);
  const magnitude = BigInt(d.digits.padEnd(d.exp, '0'));
  return n < 0 ? -magnitude : magnitude;
}
