// The fleet view tells the truth: what the bot remembers of a server (the server view, App Home, status) agrees with
// what its replies say, because one rule decides a server's state from its dated facts — a failure counts from its
// log lines' own time, the fix's install event from its own date. Real Bolt app, real signed HTTP, fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_SECRET, handleBaseline, pasteAnswered, startTestBot, type TestBot } from './support/bot.js';
import { buttonsIn, visibleText } from './support/block-kit.js';
import { ACTION_IDS } from '../src/render/action-ids.js';
import { fixture, serverLogLine } from './support/fixtures.js';
import { appHomeOpened, blockAction, postEvent, postInteraction, postSlashCommand, slashCommand, type RecordedCall } from './support/index.js';

const ADMIN = 'UADMIN';
const COLLEAGUE = 'UCOLLEAGUE';
/** A client log from 2008 whose failing sync is against wsus41. */
const OLD_LOG = fixture('client-affected.log')
  .toString('utf8')
  .replace(/wsusebc/g, 'wsus41');

/** The server's side of a KB954960 failure: its fault ID (`ID=`) and the server it happened on. */
/** A client fragment: 0x8024400E with the fault's `ID:` but without InternalServerError(5) — on its own, `possible`. */
const clientFragment = (id: string, server?: string) =>
  [
    ...(server ? [`PT    + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = http://${server}/ClientWebService/client.asmx`] : []),
    'PT  WARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200',
    `PT  WARNING:     ID:${id}`,
  ].join('\n');

let channelSeq = 0;
const freshChannel = () => `C${String(++channelSeq).padStart(6, '0')}TRUTH`;

let leftovers: () => Promise<string[]>;
beforeAll(() => {
  leftovers = handleBaseline();
});
afterAll(async () => {
  expect(await leftovers()).toEqual([]);
});

