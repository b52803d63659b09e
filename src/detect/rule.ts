/*
 * What a detection rule is: the shape of the data in rules.ts (KB954960) and problems/ (the other known problems).
 * Apart from types.ts so that the rule sets can be typed here and the findings typed by the rule sets (RuleId)
 * without an import cycle.
 */
import type { Localized } from '../lang.js';

/** The kinds of log a rule reads. `server-facts` is what admins paste from the WSUS server itself (versions, events); `IIS` its httperr and W3SVC/WAS lines. */
export type LogSource = 'WindowsUpdate.log' | 'SoftwareDistribution.log' | 'server-facts' | 'IIS';

/**
 * What a rule's match means to the diagnosis.
 * - signature: part of the KB954960 signature (affected when the group is complete)
 * - partial: a symptom KB954960 shares with other problems (possible on its own)
 * - version / fix: evidence of the server's build or of the fix being installed
 * - context: who talks to whom (server names), Office 2003 on the client
 * - lookalike: a similar-looking failure that is NOT KB954960 (named so users are not misled)
 * - problem: evidence of another known failure (a line rule of a pack in problems/)
 */
export type RuleRole = 'signature' | 'partial' | 'version' | 'fix' | 'context' | 'lookalike' | 'problem';

export interface RuleExample {
  readonly line: string;
  /** Fields the match must capture (a subset of what the rule captures). */
  readonly fields?: Readonly<Record<string, string>>;
}

/** Where a rule's or a problem's facts come from. */
export interface Source {
  readonly title: string;
  readonly url: string;
}

/**
 * A false positive to name: what the evidence is easily confused with, in both languages. `code`: the failure code or
 * server fault name (as the finding's `code` field spells it) that the text explains, when it is about one.
 */
export interface Lookalike extends Localized {
  readonly code?: string;
}

/** `Id`: the rule sets declare their rules `as const`, so each id is a literal and `RuleId` is their union. */
export interface Rule<Id extends string = string> {
  readonly id: Id;
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
  /** What the match is easily confused with (and, on a look-alike rule, what each code it reports really is). */
  readonly lookalikes?: readonly Lookalike[];
  /** Where the rule's facts come from. */
  readonly sources?: readonly Source[];
  readonly examples: { readonly match: readonly RuleExample[]; readonly noMatch: readonly string[] };
}
