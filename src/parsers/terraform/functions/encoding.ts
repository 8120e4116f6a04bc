import zlib from 'node:zlib';
import { jsonDecode, jsonEncode } from './json.js';
import type { FunctionTable } from './registry.js';
import { argError } from './registry.js';
import { ANY, STRING } from './types.js';
import type { TfObject, TfValue } from './value.js';
import { FunctionError, Unknown, setKey } from './value.js';
import { yamlDecode, yamlEncode } from './yaml.js';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64_ALPHABET].map((c, i) => [c.charCodeAt(0), i]));

/** Go's base64.StdEncoding.DecodeString: padding required, CR/LF ignored. Returns the bytes or the offset of the first bad byte. */
export function decodeBase64(text: string): Buffer | { corruptAt: number } {
  const src = Buffer.from(text, 'utf8');
  const out: number[] = [];
  let si = 0;
  const isNewline = (b: number): boolean => b === 0x0a || b === 0x0d;
  while (si < src.length) {
    const quantum: number[] = [];
    let length = 4;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Buffer.from(out);
        return { corruptAt: si - j };
      }
      const b = src[si++];
      const value = BASE64_VALUE.get(b);
      if (value !== undefined) {
        quantum[j] = value;
        continue;
      }
      if (isNewline(b)) {
        j--;
        continue;
      }
      if (b !== 0x3d) return { corruptAt: si - 1 };
      if (j < 2) return { corruptAt: si - 1 };
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return { corruptAt: src.length };
        if (src[si] !== 0x3d) return { corruptAt: si - 1 };
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) return { corruptAt: si };
      length = j;
      break;
    }
    const bits = ((quantum[0] ?? 0) << 18) | ((quantum[1] ?? 0) << 12) | ((quantum[2] ?? 0) << 6) | (quantum[3] ?? 0);
    const bytes = [(bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff];
    out.push(...bytes.slice(0, length - 1));
    if (length < 4) break;
  }
  return Buffer.from(out);
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes).normalize('NFC');
  } catch {
    return undefined;
  }
}

/** Go's gzip.Writer at the default level, flushed then closed, as Terraform's base64gzip writes it. */
function gzipLikeGo(data: Buffer): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const body = zlib.deflateRawSync(data, { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const finalBlock = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(data), 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([header, body, finalBlock, trailer]);
}

/** url.QueryEscape. */
function queryEscape(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

interface TextEncoding {
  /** IANA primary name, as Terraform's messages print it. */
  name: string;
  aliases: string[];
  /** Label for TextDecoder, or a built-in handled here. */
  decoder: string;
  /** Single-byte and UTF encodings can be encoded; others are decode-only. */
  encodable: boolean;
}

const ENCODINGS: TextEncoding[] = [
  { name: 'UTF-8', aliases: ['csUTF8'], decoder: 'utf-8', encodable: true },
  { name: 'UTF-16', aliases: ['csUTF16'], decoder: 'utf-16', encodable: true },
  { name: 'UTF-16BE', aliases: ['csUTF16BE'], decoder: 'utf-16be', encodable: true },
  { name: 'UTF-16LE', aliases: ['csUTF16LE'], decoder: 'utf-16le', encodable: true },
  {
    name: 'US-ASCII',
    aliases: ['iso-ir-6', 'ANSI_X3.4-1968', 'ANSI_X3.4-1986', 'ISO_646.irv:1991', 'ISO646-US', 'us', 'IBM367', 'cp367', 'csASCII'],
    decoder: 'ascii',
    encodable: true,
  },
  {
    name: 'ISO_8859-1:1987',
    aliases: ['ISO-8859-1', 'iso-ir-100', 'ISO_8859-1', 'latin1', 'l1', 'IBM819', 'CP819', 'csISOLatin1'],
    decoder: 'latin1',
    encodable: true,
  },
  ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15].map((n) => ({
    name: `ISO-8859-${n}`,
    aliases: [`ISO_8859-${n}`],
    decoder: `iso-8859-${n}`,
    encodable: true,
  })),
  ...[1250, 1251, 1252, 1253, 1254, 1255, 1256, 1257, 1258].map((n) => ({
    name: `windows-${n}`,
    aliases: [`cswindows${n}`],
    decoder: `windows-${n}`,
    encodable: true,
  })),
  { name: 'KOI8-R', aliases: ['csKOI8R'], decoder: 'koi8-r', encodable: true },
  { name: 'KOI8-U', aliases: ['csKOI8U'], decoder: 'koi8-u', encodable: true },
  { name: 'Shift_JIS', aliases: ['MS_Kanji', 'csShiftJIS'], decoder: 'shift_jis', encodable: false },
  { name: 'EUC-JP', aliases: ['csEUCPkdFmtJapanese', 'Extended_UNIX_Code_Packed_Format_for_Japanese'], decoder: 'euc-jp', encodable: false },
  { name: 'EUC-KR', aliases: ['csEUCKR'], decoder: 'euc-kr', encodable: false },
  { name: 'GBK', aliases: ['CP936', 'MS936', 'windows-936', 'csGBK'], decoder: 'gbk', encodable: false },
  { name: 'GB18030', aliases: ['csGB18030'], decoder: 'gb18030', encodable: false },
  { name: 'Big5', aliases: ['csBig5'], decoder: 'big5', encodable: false },
];

function findEncoding(label: string): TextEncoding {
  const wanted = label.toLowerCase();
  const found = ENCODINGS.find((e) => e.name.toLowerCase() === wanted || e.aliases.some((a) => a.toLowerCase() === wanted));
  if (!found) throw argError('encoding', `${JSON.stringify(label)} is not a supported IANA encoding name or alias in this Terraform version`);
  return found;
}

/** windows-1252's 0x80-0x9F (WHATWG index); Node's TextDecoder treats the label as Latin-1 and drops these. */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWithDecoder(label: string, bytes: Uint8Array): string {
  if (label === 'windows-1252') {
    return Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80] : String.fromCharCode(b))).join('');
  }
  return new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
}

