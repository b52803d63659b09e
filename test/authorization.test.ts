// The authorization matrix: with ADMIN_USER_IDS set, anyone may report a failure, but only an admin's
// input records a server's versions and fix events — on every way in. Real Bolt app, real signed HTTP, fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, handleBaseline, startTestBot, type TestBot } from './support/bot.js';
import { visibleText } from './support/block-kit.js';
import { clientExampleOn, KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import {
  eventCallback,
  messageEvent,
  messageShortcut,
  postEvent,
  postInteraction,
  postSlashCommand,
  slackTs,
  slashCommand,
  viewSubmission,
} from './support/index.js';

const ADMIN = 'UADMIN';
const NOBODY = 'UNOBODY';
const DLL = '3.1.6001.66';
const DLL_LINE = `Microsoft.UpdateServices.WebServices.Client.dll ${DLL}`;
const FIX_EVENT_LINE =
  "MsiInstaller 1022 08/13/2008 10:12:33 Product: Microsoft Windows Server Update Services 3.0 SP1 - Update 'KB954960' installed successfully.";
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
      const res = await postInteraction(
        t.events,
        SIGNING_SECRET,
        viewSubmission({ callback_id: 'kb954960_check', user, values, private_metadata: JSON.stringify({ channel_id: channel }) }),
      );
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
    name: 'mention',
    recordsFixEvent: true,
    send: async (t, user, server) => {
      const channel = freshChannel();
      const ts = slackTs();
      const mention = eventCallback({ type: 'app_mention', user, text: `<@UBOT> ${facts(server)}`, ts, event_ts: ts, channel, team: 'T1' });
      expect((await postEvent(t.events, SIGNING_SECRET, mention)).status).toBe(200);
      return postedIn(t, channel);
    },
  },
  {
    // A message that said nothing, edited to hold the output: the edit is read as the author's.
    name: 'edited message',
    recordsFixEvent: true,
    send: async (t, user, server) => {
      const channel = freshChannel();
      const ts = slackTs();
      expect((await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user, text: 'one moment', ts }))).status).toBe(200);
      const edit = messageEvent({
        channel,
        subtype: 'message_changed',
        text: '',
        user: undefined,
        message: { type: 'message', user, text: facts(server), ts, edited: { user, ts: slackTs() } },
        previous_message: { type: 'message', user, text: 'one moment', ts },
      });
      expect((await postEvent(t.events, SIGNING_SECRET, edit)).status).toBe(200);
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

