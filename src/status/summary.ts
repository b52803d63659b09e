/**
 * The fleet status: what the daily post and `/kb954960 status` say. Pure: facts in, a FleetStatus out, then text,
 * Block Kit or JSON. Everything bounded: however large the fleet, the message stays within Slack's limits because
 * lists are cut to whole lines ("and K more"), never truncated mid-block.
 */
import type { Lang } from '../detect/types.js';
import { fixedSince, isAffectedNow, serverState, type ServerFacts, type ServerState } from '../diagnose/server-state.js';
import { FIXED_DLL_VERSION, KB, linksFor, VERIFY_COMMANDS } from '../kb954960.js';
import { context, escapeMrkdwn, header, LIMITS, linkButtons, truncate, type Block } from '../render/blocks.js';
import { STATE_LABEL } from '../render/i18n.js';
import { formatLocal, localParts } from './time.js';

/** Store → message: lives in query.ts (it reads the store); re-exported here for callers that think of it as the summary. */
export { loadFleetStatus, statusMessage, statusMessageWithLinks } from './query.js';

/** Knobs of the post. */
export const STATUS = {
  /** "Affected for more than N days". */
  longAffectedDays: 7,
  /** "New detections in the last N hours". */
  windowHours: 24,
  /** Servers named per state in the post (the rest: "and K more"). */
  topPerState: 10,
  /** Detections listed in the post. */
  topDetections: 10,
  /** A server name longer than this is shortened when shown (names come from logs). */
  nameChars: 80,
  /** Room kept under Slack's 3,000-character section limit. */
  sectionBudget: 2900,
  /** The Slack `text` fallback (notifications, screen readers) stays short. */
  fallbackChars: 3000,
} as const;

/** Each server is in exactly one bucket: `affected` first (failing now, whatever its version), then its state. */
export type FleetBucket = 'affected' | ServerState;
/** Most urgent first. */
export const FLEET_BUCKETS: readonly FleetBucket[] = ['affected', 'needs-sp1', 'vulnerable', 'unknown', 'fixed'];

export interface FleetServer {
  readonly name: string;
  readonly state: ServerState;
  readonly bucket: FleetBucket;
  readonly lastAffectedAt: string | null;
  /** Affected: when the current episode began (first signature after the last fix), else null. */
  readonly affectedSince: string | null;
  /** Affected: whole days since affectedSince. */
  readonly affectedDays: number | null;
  readonly fixedSince: string | null;
}

/** The minimum of a stored diagnosis the post needs (db/store.ts HistoryEntry fits). */
export interface DetectionEntry {
  readonly id: number;
  readonly createdAt: string;
  readonly server: string | null;
  readonly channelId: string | null;
  readonly messageTs: string | null;
  readonly replyTs: string | null;
}

export interface Detection {
  readonly id: number;
  readonly at: string;
  readonly server: string | null;
  readonly channelId: string | null;
  /** The message whose thread holds the diagnosis. */
  readonly threadTs: string | null;
  readonly permalink: string | null;
}

export type NextActionKind = 'fix-affected' | 'sp1-then-fix' | 'install-fix' | 'check-versions' | 'none' | 'no-servers';

export interface NextAction {
  readonly kind: NextActionKind;
  /** How many servers it concerns, and the first few of them. */
  readonly count: number;
  readonly servers: readonly string[];
  /** fix-affected: some of them run WSUS 3.0 RTM (SP1 first). */
  readonly rtmAmongThem?: number;
}

export interface FleetStatus {
  readonly kb: typeof KB;
  readonly generatedAt: string;
  readonly windowHours: number;
  readonly total: number;
  readonly counts: Readonly<Record<FleetBucket, number>>;
  /** Every server, per bucket, most urgent first within a bucket (affected: longest affected first; others by name). */
  readonly servers: Readonly<Record<FleetBucket, readonly FleetServer[]>>;
  readonly newDetections: { readonly total: number; readonly entries: readonly Detection[] };
  readonly longAffected: { readonly days: number; readonly servers: readonly FleetServer[] };
  readonly nextAction: NextAction;
  /** No new detection in the window and nothing affected: the post is one line. */
  readonly quiet: boolean;
}

export interface FleetInput {
  readonly servers: readonly ServerFacts[];
  readonly newDetections: { readonly entries: readonly DetectionEntry[]; readonly total: number };
  readonly now: Date;
  /** Per server, when its current affected episode began (from the diagnoses); defaults to lastAffectedAt. */
  readonly affectedSince?: ReadonlyMap<string, string>;
  /** Per diagnosis id, the thread's permalink (chat.getPermalink). */
  readonly permalinks?: ReadonlyMap<number, string>;
  readonly longAffectedDays?: number;
  readonly windowHours?: number;
}

