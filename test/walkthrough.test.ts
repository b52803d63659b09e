// The admin's walk: the real bot (HTTP mode, signed requests, fake Slack) driven through every Slack flow an admin
// uses — pastes in a channel, a DM and a thread, an edit, a mention, uploads, the slash commands in English and
// Japanese, the shortcut, the form, every button, the "which server?" question, verification output, the daily
// post, App Home — with each reply's rendered text written to /tmp/walk-replies.txt (WALK_OUT overrides) for a person
// to read, and what an admin would stumble on asserted: the next step first, short, no self-contradiction, exact
// facts and links, en and ja saying the same, quiet channels.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_DLL_VERSION, LINKS, VERIFY_COMMANDS } from '../src/kb954960.js';
import { en } from '../src/render/messages/en.js';
import { ja } from '../src/render/messages/ja.js';
import { BOT_TOKEN, SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { TEST_NOW } from './support/clock.js';
import { buttonsIn, buttonUrls, visibleText } from './support/block-kit.js';
import { clientExampleOn, fixture, KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import {
  appHomeOpened,
  blockAction,
  eventCallback,
  messageEvent,
  messageShortcut,
  postEvent,
  postInteraction,
  postSlashCommand,
  slackTs,
  slashCommand,
  viewSubmission,
  type ActionContainer,
  type PostResult,
  type RecordedCall,
} from './support/index.js';
import { recordAffected, subscribe } from './support/status-fixtures.js';

const OUT = process.env.WALK_OUT ?? '/tmp/walk-replies.txt';
const ADMIN = 'UADMIN';
const NOBODY = 'UNOBODY';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const AFFECTED = fixture('client-affected.log').toString('utf8');
const HEALTHY = fixture('client-healthy.log').toString('utf8');
const OTHER_ERRORS = fixture('client-other-errors.log').toString('utf8');
const SERVER_LOG = fixture('server-affected.log').toString('utf8');
/** Two lines of verification output copied without the computer name (a console copy). */
const DLL_LINE = `Microsoft.UpdateServices.WebServices.Client.dll ${FIXED_DLL_VERSION}`;
const FIX_EVENT_LINE =
  "MsiInstaller 1022 08/13/2008 10:12:33 Product: Microsoft Windows Server Update Services 3.0 SP1 - Update 'KB954960' installed successfully.";
/** What the bot's own verification block prints on the affected server (it names the computer). */
const CHECK_OUTPUT = [
  'KB954960-CHECK computer=WSUSEBC wsus=3.1.6001.65',
  `KB954960-CHECK computer=WSUSEBC dll=${FIXED_DLL_VERSION}`,
  'KB954960-CHECK computer=WSUSEBC event1022=present 2008-08-13',
].join('\n');

/** The methods through which the bot says something to someone. */
const SAYING = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url', 'views.open', 'views.publish', 'views.update']);

interface Said {
  readonly step: string;
  readonly call: RecordedCall;
  /** What a reader sees: the blocks flattened (or the view's, or the bare text). */
  readonly shown: string;
}

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  fields?: unknown[];
  elements?: { type: string; action_id?: string; url?: string; text?: { text: string } | string }[];
};

function rendered(c: RecordedCall): string {
  const b = c.body;
  if (b.view) return visibleText((b.view as { blocks?: unknown }).blocks ?? []);
  if (Array.isArray(b.blocks) && b.blocks.length > 0) return visibleText(b.blocks);
  return String(b.text ?? '');
}
const blocksOf = (s: Said): Block[] => (s.call.body.blocks ?? (s.call.body.view as { blocks?: Block[] } | undefined)?.blocks ?? []) as Block[];
/** Versions, codes and commands: what must be the same whatever the language. */
const factsIn = (text: string) => [...new Set(text.match(/\b\d+\.\d+\.\d+\.\d+\b|0x[0-9A-F]{8}|wuauclt \/detectnow|https?:\/\/[^\s|>)]+/g) ?? [])].sort();
/** The lines under the new detections' heading (which `heading` matches; its first group is the total). */
function detectionLines(s: Said, heading: RegExp): { total: number; lines: string[] } {
  const lines = s.shown.split('\n');
  const at = lines.findIndex((l) => heading.test(l));
  expect(at, `${s.step}: ${heading}`).toBeGreaterThan(0);
  const end = lines.findIndex((l, i) => i > at && !l.startsWith('• '));
  return { total: Number(lines[at]!.match(heading)![1]), lines: lines.slice(at + 1, end) };
}
/** The index of the first block whose text matches. */
const indexOf = (s: Said, re: RegExp) => blocksOf(s).findIndex((b) => re.test(visibleText([b])));