describe("ADMIN_USER_IDS=UADMIN: who may record a server's facts, way in by way in", () => {
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
      const row = await t.storage.servers.facts(server);
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
      for (const entry of await t.storage.history.list({ server })) {
        expect(entry.userId).toBe(NOBODY);
        expect(entry.serverState).not.toBe('fixed');
      }
    });

    it("a non-admin naming another domain's FQDN of an admin's server: filed as itself, no alias; the admin's FQDN still reaches it", async () => {
      const server = freshServer('named');
      await slash(t, ADMIN, `server ${server} dll ${DLL}`);
      await send(t, NOBODY, `${server}.evil.example`);
      await t.idle();
      expect(await t.storage.servers.aliasesOf(server)).toEqual([]);
      expect((await t.storage.history.list({ server })).filter((h) => h.userId === NOBODY)).toEqual([]);
      await slash(t, ADMIN, `server ${server}.corp.example dll 3.1.6001.65`);
      expect(await t.storage.servers.facts(server)).toMatchObject({ name: server, dllVersion: '3.1.6001.65' });
      expect(await t.storage.servers.aliasesOf(server)).toEqual([`${server}.corp.example`]);
    });

    it('an admin: the DLL version (and the fix event) are recorded; no "not recorded"', async () => {
      const server = freshServer('admin');
      const reply = await send(t, ADMIN, server);
      await t.idle();
      const row = await t.storage.servers.facts(server);
      expect(row?.dllVersion).toBe(DLL);
      if (recordsFixEvent) expect(row?.fixEventAt).toEqual(expect.any(String));
      expect(reply.shown).not.toContain(NOT_RECORDED);
      expect(reply.text).toMatch(/^(KB954960|wsus-auth-\d+-admin): fixed/);
    });
  });

  it("a non-admin's failure paste is recorded as evidence: the diagnosis and the last-affected time", async () => {
    const server = freshServer('failure');
    const channel = freshChannel();
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user: NOBODY, text: clientExampleOn(server) }));
    const reply = await postedIn(t, channel);
    await t.idle();
    expect(reply.header).toMatch(/^KB954960: affected/);
    expect(reply.shown).not.toContain(NOT_RECORDED); // nothing was dropped: no sentence about it
    expect((await t.storage.servers.facts(server))?.lastAffectedAt).toEqual(expect.any(String));
    expect(await t.storage.history.list({ server })).toEqual([expect.objectContaining({ verdict: 'affected', userId: NOBODY, origin: 'message' })]);
  });

  it("a non-admin's failure with the fixed DLL next to it: the failure is recorded, the DLL is not", async () => {
    const server = freshServer('mixed');
    const reply = await slash(t, NOBODY, `check ${clientExampleOn(server)}\n${DLL_LINE}`);
    expect(reply.header).toMatch(/^KB954960: affected/);
    expect(occurrences(reply.shown, NOT_RECORDED)).toBe(1);
    const row = await t.storage.servers.facts(server);
    expect(row?.lastAffectedAt).toEqual(expect.any(String));
    expect(row?.dllVersion ?? null).toBeNull();
  });

  it('in Japanese: the sentence is Japanese', async () => {
    const server = freshServer('ja');
    const reply = await slash(t, NOBODY, `check 修正後のバージョンです\n${facts(server)}`);
    expect(reply.shown).toContain('記録していません');
    expect(reply.shown).toContain(`<@${ADMIN}>`);
    expect(reply.shown).not.toContain(NOT_RECORDED);
    expect((await t.storage.servers.facts(server))?.dllVersion ?? null).toBeNull();
  });
});