const DAY_MS = 86_400_000;

export function buildFleetStatus(input: FleetInput): FleetStatus {
  const now = input.now.getTime();
  const longDays = input.longAffectedDays ?? STATUS.longAffectedDays;
  const servers: Record<FleetBucket, FleetServer[]> = { affected: [], 'needs-sp1': [], vulnerable: [], unknown: [], fixed: [] };
  for (const f of input.servers) {
    const state = serverState(f);
    const affected = isAffectedNow(f);
    const last = f.lastAffectedAt ?? null;
    let since: string | null = null;
    if (affected && last) {
      const first = input.affectedSince?.get(f.name);
      since = first && first < last ? first : last;
    }
    servers[affected ? 'affected' : state].push({
      name: f.name,
      state,
      bucket: affected ? 'affected' : state,
      lastAffectedAt: last,
      affectedSince: since,
      affectedDays: since ? Math.max(0, Math.floor((now - Date.parse(since)) / DAY_MS)) : null,
      fixedSince: fixedSince(f) ?? null,
    });
  }
  const byName = (a: FleetServer, b: FleetServer) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const b of FLEET_BUCKETS) servers[b].sort(byName);
  servers.affected.sort((a, b) => (a.affectedSince! < b.affectedSince! ? -1 : a.affectedSince! > b.affectedSince! ? 1 : byName(a, b)));
  const counts = Object.fromEntries(FLEET_BUCKETS.map((b) => [b, servers[b].length])) as Record<FleetBucket, number>;
  const longAffected = servers.affected.filter((s) => s.affectedSince !== null && now - Date.parse(s.affectedSince) > longDays * DAY_MS);

  const entries: Detection[] = input.newDetections.entries.map((e) => ({
    id: e.id,
    at: e.createdAt,
    server: e.server,
    channelId: e.channelId,
    threadTs: e.messageTs ?? e.replyTs,
    permalink: input.permalinks?.get(e.id) ?? null,
  }));
  const newDetections = { total: Math.max(input.newDetections.total, entries.length), entries };

  return {
    kb: KB,
    generatedAt: input.now.toISOString(),
    windowHours: input.windowHours ?? STATUS.windowHours,
    total: input.servers.length,
    counts,
    servers,
    newDetections,
    longAffected: { days: longDays, servers: longAffected },
    nextAction: nextAction(servers, input.servers.length),
    quiet: newDetections.total === 0 && counts.affected === 0,
  };
}

/** The one thing to do next, most urgent first. */
function nextAction(servers: Readonly<Record<FleetBucket, readonly FleetServer[]>>, total: number): NextAction {
  const pick = (kind: NextActionKind, list: readonly FleetServer[], extra: Partial<NextAction> = {}): NextAction => ({
    kind,
    count: list.length,
    servers: list.slice(0, 3).map((s) => s.name),
    ...extra,
  });
  if (servers.affected.length > 0) return pick('fix-affected', servers.affected, { rtmAmongThem: servers.affected.filter((s) => s.state === 'needs-sp1').length });
  if (servers['needs-sp1'].length > 0) return pick('sp1-then-fix', servers['needs-sp1']);
  if (servers.vulnerable.length > 0) return pick('install-fix', servers.vulnerable);
  if (servers.unknown.length > 0) return pick('check-versions', servers.unknown);
  return { kind: total === 0 ? 'no-servers' : 'none', count: 0, servers: [] };
}

/** The same status with permalinks filled in (after chat.getPermalink). */
export function withPermalinks(status: FleetStatus, permalinks: ReadonlyMap<number, string>): FleetStatus {
  return {
    ...status,
    newDetections: { ...status.newDetections, entries: status.newDetections.entries.map((e) => ({ ...e, permalink: permalinks.get(e.id) ?? e.permalink })) },
  };
}

// ── words ──────────────────────────────────────────────────────────────────────────────────────────

const BUCKET_EMOJI: Readonly<Record<FleetBucket, string>> = {
  affected: ':red_circle:',
  'needs-sp1': ':large_orange_circle:',
  vulnerable: ':large_yellow_circle:',
  unknown: ':white_circle:',
  fixed: ':large_green_circle:',
};

