/**
 * A WSUS server's client health, read from its report: how many clients it has, which failure codes its clients are
 * failing with (and since when), and how many have not synced for days. "Now" is the report's own `generated` time,
 * so a report read again later (`kb954960 ingest` of an old file) says what it said when it was written.
 */
import type { Report } from './report.js';

/** A client that has not synced for this long is counted as not syncing. */
export const NOT_SYNCED_DAYS = 3;
const NOT_SYNCED_MS = NOT_SYNCED_DAYS * 24 * 60 * 60 * 1000;

/** How many client names are kept per group: enough to start looking, small enough for one Slack line. */
export const SAMPLE_NAMES = 5;

export interface FailingCode {
  /** 0x + 8 upper-case hex digits. */
  readonly code: string;
  /** How many clients are failing with it. */
  readonly clients: number;
  /** The earliest of those clients' latest failure with it: they have been failing since at least then. */
  readonly since: string;
  /** A few of those clients, by name. */
  readonly sample: readonly string[];
}

export interface ClientHealth {
  /** When the report was written (the health is as of then). */
  readonly at: string;
  /** The clients the server has (its own count; may exceed those listed). */
  readonly total: number;
  /** Failing codes, most clients first (then by code). */
  readonly failing: readonly FailingCode[];
  /** Clients that never synced or last synced ≥ NOT_SYNCED_DAYS before the report. */
  readonly notSynced: number;
  readonly notSyncedSample: readonly string[];
}

/**
 * The health a report's clients show; null when the report carries no clients. A client is failing with a code when
 * the code's latest occurrence is not followed by a successful sync: a later success means it recovered.
 */
export function clientHealth(report: Report): ClientHealth | null {
  const clients = report.clients;
  if (!clients) return null;
  const at = report.generated;
  const atMs = Date.parse(at);
  const byCode = new Map<string, { clients: number; since: number; sample: string[] }>();
  let notSynced = 0;
  const notSyncedSample: string[] = [];
  for (const c of clients.items) {
    const syncMs = c.lastSync ? Date.parse(c.lastSync) : Number.NaN;
    if (Number.isNaN(syncMs) || atMs - syncMs >= NOT_SYNCED_MS) {
      notSynced++;
      if (notSyncedSample.length < SAMPLE_NAMES) notSyncedSample.push(c.name);
    }
    const succeededAt = c.lastSyncResult === 'Succeeded' && !Number.isNaN(syncMs) ? syncMs : Number.NEGATIVE_INFINITY;
    const seen = new Set<string>();
    for (const e of c.errors ?? []) {
      const lastMs = Date.parse(e.last);
      if (lastMs <= succeededAt || seen.has(e.code)) continue;
      seen.add(e.code);
      const entry = byCode.get(e.code);
      if (entry) {
        entry.clients++;
        if (lastMs < entry.since) entry.since = lastMs;
        if (entry.sample.length < SAMPLE_NAMES) entry.sample.push(c.name);
      } else byCode.set(e.code, { clients: 1, since: lastMs, sample: [c.name] });
    }
  }
  const failing = [...byCode]
    .map(([code, e]) => ({ code, clients: e.clients, since: new Date(e.since).toISOString(), sample: e.sample }))
    .sort((a, b) => b.clients - a.clients || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { at: new Date(atMs).toISOString(), total: clients.total, failing, notSynced, notSyncedSample };
}
