// The reader's language through the real app (HTTP mode, real signatures, the fake Slack): a user who chose `ja`
// with `/kb954960 lang ja` gets Japanese from every command, App Home, the form and replies to their pastes, even for
// English input; `lang en` switches back; others keep BOT_LANG meanwhile.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LINKS } from '../src/kb954960.js';
import { SIGNING_SECRET, handleBaseline, startTestBot, type TestBot } from './support/bot.js';
import { visibleText } from './support/block-kit.js';
import { clientExampleOn } from './support/fixtures.js';
import { appHomeOpened, messageEvent, postEvent, postInteraction, postSlashCommand, slackTs, slashCommand, viewSubmission } from './support/index.js';

const ADVISORY_JA = 'https://learn.microsoft.com/ja-jp/security-updates/securityadvisories/2008/954960';
/** The status in either shape (the full summary, or the quiet day's one line). */
const STATUS_EN = /KB954960 (fleet status|— quiet day)/;
const STATUS_JA = /KB954960 (全サーバーの状況|— 新しい検出なし)/;
const ADVISORY_EN = 'https://learn.microsoft.com/en-us/security-updates/securityadvisories/2008/954960';

type Block = { type: string; text?: { text: string }; elements?: { url?: string; action_id?: string }[] };
const headerText = (blocks: unknown) => (blocks as Block[]).find((b) => b.type === 'header')?.text?.text ?? '';
const advisoryUrl = (blocks: unknown) => (blocks as Block[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'kb954960_advisory')?.url;

let leftovers: () => Promise<string[]>;
beforeAll(() => {
  leftovers = handleBaseline();
});
afterAll(async () => {
  expect(await leftovers()).toEqual([]);
});

describe("the reader's language", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(); // BOT_LANG defaults to en
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(async () => {
    await t.idle();
  });

  const slash = async (text: string, user = 'UJA', channel = 'CLANG') => {
    const responseUrl = t.fake.responseUrl();
    const res = await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text, user_id: user, channel_id: channel, response_url: responseUrl }));
    expect(res.status).toBe(200);
    const call = await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
    return call.body as { text: string; blocks?: unknown[] };
  };
  const home = async (user: string) => {
    const before = t.fake.callsTo('views.publish').length;
    await postEvent(t.events, SIGNING_SECRET, appHomeOpened({ user }));
    const call = await t.fake.waitFor('views.publish', (c) => c.body.user_id === user && t.fake.callsTo('views.publish').indexOf(c) >= before);
    return visibleText((call.body.view as { blocks: unknown[] }).blocks);
  };
  const englishPaste = clientExampleOn('wsuslang');

  it('a user who never chose is answered in BOT_LANG, and `lang` says so', async () => {
    expect((await slash('lang')).text).toBe("I answer you in English, this workspace's default. Choose with `/kb954960 lang ja|en`.");
    expect((await slash('status')).text).toMatch(STATUS_EN);
  });

  it('`lang ja` is stored and answered in Japanese; `lang` shows it', async () => {
    expect((await slash('lang ja')).text).toMatch(/^今後は日本語で返信します/);
    expect(await t.storage.readers.chosenLang('UJA')).toBe('ja');
    expect((await slash('LANG')).text).toBe('日本語で返信しています。`/kb954960 lang ja|en` で変更できます。');
  });

  it('then status, server, check, history, help, code and subscribe answer in Japanese, though the text is English', async () => {
    expect((await slash('status')).text).toMatch(STATUS_JA);
    expect((await slash('server wsuslang')).text).toBe('wsuslang の記録はまだありません。');

    const check = await slash(`check ${englishPaste}`);
    expect(headerText(check.blocks)).toMatch(/^KB954960: 該当/);
    expect(advisoryUrl(check.blocks)).toBe(ADVISORY_JA);

    const server = await slash('server wsuslang');
    expect(server.text).toMatch(/^wsuslang: バージョン不明 — KB954960 特有のエラーを検出、その後も未適用\n/);
    expect(server.text).toContain('WSUS バージョン: 未確認');

    const history = await slash('history wsuslang');
    expect(headerText(history.blocks)).toBe('KB954960 の診断履歴');
    expect(visibleText(history.blocks)).toContain('*該当*');
    expect(visibleText(history.blocks)).not.toContain('affected');
    expect(history.text).toMatch(/該当\s+wsuslang\s+command/);

    const help = await slash('help');
    expect(help.text).toMatch(/^\/kb954960 — KB954960 \(WSUS 3.0 のクライアントが/);
    expect(help.text).toContain('/kb954960 lang [ja|en]');
    expect(advisoryUrl(help.blocks)).toBe(ADVISORY_JA);
    expect((await slash('lang fr')).text).toBe('使い方: /kb954960 lang [ja|en]');
    expect((await slash('code 0x80244022')).text).toContain('既知の問題:');
    expect((await slash('subscribe 09:00', 'UJA', 'CLANGSUB')).text).toMatch(
      /^このチャンネルを購読しました: KB954960 の状況を毎日 09:00 \(Asia\/Tokyo\) に日本語で投稿します/,
    );
    expect((await slash('unsubscribe', 'UJA', 'CLANGSUB')).text).toBe('購読を解除しました。このチャンネルへの KB954960 の日次投稿は止まります。');
  });

  it('App Home follows the user; another user still gets BOT_LANG', async () => {
    const ja = await home('UJA');
    expect(ja).toMatch(STATUS_JA);
    expect(ja).toContain('ログを貼り付けるフォームを開く');
    const other = await home('UOTHER');
    expect(other).toMatch(STATUS_EN);
    expect(other).not.toMatch(/[\u3040-\u30ff]/);
    expect((await slash('status', 'UOTHER')).text).toMatch(STATUS_EN);
  });

  it("the form opens in the user's language, its errors too, and English text submitted through it gets Japanese", async () => {
    const fields = slashCommand({ text: '', user_id: 'UJA', channel_id: 'CLANGFORM' });
    await postSlashCommand(t.events, SIGNING_SECRET, fields);
    const open = await t.fake.waitFor('views.open', (c) => c.body.trigger_id === fields.trigger_id);
    const view = open.body.view as { title: { text: string }; blocks: { block_id: string; element?: { initial_option?: { value: string } } }[] };
    expect(view.title.text).toBe('KB954960 診断');
    expect(view.blocks.find((b) => b.block_id === 'lang')?.element?.initial_option?.value).toBe('ja');

    const values = (log: string, lang: string) => ({
      log: { text: { type: 'plain_text_input', value: log } },
      server: { name: { type: 'plain_text_input', value: '' } },
      lang: { lang: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'x' }, value: lang } } },
    });
    const submit = (log: string, lang: string) =>
      postInteraction(
        t.events,
        SIGNING_SECRET,
        viewSubmission({
          callback_id: 'kb954960_check',
          user: 'UJA',
          values: values(log, lang),
          private_metadata: JSON.stringify({ channel_id: 'CLANGFORM' }),
        }),
      );
    expect((await submit('  ', 'ja')).json).toEqual({ response_action: 'errors', errors: { log: 'ログを 1 行以上貼り付けてください' } });

    await submit(englishPaste, 'ja');
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CLANGFORM');
    expect(headerText(post.body.blocks)).toMatch(/^KB954960: 該当/);
    expect(advisoryUrl(post.body.blocks)).toBe(ADVISORY_JA);
  });

  it('a pasted English log in a DM gets a Japanese reply', async () => {
    const channel = 'DLANGJA';
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user: 'UJA', ts: slackTs(), text: englishPaste }));
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
    expect(headerText(post.body.blocks)).toMatch(/^KB954960: 該当/);
  });

  it('`lang en` switches back: English everywhere, the English advisory page', async () => {
    expect((await slash('lang en')).text).toMatch(/^From now on I answer you in English/);
    expect((await slash('status')).text).toMatch(STATUS_EN);
    const check = await slash(`check ${englishPaste}`);
    expect(headerText(check.blocks)).toMatch(/^KB954960: affected/);
    expect(advisoryUrl(check.blocks)).toBe(ADVISORY_EN);
    expect(visibleText((await slash('history wsuslang')).blocks)).toContain('*affected*');
    expect(await home('UJA')).toMatch(STATUS_EN);
    // Japanese text still gets Japanese, whatever the choice
    const ja = await slash(`check 日本語のメモ\n${englishPaste}`);
    expect(headerText(ja.blocks)).toMatch(/^KB954960: 該当/);
    expect(advisoryUrl(ja.blocks)).toBe(ADVISORY_JA);
    expect(LINKS.advisory).toEqual({ ja: ADVISORY_JA, en: ADVISORY_EN });
  });
});
