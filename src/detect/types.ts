
/** The kinds of log a rule reads. `server-facts` is what admins paste from the WSUS server itself (versions, events). */
export type LogSource = 'WindowsUpdate.log' | 'SoftwareDistribution.log' | 'server-facts';

/**
 * What a rule's match means to the diagnosis.
 * - signature: part of the KB954960 signature (affected when the group is complete)
 * - partial: a symptom KB954960 shares with other problems (possible on its own)
 * - version / fix: evidence of the server's build or of the fix being installed
 * - context: who talks to whom (server names), Office 2003 on the client
 * - lookalike: a similar-looking failure that is NOT KB954960 (named so users are not misled)
 * - problem: evidence of another known failure (a line rule of a pack in problems.ts)
 */
export type RuleRole = 'signature' | 'partial' | 'version' | 'fix' | 'context' | 'lookalike' | 'problem';

export type Lang = 'en' | 'ja';
export type Localized = Readonly<Record<Lang, string>>;

export interface RuleExample {
  readonly line: string;
  /** Fields the match must capture (a subset of what the rule captures). */
  readonly fields?: Readonly<Record<string, string>>;
}

export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly source: LogSource;
  readonly role: RuleRole;
  /** Case-sensitive byte pre-filter: a line is tested only when it contains one of these (list case variants). */
  readonly literals: readonly string[];
  /** Tested on the candidate line; named groups become the finding's fields. Must not backtrack badly. */
  readonly pattern: RegExp;
  /** Turns the named groups into fields (default: the defined groups as they are). */
  readonly fields?: (groups: Record<string, string | undefined>, line: string) => Record<string, string>;
  /** A match begins a new sync attempt (the unit within which the client signature must be complete). */
  readonly startsAttempt?: boolean;
  /** Which matches become findings (all are counted): frequent context lines keep only what tells something new. */
  readonly keep?: 'all' | 'first' | 'none';
  /** Keep only the first finding per distinct value of this field (e.g. one per server name). */
  readonly distinctBy?: string;
  /** Rules sharing a group are exclusive on a line: the first matching rule (in RULES order) wins. */
  readonly group?: string;
  readonly meaning: Localized;
  readonly references?: readonly string[];
  readonly examples: { readonly match: readonly RuleExample[]; readonly noMatch: readonly string[] };
}

export interface Finding {
  readonly rule: string;
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
}