const BUCKET_SHORT: Readonly<Record<FleetBucket, Readonly<Record<Lang, string>>>> = {
  affected: { en: 'affected', ja: '該当' },
  'needs-sp1': { en: 'RTM (SP1 needed)', ja: 'RTM (SP1 が必要)' },
  vulnerable: { en: 'SP1 without verified fix', ja: 'SP1 修正未確認' },
  unknown: { en: 'version unknown', ja: 'バージョン不明' },
  fixed: { en: 'fixed', ja: '修正済み' },
};

function bucketLabel(b: FleetBucket, lang: Lang): string {
  const label = b === 'affected' ? `${BUCKET_SHORT.affected[lang]} (${STATE_LABEL.affected[lang]})` : STATE_LABEL[b][lang];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const W = {
  title: { en: 'KB954960 fleet status', ja: 'KB954960 フリートの状況' },
  total: { en: 'Servers known', ja: '把握しているサーバー' },
  nextAction: { en: 'Next action', ja: '次の対応' },
  newDetections: { en: 'New detections in the last {h} h', ja: '過去 {h} 時間の新しい検出' },
  noNewDetections: { en: 'No new detections in the last {h} h.', ja: '過去 {h} 時間に新しい検出はありません。' },
  longAffected: { en: 'Affected for more than {d} days', ja: '{d} 日以上該当したまま' },
  more: { en: 'and {n} more', ja: 'ほか {n} 件' },
  since: { en: 'since {d}', ja: '{d} 以降' },
  days: { en: '{n} days', ja: '{n} 日' },
  thread: { en: 'thread', ja: 'スレッド' },
  noServerName: { en: '(server not named)', ja: '(サーバー名なし)' },
  viaCli: { en: 'from the CLI', ja: 'CLI から' },
  generated: { en: 'As of {t}. Details: `/kb954960 server NAME` · `kb954960 status --json`', ja: '{t} 時点。詳細: `/kb954960 server NAME` · `kb954960 status --json`' },
  download: { en: 'Download KB954960', ja: 'KB954960 をダウンロード' },
} as const satisfies Record<string, Readonly<Record<Lang, string>>>;

function w(key: keyof typeof W, lang: Lang, params: Record<string, string | number> = {}): string {
  return W[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

function names(list: readonly string[], count: number, lang: Lang): string {
  const shown = list.map((n) => truncate(n, 40)).join(', ');
  return count > list.length ? `${shown} ${w('more', lang, { n: count - list.length })}` : shown;
}

/** The one next action in words; `md` escapes the server names and formats code for mrkdwn. */
export function nextActionText(a: NextAction, lang: Lang, md = false): string {
  const ja = lang === 'ja';
  const esc = md ? escapeMrkdwn : (s: string) => s;
  const list = esc(names(a.servers, a.count, lang));
  const code = (s: string) => (md ? `\`${s}\`` : s);
  const plural = a.count === 1 ? '' : 's';
  switch (a.kind) {
    case 'fix-affected': {
      const rtm = a.rtmAmongThem ?? 0;
      const sp1 = rtm > 0 ? (ja ? ` (うち ${rtm} 台は WSUS 3.0 RTM: 先に SP1)` : ` (${rtm} of them WSUS 3.0 RTM: SP1 first)`) : '';
      return ja
        ? `該当している ${a.count} 台 (${list}) に KB954960 を適用してください${sp1}。適用後、クライアント Web サービスの DLL が ${FIXED_DLL_VERSION} であることを確認し、クライアントで ${code(VERIFY_COMMANDS.clientDetect)} を実行します。`
        : `Fix the ${a.count} affected server${plural} (${list}): install KB954960${sp1}, check that the client web service DLL is ${FIXED_DLL_VERSION}, then run ${code(VERIFY_COMMANDS.clientDetect)} on a client.`;
    }
    case 'sp1-then-fix':
      return ja
        ? `WSUS 3.0 RTM の ${a.count} 台 (${list}) に先に WSUS 3.0 SP1 をインストールし、その後 KB954960 を適用してください (修正は SP1 にのみ適用できます)。`
        : `Install WSUS 3.0 SP1 on the ${a.count} RTM server${plural} (${list}), then KB954960 — the fix installs only on SP1.`;
    case 'install-fix':
      return ja
        ? `修正が確認できていない SP1 サーバー ${a.count} 台 (${list}) に KB954960 を適用し、DLL が ${FIXED_DLL_VERSION} であることを確認してください。`
        : `Install KB954960 on the ${a.count} SP1 server${plural} without a verified fix (${list}), then check that the DLL is ${FIXED_DLL_VERSION}.`;
    case 'check-versions':
      return ja
        ? `バージョン不明の ${a.count} 台 (${list}) で ${code(VERIFY_COMMANDS.registryVersion)} を実行し、出力をボットに貼り付けてください。`
        : `Find out the version of the ${a.count} server${plural} of unknown version (${list}): run ${code(VERIFY_COMMANDS.registryVersion)} and paste the output to the bot.`;
    case 'none':
      return ja ? '対応は不要です。把握しているすべてのサーバーに修正が適用されています。' : 'Nothing to do: every known server has the fix.';
    case 'no-servers':
      return ja
        ? 'まだサーバーの情報がありません。WindowsUpdate.log や SoftwareDistribution.log をボットに貼り付けるか、`server NAME wsus VERSION` で記録してください。'
        : 'No servers known yet: paste a WindowsUpdate.log or SoftwareDistribution.log to the bot, or record one with `server NAME wsus VERSION`.';
  }
}

function countsLine(s: FleetStatus, lang: Lang): string {
  const ja = lang === 'ja';
  const parts = FLEET_BUCKETS.filter((b) => s.counts[b] > 0).map((b) => (ja ? `${BUCKET_SHORT[b][lang]} ${num(s.counts[b])}` : `${num(s.counts[b])} ${BUCKET_SHORT[b][lang]}`));
  const total = ja ? `サーバー ${num(s.total)} 台` : `${num(s.total)} server${s.total === 1 ? '' : 's'}`;
  return parts.length > 0 ? `${total}: ${parts.join(ja ? '、' : ', ')}` : total;
}

function needsAction(s: FleetStatus): boolean {
  return s.nextAction.kind !== 'none' && s.nextAction.kind !== 'no-servers';
}

/** The quiet day, in one line. */
function quietLine(s: FleetStatus, lang: Lang, md: boolean): string {
  const ja = lang === 'ja';
  const head = ja ? 'KB954960 — 静かな一日' : 'KB954960 — quiet day';
  const quiet = ja ? `過去 ${s.windowHours} 時間に新しい検出はなく、該当中のサーバーもありません` : `no new detections in the last ${s.windowHours} h, no server affected`;
  const act = needsAction(s) ? `${ja ? '次: ' : ' Next: '}${nextActionText(s.nextAction, lang, md)}` : '';
  return `${md ? `*${head}*` : head}: ${quiet}${ja ? '。' : '. '}${countsLine(s, lang)}${ja ? '。' : '.'}${act}`;
}

export interface RenderOptions {
  /** Times are shown in this zone (Slack blocks use <!date> and show the reader's zone). Default UTC. */
  readonly timeZone?: string;
  /** Servers named per state. */
  readonly top?: number;
  readonly topDetections?: number;
}

/** Whole lines up to `max` items and `budget` characters, then "and K more" for the rest of `total`. Lines are made lazily. */
function fitLines<T>(items: readonly T[], line: (item: T) => string, total: number, budget: number, more: (k: number) => string, max: number): string[] {
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

function dateOf(iso: string, tz: string): string {
  return formatLocal(iso, tz).slice(0, 10);
}

// ── text (terminal) ────────────────────────────────────────────────────────────────────────────────

export function renderStatusText(status: FleetStatus, lang: Lang, options: RenderOptions = {}): string {
  const tz = options.timeZone ?? 'UTC';
  const top = options.top ?? STATUS.topPerState;
  const topDet = options.topDetections ?? STATUS.topDetections;
  const links = linksFor(lang);
  if (status.quiet) {
    return `${quietLine(status, lang, false)}${needsAction(status) ? `${lang === 'ja' ? '' : ' '}${w('download', lang)}: ${links.download}` : ''}`;
  }
  const more = (k: number) => `  … ${w('more', lang, { n: num(k) })}`;
  const name = (n: string | null) => (n === null ? w('noServerName', lang) : truncate(n, STATUS.nameChars));
  const out: string[] = [`${W.title[lang]} — ${formatLocal(status.generatedAt, tz)} (${tz})`, countsLine(status, lang), ''];
  out.push(`${w('nextAction', lang)}: ${nextActionText(status.nextAction, lang)}`, '');

  const d = status.newDetections;
  if (d.total === 0) out.push(w('noNewDetections', lang, { h: status.windowHours }));
  else {
    out.push(`${w('newDetections', lang, { h: status.windowHours })}: ${num(d.total)}`);
    const line = (e: Detection) => `  ${formatLocal(e.at, tz)}  ${name(e.server)}${e.permalink ? `  ${e.permalink}` : e.channelId ? `  (${e.channelId})` : `  (${w('viaCli', lang)})`}`;
    out.push(...fitLines(d.entries, line, d.total, Number.MAX_SAFE_INTEGER, more, topDet));
  }
  if (status.longAffected.servers.length > 0) {
    const l = status.longAffected;
    out.push('', `${w('longAffected', lang, { d: l.days })}: ${num(l.servers.length)}`);
    const line = (s: FleetServer) => `  ${name(s.name)} — ${w('since', lang, { d: dateOf(s.affectedSince!, tz) })} (${w('days', lang, { n: s.affectedDays ?? 0 })})`;
    out.push(...fitLines(l.servers, line, l.servers.length, Number.MAX_SAFE_INTEGER, more, top));
  }
  for (const b of FLEET_BUCKETS) {
    const list = status.servers[b];
    if (list.length === 0) continue;
    out.push('', `${bucketLabel(b, lang)}: ${num(list.length)}`);
    const line = (s: FleetServer) => (b === 'affected' && s.lastAffectedAt ? `  ${name(s.name)} — ${formatLocal(s.lastAffectedAt, tz)}` : `  ${name(s.name)}`);
    out.push(...fitLines(list, line, list.length, Number.MAX_SAFE_INTEGER, more, top));
  }
  out.push('', `${w('download', lang)}: ${links.download}`, `KB954960: ${links.kb}`);
  return out.join('\n');
}

// ── Block Kit ──────────────────────────────────────────────────────────────────────────────────────

/** `<!date^…>`: Slack shows it in the reader's own time zone; the fallback is the given zone's form. */
function slackDate(iso: string, format: '{date_short_pretty} {time}' | '{date_short_pretty}', tz: string): string {
  const unix = Math.floor(Date.parse(iso) / 1000);
  const fallback = format === '{date_short_pretty}' ? dateOf(iso, tz) : formatLocal(iso, tz);
  return `<!date^${unix}^${format}|${fallback}>`;
}

function sectionOf(text: string): Block {
  // The text was built to fit; truncate() is only a last guard and never fires on what this module builds.
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
}

export function renderStatusBlocks(status: FleetStatus, lang: Lang, options: RenderOptions = {}): { text: string; blocks: Block[] } {
  const tz = options.timeZone ?? 'UTC';
  const top = options.top ?? STATUS.topPerState;
  const topDet = options.topDetections ?? STATUS.topDetections;
  const links = linksFor(lang);
  const fallback = statusFallbackText(status, lang, tz);

  if (status.quiet) {
    const line = quietLine(status, lang, true) + (needsAction(status) ? `${lang === 'ja' ? '' : ' '}<${links.download}|${w('download', lang)}>` : '');
    return { text: fallback, blocks: [sectionOf(line)] };
  }

  const budget = STATUS.sectionBudget;
  const more = (k: number) => `_${w('more', lang, { n: num(k) })}_`;
  const name = (n: string | null) => (n === null ? w('noServerName', lang) : escapeMrkdwn(truncate(n, STATUS.nameChars)));
  const blocks: Block[] = [header(`${W.title[lang]} — ${localParts(new Date(status.generatedAt), tz).date}`)];

  blocks.push({
    type: 'section',
    fields: [
      ...FLEET_BUCKETS.map((b) => ({ type: 'mrkdwn', text: `${BUCKET_EMOJI[b]} *${bucketLabel(b, lang)}*\n${num(status.counts[b])}` })),
      { type: 'mrkdwn', text: `*${w('total', lang)}*\n${num(status.total)}` },
    ],
  });
  blocks.push(sectionOf(`:point_right: *${w('nextAction', lang)}*\n${nextActionText(status.nextAction, lang, true)}`));

  const d = status.newDetections;
  if (d.total === 0) blocks.push(sectionOf(w('noNewDetections', lang, { h: status.windowHours })));
  else {
    const title = `*${w('newDetections', lang, { h: status.windowHours })}: ${num(d.total)}*`;
    const line = (e: Detection) => {
      const where = e.permalink ? `<${e.permalink}|${w('thread', lang)}>` : e.channelId ? `<#${e.channelId}>` : `_${w('viaCli', lang)}_`;
      return `• ${slackDate(e.at, '{date_short_pretty} {time}', tz)} *${name(e.server)}* — ${where}`;
    };
    blocks.push(sectionOf([title, ...fitLines(d.entries, line, d.total, budget - title.length - 1, more, topDet)].join('\n')));
  }

  const l = status.longAffected;
  if (l.servers.length > 0) {
    const title = `:hourglass: *${w('longAffected', lang, { d: l.days })}: ${num(l.servers.length)}*`;
    const line = (s: FleetServer) =>
      `• *${name(s.name)}* — ${w('since', lang, { d: slackDate(s.affectedSince!, '{date_short_pretty}', tz) })} (${w('days', lang, { n: s.affectedDays ?? 0 })})`;
    blocks.push(sectionOf([title, ...fitLines(l.servers, line, l.servers.length, budget - title.length - 1, more, top)].join('\n')));
  }

  for (const b of FLEET_BUCKETS) {
    const list = status.servers[b];
    if (list.length === 0) continue;
    const title = `${BUCKET_EMOJI[b]} *${bucketLabel(b, lang)}: ${num(list.length)}*`;
    const line = (s: FleetServer) =>
      b === 'affected' && s.lastAffectedAt ? `• ${name(s.name)} — ${slackDate(s.lastAffectedAt, '{date_short_pretty} {time}', tz)}` : `• ${name(s.name)}`;
    blocks.push(sectionOf([title, ...fitLines(list, line, list.length, budget - title.length - 1, more, top)].join('\n')));
  }

  blocks.push(context(w('generated', lang, { t: slackDate(status.generatedAt, '{date_short_pretty} {time}', tz) })));
  blocks.push(linkButtons(lang));
  return { text: fallback, blocks: blocks.slice(0, LIMITS.blocks) };
}

/**
 * The Slack `text` fallback (notifications, screen readers, clients without blocks): the headline, the counts, the
 * next action and the day's detections in a few lines; mrkdwn-escaped; bounded however large the fleet.
 */
export function statusFallbackText(status: FleetStatus, lang: Lang, timeZone = 'UTC'): string {
  if (status.quiet) return escapeMrkdwn(renderStatusText(status, lang, { timeZone }));
  const lines = [`${W.title[lang]} — ${formatLocal(status.generatedAt, timeZone)} (${timeZone})`, countsLine(status, lang)];
  lines.push(`${w('nextAction', lang)}: ${nextActionText(status.nextAction, lang)}`);
  const d = status.newDetections;
  if (d.total === 0) lines.push(w('noNewDetections', lang, { h: status.windowHours }));
  else {
    const servers = [...new Set(d.entries.map((e) => e.server).filter((s): s is string => s !== null))];
    lines.push(`${w('newDetections', lang, { h: status.windowHours })}: ${num(d.total)}${servers.length > 0 ? ` (${names(servers.slice(0, 5), servers.length, lang)})` : ''}`);
  }
  const l = status.longAffected;
  if (l.servers.length > 0) lines.push(`${w('longAffected', lang, { d: l.days })}: ${num(l.servers.length)} (${names(l.servers.slice(0, 5).map((s) => s.name), l.servers.length, lang)})`);
  lines.push(`${w('download', lang)}: ${linksFor(lang).download}`);
  return truncate(escapeMrkdwn(lines.join('\n')), STATUS.fallbackChars);
}

// ── JSON ───────────────────────────────────────────────────────────────────────────────────────────

/** The status as `kb954960 status --json` prints it. */
export function statusJson(status: FleetStatus, lang: Lang) {
  const links = linksFor(lang);
  return {
    kb: status.kb,
    generatedAt: status.generatedAt,
    total: status.total,
    counts: status.counts,
    servers: Object.fromEntries(FLEET_BUCKETS.map((b) => [b, status.servers[b].map((s) => s.name)])) as Record<FleetBucket, string[]>,
    affected: status.servers.affected.map((s) => ({ name: s.name, state: s.state, lastAffectedAt: s.lastAffectedAt, affectedSince: s.affectedSince, affectedDays: s.affectedDays })),
    longAffected: { days: status.longAffected.days, servers: status.longAffected.servers.map((s) => ({ name: s.name, affectedSince: s.affectedSince, affectedDays: s.affectedDays })) },
    newDetections: {
      windowHours: status.windowHours,
      total: status.newDetections.total,
      entries: status.newDetections.entries.map((e) => ({ id: e.id, at: e.at, server: e.server, channelId: e.channelId, threadTs: e.threadTs, permalink: e.permalink })),
    },
    nextAction: { ...status.nextAction, text: nextActionText(status.nextAction, lang) },
    quiet: status.quiet,
    links,
  };
}
