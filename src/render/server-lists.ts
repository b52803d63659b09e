/**
 * "Which servers are affected / not fixed / silent?": the fleet's servers of one kind, in a few lines. The buckets are
 * the status post's (src/fleet/status.ts), so a list and `/kb954960 status` never disagree about a server.
 */
import type { Lang } from '../lang.js';
import { STATUS, type FleetBucket } from '../fleet/status.js';
import { context, escapeMrkdwn, section, truncate, type SlackMessage } from './blocks.js';
import { msg } from './messages/index.js';
import { slackDate } from './slack-date.js';
import { BUCKET_EMOJI, names, nextActionText, num } from './status-words.js';

/** Servers listed (one a line); the rest are counted ("and K more"). Within Slack's 3,000 characters a section. */
const TOP = 15;
/** Servers named per bucket line of "not fixed" (five buckets at most). */
const TOP_PER_BUCKET = 10;

export interface ListedServer {
  readonly name: string;
  readonly bucket: FleetBucket;
  /** Affected: when the current episode began. */
  readonly affectedSince?: string | null;
  /** Silent: when the bot last heard of it (a log or a recorded fact). */
  readonly lastHeardAt?: string | null;
}

export type ServerListAnswer =
  | { readonly which: 'affected' | 'not-fixed'; readonly total: number; readonly servers: readonly ListedServer[] }
  | { readonly which: 'silent'; readonly total: number; readonly hours: number; readonly servers: readonly ListedServer[] };

/** The answer in a section or two; the `text` fallback is the same words. */
export function renderServerListAnswer(a: ServerListAnswer, lang: Lang): SlackMessage {
  const m = msg(lang);
  const of = m.status.servers({ n: num(a.total), count: a.total });
  const n = num(a.servers.length);
  const md = (name: string) => `*${escapeMrkdwn(truncate(name, STATUS.nameChars))}*`;
  let lines: string[] = [];
  let note: string | null = null;
  if (a.total === 0) {
    lines = [nextActionText({ kind: 'no-servers', count: 0, servers: [] }, lang, true)];
  } else if (a.which === 'affected') {
    const since = (s: ListedServer) => (s.affectedSince ? ` (${m.status.since({ d: slackDate(s.affectedSince, '{date_short_pretty}') })})` : '');
    lines =
      a.servers.length === 0
        ? [`${BUCKET_EMOJI.fixed} ${m.converse.noneAffected({ of })}`]
        : [
            `${BUCKET_EMOJI.affected} *${m.converse.affectedTitle({ n, of })}*`,
            ...fitted(
              a.servers.map((s) => `${md(s.name)}${since(s)}`),
              lang,
            ),
          ];
  } else if (a.which === 'not-fixed') {
    if (a.servers.length === 0) {
      lines = [`${BUCKET_EMOJI.fixed} ${nextActionText({ kind: 'none', count: 0, servers: [] }, lang, true)}`];
    } else {
      // One line per bucket, most urgent first: what each group still needs differs.
      const buckets = [...new Set(a.servers.map((s) => s.bucket))];
      lines = [
        `*${m.converse.notFixedTitle({ n, of })}*`,
        ...buckets.map((b) => {
          const list = a.servers.filter((s) => s.bucket === b).map((s) => s.name);
          return `${BUCKET_EMOJI[b]} ${m.bucketShort[b]}: ${escapeMrkdwn(names(list.slice(0, TOP_PER_BUCKET), list.length, lang))}`;
        }),
      ];
    }
  } else if (a.which === 'silent') {
    const h = a.hours;
    if (a.servers.length === 0) {
      lines = [m.converse.noneSilent({ of, h })];
    } else {
      const heard = (s: ListedServer) => (s.lastHeardAt ? ` — ${m.converse.lastHeard({ d: slackDate(s.lastHeardAt) })}` : '');
      lines = [
        `*${m.converse.silentTitle({ n, of, h })}*`,
        ...fitted(
          a.servers.map((s) => `${BUCKET_EMOJI[s.bucket]} ${md(s.name)}${heard(s)}`),
          lang,
        ),
      ];
      note = m.converse.silentNote;
    }
  }
  const body = lines.join('\n');
  return { text: [body, ...(note ? [note] : [])].join('\n'), blocks: [section(body), ...(note ? [context(note)] : [])] };
}

/** At most TOP lines, then "and K more". */
function fitted(lines: readonly string[], lang: Lang): string[] {
  return lines.length > TOP ? [...lines.slice(0, TOP), msg(lang).status.more({ n: num(lines.length - TOP) })] : [...lines];
}