describe('ADMIN_USER_IDS=UADMIN: only admins shape identities (aliases, re-attribution by fault ID or thread)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { ADMIN_USER_IDS: ADMIN } });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A message in a channel (or a thread), and the bot's answer to it; null when it stays silent. */
  async function paste(channel: string, user: string, text: string, threadTs?: string): Promise<{ ts: string; reply: Reply | null }> {
    const ts = slackTs();
    const before = t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel).length;
    expect((await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user, text, ts, ...(threadTs ? { thread_ts: threadTs } : {}) }))).status).toBe(
      200,
    );
    await t.idle();
    const posts = t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
    return { ts, reply: posts.length > before ? replyOf(posts.at(-1)!.body) : null };
  }
  const withId = (text: string, id: string) => text.replace(/c0a7445f-b989-43fa-ac20-11f8ca65fa8c/g, id);
  /** A server's log line for a failure whose actor is a placeholder, as copied from a KB page: it names no server. */
  const serverLineNamingNoServer = (id: string) =>
    `2008-08-12 00:15:41.187 UTC\tError\tw3wp.7\tSoapUtilities.CreateException\tThrowException: actor = http://<WSUS server>/ClientWebService/client.asmx, ID=${id}, ErrorCode=InternalServerError, Message=, Client=?`;
  const OLD_DLL = '3.1.6001.65';

  it("alias: a non-admin's FQDN is filed as itself, and the admin's FQDN still reaches the admin's server", async () => {
    expect((await slash(t, ADMIN, `server wsus03 dll ${DLL}`)).text).toMatch(/^wsus03: fixed/);
    // A colleague who is no admin pastes a client log whose server URL is another domain's wsus03.
    const evil = await paste(freshChannel(), NOBODY, clientExampleOn('wsus03.evil.example'));
    expect(evil.reply?.shown).toContain('*wsus03.evil.example*');
    expect(await t.storage.servers.aliasesOf('wsus03')).toEqual([]);
    expect(await t.storage.history.list({ server: 'wsus03.evil.example' })).toEqual([
      expect.objectContaining({ server: 'wsus03.evil.example', userId: NOBODY }),
    ]);
    expect(await t.storage.history.list({ server: 'wsus03' })).toEqual([]);
    // The admin's verification output under the corporate FQDN is the admin's wsus03: its old DLL is recorded there.
    const check = await paste(freshChannel(), ADMIN, `KB954960-CHECK computer=wsus03.corp.example dll=${OLD_DLL}`);
    expect(check.reply?.shown).toContain('*wsus03.corp.example* — SP1, fix not verified');
    expect(await t.storage.servers.facts('wsus03')).toMatchObject({ name: 'wsus03', dllVersion: OLD_DLL });
    expect(await t.storage.servers.aliasesOf('wsus03')).toEqual(['wsus03.corp.example']);
    expect((await t.storage.servers.list()).map((s) => s.name).filter((n) => n.startsWith('wsus03'))).toEqual(['wsus03', 'wsus03.evil.example']);
    expect((await slash(t, ADMIN, 'server wsus03')).text).not.toMatch(/^wsus03: fixed/);
  });

  it("alias: a non-admin's short name reaches the one FQDN admins use, without making an alias", async () => {
    await slash(t, ADMIN, `server wsus04.corp.example dll ${DLL}`);
    const r = await paste(freshChannel(), NOBODY, clientExampleOn('wsus04'));
    expect(r.reply?.shown).toContain('*wsus04* — fixed'); // what is known of wsus04.corp.example
    expect(await t.storage.history.list({ server: 'wsus04.corp.example' })).toEqual([
      expect.objectContaining({ server: 'wsus04.corp.example', userId: NOBODY }),
    ]);
    expect(await t.storage.servers.aliasesOf('wsus04.corp.example')).toEqual([]);
  });

  it("re-attribution by fault ID: a non-admin's client paste does not move the admin's unattributed output; the admin's answer records it", async () => {
    const id = '5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
    const channel = freshChannel();
    const root = await paste(channel, ADMIN, [serverLineNamingNoServer(id), `Microsoft.UpdateServices.WebServices.Client.dll ${OLD_DLL}`].join('\n'));
    expect(root.reply?.shown).toContain('Which server is this output from?');
    const other = await paste(freshChannel(), NOBODY, withId(clientExampleOn('wsus-elsewhere'), id));
    expect(other.reply?.shown).toContain('*wsus-elsewhere*');
    expect(await t.storage.history.list({ server: 'wsus-elsewhere' })).toEqual([expect.objectContaining({ userId: NOBODY })]); // the admin's is not there
    const answer = await paste(channel, ADMIN, 'wsus21', root.ts);
    expect(answer.reply?.shown).toContain('Recorded for *wsus21*');
    expect(await t.storage.servers.facts('wsus21')).toMatchObject({ dllVersion: OLD_DLL });
    expect(await t.storage.history.list({ server: 'wsus21' })).toEqual([expect.objectContaining({ userId: ADMIN })]);
  });

  it("re-attribution by fault ID: an admin's client paste gives the admin's unattributed output its server", async () => {
    const id = '6f2a1b3c-4d5e-4f60-9b8c-1d2e3f4a5b6c';
    const root = await paste(freshChannel(), ADMIN, serverLineNamingNoServer(id));
    expect((await t.storage.history.list({ limit: 1000 })).find((h) => h.messageTs === root.ts)?.server).toBeNull();
    await paste(freshChannel(), ADMIN, withId(clientExampleOn('wsus22'), id));
    expect(await t.storage.history.list({ server: 'wsus22' })).toHaveLength(2);
  });

  it("re-attribution by thread: an admin's output in a thread a non-admin named is not placed under that name", async () => {
    const channel = freshChannel();
    const root = await paste(channel, NOBODY, clientExampleOn('wsus23'));
    expect(root.reply?.shown).toContain('*wsus23*');
    const verified = await paste(channel, ADMIN, `${DLL_LINE}\n${FIX_EVENT_LINE}`, root.ts);
    expect(verified.reply?.shown).toContain('Which server is this output from?');
    expect((await t.storage.servers.facts('wsus23'))?.dllVersion ?? null).toBeNull();
    expect((await t.storage.servers.facts('wsus23'))?.fixEventAt ?? null).toBeNull();
    // The admin says which: recorded there.
    const answer = await paste(channel, ADMIN, 'wsus23', root.ts);
    expect(answer.reply?.shown).toContain('Recorded for *wsus23*');
    expect(await t.storage.servers.facts('wsus23')).toMatchObject({ dllVersion: DLL, fixEventAt: expect.any(String) });
  });

  it("re-attribution by thread: in an admin's thread, anyone's output counts for its server (evidence only)", async () => {
    const channel = freshChannel();
    const root = await paste(channel, ADMIN, clientExampleOn('wsus24'));
    const more = await paste(
      channel,
      NOBODY,
      withId(
        KB_CLIENT_EXAMPLE.split('\n')
          .filter((l) => !l.includes('Server URL'))
          .join('\n'),
        '7a3b2c4d-5e6f-4a70-8c9d-2e3f4a5b6c7d',
      ),
      root.ts,
    );
    expect(more.reply?.shown).toContain('*wsus24*');
    expect((await t.storage.history.list({ server: 'wsus24' })).map((h) => h.userId).sort()).toEqual([ADMIN, NOBODY]);
  });
});

