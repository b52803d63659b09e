/**
 * The reply the reply policy (src/conversation/reply.ts) decided, as a Slack message: pure. What it shows was read or
 * made by the worker beforehand (the diagnosis, the table's answer, the refusals, what was recorded, the links and
 * candidate servers of attribution).
 */
import type { types } from '@slack/bolt';
import type { WithheldFacts } from '../check.js';
import type { ReplyKind } from '../conversation/reply.js';
import type { Diagnosis, FactsLearned } from '../diagnose/diagnose.js';
import type { ServerState } from '../diagnose/server-state.js';
import { formatBytes, type TailInfo } from '../ingest/decode.js';
import type { Lang } from '../lang.js';
import { alreadyRecorded, askServerBlocks, confirmsBlock, onlyAdminsRecord, recordedText, withAskServer, withFaultConflict } from './attribution.js';
import { escapeMrkdwn, section, type SlackMessage } from './blocks.js';
import { renderDiagnosisBlocks } from './diagnosis-blocks.js';
import { VERDICT_EMOJI } from './i18n.js';
import { msg } from './messages/index.js';
import { notRecordedText, withNotRecorded } from './not-recorded.js';
import { renderCodePointer, renderProblemReply } from './problem-reply.js';
import { refusalText, renderRefusals, type Refusal } from './refusals.js';

/** What attribution adds to a diagnosis reply, as read for it (store and Slack). */
export interface AttributionParts {
  /** The servers offered as "Record for …" buttons, when the reply asks which server. */
  readonly candidates: readonly string[] | null;
  /** The earlier diagnosis of the same failure this one confirms. */
  readonly confirms: { readonly permalink: string | null; readonly faultId: string; readonly server: string | null } | null;
  /** One fault ID under two server names. */
  readonly faultConflict: {
    readonly earlierId: number;
    readonly faultId: string;
    readonly server: string;
    readonly other: string;
    readonly keep: string;
    readonly permalink: string | null;
  } | null;
}

export interface ReplyParts {
  readonly lang: Lang;
  readonly adminUserIds: readonly string[];
  /** The table's answer to a question (commands/ask.ts). */
  readonly table?: { readonly text: string; readonly blocks?: types.KnownBlock[] } | null;
  /** The inputs that were not read, and why. */
  readonly refused?: readonly { readonly name?: string; readonly refusal: Refusal }[];
  /** The logs over the size cap, read in their most recent part. */
  readonly partsRead?: readonly { readonly name: string; readonly tail: TailInfo }[];
  /** The size cap (MAX_FILE_BYTES), named in those sentences. */
  readonly maxBytes?: number;
  readonly diagnosis?: Diagnosis;
  readonly diagnosisId?: number | null;
  readonly withheld?: WithheldFacts | null;
  readonly attribution?: AttributionParts;
  /** A thread reply that named the server: what was recorded for it, and by whom. */
  readonly recorded?: { readonly server: string; readonly reported: Omit<FactsLearned, 'affected'>; readonly state: ServerState; readonly by?: string | null };
}

/** The reply as a message; null when what it needs is missing (nothing is said then). */
export function renderReply(reply: ReplyKind, parts: ReplyParts): SlackMessage | null {
  const { lang, diagnosis } = parts;
  const t = msg(lang);
  const refusals = (parts.refused ?? []).map((r) => refusalText(r.refusal, lang, { maxBytes: parts.maxBytes ?? 0, fileName: r.name }));
  switch (reply.kind) {
    case 'thread-recorded':
      return parts.recorded ? mrkdwn(recordedText(parts.recorded, lang)) : null;
    case 'thread-not-admin':
      return mrkdwn(onlyAdminsRecord(parts.adminUserIds, lang));
    case 'thread-already':
      return mrkdwn(alreadyRecorded(reply.server, lang));
    case 'table':
      return parts.table ? { text: parts.table.text, blocks: parts.table.blocks ?? [section(escapeMrkdwn(parts.table.text))] } : null;
    case 'welcome':
      return plain(t.converse.welcome);
    case 'hint':
      return plain(t.converse.hint);
    case 'refusals':
      return renderRefusals(reply.nothingFoundFirst ? [t.nothingFound, ...refusals] : refusals);
    case 'chat-pointer':
      return plain(t.chatPointer);
    case 'code-pointer':
      return diagnosis ? renderCodePointer(diagnosis) : null;
    case 'problem':
      return diagnosis ? renderProblemReply(diagnosis) : null;
    case 'same-as-above': {
      if (!diagnosis) return null;
      const server = diagnosis.server ? `*${escapeMrkdwn(diagnosis.server)}*` : t.status.noServerName;
      return mrkdwn(t.repeatInThread({ emoji: VERDICT_EMOJI[diagnosis.verdict], server, verdict: t.verdictWord[diagnosis.verdict] }));
    }
    case 'diagnosis':
      return diagnosis ? diagnosisReply(diagnosis, reply, parts, refusals) : null;
    case 'nothing-found':
      return plain(t.nothingFound);
    case 'withdrawn':
      return plain(t.retractedAfterEdit);
  }
}

/** The diagnosis, what was not recorded, and what attribution adds: "which server?", the failure it confirms, a conflict. */
function diagnosisReply(diagnosis: Diagnosis, reply: Extract<ReplyKind, { kind: 'diagnosis' }>, parts: ReplyParts, refusals: readonly string[]): SlackMessage {
  const { lang, attribution: a } = parts;
  const diagnosisId = parts.diagnosisId ?? null;
  // Said under the verdict: which part of a long log was read, and which files were not.
  const remarks = [
    ...(parts.partsRead ?? []).map(({ name, tail }) =>
      escapeMrkdwn(
        msg(lang).partRead({
          file: name,
          limit: formatBytes(parts.maxBytes ?? 0),
          kept: formatBytes(tail.keptBytes),
          skipped: tail.skippedLines.toLocaleString('en-US'),
        }),
      ),
    ),
    ...refusals.map(escapeMrkdwn),
  ];
  let out = renderDiagnosisBlocks(diagnosis, { diagnosisId, remarks, askingServer: reply.askServer });
  if (reply.notRecorded && parts.withheld) out = withNotRecorded(out, notRecordedText(parts.withheld, parts.adminUserIds, lang), diagnosis);
  if (reply.askServer && diagnosisId !== null && a?.candidates) {
    // Never recorded for nobody, never dropped silently: ask which server it is.
    const { affected: _a, ...reported } = diagnosis.learned;
    out = withAskServer(out, askServerBlocks(diagnosisId, reported, a.candidates, lang), lang);
  }
  if (a?.confirms) out = { text: out.text, blocks: [...out.blocks, confirmsBlock(a.confirms, lang)] };
  if (a?.faultConflict) out = withFaultConflict(out, { diagnosisId, ...a.faultConflict }, lang);
  return out;
}

/** A sentence as a message. Escaped: it can carry a file name, and `<!channel>.log` must not ping a channel. */
function plain(text: string): SlackMessage {
  return mrkdwn(escapeMrkdwn(text));
}

function mrkdwn(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}
