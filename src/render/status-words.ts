/**
 * What every rendering of the fleet status shares: bucket labels, counts, the next action and the quiet line in
 * words (from the catalogues, messages/), and fitting lists to whole lines ("and K more").
 */
import { lookupCode } from '../detect/result-codes.js';
import { PROBLEM_PACKS } from '../detect/problems/index.js';
import type { Lang } from '../lang.js';
import { VERIFY_COMMANDS } from '../kb954960.js';
import { FLEET_BUCKETS, type FleetBucket, type FleetStatus, type NextAction, type OtherProblemCount } from '../fleet/status.js';
import { escapeMrkdwn, truncate } from './blocks.js';
import { msg } from './messages/index.js';

export interface RenderOptions {
  /** Times are shown in this zone (Slack blocks use <!date> and show the reader's zone). Default UTC. */
  readonly timeZone?: string;
  /** Text for the terminal: times as ISO 8601 with the offset (times.ts). */
  readonly iso?: boolean;
  /** Servers named per state. */
  readonly top?: number;
  readonly topDetections?: number;
}

export const BUCKET_EMOJI: Readonly<Record<FleetBucket, string>> = {
  affected: ':red_circle:',
  'needs-sp1': ':large_orange_circle:',
  vulnerable: ':large_yellow_circle:',
  conflict: ':large_purple_circle:',
  unknown: ':white_circle:',
  'not-applicable': ':heavy_minus_sign:',
  fixed: ':large_green_circle:',
};

export function bucketLabel(b: FleetBucket, lang: Lang): string {
  const label = b === 'affected' ? `${msg(lang).bucketShort.affected} (${msg(lang).stateLabel.affected})` : msg(lang).stateLabel[b];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** A detection with no channel to name says how it came in instead: "from the CLI", "from the form" (its origin). */
export function fromOrigin(origin: string, lang: Lang): string {
  const m = msg(lang);
  return m.status.fromOrigin({ origin: m.originWord[origin] ?? origin });
}

export function num(n: number): string {
  return n.toLocaleString('en-US');
}

export function names(list: readonly string[], count: number, lang: Lang): string {
  const shown = list.map((n) => truncate(n, 40)).join(msg(lang).status.listSeparator);
  return count > list.length ? `${shown} ${msg(lang).status.more({ n: num(count - list.length) })}` : shown;
}

/** The one next action in words; `md` escapes the server names and formats code for mrkdwn. */
export function nextActionText(a: NextAction, lang: Lang, md = false): string {
  const list = names(a.servers, a.count, lang);
  const code = (s: string) => (md ? `\`${s}\`` : s);
  const rtm = a.rtmAmongThem ?? 0;
  return msg(lang).next[a.kind]({
    count: a.count,
    list: md ? escapeMrkdwn(list) : list,
    rtm,
    cmd: code(a.kind === 'fix-affected' ? VERIFY_COMMANDS.clientDetect : VERIFY_COMMANDS.registryVersion),
  });
}

/** "New detections in the last 24 h: 10 on 4 servers" (the servers part only when some server had several); ja counts 件 either way. */
export function newDetectionsHeading(s: FleetStatus, lang: Lang): string {
  const d = s.newDetections;
  const on = d.groups < d.total ? msg(lang).status.onServers({ servers: num(d.groups), count: d.groups }) : '';
  return `${msg(lang).status.newDetections({ h: s.windowHours })}: ${msg(lang).status.newDetectionCount({ n: num(d.total) })}${on}`;
}

export function countsLine(s: FleetStatus, lang: Lang): string {
  const parts = FLEET_BUCKETS.filter((b) => s.counts[b] > 0).map((b) => msg(lang).status.count({ n: num(s.counts[b]), label: msg(lang).bucketShort[b] }));
  const total = msg(lang).status.servers({ n: num(s.total), count: s.total });
  return parts.length > 0 ? `${total}: ${parts.join(msg(lang).status.listSeparator)}` : total;
}

export function needsAction(s: FleetStatus): boolean {
  return s.nextAction.kind !== 'none' && s.nextAction.kind !== 'no-servers';
}

/**
 * The quiet day, in one line; `link` (the download link, already formatted) follows when there is something to do.
 * A fleet the bot knows nothing of yet gets the 'no-servers' next action: how to tell it of a server.
 */
export function quietLine(s: FleetStatus, lang: Lang, md: boolean, link: string): string {
  const head = msg(lang).status.quietHead;
  if (s.total === 0) return msg(lang).status.quietEmpty({ head: md ? `*${head}*` : head, h: s.windowHours, next: nextActionText(s.nextAction, lang, md) });
  const act = needsAction(s);
  const next = act ? msg(lang).status.quietNext({ action: nextActionText(s.nextAction, lang, md) }) : '';
  const line = msg(lang).status.quiet({ head: md ? `*${head}*` : head, h: s.windowHours, counts: countsLine(s, lang), next });
  return act ? line + msg(lang).status.quietLink({ link }) : line;
}

/** Whole lines up to `max` items and `budget` characters, then "and K more" for the rest of `total`. Lines are made lazily. */
export function fitLines<T>(items: readonly T[], line: (item: T) => string, total: number, budget: number, more: (k: number) => string, max: number): string[] {
  const out: string[] = [];
  let used = 0;
  const reserve = more(Math.max(total, 1)).length + 1;
  for (const item of items) {
    if (out.length >= max) break;
    const text = line(item);
    const isLast = out.length + 1 === total;
    if (used + text.length + 1 + (isLast ? 0 : reserve) > budget) break;
    out.push(text);
    used += text.length + 1;
  }
  if (total > out.length) out.push(more(total - out.length));
  return out;
}

/** A problem pack's title; an id no pack has any more (renamed since it was recorded) is shown as it is. */
export function problemTitle(id: string, lang: Lang): string {
  const pack = PROBLEM_PACKS.find((p) => p.id === id);
  if (pack) return pack.title[lang];
  // A failure code no known problem explains stands for itself, named where the knowledge base knows it.
  const name = /^0x[0-9A-F]{8}$/.test(id) ? lookupCode(id).name : null;
  return name ? `${id} (${name})` : id;
}

/** "WSUS application pool stopped … in 4 logs since <date>": `date` formats the time; `md` escapes the title. */
export function otherProblemText(p: OtherProblemCount, lang: Lang, date: (iso: string) => string, md = false): string {
  const title = problemTitle(p.problem, lang);
  return msg(lang).status.problemOnServer({ title: md ? escapeMrkdwn(title) : title, n: num(p.logs), s: p.logs === 1 ? '' : 's', d: date(p.since) });
}
