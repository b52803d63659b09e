// The authorization matrix: with ADMIN_USER_IDS set, anyone may report a failure, but only an admin's
// input records a server's versions and fix events — on every way in. Real Bolt app, real signed HTTP, fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_SECRET, handleBaseline, startTestBot, type TestBot } from './support/bot.js';
import { visibleText } from './support/block-kit.js';
import { clientExampleOn } from './support/fixtures.js';
import { messageEvent, messageShortcut, postEvent, postInteraction, postSlashCommand, slackTs, slashCommand, viewSubmission } from './support/index.js';

const ADMIN = 'UADMIN';
const NOBODY = 'UNOBODY';
const DLL = '3.1.6001.66';
const DLL_LINE = `Microsoft.UpdateServices.WebServices.Client.dll ${DLL}`;
const FIX_EVENT_LINE = "MsiInstaller 1022 08/13/2008 10:12:33 Product: Microsoft Windows Server Update Services 3.0 SP1 - Update 'KB954960' installed successfully.";
/** What an admin pastes after installing the fix: the server, the fixed DLL, the MsiInstaller event. */
const facts = (server: string) => [`WSUS server: http://${server}`, DLL_LINE, FIX_EVENT_LINE].join('\n');

const NOT_RECORDED = 'Not recorded:';

interface Reply {
  /** The message as a person reads it: its blocks, or its text when it has none. */
  readonly shown: string;
  readonly header: string;
  /** Slack's `text`: the summary line (for a diagnosis) or the whole answer (for `server`). */
  readonly text: string;
}

function replyOf(body: Record<string, unknown>): Reply {
  const blocks = body.blocks as { type: string; text?: { text: string } }[] | undefined;
  return {
    shown: blocks ? visibleText(blocks) : String(body.text),
    header: blocks?.find((b) => b.type === 'header')?.text?.text ?? '',
    text: String(body.text),
  };
}

let channelSeq = 0;
const freshChannel = () => `C${String(++channelSeq).padStart(6, '0')}AUTH`;

/** One way in: send the server's facts as `user`, return the bot's answer. */
type WayIn = (t: TestBot, user: string, server: string) => Promise<Reply>;

async function slash(t: TestBot, user: string, text: string): Promise<Reply> {
  const responseUrl = t.fake.responseUrl();
  const res = await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text, user_id: user, response_url: responseUrl }));
  expect(res.status).toBe(200);
  const call = await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
  return replyOf(call.body);
}

async function postedIn(t: TestBot, channel: string): Promise<Reply> {
  const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
  return replyOf(post.body);
}

const WAYS_IN: readonly { name: string; send: WayIn; recordsFixEvent: boolean }[] = [
  { name: 'slash server NAME dll VERSION', recordsFixEvent: false, send: (t, user, server) => slash(t, user, `server ${server} dll ${DLL}`) },
  { name: 'slash check <lines>', recordsFixEvent: true, send: (t, user, server) => slash(t, user, `check ${facts(server)}`) },
  {
    name: 'check modal (DLL line + server field)',
    recordsFixEvent: true,
    send: async (t, user, server) => {
      const channel = freshChannel();
      const values = {
        log: { text: { type: 'plain_text_input', value: `${DLL_LINE}\n${FIX_EVENT_LINE}` } },
        server: { name: { type: 'plain_text_input', value: server } },
        lang: { lang: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'English' }, value: 'en' } } },
      };
      const res = await postInteraction(t.events, SIGNING_SECRET, viewSubmission({ callback_id: 'kb954960_check', user, values, private_metadata: JSON.stringify({ channel_id: channel }) }));
      expect(res.status).toBe(200);
      return postedIn(t, channel);
    },
  },
  {
    name: 'pasted message',
    recordsFixEvent: true,
    send: async (t, user, server) => {
      const channel = freshChannel();
      expect((await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user, text: facts(server) }))).status).toBe(200);
      return postedIn(t, channel);
    },
  },
  {
    name: 'uploaded file',
    recordsFixEvent: true,
    send: async (t, user, server) => {
      const channel = freshChannel();
      const file = t.fake.fileHost.addFile({ name: 'versions.txt', bytes: `${facts(server)}\r\n` });
      expect((await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user, text: '', files: [file] }))).status).toBe(200);
      return postedIn(t, channel);
    },
  },
  {
    // The one who runs the shortcut decides, not the message's author (here always a non-admin).
    name: 'message shortcut',
    recordsFixEvent: true,
    send: async (t, user, server) => {
      const channel = freshChannel();
      const shortcut = messageShortcut({ callback_id: 'kb954960_diagnose', user, channel, message: { text: facts(server), ts: slackTs(), user: 'UAUTHOR' } });
      expect((await postInteraction(t.events, SIGNING_SECRET, shortcut)).status).toBe(200);
      return postedIn(t, channel);
    },
  },
];

