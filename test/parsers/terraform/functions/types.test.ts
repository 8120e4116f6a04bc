import { describe, expect, it } from 'vitest';
import type { ObjectAttribute, TypeSpec } from '../../../../src/parsers/terraform/functions/types.js';
import {
  ANY,
  BOOL,
  ConversionError,
  NUMBER,
  STRING,
  canConvert,
  convert,
  friendlyName,
  listOf,
  mapOf,
  setOf,
  typeOf,
  unifyTypes,
} from '../../../../src/parsers/terraform/functions/types.js';
import type { TfValue } from '../../../../src/parsers/terraform/functions/value.js';
import { Unknown } from '../../../../src/parsers/terraform/functions/value.js';
import { errorOf } from './cases.js';

const required = (type: TypeSpec): ObjectAttribute => ({ type, optional: false });
const optional = (type: TypeSpec, defaultValue?: TfValue): ObjectAttribute =>
  defaultValue === undefined ? { type, optional: true } : { type, optional: true, default: defaultValue };
const object = (attributes: Record<string, ObjectAttribute>): TypeSpec => ({ kind: 'object', attributes });

const server = object({
  name: required(STRING),
  size: optional(NUMBER, 3),
  tags: optional(mapOf(STRING), {}),
  nested: optional(object({ a: optional(STRING, 'x'), b: optional(listOf(STRING)) }), {}),
});

type ConvertCase = [label: string, type: TypeSpec, input: TfValue, expected: { value: TfValue } | { error: string }];

