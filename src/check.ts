import { trustsPlacement } from './admins.js';
import { mergeCodeCounts } from './detect/extract-codes.js';
import type { CheckContext, DiagnosisRecord, LinkedDiagnosis, SameFailure, Storage } from './store/port.js';
import { faultIdsOf } from './diagnose/fault-ids.js';
import type { Finding, ScanResult } from './detect/types.js';
import type { Lang } from './lang.js';
import { diagnose, inputServer, type Diagnosis, type FactsLearned } from './diagnose/diagnose.js';
import { InputError, type DecodedInfo } from './ingest/decode.js';
import { scanInline, scanOffThread } from './scan/runner.js';
import { scanFileInParts } from './scan/split.js';

/** One input to check: a file, stdin, a pasted message, an uploaded file. */
export interface CheckInput {
  readonly name?: string;
  readonly chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** Over the size cap, read the most recent part instead of refusing (see DecodeOptions.tail). */
  readonly tail?: boolean;
  /** Told the encoding found and, with `tail`, which part was read. */
  readonly onInfo?: (info: DecodedInfo) => void;
  /** The input is this local file (the CLI): with `inParts`, it may be read in two parts instead of `chunks`. */
  readonly file?: { readonly path: string; readonly size: number };
  /** Releases `chunks` when they were not read. */
  readonly close?: () => Promise<void>;
}

