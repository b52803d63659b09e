import { trustsPlacement } from './admins.js';
import { mergeCodeCounts } from './detect/extract-codes.js';
import type { CheckContext, DiagnosisRecord, LinkedDiagnosis, SameFailure, Storage } from './store/port.js';
import { faultIdsOf } from './diagnose/fault-ids.js';
import type { Finding, ScanResult } from './detect/types.js';
import type { Lang } from './lang.js';
import { diagnose, inputServer, showsFailure, type Diagnosis, type FactsLearned } from './diagnose/diagnose.js';
import { InputError, type DecodedInfo } from './ingest/decode.js';
import { scanInline } from './scan/runner.js';

/** One input to check, as every surface has it: a file, stdin, a pasted message, an uploaded file. */
export interface CheckInput {
  readonly name?: string;
  readonly chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** Told the encoding found and, reading the most recent part of a large input, which part was read. */
  readonly onInfo?: (info: DecodedInfo) => void;
  /** Releases `chunks` when they were not read. */
  readonly close?: () => Promise<void>;
}

/** What is asked: the inputs, what is said of them, and who sent them from where. */
export interface CheckRequest<I extends CheckInput = CheckInput> {
  readonly inputs: readonly I[];
  readonly lang: Lang;
  /** The server the sender named (`--server`, the form's field): wins over names in the input. */
  readonly serverName?: string | null;
  /**
   * The server the input is about if it names none itself (the thread's server, a name in the message around it).
   * The same failure seen earlier (a shared fault ID) is trusted before it.
   */
  readonly contextServer?: string | null;
  /**
   * Whether the sender may change what is recorded of its server (versions, fix event): the answer of isAdmin() for
   * whoever sent it. false: its failure is still recorded as evidence (the diagnosis, the last-affected time).
   */
  readonly mayRecordFacts: boolean;
  /** Where the input came from and who sent it, for the history. */
  readonly from?: Omit<DiagnosisRecord, 'diagnosis' | 'at'>;
  readonly now: Date;
}

/**
 * How one input's bytes become a scan (ingest → scan), within the surface's size cap: each surface passes its own —
 * the CLI reads a large local file in parts, one per core (src/cli-main.ts); the bot reads large uploads on the scan
 * thread so its event loop keeps acking Slack, and the most recent part of a log over the cap (src/slack/work/message.ts);
 * a pasted text is read inline (`inlineScan`). Throws InputError for input it refuses.
 */
export interface ScanStrategy<I extends CheckInput = CheckInput> {
  scan(input: I): Promise<ScanResult>;
}

/** Bytes scanned on the calling thread, refused over `maxBytes`: short pasted text (the slash command, the form). */
export function inlineScan(maxBytes: number): ScanStrategy {
  return { scan: (input) => scanInline(input.chunks, { maxBytes }, input.onInfo) };
}

/**
 * Whether the diagnosis is recorded. Whatever it says, input whose facts were refused records only the failure it
 * shows, if any; and without a store nothing is.
 *   always — the CLI, the slash command, the form: someone asked for this check;
 *   never  — `--no-save`: the store is consulted, nothing is written;
 *   when   — the diagnoses `keep` says yes to (a Slack message: evidence or a failure, never chatter).
 */
export type RecordPolicy = { readonly kind: 'always' } | { readonly kind: 'never' } | { readonly kind: 'when'; readonly keep: (d: Diagnosis) => boolean };

export const RECORD_ALWAYS: RecordPolicy = { kind: 'always' };
export const RECORD_NEVER: RecordPolicy = { kind: 'never' };

/** Where the answer comes from and goes: the storage, how inputs are scanned, and whether the diagnosis is recorded. */
export interface CheckDeps<I extends CheckInput = CheckInput> {
  /** What is known of servers, and where the diagnosis is recorded; null: neither. */
  readonly storage: Storage | null;
  readonly scan: ScanStrategy<I>;
  /** Default RECORD_ALWAYS. */
  readonly record?: RecordPolicy;
}

