import { DETECTION_RULES } from '../detect/scanner.js';
import { KB954960_SIGNATURE } from '../detect/signature.js';
import type { Finding, RuleId, RuleRole, ScanResult } from '../detect/types.js';
import type { Lang } from '../lang.js';
import { KB } from '../kb954960.js';
import { evaluateSignature } from './correlate.js';
import { diagnoseProblems, explainCodes, type DiagnosedProblem, type ExplainedCode } from './problems.js';
import { canonicalServerName } from './server-name.js';
import { serverEvidence } from './server-evidence.js';
import { failureTime } from './event-time.js';
import { assessServer, fixConfirmedAt, fixedSince, isAffectedNow, type ServerFacts, type ServerState } from './server-state.js';
import type { NotApplicableReason } from './versions.js';

/**
 * `conflict`: what is known of the server cannot all be true (an RTM VersionString with a 3.2 DLL); the bot shows the
 * conflict and asks for the facts again rather than guess. SP2 and WSUS 4.0+ are `clean` with a note: KB954960 does
 * not apply to them.
 */
export type Verdict = 'affected' | 'possible' | 'vulnerable' | 'conflict' | 'fixed' | 'clean';

/** Exit codes of `kb954960 scan`: 1 means an admin has something to do. */
export function verdictNeedsAction(v: Verdict): boolean {
  return v === 'affected' || v === 'possible' || v === 'vulnerable' || v === 'conflict';
}

/** The KB954960 verdict or any other diagnosed problem asks an admin to act (`scan` exits 1). */
export function needsAction(d: Pick<Diagnosis, 'verdict' | 'problems'>): boolean {
  return verdictNeedsAction(d.verdict) || d.problems.some((p) => p.needsAction);
}

/** Next steps, rendered per language by render/i18n. Order is the order to do them in. */
export type Action =
  | 'install-sp1-then-fix'
  | 'or-workaround'
  | 'install-fix'
  | 'check-server-version'
  | 'check-server-log'
  | 'confirm-duplicate-key'
  | 'investigate-other-cause'
  | 'resolve-conflict'
  | 'verify-fix'
  | 'rerun-client-detection'
  | 'recheck-fixed-server'
  | 'nothing-to-do';

/** Remarks that qualify the verdict. */
export type Note =
  | { kind: 'intermittent' }
  | { kind: 'office-2003' }
  | { kind: 'failures-predate-fix'; since: string }
  | { kind: 'fixed-but-failing'; since: string }
  | { kind: 'lookalike'; code: string }
  | { kind: 'not-applicable'; reason: NotApplicableReason }
  | { kind: 'conflict'; wsusVersion: string; dllVersion?: string; fixEvent?: boolean }
  | { kind: 'other-servers'; servers: string[] }
  | { kind: 'fault-id-joins'; id: string }
  /** The verification output found no client web service DLL where it looked. */
  | { kind: 'dll-absent' };

/** What this one input teaches about its server, for the store. */
export interface FactsLearned {
  dllVersion?: string;
  wsusVersion?: string;
  /** true: the install event was seen; false: the server's verification output says it is absent. */
  fixEvent?: boolean;
  /** With fixEvent true: the event's own date (UTC ISO), when the input prints it. */
  fixEventOn?: string;
  affected: boolean;
}

export interface Diagnosis {
  readonly kb: typeof KB;
  readonly verdict: Verdict;
  readonly server: string | null;
  /** The server's state after this input (unknown without a server). */
  readonly serverState: ServerState;
  /** The lines that support the verdict, in line order. */
  readonly evidence: readonly Finding[];
  /** Everything the rules found, in line order. */
  readonly findings: readonly Finding[];
  readonly actions: readonly Action[];
  readonly notes: readonly Note[];
  readonly learned: FactsLearned;
  /**
   * With the signature: when the failure happened — its lines' own newest time, or now when a line carries none.
   * What the server's last failure is recorded as, so that an old log never counts as a new failure.
   */
  readonly failedAt?: string;
  /** The input itself holds KB954960 evidence (signature, symptom, version or fix): in channels the bot answers only then. */
  readonly hasEvidence: boolean;
  /** Every failure code of the input, explained in `lang`: what explains the failure first (diagnose/problems.ts rankCodes). */
  readonly errors: readonly ExplainedCode[];
  /** The known problems other than KB954960 whose evidence the input holds, the one that explains the failure first. */
  readonly problems: readonly DiagnosedProblem[];
  readonly lang: Lang;
  readonly lines: number;
}

