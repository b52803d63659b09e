/**
 * What a person asks the bot in a mention or a DM, read from a small table of phrases in both languages. Pure: text in,
 * an intent out; what the intent is answered with is decided by commands/ask.ts, from the same commands as the slash
 * command's. A phrase is the whole message (after the mention is cut out): a log, or a sentence about something else,
 * is never read as a question.
 *
 * Phrase grammar (kept this small on purpose, so the table stays readable data):
 *   `(a|b)`  optional: one of them or nothing      `[a|b]`  required: one of them
 *   `{server}`  a server name (short, FQDN, URL)    `{code}` a result code (0x80244022, 80244022, -2145107934)
 * English phrases match the message lower-cased with single spaces (write the space inside an optional group:
 * `are( still) affected`); Japanese phrases match it with every space removed.
 */
import { parseCodeArg } from '../detect/result-codes.js';
import { asServerName, SERVER_NAME_PATTERN } from '../diagnose/attribution.js';
import type { Lang } from '../lang.js';

export type ServerList = 'affected' | 'not-fixed' | 'silent';

export type Intent =
  | { readonly kind: 'help' }
  | { readonly kind: 'status' }
  | { readonly kind: 'servers'; readonly which: ServerList }
  | { readonly kind: 'server'; readonly name: string }
  | { readonly kind: 'code'; readonly code: string }
  /** Small talk: answered with one short line in a DM, not at all in a channel. */
  | { readonly kind: 'thanks' }
  | { readonly kind: 'greeting' };

export type IntentName = Exclude<Intent['kind'], 'servers'> | `servers:${ServerList}`;

export interface IntentRow {
  readonly intent: IntentName;
  readonly en: readonly string[];
  readonly ja: readonly string[];
}

/**
 * The table, first match wins: a code before anything (a hex code could pass for a host name), the lists before the
 * fleet status, small talk before a bare server name ("thanks" is no server).
 */
export const INTENTS: readonly IntentRow[] = [
  {
    intent: 'code',
    en: ["what[ does| is|'s]( the)( error| code| error code) {code}( mean)", '[explain|meaning of|define]( error| code) {code}', '(error |code ){code}'],
    ja: [
      '(エラー|コード|エラーコード){code}[とは|って|は][何|なに|どういう意味|なんですか]',
      '(エラー|コード){code}の意味(は)',
      '(エラー|コード){code}(とは|って)',
    ],
  },
  {
    intent: 'servers:not-fixed',
    en: [
      '[which|what] [servers|ones] [are|is]( still) [not fixed|unfixed|not patched|unpatched|without the fix|missing the fix|not fixed yet]',
      "[which|what] [servers|ones] [aren't|are not|isn't|is not|haven't been|have not been|weren't] [fixed|patched]",
      '[which|what] [servers|ones]( still) [need|lack|are missing] [the fix|kb954960]',
      '(list )(the )[unfixed|unpatched|not fixed] servers',
      'who [is|are]( still) [not fixed|unpatched]',
    ],
    ja: [
      '(まだ)[未適用|未修正|修正されていない|修正が適用されていない|適用されていない|直っていない|対応していない|対応が終わっていない](の)サーバー(は)(どれ|どこ)',
      'どのサーバーが(まだ)[未適用|未修正|直っていない|適用されていない]',
      'どのサーバーに(まだ)(修正が|KB954960が)[適用されていない|入っていない|ない]',
    ],
  },
  {
    intent: 'servers:affected',
    en: [
      '[which|what] [servers|ones] [are|is]( still) [affected|failing|broken|hit]',
      '[which|what] servers have( still)( got) [the problem|the issue|the failure|kb954960]',
      '(list )(the )affected( servers)',
      '[who|what] is( still) affected',
      '[are any|any] servers( still) affected',
    ],
    ja: [
      '(まだ)[影響を受けている|影響のある|影響がある|該当している|該当する|失敗している|エラーが出ている](の)サーバー(は)(どれ|どこ)',
      'どのサーバーが(まだ)[影響を受けている|影響を受けています|該当している|該当しています|失敗している|失敗しています]',
      '該当サーバー(は)(どれ|どこ)',
    ],
  },
  {
    intent: 'servers:silent',
    en: [
      '[which|what] [servers|ones] [are|have been|went|have gone]( still) [silent|quiet]',
      "[which|what] [servers|ones] [haven't|have not|didn't|did not] [reported|report|been heard from|been seen]( lately| recently| in a while| today)",
      '(list )(the )[silent|quiet] servers',
      'who [is|has been|went] [silent|quiet]',
    ],
    ja: [
      '(最近)[沈黙している|沈黙中の|静かな|報告のない|報告がない|連絡のない|連絡がない|音沙汰のない|音沙汰がない|ログが来ていない](の)サーバー(は)(どれ|どこ)',
      'どのサーバーが[沈黙している|沈黙しています|報告していない|報告していません]',
      'どのサーバーから(最近)[報告がない|連絡がない|ログが来ていない|報告がありません]',
    ],
  },
  {
    intent: 'status',
    en: [
      '(the )(fleet |kb954960 )[status|summary|overview|status report]',
      "[what's|what is|how's|how is] the (fleet |overall )status",
      'how [is|are] [the fleet|everything|things|the servers|we]( doing| going| looking)',
    ],
    ja: [
      '(全体の|全サーバーの|今の|現在の|いまの)[状況|状態|ステータス|概要|サマリー](は)(どう|どうですか)',
      '全体(は)(どう|どうですか)',
      '[全サーバー|サーバー全体](は)どう',
    ],
  },
  {
    intent: 'help',
    en: ['[help|usage|commands]', 'how [do i|to|can i] use [you|this|it|this bot|the bot|kb954960]', 'what [can|do] you do', 'what can i ask( you)'],
    ja: ['[ヘルプ|使い方|つかいかた]', '[何|なに]が[できる|できますか|できるの]', '[どう|どうやって]使[う|えば|えばいい](の)', '[何|なに]を聞けばいい(の)'],
  },
  {
    intent: 'thanks',
    en: ['[thanks|thank you|thx|ty|cheers|many thanks|much appreciated|appreciated|great|perfect|nice|cool|awesome]( a lot| so much| very much| again)'],
    ja: ['[ありがとう|ありがとうございます|ありがとうございました|どうも|どうもありがとう|助かりました|助かります|サンキュー|感謝します]'],
  },
  {
    intent: 'greeting',
    en: ['[hi|hello|hey|yo|good morning|good afternoon|good evening|morning]( there| bot| all| kb954960)'],
    ja: ['[こんにちは|こんばんは|おはよう|おはようございます|はじめまして|よろしく|よろしくお願いします]'],
  },
  {
    intent: 'server',
    en: [
      '(is |was |has |are ){server}( fixed| patched| ok| okay| affected| still affected| vulnerable| status| state)',
      '[status|state] (of ){server}',
      'server {server}',
      '[what|how] about {server}',
      "[how is|how's] {server}( doing| looking)",
      '(and )(tell me |what do you know )about {server}',
    ],
    ja: [
      '{server}(は)[適用済み|修正済み|未適用|大丈夫|どう|どうなっている|どうなってる|該当|影響を受けている]',
      '{server}の[状況|状態|ステータス|様子|記録]',
      '{server}[について|は]',
    ],
  },
];

