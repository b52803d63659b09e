import type { FactsLearned } from './diagnose/diagnose.js';
import { serverState, type ServerState } from './diagnose/server-state.js';
import type { Storage } from './store/port.js';

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
export async function sameServer(o: {
  store: Storage;
  diagnosisId: number;
  earlierId: number;
  alias: string;
  into: string;
  now: Date;
  mayRecord: boolean;
}): Promise<SameServerResult> {
  if (!o.mayRecord) return { kind: 'not-admin' };
  return o.store.attribution.sameServer({ diagnosisId: o.diagnosisId, earlierId: o.earlierId, alias: o.alias, into: o.into, at: o.now.toISOString() });
}

/**
 * Records the facts a diagnosis reported (output that named no computer) for the server someone named afterwards —
 * a "Record for …" button or a reply in the thread. Obeys the same rule as every way in: only admins record facts.
 * The log is not needed: the diagnosis kept what it reported.
 */
export async function recordFor(o: {
  store: Storage;
  diagnosisId: number;
  server: string;
  now: Date;
  mayRecordFacts: boolean;
  by?: string | null;
}): Promise<RecordForResult> {
  const d = await o.store.attribution.diagnosisReport(o.diagnosisId);
  if (!d) return { kind: 'gone' }; // purged with the history, or never reported facts
  if (d.server) return { kind: 'already', server: d.server };
  if (!o.mayRecordFacts) return { kind: 'not-admin', reported: d.reported };
  const recorded = await o.store.attribution.recordFor({ report: d, server: o.server, at: o.now.toISOString(), by: o.by });
  return { kind: 'recorded', server: recorded.server, reported: d.reported, state: serverState(recorded.facts) };
}