export interface DiagnoseContext {
  readonly lang: Lang;
  /** The server the user named (wins over names found in the log). */
  readonly serverName?: string | null;
  /** What the store knows of the server, looked up by the caller for the server this input names. */
  readonly known?: ServerFacts | null;
  /** Now, as a UTC ISO string: time is passed in, never read. */
  readonly now: string;
  /**
   * false: the input's versions and fix event are shown as evidence but not taken as the server's — its state and the
   * verdict rest on what is recorded (the caller will not record them). Default true.
   */
  readonly applyReportedFacts?: boolean;
  /**
   * The server the input is about when it names none itself: from the same failure seen earlier, the thread it was
   * pasted in, or the message around it (the caller picks by trust; see docs/architecture.md "Which server").
   */
  readonly fallbackServer?: string | null;
  /**
   * An earlier paste of the same server showed this failure's other side with the KB954960 signature (the client's
   * `ID:` matches the server's `ID=`): a partial paste of it is the signature, not a symptom with other causes.
   */
  readonly confirmedByFaultId?: boolean;
}

const ROLE: ReadonlyMap<RuleId, RuleRole> = new Map(DETECTION_RULES.map((r) => [r.id, r.role]));

/**
 * The server an input is about: the computer the verification commands printed (machine-read on the server itself,
 * so it wins); else the one the user named; else the server log's actor; else the server the client was syncing with
 * in its failing attempt (the latest server URL at or before it); else the first one the client names.
 */
export function serverNamed(scan: ScanResult, explicit?: string | null, failingAttempt?: number): string | null {
  const named = (rule: RuleId) => scan.findings.filter((f) => f.rule === rule && f.fields.server);
  const computer = [...named('verify-check-version'), ...named('verify-check-event')].sort((a, b) => a.line - b.line)[0];
  if (computer) return normalizeServerName(computer.fields.server!);
  if (explicit) return normalizeServerName(explicit);
  const actor = [...named('server-throwexception-internalservererror'), ...named('server-throwexception-other')][0];
  if (actor) return actor.fields.server!;
  const urls = named('client-server-url');
  if (failingAttempt !== undefined) {
    const before = urls.filter((f) => f.attempt <= failingAttempt).at(-1);
    if (before) return before.fields.server!;
  }
  return urls[0]?.fields.server ?? named('client-wsus-server')[0]?.fields.server ?? null;
}

/**
 * The server an input names, as diagnose() reads it: that of the failing sync attempt where the client names several.
 * Callers look up what is known of this server, so that the facts and the diagnosis are about the same one.
 */
export function inputServer(scan: ScanResult, explicit?: string | null): string | null {
  return serverNamed(scan, explicit, evaluateSignature(KB954960_SIGNATURE, scan.findings, (rule) => ROLE.get(rule)).attempts[0]);
}

/** What a user typed or a log printed, as the one spelling the bot keeps (see server-name.ts). */
export function normalizeServerName(name: string): string {
  return canonicalServerName(name) ?? name.trim().toLowerCase();
}

