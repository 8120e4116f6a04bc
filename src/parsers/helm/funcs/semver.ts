/**
 * Masterminds/semver v3 (as Sprig and Helm use it): lenient versions ("v1.2", "1"), and constraints
 * where a prerelease version only satisfies a constraint that names a prerelease itself
 * (hence charts writing `semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion`).
 */
import { GoError, GoInt, GoStruct, type GoFunc, type GoValue } from '../template/value.js';
import { def } from './support.js';

const VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

export class SemVersion extends GoStruct {
  readonly goType = '*semver.Version';
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: string;
  readonly metadata: string;
  readonly original: string;

  constructor(major: bigint, minor: bigint, patch: bigint, pre: string, metadata: string, original: string) {
    super();
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre;
    this.metadata = metadata;
    this.original = original;
  }

  /** semver.NewVersion. */
  static parse(text: string): SemVersion {
    const m = VERSION.exec(text);
    if (m === null) throw new GoError('Invalid Semantic Version');
    const seg = (s: string | undefined): bigint => {
      if (s === undefined || s === '') return 0n;
      const v = BigInt(s.replace(/^\./, ''));
      if (v > 18446744073709551615n) throw new GoError(`Error parsing version segment: strconv.ParseUint: parsing ${JSON.stringify(s.replace(/^\./, ''))}: value out of range`);
      return v;
    };
    const pre = m[5] ?? '';
    const meta = m[8] ?? '';
    if (pre !== '') {
      for (const part of pre.split('.')) {
        if (/^\d+$/.test(part) && part.length > 1 && part.startsWith('0')) throw new GoError('Version segment starts with 0');
      }
    }
    return new SemVersion(seg(m[1]), seg(m[2]), seg(m[3]), pre, meta, text);
  }

  override toString(): string {
    let out = `${this.major}.${this.minor}.${this.patch}`;
    if (this.pre !== '') out += `-${this.pre}`;
    if (this.metadata !== '') out += `+${this.metadata}`;
    return out;
  }

  compare(o: SemVersion): number {
    for (const [a, b] of [
      [this.major, o.major],
      [this.minor, o.minor],
      [this.patch, o.patch],
    ] as const) {
      if (a !== b) return a < b ? -1 : 1;
    }
    if (this.pre === '' && o.pre === '') return 0;
    if (this.pre === '') return 1;
    if (o.pre === '') return -1;
    return comparePrerelease(this.pre, o.pre);
  }

