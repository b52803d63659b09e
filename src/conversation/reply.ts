/**
 * The reply policy: given a message (its text, files, where it was posted, who sent it) and what the store knows,
 * decides what the bot does — stay silent, answer (which reply, with which parts), ask which server, "same as above",
 * refuse — and which records go with it. Pure: the Slack worker (src/slack/work/message.ts) reads what a decision
 * needs, calls these functions, writes the records, renders the reply and posts it.
 *
 * A message is worked in up to three steps, because what is read next depends on the step before:
 *   beforeScan  — a deleted message, a reply that names the thread's server, a question of the table, a bare mention;
 *   afterTable  — what the table (commands/ask.ts) answered, or small talk;
 *   afterCheck  — the diagnosis of its text and files (or the refusal of an input).
 * Then `delivery` says whether the reply is posted, updates the answer to an edited message, or withdraws it, and
 * `onDeletion` what a deleted message's answer becomes.
 */
import { isChatLine } from '../detect/log-shape.js';
import { serverNamedAlone } from '../diagnose/attribution.js';
import { worthRecording, type Diagnosis } from '../diagnose/diagnose.js';
import type { Lang } from '../lang.js';
import { readIntent, type Intent } from './intents.js';

/** A message (text and/or files, a mention, an edit) as plain data. */
export interface Incoming {
  /** The message's ts: where a server's facts came from. */
  readonly ts: string;
  readonly lang: Lang;
  readonly text?: string;
  /** The message's files (only their names bear on the policy). */
  readonly files: readonly { readonly name?: string }[];
  /** Posted in a thread (not its first message). */
  readonly inThread: boolean;
  /** DMs, shortcuts and mentions always get an answer; channels only for KB954960 evidence or a log that fails. */
  readonly alwaysAnswer: boolean;
  readonly mentioned: boolean;
  /** A DM to the bot (not a shortcut run there). */
  readonly direct: boolean;
  /** The message was edited to this text. */
  readonly edit: boolean;
}

/** The diagnosis that asked "which server?" in this thread, as the store has it now. */
export interface ThreadQuestion {
  readonly diagnosisId: number;
  /** The bot's reply that asked (null before it went out). */
  readonly replyTs: string | null;
  /** The server it was recorded for since, if any; `gone`: purged with the history. */
  readonly report: { readonly server: string | null } | 'gone';
}

/** What the store knows before the scan. */
export interface BeforeScanView {
  /** The message was deleted before its turn came. */
  readonly deleted: boolean;
  /** ADMIN_USER_IDS holds the sender (or whoever ran the shortcut): their input may record a server's facts. */
  readonly admin: boolean;
  /** Read when `threadReplyName()` is a name: the thread's open question, null when there is none. */
  readonly threadQuestion: ThreadQuestion | null;
}

/** What the bot says; rendered (in the message's language) by the worker. */
export type ReplyKind =
  /** A reply in the thread named the server: recorded (the question becomes the answer), or why not. */
  | { readonly kind: 'thread-recorded'; readonly server: string; readonly diagnosisId: number; readonly questionTs: string | null }
  | { readonly kind: 'thread-not-admin' }
  | { readonly kind: 'thread-already'; readonly server: string }
  /** The table's answer to a question (status, help, a server, a code, the lists). */
  | { readonly kind: 'table' }
  | { readonly kind: 'welcome' }
  /** One line on what the bot does. */
  | { readonly kind: 'hint' }
  /** Why inputs were not read; `nothingFoundFirst`: "nothing found" before them; `thrown`: the check's own refusal after them. */
  | { readonly kind: 'refusals'; readonly nothingFoundFirst: boolean; readonly thrown: boolean }
  /** A chat line that mentions the KB's codes: what to paste instead. */
  | { readonly kind: 'chat-pointer' }
  /** A chat line that only names a failure code: where its meaning is. */
  | { readonly kind: 'code-pointer' }
  /** Not KB954960, but the input fails: the problem and its codes. */
  | { readonly kind: 'problem' }
  /** The same server, verdict and state were answered in this thread already: one line. */
  | { readonly kind: 'same-as-above' }
  /** The diagnosis, with the parts attribution adds. */
  | {
      readonly kind: 'diagnosis';
      /** Output that reported facts and named no server: "which server?" with buttons. */
      readonly askServer: boolean;
      /** Facts the sender may not record were left out: say so. */
      readonly notRecorded: boolean;
    }
  | { readonly kind: 'nothing-found' }
  /** An edited message no longer holds the log: its answer says the diagnosis was withdrawn. */
  | { readonly kind: 'withdrawn' };

