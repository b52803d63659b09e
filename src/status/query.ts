/**
 * The fleet status from the store, and the status message made of it: what the daily post, `/kb954960 status`,
 * `kb954960 status` and App Home show. Reads the facts (one scan of `servers`, an index range of the window's affected
 * diagnoses grouped per server, one seek per affected server), attaches thread links when a Slack client is given, builds the model
 * (fleet.ts) once and renders it (src/render/status-*.ts).
 */
import type { Lang } from '../lang.js';
import { fixConfirmedAt, isAffectedNow } from '../diagnose/server-state.js';
import type { types } from '@slack/bolt';
import { renderStatusBlocks } from '../render/status-blocks.js';
import type { RenderOptions } from '../render/status-words.js';
import type { Storage } from '../store/port.js';
import { buildFleetStatus, STATUS, threadOf, type DetectionEntry, type FleetInput, type FleetStatus } from '../fleet/status.js';

export interface LoadOptions {
  readonly windowHours?: number;
  readonly longAffectedDays?: number;
  /** Servers with new detections fetched (shown: as many or fewer). */
  readonly detections?: number;
  readonly otherProblemDays?: number;
}

/** What the model is built from, read from the store at `now` (no thread links yet). */
export async function readFleetFacts(store: Storage, now: Date, options: LoadOptions = {}): Promise<FleetInput> {
  const windowHours = options.windowHours ?? STATUS.windowHours;
  const servers = await store.servers.list();
  const since = new Date(now.getTime() - windowHours * 3_600_000).toISOString();
  const newDetections = await store.status.newDetectionsSince(since, options.detections ?? STATUS.topDetections);
  const affected = servers.filter((f) => isAffectedNow(f)).map((f) => ({ name: f.name, after: fixConfirmedAt(f) ?? null }));
  const affectedSince = await store.status.firstAffectedAfter(affected);
  const otherProblemDays = options.otherProblemDays ?? STATUS.otherProblemDays;
  const otherProblems = await store.status.otherProblemsPerServerSince(new Date(now.getTime() - otherProblemDays * 86_400_000).toISOString());
  const reporting = await store.fleet.reporting();
  return { servers, newDetections, now, affectedSince, windowHours, longAffectedDays: options.longAffectedDays, otherProblems, otherProblemDays, reporting };
}

export async function loadFleetStatus(store: Storage, now: Date, options: LoadOptions = {}): Promise<FleetStatus> {
  return buildFleetStatus(await readFleetFacts(store, now, options));
}

export interface PermalinkClient {
  chat: { getPermalink(args: { channel: string; message_ts: string }): Promise<{ ok?: boolean; permalink?: string }> };
}

/** The status message with a link to the thread of each listed server's newest detection (chat.getPermalink): the daily post. */
export async function linkedStatusMessage(
  store: Storage,
  client: PermalinkClient,
  lang: Lang,
  now: Date,
  options: RenderOptions = {},
): Promise<{ text: string; blocks: types.KnownBlock[] }> {
  const facts = await readFleetFacts(store, now);
  const permalinks = await resolvePermalinks(client, facts.newDetections.entries);
  return renderStatusBlocks(buildFleetStatus({ ...facts, permalinks }), lang, options);
}

/** chat.getPermalink for the lines shown, one per server (its newest detection). A failure leaves that one without a link (its channel is named). */
async function resolvePermalinks(client: PermalinkClient, entries: readonly DetectionEntry[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const linkable = entries
    .flatMap((e) => {
      const ts = threadOf(e);
      return e.channelId && ts ? [{ id: e.id, channel: e.channelId, ts }] : [];
    })
    .slice(0, STATUS.topDetections);
  await Promise.all(
    linkable.map(async (d) => {
      try {
        const res = await client.chat.getPermalink({ channel: d.channel, message_ts: d.ts });
        if (res.permalink) out.set(d.id, res.permalink);
      } catch {
        // no link: the channel is still named
      }
    }),
  );
  return out;
}
