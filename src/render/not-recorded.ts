import { adminMentions } from '../admins.js';
import type { WithheldFacts } from '../check.js';
import type { Lang } from '../detect/types.js';
import { escapeMrkdwn, section, type SlackMessage } from './blocks.js';

/**
 * The one sentence a non-admin gets when their input held server facts that were not recorded: what, for which
 * server, and who can record it. mrkdwn: the admins are mentions, the rest is escaped.
 */
export function notRecordedText(w: WithheldFacts, adminUserIds: readonly string[], lang: Lang): string {
  const ja = lang === 'ja';
  const what = [
    ...(w.dllVersion ? [`DLL ${w.dllVersion}`] : []),
    ...(w.wsusVersion ? [`WSUS ${w.wsusVersion}`] : []),
    ...(w.fixEvent === true ? [ja ? '修正のイベント (MsiInstaller 1022)' : 'the fix event (MsiInstaller 1022)'] : []),
    ...(w.fixEvent === false ? [ja ? '修正のイベント (MsiInstaller 1022) がないこと' : 'the fix event (MsiInstaller 1022) being absent'] : []),
  ];
  const server = escapeMrkdwn(w.server);
  const admins = adminMentions(adminUserIds, lang);
  return ja
    ? `記録していません: ${server} の ${what.join('、')}。サーバーのバージョンと修正を記録できるのは管理者 (ADMIN_USER_IDS) だけです。${admins} に依頼してください。`
    : `Not recorded: ${what.join(', ')} for ${server}. Only the admins (ADMIN_USER_IDS) can record server versions and fixes — ask ${admins}.`;
}

/** The diagnosis message with that sentence right under the verdict, where it cannot be missed. */
export function withNotRecorded(message: SlackMessage, sentence: string): SlackMessage {
  const blocks = [...message.blocks];
  blocks.splice(Math.min(2, blocks.length), 0, section(sentence));
  return { text: `${message.text}\n${sentence}`, blocks };
}