export interface CheckResult {
  /** What the input shows; its `learned` holds only what may be recorded. */
  readonly diagnosis: Diagnosis;
  /** The bytes of log read (decompressed), all inputs together. */
  readonly scannedBytes: number;
  readonly diagnosisId: number | null;
  /** Versions and fix event the input held for a named server that were not recorded (the sender is no admin). */
  readonly withheld: WithheldFacts | null;
  /** An earlier diagnosis of the same failure (a shared fault ID): this one confirms it. */
  readonly confirms: LinkedDiagnosis | null;
  /**
   * An earlier diagnosis with the same fault ID on another server than the one this input names: one failure cannot
   * be on two servers, so nothing is joined and an admin is asked whether they are one server.
   */
  readonly faultConflict: {
    readonly earlier: LinkedDiagnosis & { readonly server: string };
    readonly server: string;
    /** Which paste is the server's own log (its actor URL is the server's name for itself): the name to keep. */
    readonly serverSide: 'this' | 'earlier';
  } | null;
}

/** Facts of a server, reported by someone who may not record them. */
export interface WithheldFacts {
  readonly server: string;
  readonly dllVersion?: string;
  readonly wsusVersion?: string;
  readonly fixEvent?: boolean;
}

/**
 * The one core call behind every surface (CLI, message, file, command, modal, shortcut):
 * bytes → ingest → scan → what the store knows of the server → diagnose → record.
 * Throws InputError (ingest) for input it refuses; nothing is recorded then.
 */
export async function check<I extends CheckInput>(request: CheckRequest<I>, deps: CheckDeps<I>): Promise<CheckResult> {
  const scans: { name?: string; scan: ScanResult }[] = [];
  for (const input of request.inputs) {
    try {
      scans.push({ name: input.name, scan: await deps.scan.scan(input) });
    } catch (e) {
      // Name the input: with several files, "which one?" is the user's first question.
      if (e instanceof InputError && input.name) throw new InputError(e.problem, `${input.name}: ${e.message}`, { cause: e });
      throw e;
    }
  }
  const scan = mergeScans(scans);
  const faultIds = faultIdsOf(scan.findings);
  const named = inputServer(scan, request.serverName);
  // What the store knows that bears on this input, read in one go: the decision below reads no store.
  const names = [named, request.contextServer].filter((n): n is string => !!n);
  const store = deps.storage;
  const context = store ? await store.history.checkContext({ faultIds, names, byAdmin: request.mayRecordFacts }) : null;
  const decided = decide(scan, faultIds, named, context, request, deps.record ?? RECORD_ALWAYS);
  const diagnosisId = decided.record && store ? await store.history.record(decided.record, decided.same) : null;
  const { earlier, shared, conflicting, diagnosis, withheld } = decided;
  const serverSide = faultIds.some((f) => f.id === shared?.faultId && f.side === 'server') ? ('this' as const) : ('earlier' as const);
  const faultConflict =
    conflicting && shared?.server && named && shared.id !== diagnosisId
      ? { earlier: { ...shared, server: shared.server }, server: diagnosis.server ?? named, serverSide }
      : null;
  return { diagnosis, scannedBytes: scan.bytes, diagnosisId, withheld, confirms: earlier && earlier.id !== diagnosisId ? earlier : null, faultConflict };
}

/**
 * From the scan and what the store knew (`context`, null without a store) to the diagnosis and what to record: pure.
 * What recording settles about an earlier diagnosis of the same failure goes with the record, in one write.
 */
