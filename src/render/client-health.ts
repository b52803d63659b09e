/**
 * A reporting server's client health as the server view and the status show it: how many clients, which codes they
 * fail with since when, how many have not synced for days, and whether the server itself has gone silent.
 */
import { isSilent, SILENT_AFTER_HOURS } from '../fleet/alerts.js';
import { NOT_SYNCED_DAYS } from '../fleet/health.js';
import type { Lang } from '../lang.js';
import type { ReportingServer } from '../store/port.js';
import type { types } from '@slack/bolt';
import { escapeMrkdwn, section } from './blocks.js';
import { slackDate } from './slack-date.js';
import { textTime, UTC_TIMES, type TextTimes } from './times.js';
import { msg } from './messages/index.js';

/** Codes listed per server; the rest are in the JSON. */
const MAX_CODES = 5;

/** The lines, with `date` formatting a time (a Slack date in Slack, the terminal's zone in the CLI). */
export function clientHealthLines(r: ReportingServer, lang: Lang, now: Date, date: (iso: string) => string, md = false): string[] {
  const m = msg(lang).clientHealth;
  const esc = (s: string) => (md ? escapeMrkdwn(s) : s);
  const out: string[] = [];
  if (r.revoked) out.push(m.revoked);
  if (r.lastReportAt === null) return [...out, m.neverReported];
  if (isSilent(r.lastReportAt, now)) out.push(m.silent({ hours: SILENT_AFTER_HOURS, last: date(r.lastReportAt) }));
  const h = r.health;
  if (!h) return out;
  out.push(m.total({ total: h.total, at: date(h.at) }));
  if (h.failing.length === 0) out.push(m.noneFailing);
  for (const f of h.failing.slice(0, MAX_CODES)) out.push(m.failing({ clients: f.clients, code: f.code, since: date(f.since) }));
  if (h.notSynced > 0)
    out.push(
      m.notSynced({
        n: h.notSynced,
        days: NOT_SYNCED_DAYS,
        sample: h.notSyncedSample.map(esc).join(', ') + (h.notSynced > h.notSyncedSample.length ? ', …' : ''),
      }),
    );
  return out;
}

/** The JSON form (`server --json`, `status --json`). */
export function clientHealthJson(r: ReportingServer, now: Date) {
  return {
    server: r.server,
    lastReportAt: r.lastReportAt,
    silent: isSilent(r.lastReportAt, now),
    revoked: r.revoked,
    clients: r.health
      ? {
          at: r.health.at,
          total: r.health.total,
          notSynced: r.health.notSynced,
          failing: r.health.failing.map(({ code, clients, since }) => ({ code, clients, since })),
        }
      : null,
  };
}

/** The server view's text part ('' when the server does not report). */
export function clientHealthText(r: ReportingServer | null, lang: Lang, now: Date, times: TextTimes = UTC_TIMES): string {
  if (!r) return '';
  return [`  ${msg(lang).clientHealth.title}:`, ...clientHealthLines(r, lang, now, (iso) => textTime(iso, times)).map((l) => `    ${l}`)].join('\n');
}

/** The server view's Block Kit section (none when the server does not report). */
export function clientHealthBlocks(r: ReportingServer | null, lang: Lang, now: Date): types.KnownBlock[] {
  if (!r) return [];
  const items = clientHealthLines(r, lang, now, (iso) => slackDate(iso), true).map((l) => `• ${l}`);
  return [section(`*${msg(lang).clientHealth.title}*\n${items.join('\n')}`)];
}
