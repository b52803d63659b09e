/** The fleet status as `kb954960 status --json` prints it (part of the external contract: docs/contract.md). */
import type { Lang } from '../lang.js';
import { linksFor } from '../kb954960.js';
import { FLEET_BUCKETS, type FleetBucket, type FleetStatus } from '../fleet/status.js';
import { nextActionText, problemTitle } from './status-words.js';

/** The status as `kb954960 status --json` prints it. */
export function statusJson(status: FleetStatus, lang: Lang) {
  const links = linksFor(lang);
  return {
    kb: status.kb,
    generatedAt: status.generatedAt,
    total: status.total,
    counts: status.counts,
    servers: Object.fromEntries(FLEET_BUCKETS.map((b) => [b, status.servers[b].map((s) => s.name)])) as Record<FleetBucket, string[]>,
    affected: status.servers.affected.map((s) => ({
      name: s.name,
      state: s.state,
      lastAffectedAt: s.lastAffectedAt,
      affectedSince: s.affectedSince,
      affectedDays: s.affectedDays,
    })),
    longAffected: {
      days: status.longAffected.days,
      servers: status.longAffected.servers.map((s) => ({ name: s.name, affectedSince: s.affectedSince, affectedDays: s.affectedDays })),
    },
    newDetections: {
      windowHours: status.windowHours,
      total: status.newDetections.total,
      groups: status.newDetections.groups,
      // One per server (unnamed: per channel), the newest first; id…permalink and origin are the newest detection's.
      entries: status.newDetections.entries.map((e) => ({
        id: e.id,
        at: e.at,
        server: e.server,
        channelId: e.channelId,
        threadTs: e.threadTs,
        permalink: e.permalink,
        count: e.count,
        origin: e.origin,
        fixedSince: e.fixedSince,
      })),
    },
    otherProblems: {
      days: status.otherProblems.days,
      entries: status.otherProblems.entries.map((p) => ({
        server: p.server,
        problem: p.problem,
        title: problemTitle(p.problem, lang),
        logs: p.logs,
        since: p.since,
      })),
    },
    nextAction: { ...status.nextAction, text: nextActionText(status.nextAction, lang) },
    quiet: status.quiet,
    links,
  };
}
