// The floor a scan is compared with: list the files, read every one, decode it and tokenise it (Evident's
// HCL lexer for Terraform, the yaml package's lexer for YAML, JSON and chart files), nothing more.
// Writes {files, bytes, tokens, maxRssKb} to $EVIDENT_BENCH_OUT. Built by bench/run.ts with esbuild.
import { readFileSync, writeFileSync } from 'node:fs';
import { Lexer } from 'yaml';
import { discover } from '../src/discover/discover.js';
import { lex } from '../src/parsers/terraform/hcl/lexer.js';

const root = process.argv[2];
const out = process.env.EVIDENT_BENCH_OUT;
if (root === undefined || out === undefined) throw new Error('usage: EVIDENT_BENCH_OUT=file node floor.mjs <dir>');

const decoder = new TextDecoder('utf-8');
let bytes = 0;
let tokens = 0;
const files = discover(root).files;
for (const file of files) {
  const buffer = readFileSync(file.absolutePath);
  bytes += buffer.length;
  const text = decoder.decode(buffer);
  if (file.kind === 'terraform' || file.kind === 'tfvars') tokens += lex(text, () => undefined).count;
  else for (const _token of new Lexer().lex(text)) tokens++;
}
writeFileSync(out, JSON.stringify({ files: files.length, bytes, tokens, maxRssKb: process.resourceUsage().maxRSS }));