// Expected values and messages come from Terraform 1.11 converting `-var` values to these variable types.
const variables: ConvertCase[] = [
  ["object({ name = string, size = optional(number, 3), tags = optional(map(string), {}), nested = optional(object({ a = optional(string, \"x\"), b = optional(list(string)) }), {}) })", server, {"name":"a","extra":1}, { value: {"name":"a","nested":{"a":"x","b":null},"size":3,"tags":{}} }],
  ["object({ name = string, size = optional(number, 3), tags = optional(map(string), {}), nested = optional(object({ a = optional(string, \"x\"), b = optional(list(string)) }), {}) })", server, {"size":1}, { error: "attribute \"name\" is required" }],
  ["object({ name = string, size = optional(number, 3), tags = optional(map(string), {}), nested = optional(object({ a = optional(string, \"x\"), b = optional(list(string)) }), {}) })", server, {"name":"a","size":"x"}, { error: "a number is required" }],
  ["object({ name = string, size = optional(number, 3), tags = optional(map(string), {}), nested = optional(object({ a = optional(string, \"x\"), b = optional(list(string)) }), {}) })", server, {"name":"a","size":"7"}, { value: {"name":"a","nested":{"a":"x","b":null},"size":7,"tags":{}} }],
  ["object({ name = string, size = optional(number, 3), tags = optional(map(string), {}), nested = optional(object({ a = optional(string, \"x\"), b = optional(list(string)) }), {}) })", server, {"name":"a","nested":{"b":[1,true]}}, { value: {"name":"a","nested":{"a":"x","b":["1","true"]},"size":3,"tags":{}} }],
  ["object({ name = string, size = optional(number, 3), tags = optional(map(string), {}), nested = optional(object({ a = optional(string, \"x\"), b = optional(list(string)) }), {}) })", server, {"name":"a","size":null,"nested":{"a":null}}, { value: {"name":"a","nested":{"a":"x","b":null},"size":3,"tags":{}} }],
  ["object({ name = string, size = optional(number, 3), tags = optional(map(string), {}), nested = optional(object({ a = optional(string, \"x\"), b = optional(list(string)) }), {}) })", server, "str", { error: "object required" }],
  ["object({ name = string, size = optional(number, 3), tags = optional(map(string), {}), nested = optional(object({ a = optional(string, \"x\"), b = optional(list(string)) }), {}) })", server, {}, { error: "attribute \"name\" is required" }],
  ["object({ name = string, size = optional(number, 3), tags = optional(map(string), {}), nested = optional(object({ a = optional(string, \"x\"), b = optional(list(string)) }), {}) })", server, {"name":1,"tags":{"k":2}}, { value: {"name":"1","nested":{"a":"x","b":null},"size":3,"tags":{"k":"2"}} }],
  ["object({ name = string, size = optional(number, 3), tags = optional(map(string), {}), nested = optional(object({ a = optional(string, \"x\"), b = optional(list(string)) }), {}) })", server, {"name":"a","tags":"x"}, { error: "attribute \"tags\": map of string required" }],
  ["object({ name = string, size = optional(number, 3), tags = optional(map(string), {}), nested = optional(object({ a = optional(string, \"x\"), b = optional(list(string)) }), {}) })", server, {"name":"a","nested":null}, { value: {"name":"a","nested":{"a":"x","b":null},"size":3,"tags":{}} }],
  ["object({ name = string, size = optional(number, 3), tags = optional(map(string), {}), nested = optional(object({ a = optional(string, \"x\"), b = optional(list(string)) }), {}) })", server, {"name":[1]}, { error: "attribute \"name\": string required" }],
  ["list(number)", listOf(NUMBER), ["1",2], { value: [1,2] }],
  ["list(number)", listOf(NUMBER), ["x"], { error: "a number is required" }],
  ["list(number)", listOf(NUMBER), {"a":1}, { error: "list of number required" }],
  ["list(number)", listOf(NUMBER), [[1]], { error: "element 0: number required" }],
  ["list(number)", listOf(NUMBER), [], { value: [] }],
  ["list(number)", listOf(NUMBER), [null,1], { value: [null,1] }],
  ["list(number)", listOf(NUMBER), [true], { error: "element 0: number required" }],
  ["map(any)", mapOf(ANY), {"a":1,"b":"x"}, { value: {"a":"1","b":"x"} }],
  ["map(any)", mapOf(ANY), {"a":1,"b":true}, { error: "all map elements must have the same type" }],
  ["map(any)", mapOf(ANY), {"a":{"x":1},"b":{"y":"s"}}, { value: {"a":{"x":"1"},"b":{"y":"s"}} }],
  ["map(any)", mapOf(ANY), {}, { value: {} }],
  ["map(any)", mapOf(ANY), {"a":[1],"b":[1,2]}, { value: {"a":[1],"b":[1,2]} }],
  ["map(any)", mapOf(ANY), {"a":null,"b":1}, { value: {"a":null,"b":1} }],
  ["set(string)", setOf(STRING), ["b","a","b",1], { value: ["1","a","b"] }],
  ["set(string)", setOf(STRING), [], { value: [] }],
  ["set(string)", setOf(STRING), [true,"x"], { value: ["true","x"] }],
  ["set(string)", setOf(STRING), [[1]], { error: "element 0: string required" }],
  ["list(object({ a = optional(string, \"d\"), b = any }))", listOf(object({ a: optional(STRING, 'd'), b: required(ANY) })), [{"b":1},{"b":"x","a":"q"}], { value: [{"a":"d","b":"1"},{"a":"q","b":"x"}] }],
  ["list(object({ a = optional(string, \"d\"), b = any }))", listOf(object({ a: optional(STRING, 'd'), b: required(ANY) })), [{"b":1},{"b":true}], { error: "cannot find a common base type for all elements" }],
  ["list(object({ a = optional(string, \"d\"), b = any }))", listOf(object({ a: optional(STRING, 'd'), b: required(ANY) })), [{"a":"x"}], { error: "element 0: attribute \"b\" is required" }],
  ["list(object({ a = optional(string, \"d\"), b = any }))", listOf(object({ a: optional(STRING, 'd'), b: required(ANY) })), [{"b":[1]},{"b":[1,2]}], { value: [{"a":"d","b":[1]},{"a":"d","b":[1,2]}] }],
  ["tuple([string, number])", { kind: 'tuple', elements: [STRING, NUMBER] }, ["a",1], { value: ["a",1] }],
  ["tuple([string, number])", { kind: 'tuple', elements: [STRING, NUMBER] }, [1,"2"], { value: ["1",2] }],
  ["tuple([string, number])", { kind: 'tuple', elements: [STRING, NUMBER] }, ["a"], { error: "tuple required" }],
  ["tuple([string, number])", { kind: 'tuple', elements: [STRING, NUMBER] }, ["a","b"], { error: "a number is required" }],
  ["map(object({ x = optional(bool, true), y = number }))", mapOf(object({ x: optional(BOOL, true), y: required(NUMBER) })), {"k":{"y":1}}, { value: {"k":{"x":true,"y":1}} }],
  ["map(object({ x = optional(bool, true), y = number }))", mapOf(object({ x: optional(BOOL, true), y: required(NUMBER) })), {"k":{"y":1,"x":"false"}}, { value: {"k":{"x":false,"y":1}} }],
  ["map(object({ x = optional(bool, true), y = number }))", mapOf(object({ x: optional(BOOL, true), y: required(NUMBER) })), {"k":{"x":true}}, { error: "element \"k\": attribute \"y\" is required" }],
  ["map(object({ x = optional(bool, true), y = number }))", mapOf(object({ x: optional(BOOL, true), y: required(NUMBER) })), {"k":{"y":"z"}}, { error: "a number is required" }],
  ["list(any)", listOf(ANY), [1,"a"], { value: ["1","a"] }],
  ["list(any)", listOf(ANY), [1,true], { error: "all list elements must have the same type" }],
  ["list(any)", listOf(ANY), [{"a":1},{"b":2}], { value: [{"a":1},{"b":2}] }],
  ["list(any)", listOf(ANY), [[1],["a"]], { value: [["1"],["a"]] }],
  ["list(any)", listOf(ANY), [], { value: [] }],
  ["object({ a = list(object({ b = optional(number, 1), c = optional(set(string), []) })) })", object({ a: required(listOf(object({ b: optional(NUMBER, 1), c: optional(setOf(STRING), []) }))) }), {"a":[{},{"b":5,"c":["z","y","z"]}]}, { value: {"a":[{"b":1,"c":[]},{"b":5,"c":["y","z"]}]} }],
  ["object({ a = list(object({ b = optional(number, 1), c = optional(set(string), []) })) })", object({ a: required(listOf(object({ b: optional(NUMBER, 1), c: optional(setOf(STRING), []) }))) }), {"a":[{"b":"q"}]}, { error: "a number is required" }],
  ["object({ a = list(object({ b = optional(number, 1), c = optional(set(string), []) })) })", object({ a: required(listOf(object({ b: optional(NUMBER, 1), c: optional(setOf(STRING), []) }))) }), {"a":"x"}, { error: "attribute \"a\": list of object required" }],
  ["object({ a = string, b = string, c = string })", object({ a: required(STRING), b: required(STRING), c: required(STRING) }), {}, { error: "attributes \"a\", \"b\", and \"c\" are required" }],
  ["object({ a = string, b = string, c = string })", object({ a: required(STRING), b: required(STRING), c: required(STRING) }), {"a":"x"}, { error: "attributes \"b\" and \"c\" are required" }],
  ["object({ a = string, b = string, c = string })", object({ a: required(STRING), b: required(STRING), c: required(STRING) }), {"a":"x","b":1}, { error: "attribute \"c\" is required" }],
  ["object({ a = string, b = string, c = string })", object({ a: required(STRING), b: required(STRING), c: required(STRING) }), {"a":[1],"b":{},"c":"x"}, { error: "attribute \"a\": string required" }],
  ["any", ANY, [1,"a"], { value: [1,"a"] }],
  ["any", ANY, {"a":1}, { value: {"a":1} }],
];

