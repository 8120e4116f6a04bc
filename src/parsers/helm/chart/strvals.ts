/**
 * Helm's strvals (pkg/strvals/parser.go, 3.10): `--set a.b=c,list[0]=x,arr={a,b}` with backslash
 * escapes, nested lists and maps, and typed values (true/false/null, int64 for integers without a
 * leading zero, everything else a string).
 */
import { GoInt, isGoMap, newMap, type GoMap, type GoValue } from '../template/value.js';

const MAX_INDEX = 65536;
const MAX_NESTED_NAME_LEVEL = 30;

export class StrvalsError extends Error {}

class EOF extends Error {}
const NOT_LIST = Symbol('not a list');

class Scanner {
  private readonly runes: string[];
  private pos = 0;
  constructor(text: string) {
    this.runes = [...text];
  }
  read(): string | undefined {
    return this.pos < this.runes.length ? this.runes[this.pos++] : undefined;
  }
  unread(): void {
    this.pos--;
  }
}

/** runesUntil: reads to a stop rune, honouring backslash escapes. */
function runesUntil(sc: Scanner, stop: string): { v: string; last: string | undefined; eof: boolean } {
  let v = '';
  for (;;) {
    const r = sc.read();
    if (r === undefined) return { v, last: undefined, eof: true };
    if (stop.includes(r)) return { v, last: r, eof: false };
    if (r === '\\') {
      const next = sc.read();
      if (next === undefined) return { v, last: undefined, eof: true };
      v += next;
    } else v += r;
  }
}

/** typedVal: the type inference of `--set`. */
export function typedVal(v: string, forceString: boolean): GoValue {
  if (forceString) return v;
  const lower = v.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (lower === '0') return new GoInt(0n, 'int64');
  if (v.length !== 0 && v[0] !== '0' && /^[+-]?\d+$/.test(v)) {
    const n = BigInt(v);
    if (n <= 9223372036854775807n && n >= -9223372036854775808n) return new GoInt(n, 'int64');
  }
  return v;
}

function panicText(what: GoValue, want: string): string {
  const have = what === null ? 'nil' : Array.isArray(what) ? '[]interface {}' : isGoMap(what) ? 'map[string]interface {}' : typeof what === 'string' ? 'string' : what instanceof GoInt ? 'int64' : 'bool';
  return `unable to parse key: interface conversion: interface {} is ${have}, not ${want}`;
}

class Parser {
  private readonly sc: Scanner;
  private readonly reader: (v: string) => GoValue;
  constructor(text: string, forceString: boolean) {
    this.sc = new Scanner(text);
    this.reader = (v) => typedVal(v, forceString);
  }

  parse(data: GoMap): void {
    for (;;) {
      try {
        this.key(data, 0);
      } catch (e) {
        if (e instanceof EOF) return;
        throw e;
      }
    }
  }

  private key(data: GoMap, level: number): void {
    const r = runesUntil(this.sc, '=[,.');
    const k = r.v;
    if (r.eof) {
      if (k.length === 0) throw new EOF();
      throw new StrvalsError(`key ${JSON.stringify(k)} has no value`);
    }
    switch (r.last) {
      case '[': {
        const i = this.keyIndex();
        let list: GoValue[] = [];
        if (Object.hasOwn(data, k)) {
          const existing = data[k];
          if (!Array.isArray(existing)) throw new StrvalsError(panicText(existing, '[]interface {}'));
          list = existing;
        }
        const result = this.listItem(list, i, level);
        set(data, k, result.list);
        if (result.error !== undefined) throw result.error;
        return;
      }
      case '=': {
        const vl = this.valList();
        if (vl === NOT_LIST) {
          set(data, k, this.reader(runesUntil(this.sc, ',').v));
          return;
        }
        if (vl instanceof EOF) {
          set(data, k, '');
          throw vl;
        }
        set(data, k, vl);
        return;
      }
      case ',':
        set(data, k, '');
        throw new StrvalsError(`key ${JSON.stringify(k)} has no value (cannot end with ,)`);
      default: {
        const nextLevel = level + 1;
        if (nextLevel > MAX_NESTED_NAME_LEVEL) throw new StrvalsError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
        let inner = newMap();
        if (Object.hasOwn(data, k)) {
          const existing = data[k];
          if (!isGoMap(existing)) throw new StrvalsError(panicText(existing, 'map[string]interface {}'));
          inner = existing;
        }
        let err: unknown;
        try {
          this.key(inner, nextLevel);
        } catch (e) {
          err = e;
        }
        if (err === undefined && Object.keys(inner).length === 0) throw new StrvalsError(`key map ${JSON.stringify(k)} has no value`);
        if (Object.keys(inner).length !== 0) set(data, k, inner);
        if (err !== undefined) throw err;
      }
    }
  }

