import type { Lang } from '../detect/types.js';
import type { Verdict } from '../diagnose/diagnose.js';
import { assessServer, isAffectedNow, type ServerFacts } from '../diagnose/server-state.js';
import { context, escapeMrkdwn, header, section } from './blocks.js';
import type { types } from '@slack/bolt';
import { noteText, VERDICT_EMOJI } from './i18n.js';
import { msg } from './messages/index.js';
import { slackDate } from './slack-date.js';
import { problemTitle } from './status-words.js';

/** What the history shows of a stored diagnosis (db/store.ts HistoryEntry fits; renderers know no store). */
export interface HistoryLine {
  readonly createdAt: string;
  readonly verdict: Verdict;
  readonly server: string | null;
  readonly origin: string;
  readonly sourceName: string | null;
  /** Other known problems of the diagnosis (pack ids). */
  readonly problems?: readonly string[];
}

/** A server as the bot tells it: state and the facts it rests on. */
export function renderServerText(f: ServerFacts, lang: Lang): string {
  const m = msg(lang);
  const { state, reason, conflict } = assessServer(f);
  const lines = [`${f.name}: ${m.stateLabel[state]}${isAffectedNow(f) ? ` — ${m.stateLabel.affected}` : ''}`];
  // Why it does not apply, or which facts contradict: one line, the same words as in a diagnosis.
  if (reason) lines.push(`  ${noteText({ kind: 'not-applicable', reason }, lang)}`);
  if (conflict) lines.push(`  ${noteText({ kind: 'conflict', ...conflict }, lang)}`);
  const fact = (label: string, value: string | null | undefined, at: string | null | undefined) =>
    lines.push(`  ${label}: ${value ?? m.serverFacts.notKnown}${value && at ? ` (${at})` : ''}`);
  fact(m.serverFacts.dll, f.dllVersion, f.dllVersionAt);
  fact(m.serverFacts.wsusVersion, f.wsusVersion, f.wsusVersionAt);
  fact(m.serverFacts.fixEvent, f.fixEventAt ? m.serverFacts.fixEventSeen : null, f.fixEventAt);
  fact(m.serverFacts.lastAffected, f.lastAffectedAt, null);
  return lines.join('\n');
}

export function renderServerBlocks(f: ServerFacts, lang: Lang): types.KnownBlock[] {
  return [header(f.name), section(escapeMrkdwn(renderServerText(f, lang)).replace(/^[^\n]*\n/, ''))];
}

/** Verdict words in the reader's language, padded to one column for the terminal (the widest word fits). */
export function renderHistoryText(entries: readonly HistoryLine[], lang: Lang): string {
  const m = msg(lang);
  if (entries.length === 0) return m.history.none;
  return entries
    .map((e) => `${e.createdAt.replace('T', ' ').slice(0, 19)}  ${m.verdictWord[e.verdict].padEnd(10)} ${(e.server ?? '-').padEnd(24)} ${e.origin.padEnd(8)} ${e.sourceName ?? ''}${alsoText(e, lang)}`.trimEnd())
    .join('\n');
}

export function renderHistoryBlocks(entries: readonly HistoryLine[], lang: Lang): types.KnownBlock[] {
  const m = msg(lang);
  if (entries.length === 0) return [header(m.history.title), section(renderHistoryText(entries, lang))];
  const rows = entries.map(
    (e) => `${VERDICT_EMOJI[e.verdict]} ${slackDate(e.createdAt)} *${m.verdictWord[e.verdict]}* ${escapeMrkdwn(e.server ?? '—')} _${e.origin}_${escapeMrkdwn(alsoText(e, lang))}`,
  );
  return [header(m.history.title), section(rows.join('\n')), context(m.history.newestFirst)];
}

/** " — also: <problem titles>" when the diagnosis found other known problems. */
function alsoText(e: HistoryLine, lang: Lang): string {
  const problems = e.problems ?? [];
  return problems.length > 0 ? ` — ${msg(lang).history.also({ list: problems.map((p) => problemTitle(p, lang)).join(msg(lang).status.listSeparator) })}` : '';
}