export function diagnose(scan: ScanResult, ctx: DiagnoseContext): Diagnosis {
  const findings = scan.findings;
  const byRule = (id: RuleId) => findings.filter((f) => f.rule === id);

  // ── the signature: data (detect/signature.ts), evaluated by correlate.ts ───────────────────────
  const signature = evaluateSignature(KB954960_SIGNATURE, findings, (rule) => ROLE.get(rule));
  const server = serverNamed(scan, ctx.serverName, signature.attempts[0]) ?? ctx.fallbackServer ?? null;
  const partialLines = findings.filter((f) => ['signature', 'partial'].includes(ROLE.get(f.rule) ?? ''));
  // One failure, one record: the other side's signature under the same fault ID completes this paste's symptom.
  const joined = !signature.present && !!ctx.confirmedByFaultId && partialLines.length > 0;
  const faultIdLines = joined ? findings.filter((f) => f.rule === 'client-fault-id' || f.fields.id) : [];
  const signatureLines = joined ? sortByLine([...partialLines, ...faultIdLines]) : signature.evidence;
  const affected = signature.present || joined;
  const possible = !affected && partialLines.length > 0;

  // ── what the input says of the server ────────────────────────────────────────────────────────────
  const said = serverEvidence(findings, server);
  const { dllVersion, wsusVersion, fixEvent, fixEventOn } = said;
  const learned: FactsLearned = {
    ...(dllVersion ? { dllVersion } : {}),
    ...(wsusVersion ? { wsusVersion } : {}),
    ...(fixEvent !== undefined ? { fixEvent } : {}),
    ...(fixEvent === true && fixEventOn ? { fixEventOn } : {}),
    affected,
  };
  const failedAt = affected ? (failureTime(signatureLines) ?? ctx.now) : undefined;
  const reportsFacts = !!dllVersion || !!wsusVersion || fixEvent !== undefined;
  const applied = reportsFacts && ctx.applyReportedFacts !== false;
  const facts: Omit<ServerFacts, 'name'> = {
    ...ctx.known,
    ...(applied && dllVersion ? { dllVersion, dllVersionAt: ctx.now } : {}),
    ...(applied && wsusVersion ? { wsusVersion, wsusVersionAt: ctx.now } : {}),
    ...(applied && fixEvent === true ? { fixEventAt: fixEventOn ?? ctx.now } : applied && fixEvent === false ? { fixEventAt: null } : {}),
  };
  const assessment = server || applied ? assessServer(facts) : assessServer(null);
  const state = assessment.state;

  // ── verdict ──────────────────────────────────────────────────────────────────────────────────────
  const notes: Note[] = [];
  // The fix as known with this input's facts (what the store will say once they are recorded), last seen in place.
  const since = fixConfirmedAt(facts);
  let verdict: Verdict;
  if (state === 'not-applicable') {
    // One answer for SP2 and WSUS 4.0+: KB954960 does not apply; a signature there is another failure to investigate.
    verdict = 'clean';
  } else if (affected) {
    // The same rule as the server view and the fleet (isAffectedNow): this failure, at its own time, against the fix.
    if (since && !isAffectedNow({ ...facts, lastAffectedAt: failedAt })) {
      verdict = 'fixed';
      notes.push({ kind: 'failures-predate-fix', since });
    } else {
      verdict = 'affected';
      const fixedFrom = fixedSince(facts);
      if (fixedFrom) notes.push({ kind: 'fixed-but-failing', since: fixedFrom });
    }
  } else if (possible) {
    verdict = 'possible';
  } else if (state === 'conflict') {
    verdict = 'conflict';
  } else if (state === 'needs-sp1' || state === 'vulnerable') {
    verdict = 'vulnerable';
  } else if (state === 'fixed') {
    verdict = 'fixed';
  } else {
    verdict = 'clean';
  }

  const versionAndFixLines = said.lines;
  const evidence = sortByLine(
    affected && verdict !== 'possible' ? [...signatureLines, ...versionAndFixLines] : possible ? [...partialLines, ...versionAndFixLines] : versionAndFixLines,
  );

  // ── the other known problems: KB954960 first, its signature lines are evidence of nothing else ────
  const claimed = new Set(affected ? signatureLines.map((f) => f.line) : []);
  const problems = diagnoseProblems(scan, ctx.lang, claimed);
  const explained = new Set(problems.flatMap((p) => [...p.codes, ...p.faultCodes]));

  // ── notes and next actions ───────────────────────────────────────────────────────────────────────
  if (assessment.reason) notes.push({ kind: 'not-applicable', reason: assessment.reason });
  if (assessment.conflict) notes.push({ kind: 'conflict', ...assessment.conflict });
  if (byRule('office-2003').length > 0) notes.push({ kind: 'office-2003' });
  // A look-alike that a diagnosed problem explains is said there, with its cause and remedy.
  for (const f of findings)
    if (ROLE.get(f.rule) === 'lookalike' && f.fields.code && !explained.has(f.fields.code)) notes.push({ kind: 'lookalike', code: f.fields.code });
  const names = new Set(findings.map((f) => f.fields.server).filter((s): s is string => !!s));
  if (server) names.delete(server);
  if (names.size > 0) notes.push({ kind: 'other-servers', servers: [...names].sort() });
  const faultId = signatureLines.find((f) => f.fields.id)?.fields.id;
  if (faultId) notes.push({ kind: 'fault-id-joins', id: faultId });
  // Where no DLL version says more: the check looked for the DLL and did not find it.
  if (said.dllAbsent && !dllVersion && state !== 'not-applicable') notes.push({ kind: 'dll-absent' });
  if (verdict !== 'fixed' && verdict !== 'clean' && verdict !== 'conflict') notes.push({ kind: 'intermittent' });

  const partialSides = new Set(partialLines.map((f) => f.source));
  const actions = nextActions(verdict, state, notes, {
    failing: affected || possible,
    clientPartial: partialSides.has('WindowsUpdate.log'),
    serverPartial: partialSides.has('SoftwareDistribution.log'),
    failedBefore: !!ctx.known?.lastAffectedAt,
  });
  return {
    kb: KB,
    verdict,
    server,
    serverState: state,
    evidence: dedupeLines(evidence),
    findings,
    actions,
    notes: dedupeNotes(notes),
    learned,
    ...(failedAt ? { failedAt } : {}),
    hasEvidence: findings.some((f) => ['signature', 'partial', 'version', 'fix'].includes(ROLE.get(f.rule) ?? '')),
    errors: explainCodes(scan.codes, ctx.lang),
    problems,
    lang: ctx.lang,
    lines: scan.lines,
  };
}