/** A record the worker writes with the reply. */
export type Write =
  /** The facts a diagnosis reported belong to `server` (an admin's answer to "which server?"). */
  | { readonly kind: 'record-for'; readonly diagnosisId: number; readonly server: string }
  /** Keep the link to the message a server's facts came from (`ts`: that message, in the incoming message's channel). */
  | { readonly kind: 'thread-link'; readonly diagnosisId: number; readonly ts: string };

export type Decision =
  | { readonly do: 'silent' }
  | {
      readonly do: 'reply';
      readonly outcome: 'replied' | 'refused';
      readonly reply: ReplyKind;
      readonly diagnosisId?: number | null;
      readonly writes?: readonly Write[];
    };

export type BeforeScan = Decision | { readonly do: 'ask-table'; readonly intent: Intent } | { readonly do: 'scan' };

const SILENT: Decision = { do: 'silent' };
const say = (reply: ReplyKind, more: { diagnosisId?: number | null; writes?: readonly Write[] } = {}): Decision => ({
  do: 'reply',
  outcome: 'replied',
  reply,
  ...more,
});

/** Talking to the bot (a mention, a DM) without a file: questions and thread answers are read before any scan. */
export function talking(m: Incoming): boolean {
  return m.files.length === 0 && (m.mentioned || m.direct);
}

/** The server a reply in a thread names, and nothing else: the store's open question in the thread is read for it. */
export function threadReplyName(m: Incoming): string | null {
  return m.files.length === 0 && m.inThread ? serverNamedAlone(m.text ?? '') : null;
}

/**
 * Before the scan: a deleted message is left alone; talking to the bot, a reply that names the thread's server is
 * the answer to "which server?", else a question of the table is asked of it (read before the scan: "what does
 * 0x8024400E mean?" asks for the code's meaning, not a diagnosis), and a bare mention gets one line.
 */
export function beforeScan(m: Incoming, view: BeforeScanView): BeforeScan {
  if (view.deleted) return SILENT;
  if (!talking(m)) return { do: 'scan' };
  const named = threadAnswer(m, view);
  if (named) return named;
  const intent = readIntent(m.text ?? '');
  if (intent) return { do: 'ask-table', intent };
  if (!m.text?.trim()) return say({ kind: 'hint' });
  return { do: 'scan' };
}

/**
 * A reply in a thread that only names a server: the answer to "which server is this output from?". Recorded (admins
 * only), it is answered in the thread and the question itself becomes what was recorded — as a button's answer
 * does — so no one answers it again or presses a stale button. Null: it answers no open question.
 */
function threadAnswer(m: Incoming, view: Pick<BeforeScanView, 'admin' | 'threadQuestion'>): Decision | null {
  const server = threadReplyName(m);
  const q = view.threadQuestion;
  if (!server || !q || q.report === 'gone') return null;
  if (q.report.server) return say({ kind: 'thread-already', server: q.report.server });
  if (!view.admin) return say({ kind: 'thread-not-admin' });
  const writes: Write[] = [{ kind: 'record-for', diagnosisId: q.diagnosisId, server }];
  if (q.replyTs) writes.push({ kind: 'thread-link', diagnosisId: q.diagnosisId, ts: q.replyTs });
  return say({ kind: 'thread-recorded', server, diagnosisId: q.diagnosisId, questionTs: q.replyTs }, { writes });
}

/**
 * What recording a thread's answer came to (src/attribute.ts recordFor): recorded as decided; or, recorded meanwhile
 * by someone else, the server it was recorded for; or purged meanwhile: nothing to say.
 */
export function afterRecording(
  decided: Decision,
  r: { readonly kind: 'recorded' | 'not-admin' | 'gone' } | { readonly kind: 'already'; readonly server: string },
): Decision {
  if (r.kind === 'recorded') return decided;
  if (r.kind === 'not-admin') return say({ kind: 'thread-not-admin' });
  if (r.kind === 'already') return say({ kind: 'thread-already', server: r.server });
  return SILENT;
}

/**
 * The table's answer to a question (`answered`), else small talk: one line in a DM, silence in a channel and after
 * an edit; anything else it cannot answer gets the one line on what it does.
 */
