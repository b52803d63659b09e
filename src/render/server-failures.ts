/**
 * The failures other than KB954960 a server has shown (known problems, codes nothing explains), for `server NAME` in
 * text and Block Kit: the same words as the status's "Other problems" lines.
 */
import type { types } from '@slack/bolt';
import type { Lang } from '../lang.js';
import { escapeMrkdwn, section } from './blocks.js';
import { msg } from './messages/index.js';
import { slackDate } from './slack-date.js';
import { num, problemTitle } from './status-words.js';

/** One failure of a server as stored (src/store/port.ts ServerFailure fits; renderers know no store). */
export interface FailureLine {
  readonly kind: 'problem' | 'code';
  readonly id: string;
  readonly logs: number;
  readonly since: string;
}

/** Lines listed at most; the rest are counted. */
const MAX_FAILURES = 10;

function lines(failures: readonly FailureLine[], lang: Lang, date: (iso: string) => string, md: boolean): string[] {
  const m = msg(lang);
  const out = failures.slice(0, MAX_FAILURES).map((f) => {
    const title = problemTitle(f.id, lang);
    return m.status.problemOnServer({ title: md ? escapeMrkdwn(title) : title, n: num(f.logs), s: f.logs === 1 ? '' : 's', d: date(f.since) });
  });
  if (failures.length > MAX_FAILURES) out.push(m.andMore({ n: failures.length - MAX_FAILURES }));
  return out;
}

/** Terminal text: a title line and one indented line per failure; nothing when there are none. */
export function serverFailuresText(failures: readonly FailureLine[], lang: Lang): string {
  if (failures.length === 0) return '';
  return [`  ${msg(lang).serverFacts.otherFailures}:`, ...lines(failures, lang, (iso) => iso.slice(0, 10), false).map((l) => `    ${l}`)].join('\n');
}

/** One section for the server's Block Kit view; none when there are none. */
export function serverFailuresBlocks(failures: readonly FailureLine[], lang: Lang): types.KnownBlock[] {
  if (failures.length === 0) return [];
  const items = lines(failures, lang, (iso) => slackDate(iso, '{date_short_pretty}'), true).map((l) => `• ${l}`);
  return [section(`*${msg(lang).serverFacts.otherFailures}*\n${items.join('\n')}`)];
}