export interface CheckOptions {
  readonly inputs: readonly CheckInput[];
  readonly lang: Lang;
  readonly serverName?: string | null;
  /**
   * The server the input is about if it names none itself (the thread's server, a name in the message around it).
   * The same failure seen earlier (a shared fault ID) is trusted before it.
   */
  readonly contextServer?: string | null;
  /** Cap on each input's bytes (raw and decompressed); Infinity for none (a local file the user chose). */
  readonly maxBytes: number;
  /** The setting behind maxBytes, named when an input is refused (default MAX_FILE_BYTES). */
  readonly limitName?: string;
  readonly now: Date;
  /** What is known of servers, and where the diagnosis is recorded. */
  readonly store: Storage | null;
  /**
   * false: consult the store but record nothing (`--no-save`). 'if-evidence': record only a diagnosis worth
   * remembering (worthRecording(): chatter in Slack is not history); a function: record the diagnosis it says yes to.
   * Default true. Whatever this says, input whose facts were refused records only the failure it shows, if any.
   */
  readonly save?: boolean | 'if-evidence' | ((d: Diagnosis) => boolean);
  /**
   * Whether this input may change what is recorded of its server (versions, fix event): the answer of isAdmin() for
   * whoever sent it. false: its failure is still recorded as evidence (the diagnosis, the last-affected time).
   */
  readonly mayRecordFacts: boolean;
  /**
   * Decode and scan large inputs on the scan thread (src/scan/runner.ts): the bot, whose event loop must keep acking
   * Slack during a burst of big pastes. The CLI scans inline.
   */
  readonly offThread?: boolean;
  /**
   * Scan a large local file in two parts at once, one per core (src/scan/split.ts): the CLI, whose user waits for
   * nothing else.
   */
  readonly inParts?: boolean;
  /** Where the input came from, for the history. */
  readonly record?: Omit<DiagnosisRecord, 'diagnosis' | 'at'>;
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
export async function check(options: CheckOptions): Promise<CheckResult> {
  const scans: { name?: string; scan: ScanResult }[] = [];
  const run = options.offThread ? scanOffThread : scanInline;
  for (const input of options.inputs) {
    const decode = { maxBytes: options.maxBytes, limitName: options.limitName, tail: input.tail };
    try {
      const inParts = options.inParts && input.file ? await scanFileInParts(input.file.path, input.file.size, decode, input.onInfo) : null;
      if (inParts) await input.close?.();
      scans.push({ name: input.name, scan: inParts ?? (await run(input.chunks, decode, input.onInfo)) });
    } catch (e) {
      // Name the input: with several files, "which one?" is the user's first question.
      if (e instanceof InputError && input.name) throw new InputError(e.problem, `${input.name}: ${e.message}`, { cause: e });
      throw e;
    }
  }
  const scan = mergeScans(scans);
  const faultIds = faultIdsOf(scan.findings);
  const named = inputServer(scan, options.serverName);
  // What the store knows that bears on this input, read in one go: the decision below reads no store.
  const names = [named, options.contextServer].filter((n): n is string => !!n);
  const context = options.store ? await options.store.history.checkContext({ faultIds, names, byAdmin: options.mayRecordFacts }) : null;
  const decided = decide(scan, faultIds, named, context, options);
  const diagnosisId = decided.record && options.store ? await options.store.history.record(decided.record, decided.same) : null;
  const { earlier, shared, conflicting, diagnosis, withheld } = decided;
  const serverSide = faultIds.some((f) => f.id === shared?.faultId && f.side === 'server') ? ('this' as const) : ('earlier' as const);
  const faultConflict = conflicting && shared?.server && named && shared.id !== diagnosisId ? { earlier: { ...shared, server: shared.server }, server: diagnosis.server ?? named, serverSide } : null;
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
  options: CheckOptions,
): { diagnosis: Diagnosis; withheld: WithheldFacts | null; shared: LinkedDiagnosis | null; earlier: LinkedDiagnosis | null; conflicting: boolean; record: DiagnosisRecord | null; same: SameFailure } {
  const now = options.now.toISOString();
  const shared = context?.shared ?? null;
  // The same fault ID under another server's name is a question, never a silent merge.
  const namedRow = named ? (context?.resolved.get(named) ?? null) : null;
  const conflicting = !!shared?.server && !!named && !(namedRow?.kind === 'known' && namedRow.name === shared.server);
  const earlier = conflicting ? null : shared;
  // The same failure places this input under the server an admin (or this sender) gave it; a non-admin's name never
  // places an admin's input. The input's own names are the sender's, filed as theirs (the store's server row rule).
  const sender = options.record?.userId;
  const earlierServer = earlier?.server && trustsPlacement(sender, earlier.placedBy) ? earlier.server : null;
  const fallbackServer = earlierServer ?? options.contextServer ?? null;
  const server = named ?? fallbackServer;
  const known = server ? (context?.facts.get(server) ?? null) : null;
  // Facts about no server in particular record nothing, so they may shape the verdict whoever sent them.
  const applyReportedFacts = options.mayRecordFacts || !server;
  const confirmedByFaultId = earlier?.verdict === 'affected';
  const shown = diagnose(scan, { lang: options.lang, serverName: options.serverName, fallbackServer, known, now, applyReportedFacts, confirmedByFaultId });
  const { recorded, withheld } = splitFacts(shown, options.mayRecordFacts);
  const diagnosis: Diagnosis = { ...shown, learned: recorded };
  const save = options.save ?? true;
  const wanted = save === 'if-evidence' ? worthRecording(diagnosis) : typeof save === 'function' ? save(diagnosis) : save;
  // Refused facts are not history: a non-admin's verification output for a named server would otherwise leave a
  // "no KB954960 signature" row under it. Only the failure such input shows is anyone's to record.
  const recording = !!context && wanted && (withheld === null || showsFailure(diagnosis));
  const { affected: _affected, ...reported } = shown.learned;
  const record: DiagnosisRecord | null = recording ? { origin: 'cli', ...options.record, diagnosis, at: now, reported, faultIds, byAdmin: options.mayRecordFacts } : null;
  // One failure, one record: the earlier paste that named no server learns it from this one — when this sender may
  // place it: an admin, or the one who pasted it.
  const mayPlaceEarlier = options.mayRecordFacts || (sender != null && earlier?.placedBy.userId === sender);
  const adopt = earlier && !earlier.server && diagnosis.server && mayPlaceEarlier ? { earlierId: earlier.id, byAdmin: options.mayRecordFacts } : undefined;
  // The earlier partial paste is proved by this one's signature: both are the one affected failure.
  const confirm = earlier && earlier.verdict === 'possible' && diagnosis.verdict === 'affected' ? earlier.id : undefined;
  return { diagnosis, withheld, shared, earlier, conflicting, record, same: { ...(adopt ? { adopt } : {}), ...(confirm !== undefined ? { confirm } : {}) } };
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
    withheld: { server: d.server, ...(dllVersion ? { dllVersion } : {}), ...(wsusVersion ? { wsusVersion } : {}), ...(fixEvent !== undefined ? { fixEvent } : {}) },
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