// Values Terraform's -var parsing cannot express (it reads primitive -var values as raw strings).
const primitives: ConvertCase[] = [
  ['bool', BOOL, 'true', { value: true }],
  ['bool', BOOL, '1', { value: true }],
  ['bool', BOOL, '0', { value: false }],
  ['bool', BOOL, 'yes', { error: 'a bool is required' }],
  ['bool', BOOL, 1, { error: 'bool required' }],
  ['string', STRING, 1.5, { value: '1.5' }],
  ['string', STRING, true, { value: 'true' }],
  ['string', STRING, 1e21, { value: '1000000000000000000000' }],
  ['string', STRING, [1], { error: 'string required' }],
  ['number', NUMBER, ' 12', { error: 'a number is required' }],
  ['number', NUMBER, '1e3', { value: 1000 }],
];

describe('convert', () => {
  it.each([...variables, ...primitives])('%s <- %j', (_label, type, input, expected) => {
    if ('error' in expected) {
      expect(errorOf(() => convert(input, type))).toBe(`Invalid value for variable: ${expected.error}`);
    } else {
      expect(convert(input, type)).toEqual(expected.value);
    }
  });

  it('throws a ConversionError carrying the detail without its prefix', () => {
    let caught: unknown;
    try {
      convert({}, server);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConversionError);
    expect((caught as ConversionError).detail).toBe('attribute "name" is required');
  });

  it('passes unknowns through, at the top and inside collections', () => {
    const unknown = new Unknown('from a resource attribute');
    expect(convert(unknown, listOf(STRING))).toBe(unknown);
    expect(convert([unknown, 1], listOf(STRING))).toEqual([unknown, '1']);
    expect(convert({ name: unknown }, server)).toEqual({ name: unknown, nested: { a: 'x', b: null }, size: 3, tags: {} });
  });

  it('keeps null for a nullable value of any type', () => {
    expect(convert(null, server)).toBeNull();
    expect(convert(null, listOf(NUMBER))).toBeNull();
  });

  it('applies nested defaults inside maps and lists of objects', () => {
    const type = mapOf(object({ rules: optional(listOf(object({ port: optional(NUMBER, 443), open: required(BOOL) })), []) }));
    expect(convert({ web: { rules: [{ open: 'true' }] }, db: {} }, type)).toEqual({
      db: { rules: [] },
      web: { rules: [{ open: true, port: 443 }] },
    });
  });

  it('deduplicates and orders sets', () => {
    expect(convert([3, 1, 2, 3], setOf(NUMBER))).toEqual([1, 2, 3]);
    expect(convert(['b', 'a', 'B'], setOf(STRING))).toEqual(['B', 'a', 'b']);
  });

  it('defines a __proto__ attribute as data rather than as a prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}}') as TfValue;
    const converted = convert(input, mapOf(ANY)) as Record<string, TfValue>;
    expect(Object.keys(converted)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('type helpers', () => {
  it('infers tuple and object types from values', () => {
    expect(typeOf([1, 'a', null])).toEqual({ kind: 'tuple', elements: [NUMBER, STRING, ANY] });
    expect(typeOf({ a: true })).toEqual(object({ a: required(BOOL) }));
    expect(typeOf(new Unknown('x'))).toEqual(ANY);
  });

  it('unifies element types as Terraform does for lists and maps', () => {
    expect(unifyTypes([NUMBER, STRING])).toEqual(STRING);
    expect(unifyTypes([NUMBER, BOOL])).toBeUndefined();
    expect(unifyTypes([typeOf({ a: 1 }), typeOf({ b: 'x' })])).toEqual(mapOf(STRING));
    expect(unifyTypes([typeOf([1]), typeOf([1, 'a'])])).toEqual(listOf(STRING));
    expect(unifyTypes([typeOf([1]), typeOf({ a: 1 })])).toBeUndefined();
    expect(unifyTypes([ANY, ANY])).toEqual(ANY);
  });

  it('names types as Terraform messages do', () => {
    expect(friendlyName(listOf(ANY))).toBe('list of any single type');
    expect(friendlyName(mapOf(setOf(STRING)))).toBe('map of set of string');
    expect(friendlyName(server)).toBe('object');
  });

  it('answers whether a conversion exists from types alone', () => {
    expect(canConvert(STRING, NUMBER)).toBe(true);
    expect(canConvert(NUMBER, BOOL)).toBe(false);
    expect(canConvert(typeOf({ name: 'x' }), server)).toBe(true);
    expect(canConvert(typeOf({}), server)).toBe(false);
  });
});
