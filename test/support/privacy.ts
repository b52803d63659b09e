// The privacy scenario: a paste with a line no rule matches (the canary, which must never be stored) around lines
// that match (stored as findings), sent every way a log reaches the bot. test/secrets.test.ts looks for the canary in
// every stored value, on both engines; test/sqlite-privacy.test.ts in the bytes of the SQLite file itself.
import { messageEvent, postEvent, postSlashCommand, slashCommand, slackTs } from './index.js';
import type { TestBot } from './bot.js';

/** A paste: three lines that match, around a line that matches nothing and must never be stored. */
export const CANARY = 'ZEBRA-CANARY-7f3a9c-this-line-matches-no-rule hostname=secret-host.corp.example password=hunter2';
export const MATCHED =
  '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200';
export const PASTE = [
  '2008-08-12\t09:15:41:156\t 940\tf54\tPT\t+++++++++++  PT: Synchronizing server updates  +++++++++++',
  CANARY,
  MATCHED,
  '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: SOAP Fault: 0x000190',
  '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING:     ErrorCode:InternalServerError(5)',
].join('\n');

/** The paste in a channel, a long one in a DM, a file and `/kb954960 check`: four diagnoses, once all are answered. */
export async function pasteEveryWay(r: TestBot, signingSecret: string): Promise<void> {
  const { fake } = r;
  const tsChannel = slackTs();
  const tsDm = slackTs();
  const tsFile = slackTs();
  await postEvent(r.events, signingSecret, messageEvent({ channel: 'C0PRIV1', ts: tsChannel, text: PASTE }));
  // A long paste (~20 KB, near Slack's 40,000-character limit): stored in overflow pages while pending.
  await postEvent(r.events, signingSecret, messageEvent({ channel: 'D0PRIV1', ts: tsDm, text: `${PASTE}\n${`${CANARY}\n`.repeat(200)}` }));
  const file = fake.fileHost.addFile({ name: 'WindowsUpdate.log', bytes: PASTE });
  await postEvent(r.events, signingSecret, messageEvent({ channel: 'C0PRIV1', ts: tsFile, text: '', files: [file] }));
  const responseUrl = fake.responseUrl();
  await postSlashCommand(r.events, signingSecret, slashCommand({ text: `check ${PASTE}`, response_url: responseUrl }));
  await fake.waitFor('response_url', 5000);
  for (const ts of [tsChannel, tsDm, tsFile]) await fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === ts, 5000);
  await r.bot.inbox.idle();
}