  private keyIndex(): number {
    const r = runesUntil(this.sc, ']');
    if (r.eof) throw new StrvalsError('error parsing index: EOF');
    if (!/^[+-]?\d+$/.test(r.v)) throw new StrvalsError(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(r.v)}: invalid syntax`);
    return Number(r.v);
  }

  private setIndex(list: GoValue[], index: number, val: GoValue): GoValue[] {
    if (index < 0) throw new StrvalsError(`negative ${index} index not allowed`);
    if (index > MAX_INDEX) throw new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
    const out = list.length <= index ? [...list, ...Array<GoValue>(index + 1 - list.length).fill(null)] : list;
    out[index] = val;
    return out;
  }

  private listItem(list: GoValue[], i: number, level: number): { list: GoValue[]; error?: unknown } {
    if (i < 0) return { list, error: new StrvalsError(`negative ${i} index not allowed`) };
    const r = runesUntil(this.sc, '[.=');
    if (r.v.length > 0) return { list, error: new StrvalsError(`unexpected data at end of array index: ${JSON.stringify(r.v)}`) };
    if (r.eof) return { list, error: new EOF() };
    switch (r.last) {
      case '=': {
        const vl = this.valList();
        if (vl instanceof EOF) return { list: this.setIndex(list, i, '') };
        if (vl === NOT_LIST) {
          const rs = runesUntil(this.sc, ',');
          return { list: this.setIndex(list, i, this.reader(rs.v)) };
        }
        return { list: this.setIndex(list, i, vl) };
      }
      case '[': {
        const next = this.keyIndex();
        let current: GoValue[] = [];
        if (list.length > i && list[i] !== null) {
          const existing = list[i];
          if (!Array.isArray(existing)) throw new StrvalsError(panicText(existing, '[]interface {}'));
          current = existing;
        }
        const inner = this.listItem(current, next, level);
        if (inner.error !== undefined) return { list, error: inner.error };
        return { list: this.setIndex(list, i, inner.list) };
      }
      default: {
        let inner = newMap();
        if (list.length > i) {
          const existing = list[i];
          if (isGoMap(existing)) inner = existing;
          else list[i] = inner;
        }
        try {
          this.key(inner, level);
        } catch (e) {
          return { list, error: e };
        }
        return { list: this.setIndex(list, i, inner) };
      }
    }
  }

  private valList(): GoValue[] | EOF | typeof NOT_LIST {
    const r = this.sc.read();
    if (r === undefined) return new EOF();
    if (r !== '{') {
      this.sc.unread();
      return NOT_LIST;
    }
    const list: GoValue[] = [];
    for (;;) {
      const rs = runesUntil(this.sc, ',}');
      if (rs.eof) throw new StrvalsError("list must terminate with '}'");
      if (rs.last === '}') {
        const after = this.sc.read();
        if (after !== undefined && after !== ',') this.sc.unread();
        list.push(this.reader(rs.v));
        return list;
      }
      list.push(this.reader(rs.v));
    }
  }
}

function set(data: GoMap, key: string, value: GoValue): void {
  if (key.length === 0) return;
  data[key] = value;
}

/** strvals.ParseInto (forceString: ParseIntoString, as --set-string). */
export function parseInto(text: string, dest: GoMap, forceString = false): void {
  new Parser(text, forceString).parse(dest);
}
