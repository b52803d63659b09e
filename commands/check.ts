import { isAdmin } from '../src/admins.js';
import { check, inlineScan, RECORD_ALWAYS } from '../src/check.js';
import { InputError } from '../src/ingest/decode.js';
import { normalizeSlackText } from '../src/ingest/slack-text.js';
import { renderDiagnosisBlocks } from '../src/render/diagnosis-blocks.js';
import { langOf } from '../src/render/i18n.js';
import { renderJson } from '../src/render/json.js';
import { answersAsProblem, renderProblemReply } from '../src/render/problem-reply.js';
import { msg } from '../src/render/messages/index.js';
import { notRecordedText, withNotRecorded } from '../src/render/not-recorded.js';
import { refusalText } from '../src/render/refusals.js';
import type { Origin } from '../src/store/port.js';
import type { SlackMessage } from '../src/render/blocks.js';
import type { Lang } from '../src/lang.js';
import type { CommandContext, Reply } from './types.js';

export interface CheckCommandInput {
  readonly text: string;
  readonly serverName?: string | null;
  /** Forced language; otherwise Japanese text gets Japanese, else the context's default. */
  readonly lang?: Lang | null;
  readonly origin: Origin;
  readonly channelId?: string;
  readonly teamId?: string;
  readonly maxBytes: number;
  /** mrkdwn lines the surface adds under the verdict (the modal: that its input stopped at its limit). */
  readonly remarks?: readonly string[];
}

/** `/kb954960 check <text>` and the modal: diagnose pasted text, record it, answer in blocks. */
export async function checkCommand(input: CheckCommandInput, ctx: CommandContext): Promise<Reply> {
  const text = normalizeSlackText(input.text);
  const lang = input.lang ?? langOf(text, ctx.lang);
  if (!text.trim()) {
    return { text: msg(lang).checkEmpty, exitCode: 2 };
  }
  try {
    const { diagnosis, diagnosisId, withheld } = await check(
      {
        inputs: [{ chunks: [Buffer.from(text, 'utf8')] }],
        lang,
        serverName: input.serverName,
        now: ctx.now,
        mayRecordFacts: isAdmin(ctx),
        from: { origin: input.origin, channelId: input.channelId, teamId: input.teamId, userId: ctx.userId },
      },
      // Someone asked for this check: it is recorded, whatever it shows.
      { storage: ctx.store, scan: inlineScan(input.maxBytes), record: RECORD_ALWAYS },
    );
    // The same reply as a paste or a file of the same text (a 503 log leads with the 503, not "no KB954960 signature").
    const message = answersAsProblem(diagnosis)
      ? withRemarks(renderProblemReply(diagnosis), input.remarks)
      : renderDiagnosisBlocks(diagnosis, { diagnosisId, remarks: input.remarks });
    return {
      ...(withheld ? withNotRecorded(message, notRecordedText(withheld, ctx.adminUserIds, lang), diagnosis) : message),
      json: renderJson(diagnosis),
      exitCode: 0,
    };
  } catch (e) {
    if (e instanceof InputError) return { text: refusalText({ kind: 'input', problem: e.problem }, lang, { maxBytes: input.maxBytes }), exitCode: 2 };
    throw e;
  }
}

/** The surface's remarks (the modal: that its input stopped at its limit) under the problem reply's first block. */
function withRemarks(message: SlackMessage, remarks: readonly string[] | undefined): SlackMessage {
  if (!remarks || remarks.length === 0) return message;
  const blocks = [...message.blocks];
  blocks.splice(1, 0, { type: 'context', elements: [{ type: 'mrkdwn', text: remarks.join('\n') }] });
  return { ...message, blocks };
}
