import type { ServerList } from '../src/conversation/intents.js';
import { renderServerListAnswer, type ListedServer } from '../src/render/server-lists.js';
import { FLEET_BUCKETS, type FleetBucket } from '../src/fleet/status.js';
import { loadFleetStatus } from '../src/status/query.js';
import type { CommandContext, Reply } from './types.js';

/** A server not heard of for this long is "silent": the status post's window, a day. */
export const SILENT_AFTER_HOURS = 24;

/** Not known to be fixed: every bucket but the fixed and those KB954960 does not apply to. */
const NOT_FIXED: ReadonlySet<FleetBucket> = new Set(FLEET_BUCKETS.filter((b) => b !== 'fixed' && b !== 'not-applicable'));

/**
 * "Which servers are affected / not fixed / silent?": the servers of the fleet status (the same buckets as
 * `/kb954960 status`), and for "silent" when each was last heard of.
 */
export async function serversCommand(which: ServerList, ctx: CommandContext): Promise<Reply> {
  const status = await loadFleetStatus(ctx.store, ctx.now);
  const all = FLEET_BUCKETS.flatMap((b) => status.servers[b]);
  let servers: ListedServer[];
  if (which === 'affected') {
    servers = status.servers.affected.map((s) => ({ name: s.name, bucket: s.bucket, affectedSince: s.affectedSince }));
  } else if (which === 'not-fixed') {
    servers = all.filter((s) => NOT_FIXED.has(s.bucket)).map((s) => ({ name: s.name, bucket: s.bucket }));
  } else {
    const heard = await ctx.store.status.lastHeardOf();
    const before = new Date(ctx.now.getTime() - SILENT_AFTER_HOURS * 3_600_000).toISOString();
    servers = all
      .map((s) => ({ name: s.name, bucket: s.bucket, lastHeardAt: heard.get(s.name) ?? null }))
      .filter((s) => !s.lastHeardAt || s.lastHeardAt <= before)
      // The longest silent first.
      .sort((a, b) => (a.lastHeardAt ?? '').localeCompare(b.lastHeardAt ?? '') || a.name.localeCompare(b.name));
  }
  const answer = which === 'silent' ? { which, total: status.total, hours: SILENT_AFTER_HOURS, servers } : { which, total: status.total, servers };
  const message = renderServerListAnswer(answer, ctx.lang);
  return { text: message.text, blocks: message.blocks, json: { which, total: status.total, servers }, exitCode: 0 };
}
