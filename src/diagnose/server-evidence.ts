import type { Finding, RuleId } from '../detect/types.js';
import { dateOnLine } from './event-time.js';
import { classifyBuild, maxVersion } from './versions.js';

/** The rules whose findings are facts about a WSUS server (its versions, the fix's install event). */
const VERSION_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['wsus-build-version', 'wsus4-build-version', 'verify-check-version']);
const EVENT_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['msiinstaller-1022-kb954960', 'verify-check-event']);

export interface ServerEvidence {
  readonly dllVersion?: string;
  readonly wsusVersion?: string;
  /** true: the install event was seen; false: the verification output says it is absent; undefined: not asked. */
  readonly fixEvent?: boolean;
  /** The install event's own date (UTC ISO), when the line prints it: the fix counts from then, not from the paste. */
  readonly fixEventOn?: string;
  /** The verification output says the client web service DLL is not where it looked. */
  readonly dllAbsent?: boolean;
  /** The findings these facts rest on. */
  readonly lines: readonly Finding[];
}

/**
 * What an input says of one server. Lines the verification commands print name their computer: those of another
 * computer are left out (they are that server's facts, not this one's). A number that is no WSUS build is ignored.
 */
export function serverEvidence(findings: readonly Finding[], server: string | null): ServerEvidence {
  const ours = (f: Finding) => !f.fields.server || !server || f.fields.server === server;
  const versions = findings.filter((f) => VERSION_RULES.has(f.rule) && ours(f) && f.fields.version && classifyBuild(f.fields.version) !== 'not-wsus');
  const events = findings.filter((f) => EVENT_RULES.has(f.rule) && ours(f));
  const absentChecks = findings.filter((f) => VERSION_RULES.has(f.rule) && ours(f) && f.fields.absent);
  const component = (f: Finding) => f.fields.component ?? 'unknown';
  // A bare build number (no DLL or VersionString around it) of the fixed DLL can only be the DLL: SP1's VersionString
  // stays below .66. Any other bare number reads as the server's version.
  const isDll = (f: Finding) => component(f) === 'client-web-service-dll' || (component(f) === 'unknown' && classifyBuild(f.fields.version!) === 'sp1-fixed');
  const dllVersion = maxVersion(versions.filter(isDll).map((f) => f.fields.version!));
  const wsusVersion = maxVersion(versions.filter((f) => !isDll(f)).map((f) => f.fields.version!));
  const present = events.some((f) => f.rule === 'msiinstaller-1022-kb954960' || f.fields.event === 'present');
  const absent = events.some((f) => f.fields.event === 'absent');
  // The newest date printed on a present event (the verification command prints the event's own date).
  const fixEventOn = present
    ? events
        .filter((f) => f.fields.event !== 'absent')
        .map((f) => (f.fields.date ? dateOnLine(f.fields.date) : f.rule === 'msiinstaller-1022-kb954960' ? dateOnLine(f.text) : undefined))
        .filter((t): t is string => !!t)
        .sort()
        .at(-1)
    : undefined;
  const dllAbsent = absentChecks.some((f) => f.fields.component === 'client-web-service-dll');
  return {
    ...(dllVersion ? { dllVersion } : {}),
    ...(wsusVersion ? { wsusVersion } : {}),
    ...(present ? { fixEvent: true } : absent ? { fixEvent: false } : {}),
    ...(fixEventOn ? { fixEventOn } : {}),
    ...(dllAbsent ? { dllAbsent } : {}),
    lines: [...versions, ...absentChecks, ...events],
  };
}
