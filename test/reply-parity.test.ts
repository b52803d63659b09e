// e2e, HTTP mode: one input, one answer, whatever the way in — a paste in a channel, a file, the slash `check` and the
// modal give the same reply in the same order; and a failure no known problem explains still gets a next step.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { visibleText } from './support/block-kit.js';
import { messageEvent, postEvent, postInteraction, postSlashCommand, slackTs, slashCommand, viewSubmission } from './support/index.js';
import { excerpt } from './support/excerpts.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  await t.idle();
});

let seq = 0;
const channel = () => `C${String(++seq).padStart(6, '0')}PAR`;

/** The reply as a reader sees it, from its diagnosis on (the modal's "who asked" line above it is the modal's own). */
const fromDiagnosis = (blocks: unknown): string => {
  const text = visibleText(blocks as never);
  const at = text.search(/\*?(Not KB954960|KB954960:|No KB954960)/);
  return at === -1 ? text : text.slice(at);
};

async function viaPaste(text: string): Promise<string> {
  const c = channel();
  const ts = slackTs();
  await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: c, ts, text }));
  const post = await t.fake.waitFor('chat.postMessage', (x) => x.body.channel === c && x.body.thread_ts === ts);
  return fromDiagnosis(post.body.blocks);
}

async function viaFile(text: string): Promise<string> {
  const c = channel();
  const ts = slackTs();
  const file = t.fake.fileHost.addFile({ name: 'httperr1.log', bytes: Buffer.from(text, 'utf8') });
  await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: c, ts, text: '', files: [file] }));
  const post = await t.fake.waitFor('chat.postMessage', (x) => x.body.channel === c && x.body.thread_ts === ts);
  return fromDiagnosis(post.body.blocks);
}

async function viaSlashCheck(text: string): Promise<string> {
  const responseUrl = t.fake.responseUrl();
  const res = await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text: `check ${text}`, response_url: responseUrl, channel_id: channel() }));
  expect(res.status).toBe(200);
  const call = await t.fake.waitFor('response_url', (x) => x.path === new URL(responseUrl).pathname);
  return fromDiagnosis(call.body.blocks);
}

async function viaModal(text: string): Promise<string> {
  const c = channel();
  const values = {
    log: { text: { type: 'plain_text_input', value: text } },
    server: { name: { type: 'plain_text_input', value: '' } },
    lang: { lang: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'English' }, value: 'en' } } },
  };
  const res = await postInteraction(
    t.events,
    SIGNING_SECRET,
    viewSubmission({ callback_id: 'kb954960_check', user: 'UPARITY', values, private_metadata: JSON.stringify({ channel_id: c }) }),
  );
  expect(res.status).toBe(200);
  const post = await t.fake.waitFor('chat.postMessage', (x) => x.body.channel === c);
  return fromDiagnosis(post.body.blocks);
}

describe('the same answer in the same order, whatever the way in', () => {
  it('an httperr excerpt with the WsusPool offline (503) leads with the app pool in a paste, a file, the slash check and the modal', async () => {
    const text = excerpt('saotn-httperr-wsuspool-appoffline.log');
    const replies = { paste: await viaPaste(text), file: await viaFile(text), check: await viaSlashCheck(text), modal: await viaModal(text) };
    for (const [way, reply] of Object.entries(replies)) {
      expect(reply, way).toMatch(/^\*Not KB954960 — WSUS application pool stopped or recycling \(HTTP 503\):\* Start the WsusPool application pool/);
      expect(reply, way).not.toContain('No KB954960 signature found');
      expect(reply, way).not.toContain('Proxy or name resolution');
    }
    expect(replies.file).toBe(replies.paste);
    expect(replies.check).toBe(replies.paste);
    expect(replies.modal).toBe(replies.paste);
  });

  it('a failure no known problem explains gets a next step (what to collect), not a dead end — in a paste and the modal alike', async () => {
    const text = excerpt('wpp-install-0x80240022.log');
    const paste = await viaPaste(text);
    expect(paste).toMatch(
      /^\*Not KB954960\* — no known WSUS problem matches the failure codes below\.\n:point_right: \*Next step:\* Collect what explains it: .*SoftwareDistribution\.log.*`Get-WindowsUpdateLog`/,
    );
    expect(await viaModal(text)).toBe(paste);
  });
});