describe('the fleet view tells the truth (ADMIN_USER_IDS=UADMIN)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { ADMIN_USER_IDS: ADMIN } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const shown = (c: RecordedCall) => visibleText(c.body.blocks);

  const paste = (channel: string, text: string, extra: { user?: string; thread_ts?: string } = {}) =>
    pasteAnswered(t, channel, text, { user: extra.user ?? ADMIN, thread_ts: extra.thread_ts });

  async function slash(text: string, user = ADMIN): Promise<string> {
    const responseUrl = t.fake.responseUrl();
    expect((await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text, user_id: user, response_url: responseUrl }))).status).toBe(200);
    const call = await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
    return call.body.blocks ? visibleText(call.body.blocks) : String(call.body.text);
  }

  async function home(user: string): Promise<string> {
    expect((await postEvent(t.events, SIGNING_SECRET, appHomeOpened({ user }))).status).toBe(200);
    const call = await t.fake.waitFor('views.publish', (c) => c.body.user_id === user);
    return visibleText((call.body.view as { blocks: unknown[] }).blocks);
  }

  it('an old log pasted again after the fix: the reply, the server view, App Home and status all say fixed', async () => {
    const channel = freshChannel();
    const root = await paste(channel, OLD_LOG);
    expect(shown(root.reply)).toContain('*wsus41*');
    // The admin verifies on the server: the fixed DLL, recorded in the thread.
    await paste(channel, 'KB954960-CHECK computer=WSUS41 dll=3.1.6001.66', { thread_ts: root.ts });
    expect((await t.storage.servers.facts('wsus41'))?.dllVersion).toBe('3.1.6001.66');

    // A colleague pastes the same 2008 log again.
    const again = await paste(freshChannel(), OLD_LOG, { user: COLLEAGUE });
    expect(shown(again.reply)).toMatch(/predate the fix/);

    // The failure is recorded at its own time (2008), not at the paste's.
    expect((await t.storage.servers.facts('wsus41'))?.lastAffectedAt).toMatch(/^2008-08-12T/);
    const server = await slash('server wsus41');
    expect(server).toContain(':large_green_circle: *fixed*');
    expect(server).not.toContain('signature seen, not fixed since');
    expect(server).toMatch(/Last KB954960 failure \(before the fix\) — [^\n]*2008-08-12/);
    const status = await slash('status');
    expect(status).not.toMatch(/1 affected/);
    expect(status).not.toMatch(/install KB954960/i);
    const homeView = await home('UHOMEVIEWER');
    expect(homeView).toMatch(/wsus41\* — fixed/);
    expect(homeView).not.toMatch(/wsus41\*[^\n]*signature seen/);
  });

  it('a failure newer than the fix still reopens the server', async () => {
    const channel = freshChannel();
    await paste(channel, 'KB954960-CHECK computer=WSUS42 dll=3.1.6001.66');
    // The same failure, logged after the fix was recorded (2027: after the test clock's now).
    const newer = OLD_LOG.replace(/wsus41/g, 'wsus42').replace(/^2008-08-12/gm, '2027-01-05');
    const { reply } = await paste(channel, newer);
    expect(shown(reply)).not.toMatch(/predate the fix/);
    expect(await slash('server wsus42')).toContain('signature seen, not fixed since');
  });

  it('event 1022 counts from its own date: the server view shows that date, and a log from before it is history', async () => {
    const channel = freshChannel();
    await paste(channel, 'KB954960-CHECK computer=WSUS43 event1022=present 2008-08-13');
    // The fix's own date, not the paste's.
    expect((await t.storage.servers.facts('wsus43'))?.fixEventAt).toBe('2008-08-13T00:00:00.000Z');
    const view = await slash('server wsus43');
    expect(view).toMatch(/MsiInstaller event 1022[^\n]*2008-08-13/);
    // The 2008-08-12 failures predate the fix installed on 2008-08-13.
    const { reply } = await paste(channel, OLD_LOG.replace(/wsus41/g, 'wsus43'), { user: COLLEAGUE });
    expect(shown(reply)).toMatch(/predate the fix/);
    expect(await slash('server wsus43')).not.toContain('signature seen, not fixed since');
  });

  it('event 1022 pasted from the Event Viewer counts from the date on its line, in either language', async () => {
    const channel = freshChannel();
    await paste(
      channel,
      "on wsus46: 1022       8/13/2008 10:12:33 AM   Product: Windows Server Update Services 3.0 SP1 - Update 'Update for Windows Server Update Services 3.0 SP1 (KB954960)' installed successfully.",
    );
    expect((await t.storage.servers.facts('wsus46'))?.fixEventAt).toBe('2008-08-13T10:12:33.000Z');
    await paste(
      channel,
      "on wsus47: 情報  2008/08/13 22:12:33  MsiInstaller  1022  なし  製品: Microsoft Windows Server Update Services 3.0 SP1 -- 更新プログラム 'KB954960' が正常にインストールされました。",
    );
    expect((await t.storage.servers.facts('wsus47'))?.fixEventAt).toBe('2008-08-13T22:12:33.000Z');
  });

  it('a thread paste that changes the server (RTM → SP1) is answered in full, not "Same as above"', async () => {
    const channel = freshChannel();
    const root = await paste(channel, 'KB954960-CHECK computer=WSUS44 wsus=3.0.6000.374');
    const sp1 = await paste(channel, 'KB954960-CHECK computer=WSUS44 wsus=3.1.6001.65', { thread_ts: root.ts });
    expect(shown(sp1.reply)).not.toContain('Nothing new');
    // The same paste again is a repeat.
    const repeat = await paste(channel, 'KB954960-CHECK computer=WSUS44 wsus=3.1.6001.65', { thread_ts: root.ts });
    expect(shown(repeat.reply)).toContain('Nothing new');
  });

  it('dll=absent on an SP1 server says the DLL was not found where the check looked', async () => {
    const channel = freshChannel();
    const root = await paste(channel, 'KB954960-CHECK computer=WSUS45 wsus=3.1.6001.65');
    const absent = await paste(channel, 'KB954960-CHECK computer=WSUS45 dll=absent', { thread_ts: root.ts });
    expect(shown(absent.reply)).toContain('The client web service DLL was not found where the check looked');
    expect(shown(absent.reply)).toContain('run the check on the WSUS server.');
    expect(shown(absent.reply)).not.toContain('Nothing new');
  });

  describe('one failure, one record (fault IDs)', () => {
    const newDetections = (status: string, server: string) => status.match(new RegExp(`\\*${server}\\* — (\\d+) detection`))?.[1];

    it('server log first, then a client fragment with the same ID: affected, with the install step, counted once', async () => {
      const id = '21000000-0000-4000-8000-000000000021';
      await paste(freshChannel(), serverLogLine('wsus21', id));
      const { reply } = await paste(freshChannel(), clientFragment(id));
      const text = shown(reply);
      expect(text).toContain('KB954960: affected');
      expect(text).toContain("carries the fault ID of the server's ThrowException");
      expect(text).toContain('*wsus21*');
      expect(text).toMatch(/install KB954960/i);
      expect(text).not.toContain("Look in the server's");
      expect(text).toContain('this confirms');
      expect((await t.storage.history.list({ server: 'wsus21' })).map((h) => h.verdict)).toEqual(['affected', 'affected']);
      expect(newDetections(await slash('status'), 'wsus21')).toBe('1');
    });

    it('client fragment first, then the server log: the fragment becomes affected, and the pair counts once', async () => {
      const id = '22000000-0000-4000-8000-000000000022';
      const first = await paste(freshChannel(), clientFragment(id));
      expect(shown(first.reply)).toContain('KB954960: possible');
      await paste(freshChannel(), serverLogLine('wsus22', id));
      expect((await t.storage.history.list({ server: 'wsus22' })).map((h) => h.verdict)).toEqual(['affected', 'affected']);
      expect(newDetections(await slash('status'), 'wsus22')).toBe('1');
    });

    it('the same ID under two server names is a conflict: asked, not joined; only an admin can say they are one server', async () => {
      const id = '23000000-0000-4000-8000-000000000023';
      await paste(freshChannel(), serverLogLine('wsus02', id));
      const channel = freshChannel();
      const { ts, reply } = await paste(channel, clientFragment(id, 'wsus01'));
      const text = shown(reply);
      expect(text).toContain('*Conflict:* fault ID');
      expect(text).toContain('*wsus02*');
      expect(text).toContain('this paste names *wsus01*');
      expect(text).not.toContain('this confirms');
      expect((await t.storage.history.list({ server: 'wsus01' })).map((h) => h.verdict)).toEqual(['possible']);

      const button = buttonsIn(reply.body.blocks).find((b) => b.element.action_id === ACTION_IDS.sameServer)!.element;
      expect((button.text as { text: string }).text).toBe('wsus01 and wsus02 are one server');
      const replyTs = (await t.storage.history.list({ limit: 1000 })).find((h) => h.channelId === channel && h.messageTs === ts)!.replyTs!;
      const click = (user: string) =>
        postInteraction(
          t.events,
          SIGNING_SECRET,
          blockAction({
            action_id: String(button.action_id),
            user,
            element: button,
            container: { type: 'message', channel, message_ts: replyTs, blocks: reply.body.blocks as unknown[] },
          }),
        );

      expect((await click(COLLEAGUE)).status).toBe(200);
      const refused = await t.fake.waitFor('chat.postEphemeral', (c) => c.body.user === COLLEAGUE && c.body.channel === channel);
      expect(String(refused.body.text)).toBe(`Nothing was recorded: only the admins (ADMIN_USER_IDS) can say that two names are one server — ask <@${ADMIN}>.`);
      await t.idle();
      expect(await t.storage.servers.resolve('wsus01')).toMatchObject({ kind: 'known', name: 'wsus01' });

      expect((await click(ADMIN)).status).toBe(200);
      const updated = await t.fake.waitFor('chat.update', (c) => c.body.channel === channel && c.body.ts === replyTs);
      expect(visibleText(updated.body.blocks)).toContain(`Recorded by <@${ADMIN}>: wsus01 is another name of *wsus02*.`);
      expect(buttonsIn(updated.body.blocks).some((b) => b.element.action_id === ACTION_IDS.sameServer)).toBe(false);
      expect(await t.storage.servers.resolve('wsus01')).toMatchObject({ kind: 'known', name: 'wsus02' });
      expect((await t.storage.servers.list()).map((s) => s.name)).not.toContain('wsus01');
      expect((await t.storage.history.list({ server: 'wsus02' })).map((h) => h.verdict)).toEqual(['affected', 'affected']);
      expect(newDetections(await slash('status'), 'wsus02')).toBe('1');
    });

    it("client first, server log second under another name: also a conflict; the server log's own name is kept", async () => {
      const id = '24000000-0000-4000-8000-000000000024';
      await paste(freshChannel(), clientFragment(id, 'wsus11'));
      const channel = freshChannel();
      const { ts, reply } = await paste(channel, serverLogLine('wsus12', id));
      expect(shown(reply)).toContain('*Conflict:* fault ID');
      expect(shown(reply)).not.toContain('this confirms');
      const button = buttonsIn(reply.body.blocks).find((b) => b.element.action_id === ACTION_IDS.sameServer)!.element;
      const replyTs = (await t.storage.history.list({ limit: 1000 })).find((h) => h.channelId === channel && h.messageTs === ts)!.replyTs!;
      await postInteraction(
        t.events,
        SIGNING_SECRET,
        blockAction({
          action_id: String(button.action_id),
          user: ADMIN,
          element: button,
          container: { type: 'message', channel, message_ts: replyTs, blocks: reply.body.blocks as unknown[] },
        }),
      );
      const updated = await t.fake.waitFor('chat.update', (c) => c.body.channel === channel && c.body.ts === replyTs);
      expect(visibleText(updated.body.blocks)).toContain('wsus11 is another name of *wsus12*.');
      expect(await t.storage.servers.resolve('wsus11')).toMatchObject({ kind: 'known', name: 'wsus12' });
      expect((await t.storage.history.list({ server: 'wsus12' })).map((h) => h.verdict)).toEqual(['affected', 'affected']);
      expect(newDetections(await slash('status'), 'wsus12')).toBe('1');
    });
  });
});
