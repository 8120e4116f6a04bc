/** text/template's predefined functions (funcs.go), with Go 1.18's comparison rules and error texts. */
import { sprint, sprintf, sprintln } from './fmt.js';
import {
  GoError,
  GoInt,
  Iface,
  compareBytes,
  elemType,
  goInt,
  isGoMap,
  isTrue,
  kindOf,
  typeName,
  unbox,
  utf8Bytes,
  type Arg,
  type GoFunc,
  type GoValue,
} from './value.js';

type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(value: GoValue): BasicKind {
  if (value === null) return 'invalid';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float';
  }
  if (value instanceof GoInt) return value.isUnsigned() ? 'uint' : 'int';
  return 'invalid';
}

const BAD_COMPARISON_TYPE = 'invalid type for comparison';
const BAD_COMPARISON = 'incompatible types for comparison';

function intValue(value: GoValue): bigint {
  return (value as GoInt).value;
}

function isNilValue(value: GoValue): boolean {
  return value === null;
}

function comparable(value: GoValue): boolean {
  return !(Array.isArray(value) || isGoMap(value) || value instanceof Uint8Array);
}

export function eq(arg1Raw: Arg, rest: Arg[]): boolean {
  const arg1 = unbox(arg1Raw);
  if (arg1 !== null && !comparable(arg1)) throw new GoError(`uncomparable type ${typeName(arg1)}: ${sprintf('%v', [arg1])}`);
  if (rest.length === 0) throw new GoError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const raw of rest) {
    const arg = unbox(raw);
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') truth = intValue(arg1) >= 0n && intValue(arg1) === intValue(arg);
      else if (k1 === 'uint' && k2 === 'int') truth = intValue(arg) >= 0n && intValue(arg1) === intValue(arg);
      else if (arg1 !== null && arg !== null) throw new GoError(BAD_COMPARISON);
    } else {
      switch (k1) {
        case 'bool':
        case 'string':
        case 'float':
          truth = arg1 === arg;
          break;
        case 'int':
        case 'uint':
          truth = intValue(arg1) === intValue(arg);
          break;
        default:
          if (arg1 !== null && arg !== null && kindOf(arg1) !== kindOf(arg)) throw new GoError(BAD_COMPARISON);
          if (isNilValue(arg1) || isNilValue(arg)) truth = isNilValue(arg1) === isNilValue(arg);
          else {
            if (!comparable(arg)) throw new GoError(`uncomparable type ${typeName(arg)}: ${sprintf('%v', [arg])}`);
            truth = arg1 === arg;
          }
      }
    }
    if (truth) return true;
  }
  return false;
}

export function lt(arg1Raw: Arg, arg2Raw: Arg): boolean {
  const arg1 = unbox(arg1Raw);
  const arg2 = unbox(arg2Raw);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new GoError(BAD_COMPARISON_TYPE);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new GoError(BAD_COMPARISON_TYPE);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return intValue(arg1) < 0n || intValue(arg1) < intValue(arg2);
    if (k1 === 'uint' && k2 === 'int') return intValue(arg2) >= 0n && intValue(arg1) < intValue(arg2);
    throw new GoError(BAD_COMPARISON);
  }
  switch (k1) {
    case 'bool':
      throw new GoError(BAD_COMPARISON_TYPE);
    case 'float':
      return (arg1 as number) < (arg2 as number);
    case 'string':
      return compareBytes(arg1 as string, arg2 as string) < 0;
    default:
      return intValue(arg1) < intValue(arg2);
  }
}

function length(raw: Arg): GoValue {
  if (raw instanceof Iface && raw.value === null) throw new GoError('len of nil pointer');
  const item = unbox(raw);
  if (item === null) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return goInt(utf8Bytes(item).length);
  if (item instanceof Uint8Array || Array.isArray(item)) return goInt(item.length);
  if (isGoMap(item)) return goInt(Object.keys(item).length);
  throw new GoError(`len of type ${typeName(item).replace(/^\*/, '')}`);
}

