import type { Diagnostic, Resource } from '../model/index.js';

/** A parsed resource before the scan gives it an id. */
export type ParsedResource = Omit<Resource, 'id'>;

export interface ParseResult {
  resources: ParsedResource[];
  diagnostics: Diagnostic[];
}