export function afterTable(m: Incoming, intent: Intent, answered: boolean): Decision {
  if (answered) return say({ kind: 'table' });
  if (m.edit) return SILENT;
  if (intent.kind === 'thanks') return m.direct ? say({ kind: 'welcome' }) : SILENT;
  return say({ kind: 'hint' });
}

/**
 * A chat line that merely mentions a code of the KB ("is 0x8024400E KB954960?") is a question for people: silence in
 * a channel, one pointer to what to paste in a DM — no verdict, and no diagnosis in the history. A line with the whole
 * signature, a version or the fix is read.
 */
function onlyAPointer(m: Incoming, d: Pick<Diagnosis, 'verdict'>): boolean {
  return m.files.length === 0 && d.verdict === 'possible' && isChatLine(m.text ?? '');
}

/** The same for a chat line that only names a failure code: a question, not a log of the server's. */
function onlyACode(m: Incoming, d: Pick<Diagnosis, 'hasEvidence'>): boolean {
  return m.files.length === 0 && !d.hasEvidence && isChatLine(m.text ?? '');
}

/** Whether a message's diagnosis goes into the history: evidence or a failure, never chatter that only names a code. */
export function keepsDiagnosis(m: Incoming, d: Diagnosis): boolean {
  return worthRecording(d) && !onlyAPointer(m, d) && !onlyACode(m, d);
}

/** Nothing could be opened: the refusals, if any were worth saying, else silence. */
export function nothingOpened(refusals: number): Decision {
  return refusals > 0 ? { do: 'reply', outcome: 'refused', reply: { kind: 'refusals', nothingFoundFirst: false, thrown: false } } : SILENT;
}

/** The check refused an input (a download failed, a binary, too large once decoded). */
export interface RefusedInput {
  readonly download: boolean;
  /** The decoder's reason ('binary', 'too-large', …); none for a download. */
  readonly problem?: string;
}

/** A refused upload gets a clear threaded answer where it may be a log; refused chatter in a channel gets none. */
export function onRefusedInput(m: Incoming, e: RefusedInput): Decision {
  const name = m.files.length === 1 ? m.files[0]!.name : undefined;
  if (!m.alwaysAnswer && (m.files.length === 0 || !(e.download || namedLikeLog(name) || e.problem !== 'binary'))) return SILENT;
  return { do: 'reply', outcome: 'refused', reply: { kind: 'refusals', nothingFoundFirst: false, thrown: true } };
}

/** What the check found and recorded, and what the store knows after it. */
export interface CheckedView extends Pick<BeforeScanView, 'admin' | 'threadQuestion'> {
  readonly diagnosis: Pick<Diagnosis, 'verdict' | 'hasEvidence' | 'errors' | 'problems' | 'notes' | 'server' | 'serverState' | 'learned'>;
  readonly diagnosisId: number | null;
  /** Facts of a named server were not recorded (the sender is no admin). */
  readonly withheld: boolean;
  /** Inputs that were not read, said under the reply. */
  readonly refusals: number;
  /** In a thread: what the bot answered there before (server, verdict, state). */
  readonly earlierInThread: readonly { readonly server: string | null; readonly verdict: string; readonly serverState: string }[];
}

/**
 * From the diagnosis to the reply. KB954960 evidence: the diagnosis (or one line when this thread had the same
 * answer); else a reply naming the thread's server; else a failure gets the problem reply; else the refusals; else
 * silence in channels and a short answer in a DM or to a mention.
 */
