import { FIXED_DLL_VERSION } from '../kb954960.js';

/** What a WSUS 3.0 build number says about KB954960. */
export type BuildClass = 'rtm' | 'sp1-unfixed' | 'fixed';

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * WSUS 3.0 RTM is 3.0.6000.x; SP1 is 3.1.6001.x and its client web service DLL carries the fix from .66 on;
 * SP2 (3.2.7600.x) and later are past the fix. The WSUS VersionString of SP1 stays below .66 with the fix
 * installed, so a VersionString never proves the fix: see serverState().
 */
export function classifyBuild(version: string): BuildClass {
  if (compareVersions(version, '3.1') < 0) return 'rtm';
  return compareVersions(version, FIXED_DLL_VERSION) < 0 ? 'sp1-unfixed' : 'fixed';
}

export function maxVersion(versions: readonly string[]): string | undefined {
  return versions.reduce<string | undefined>((best, v) => (best === undefined || compareVersions(v, best) > 0 ? v : best), undefined);
}
