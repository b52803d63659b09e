import { adminMentions } from '../admins.js';
import type { WithheldFacts } from '../check.js';
import type { Lang } from '../detect/types.js';
import { escapeMrkdwn, section, type SlackMessage } from './blocks.js';
import { msg } from './messages/index.js';

/**
 * The one sentence a non-admin gets when their input held server facts that were not recorded: what, for which
 * server, and who can record it. mrkdwn: the admins are mentions, the rest is escaped.
 */
export function notRecordedText(w: WithheldFacts, adminUserIds: readonly string[], lang: Lang): string {
  const m = msg(lang).notRecorded;
  const what = [
    ...(w.dllVersion ? [`DLL ${w.dllVersion}`] : []),
    ...(w.wsusVersion ? [`WSUS ${w.wsusVersion}`] : []),
    ...(w.fixEvent === true ? [m.fixEvent] : []),
    ...(w.fixEvent === false ? [m.fixEventAbsent] : []),
  ];
  return m.sentence({ what: what.join(m.listSeparator), server: escapeMrkdwn(w.server), admins: adminMentions(adminUserIds, lang) });
}

/** The diagnosis message with that sentence right under the verdict, where it cannot be missed. */
export function withNotRecorded(message: SlackMessage, sentence: string): SlackMessage {
  const blocks = [...message.blocks];
  blocks.splice(Math.min(2, blocks.length), 0, section(sentence));
  return { text: `${message.text}\n${sentence}`, blocks };
}