describe('ADMIN_USER_IDS empty: everyone is an admin', () => {
  it("anyone's paste records the DLL version and the fix event", async () => {
    const t = await startTestBot();
    try {
      const channel = freshChannel();
      await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user: NOBODY, text: facts('wsus-auth-open') }));
      const reply = await postedIn(t, channel);
      await t.idle();
      expect(reply.header).toMatch(/^KB954960: fixed/);
      expect(reply.shown).not.toContain(NOT_RECORDED);
      expect(await t.storage.servers.facts('wsus-auth-open')).toMatchObject({ dllVersion: DLL, fixEventAt: expect.any(String) });
    } finally {
      await t.close();
    }
  });
});

describe('ADMIN_USER_IDS empty: never silent about it', () => {
  it('one warning at start, and /kb954960 help says everyone can change server facts and how to restrict it (en, ja)', async () => {
    const t = await startTestBot();
    try {
      const warnings = t.logs.filter((l) => l.level === 40 && String(l.msg).includes('ADMIN_USER_IDS is empty'));
      expect(warnings).toHaveLength(1);
      const help = await slash(t, NOBODY, 'help');
      expect(help.shown).toContain('Everyone here can change server facts');
      expect(help.shown).toContain('set `ADMIN_USER_IDS` to their Slack member IDs');
      await slash(t, NOBODY, 'lang ja');
      const ja = await slash(t, NOBODY, 'help');
      expect(ja.shown).toContain('全員がサーバーの記録');
      expect(ja.shown).toContain('`ADMIN_USER_IDS` に管理者の Slack メンバー ID');
    } finally {
      await t.close();
    }
  });

  it('with ADMIN_USER_IDS set: no warning, and help does not say it', async () => {
    const t = await startTestBot({ env: { ADMIN_USER_IDS: ADMIN } });
    try {
      expect(t.logs.filter((l) => String(l.msg).includes('ADMIN_USER_IDS is empty'))).toEqual([]);
      for (const user of [ADMIN, NOBODY]) expect((await slash(t, user, 'help')).shown).not.toContain('Everyone here can change');
    } finally {
      await t.close();
    }
  });
});

