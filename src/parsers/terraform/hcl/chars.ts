const IDENT_START = 1;
const IDENT_CONTINUE = 2;

/** Flags for ASCII code points; identifiers are `(ID_Start | '_') (ID_Continue | '-')*`. */
const ASCII_IDENT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const digit = c >= 48 && c <= 57;
  if (letter || c === 95) ASCII_IDENT[c] |= IDENT_START;
  if (letter || digit || c === 95 || c === 45) ASCII_IDENT[c] |= IDENT_CONTINUE;
}

const UNICODE_ID_START = /^\p{ID_Start}$/u;
const UNICODE_ID_CONTINUE = /^\p{ID_Continue}$/u;

/** The code point at `pos` (combining a surrogate pair). */
export function codePointAt(text: string, pos: number): number {
  return text.codePointAt(pos) ?? 0;
}

export function isIdentStart(cp: number): boolean {
  if (cp < 128) return (ASCII_IDENT[cp] & IDENT_START) !== 0;
  return UNICODE_ID_START.test(String.fromCodePoint(cp));
}

export function isIdentContinue(cp: number): boolean {
  if (cp < 128) return (ASCII_IDENT[cp] & IDENT_CONTINUE) !== 0;
  return UNICODE_ID_CONTINUE.test(String.fromCodePoint(cp));
}

/** Go's `unicode.IsSpace`, which HCL uses for strip markers, `<<-` indentation and heredoc markers. */
export function isUnicodeSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function trimLeftSpace(s: string): string {
  let i = 0;
  while (i < s.length && isUnicodeSpace(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}

export function trimRightSpace(s: string): string {
  let i = s.length;
  while (i > 0 && isUnicodeSpace(s.charCodeAt(i - 1))) i--;
  return i === s.length ? s : s.slice(0, i);
}

/** How a character is shown in a message: printable ones quoted, others as U+XXXX. */
export function describeChar(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp < 32 || (cp >= 0x7f && cp < 0xa0) || cp === 0xfffd) return hex;
  return `"${String.fromCodePoint(cp)}" (${hex})`;
}

/** User text quoted in a message, shortened so a pathological input cannot produce a huge message. */
export function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

/**
 * HCL string values are NFC-normalised (cty.StringVal does it). Text below U+0300 is already in NFC,
 * which spares the normalisation call for nearly every string.
 */
export function normalizeNfc(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x300) return s.normalize('NFC');
  }
  return s;
}
