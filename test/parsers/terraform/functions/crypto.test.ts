import { describe } from 'vitest';
import type { Case } from './cases.js';
import { runCases } from './cases.js';

// Expected values and messages were produced by `terraform console` (Terraform 1.11).
const crypto: Case[] = [
  ["md5", ["hello"], { value: "5d41402abc4b2a76b9719d911017c592" }],
  ["md5", [""], { value: "d41d8cd98f00b204e9800998ecf8427e" }],
  ["sha1", ["hello"], { value: "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d" }],
  ["sha256", ["héllo"], { value: "3c48591d8d098a4538f5e013dfcf406e948eac4d3277b10bf614e295d6068179" }],
  ["sha512", ["hello"], { value: "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043" }],
  ["base64sha256", ["hello"], { value: "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=" }],
  ["base64sha512", ["hello"], { value: "m3HSJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw==" }],
  ["sha256", ["hello world"], { value: "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9" }],
  ["uuidv5", ["dns","www.terraform.io"], { value: "a5008fae-b28c-5ba5-96cd-82b4c53552d6" }],
  ["uuidv5", ["url","https://www.terraform.io/"], { value: "9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5" }],
  ["uuidv5", ["oid","x"], { value: "8558d34a-d3c6-5881-a6e3-bf8f3e6110ea" }],
  ["uuidv5", ["x500","x"], { value: "456e503f-63e3-56c1-b807-4cd79bf8cc22" }],
  ["uuidv5", ["6ba7b810-9dad-11d1-80b4-00c04fd430c8","www.terraform.io"], { value: "a5008fae-b28c-5ba5-96cd-82b4c53552d6" }],
  ["uuidv5", ["bad","x"], { error: "uuidv5: uuidv5() doesn't support namespace bad (invalid UUID length: 3)" }],
  ["uuidv5", ["{6ba7b810-9dad-11d1-80b4-00c04fd430c8}","a"], { value: "4f3f2898-69e3-5a0d-820a-c4e87987dbce" }],
  ["uuidv5", ["6ba7b8109dad11d180b400c04fd430c8","a"], { value: "4f3f2898-69e3-5a0d-820a-c4e87987dbce" }],
  ["uuidv5", ["urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8","a"], { value: "4f3f2898-69e3-5a0d-820a-c4e87987dbce" }],
  ["uuidv5", ["6ba7b810-9dad-11d1-80b4-00c04fd430cz","a"], { error: "uuidv5: uuidv5() doesn't support namespace 6ba7b810-9dad-11d1-80b4-00c04fd430cz (invalid UUID format)" }],
  ["uuidv5", ["xyz:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8","a"], { error: "uuidv5: uuidv5() doesn't support namespace xyz:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8 (invalid urn prefix: \"xyz:uuid:\")" }],
  ["basename", ["foo/bar/baz.txt"], { value: "baz.txt" }],
  ["basename", ["/"], { value: "/" }],
  ["basename", [""], { value: "." }],
  ["basename", ["a/b/"], { value: "b" }],
  ["dirname", ["foo/bar/baz.txt"], { value: "foo/bar" }],
  ["dirname", ["baz.txt"], { value: "." }],
  ["dirname", ["/a"], { value: "/" }],
  ["dirname", [""], { value: "." }],
  ["dirname", ["a/../b/./c"], { value: "b" }],
  ["pathexpand", ["a/b"], { value: "a/b" }],
];

describe('hash, uuidv5 and path functions', () => {
  runCases(crypto);
});