function decide(
  scan: ScanResult,
  faultIds: ReturnType<typeof faultIdsOf>,
  named: string | null,
  context: CheckContext | null,
  request: CheckRequest,
  policy: RecordPolicy,
): {
  diagnosis: Diagnosis;
  withheld: WithheldFacts | null;
  shared: LinkedDiagnosis | null;
  earlier: LinkedDiagnosis | null;
  conflicting: boolean;
  record: DiagnosisRecord | null;
  same: SameFailure;
} {
  const now = request.now.toISOString();
  const shared = context?.shared ?? null;
  // The same fault ID under another server's name is a question, never a silent merge.
  const namedRow = named ? (context?.resolved.get(named) ?? null) : null;
  const conflicting = !!shared?.server && !!named && !(namedRow?.kind === 'known' && namedRow.name === shared.server);
  const earlier = conflicting ? null : shared;
  // The same failure places this input under the server an admin (or this sender) gave it; a non-admin's name never
  // places an admin's input. The input's own names are the sender's, filed as theirs (the store's server row rule).
  const sender = request.from?.userId;
  const earlierServer = earlier?.server && trustsPlacement(sender, earlier.placedBy) ? earlier.server : null;
  const fallbackServer = earlierServer ?? request.contextServer ?? null;
  const server = named ?? fallbackServer;
  const known = server ? (context?.facts.get(server) ?? null) : null;
  // Facts about no server in particular record nothing, so they may shape the verdict whoever sent them.
  const applyReportedFacts = request.mayRecordFacts || !server;
  const confirmedByFaultId = earlier?.verdict === 'affected';
  const shown = diagnose(scan, { lang: request.lang, serverName: request.serverName, fallbackServer, known, now, applyReportedFacts, confirmedByFaultId });
  const { recorded, withheld } = splitFacts(shown, request.mayRecordFacts);
  const diagnosis: Diagnosis = { ...shown, learned: recorded };
  const wanted = policy.kind === 'always' || (policy.kind === 'when' && policy.keep(diagnosis));
  // Refused facts are not history: a non-admin's verification output for a named server would otherwise leave a
  // "no KB954960 signature" row under it. Only the failure such input shows is anyone's to record.
  const recording = !!context && wanted && (withheld === null || showsFailure(diagnosis));
  const { affected: _affected, ...reported } = shown.learned;
  const record: DiagnosisRecord | null = recording
    ? { origin: 'cli', ...request.from, diagnosis, at: now, reported, faultIds, byAdmin: request.mayRecordFacts }
    : null;
  // One failure, one record: the earlier paste that named no server learns it from this one — when this sender may
  // place it: an admin, or the one who pasted it.
  const mayPlaceEarlier = request.mayRecordFacts || (sender != null && earlier?.placedBy.userId === sender);
  const adopt = earlier && !earlier.server && diagnosis.server && mayPlaceEarlier ? { earlierId: earlier.id, byAdmin: request.mayRecordFacts } : undefined;
  // The earlier partial paste is proved by this one's signature: both are the one affected failure.
  const confirm = earlier && earlier.verdict === 'possible' && diagnosis.verdict === 'affected' ? earlier.id : undefined;
  return { diagnosis, withheld, shared, earlier, conflicting, record, same: { ...(adopt ? { adopt } : {}), ...(confirm !== undefined ? { confirm } : {}) } };
}

/**
 * The one place a server's facts are dropped: without the right to record them, only the failure (`affected`) is
 * kept. Withheld is what was dropped — nothing when the input named no server (nothing would have been recorded).
 */
function splitFacts(d: Diagnosis, mayRecordFacts: boolean): { recorded: FactsLearned; withheld: WithheldFacts | null } {
  const { dllVersion, wsusVersion, fixEvent, affected } = d.learned;
  // fixEvent false (the server's output says the install event is absent) is a fact too: it clears a recorded event.
  if (mayRecordFacts || !d.server || (!dllVersion && !wsusVersion && fixEvent === undefined)) return { recorded: d.learned, withheld: null };
  return {
    recorded: { affected },
    withheld: {
      server: d.server,
      ...(dllVersion ? { dllVersion } : {}),
      ...(wsusVersion ? { wsusVersion } : {}),
      ...(fixEvent !== undefined ? { fixEvent } : {}),
    },
  };
}

/** Several inputs as one: findings keep their file, sync attempts never run across files. */
export function mergeScans(scans: readonly { name?: string; scan: ScanResult }[]): ScanResult {
  if (scans.length === 1) return scans[0]!.scan;
  const findings: Finding[] = [];
  const counts: Record<string, number> = {};
  let attemptOffset = 0;
  let lines = 0;
  let bytes = 0;
  for (const { name, scan } of scans) {
    const maxAttempt = scan.findings.reduce((m, f) => Math.max(m, f.attempt), 0);
    for (const f of scan.findings) findings.push({ ...f, attempt: f.attempt + attemptOffset, ...(name ? { file: name } : {}) });
    for (const [rule, n] of Object.entries(scan.counts)) counts[rule] = (counts[rule] ?? 0) + n;
    attemptOffset += maxAttempt + 1;
    lines += scan.lines;
    bytes += scan.bytes;
  }
  return { findings, counts, codes: mergeCodeCounts(scans.map((s) => s.scan.codes)), lines, bytes };
}
