/** Reads what the status post needs from the store: the servers, the last day's detections, when episodes began. */
import { StatusStore } from '../../db/status-store.js';
import type { Store } from '../../db/store.js';
import type { Lang } from '../detect/types.js';
import { fixedSince, isAffectedNow } from '../diagnose/server-state.js';
import type { Block } from '../render/blocks.js';
import { buildFleetStatus, renderStatusBlocks, STATUS, withPermalinks, type Detection, type FleetStatus, type RenderOptions } from './summary.js';

export interface LoadOptions {
  readonly windowHours?: number;
  readonly longAffectedDays?: number;
  /** Detections fetched (shown: fewer). */
  readonly detections?: number;
}

/** Query + build. Cost: one scan of `servers`, an index range of the last day's affected diagnoses, one seek per affected server. */
export function loadFleetStatus(store: Store, now: Date, options: LoadOptions = {}): FleetStatus {
  const windowHours = options.windowHours ?? STATUS.windowHours;
  const servers = store.servers();
  const since = new Date(now.getTime() - windowHours * 3_600_000).toISOString();
  const newDetections = store.diagnosesSince('affected', since, options.detections ?? STATUS.topDetections);
  const affected = servers.filter((f) => isAffectedNow(f)).map((f) => ({ name: f.name, after: fixedSince(f) ?? null }));
  const affectedSince = new StatusStore(store).firstAffectedAfter(affected);
  return buildFleetStatus({ servers, newDetections, now, affectedSince, windowHours, longAffectedDays: options.longAffectedDays });
}

/** The status message (Slack blocks + text fallback), now. Used by the daily post and by `/kb954960 status`. */
export function statusMessage(
  store: Store,
  lang: Lang,
  now: Date,
  options: RenderOptions & { permalinks?: ReadonlyMap<number, string> } = {},
): { text: string; blocks: Block[] } {
  let status = loadFleetStatus(store, now);
  if (options.permalinks) status = withPermalinks(status, options.permalinks);
  return renderStatusBlocks(status, lang, options);
}

export interface PermalinkClient {
  chat: { getPermalink(args: { channel: string; message_ts: string }): Promise<{ ok?: boolean; permalink?: string }> };
}

/** chat.getPermalink for the detections shown (their threads). A failure leaves that one without a link. */
export async function resolvePermalinks(client: PermalinkClient, detections: readonly Detection[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  await Promise.all(
    detections
      .filter((d) => d.channelId && d.threadTs)
      .slice(0, STATUS.topDetections)
      .map(async (d) => {
        try {
          const res = await client.chat.getPermalink({ channel: d.channelId!, message_ts: d.threadTs! });
          if (res.permalink) out.set(d.id, res.permalink);
        } catch {
          // no link: the channel is still named
        }
      }),
  );
  return out;
}

/** statusMessage with thread links: what the scheduler posts. */
export async function statusMessageWithLinks(
  store: Store,
  client: PermalinkClient,
  lang: Lang,
  now: Date,
  options: RenderOptions = {},
): Promise<{ text: string; blocks: Block[]; status: FleetStatus }> {
  const base = loadFleetStatus(store, now);
  const status = withPermalinks(base, await resolvePermalinks(client, base.newDetections.entries));
  return { ...renderStatusBlocks(status, lang, options), status };
}