function decodeText(bytes: Buffer, encoding: TextEncoding): string | undefined {
  if (encoding.decoder === 'latin1') return bytes.toString('latin1');
  if (encoding.decoder === 'ascii') return bytes.every((b) => b < 0x80) ? bytes.toString('latin1') : undefined;
  let label = encoding.decoder;
  let body: Uint8Array = bytes;
  if (label === 'utf-16') {
    label = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : 'utf-16be';
    if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) body = bytes.subarray(2);
  }
  const text = decodeWithDecoder(label, body);
  return text.includes('\ufffd') ? undefined : text;
}

const singleByteTables = new Map<string, Map<string, number>>();

function singleByteTable(decoder: string): Map<string, number> {
  let table = singleByteTables.get(decoder);
  if (!table) {
    table = new Map();
    for (let b = 0; b < 256; b++) {
      const ch = decodeWithDecoder(decoder, Uint8Array.of(b));
      if (ch !== '\ufffd' && !table.has(ch)) table.set(ch, b);
    }
    singleByteTables.set(decoder, table);
  }
  return table;
}

function encodeText(text: string, encoding: TextEncoding): Buffer | undefined {
  switch (encoding.decoder) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
    case 'utf-16': {
      const le = Buffer.from(text, 'utf16le');
      const be = Buffer.from(le).swap16();
      return encoding.decoder === 'utf-16' ? Buffer.concat([Buffer.from([0xfe, 0xff]), be]) : be;
    }
    case 'ascii':
    case 'latin1': {
      const limit = encoding.decoder === 'ascii' ? 0x80 : 0x100;
      const codes = [...text].map((ch) => ch.codePointAt(0)!);
      return codes.every((c) => c < limit) ? Buffer.from(codes) : undefined;
    }
    default: {
      const table = singleByteTable(encoding.decoder);
      const bytes: number[] = [];
      for (const ch of text) {
        const b = table.get(ch);
        if (b === undefined) return undefined;
        bytes.push(b);
      }
      return Buffer.from(bytes);
    }
  }
}

