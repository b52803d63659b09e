// The Japanese style rule (docs/ja-style.md) held over everything the bot prints in Japanese: the catalogue, every
// rule, problem-pack and code text, and the Japanese replies (terminal and Slack) to every fixture.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCommand } from '../commands/code.js';
import { check, inlineScan } from '../src/check.js';
import { PROBLEM_PACKS } from '../src/detect/problems/index.js';
import { codeTables, lookupCode } from '../src/detect/result-codes.js';
import type { Rule } from '../src/detect/rule.js';
import { RULES } from '../src/detect/rules.js';
import { renderDiagnosisBlocks } from '../src/render/diagnosis-blocks.js';
import { ja } from '../src/render/messages/ja.js';
import { renderText } from '../src/render/text.js';
import { entries, words } from './support/catalogue.js';
import { fixture, fixturePath } from './support/fixtures.js';

/** The "not" column of docs/ja-style.md, each as the pattern that finds it. */
const BANNED: readonly [RegExp, string][] = [
  // 更新 alone for "an update"; the verb, 自動更新 and the component names stay (docs/ja-style.md).
  [/(?<!自動)更新(?!プログラム|サービス|ハンドラー|し|でき|する|され|中)/, '更新 alone: 更新プログラム'],
  [/アップデート/, 'アップデート: 更新プログラム'],
  [/パッチ/, 'パッチ: 更新プログラム / 修正プログラム'],
  [/KB954960[^。]*修正プログラム|修正プログラム[^。]*KB954960/, 'KB954960 is a 更新プログラム, not a 修正プログラム'],
  [/修正済み/, '修正済み: 適用済み'],
  [/シグネチャ/, 'シグネチャ: KB954960 特有のエラー'],
  [/証拠/, '証拠: 根拠'],
  [/イベント \d/, 'イベント 1022: イベント ID 1022'],
  [/アプリ プール/, 'アプリ プール: アプリケーション プール'],
  [/置き換え済み/, '置き換え済み: 置き換えられた更新プログラム'],
  [/除外リスト|バイパス一覧/, 'the proxy bypass list is the バイパス リスト'],
  [/機能 (?:[A-Z\d])/, 'a facility is a ファシリティ'],
  [/フリート/, 'フリート: 全サーバー'],
  [/静かな一日/, '静かな一日: 新しい検出なし'],
  [/usage:/i, 'usage: 使い方:'],
  [/行 \d/, '行 41, 42: 41、42 行目'],
];

const KANA_OR_KANJI = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** A line's own words: quoted log text, code spans, URLs, Slack tokens and paths are quoted, not written. */
function prose(line: string): string {
  return line
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/「[^」]*」/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[A-Za-z]:\\\S+/g, ' ');
}

/** The style faults of one Japanese text, each with where it is. */
function faults(where: string, text: string): string[] {
  const out: string[] = [];
  for (const [pattern, why] of BANNED) if (pattern.test(text)) out.push(`${where}: ${why} — ${text.match(pattern)![0]}`);
  for (const line of text.split('\n')) {
    const own = prose(line);
    // A date written into a Japanese sentence (log lines quoted as they are have no kana).
    if (KANA_OR_KANJI.test(own) && /\d{4}-\d{2}-\d{2}/.test(own)) out.push(`${where}: ISO date in a sentence — ${line.trim()}`);
  }
  return out;
}

/** Multi-word names that stay in English, taken out before looking for an English sentence. */
const NAMES = [
  /Windows Server Update Services(?: \(WSUS\))?/g,
  /Windows (?:Update|Installer|Server)(?: (?:Agent|Update Services))?/g,
  /Microsoft Update/g,
  /Office 2003(?: Service Pack 1)?/g,
  /Add\/Remove Programs/g,
  /Windows SDK \S+/g,
  /Error Messages \(Winhttp\.h\)/g,
  /BITS Return Values/g,
];

/**
 * An English sentence left in a Japanese reply: four or more English words in a row, once the quoted parts
 * (prose()) and the names are out. Code names (WU_E_PT_SOAP_SERVER), versions and commands are not words here.
 */
function englishSentence(line: string): string | null {
  let own = prose(line);
  for (const n of NAMES) own = own.replace(n, ' ');
  const m = /\b[A-Za-z][a-z']+(?:[ ,;:]+[A-Za-z][a-z']+){3,}/.exec(own);
  return m ? m[0] : null;
}

/** Every string under a `text` key of some blocks (sections, contexts, headers, buttons), and the fallback text. */
function blockTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(blockTexts);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : blockTexts(v)));
}

function ruleTexts(where: string, r: Pick<Rule, 'meaning' | 'lookalikes'>): [string, string][] {
  return [[`${where} meaning`, r.meaning.ja], ...(r.lookalikes ?? []).map((l, i): [string, string] => [`${where} lookalike ${i}`, l.ja])];
}

