import type { Diagnostic, InputFile, Resource } from '../model/index.js';

/** A parsed resource before the scan gives it an id. */
export type ParsedResource = Omit<Resource, 'id'>;

export interface ParseResult {
  resources: ParsedResource[];
  diagnostics: Diagnostic[];
}

/** What one kind of parser contributes to a scan: the files it read (hashed), its resources and its problems. */
export interface Ingested extends ParseResult {
  inputs: InputFile[];
  /** Secret strings seen while evaluating (sensitive variables) that every report must redact. */
  secrets?: string[];
}