function indexArg(index: GoValue, cap: number): number {
  let x: bigint;
  if (index instanceof GoInt) x = index.value;
  else if (index === null) throw new GoError('cannot index slice/array with nil');
  else throw new GoError(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new GoError(`index out of range: ${x}`);
  return Number(x);
}

function index(itemRaw: Arg, indexes: Arg[]): Arg {
  let item: Arg = unbox(itemRaw);
  if (item === null) throw new GoError('index of untyped nil');
  for (const indexRaw of indexes) {
    const idx = unbox(indexRaw);
    const current: GoValue = unbox(item);
    if (current === null) throw new GoError('index of nil pointer');
    if (typeof current === 'string') {
      const bytes = utf8Bytes(current);
      const x = indexArg(idx, bytes.length);
      if (x === bytes.length) throw new GoError('reflect: string index out of range');
      item = new GoInt(bytes[x], 'uint8');
    } else if (current instanceof Uint8Array) {
      const x = indexArg(idx, current.length);
      if (x === current.length) throw new GoError('reflect: slice index out of range');
      item = new GoInt(current[x], 'uint8');
    } else if (Array.isArray(current)) {
      const x = indexArg(idx, current.length);
      if (x === current.length) throw new GoError('reflect: slice index out of range');
      const elem = current[x];
      item = elemType(typeName(current)) === 'interface {}' ? new Iface(elem) : elem;
    } else if (isGoMap(current)) {
      if (idx === null) throw new GoError('value is nil; should be of type string');
      if (typeof idx !== 'string') throw new GoError(`value has type ${typeName(idx)}; should be string`);
      const elem = elemType(typeName(current));
      if (Object.hasOwn(current, idx)) item = elem === 'interface {}' ? new Iface(current[idx]) : current[idx];
      else item = zeroValue(elem);
    } else throw new GoError(`can't index item of type ${typeName(current)}`);
  }
  return item;
}

/** The zero value of an element type, as a missing map key yields it. */
export function zeroValue(type: string): Arg {
  switch (type) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'float64':
      return 0;
    case 'int':
    case 'int64':
      return new GoInt(0, type);
    case 'interface {}':
      return new Iface(null);
    default:
      return null;
  }
}

/** printableValue + fmt.Sprint, as print/html/js/urlquery see their arguments. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null ? '<no value>' : a)));
}

export function htmlEscape(text: string): string {
  return text.replace(/[\0"'&<>]/g, (c) => {
    switch (c) {
      case '\0':
        return '\uFFFD';
      case '"':
        return '&#34;';
      case "'":
        return '&#39;';
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      default:
        return '&gt;';
    }
  });
}

export function jsEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (cp < 0x20) out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else if (cp < 0x80 || /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) out += ch;
    else out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(text: string): string {
  let out = '';
  for (const b of utf8Bytes(text)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function fn(name: string, params: string[], variadic: string | undefined, result: string, returnsError: boolean, call: (args: Arg[]) => Arg): GoFunc {
  return { name, params, variadic, result, returnsError, call };
}

const RV = 'reflect.Value';

/** The builtins; `and` and `or` are evaluated lazily by the executor. */
export function builtinFuncs(): Map<string, GoFunc> {
  const unreachable = (): Arg => {
    throw new Error('and/or are evaluated by the executor');
  };
  const list: GoFunc[] = [
    fn('and', [RV], RV, RV, false, unreachable),
    fn('or', [RV], RV, RV, false, unreachable),
    fn('not', [RV], undefined, 'bool', false, ([a]) => !isTrue(unbox(a))),
    fn('eq', [RV], RV, 'bool', true, ([a, ...rest]) => eq(a, rest)),
    fn('ne', [RV, RV], undefined, 'bool', true, ([a, b]) => !eq(a, [b])),
    fn('lt', [RV, RV], undefined, 'bool', true, ([a, b]) => lt(a, b)),
    fn('le', [RV, RV], undefined, 'bool', true, ([a, b]) => lt(a, b) || eq(a, [b])),
    fn('gt', [RV, RV], undefined, 'bool', true, ([a, b]) => !(lt(a, b) || eq(a, [b]))),
    fn('ge', [RV, RV], undefined, 'bool', true, ([a, b]) => !lt(a, b)),
    fn('len', [RV], undefined, 'int', true, ([a]) => length(a)),
    fn('index', [RV], RV, RV, true, ([a, ...rest]) => index(a, rest)),
    fn('print', [], 'interface {}', 'string', false, (args) => sprint(args.map(unbox))),
    fn('println', [], 'interface {}', 'string', false, (args) => sprintln(args.map(unbox))),
    fn('printf', ['string'], 'interface {}', 'string', false, ([format, ...args]) => sprintf(format as string, args.map(unbox))),
    fn('html', [], 'interface {}', 'string', false, (args) => htmlEscape(evalArgs(args.map(unbox)))),
    fn('js', [], 'interface {}', 'string', false, (args) => jsEscape(evalArgs(args.map(unbox)))),
    fn('urlquery', [], 'interface {}', 'string', false, (args) => queryEscape(evalArgs(args.map(unbox)))),
    fn('call', [RV], RV, RV, true, ([f]) => {
      const target = unbox(f);
      if (target === null) throw new GoError('call of nil');
      throw new GoError(`non-function of type ${typeName(target)}`);
    }),
  ];
  return new Map(list.map((f) => [f.name, f]));
}