/** Every Japanese text of the detection data: the rules, the problem packs and their rules, the code meanings. */
function detectTexts(): [string, string][] {
  const packTexts = PROBLEM_PACKS.flatMap((p): [string, string][] => [
    [`pack ${p.id} title`, p.title.ja],
    [`pack ${p.id} cause`, p.cause.ja],
    [`pack ${p.id} remedy`, p.remedy.ja],
    ...p.lookalikes.map((l, i): [string, string] => [`pack ${p.id} lookalike ${i}`, l.ja]),
    ...p.rules.flatMap((r) => ruleTexts(`pack ${p.id} rule ${r.id}`, r)),
  ]);
  const codeTexts = Object.values(codeTables()).flatMap((t) => t.map((e): [string, string] => [`code ${e.code} ${e.name}`, e.meaning.ja]));
  const unknown = ['0x80071234', '0x8DDD0018'].map((c): [string, string] => [`unknown code ${c}`, lookupCode(c).meaning.ja]);
  return [...RULES.flatMap((r) => ruleTexts(`rule ${r.id}`, r)), ...packTexts, ...codeTexts, ...unknown];
}

// Every log fixture, the real public excerpts included (their index and the header excerpt are no logs).
const FIXTURES = readdirSync(fixturePath('.'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && !/\.(h|json)$/.test(e.name))
  .map((e) => join(relative(fixturePath('.'), e.parentPath), e.name))
  .sort();

async function jaReplies(name: string): Promise<{ text: string; slack: string[] }> {
  const { diagnosis } = await check(
    { inputs: [{ name, chunks: [fixture(name)] }], lang: 'ja', now: new Date('2026-11-01T00:00:00Z'), mayRecordFacts: true },
    { storage: null, scan: inlineScan(1 << 22) },
  );
  const message = renderDiagnosisBlocks(diagnosis);
  return { text: renderText(diagnosis), slack: [message.text, ...blockTexts(message.blocks)] };
}

describe('Japanese as a Japanese WSUS admin writes it (docs/ja-style.md)', () => {
  it('the catalogue uses none of the words the style rule replaces, and writes dates the Japanese way', () => {
    const found = entries(ja).flatMap(({ path, value }) => faults(`ja.${path}`, words(value)));
    expect(found).toEqual([]);
    // The dates the catalogue is given are written into Japanese sentences as 2008 年 8 月 13 日, time kept.
    expect(ja.note.failuresPredateFix({ since: '2008-08-13T10:12:33.000Z' })).toContain('記録された 2008 年 8 月 13 日 10:12 (UTC) より前');
    expect(ja.status.since({ d: '2024-05-28' })).toBe('2024 年 5 月 28 日以降');
    expect(ja.status.generated({ t: '2024-06-01 09:00' })).toMatch(/^2024 年 6 月 1 日 09:00 時点/);
    // Slack's own date token is left to Slack (the reader's locale).
    expect(ja.status.since({ d: '<!date^1717200000^{date_short_pretty}|2024-06-01>' })).toBe('<!date^1717200000^{date_short_pretty}|2024-06-01> 以降');
  });

  it('every rule, problem-pack and code text follows the style rule', () => {
    const texts = detectTexts();
    expect(texts.length).toBeGreaterThan(500);
    expect(texts.flatMap(([where, text]) => faults(where, text))).toEqual([]);
  });

  it.each(FIXTURES)('the Japanese reply to %s follows the style rule and leaves no English sentence', async (name) => {
    const { text, slack } = await jaReplies(name);
    expect(text).toMatch(KANA_OR_KANJI);
    const found = [...faults(`${name} (terminal)`, text), ...slack.flatMap((t) => faults(`${name} (Slack)`, t))];
    // Evidence lines and the verification commands are quoted log and shell text, not the bot's words.
    const ownLines = [
      ...text.split('\n').filter((l) => !/^\s+\d+: /.test(l) && !/^ {4}\S/.test(l)),
      ...slack.flatMap((t) => t.replace(/```[\s\S]*?```/g, ' ').split('\n')),
    ];
    for (const line of ownLines) {
      const english = englishSentence(line);
      if (english) found.push(`${name}: English sentence — ${english} (in: ${line.trim()})`);
    }
    expect(found).toEqual([]);
  });

  it('the English-sentence check finds a sentence, not a product name, code name or command', () => {
    expect(englishSentence("次の対応: Check the server's version first")).toBe("Check the server's version first");
    expect(englishSentence('usage: server NAME dll|wsus VERSION')).toBeNull(); // caught as a banned word instead
    expect(englishSentence('Windows Update / Microsoft Update / WSUS でも配信されています')).toBeNull();
    expect(englishSentence('「Office 2003 Service Pack 1」がまだ拒否されていなければ')).toBeNull();
    expect(englishSentence('0x8024400E WU_E_PT_SOAP_SERVER — サーバー エラー (`wuauclt /detectnow`)')).toBeNull();
  });

  it("code 0x80070005 in Japanese: Windows' own words and its facility, no English", () => {
    const reply = codeCommand(['0x80070005'], 'ja');
    expect(reply.text.split('\n').slice(0, 2)).toEqual(['0x80070005 E_ACCESSDENIED — アクセスが拒否されました。', 'ファシリティ: Win32 (FACILITY_WIN32 = 7)']);
    expect(faults('code 0x80070005', reply.text)).toEqual([]);
    expect(reply.text.split('\n').map(englishSentence).filter(Boolean)).toEqual([]);
  });
});