/** What the input holds, for actions that explain the evidence actually present. */
interface EvidenceSeen {
  /** A signature or a symptom of it, client or server. */
  readonly failing: boolean;
  /** A client symptom short of the signature (0x8024400E, a SOAP fault without its detail). */
  readonly clientPartial: boolean;
  /** The server's ArgumentException without the ThrowException InternalServerError after it. */
  readonly serverPartial: boolean;
  /** The server had failed before (its last failure is on record). */
  readonly failedBefore: boolean;
}

function nextActions(verdict: Verdict, state: ServerState, notes: readonly Note[], seen: EvidenceSeen): Action[] {
  // Never "install KB954960" where it does not apply; a failure there is another problem.
  if (state === 'not-applicable') return seen.failing ? ['investigate-other-cause'] : [];
  if (verdict === 'clean') return [];
  // Fixed: no verify-again steps; where it had failed, what is left is to see its clients sync again.
  if (verdict === 'fixed') return seen.failedBefore || notes.some((n) => n.kind === 'failures-predate-fix') ? ['rerun-client-detection'] : ['nothing-to-do'];
  if (verdict === 'conflict') return ['resolve-conflict'];
  const fix: Action[] =
    state === 'needs-sp1'
      ? ['install-sp1-then-fix', 'or-workaround']
      : state === 'vulnerable'
        ? ['install-fix', 'or-workaround']
        : state === 'fixed'
          ? ['recheck-fixed-server']
          : state === 'conflict'
            ? ['resolve-conflict', 'or-workaround']
            : ['check-server-version', 'install-fix', 'or-workaround'];
  const first: Action[] =
    verdict === 'possible'
      ? [
          ...(seen.clientPartial || !seen.serverPartial ? (['check-server-log'] as const) : []),
          ...(seen.serverPartial ? (['confirm-duplicate-key'] as const) : []),
        ]
      : [];
  const after: Action[] = state === 'fixed' || state === 'conflict' ? [] : verdict === 'vulnerable' ? ['verify-fix'] : ['verify-fix', 'rerun-client-detection'];
  return [...first, ...fix, ...after];
}

/** The actions after which the admin runs the verification commands: only then are they shown. */
const VERIFYING: ReadonlySet<Action> = new Set<Action>(['verify-fix', 'check-server-version', 'resolve-conflict', 'recheck-fixed-server']);

export function asksForVerification(d: Pick<Diagnosis, 'actions'>): boolean {
  return d.actions.some(isVerifyingStep);
}

/** A step after which the admin runs the verification commands (Slack shows them inline only when it is the next). */
export function isVerifyingStep(a: Action): boolean {
  return VERIFYING.has(a);
}

function sortByLine(list: readonly Finding[]): Finding[] {
  return [...list].sort((a, b) => a.line - b.line);
}

/** One line can match several rules (the run-together paste): show it once. */
function dedupeLines(list: readonly Finding[]): Finding[] {
  const seen = new Set<number>();
  return list.filter((f) => {
    if (seen.has(f.line)) return false;
    seen.add(f.line);
    return true;
  });
}

function dedupeNotes(list: readonly Note[]): Note[] {
  const seen = new Set<string>();
  return list.filter((n) => {
    const k = JSON.stringify(n);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The input shows a failure: the KB954960 signature or a symptom of it, a known problem, or a Windows Update failure
 * code. Anyone's evidence of a failure counts for the server it names, whatever the way in.
 */
export function showsFailure(d: Pick<Diagnosis, 'verdict' | 'learned' | 'errors' | 'problems'>): boolean {
  return d.learned.affected || d.verdict === 'affected' || d.verdict === 'possible' || d.errors.length > 0 || d.problems.length > 0;
}

/**
 * The one rule of what a diagnosis in Slack is worth keeping, whichever way it came in: KB954960 evidence (signature,
 * symptom, version, fix) or any failure. Text with neither is chatter, and is not history.
 */
export function worthRecording(d: Pick<Diagnosis, 'verdict' | 'learned' | 'errors' | 'problems' | 'hasEvidence'>): boolean {
  return d.hasEvidence || showsFailure(d);
}
