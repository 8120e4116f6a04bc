import type { AnnotationLevel, CheckAnnotation } from '../github/check-run.js';
import type { Finding, Severity } from '../model/index.js';
import { workflowCommand } from './runner.js';

const LEVEL: Record<Severity, AnnotationLevel> = { critical: 'failure', high: 'failure', medium: 'warning', low: 'notice' };
const COMMAND: Record<AnnotationLevel, string> = { failure: 'error', warning: 'warning', notice: 'notice' };

function details(finding: Finding): string {
  const lines = [`Remediation: ${finding.remediation}`];
  const deployment = finding.resource.deployment ? ` (${finding.resource.deployment})` : '';
  lines.push(`Resource: ${finding.resource.address}${deployment}`);
  if (finding.path !== '') lines.push(`Attribute: ${finding.path}`);
  if (finding.origin) lines.push(`Value set in: ${finding.origin.description} (${finding.origin.file}:${finding.origin.line})`);
  if (finding.controls.length > 0) lines.push(`Controls: ${finding.controls.map((c) => `${c.framework} ${c.id}`).join(', ')}`);
  lines.push(`Fingerprint: ${finding.fingerprint}`);
  return lines.join('\n');
}

export function annotationFor(finding: Finding): CheckAnnotation {
  return {
    path: finding.location.file,
    start_line: finding.location.line,
    end_line: finding.location.line,
    annotation_level: LEVEL[finding.severity],
    title: `${finding.ruleId} ${finding.title}`,
    message: finding.message,
    raw_details: details(finding),
  };
}

/** The same annotation as a workflow command: what a read-only token (a fork's pull request) can still show. */
export function annotationCommand(finding: Finding): string {
  const annotation = annotationFor(finding);
  return workflowCommand(COMMAND[annotation.annotation_level], `${annotation.message}\n${finding.remediation}`, {
    file: annotation.path,
    line: annotation.start_line,
    col: finding.location.column,
    title: annotation.title,
  });
}
