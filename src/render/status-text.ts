/** The fleet status as plain text: the terminal (`kb954960 status`) and Slack's `text` fallback. */
import type { Lang } from '../lang.js';
import { linksFor } from '../kb954960.js';
import { formatLocal } from '../fleet/post-time.js';
import { FLEET_BUCKETS, STATUS, type Detection, type FleetServer, type FleetStatus } from '../fleet/status.js';
import { escapeMrkdwn, truncate } from './blocks.js';
import { msg } from './messages/index.js';
import { timeIn } from './times.js';
import { SILENT_AFTER_HOURS } from '../fleet/alerts.js';
import {
  bucketLabel,
  countsLine,
  fitLines,
  fromOrigin,
  names,
  newDetectionsHeading,
  nextActionText,
  num,
  otherProblemText,
  quietLine,
  type RenderOptions,
} from './status-words.js';

export function renderStatusText(status: FleetStatus, lang: Lang, options: RenderOptions = {}): string {
  const tz = options.timeZone ?? 'UTC';
  // The terminal's times carry their offset; Slack's text names the zone once, in the title.
  const at = (iso: string) => timeIn(iso, { timeZone: tz, iso: options.iso });
  const top = options.top ?? STATUS.topPerState;
  const topDet = options.topDetections ?? STATUS.topDetections;
  const links = linksFor(lang);
  if (status.quiet) return quietLine(status, lang, false, `${msg(lang).download}: ${links.download}`);

  const more = (k: number) => `  … ${msg(lang).status.more({ n: num(k) })}`;
  const name = (n: string | null) => (n === null ? msg(lang).status.noServerName : truncate(n, STATUS.nameChars));
  const list = <T>(items: readonly T[], line: (item: T) => string, total: number, max: number) =>
    fitLines(items, line, total, Number.MAX_SAFE_INTEGER, more, max);
  const out: string[] = [`${msg(lang).status.title} — ${at(status.generatedAt)}${options.iso ? '' : ` (${tz})`}`, countsLine(status, lang), ''];
  out.push(`${msg(lang).status.nextAction}: ${nextActionText(status.nextAction, lang)}`, '');

  const d = status.newDetections;
  if (d.total === 0) out.push(msg(lang).status.noNewDetections({ h: status.windowHours }));
  else {
    out.push(newDetectionsHeading(status, lang));
    const where = (e: Detection) => (e.permalink ? `  ${e.permalink}` : e.channelId ? `  (${e.channelId})` : `  (${fromOrigin(e.origin, lang)})`);
    const line = (e: Detection) =>
      `  ${name(e.server)} — ${msg(lang).status.serverDetections({ n: num(e.count), count: e.count, at: at(e.at) })}${where(e)}${e.fixedSince ? ` — ${msg(lang).status.fixedSinceNote}` : ''}`;
    out.push(...list(d.entries, line, d.groups, topDet));
  }
  const l = status.longAffected;
  if (l.servers.length > 0) {
    out.push('', `${msg(lang).status.longAffected({ d: l.days })}: ${num(l.servers.length)}`);
    const line = (s: FleetServer) =>
      `  ${name(s.name)} — ${msg(lang).status.since({ d: formatLocal(s.affectedSince!, tz).slice(0, 10) })} (${msg(lang).status.days({ n: s.affectedDays ?? 0 })})`;
    out.push(...list(l.servers, line, l.servers.length, top));
  }
  const o = status.otherProblems;
  if (o.entries.length > 0) {
    out.push('', `${msg(lang).status.otherProblems({ d: o.days })}: ${num(o.entries.length)}`);
    out.push(
      ...list(o.entries, (p) => `  ${name(p.server)} — ${otherProblemText(p, lang, (iso) => formatLocal(iso, tz).slice(0, 10))}`, o.entries.length, top),
    );
  }
  const r = status.reporting;
  if (r && r.silent.length > 0) {
    out.push('', msg(lang).clientHealth.statusSilent({ n: num(r.silent.length), h: SILENT_AFTER_HOURS }));
    out.push(...list(r.silent, (x) => `  ${name(x.server)} — ${msg(lang).clientHealth.statusSilentLine({ last: at(x.lastReportAt) })}`, r.silent.length, top));
  }
  if (r && r.failingClients.length > 0) {
    out.push('', msg(lang).clientHealth.statusFailing({ n: num(r.failingClients.length) }));
    out.push(...list(r.failingClients, (x) => `  ${name(x.server)} — ${msg(lang).clientHealth.statusFailingLine(x)}`, r.failingClients.length, top));
  }
  for (const b of FLEET_BUCKETS) {
    const servers = status.servers[b];
    if (servers.length === 0) continue;
    out.push('', `${bucketLabel(b, lang)}: ${num(servers.length)}`);
    const line = (s: FleetServer) => (b === 'affected' && s.lastAffectedAt ? `  ${name(s.name)} — ${at(s.lastAffectedAt)}` : `  ${name(s.name)}`);
    out.push(...list(servers, line, servers.length, top));
  }
  out.push('', `${msg(lang).download}: ${links.download}`, `KB954960: ${links.kb}`);
  return out.join('\n');
}

/**
 * The Slack `text` fallback (notifications, screen readers, clients without blocks): the headline, the counts, the
 * next action and the day's detections in a few lines; mrkdwn-escaped; bounded however large the fleet.
 */
export function statusFallbackText(status: FleetStatus, lang: Lang, timeZone = 'UTC'): string {
  if (status.quiet) return escapeMrkdwn(renderStatusText(status, lang, { timeZone }));
  const lines = [`${msg(lang).status.title} — ${formatLocal(status.generatedAt, timeZone)} (${timeZone})`, countsLine(status, lang)];
  lines.push(`${msg(lang).status.nextAction}: ${nextActionText(status.nextAction, lang)}`);
  const d = status.newDetections;
  if (d.total === 0) lines.push(msg(lang).status.noNewDetections({ h: status.windowHours }));
  else {
    // The named servers of the first lines; "and K more" counts the named ones not listed and the lines not shown.
    const servers = d.entries.flatMap((e) => (e.server === null ? [] : [e.server]));
    const others = d.groups - d.entries.length;
    const listed = servers.length > 0 ? ` (${names(servers.slice(0, 5), servers.length + others, lang)})` : '';
    lines.push(`${newDetectionsHeading(status, lang)}${listed}`);
  }
  const l = status.longAffected;
  if (l.servers.length > 0)
    lines.push(
      `${msg(lang).status.longAffected({ d: l.days })}: ${num(l.servers.length)} (${names(
        l.servers.slice(0, 5).map((s) => s.name),
        l.servers.length,
        lang,
      )})`,
    );
  const o = status.otherProblems;
  if (o.entries.length > 0) {
    const servers = [...new Set(o.entries.map((p) => p.server))];
    lines.push(`${msg(lang).status.otherProblems({ d: o.days })}: ${num(o.entries.length)} (${names(servers.slice(0, 5), servers.length, lang)})`);
  }
  lines.push(`${msg(lang).download}: ${linksFor(lang).download}`);
  return truncate(escapeMrkdwn(lines.join('\n')), STATUS.fallbackChars);
}
