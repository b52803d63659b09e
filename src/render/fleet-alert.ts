/**
 * The words of a fleet alert (src/fleet/alerts.ts decides when): one Slack post per decision, what turned worse first,
 * then what recovered. Times as `<!date^…>` so each reader sees local time.
 */
import type { types } from '@slack/bolt';
import type { ServerState } from '../diagnose/server-state.js';
import type { AlertChange } from '../fleet/alerts.js';
import { SILENT_AFTER_HOURS } from '../fleet/alerts.js';
import type { Lang } from '../lang.js';
import { escapeMrkdwn } from './blocks.js';
import { msg } from './messages/index.js';
import { slackDate } from './slack-date.js';
import { problemTitle } from './status-words.js';

/** The code whose many failing clients, on SP1 without the fix, point at KB954960 first. */
const KB954960_CLIENT_CODE = '0x8024400E';

export interface AlertContext {
  readonly lang: Lang;
  /** The server's state now (what the store knows). */
  readonly state: ServerState;
  /** Its last report (for "silent"). */
  readonly lastReportAt?: string | null;
}

function line(c: AlertChange, server: string, ctx: AlertContext): string[] {
  const m = msg(ctx.lang).fleetAlert;
  const worse = c.turn === 'worse';
  switch (c.kind) {
    case 'affected':
      return [worse ? m.affected : m.affectedEnded];
    case 'problem': {
      const title = escapeMrkdwn(problemTitle(c.problem, ctx.lang));
      return [worse ? m.problem({ title }) : m.problemEnded({ title })];
    }
    case 'clients-failing': {
      if (!worse) return [m.clientsFailingEnded({ clients: c.clients, total: c.total, code: c.code })];
      const sample = c.sample.map(escapeMrkdwn).join(', ') + (c.clients > c.sample.length ? ', …' : '');
      const out = [m.clientsFailing({ clients: c.clients, total: c.total, code: c.code, since: c.since ? slackDate(c.since) : '?', sample })];
      if (c.code === KB954960_CLIENT_CODE && (ctx.state === 'vulnerable' || ctx.state === 'needs-sp1'))
        out.push(m.kbFirstSuspect({ server: escapeMrkdwn(server) }));
      return out;
    }
    case 'silent':
      return [worse ? m.silent({ hours: SILENT_AFTER_HOURS, last: ctx.lastReportAt ? slackDate(ctx.lastReportAt) : '?' }) : m.silentEnded];
  }
}

export function renderFleetAlert(server: string, changes: readonly AlertChange[], ctx: AlertContext): { text: string; blocks: types.KnownBlock[] } {
  const m = msg(ctx.lang).fleetAlert;
  const name = escapeMrkdwn(server);
  const sections: string[] = [];
  const worse = changes.filter((c) => c.turn === 'worse');
  const better = changes.filter((c) => c.turn === 'recovered');
  if (worse.length > 0) sections.push([`*${m.worseTitle({ server: name })}*`, ...worse.flatMap((c) => line(c, server, ctx).map((l) => `• ${l}`))].join('\n'));
  if (better.length > 0)
    sections.push([`*${m.recoveredTitle({ server: name })}*`, ...better.flatMap((c) => line(c, server, ctx).map((l) => `• ${l}`))].join('\n'));
  const text = (worse.length > 0 ? m.worseTitle({ server }) : m.recoveredTitle({ server })).replace(/^:[a-z_]+: /, '');
  return { text, blocks: sections.map((s) => ({ type: 'section', text: { type: 'mrkdwn', text: s.slice(0, 2900) } })) };
}
