import { AttributionStore } from '../db/attribution-store.js';
import type { Store } from '../db/store.js';
import type { FactsLearned } from './diagnose/diagnose.js';
import { serverState, type ServerState } from './diagnose/server-state.js';

export type RecordForResult =
  | { readonly kind: 'recorded'; readonly server: string; readonly reported: Omit<FactsLearned, 'affected'>; readonly state: ServerState }
  | { readonly kind: 'not-admin'; readonly reported: Omit<FactsLearned, 'affected'> }
  | { readonly kind: 'already'; readonly server: string }
  | { readonly kind: 'gone' };

/**
 * Records the facts a diagnosis reported (output that named no computer) for the server someone named afterwards —
 * a "Record for …" button or a reply in the thread. Obeys the same rule as every way in: only admins record facts.
 * The log is not needed: the diagnosis kept what it reported.
 */
export function recordFor(o: { store: Store; diagnosisId: number; server: string; now: Date; mayRecordFacts: boolean; by?: string | null }): RecordForResult {
  const attribution = new AttributionStore(o.store);
  const d = attribution.diagnosisReport(o.diagnosisId);
  if (!d) return { kind: 'gone' }; // purged with the history, or never reported facts
  if (d.server) return { kind: 'already', server: d.server };
  if (!o.mayRecordFacts) return { kind: 'not-admin', reported: d.reported };
  const at = o.now.toISOString();
  const recorded = o.store.db.transaction(() => {
    const row = o.store.serverRowFor(o.server, at);
    attribution.applyFacts(row, { ...d.reported, affected: false }, at, {
      userId: o.by,
      channelId: d.channelId,
      messageTs: d.messageTs,
      threadTs: d.threadTs,
      diagnosisId: d.id,
    });
    const s = serverState(o.store.server(row));
    attribution.attribute(d.id, row, s);
    return { row, s };
  })();
  return { kind: 'recorded', server: recorded.row, reported: d.reported, state: recorded.s };
}
