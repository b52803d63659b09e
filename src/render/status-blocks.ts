/**
 * The fleet status as Block Kit: the daily post, `/kb954960 status` and App Home. Bounded however large the fleet:
 * lists are cut to whole lines ("and K more"), never truncated mid-block, and stay within Slack's limits.
 */
import type { Lang } from '../lang.js';
import { linksFor } from '../kb954960.js';
import { localParts } from '../fleet/post-time.js';
import { slackDate } from './slack-date.js';
import { SILENT_AFTER_HOURS } from '../fleet/alerts.js';
import { FLEET_BUCKETS, STATUS, type Detection, type FleetServer, type FleetStatus, type OtherProblemCount } from '../fleet/status.js';
import { context, escapeMrkdwn, header, LIMITS, linkButtons, truncate } from './blocks.js';
import type { types } from '@slack/bolt';
import { msg } from './messages/index.js';
import { statusFallbackText } from './status-text.js';
import {
  BUCKET_EMOJI,
  bucketLabel,
  countsLine,
  fitLines,
  fromOrigin,
  newDetectionsHeading,
  nextActionText,
  num,
  otherProblemText,
  quietLine,
  type RenderOptions,
} from './status-words.js';

function sectionOf(text: string): types.KnownBlock {
  // The text was built to fit; truncate() is only a last guard and never fires on what this module builds.
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
}

export function renderStatusBlocks(status: FleetStatus, lang: Lang, options: RenderOptions = {}): { text: string; blocks: types.KnownBlock[] } {
  const tz = options.timeZone ?? 'UTC';
  const top = options.top ?? STATUS.topPerState;
  const topDet = options.topDetections ?? STATUS.topDetections;
  const fallback = statusFallbackText(status, lang, tz);

  if (status.quiet) {
    return { text: fallback, blocks: [sectionOf(quietLine(status, lang, true, `<${linksFor(lang).download}|${msg(lang).download}>`))] };
  }

  const budget = STATUS.sectionBudget;
  const more = (k: number) => `_${msg(lang).status.more({ n: num(k) })}_`;
  const name = (n: string | null) => (n === null ? msg(lang).status.noServerName : escapeMrkdwn(truncate(n, STATUS.nameChars)));
  const list = <T>(title: string, items: readonly T[], line: (item: T) => string, total: number, max: number) =>
    sectionOf([title, ...fitLines(items, line, total, budget - title.length - 1, more, max)].join('\n'));
  const blocks: types.KnownBlock[] = [header(`${msg(lang).status.title} — ${localParts(new Date(status.generatedAt), tz).date}`)];

  // The next action first (read in ten seconds), then the counts in one line: only the states some server is in.
  blocks.push(sectionOf(`:point_right: *${msg(lang).status.nextAction}:* ${nextActionText(status.nextAction, lang, true)}`));
  blocks.push(context(escapeMrkdwn(countsLine(status, lang))));

  const d = status.newDetections;
  if (d.total === 0) blocks.push(sectionOf(msg(lang).status.noNewDetections({ h: status.windowHours })));
  else {
    // One line per server: how often, and the newest detection's time and thread (the evidence to open).
    const line = (e: Detection) => {
      const where = e.permalink ? `<${e.permalink}|${msg(lang).status.thread}>` : e.channelId ? `<#${e.channelId}>` : fromOrigin(e.origin, lang);
      const at = slackDate(e.at, '{date_short_pretty} {time}', tz);
      return `• *${name(e.server)}* — ${msg(lang).status.serverDetections({ n: num(e.count), count: e.count, at })} (${where})${e.fixedSince ? ` — ${msg(lang).status.fixedSinceNote}` : ''}`;
    };
    blocks.push(list(`*${newDetectionsHeading(status, lang)}*`, d.entries, line, d.groups, topDet));
  }

  const l = status.longAffected;
  if (l.servers.length > 0) {
    const line = (s: FleetServer) =>
      `• *${name(s.name)}* — ${msg(lang).status.since({ d: slackDate(s.affectedSince!, '{date_short_pretty}', tz) })} (${msg(lang).status.days({ n: s.affectedDays ?? 0 })})`;
    blocks.push(list(`:hourglass: *${msg(lang).status.longAffected({ d: l.days })}: ${num(l.servers.length)}*`, l.servers, line, l.servers.length, top));
  }

  const o = status.otherProblems;
  if (o.entries.length > 0) {
    const line = (p: OtherProblemCount) => `• *${name(p.server)}* — ${otherProblemText(p, lang, (iso) => slackDate(iso, '{date_short_pretty}', tz), true)}`;
    blocks.push(list(`:warning: *${msg(lang).status.otherProblems({ d: o.days })}: ${num(o.entries.length)}*`, o.entries, line, o.entries.length, top));
  }

  const r = status.reporting;
  if (r && r.silent.length > 0) {
    const line = (x: { server: string; lastReportAt: string }) =>
      `• *${name(x.server)}* — ${msg(lang).clientHealth.statusSilentLine({ last: slackDate(x.lastReportAt, '{date_short_pretty} {time}', tz) })}`;
    blocks.push(
      list(`:satellite: *${msg(lang).clientHealth.statusSilent({ n: num(r.silent.length), h: SILENT_AFTER_HOURS })}*`, r.silent, line, r.silent.length, top),
    );
  }
  if (r && r.failingClients.length > 0) {
    const line = (x: { server: string; code: string; clients: number; total: number }) =>
      `• *${name(x.server)}* — ${msg(lang).clientHealth.statusFailingLine(x)}`;
    blocks.push(
      list(`:warning: *${msg(lang).clientHealth.statusFailing({ n: num(r.failingClients.length) })}*`, r.failingClients, line, r.failingClients.length, top),
    );
  }

  for (const b of FLEET_BUCKETS) {
    const servers = status.servers[b];
    if (servers.length === 0) continue;
    const line = (s: FleetServer) =>
      b === 'affected' && s.lastAffectedAt ? `• ${name(s.name)} — ${slackDate(s.lastAffectedAt, '{date_short_pretty} {time}', tz)}` : `• ${name(s.name)}`;
    blocks.push(list(`${BUCKET_EMOJI[b]} *${bucketLabel(b, lang)}: ${num(servers.length)}*`, servers, line, servers.length, top));
  }

  blocks.push(context(msg(lang).status.generated({ t: slackDate(status.generatedAt, '{date_short_pretty} {time}', tz) })));
  blocks.push(linkButtons(lang));
  return { text: fallback, blocks: blocks.slice(0, LIMITS.blocks) };
}
