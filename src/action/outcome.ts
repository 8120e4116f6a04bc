import type { FailOn } from '../cli/gate.js';
import type { CheckConclusion } from '../github/check-run.js';
import { severityRank, type Finding, type ScanReport } from '../model/index.js';

export const MODES = ['new', 'all'] as const;
/** `new`: the gate and the annotations consider only findings the pull request introduces; `all`: every finding. */
export type Mode = (typeof MODES)[number];

/** How one scan's findings split up, and what the gate decided. */
export interface Outcome {
  mode: Mode;
  failOn: FailOn;
  /** Whether findings were marked against a base commit; when not, every finding counts as new. */
  compared: boolean;
  /** Not waived, not on the base: introduced by this change. */
  introduced: Finding[];
  /** Not waived, already on the base. */
  existing: Finding[];
  waived: Finding[];
  /** What the gate and the annotations look at: `introduced` in mode new, both lists in mode all. */
  inScope: Finding[];
  blocking: Finding[];
  conclusion: CheckConclusion;
}

/** Most severe first, then by file and line: the order of every list the action shows. */
function bySeverity(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
    a.location.line - b.location.line ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/** At or above the threshold; which findings the change is accountable for is the mode's business, decided before. */
function atOrAbove(findings: Finding[], failOn: FailOn): Finding[] {
  if (failOn === 'none') return [];
  const threshold = severityRank(failOn);
  return findings.filter((f) => severityRank(f.severity) >= threshold);
}

export interface Gate {
  mode: Mode;
  failOn: FailOn;
  compared: boolean;
}

export function decide(report: ScanReport, { mode, failOn, compared }: Gate): Outcome {
  const findings = [...report.findings].sort(bySeverity);
  const active = findings.filter((f) => f.waiver === undefined);
  const introduced = active.filter((f) => f.baseline !== 'existing');
  const existing = active.filter((f) => f.baseline === 'existing');
  const inScope = mode === 'new' ? introduced : active;
  const blocked = atOrAbove(inScope, failOn);
  return {
    mode,
    failOn,
    compared,
    introduced,
    existing,
    waived: findings.filter((f) => f.waiver !== undefined),
    inScope,
    blocking: blocked,
    conclusion: blocked.length > 0 ? 'failure' : inScope.length > 0 ? 'neutral' : 'success',
  };
}