  override fieldNames(): readonly string[] {
    return [];
  }
  override field(): GoValue {
    return null;
  }
  override stringer(): string {
    return this.toString();
  }
  override method(name: string): GoFunc | undefined {
    const u64 = (v: bigint): GoInt => new GoInt(v, 'uint64');
    switch (name) {
      case 'Major':
        return def(name, [], 'uint64', () => u64(this.major));
      case 'Minor':
        return def(name, [], 'uint64', () => u64(this.minor));
      case 'Patch':
        return def(name, [], 'uint64', () => u64(this.patch));
      case 'Prerelease':
        return def(name, [], 'string', () => this.pre);
      case 'Metadata':
        return def(name, [], 'string', () => this.metadata);
      case 'Original':
        return def(name, [], 'string', () => this.original);
      case 'String':
        return def(name, [], 'string', () => this.toString());
      case 'IncMajor':
        return def(name, [], 'semver.Version', () => new SemVersion(this.major + 1n, 0n, 0n, '', '', ''));
      case 'IncMinor':
        return def(name, [], 'semver.Version', () => new SemVersion(this.major, this.minor + 1n, 0n, '', '', ''));
      case 'IncPatch':
        return def(name, [], 'semver.Version', () =>
          this.pre !== '' ? new SemVersion(this.major, this.minor, this.patch, '', '', '') : new SemVersion(this.major, this.minor, this.patch + 1n, '', '', ''),
        );
      case 'LessThan':
        return def(name, ['*semver.Version'], 'bool', (o: SemVersion) => this.compare(o) < 0);
      case 'GreaterThan':
        return def(name, ['*semver.Version'], 'bool', (o: SemVersion) => this.compare(o) > 0);
      case 'Equal':
        return def(name, ['*semver.Version'], 'bool', (o: SemVersion) => this.compare(o) === 0);
      case 'Compare':
        return def(name, ['*semver.Version'], 'int', (o: SemVersion) => new GoInt(this.compare(o)));
    }
    return undefined;
  }
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  const l = Math.max(sp.length, op.length);
  for (let i = 0; i < l; i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return o !== '' ? -1 : 1;
  if (o === '') return 1;
  const sNum = /^\d+$/.test(s) && BigInt(s) <= 18446744073709551615n;
  const oNum = /^\d+$/.test(o) && BigInt(o) <= 18446744073709551615n;
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

const CV = `v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?`;
const OPS = `=||!=|>|<|>=|=>|<=|=<|~|~>|\\^`;
const CONSTRAINT = new RegExp(`^\\s*(${OPS})\\s*(${CV})\\s*$`);
const RANGE = new RegExp(`\\s*(${CV})\\s+-\\s+(${CV})\\s*`, 'g');
const FIND = new RegExp(`(${OPS})\\s*(${CV})`, 'g');
const VALID = new RegExp(`^(\\s*(${OPS})\\s*(${CV})\\s*\\,?)+$`);

interface Constraint {
  con: SemVersion;
  orig: string;
  op: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isX = (s: string): boolean => s === 'x' || s === '*' || s === 'X';

function parseConstraint(c: string): Constraint {
  if (c.length === 0) return { con: SemVersion.parse('0.0.0'), orig: c, op: '', dirty: true, minorDirty: false, patchDirty: false };
  const m = CONSTRAINT.exec(c);
  if (m === null) throw new GoError(`improper constraint: ${c}`);
  const major = m[3];
  const minor = m[4] ?? '';
  const patch = m[5] ?? '';
  const pre = m[6] ?? '';
  let ver = m[2];
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    ver = '0.0.0';
    dirty = true;
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    minorDirty = true;
    dirty = true;
    ver = `${major}.0.0${pre}`;
  } else if (isX(patch.replace(/^\./, '')) || patch === '') {
    dirty = true;
    patchDirty = true;
    ver = `${major}${minor}.0${pre}`;
  }
  let con: SemVersion;
  try {
    con = SemVersion.parse(ver);
  } catch {
    throw new GoError('constraint Parser Error');
  }
  return { con, orig: m[2], op: m[1], dirty, minorDirty, patchDirty };
}

function check(v: SemVersion, c: Constraint): boolean {
  const preBlocked = v.pre !== '' && c.con.pre === '';
  switch (c.op) {
    case '':
    case '=':
      if (preBlocked) return false;
      if (c.dirty) return tilde(v, c);
      return v.compare(c.con) === 0;
    case '!=':
      if (c.dirty) {
        if (preBlocked) return false;
        if (c.con.major !== v.major) return true;
        if (c.con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (c.con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
          return false;
        }
      }
      return v.compare(c.con) !== 0;
    case '>':
      if (preBlocked) return false;
      if (!c.dirty) return v.compare(c.con) === 1;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return v.compare(c.con) === 1;
    case '<':
      if (preBlocked) return false;
      return v.compare(c.con) < 0;
    case '>=':
    case '=>':
      if (preBlocked) return false;
      return v.compare(c.con) >= 0;
    case '<=':
    case '=<':
      if (preBlocked) return false;
      if (!c.dirty) return v.compare(c.con) <= 0;
      if (v.major > c.con.major) return false;
      if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      if (preBlocked) return false;
      return tilde(v, c);
    case '^':
      return caret(v, c, preBlocked);
  }
  return false;
}

function tilde(v: SemVersion, c: Constraint): boolean {
  if (v.pre !== '' && c.con.pre === '') return false;
  if (v.compare(c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

function caret(v: SemVersion, c: Constraint, preBlocked: boolean): boolean {
  if (preBlocked) return false;
  if (v.compare(c.con) < 0) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (c.con.major === 0n && v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  return c.con.patch === v.patch;
}

/** semver.NewConstraint(c).Check(v). */
export class SemConstraints {
  private readonly ors: Constraint[][];
  constructor(text: string) {
    const rewritten = text.replace(RANGE, (_m, ...g: string[]) => `>= ${g[0]}, <= ${g[10]}`);
    this.ors = rewritten.split('||').map((part) => {
      if (!VALID.test(part)) throw new GoError(`improper constraint: ${part}`);
      const found = part.match(FIND) ?? [part];
      return found.map(parseConstraint);
    });
  }
  check(v: SemVersion): boolean {
    return this.ors.some((and) => and.every((c) => check(v, c)));
  }
}

export function semverFuncs(): GoFunc[] {
  return [
    def('semver', ['string'], '*semver.Version', (v: string) => SemVersion.parse(v), { returnsError: true }),
    def('semverCompare', ['string', 'string'], 'bool', (c: string, v: string) => new SemConstraints(c).check(SemVersion.parse(v)), { returnsError: true }),
  ];
}
