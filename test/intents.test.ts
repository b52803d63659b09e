// What a mention or a DM asks (src/conversation/intents.ts): the intent table, both languages, table-driven.
import { describe, expect, it } from 'vitest';
import { compilePhrase, INTENTS, readIntent, type Intent, type IntentName } from '../src/conversation/intents.js';
import { KB_CLIENT_EXAMPLE, KB_SERVER_LINE } from './support/fixtures.js';

const status: Intent = { kind: 'status' };
const help: Intent = { kind: 'help' };
const thanks: Intent = { kind: 'thanks' };
const greeting: Intent = { kind: 'greeting' };
const servers = (which: 'affected' | 'not-fixed' | 'silent'): Intent => ({ kind: 'servers', which });
const server = (name: string): Intent => ({ kind: 'server', name });
const code = (c: string): Intent => ({ kind: 'code', code: c });

/** [what is written (after the mention is cut out), the intent, the language it is written in]. */
const ASKED: readonly [string, Intent, 'en' | 'ja'][] = [
  ['status', status, 'en'],
  ['Status?', status, 'en'],
  ['status\n', status, 'en'],
  ['fleet status', status, 'en'],
  ["what's the status?", status, 'en'],
  ['how is the fleet doing?', status, 'en'],
  ['状況は？', status, 'ja'],
  ['ステータス', status, 'ja'],
  ['全体の状況を教えてください', status, 'ja'],
  ['サーバ全体はどう？', status, 'ja'],
  ['help', help, 'en'],
  ['what can you do?', help, 'en'],
  ['how do I use this bot?', help, 'en'],
  ['ヘルプ', help, 'ja'],
  ['使い方を教えて', help, 'ja'],
  ['何ができますか？', help, 'ja'],
  ['which servers are still affected?', servers('affected'), 'en'],
  ['Which servers are affected', servers('affected'), 'en'],
  ['affected servers', servers('affected'), 'en'],
  ['who is still affected?', servers('affected'), 'en'],
  ['まだ影響を受けているサーバーは？', servers('affected'), 'ja'],
  ['どのサーバーが該当していますか？', servers('affected'), 'ja'],
  ['該当サーバーはどれ？', servers('affected'), 'ja'],
  ['which servers are not fixed?', servers('not-fixed'), 'en'],
  ["which servers aren't fixed yet?", servers('not-fixed'), 'en'],
  ['which servers still need the fix?', servers('not-fixed'), 'en'],
  ['unpatched servers', servers('not-fixed'), 'en'],
  ['未適用のサーバーは？', servers('not-fixed'), 'ja'],
  ['どのサーバーがまだ未適用ですか', servers('not-fixed'), 'ja'],
  ['which servers are silent?', servers('silent'), 'en'],
  ["which servers haven't reported lately?", servers('silent'), 'en'],
  ['quiet servers', servers('silent'), 'en'],
  ['報告のないサーバーは？', servers('silent'), 'ja'],
  ['どのサーバーから報告がない？', servers('silent'), 'ja'],
  ['what about wsus02?', server('wsus02'), 'en'],
  ['hey, what about wsus02?', server('wsus02'), 'en'],
  ['is wsus01 fixed?', server('wsus01'), 'en'],
  ['is http://wsus01:8530 fixed', server('wsus01'), 'en'],
  ['wsus01.corp.example?', server('wsus01.corp.example'), 'en'],
  ['status of wsus03', server('wsus03'), 'en'],
  ['how is wsus03 doing?', server('wsus03'), 'en'],
  ['wsus01 は適用済み？', server('wsus01'), 'ja'],
  ['wsus02 はどうですか', server('wsus02'), 'ja'],
  ['wsus02 の状況を教えて', server('wsus02'), 'ja'],
  ['Ｗｓｕｓ０２ は？', server('wsus02'), 'ja'],
  ['what does 0x80244022 mean?', code('0x80244022'), 'en'],
  ['what is error 80244022', code('0x80244022'), 'en'],
  ['what does -2145107934 mean', code('0x80244022'), 'en'],
  ['0x8024400E?', code('0x8024400E'), 'en'],
  ['0x80244022 とは？', code('0x80244022'), 'ja'],
  ['0x80244022 って何ですか', code('0x80244022'), 'ja'],
  ['エラー 0x80244022 の意味は？', code('0x80244022'), 'ja'],
  ['thanks!', thanks, 'en'],
  ['thank you very much', thanks, 'en'],
  ['ありがとう', thanks, 'ja'],
  ['ありがとうございます！', thanks, 'ja'],
  ['hello', greeting, 'en'],
  ['hi there', greeting, 'en'],
  ['こんにちは', greeting, 'ja'],
];

/** Not a question of the table: a log, chatter, what the table does not answer. */
const NOT_ASKED: readonly string[] = [
  KB_CLIENT_EXAMPLE,
  KB_SERVER_LINE,
  'status\nwsus01',
  'lunch at noon?',
  'can you check this?',
  'is 0x8024400E the KB954960 thing?',
  'anyone seen 0x80244022 lately?',
  'which servers are fixed?',
  'what is everything',
  'thanks everything',
  'ok',
  '',
  '   ',
];

describe('readIntent', () => {
  it.each(ASKED)('%j → %j', (text, intent) => {
    expect(readIntent(text)).toEqual(intent);
  });

  it.each(NOT_ASKED)('%j → nothing the table knows', (text) => {
    expect(readIntent(text)).toBeNull();
  });

  it('words that are the conversation are no server names: "status", "help", "thanks" ask no server', () => {
    for (const word of ['status', 'help', 'thanks', 'hello']) expect(readIntent(word)?.kind).not.toBe('server');
    expect(readIntent('what about everything?')).toBeNull();
    expect(readIntent('is it fixed?')).toBeNull();
  });
});

describe('the table', () => {
  const names = INTENTS.map((r) => r.intent);

  it('names each intent once, with phrases in both languages that compile', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const row of INTENTS) {
      expect(row.en.length, row.intent).toBeGreaterThan(0);
      expect(row.ja.length, row.intent).toBeGreaterThan(0);
      for (const p of row.en) expect(() => compilePhrase(p, 'en')).not.toThrow();
      for (const p of row.ja) expect(() => compilePhrase(p, 'ja')).not.toThrow();
    }
  });

  it('every intent is exercised above in English and in Japanese', () => {
    const nameOf = (i: Intent): IntentName => (i.kind === 'servers' ? `servers:${i.which}` : i.kind);
    for (const name of names) {
      for (const lang of ['en', 'ja'] as const)
        expect(
          ASKED.some(([, i, l]) => nameOf(i) === name && l === lang),
          `${name} in ${lang}`,
        ).toBe(true);
    }
  });

  it('the phrase grammar: (optional), [required], {server} and {code} slots', () => {
    const re = compilePhrase('[which|what] servers are( still) affected', 'en');
    expect(re.test('which servers are affected')).toBe(true);
    expect(re.test('what servers are still affected')).toBe(true);
    expect(re.test('servers are affected')).toBe(false);
    const slot = compilePhrase('what about {server}', 'en');
    expect(slot.exec('what about wsus01.corp.example')?.groups?.server).toBe('wsus01.corp.example');
    expect(compilePhrase('{code}とは', 'ja').exec('0x80244022とは')?.groups?.code).toBe('0x80244022');
    // a phrase is the whole message, not a word in a sentence
    expect(compilePhrase('status', 'en').test('the status of my lunch order')).toBe(false);
  });
});
