import type { KbRuleId } from './rules.js';
import type { ProblemRuleId } from './problems/index.js';

export type { Lookalike, LogSource, Rule, RuleExample, RuleRole, Source } from './rule.js';
import type { LogSource } from './rule.js';

/**
 * Every rule id the scanner can report: derived from the rule sets themselves, so a typo or a rename in a lookup
 * fails `tsc` instead of silently changing a verdict.
 */
export type RuleId = KbRuleId | ProblemRuleId;

export interface Finding {
  readonly rule: RuleId;
  readonly source: LogSource;
  /** 1-based line number in the input. */
  readonly line: number;
  readonly text: string;
  readonly fields: Readonly<Record<string, string>>;
  /** Sync attempt number (0 before the first attempt marker): the client signature must be complete within one. */
  readonly attempt: number;
  /** The line's own timestamp when it has one, ISO-like (`2008-08-12T09:15:41.203`, `Z` when the log says UTC). */
  readonly time?: string;
  /** The input (file name) the line came from, when several were scanned together. */
  readonly file?: string;
}

export interface ScanResult {
  readonly findings: readonly Finding[];
  /** Matches per rule, including those not kept as findings. */
  readonly counts: Readonly<Record<string, number>>;
  /** Every failure code in the input (see extract-codes.ts), by first appearance. */
  readonly codes: readonly CodeCount[];
  readonly lines: number;
  readonly bytes: number;
}

/** A failure code found in the input: how often, and where first (1-based, the first MAX_LINES_PER_CODE). */
export interface CodeCount {
  readonly code: string;
  readonly count: number;
  readonly lines: readonly number[];
  /** Some line gives it as a sync's or a search's own result (`Exit code = …`, `Sync of Updates: …`). */
  readonly outcome?: boolean;
}
