import type { KbRuleId } from '../rules.js';
import type { Localized } from '../../lang.js';
import type { Lookalike, Rule, Source } from '../rule.js';
import type { EvidenceRuleId, HttpStatus } from './evidence.js';

/*
 * What a problem pack is: one known WSUS client failure other than KB954960 (a row of docs/problem-packs.md). A pack
 * names its evidence (failure codes, HTTP statuses, and line rules where the source names log text), the cause and the
 * first remedy as its source words them, the source, its look-alikes and examples that test/problems.test.ts runs;
 * real excerpts in test/fixtures/excerpts pin it too. The packs themselves are in this folder by theme; index.ts lists
 * them in order.
 */

/** Kept as the packs' name for it: the same shape as a rule's sources. */
export type ProblemSource = Source;

/**
 * One way the evidence can show: any of `codes` AND any of `lines` AND every one of `all` AND any of `http` (rule ids:
 * the pack's own, `R`, KB954960's, or the shared evidence rules of evidence.ts). A signature that needs more than codes
 * is specific: a code-only pack whose codes it explains is not named beside it (see src/diagnose/problems.ts).
 */
export interface ProblemSignature<R extends string> {
  readonly codes?: readonly string[];
  readonly lines?: readonly (R | KbRuleId | EvidenceRuleId)[];
  readonly all?: readonly (R | KbRuleId | EvidenceRuleId)[];
  /** HTTP statuses the logs print beside (or instead of) the WU code: `HTTP status code = 401`. */
  readonly http?: readonly HttpStatus[];
}

/** What a pack says and cites when the client talks to Microsoft Update (or to nothing), not to a WSUS server. */
export interface WithoutWsus {
  readonly remedy: Localized;
  readonly source: ProblemSource;
}

/** A pack whose line rules have the ids `R` (`never` for a pack of codes only); index.ts's ProblemPack is any pack. */
export interface ProblemPackOf<R extends string> {
  readonly id: string;
  readonly title: Localized;
  /** The pack is present when one signature holds. */
  readonly signatures: readonly ProblemSignature<R>[];
  /** Every failure code that belongs to this problem (signature codes and codes that come with it). */
  readonly codes: readonly string[];
  /** Server fault ErrorCode names this problem explains (the KB954960 look-alike notes that it replaces). */
  readonly faultCodes?: readonly string[];
  /** The line rules of this pack (role `problem`), scanned with the KB954960 rules. */
  readonly rules: readonly Rule<R>[];
  readonly cause: Localized;
  /** The first remedy, as the source words it. */
  readonly remedy: Localized;
  readonly source: ProblemSource;
  /** The first remedy where the client does not talk to WSUS (no WsusPool to start there). */
  readonly withoutWsus?: WithoutWsus;
  /** What it is easily confused with. */
  readonly lookalikes: readonly Lookalike[];
  /** false: the source says it usually clears by itself; scan exits 0 for it alone. */
  readonly needsAction: boolean;
  /** Pastes (lines joined by \n) that must show the pack, and pastes that must not. */
  readonly examples: { readonly present: readonly string[]; readonly absent: readonly string[] };
}

/** The prefix of a classic client log line, for the packs' examples. */
export const CLIENT = '2017-08-24\t10:02:11:123\t 912\t1a2c\tPT\tWARNING:';
/** A line whose GUID holds code-like digits: an example no code-only pack may show. */
export const GUIDLINE = 'Agent\t  * ServiceID = {80244022-1DEE-4B24-8024-401C80072EE2} Managed';
/** The line of a client with no WSUS server (it talks to Microsoft Update, or to nothing): the packs' examples. */
export const NO_WSUS = '2011-08-23 14:13:30:327 748 23f4 Agent   * WSUS server: <NULL>';
