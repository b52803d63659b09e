import { adminMentions } from './admins.js';
import type { WithheldFacts } from '../check.js';
import type { Diagnosis } from '../diagnose/diagnose.js';
import type { Lang } from '../lang.js';
import { factsPhrase } from './attribution.js';
import { escapeMrkdwn, section, type SlackMessage } from './blocks.js';
import { underVerdict } from './diagnosis-blocks.js';
import { msg } from './messages/index.js';

/**
 * The one sentence a non-admin gets when their input held server facts that were not recorded: what, for which
 * server, and who can record it. mrkdwn: the admins are mentions, the rest is escaped.
 */
export function notRecordedText(w: WithheldFacts, adminUserIds: readonly string[], lang: Lang): string {
  const { server, ...facts } = w;
  return msg(lang).notRecorded.sentence({
    what: escapeMrkdwn(factsPhrase(facts, lang)),
    server: escapeMrkdwn(server),
    admins: adminMentions(adminUserIds, lang),
  });
}

/**
 * The diagnosis message with that sentence right under the verdict, where it cannot be missed. Where the verdict is
 * `clean` (the withheld facts were all the input held: the verdict, made without them, would say "No KB954960
 * signature found" above the very lines that show the DLL or the fix), the sentence takes the verdict's place.
 */
export function withNotRecorded(message: SlackMessage, sentence: string, d: Pick<Diagnosis, 'verdict'>): SlackMessage {
  if (d.verdict === 'clean') return { text: sentence, blocks: [section(sentence), ...message.blocks.slice(2)] };
  return underVerdict(message, [section(sentence)], sentence);
}