/** Go's encoding/csv reader with default settings, reporting errors as Terraform's csvdecode does. */
function readCsv(text: string): string[][] {
  const lines = text.split(/(?<=\n)/);
  let lineNo = 0;
  const nextLine = (): string | undefined => {
    while (lineNo < lines.length) {
      let line = lines[lineNo++];
      if (line.endsWith('\r\n')) line = `${line.slice(0, -2)}\n`;
      return line;
    }
    return undefined;
  };
  const error = (line: number, message: string): FunctionError => new FunctionError(`CSV parse error on line ${line}: ${message}`);
  const records: string[][] = [];
  let fieldCount = -1;
  for (;;) {
    let line = nextLine();
    while (line !== undefined && (line === '\n' || line === '')) line = nextLine();
    if (line === undefined) break;
    const recordLine = lineNo;
    const fields: string[] = [];
    let rest = line;
    for (;;) {
      if (!rest.startsWith('"')) {
        const comma = rest.indexOf(',');
        let field = comma === -1 ? rest : rest.slice(0, comma);
        if (comma === -1 && field.endsWith('\n')) field = field.slice(0, -1);
        if (field.includes('"')) throw error(lineNo, 'bare " in non-quoted-field');
        fields.push(field);
        if (comma === -1) break;
        rest = rest.slice(comma + 1);
        continue;
      }
      rest = rest.slice(1);
      let field = '';
      let done = false;
      for (;;) {
        const quote = rest.indexOf('"');
        if (quote !== -1) {
          field += rest.slice(0, quote);
          rest = rest.slice(quote + 1);
          if (rest.startsWith('"')) {
            field += '"';
            rest = rest.slice(1);
          } else if (rest.startsWith(',')) {
            rest = rest.slice(1);
            break;
          } else if (rest === '' || rest === '\n') {
            done = true;
            break;
          } else {
            throw error(lineNo, 'extraneous or missing " in quoted-field');
          }
        } else if (rest !== '') {
          field += rest;
          const next = nextLine();
          if (next === undefined) throw error(lineNo, 'extraneous or missing " in quoted-field');
          rest = next;
        } else {
          throw error(lineNo, 'extraneous or missing " in quoted-field');
        }
      }
      fields.push(field);
      if (done) break;
    }
    if (fieldCount === -1) fieldCount = fields.length;
    else if (fields.length !== fieldCount) throw error(recordLine, 'wrong number of fields');
    records.push(fields);
  }
  return records;
}

function csvDecode(text: string): TfValue {
  const [headers, ...rows] = readCsv(text);
  if (!headers) throw new FunctionError('missing header line');
  const seen = new Set<string>();
  for (const name of headers) {
    if (seen.has(name)) throw new FunctionError(`duplicate column name ${JSON.stringify(name)}`);
    seen.add(name);
  }
  return rows.map((row) => {
    const out: TfObject = {};
    headers.forEach((name, i) => setKey(out, name, row[i].normalize('NFC')));
    return out;
  });
}

export const encodingFunctions: FunctionTable = {
  base64decode: {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => {
      const decoded = decodeBase64(str as string);
      if (!Buffer.isBuffer(decoded)) throw new FunctionError(`failed to decode base64 data ${JSON.stringify(str)}`);
      const text = decodeUtf8(decoded);
      if (text === undefined) throw new FunctionError('the result of decoding the provided string is not valid UTF-8');
      return text;
    },
  },
  base64encode: {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => Buffer.from(str as string, 'utf8').toString('base64'),
  },
  base64gzip: {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => gzipLikeGo(Buffer.from(str as string, 'utf8')).toString('base64'),
  },
  textencodebase64: {
    params: [
      { name: 'string', type: STRING },
      { name: 'encoding', type: STRING },
    ],
    impl: ([str, label]) => {
      const encoding = findEncoding(label as string);
      if (!encoding.encodable) {
        return new Unknown(`Evident cannot encode text as ${encoding.name}`);
      }
      const bytes = encodeText(str as string, encoding);
      if (!bytes) throw argError('string', `the given string contains characters that cannot be represented in ${encoding.name}`);
      return bytes.toString('base64');
    },
  },
  textdecodebase64: {
    params: [
      { name: 'source', type: STRING },
      { name: 'encoding', type: STRING },
    ],
    impl: ([source, label]) => {
      const encoding = findEncoding(label as string);
      const decoded = decodeBase64(source as string);
      if (!Buffer.isBuffer(decoded)) {
        throw argError('source', `the given value is has an invalid base64 symbol at offset ${decoded.corruptAt}`);
      }
      const text = decodeText(decoded, encoding);
      if (text === undefined) throw argError('source', `the given string contains symbols that are not defined for ${encoding.name}`);
      return text.normalize('NFC');
    },
  },
  urlencode: {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => queryEscape(str as string),
  },
  csvdecode: {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => csvDecode(str as string),
  },
  jsondecode: {
    params: [{ name: 'str', type: STRING }],
    impl: ([str]) => jsonDecode(str as string),
  },
  jsonencode: {
    params: [{ name: 'val', type: ANY, allowNull: true }],
    impl: ([value]) => jsonEncode(value),
  },
  yamldecode: {
    params: [{ name: 'src', type: STRING }],
    impl: ([src]) => yamlDecode(src as string),
  },
  yamlencode: {
    params: [{ name: 'value', type: ANY, allowNull: true }],
    impl: ([value]) => yamlEncode(value),
  },
};