// ── matching ────────────────────────────────────────────────────────────────────────────────────────────

/** Said before the question itself and not part of it ("hey, is wsus01 fixed?"). */
const EN_LEAD = String.raw`(?:(?:hey|hi|hello|ok|okay|so|and|also|please|can you tell me|tell me|do you know) )?`;
/** Said after it ("… please", "… yet"). */
const EN_TAIL = String.raw`(?: please| now| right now| yet| today| then)?`;
const JA_LEAD = String.raw`(?:ねえ|ねぇ|あの|すみません|すいません)?`;
/** The polite endings a Japanese question takes (「…を教えてください」「…ですか」). */
const JA_TAIL = String.raw`(?:は|を)?(?:教えて(?:ください|下さい)?|見せて(?:ください|下さい)?|ですか|でしょうか|ますか|か|なの|の)?`;
/** What may come around a phrase, per language: a language added to LANGS fails `tsc` here until given its own. */
const AROUND: Readonly<Record<Lang, { readonly lead: string; readonly tail: string }>> = {
  en: { lead: EN_LEAD, tail: EN_TAIL },
  ja: { lead: JA_LEAD, tail: JA_TAIL },
};
const CODE = String.raw`0x[0-9a-f]{1,8}|[0-9a-f]{8}|-?\d{9,10}`;

const escapeRe = (s: string) => s.replace(/[.*+?^$\\/]/g, '\\$&');

/** One phrase of the table as an anchored pattern. */
export function compilePhrase(phrase: string, lang: Lang): RegExp {
  let out = '';
  const token = /\(([^()[\]]*)\)|\[([^()[\]]*)\]|\{(server|code)\}|([^([{]+)/g;
  for (const m of phrase.matchAll(token)) {
    if (m[1] !== undefined) out += `(?:${m[1].split('|').map(escapeRe).join('|')})?`;
    else if (m[2] !== undefined) out += `(?:${m[2].split('|').map(escapeRe).join('|')})`;
    else if (m[3] === 'server') out += `(?<server>${SERVER_NAME_PATTERN})`;
    else if (m[3] === 'code') out += `(?<code>${CODE})`;
    else out += escapeRe(m[4]!);
  }
  return new RegExp(`^${AROUND[lang].lead}${out}${AROUND[lang].tail}$`, 'iu');
}

const COMPILED = INTENTS.map((row) => ({ intent: row.intent, en: row.en.map((p) => compilePhrase(p, 'en')), ja: row.ja.map((p) => compilePhrase(p, 'ja')) }));

/** The message as the phrases are written: NFKC (full-width → ASCII), lower case, no end punctuation. */
function normalize(text: string): { en: string; ja: string } {
  const s = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[,、]/g, ' ')
    .replace(/[?!.。…~〜\s]+$/u, '')
    .trim()
    // 「サーバ」 and 「サーバー」 are both written.
    .replace(/サーバ(?!ー)/g, 'サーバー');
  return { en: s.replace(/\s+/g, ' '), ja: s.replace(/\s+/g, '') };
}

function intentOf(name: IntentName, groups: Record<string, string | undefined>): Intent | null {
  if (name === 'code') {
    const code = parseCodeArg(groups.code ?? '');
    return code ? { kind: 'code', code } : null;
  }
  if (name === 'server') {
    const server = asServerName(groups.server);
    return server ? { kind: 'server', name: server } : null;
  }
  if (name.startsWith('servers:')) return { kind: 'servers', which: name.slice('servers:'.length) as ServerList };
  return { kind: name } as Intent;
}

/** What the message asks, or null when it is no question of the table (a log, a sentence about something else). */
export function readIntent(text: string): Intent | null {
  if (text.trim().includes('\n')) return null; // a question is one line; more is a paste
  const n = normalize(text);
  if (n.en === '' || n.en.length > 200) return null;
  for (const row of COMPILED) {
    for (const [re, input] of [...row.en.map((r) => [r, n.en] as const), ...row.ja.map((r) => [r, n.ja] as const)]) {
      const m = re.exec(input);
      if (!m) continue;
      const intent = intentOf(row.intent, m.groups ?? {});
      if (intent) return intent;
    }
  }
  return null;
}
