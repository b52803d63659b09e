import { classifyBuild, compareVersions } from './versions.js';

export type ServerState = 'needs-sp1' | 'vulnerable' | 'fixed' | 'unknown';

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

/**
 * The client web service DLL's version decides. The MsiInstaller 1022 event proves the fix unless an unfixed DLL was
 * reported after it (reinstalling WSUS removes the fix). The WSUS VersionString only tells RTM from SP1 (and SP2+,
 * which includes the fix): SP1's VersionString does not change when the fix is installed.
 */
export function serverState(f: Omit<ServerFacts, 'name'> | null | undefined): ServerState {
  if (!f) return 'unknown';
  const dll = f.dllVersion ? classifyBuild(f.dllVersion) : undefined;
  const eventIsNewer = !!f.fixEventAt && (!f.dllVersionAt || f.fixEventAt > f.dllVersionAt);
  if (dll === 'fixed' || (f.fixEventAt && (dll === undefined || eventIsNewer))) return 'fixed';
  if (dll === 'rtm') return 'needs-sp1';
  if (dll === 'sp1-unfixed') return 'vulnerable';
  if (f.wsusVersion) {
    const wsus = classifyBuild(f.wsusVersion);
    // SP2 and later include the fix; SP1 is vulnerable until the DLL or the event says otherwise.
    if (wsus === 'rtm') return 'needs-sp1';
    return compareVersions(f.wsusVersion, '3.2') >= 0 ? 'fixed' : 'vulnerable';
  }
  return 'unknown';
}

/** When the fix became known, if it is. */
export function fixedSince(f: Omit<ServerFacts, 'name'> | null | undefined): string | undefined {
  if (!f || serverState(f) !== 'fixed') return undefined;
  const times = [f.fixEventAt, f.dllVersion && classifyBuild(f.dllVersion) === 'fixed' ? f.dllVersionAt : undefined].filter((t): t is string => !!t);
  return times.sort()[0];
}

/** Affected: the signature was seen and no fix has been recorded since. */
export function isAffectedNow(f: Omit<ServerFacts, 'name'>): boolean {
  if (!f.lastAffectedAt) return false;
  const since = fixedSince(f);
  return since === undefined || f.lastAffectedAt > since;
}
