import { classifyBuild, generationOf, notApplicableReason, type BuildClass, type NotApplicableReason } from './versions.js';

/**
 * What KB954960 means for one server (docs/kb954960.md, "Which servers it applies to"):
 * needs-sp1 (RTM), vulnerable (SP1 without a proven fix), fixed, not-applicable (SP2, WSUS 4.0+), conflict (facts
 * that cannot both be true: shown, never guessed), unknown.
 */
export type ServerState = 'needs-sp1' | 'vulnerable' | 'fixed' | 'not-applicable' | 'conflict' | 'unknown';

/** What is known of one WSUS server. Times are UTC ISO strings. The state is derived from these, never stored. */
export interface ServerFacts {
  readonly name: string;
  /** Client web service DLL file version, the decisive fact. */
  readonly dllVersion?: string | null;
  readonly dllVersionAt?: string | null;
  /** WSUS VersionString (HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup). */
  readonly wsusVersion?: string | null;
  readonly wsusVersionAt?: string | null;
  /** When MsiInstaller event 1022 for KB954960 was reported. */
  readonly fixEventAt?: string | null;
  /** When KB954960's signature was last seen for this server. */
  readonly lastAffectedAt?: string | null;
}

type Facts = Omit<ServerFacts, 'name'> | null | undefined;

export interface ServerAssessment {
  readonly state: ServerState;
  /** not-applicable: which build says so. */
  readonly reason?: NotApplicableReason;
  /** conflict: the two facts that disagree. */
  readonly conflict?: { readonly wsusVersion: string; readonly dllVersion?: string; readonly fixEvent?: boolean };
}

/** A stored version that is no WSUS build (recorded before versions were checked) counts as not known. */
function buildOf(version: string | null | undefined): BuildClass | undefined {
  if (!version) return undefined;
  const b = classifyBuild(version);
  return b === 'not-wsus' ? undefined : b;
}

/**
 * The client web service DLL's version decides within WSUS 3.0 SP1. The MsiInstaller 1022 event proves the fix unless
 * an unfixed DLL was reported after it (reinstalling WSUS removes the fix). The WSUS VersionString only tells RTM from
 * SP1 from SP2 and WSUS 4.0+: SP1's VersionString does not change when the fix is installed. A VersionString and a
 * DLL of different products (RTM with a 3.2 DLL) are a conflict, as is the fix's install event on an RTM server (the
 * fix installs only on SP1).
 */
export function assessServer(f: Facts): ServerAssessment {
  if (!f) return { state: 'unknown' };
  const dll = buildOf(f.dllVersion);
  const wsus = buildOf(f.wsusVersion);
  if (dll && wsus && generationOf(dll) !== generationOf(wsus)) {
    return { state: 'conflict', conflict: { wsusVersion: f.wsusVersion!, dllVersion: f.dllVersion! } };
  }
  const reason = notApplicableReason(dll ?? wsus ?? 'not-wsus');
  if (reason) return { state: 'not-applicable', reason };
  const eventIsNewer = !!f.fixEventAt && (!f.dllVersionAt || f.fixEventAt > f.dllVersionAt);
  if (dll === 'sp1-fixed') return { state: 'fixed' };
  if (f.fixEventAt && (dll === undefined || eventIsNewer)) {
    if (wsus === 'rtm') return { state: 'conflict', conflict: { wsusVersion: f.wsusVersion!, fixEvent: true } };
    return { state: 'fixed' };
  }
  if (dll === 'rtm' || (!dll && wsus === 'rtm')) return { state: 'needs-sp1' };
  if (dll === 'sp1' || wsus) return { state: 'vulnerable' };
  return { state: 'unknown' };
}

export function serverState(f: Facts): ServerState {
  return assessServer(f).state;
}

/** When the fix became known, if it is. */
export function fixedSince(f: Facts): string | undefined {
  if (!f || serverState(f) !== 'fixed') return undefined;
  const times = [f.fixEventAt, buildOf(f.dllVersion) === 'sp1-fixed' ? f.dllVersionAt : undefined].filter((t): t is string => !!t);
  return times.sort()[0];
}

/**
 * The newest proof of the fix: the later of event 1022's own date and when the fixed DLL was read. A failure before
 * it is history — the fix was seen in place after it — whatever the order the evidence was pasted in.
 */
export function fixConfirmedAt(f: Facts): string | undefined {
  if (!f || serverState(f) !== 'fixed') return undefined;
  const times = [f.fixEventAt, buildOf(f.dllVersion) === 'sp1-fixed' ? f.dllVersionAt : undefined].filter((t): t is string => !!t);
  return times.sort().at(-1);
}

/**
 * Affected: the signature was seen (at the failure's own time, db: last_affected_at) and the fix was not seen in
 * place since. The one rule behind the reply, the server view, App Home, status and the daily post. Never on a
 * server KB954960 does not apply to: the same signature there is another failure, not one the fix would mend.
 */
export function isAffectedNow(f: Omit<ServerFacts, 'name'>): boolean {
  if (!f.lastAffectedAt || serverState(f) === 'not-applicable') return false;
  const since = fixConfirmedAt(f);
  return since === undefined || f.lastAffectedAt > since;
}

/**
 * What the fixed state rests on: the client web service DLL at the fixed build, or the MsiInstaller 1022 event for
 * KB954960. A VersionString never proves the fix (assessServer gives `fixed` only on one of these).
 */
export function fixProof(f: Facts): 'dll' | 'event' | null {
  if (!f || serverState(f) !== 'fixed') return null;
  return buildOf(f.dllVersion) === 'sp1-fixed' ? 'dll' : 'event';
}
