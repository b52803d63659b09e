// Every failure counts: a known problem or a failure code is recorded for the server it names, whichever way it came
// in, and shown where the server is shown. Input whose facts were refused records only the failure it holds. Real Bolt
// app, real signed HTTP, fake Slack, real storage (SQLite, or PostgreSQL on the second pass).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv } from './support/clock.js';
import { PROBLEM_PACKS } from '../src/detect/problems/index.js';
import { SIGNING_SECRET, handleBaseline, startTestBot, type TestBot } from './support/bot.js';
import { visibleText } from './support/block-kit.js';
import {
  appHomeOpened,
  messageEvent,
  messageShortcut,
  postEvent,
  postInteraction,
  postSlashCommand,
  slackTs,
  slashCommand,
  viewSubmission,
} from './support/index.js';
import { databaseEnvFor } from './support/storage.js';

const ADMIN = 'UADMIN';
const NOBODY = 'UNOBODY';
const APP_POOL_503 = PROBLEM_PACKS.find((p) => p.id === 'wsus-app-pool-503')!.examples.present[0]!;
/** A client log naming its WSUS server, then the lines that fail. */
const clientLog = (server: string, lines: string) => `2024-05-30\t10:02:10:000\t 912\t1a2c\tMisc\tWSUS server: http://${server}\n${lines}`;

let channelSeq = 0;
const freshChannel = (dm = false) => `${dm ? 'D' : 'C'}${String(++channelSeq).padStart(6, '0')}FAIL`;
let serverSeq = 0;
const freshServer = () => `wsus-fail-${++serverSeq}`;

function shownOf(body: Record<string, unknown>): string {
  const blocks = body.blocks as { type: string }[] | undefined;
  return blocks ? visibleText(blocks as never) : String(body.text);
}

async function slash(t: TestBot, user: string, text: string): Promise<string> {
  const responseUrl = t.fake.responseUrl();
  expect((await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text, user_id: user, response_url: responseUrl }))).status).toBe(200);
  const call = await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
  return shownOf(call.body);
}

async function postedIn(t: TestBot, channel: string): Promise<string> {
  return shownOf((await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel)).body);
}

type WayIn = (t: TestBot, user: string, text: string) => Promise<string>;
const paste =
  (dm: boolean, mention = false): WayIn =>
  async (t, user, text) => {
    const channel = freshChannel(dm);
    expect((await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user, text: mention ? `<@UBOT> this fails:\n${text}` : text }))).status).toBe(
      200,
    );
    return postedIn(t, channel);
  };

const WAYS_IN: readonly { name: string; send: WayIn }[] = [
  { name: 'channel paste', send: paste(false) },
  { name: 'DM', send: paste(true) },
  { name: 'mention', send: paste(false, true) },
  {
    name: 'file upload',
    send: async (t, user, text) => {
      const channel = freshChannel();
      const file = t.fake.fileHost.addFile({ name: 'WindowsUpdate.log', bytes: `${text}\r\n` });
      expect((await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user, text: '', files: [file] }))).status).toBe(200);
      return postedIn(t, channel);
    },
  },
  {
    name: 'message shortcut',
    send: async (t, user, text) => {
      const channel = freshChannel();
      const shortcut = messageShortcut({ callback_id: 'kb954960_diagnose', user, channel, message: { text, ts: slackTs(), user: 'UAUTHOR' } });
      expect((await postInteraction(t.events, SIGNING_SECRET, shortcut)).status).toBe(200);
      return postedIn(t, channel);
    },
  },
  { name: 'slash check', send: (t, user, text) => slash(t, user, `check ${text}`) },
  {
    name: 'check modal',
    send: async (t, user, text) => {
      const channel = freshChannel();
      const values = { log: { text: { type: 'plain_text_input', value: text } }, server: { name: { type: 'plain_text_input', value: '' } } };
      expect(
        (
          await postInteraction(
            t.events,
            SIGNING_SECRET,
            viewSubmission({ callback_id: 'kb954960_check', user, values, private_metadata: JSON.stringify({ channel_id: channel }) }),
          )
        ).status,
      ).toBe(200);
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

describe('every failure counts, whichever way it came in (ADMIN_USER_IDS set, sent by a non-admin)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { ADMIN_USER_IDS: ADMIN } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("App Home shows the server's 503 (first: the only failure on record yet)", async () => {
    const server = freshServer();
    await paste(false)(t, NOBODY, clientLog(server, APP_POOL_503));
    await t.idle();
    expect((await postEvent(t.events, SIGNING_SECRET, appHomeOpened({ user: ADMIN }))).status).toBe(200);
    const home = await t.fake.waitFor('views.publish', (c) => c.body.user_id === ADMIN);
    expect(visibleText((home.body.view as { blocks: never[] }).blocks)).toContain(
      `*${server}* — WSUS application pool stopped or recycling (HTTP 503) in 1 log since`,
    );
  });

  it.each(WAYS_IN)('$name: the 503 is in the history and in `server`', async ({ send }) => {
    const server = freshServer();
    const reply = await send(t, NOBODY, clientLog(server, APP_POOL_503));
    await t.idle();
    expect(reply).toContain('WSUS application pool stopped or recycling (HTTP 503)');
    expect(await t.storage.history.list({ server })).toEqual([expect.objectContaining({ server, userId: NOBODY, problems: ['wsus-app-pool-503'] })]);
    const view = await slash(t, ADMIN, `server ${server}`);
    expect(view).not.toContain('Nothing is known');
    expect(view).toContain('WSUS application pool stopped or recycling (HTTP 503) in 1 log since');
    const history = await slash(t, ADMIN, `history ${server}`);
    expect(history).toContain('WSUS application pool stopped or recycling (HTTP 503)');
  });

  // Each known problem the bot explains, pasted in a channel as it comes in a log.
  it.each(PROBLEM_PACKS.map((p) => [p.id, p.examples.present[0]!] as const))('channel paste of %s: recorded for its server', async (id, lines) => {
    const channel = freshChannel();
    expect((await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user: NOBODY, text: clientLog(freshServer(), lines) }))).status).toBe(200);
    expect(await postedIn(t, channel)).not.toContain('KB954960: affected');
    await t.idle();
    // Filed under the server the log names (a server log's own actor wins over the client line).
    const recorded = (await t.storage.history.list({ limit: 1000 })).filter((h) => h.channelId === channel);
    expect(recorded).toEqual([expect.objectContaining({ problems: expect.arrayContaining([id]), server: expect.stringMatching(/^wsus/) })]);
  });

  it('a code no problem explains (0x80240022) is recorded and shown by `server`', async () => {
    const server = freshServer();
    await paste(false)(t, NOBODY, clientLog(server, '2024-05-30\t10:02:11:123\t 912\t1a2c\tPT\tWARNING: Sync of Updates: 0x80240022'));
    await t.idle();
    expect(await t.storage.history.list({ server })).toHaveLength(1);
    const view = await slash(t, ADMIN, `server ${server}`);
    expect(view).toContain('0x80240022');
    expect(view).toMatch(/0x80240022[^\n]* in 1 log since/);
    expect(await slash(t, ADMIN, `history ${server}`)).toContain(`${server} · paste in <#`);
    expect(await slash(t, ADMIN, `history ${server}`)).toMatch(/ — also: 0x80240022/);
  });

  it('a chat line that only asks about a code is not history', async () => {
    const channel = freshChannel();
    const before = await t.storage.history.count();
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user: NOBODY, text: 'anyone seen 0x80244022 today?' }));
    await t.idle();
    expect(await t.storage.history.count()).toBe(before);
  });

  it('a refused verification paste (non-admin) records nothing: no "no KB954960 signature" row', async () => {
    const server = freshServer();
    const reply = await paste(false)(t, NOBODY, `KB954960-CHECK computer=${server} dll=3.1.6001.66`);
    await t.idle();
    expect(reply).toContain('Not recorded:');
    expect(await t.storage.history.list({ server })).toEqual([]);
    expect(await slash(t, ADMIN, `history ${server}`)).toContain('No diagnoses yet.');
  });

  it('a refused verification paste that also shows a failure records the failure only', async () => {
    const server = freshServer();
    await paste(false)(t, NOBODY, `KB954960-CHECK computer=${server} dll=3.1.6001.66\n${APP_POOL_503}`);
    await t.idle();
    expect(await t.storage.history.list({ server })).toEqual([expect.objectContaining({ problems: ['wsus-app-pool-503'] })]);
    expect((await t.storage.servers.facts(server))?.dllVersion ?? null).toBeNull();
  });
});

