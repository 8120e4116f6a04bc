import type { SourceLocation } from './resource.js';

/** An exception granted for a rule: inline (`# evident:ignore …`) or in `evident.waivers.yaml`. */
export interface Waiver {
  /** Stable id: `<file>:<line>` of its declaration. */
  id: string;
  source: 'inline' | 'file';
  /** Rule id (or an alias of it). */
  ruleId: string;
  /** Resource address pattern (`*` wildcards) for file waivers; inline waivers apply to the resource or attribute below them. */
  resource?: string;
  deployment?: string;
  owner?: string;
  reason: string;
  ticket?: string;
  /** ISO date (YYYY-MM-DD); the waiver stops suppressing after this day. */
  expires?: string;
  location: SourceLocation;
}

export type WaiverStatus = 'active' | 'expired' | 'unused';

/** A waiver and what it did in this scan: the evidence pack's exception register. */
export interface WaiverRecord extends Waiver {
  status: WaiverStatus;
  /** Fingerprints of the findings it suppressed (active) or would have matched (expired). */
  matched: string[];
}