export function afterCheck(m: Incoming, v: CheckedView): Decision {
  const { diagnosis, diagnosisId } = v;
  if (diagnosis.hasEvidence) {
    if (onlyAPointer(m, diagnosis)) return m.alwaysAnswer ? say({ kind: 'chat-pointer' }) : SILENT;
    if (m.inThread && sameAsAbove(diagnosis, v.earlierInThread)) return say({ kind: 'same-as-above' }, { diagnosisId });
    const { affected: _a, ...reported } = diagnosis.learned;
    const reportsFacts = Object.keys(reported).length > 0;
    const askServer = !diagnosis.server && reportsFacts && diagnosisId !== null;
    const link = !!diagnosis.server && reportsFacts && diagnosisId !== null && !v.withheld;
    const writes: Write[] = link && diagnosisId !== null ? [{ kind: 'thread-link', diagnosisId, ts: m.ts }] : [];
    return say({ kind: 'diagnosis', askServer, notRecorded: v.withheld }, { diagnosisId, writes });
  }
  const named = !talking(m) ? threadAnswer(m, v) : null;
  if (named) return named;
  // Not KB954960, but the input fails: a log (or file) gets the problem and its codes explained; a chat line that
  // merely mentions a code is for people in a channel, and gets a one-block pointer in a DM.
  if (diagnosis.errors.length > 0 || diagnosis.problems.length > 0) {
    if (onlyACode(m, diagnosis)) return m.alwaysAnswer ? say({ kind: 'code-pointer' }) : SILENT;
    return say({ kind: 'problem' }, { diagnosisId });
  }
  // Files it could not read are said, also in a channel (only those whose name says they are logs were kept).
  if (v.refusals > 0) return { do: 'reply', outcome: 'refused', reply: { kind: 'refusals', nothingFoundFirst: m.alwaysAnswer, thrown: false } };
  // Nothing of KB954960: silence in channels, a short answer in a DM or to a mention (an edit without evidence: silence).
  if (!m.alwaysAnswer || m.edit) return SILENT;
  // A chat line the bot has no answer to: one line on what it does, not what it looked for in a log.
  if (talking(m) && isChatLine(m.text ?? '')) return say({ kind: 'hint' });
  return say({ kind: 'nothing-found' });
}

/**
 * The same server, verdict and server state already answered in this thread: one line, not the whole reply again.
 * A paste that changed what is known of the server (RTM → SP1, a DLL found missing) is news, answered in full.
 */
function sameAsAbove(d: CheckedView['diagnosis'], earlier: CheckedView['earlierInThread']): boolean {
  if (d.notes.some((n) => n.kind === 'dll-absent')) return false;
  return earlier.some((e) => e.server === d.server && e.verdict === d.verdict && e.serverState === d.serverState);
}

/** A file whose name says it is a log (or an archive or export of logs): refusing it in a channel is useful, not noise. */
const LOG_NAME = /\.(log|txt|gz|zip|evtx)$|log/i;
export function namedLikeLog(name: string | undefined): boolean {
  return !!name && LOG_NAME.test(name);
}

/** Files the bot does not read by their type: in channels it stays silent about them, in DMs it says what it reads. */
const NOT_LOGS = /^(image|video|audio)\/|^application\/(pdf|msword|vnd\.)/;
const EVTX_NAME = /\.evtx$/i;

/** Why a file is not read before it is downloaded, or null to read it. */
export function unreadFile(
  f: { readonly name: string; readonly mimetype?: string; readonly size?: number },
  readCap: number,
): 'not-a-log' | 'event-log' | 'too-large' | null {
  if (NOT_LOGS.test(f.mimetype ?? '')) return 'not-a-log';
  if (EVTX_NAME.test(f.name)) return 'event-log';
  if (f.size !== undefined && f.size > readCap) return 'too-large';
  return null;
}

/** A file that is not read is said in a DM, where its name says it is a log, and when its download failed. */
export function saysRefusal(m: Incoming, f: { readonly name?: string }, download: boolean): boolean {
  return m.alwaysAnswer || namedLikeLog(f.name) || download;
}

/** How the reply reaches the thread: a new post; for an edited message, the earlier answer updated or withdrawn. */
export type Delivery = 'post' | 'update' | 'withdraw' | 'none';

/**
 * An edited message that was answered before: the answer follows the edit instead of a second reply. Edited so that
 * it no longer holds the log ("moved to #wsus-ops") while its diagnosis was withdrawn: the answer says so.
 */
export function delivery(decision: Decision, edit: { readonly earlierReply: string | null; readonly retracted: number }): Delivery {
  if (decision.do !== 'reply') return edit.earlierReply && edit.retracted > 0 ? 'withdraw' : 'none';
  return edit.earlierReply ? 'update' : 'post';
}

/** A deleted message no longer counts: its diagnoses are retracted, and the bot's answer to it (if any) is deleted. */
export function onDeletion(view: { readonly earlierReply: string | null }): { readonly deleteReply: string | null; readonly outcome: 'replied' | 'silent' } {
  return { deleteReply: view.earlierReply, outcome: view.earlierReply ? 'replied' : 'silent' };
}
