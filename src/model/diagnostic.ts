/** A problem with the scanned input. It never aborts the scan; every output lists it. */
export type DiagnosticCode =
  | 'read-error'
  | 'yaml-syntax'
  | 'json-syntax'
  | 'hcl-syntax'
  | 'terraform-eval'
  | 'terraform-module-unresolved'
  | 'helm-render'
  | 'helm-values-schema'
  | 'config-invalid'
  | 'waiver-invalid'
  | 'waiver-expired'
  | 'waiver-unused'
  | 'input-too-large'
  | 'binary-file'
  | 'policy-error';

export type DiagnosticLevel = 'error' | 'warning' | 'info';

export interface Diagnostic {
  code: DiagnosticCode;
  level: DiagnosticLevel;
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export function diagnostic(
  code: DiagnosticCode,
  file: string,
  message: string,
  position: { line?: number; column?: number } = {},
  level: DiagnosticLevel = 'error',
): Diagnostic {
  const out: Diagnostic = { code, level, file, message };
  if (position.line !== undefined) out.line = position.line;
  if (position.column !== undefined) out.column = position.column;
  return out;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : d.column === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.column}`;
  return `${where}: ${d.level}: ${d.message} (${d.code})`;
}