describe('an admin walks through the bot (ADMIN_USER_IDS=UADMIN)', () => {
  let t: TestBot;
  const said: Said[] = [];
  const transcript: string[] = [];

  /**
   * Runs a step, waits until the bot is idle, and keeps what it said. Idle covers clicks too: their work is started
   * on the same pump before Bolt answers the request (the ack waits for the listener), so it is in flight by the time
   * the step's request has its answer.
   */
  async function step(label: string, fn: () => Promise<unknown>): Promise<Said[]> {
    const seen = t.fake.calls.length;
    const res = await fn();
    await t.idle();
    const out = t.fake.calls
      .slice(seen)
      .filter((c) => SAYING.has(c.method))
      .map((call) => ({ step: label, call, shown: rendered(call) }));
    said.push(...out);
    transcript.push(`\n=== ${label} ===`);
    const r = res as PostResult | undefined;
    if (r && typeof r === 'object' && 'status' in r && r.body) transcript.push(`[http ${r.status}] ${r.body}`);
    if (out.length === 0) transcript.push('(silence)');
    for (const s of out) {
      const b = s.call.body;
      const where = [b.channel, b.ts ? `ts ${b.ts}` : '', b.thread_ts ? `thread ${b.thread_ts}` : '', b.user ? `to ${b.user}` : ''].filter(Boolean).join(' ');
      transcript.push(`--- ${s.call.method} ${where} (${s.shown.length} chars)`, s.shown);
    }
    return out;
  }
  const one = async (label: string, fn: () => Promise<unknown>): Promise<Said> => {
    const out = await step(label, fn);
    expect(
      out.map((s) => s.call.method),
      label,
    ).toHaveLength(1);
    return out[0]!;
  };

  const paste = (channel: string, text: string, extra: Record<string, unknown> = {}) =>
    postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, text, user: ADMIN, ...extra }));
  const slash = (text: string, user = ADMIN, channel = 'CWALK') =>
    postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text, user_id: user, channel_id: channel, response_url: t.fake.responseUrl() }));
  const upload = (channel: string, name: string, bytes: Buffer, mimetype = 'text/plain') =>
    postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, text: '', files: [t.fake.fileHost.addFile({ name, bytes, mimetype })], user: ADMIN }));
  /** The ts Slack gave a posted message (read back as the bot would: conversations.history). */
  async function tsOf(post: Said): Promise<string> {
    const res = await fetch(`${t.fake.apiUrl}conversations.history`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: post.call.body.channel }),
    });
    const { messages } = (await res.json()) as { messages: { ts: string; thread_ts?: string; text: string }[] };
    const found = messages.find((m) => m.thread_ts === post.call.body.thread_ts && m.text === post.call.body.text);
    expect(found, `the posted message of "${post.step}"`).toBeDefined();
    return found!.ts;
  }
  const click = (b: { blockId?: string; element: Record<string, unknown> & { action_id: string } }, container: ActionContainer, user = ADMIN) => {
    const { action_id, ...element } = b.element;
    return postInteraction(
      t.events,
      SIGNING_SECRET,
      blockAction({ action_id, block_id: b.blockId, element, container, user, response_url: t.fake.responseUrl() }),
    );
  };

  beforeAll(async () => {
    t = await startTestBot({
      env: { ADMIN_USER_IDS: ADMIN },
      // Subscribed the day before for 09:00 Tokyo (one channel in each language), a server affected an hour before
      // TEST_NOW (21:00 in Tokyo): today's full post is due at start.
      beforeStart: async (storage) => {
        await recordAffected(storage, 'wsusdaily', new Date(Date.parse(TEST_NOW) - HOUR_MS).toISOString());
        await subscribe(storage, 'CDAILY', '09:00', 'Asia/Tokyo', new Date(Date.parse(TEST_NOW) - DAY_MS).toISOString());
        await subscribe(storage, 'CDAILYJA', '09:00', 'Asia/Tokyo', new Date(Date.parse(TEST_NOW) - DAY_MS).toISOString(), 'ja');
      },
    });
    for (const channel of ['CDAILY', 'CDAILYJA']) await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel, 5_000);
  }, 30_000);

  afterAll(async () => {
    writeFileSync(OUT, `${transcript.join('\n')}\n`);
    await t?.close();
  });

  it('walks every flow; each reply reads right', async () => {
    // ── the daily post, as it went out at start ──
    const daily = t.fake.calls
      .filter((c) => c.method === 'chat.postMessage' && c.body.channel.startsWith('CDAILY'))
      .map((call) => ({ step: `daily status post in ${call.body.channel}`, call, shown: rendered(call) }));
    for (const d of daily) transcript.push(`=== ${d.step} ===`, d.shown);
    const [dailyEn, dailyJa] = daily;
    // Next action straight under the title, not under a grid of zero counts.
    expect(visibleText([blocksOf(dailyEn!)[1]])).toMatch(/^:point_right: \*Next action:\* Fix the 1 affected server \(wsusdaily\)/);
    expect(blocksOf(dailyEn!).some((b) => b.fields)).toBe(false);
    expect(visibleText([blocksOf(dailyEn!)[2]])).toBe('1 server: 1 affected');
    expect(visibleText([blocksOf(dailyJa!)[1]])).toMatch(/^:point_right: \*次の対応:\* 該当している 1 台 \(wsusdaily\)/);
    expect(factsIn(dailyJa!.shown)).toEqual(
      factsIn(dailyEn!.shown)
        .map((f) => f.replace('displaylang=en', 'displaylang=ja').replace('/en-us/', '/ja-jp/'))
        .sort(),
    );

    // ── a pasted affected client log: channel, DM, a repeat in the thread ──
    const rootTs = slackTs();
    const inChannel = await one('paste: affected client log in a channel', () => paste('CWALK', AFFECTED, { ts: rootTs }));
    expect(inChannel.call.body.thread_ts).toBe(rootTs);
    expect(inChannel.shown).toMatch(/^KB954960: affected — the known WSUS 3\.0 sync failure/);
    // The next step (install, with the RTM caveat since the version is unknown) before the evidence; short.
    const next = indexOf(inChannel, /Next step:/);
    expect(next).toBeGreaterThan(0);
    expect(next).toBeLessThan(indexOf(inChannel, /```/));
    expect(inChannel.shown).toContain(`*Next step:* ${en.installFixUnknownVersion}`);
    // The condition that changes what to do comes first: RTM gets SP1 before the fix.
    expect(inChannel.shown).toContain(
      '*Next step:* If the server still runs WSUS 3.0 RTM (3.0.6000.x), install WSUS 3.0 SP1 first — the fix installs only on SP1. Then install KB954960 (download below;',
    );
    expect(inChannel.shown).not.toContain('special care');
    expect(blocksOf(inChannel).length).toBeLessThanOrEqual(7);
    expect(inChannel.shown.length).toBeLessThanOrEqual(2000);
    expect(buttonUrls(blocksOf(inChannel))).toEqual([LINKS.download.en, LINKS.kb, LINKS.advisory.en]);
    const inDm = await one('paste: the same in a DM', () => paste('DWALK', AFFECTED, { channel_type: 'im' }));
    expect(inDm.shown).toBe(inChannel.shown);
    const repeat = await one('thread reply: the KB example pasted again in the thread', () => paste('CWALK', KB_CLIENT_EXAMPLE, { thread_ts: rootTs }));
    expect(repeat.shown).toBe(':red_circle: Same as above: *wsusebc* — affected. Nothing new in this paste.');

    // ── an edit, a mention, uploads ──
    const editTs = slackTs();
    await one('paste: the KB example in a channel (to be edited)', () => paste('CEDIT', KB_CLIENT_EXAMPLE, { ts: editTs }));
    const edited = await one('edit of the paste (now wsus02)', () =>
      postEvent(
        t.events,
        SIGNING_SECRET,
        messageEvent({
          channel: 'CEDIT',
          subtype: 'message_changed',
          text: '',
          user: undefined,
          message: { type: 'message', user: ADMIN, text: clientExampleOn('wsus02'), ts: editTs, edited: { user: ADMIN, ts: slackTs() } },
          previous_message: { type: 'message', user: ADMIN, text: KB_CLIENT_EXAMPLE, ts: editTs },
        }),
      ),
    );
    expect(edited.call.method).toBe('chat.update');
    expect(edited.shown).toContain('*Server:* *wsus02*');
    const mentionTs = slackTs();
    const mention = await one('@mention with a log', () =>
      postEvent(
        t.events,
        SIGNING_SECRET,
        eventCallback({
          type: 'app_mention',
          user: ADMIN,
          text: `<@UBOT> can you check this?\n${clientExampleOn('wsus03')}`,
          ts: mentionTs,
          event_ts: mentionTs,
          channel: 'CMENTION',
          team: 'T1',
        }),
      ),
    );
    expect(mention.shown).toMatch(/^KB954960: affected[\s\S]*\*Server:\* \*wsus03\*/);
    for (const [label, name, bytes, type] of [
      ['upload: client-affected.log', 'WindowsUpdate.log', fixture('client-affected.log'), 'text/plain'],
      ['upload: client-affected.log.gz', 'WindowsUpdate.log.gz', fixture('client-affected.log.gz'), 'application/gzip'],
    ] as const) {
      const up = await one(label, () => upload(`CUP${name.length}`, name, bytes, type));
      expect(up.shown).toBe(inChannel.shown);
    }

    // ── logs that are not KB954960, chat lines ──
    const healthy = await one('paste: healthy log in a channel', () => paste('CHEALTHY', HEALTHY));
    // Never a dead end: no code failed a sync there, so the step says what to collect if updates still fail.
    expect(healthy.shown).toMatch(
      /^\*Not KB954960\* — no known WSUS problem matches the failure codes below\.\n:point_right: \*Next step:\* None of these codes failed a sync or a search in this log\. If the client still gets no updates, collect [^\n]*\n\*Failure codes in the input\*\n• `0x80242013`/,
    );
    await one('paste: healthy log in a DM', () => paste('DHEALTHY', HEALTHY, { channel_type: 'im' }));
    const other = await one('paste: a log with only other errors', () => paste('COTHER', OTHER_ERRORS));
    // What failed first leads: the SyncUpdates failure (0x80244007, InvalidParameters), the 503 after it.
    expect(other.shown).toMatch(
      /^\*Not KB954960 — InvalidParameters: too many installed prerequisites \(KB4096317\):\* On the WSUS server[\s\S]*WSUS application pool stopped or recycling \(HTTP 503\)/,
    );
    expect(other.shown).not.toContain('Download KB954960');
    const serverLog = await one('paste: the server log fixture', () => paste('CSERVER', SERVER_LOG));
    expect(serverLog.shown).toMatch(/^KB954960: affected[\s\S]*The server's client web service logged ThrowException/);
    expect(serverLog.shown).toContain('this confirms <https://example.slack.com/archives/');
    const pointerTs = slackTs();
    // A question for people: silence in a channel, a pointer in a DM, and no diagnosis in the history either way.
    expect(await step('chat line in a channel mentioning the code', () => paste('CCHAT', 'is 0x8024400E the KB954960 thing?', { ts: pointerTs }))).toEqual([]);
    const dmPointerTs = slackTs();
    const pointer = await one('chat line in a DM mentioning the code', () =>
      paste('DCHAT', 'is 0x8024400E the KB954960 thing?', { ts: dmPointerTs, channel_type: 'im' }),
    );
    expect(pointer.shown).toBe(en.chatPointer);
    expect((await t.storage.history.list({ limit: 1000 })).filter((h) => h.messageTs === pointerTs || h.messageTs === dmPointerTs)).toEqual([]);
    expect(await step('chat line in a channel without a log', () => paste('CCHAT', 'good morning, anyone seen wsus01 today?'))).toEqual([]);

    // ── the slash commands, in English then in Japanese ──
    const en1 = new Map<string, Said>();
    for (const cmd of ['help', 'check', 'server wsusebc', 'history', 'status', 'code 0x8024400E', 'lang']) {
      en1.set(cmd, await one(`/kb954960 ${cmd}`, () => slash(cmd === 'check' ? `check ${KB_CLIENT_EXAMPLE}` : cmd)));
    }
    // The server view says the same next step as the diagnosis reply: install (SP1 first on RTM), not "check the version".
    const serverView = en1.get('server wsusebc')!;
    expect(visibleText([blocksOf(serverView)[2]])).toBe(`:point_right: *Next step:* ${en.installFixUnknownVersion}`);
    expect(serverView.shown).toContain('KB954960 failure last seen');
    expect(buttonUrls(blocksOf(serverView))).toEqual([LINKS.download.en, LINKS.kb, LINKS.advisory.en]); // "download below" is below
    const history = en1.get('history')!;
    expect(history.shown).not.toMatch(/_(message|file|command|modal|cli)_/);
    expect(history.shown).toContain('*affected* wsusebc · paste in <#CWALK>');
    expect(history.shown).toContain('· file in <#CUP17>');
    const status = en1.get('status')!;
    // Longest affected first, by the failures' own times: wsusebc's log is from 2008.
    expect(visibleText([blocksOf(status)[1]])).toMatch(/^:point_right: \*Next action:\* Fix the 4 affected servers \(wsusebc, wsusdaily, wsus02 and 1 more\)/);
    expect(status.shown.length).toBeLessThan(2000);
    // New detections: one line per server, newest first. One failure is one detection: wsusebc's many pastes of the
    // same failure (one fault ID) count once.
    const detected = detectionLines(status, /^\*New detections in the last 24 h: (\d+)\*$/);
    expect(detected.lines.map((l) => l.match(/^• \*([^*]+)\*/)?.[1])).toEqual(['wsus03', 'wsus02', 'wsusebc', 'wsusdaily']);
    expect(detected.lines[2]).toMatch(/^• \*wsusebc\* — 1 detection, <!date\^\d+\^[^|]+\|[^>]+> \(<#CWALK>\)$/);
    expect((await t.storage.history.list({ server: 'wsusebc', limit: 1000 })).filter((h) => h.verdict === 'affected').length).toBeGreaterThan(1);
    expect(detected.total).toBe(4);
    expect(detected.lines[3]).toMatch(/^• \*wsusdaily\* — 1 detection, <!date[^>]+> \(from the CLI\)$/);
    expect(en1.get('code 0x8024400E')!.shown).toContain('WU_E_PT_SOAP_SERVER');
    // The links once, as buttons (not also a raw URL line above them).
    expect(buttonUrls(blocksOf(en1.get('help')!))).toEqual([LINKS.download.en, LINKS.kb, LINKS.advisory.en]);
    expect(en1.get('help')!.shown).not.toContain(LINKS.kb);

    await one('/kb954960 lang ja', () => slash('lang ja'));
    const ja1 = new Map<string, Said>();
    for (const cmd of ['help', 'check', 'server wsusebc', 'history', 'status', 'code 0x8024400E', 'lang']) {
      ja1.set(cmd, await one(`/kb954960 ${cmd} (ja)`, () => slash(cmd === 'check' ? `check ${KB_CLIENT_EXAMPLE}` : cmd)));
    }
    // "Which server?" for a reader who chose Japanese: asked, answered in the thread, the question edited — in Japanese.
    const askJaTs = slackTs();
    const askJa = await one('verification line without a computer name, reader in Japanese', () =>
      paste('CASKJA', DLL_LINE.replace('.66', '.65'), { ts: askJaTs }),
    );
    expect(askJa.shown).toContain(`*サーバー:* ${ja.attribution.serverNotNamed}\n`);
    expect(askJa.shown).toContain(
      ':question: *この出力はどのサーバーのものですか?* サーバーのボタンを押すか、このスレッドにサーバー名を返信すると記録します。出力にコンピューター名がありません (DLL 3.1.6001.65)。',
    );
    const answeredJa = await step('the admin answers "wsus08" in the thread (ja)', () => paste('CASKJA', 'wsus08', { thread_ts: askJaTs }));
    const questionJa = answeredJa.find((x) => x.call.method === 'chat.update');
    expect(questionJa?.shown).toContain('*サーバー:* *wsus08* — SP1、適用未確認');
    // Who recorded it and what, with 記録 said once.
    expect(questionJa?.shown).toContain(':white_check_mark: <@UADMIN> さんが *wsus08* の DLL 3.1.6001.65 を記録しました。現在の状態: SP1、適用未確認');
    expect(questionJa?.shown).not.toMatch(/として記録|まだ不明/);
    await one('/kb954960 lang en', () => slash('lang en'));
    const localized = (f: string) => f.replace('displaylang=en', 'displaylang=ja').replace('/en-us/', '/ja-jp/');
    for (const cmd of ['help', 'check', 'server wsusebc', 'status', 'code 0x8024400E']) {
      const [e, j] = [en1.get(cmd)!, ja1.get(cmd)!];
      // The same blocks, the same versions, codes, commands and links (each language's own pages).
      expect(
        blocksOf(j).map((b) => b.type),
        cmd,
      ).toEqual(blocksOf(e).map((b) => b.type));
      expect(factsIn(j.shown), cmd).toEqual(factsIn(e.shown).map(localized).sort());
      expect(j.shown, cmd).toMatch(/[\u3040-\u30ff]/);
    }
    expect(ja1.get('check')!.shown).toContain(`*次の対応:* ${ja.installFixUnknownVersion}`);
    expect(ja1.get('check')!.shown).toContain(
      '*次の対応:* サーバーが WSUS 3.0 の初期出荷版 (RTM、3.0.6000.x) のままなら、先に WSUS 3.0 SP1 をインストールしてください (KB954960 は SP1 にのみ適用できます)。その後 KB954960 を適用してください',
    );
    expect(ja1.get('check')!.shown).not.toContain('特別な注意');
    expect(ja1.get('check')!.shown).not.toMatch(/。 /); // no English sentence spacing inside Japanese
    expect(visibleText([blocksOf(ja1.get('server wsusebc')!)[2]])).toBe(`:point_right: *次の対応:* ${ja.installFixUnknownVersion}`);
    expect(ja1.get('history')!.shown).toContain('*該当* wsusebc · <#CSERVER> で貼り付け');
    const detectedJa = detectionLines(ja1.get('status')!, /^\*過去 24 時間の新しい検出: (\d+) 件(、サーバー \d+ 台)?\*$/);
    expect(detectedJa.lines.map((l) => l.match(/^• \*([^*]+)\*/)?.[1])).toEqual(['wsus03', 'wsus02', 'wsusebc', 'wsusdaily']);
    expect(detectedJa.lines[2]).toMatch(/^• \*wsusebc\* — 検出 1 件、<!date[^>]+> \(<#CWALK>\)$/);
    expect(detectedJa.total).toBe(4);
    const jaPaste = await one('paste: written in Japanese in a channel', () => paste('CJA', `このログを見てください\n${clientExampleOn('wsus04')}`));
    expect(jaPaste.shown).toMatch(/^KB954960: 該当/);

    // ── the shortcut and the form ──
    const shortcut = await one('shortcut on a message with the KB example', () =>
      postInteraction(
        t.events,
        SIGNING_SECRET,
        messageShortcut({ callback_id: 'kb954960_diagnose', user: ADMIN, channel: 'CSHORT', message: { text: clientExampleOn('wsus05') } }),
      ),
    );
    expect(shortcut.shown).toContain('*Server:* *wsus05*');
    const nothing = await one('shortcut on a chat message without a log', () =>
      postInteraction(
        t.events,
        SIGNING_SECRET,
        messageShortcut({ callback_id: 'kb954960_diagnose', user: ADMIN, channel: 'CSHORT', message: { text: 'lunch at noon?' } }),
      ),
    );
    expect(nothing.shown).toBe(en.nothingFound);
    const modal = await one('/kb954960 alone opens the form', () => slash(''));
    expect(modal.call.method).toBe('views.open');
    const form = (values: { log?: string; server?: string }) =>
      viewSubmission({
        callback_id: 'kb954960_check',
        user: ADMIN,
        private_metadata: JSON.stringify({ channel_id: 'CFORM' }),
        values: {
          log: { text: { type: 'plain_text_input', value: values.log ?? '' } },
          server: { name: { type: 'plain_text_input', value: values.server ?? '' } },
          lang: { lang: { type: 'static_select', selected_option: null } },
        },
      });
    let res: PostResult | undefined;
    expect(await step('form submit: empty log', async () => (res = await postInteraction(t.events, SIGNING_SECRET, form({ log: '   ' }))))).toEqual([]);
    expect(res!.json).toEqual({ response_action: 'errors', errors: { log: en.modal.noLog } });
    expect(
      await step(
        'form submit: bad server name',
        async () => (res = await postInteraction(t.events, SIGNING_SECRET, form({ log: KB_CLIENT_EXAMPLE, server: 'wsus 01!' }))),
      ),
    ).toEqual([]);
    expect(res!.json).toEqual({ response_action: 'errors', errors: { server: en.modal.badServer } });
    const submitted = await one('form submit: the KB example without its URL, for wsus06', () =>
      postInteraction(t.events, SIGNING_SECRET, form({ log: KB_CLIENT_EXAMPLE.replace(/Server URL = \S+/, ''), server: 'wsus06' })),
    );
    expect(submitted.shown).toMatch(/^<@UADMIN> checked a log with \/kb954960\nKB954960: affected[\s\S]*\*Server:\* \*wsus06\*/);

    // ── verification output in the affected thread: a non-admin's is not recorded, the admin's is ──
    const notRecorded = await one('verification output (KB954960-CHECK) as a non-admin, in the affected thread', () =>
      paste('CWALK', CHECK_OUTPUT, { thread_ts: rootTs, user: NOBODY }),
    );
    // Not "No KB954960 signature found" over the very lines that show the fix: what happened, and whom to ask.
    expect(notRecorded.shown).toMatch(
      /^Not recorded: DLL 3\.1\.6001\.66, WSUS 3\.1\.6001\.65, the fix event \(MsiInstaller 1022\) for wsusebc\. .* ask <@UADMIN>\.\n```/,
    );
    expect(notRecorded.shown).not.toMatch(/No KB954960 signature|Nothing of KB954960/);
    expect((await t.storage.servers.facts('wsusebc'))?.dllVersion ?? null).toBeNull();
    const verified = await one('verification output (KB954960-CHECK) as the admin, in the affected thread', () =>
      paste('CWALK', CHECK_OUTPUT, { thread_ts: rootTs }),
    );
    expect(verified.shown).toMatch(/^KB954960: fixed[\s\S]*\*Server:\* \*wsusebc\* — fixed/);
    // It had failed: the step left is to see a client sync again — not "nothing to do", not the verification commands.
    expect(verified.shown).toContain(`*Next step:* ${en.action['rerun-client-detection']}`);
    expect(verified.shown).toContain(VERIFY_COMMANDS.clientDetect);
    expect(verified.shown).not.toContain('KB954960-CHECK computer=$c');
    expect((await t.storage.servers.facts('wsusebc'))?.dllVersion).toBe(FIXED_DLL_VERSION);

    // ── output that names no computer: "which server?", answered by a reply in the thread ──
    const askTs = slackTs();
    const ask = await one('verification lines without a computer name: which server?', () => paste('CASK', `${DLL_LINE}\n${FIX_EVENT_LINE}`, { ts: askTs }));
    expect(ask.shown).toContain(
      ":question: *Which server is this output from?* Press the server's button or reply in this thread with its name to record it — the output names no computer (DLL 3.1.6001.66, the fix event (MsiInstaller 1022)).",
    );
    expect(ask.shown).toContain(`*Server:* ${en.attribution.serverNotNamed}\n`);
    expect(ask.shown.match(/reply in this thread/gi)).toHaveLength(1); // said once, in the question
    expect(ask.shown).not.toContain(en.action['nothing-to-do']); // nothing to do — for which server?
    const askReplyTs = await tsOf(ask);
    const refused = await one('a non-admin answers "wsus07" in the thread', () => paste('CASK', 'wsus07', { thread_ts: askTs, user: NOBODY }));
    expect(refused.shown).toBe('Nothing was recorded: only the admins (ADMIN_USER_IDS) can record server versions and fixes — ask <@UADMIN>.');
    const answered = await step('the admin answers "wsus07" in the thread', () => paste('CASK', 'wsus07', { thread_ts: askTs }));
    const reply = answered.find((s) => s.call.method === 'chat.postMessage');
    expect(reply?.shown).toBe(`:white_check_mark: Recorded for *wsus07* by <@${ADMIN}>: DLL 3.1.6001.66, the fix event (MsiInstaller 1022). Now: fixed.`);
    // The question itself shows the answer, as a button's answer does: no stale buttons, the Server line names it.
    const question = answered.find((s) => s.call.method === 'chat.update');
    expect(question?.call.body.ts).toBe(askReplyTs);
    expect(question?.shown).toContain(`*Server:* *wsus07* — fixed`);
    expect(question?.shown).toContain(`:white_check_mark: Recorded for *wsus07* by <@${ADMIN}>`);
    expect(question?.shown).not.toMatch(/Record for|Which server|not named/);
    expect(blocksOf(question!).some((b) => b.type === 'actions')).toBe(false);

    // ── the same question answered by a button ──
    const ask2 = await one('a DLL line without a computer name (for the button path)', () => paste('CASK2', DLL_LINE.replace('.66', '.65')));
    expect(ask2.shown).toContain('the server is SP1 without the fix (3.1.6001.65); the fixed DLL is 3.1.6001.66.');
    const ask2Ts = await tsOf(ask2);
    const recordFor = buttonsIn(blocksOf(ask2)).find((b) => (b.element.text as { text: string }).text === 'Record for wsus07')!;
    const container: ActionContainer = { type: 'message', channel: 'CASK2', message_ts: ask2Ts, blocks: blocksOf(ask2), text: String(ask2.call.body.text) };
    const nope = await one('a non-admin clicks "Record for wsus07"', () => click(recordFor, container, NOBODY));
    expect(nope.call.method).toBe('chat.postEphemeral');
    expect(nope.shown).toMatch(/^Nothing was recorded: .* ask <@UADMIN>\.$/);
    const byButton = await one('the admin clicks "Record for wsus07"', () => click(recordFor, container));
    expect(byButton.call.method).toBe('chat.update');
    expect(byButton.shown).toContain('*Server:* *wsus07* — SP1, fix not verified');
    expect(byButton.shown).toContain(`Recorded for *wsus07* by <@${ADMIN}>: DLL 3.1.6001.65. Now: SP1, fix not verified.`);
    expect(byButton.shown).not.toMatch(/Record for|not named/);

    // ── the fleet after the walk; App Home ──
    await one('/kb954960 status after the walk', () => slash('status'));
    await one('/kb954960 history after the walk', () => slash('history'));
    const fixedView = await one('/kb954960 server wsusebc after verification', () => slash('server wsusebc'));
    expect(fixedView.shown).toContain(`:point_right: *Next step:* ${en.action['rerun-client-detection']}`);
    expect(buttonUrls(blocksOf(fixedView))).toEqual([]);
    await one('App Home opened', () => postEvent(t.events, SIGNING_SECRET, appHomeOpened({ user: ADMIN })));

    // ── every button the bot posted, clicked: acknowledged at once; the ones with an answer answer ──
    const posted = [...said.filter((s) => s.call.method !== 'views.open'), ...daily];
    const clicks: { label: string; status: number; ms: number }[] = [];
    let staleJa = 0;
    for (const s of posted) {
      const blocks = blocksOf(s);
      const buttons = buttonsIn(blocks);
      if (buttons.length === 0) continue;
      const where: ActionContainer =
        s.call.method === 'views.publish'
          ? { type: 'view', view_type: 'home', blocks }
          : s.call.method === 'response_url'
            ? { type: 'message', channel: 'CWALK', is_ephemeral: true, blocks }
            : {
                type: 'message',
                channel: String(s.call.body.channel),
                message_ts: String(s.call.body.ts ?? slackTs()),
                blocks,
                text: String(s.call.body.text ?? ''),
              };
      for (const b of buttons) {
        const label = `click "${(b.element.text as { text?: string } | undefined)?.text}" (${b.element.action_id}) on: ${s.step}`;
        let r: PostResult | undefined;
        const out = await step(label, async () => (r = await click(b, where)));
        clicks.push({ label, status: r!.status, ms: r!.ms });
        // A stale "Record for" (the question was answered) says so — in the reply's language.
        if (b.element.action_id.startsWith('kb954960_record_for') && s.step.includes('reader in Japanese')) {
          expect(out[0]!.shown).toBe('この出力は既に wsus08 の記録です。');
          staleJa++;
        }
        if (b.element.action_id === 'kb954960_how_to_verify') {
          const howTo = out[0]!.shown;
          expect(howTo).not.toMatch(/afterwards|適用後に/); // "After installing KB954960: Verify … afterwards"
          expect(howTo.match(/Paste the output|出力をここに貼り付け/g)).toHaveLength(1);
          expect(howTo).toContain('KB954960-CHECK computer=$c dll=$d');
        }
      }
    }
    expect(clicks.length).toBeGreaterThan(20);
    expect(staleJa).toBe(5); // one button per recent server: wsus01 is one too, its other failures being recorded
    for (const c of clicks) {
      expect(c.status, c.label).toBe(200);
      expect(c.ms, c.label).toBeLessThan(3000);
    }
  }, 180_000);
});