describe('the CLI: `scan` records the failure, `server` and `history` show it', () => {
  const BIN = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
  let dir: string;
  let database: Record<string, string>;
  beforeAll(async () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first (npm test does it)`);
    dir = mkdtempSync(join(tmpdir(), 'kb954960-fail-'));
    // The CLI runs on the test engine's storage for `dir`: a SQLite file there, or its PostgreSQL database.
    database = await databaseEnvFor(dir, 'kb.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: childEnv(database), encoding: 'utf8', timeout: 20_000 });

  it('a 503 and an unexplained code on wsus05', () => {
    const log = join(dir, 'WindowsUpdate.log');
    writeFileSync(log, `${clientLog('wsus05', `${APP_POOL_503}\n2024-05-30\t10:02:12:000\t 912\t1a2c\tPT\tWARNING: Sync of Updates: 0x80240022`)}\r\n`);
    run(['scan', log]);
    const server = run(['server', 'wsus05']);
    expect(server.stdout).not.toContain('Nothing is known');
    expect(server.stdout).toContain('Other failures seen (not KB954960):');
    expect(server.stdout).toMatch(/WSUS application pool stopped or recycling \(HTTP 503\) in 1 log since \d{4}-\d\d-\d\d/);
    expect(server.stdout).toMatch(/0x80240022 \(\w+\) in 1 log since/);
    // The status (and the daily post, rendered from the same fleet status): the known problem speaks for wsus05; a
    // server with only a code nothing explains is listed with its code.
    const only = join(dir, 'wsus06.log');
    writeFileSync(only, `${clientLog('wsus06', '2024-05-30\t10:02:12:000\t 912\t1a2c\tPT\tWARNING: Sync of Updates: 0x80240022')}\r\n`);
    run(['scan', only]);
    const status = run(['status']).stdout;
    expect(status).toMatch(/wsus05 — WSUS application pool stopped or recycling \(HTTP 503\) in 1 log since/);
    expect(status).not.toMatch(/wsus05 — 0x80240022/);
    expect(status).toMatch(/wsus06 — 0x80240022 \(\w+\) in 1 log since/);
    expect(run(['history']).stdout).toMatch(/wsus05 .* — also: WSUS application pool stopped or recycling \(HTTP 503\), 0x80240022/);
    expect(JSON.parse(run(['server', 'wsus05', '--json']).stdout).failures).toEqual([
      expect.objectContaining({ kind: 'problem', id: 'wsus-app-pool-503', logs: 1 }),
      expect.objectContaining({ kind: 'code', id: '0x80240022', logs: 1 }),
    ]);
  });
});
