import { AttributionStore } from '../db/attribution-store.js';
import type { Store } from '../db/store.js';
import type { FactsLearned } from './diagnose/diagnose.js';
import { serverState, type ServerState } from './diagnose/server-state.js';

export type RecordForResult =
  | { readonly kind: 'recorded'; readonly server: string; readonly reported: Omit<FactsLearned, 'affected'>; readonly state: ServerState }
  | { readonly kind: 'not-admin'; readonly reported: Omit<FactsLearned, 'affected'> }
  | { readonly kind: 'already'; readonly server: string }
  | { readonly kind: 'gone' };

export type SameServerResult =
  | { readonly kind: 'joined'; readonly server: string }
  | { readonly kind: 'not-admin' }
  | { readonly kind: 'unclear'; readonly candidates: readonly string[] };

/**
 * An admin says the name a paste used (`alias`) and the server an earlier paste of the same failure was recorded for
 * (`into`) are one server: the alias is recorded (its row, if it had one, merged into `into`) and the two pastes are
 * one failure on it. Only admins reshape identities.
 */
export function sameServer(o: { store: Store; diagnosisId: number; earlierId: number; alias: string; into: string; now: Date; mayRecord: boolean }): SameServerResult {
  if (!o.mayRecord) return { kind: 'not-admin' };
  const at = o.now.toISOString();
  return o.store.db.transaction((): SameServerResult => {
    const into = o.store.resolveServer(o.into);
    if (into.kind === 'ambiguous') return { kind: 'unclear', candidates: into.candidates };
    const row = o.store.serverRowFor(o.into, at);
    const from = o.store.resolveServer(o.alias);
    if (from.kind === 'ambiguous') return { kind: 'unclear', candidates: from.candidates };
    const attribution = new AttributionStore(o.store);
    const spelling = from.kind === 'invalid' ? o.alias : from.name;
    if (spelling !== row) attribution.mergeServerInto(spelling, row, [o.alias.toLowerCase()]);
    attribution.joinFailure(o.diagnosisId, o.earlierId, row);
    return { kind: 'joined', server: row };
  }).immediate();
}

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
