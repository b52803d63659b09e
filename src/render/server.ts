import type { Lang } from '../detect/types.js';
import type { Verdict } from '../diagnose/diagnose.js';
import { assessServer, isAffectedNow, type ServerFacts } from '../diagnose/server-state.js';
import { FIXED_DLL_VERSION } from '../kb954960.js';
import { context, escapeMrkdwn, header, section } from './blocks.js';
import type { types } from '@slack/bolt';
import { noteText, STATE_LABEL, VERDICT_EMOJI, VERDICT_WORD } from './i18n.js';
import { slackDate } from './slack-date.js';

/** What the history shows of a stored diagnosis (db/store.ts HistoryEntry fits; renderers know no store). */
export interface HistoryLine {
  readonly createdAt: string;
  readonly verdict: Verdict;
  readonly server: string | null;
  readonly origin: string;
  readonly sourceName: string | null;
}

/** A server as the bot tells it: state and the facts it rests on. */
export function renderServerText(f: ServerFacts, lang: Lang): string {
  const ja = lang === 'ja';
  const { state, reason, conflict } = assessServer(f);
  const lines = [`${f.name}: ${STATE_LABEL[state][lang]}${isAffectedNow(f) ? ` — ${STATE_LABEL.affected[lang]}` : ''}`];
  // Why it does not apply, or which facts contradict: one line, the same words as in a diagnosis.
  if (reason) lines.push(`  ${noteText({ kind: 'not-applicable', reason }, lang)}`);
  if (conflict) lines.push(`  ${noteText({ kind: 'conflict', ...conflict }, lang)}`);
  const fact = (label: string, value: string | null | undefined, at: string | null | undefined) =>
    lines.push(`  ${label}: ${value ?? (ja ? '未確認' : 'not known')}${value && at ? ` (${at})` : ''}`);
  fact(ja ? `クライアント Web サービス DLL (修正済みは ${FIXED_DLL_VERSION})` : `client web service DLL (fixed: ${FIXED_DLL_VERSION})`, f.dllVersion, f.dllVersionAt);
  fact(ja ? 'WSUS バージョン' : 'WSUS version', f.wsusVersion, f.wsusVersionAt);
  fact(ja ? 'MsiInstaller イベント 1022 (KB954960)' : 'MsiInstaller event 1022 (KB954960)', f.fixEventAt ? (ja ? 'あり' : 'seen') : null, f.fixEventAt);
  fact(ja ? '最後に KB954960 を検出' : 'KB954960 last seen', f.lastAffectedAt, null);
  return lines.join('\n');
}

export function renderServerBlocks(f: ServerFacts, lang: Lang): types.KnownBlock[] {
  return [header(f.name), section(escapeMrkdwn(renderServerText(f, lang)).replace(/^[^\n]*\n/, ''))];
}

export function renderHistoryText(entries: readonly HistoryLine[], lang: Lang): string {
  if (entries.length === 0) return lang === 'ja' ? '履歴はまだありません。' : 'No diagnoses yet.';
  return entries
    .map((e) => `${e.createdAt.replace('T', ' ').slice(0, 19)}  ${e.verdict.padEnd(10)} ${(e.server ?? '-').padEnd(24)} ${e.origin.padEnd(8)} ${e.sourceName ?? ''}`.trimEnd())
    .join('\n');
}

export function renderHistoryBlocks(entries: readonly HistoryLine[], lang: Lang): types.KnownBlock[] {
  const title = lang === 'ja' ? 'KB954960 の診断履歴' : 'KB954960 diagnoses';
  if (entries.length === 0) return [header(title), section(renderHistoryText(entries, lang))];
  const rows = entries.map(
    (e) => `${VERDICT_EMOJI[e.verdict]} ${slackDate(e.createdAt)} *${VERDICT_WORD[e.verdict][lang]}* ${escapeMrkdwn(e.server ?? '—')} _${e.origin}_`,
  );
  return [header(title), section(rows.join('\n')), context(lang === 'ja' ? '新しい順' : 'Newest first')];
}
