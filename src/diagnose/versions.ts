import { FIXED_DLL_VERSION } from '../kb954960.js';

/**
 * What a version number — the registry `VersionString` or the client web service DLL's file version — says about
 * KB954960. One table, docs/kb954960.md "Which servers it applies to", decides everywhere (scan, paste, commands,
 * status):
 * - rtm          3.0.6000.x — WSUS 3.0 RTM: applies, SP1 first
 * - sp1          3.1.6001.x below .66 — WSUS 3.0 SP1 without the fix: applies
 * - sp1-fixed    3.1.6001.66 or a later 3.1.6001 build — the fixed DLL (a VersionString this high proves nothing: see
 *                server-state.ts)
 * - sp2          3.2.7600.x — WSUS 3.0 SP2 and its updates: does not apply (the advisory names RTM and SP1 only)
 * - wsus4        6.2.9200.x, 6.3.9600.x, 10.0.x — WSUS 4.0 and later: does not apply, not WSUS 3.0
 * - not-wsus     anything else (99.0.0.1): not a WSUS build; refused, never recorded
 */
export type BuildClass = 'rtm' | 'sp1' | 'sp1-fixed' | 'sp2' | 'wsus4' | 'not-wsus';

/** The product a build belongs to: two facts of one server must name the same one, else they conflict. */
export type Generation = 'rtm' | 'sp1' | 'sp2' | 'wsus4';

/** Four dot-separated numbers, as Windows prints file and product versions. */
const VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/;

/** The builds KB954960 knows by their first three parts. */
const KNOWN_BUILDS: readonly { readonly prefix: string; readonly build: Exclude<BuildClass, 'sp1-fixed' | 'not-wsus'> }[] = [
  { prefix: '3.0.6000.', build: 'rtm' },
  { prefix: '3.1.6001.', build: 'sp1' },
  { prefix: '3.2.7600.', build: 'sp2' },
  { prefix: '6.2.9200.', build: 'wsus4' },
  { prefix: '6.3.9600.', build: 'wsus4' },
];

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** `v3.1.6001.66`, ` 3.1.6001.66 ` → `3.1.6001.66`; leading zeros of a part are kept out (`3.01` reads as 3.1). */
export function normalizeVersion(text: string): string | null {
  const bare = text.trim().replace(/^v/i, '');
  if (!VERSION.test(bare)) return null;
  return bare
    .split('.')
    .map((p) => String(Number(p)))
    .join('.');
}

export function classifyBuild(version: string): BuildClass {
  const v = normalizeVersion(version);
  if (!v) return 'not-wsus';
  if (v.startsWith('10.0.')) return 'wsus4';
  const known = KNOWN_BUILDS.find((k) => v.startsWith(k.prefix));
  if (!known) return 'not-wsus';
  if (known.build === 'sp1' && compareVersions(v, FIXED_DLL_VERSION) >= 0) return 'sp1-fixed';
  return known.build;
}

export function generationOf(build: BuildClass): Generation | undefined {
  switch (build) {
    case 'rtm':
    case 'sp2':
    case 'wsus4':
      return build;
    case 'sp1':
    case 'sp1-fixed':
      return 'sp1';
    case 'not-wsus':
      return undefined;
  }
}

/** Builds KB954960 does not apply to, and why (the note the reply shows). */
export type NotApplicableReason = 'sp2' | 'wsus4';

export function notApplicableReason(build: BuildClass): NotApplicableReason | undefined {
  return build === 'sp2' || build === 'wsus4' ? build : undefined;
}

export type ParsedVersion =
  | { readonly ok: true; readonly version: string; readonly build: Exclude<BuildClass, 'not-wsus'> }
  | { readonly ok: false; readonly reason: 'format' | 'not-wsus' };

/** A version an admin typed: `3.1.6001.66` or `v3.1.6001.66`; refused when it is no WSUS build at all. */
export function parseVersion(text: string): ParsedVersion {
  const version = normalizeVersion(text);
  if (!version) return { ok: false, reason: 'format' };
  const build = classifyBuild(version);
  return build === 'not-wsus' ? { ok: false, reason: 'not-wsus' } : { ok: true, version, build };
}

export function maxVersion(versions: readonly string[]): string | undefined {
  return versions.reduce<string | undefined>((best, v) => (best === undefined || compareVersions(v, best) > 0 ? v : best), undefined);
}