describe("workspace: only the installation's own team and app reach the bot", () => {
  const FOREIGN_TEAM = 'T0EVIL';
  const FOREIGN_APP = 'A0EVIL';
  /** Ignored: logged at warn with the ids only, never a secret or the paste. */
  const expectIgnoredLog = (t: TestBot, id: string) => {
    const line = t.rawLogs.find((l) => l.includes('ignored a request from another workspace or app') && l.includes(id));
    expect(line).toBeDefined();
    expect(JSON.parse(line!).level).toBe(40);
    for (const secret of [SIGNING_SECRET, BOT_TOKEN, APP_TOKEN, 'legacy-verification-token', 'SyncUpdates failure']) expect(line).not.toContain(secret);
  };

  describe('HTTP mode (ADMIN_USER_IDS=UADMIN)', () => {
    let t: TestBot;
    beforeAll(async () => {
      t = await startTestBot({ env: { ADMIN_USER_IDS: ADMIN } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it("a paste and an admin's facts from team T0EVIL, signed with our secret: acked, nothing answered or recorded", async () => {
      const channel = freshChannel();
      const foreign = [
        messageEvent({ channel, user: NOBODY, team: FOREIGN_TEAM, text: clientExampleOn('wsus-ws-evil') }),
        messageEvent({ channel, user: ADMIN, team: FOREIGN_TEAM, text: facts('wsus-ws-evil') }),
      ];
      for (const body of foreign) expect((await postEvent(t.events, SIGNING_SECRET, body)).status).toBe(200);
      // Our own workspace's paste, sent after them, is answered: the foreign ones had their turn and said nothing.
      await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user: NOBODY, text: clientExampleOn('wsus-ws-own') }));
      const own = await postedIn(t, channel);
      await t.idle();
      expect(own.shown).toContain('*wsus-ws-own*');
      expect(t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel)).toHaveLength(1);
      expect(await t.storage.servers.facts('wsus-ws-evil')).toBeNull();
      expect(await t.storage.history.list({ server: 'wsus-ws-evil' })).toEqual([]);
      expectIgnoredLog(t, FOREIGN_TEAM);
    });

    it('a slash command and a message shortcut from team T0EVIL: acked with nothing, nothing recorded', async () => {
      const channel = freshChannel();
      const responseUrl = t.fake.responseUrl();
      const command = slashCommand({
        text: `server wsus-ws-cmd dll ${DLL}`,
        user_id: ADMIN,
        team_id: FOREIGN_TEAM,
        channel_id: channel,
        response_url: responseUrl,
      });
      const res = await postSlashCommand(t.events, SIGNING_SECRET, command);
      expect(res.status).toBe(200);
      expect(res.body).toBe('');
      const shortcut = {
        ...messageShortcut({ callback_id: 'kb954960_diagnose', user: ADMIN, channel, message: { text: facts('wsus-ws-cmd'), ts: slackTs(), user: ADMIN } }),
        team: { id: FOREIGN_TEAM, domain: 'evil' },
        user: { id: ADMIN, username: 'user', name: 'user', team_id: FOREIGN_TEAM },
      };
      expect((await postInteraction(t.events, SIGNING_SECRET, shortcut)).status).toBe(200);
      // The same command from our workspace is answered.
      expect((await slash(t, NOBODY, 'server wsus-ws-cmd')).text).toContain('Nothing is known of wsus-ws-cmd');
      await t.idle();
      expect(t.fake.callsTo('response_url').filter((c) => c.path === new URL(responseUrl).pathname)).toEqual([]);
      expect(t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel)).toEqual([]);
      expect(await t.storage.servers.facts('wsus-ws-cmd')).toBeNull();
    });
  });

  describe('Socket Mode (ADMIN_USER_IDS=UADMIN)', () => {
    let t: TestBot;
    beforeAll(async () => {
      t = await startTestBot({ socketMode: true, env: { ADMIN_USER_IDS: ADMIN } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('an event for another app (api_app_id A0EVIL) or from team T0EVIL: acked, nothing answered or recorded', async () => {
      const socket = t.fake.socket!;
      const channel = freshChannel();
      const otherApp = { ...messageEvent({ channel, user: ADMIN, text: facts('wsus-ws-sock') }), api_app_id: FOREIGN_APP };
      const otherTeam = messageEvent({ channel, user: ADMIN, team: FOREIGN_TEAM, text: facts('wsus-ws-sock') });
      for (const body of [otherApp, otherTeam]) await socket.waitForAck(await socket.sendEvent(body));
      const command = slashCommand({
        text: `server wsus-ws-sock dll ${DLL}`,
        user_id: ADMIN,
        team_id: FOREIGN_TEAM,
        api_app_id: FOREIGN_APP,
        channel_id: channel,
      });
      await socket.waitForAck(await socket.sendSlashCommand(command));
      await socket.waitForAck(await socket.sendEvent(messageEvent({ channel, user: NOBODY, text: clientExampleOn('wsus-ws-sock-own') })));
      const own = await postedIn(t, channel);
      await t.idle();
      expect(own.shown).toContain('*wsus-ws-sock-own*');
      expect(t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel)).toHaveLength(1);
      expect(await t.storage.servers.facts('wsus-ws-sock')).toBeNull();
      expectIgnoredLog(t, FOREIGN_APP);
      expectIgnoredLog(t, FOREIGN_TEAM);
    });
  });
});
