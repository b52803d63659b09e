import type { types } from '@slack/bolt';
import type { FactsLearned } from '../diagnose/diagnose.js';
import type { ServerState } from '../diagnose/server-state.js';
import type { Lang } from '../detect/types.js';
import { RECORD_FOR_ACTION_IDS } from './action-ids.js';
import { context, escapeMrkdwn, LIMITS, section, truncate, type SlackMessage } from './blocks.js';
import { msg } from './messages/index.js';

/** block_id of the "which server?" question, so the button's answer replaces exactly it. */
export const ASK_SERVER_BLOCK = 'kb954960_ask_server';

/** What a "Record for …" button carries (button values hold up to 2,000 characters; this is a few dozen). */
export interface RecordForValue {
  /** The diagnosis whose reported facts to record (the log itself is never kept). */
  readonly d: number;
  /** The server. */
  readonly s: string;
}

export function parseRecordForValue(value: string | undefined): RecordForValue | null {
  try {
    const v = JSON.parse(value ?? '') as Partial<RecordForValue>;
    return typeof v.d === 'number' && typeof v.s === 'string' && v.s.length > 0 ? { d: v.d, s: v.s } : null;
  } catch {
    return null;
  }
}

/** The facts as a phrase: "DLL 3.1.6001.66, the fix event (MsiInstaller 1022)". */
export function factsPhrase(f: Omit<FactsLearned, 'affected'>, lang: Lang): string {
  const ja = lang === 'ja';
  return [
    ...(f.dllVersion ? [`DLL ${f.dllVersion}`] : []),
    ...(f.wsusVersion ? [`WSUS ${f.wsusVersion}`] : []),
    ...(f.fixEvent ? [ja ? '修正のイベント (MsiInstaller 1022)' : 'the fix event (MsiInstaller 1022)'] : []),
    ...(f.fixEvent === false ? [ja ? '修正のイベント (MsiInstaller 1022) なし' : 'no fix event (MsiInstaller 1022)'] : []),
  ].join(ja ? '、' : ', ');
}

/**
 * Output that names no computer, pasted where no server is known: ask which server it is from — a button per known
 * server, or a reply in the thread — rather than record it for nobody.
 */
export function askServerBlocks(diagnosisId: number, reported: Omit<FactsLearned, 'affected'>, candidates: readonly string[], lang: Lang): types.KnownBlock[] {
  const ja = lang === 'ja';
  const what = escapeMrkdwn(factsPhrase(reported, lang));
  const question = ja
    ? `:question: この出力にはコンピューター名がありません。どのサーバーの ${what} ですか? ${candidates.length > 0 ? '下のボタンを押すか、' : ''}このスレッドにサーバー名を返信してください。`
    : `:question: This output names no computer. Which server is ${what} from? ${candidates.length > 0 ? 'Press its button, or reply' : 'Reply'} in this thread with the server name.`;
  const blocks: types.KnownBlock[] = [{ ...section(question), block_id: ASK_SERVER_BLOCK }];
  if (candidates.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: `${ASK_SERVER_BLOCK}_buttons`,
      elements: candidates.slice(0, RECORD_FOR_ACTION_IDS.length).map((s, i) => ({
        type: 'button',
        text: { type: 'plain_text', text: truncate(ja ? `${s} として記録` : `Record for ${s}`, LIMITS.buttonText) },
        action_id: RECORD_FOR_ACTION_IDS[i]!,
        value: JSON.stringify({ d: diagnosisId, s } satisfies RecordForValue),
      })),
    });
  }
  return blocks;
}

/** The diagnosis message with the question under the verdict. */
export function withAskServer(message: SlackMessage, ask: readonly types.KnownBlock[], lang: Lang): SlackMessage {
  const blocks = [...message.blocks];
  blocks.splice(Math.min(2, blocks.length), 0, ...ask);
  return { text: `${message.text}\n${lang === 'ja' ? 'どのサーバーの出力か教えてください。' : 'Which server is this output from?'}`, blocks };
}

/** What was recorded, by whom, and the server's state now. */
export function recordedText(r: { server: string; reported: Omit<FactsLearned, 'affected'>; state: ServerState; by?: string | null }, lang: Lang): string {
  const ja = lang === 'ja';
  const server = escapeMrkdwn(r.server);
  const by = r.by ? (ja ? ` (<@${r.by}> が記録)` : ` by <@${r.by}>`) : '';
  const what = escapeMrkdwn(factsPhrase(r.reported, lang));
  return ja
    ? `:white_check_mark: *${server}* の ${what} を記録しました${by}。現在の状態: ${msg('ja').stateLabel[r.state]}`
    : `:white_check_mark: Recorded for *${server}*${by}: ${what}. Now: ${msg('en').stateLabel[r.state]}.`;
}

/** Replaces the question (and its buttons) in a posted message by what was recorded. */
export function replaceAskServer(blocks: readonly types.KnownBlock[], sentence: string): types.KnownBlock[] {
  const out: types.KnownBlock[] = [];
  for (const b of blocks) {
    if (b.block_id === ASK_SERVER_BLOCK) out.push({ ...section(sentence), block_id: ASK_SERVER_BLOCK });
    else if (b.block_id !== `${ASK_SERVER_BLOCK}_buttons`) out.push(b);
  }
  return out;
}

export function onlyAdminsRecord(lang: Lang): string {
  return lang === 'ja'
    ? 'サーバーの事実を記録できるのは管理者 (ADMIN_USER_IDS) だけです。何も記録していません。'
    : 'Only admins (ADMIN_USER_IDS) can record server facts — nothing was recorded.';
}

export function alreadyRecorded(server: string, lang: Lang): string {
  return lang === 'ja' ? `この出力は既に ${escapeMrkdwn(server)} の記録です。` : `This output is already recorded for ${escapeMrkdwn(server)}.`;
}

/** The second paste of one failure: it confirms the first, whose thread is linked. */
export function confirmsBlock(r: { permalink: string | null; faultId: string; server: string | null }, lang: Lang): types.KnownBlock {
  const ja = lang === 'ja';
  const where = r.permalink ? `<${r.permalink}|${ja ? '先の報告' : 'the earlier report'}>` : ja ? '先の報告' : 'the earlier report';
  const on = r.server ? (ja ? ` (${escapeMrkdwn(r.server)})` : ` on ${escapeMrkdwn(r.server)}`) : '';
  return context(
    ja
      ? `:link: 同じ失敗です: ${where}${on} を裏付けます (Fault ID \`${escapeMrkdwn(r.faultId)}\`)。`
      : `:link: Same failure: this confirms ${where}${on} (fault ID \`${escapeMrkdwn(r.faultId)}\`).`,
  );
}
