/** A small reader for gzipped tar archives (packaged charts), with size limits. */
import { gunzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

export class ArchiveError extends Error {}

function field(block: Uint8Array, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return Buffer.from(end >= 0 ? slice.subarray(0, end) : slice).toString('utf8');
}

function octal(block: Uint8Array, offset: number, length: number): number {
  const text = field(block, offset, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new ArchiveError(`invalid tar header number ${JSON.stringify(text)}`);
  return parseInt(text, 8);
}

/** Reads regular files from a .tgz; directories, links and device entries are skipped. */
export function readTgz(data: Uint8Array, limits: { maxBytes: number; maxEntries: number }): TarEntry[] {
  let tar: Uint8Array;
  try {
    tar = gunzipSync(data, { maxOutputLength: limits.maxBytes });
  } catch (e) {
    throw new ArchiveError(`cannot decompress archive: ${e instanceof Error ? e.message : String(e)}`);
  }
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const magic = field(header, 257, 6);
    let name = field(header, 0, 100);
    if (magic.startsWith('ustar')) {
      const prefix = field(header, 345, 155);
      if (prefix !== '') name = `${prefix}/${name}`;
    }
    const bodyStart = offset + 512;
    const bodyEnd = bodyStart + size;
    if (bodyEnd > tar.length) throw new ArchiveError('truncated tar archive');
    const body = tar.subarray(bodyStart, bodyEnd);
    offset = bodyStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = Buffer.from(body).toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(Buffer.from(body).toString('utf8'));
      if (m !== null) paxPath = m[1];
      continue;
    }
    if (type === 'g') continue;
    const fullName = paxPath ?? longName ?? name;
    longName = undefined;
    paxPath = undefined;
    if (type !== '0' && type !== '\0' && type !== '7') continue;
    entries.push({ name: fullName, data: Uint8Array.from(body) });
    if (entries.length > limits.maxEntries) throw new ArchiveError(`archive has more than ${limits.maxEntries} files`);
  }
  return entries;
}
