/** `/kb954960 history` and `kb954960 history`: recent diagnoses, newest first, as terminal text and as Block Kit. */
import type { types } from '@slack/bolt';
import type { Lang } from '../lang.js';
import type { Verdict } from '../diagnose/diagnose.js';
import { context, escapeMrkdwn, header, section } from './blocks.js';
import { VERDICT_EMOJI } from './i18n.js';
import { msg } from './messages/index.js';
import { slackDate } from './slack-date.js';
import { textTime, UTC_TIMES, type TextTimes } from './times.js';
import { problemTitle } from './status-words.js';

/** What the history shows of a stored diagnosis (src/store/port.ts HistoryEntry fits; renderers know no store). */
export interface HistoryLine {
  readonly createdAt: string;
  readonly verdict: Verdict;
  readonly server: string | null;
  readonly origin: string;
  readonly sourceName: string | null;
  /** The Slack channel it came from (none for the CLI). */
  readonly channelId?: string | null;
  /** Other known problems of the diagnosis (pack ids). */
  readonly problems?: readonly string[];
  /** Failure codes no known problem explains. */
  readonly codes?: readonly string[];
}

/** As terminal text: verdict words in the reader's language, padded to one column for the terminal (the widest word fits). */
export function renderHistoryText(entries: readonly HistoryLine[], lang: Lang, times: TextTimes = UTC_TIMES): string {
  const m = msg(lang);
  if (entries.length === 0) return m.history.none;
  return entries
    .map((e) =>
      `${textTime(e.createdAt, times)}  ${m.verdictWord[e.verdict].padEnd(10)} ${(e.server ?? '-').padEnd(24)} ${e.origin.padEnd(8)} ${e.sourceName ?? ''}${alsoText(e, lang)}`.trimEnd(),
    )
    .join('\n');
}

export function renderHistoryBlocks(entries: readonly HistoryLine[], lang: Lang): types.KnownBlock[] {
  const m = msg(lang);
  if (entries.length === 0) return [header(m.history.title), section(renderHistoryText(entries, lang))];
  // Where each came from in words the reader knows ("paste in #wsus"), not the store's origin codes.
  const where = (e: HistoryLine) => {
    const how = m.originWord[e.origin] ?? e.origin;
    return e.channelId ? m.history.inChannel({ origin: how, channel: `<#${e.channelId}>` }) : how;
  };
  const rows = entries.map(
    (e) =>
      `${VERDICT_EMOJI[e.verdict]} ${slackDate(e.createdAt)} *${m.verdictWord[e.verdict]}* ${escapeMrkdwn(e.server ?? '—')} · ${where(e)}${escapeMrkdwn(alsoText(e, lang))}`,
  );
  return [header(m.history.title), section(rows.join('\n')), context(m.history.newestFirst)];
}

/** " — also: <problem titles, codes>" when the diagnosis found other known problems or failure codes. */
function alsoText(e: HistoryLine, lang: Lang): string {
  const also = [...(e.problems ?? []), ...(e.codes ?? [])].map((p) => problemTitle(p, lang));
  return also.length > 0 ? ` — ${msg(lang).history.also({ list: also.join(msg(lang).status.listSeparator) })}` : '';
}