let leftovers: () => Promise<string[]>;
beforeAll(() => {
  leftovers = handleBaseline();
});
afterAll(async () => {
  expect(await leftovers()).toEqual([]);
});

describe('ADMIN_USER_IDS=UADMIN: who may record a server\'s facts, way in by way in', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { ADMIN_USER_IDS: ADMIN } });
  });
  afterAll(async () => {
    await t?.close();
  });

  let serverSeq = 0;
  const freshServer = (role: string) => `wsus-auth-${++serverSeq}-${role}`;
  const occurrences = (text: string, part: string) => text.split(part).length - 1;

  describe.each(WAYS_IN)('$name', ({ send, recordsFixEvent }) => {
    it('a non-admin: nothing recorded of the server; the reply says so once and names the admin', async () => {
      const server = freshServer('nobody');
      const reply = await send(t, NOBODY, server);
      await t.idle();
      const row = t.store.server(server);
      expect(row?.dllVersion ?? null).toBeNull();
      expect(row?.fixEventAt ?? null).toBeNull();
      expect(occurrences(reply.shown, NOT_RECORDED)).toBe(1);
      expect(reply.shown).toContain(`<@${ADMIN}>`);
      expect(reply.shown).toContain(`DLL ${DLL}`);
      if (recordsFixEvent) expect(reply.shown).toContain('the fix event (MsiInstaller 1022)');
      // The reply does not claim what was not recorded.
      expect(reply.header).not.toMatch(/fixed/);
      expect(reply.text).not.toMatch(/^(KB954960|wsus-auth-\d+-nobody): fixed/);
      expect(reply.shown).not.toContain(`*${server}* — fixed`);
      for (const entry of t.store.history({ server })) {
        expect(entry.userId).toBe(NOBODY);
        expect(entry.serverState).not.toBe('fixed');
      }
    });

    it('an admin: the DLL version (and the fix event) are recorded; no "not recorded"', async () => {
      const server = freshServer('admin');
      const reply = await send(t, ADMIN, server);
      await t.idle();
      const row = t.store.server(server);
      expect(row?.dllVersion).toBe(DLL);
      if (recordsFixEvent) expect(row?.fixEventAt).toEqual(expect.any(String));
      expect(reply.shown).not.toContain(NOT_RECORDED);
      expect(reply.text).toMatch(/^(KB954960|wsus-auth-\d+-admin): fixed/);
    });
  });

  it('a non-admin\'s failure paste is recorded as evidence: the diagnosis and the last-affected time', async () => {
    const server = freshServer('failure');
    const channel = freshChannel();
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user: NOBODY, text: clientExampleOn(server) }));
    const reply = await postedIn(t, channel);
    await t.idle();
    expect(reply.header).toMatch(/^KB954960: affected/);
    expect(reply.shown).not.toContain(NOT_RECORDED); // nothing was dropped: no sentence about it
    expect(t.store.server(server)?.lastAffectedAt).toEqual(expect.any(String));
    expect(t.store.history({ server })).toEqual([expect.objectContaining({ verdict: 'affected', userId: NOBODY, origin: 'message' })]);
  });

  it('a non-admin\'s failure with the fixed DLL next to it: the failure is recorded, the DLL is not', async () => {
    const server = freshServer('mixed');
    const reply = await slash(t, NOBODY, `check ${clientExampleOn(server)}\n${DLL_LINE}`);
    expect(reply.header).toMatch(/^KB954960: affected/);
    expect(occurrences(reply.shown, NOT_RECORDED)).toBe(1);
    const row = t.store.server(server);
    expect(row?.lastAffectedAt).toEqual(expect.any(String));
    expect(row?.dllVersion ?? null).toBeNull();
  });

  it('in Japanese: the sentence is Japanese', async () => {
    const server = freshServer('ja');
    const reply = await slash(t, NOBODY, `check 修正後のバージョンです\n${facts(server)}`);
    expect(reply.shown).toContain('記録していません');
    expect(reply.shown).toContain(`<@${ADMIN}>`);
    expect(reply.shown).not.toContain(NOT_RECORDED);
    expect(t.store.server(server)?.dllVersion ?? null).toBeNull();
  });
});

describe('ADMIN_USER_IDS empty: everyone is an admin', () => {
  it('anyone\'s paste records the DLL version and the fix event', async () => {
    const t = await startTestBot();
    try {
      const channel = freshChannel();
      await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user: NOBODY, text: facts('wsus-auth-open') }));
      const reply = await postedIn(t, channel);
      await t.idle();
      expect(reply.header).toMatch(/^KB954960: fixed/);
      expect(reply.shown).not.toContain(NOT_RECORDED);
      expect(t.store.server('wsus-auth-open')).toMatchObject({ dllVersion: DLL, fixEventAt: expect.any(String) });
    } finally {
      await t.close();
    }
  });
});
