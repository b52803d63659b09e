import { renderStatusBlocks } from '../src/render/status-blocks.js';
import { statusJson } from '../src/render/status-json.js';
import { renderStatusText } from '../src/render/status-text.js';
import type { FleetStatus } from '../src/fleet/status.js';
import { loadFleetStatus } from '../src/status/query.js';
import { clientHealthJson } from '../src/render/client-health.js';
import type { ReportingServer } from '../src/store/port.js';
import type { CommandContext, Reply } from './types.js';

/** Action needed (something affected, RTM, SP1 without the fix, or of unknown version): exit 1, as `scan` does. */
function exitCodeOf(status: FleetStatus): number {
  return status.nextAction.kind === 'none' || status.nextAction.kind === 'no-servers' ? 0 : 1;
}

function replyOf(status: FleetStatus, reporting: readonly ReportingServer[], ctx: CommandContext, timeZone?: string): Reply {
  return {
    text: renderStatusText(status, ctx.lang, { timeZone, iso: ctx.times?.iso }),
    blocks: renderStatusBlocks(status, ctx.lang, { timeZone }).blocks,
    // The servers that report themselves: their clients and whether they went silent.
    json: { ...statusJson(status, ctx.lang), reporting: reporting.map((r) => clientHealthJson(r, ctx.now)) },
    exitCode: exitCodeOf(status),
  };
}

/**
 * `kb954960 status` / `/kb954960 status`: the daily post, now. Times in the text are in `options.timeZone`, else the
 * context's zone (`ctx.times`), else UTC.
 */
export async function buildStatusReply(ctx: CommandContext, options: { timeZone?: string } = {}): Promise<Reply> {
  return replyOf(await loadFleetStatus(ctx.store, ctx.now), await ctx.store.fleet.reporting(), ctx, options.timeZone ?? ctx.times?.timeZone);
}
