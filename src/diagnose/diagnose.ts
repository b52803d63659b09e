import { RULES } from '../detect/rules.js';
import type { Finding, Lang, ScanResult } from '../detect/types.js';
import { KB } from '../kb954960.js';
import { fixedSince, serverState, type ServerFacts, type ServerState } from './server-state.js';
import { classifyBuild, maxVersion } from './versions.js';

export type Verdict = 'affected' | 'possible' | 'vulnerable' | 'fixed' | 'clean';

/** Exit codes of `kb954960 scan`: 1 means an admin has something to do. */
export function verdictNeedsAction(v: Verdict): boolean {
  return v === 'affected' || v === 'possible' || v === 'vulnerable';
}

/** Next steps, rendered per language by render/i18n. Order is the order to do them in. */
export type Action =
  | 'install-sp1-then-fix'
  | 'or-workaround'
  | 'install-fix'
  | 'check-server-version'
  | 'check-server-log'
  | 'verify-fix'
  | 'rerun-client-detection'
  | 'recheck-fixed-server'
  | 'nothing-to-do';

/** Remarks that qualify the verdict. */
export type Note =
  | { kind: 'intermittent' }
  | { kind: 'office-2003' }
  | { kind: 'failures-predate-fix'; since: string }
  | { kind: 'fixed-but-failing'; since: string }
  | { kind: 'lookalike'; code: string }
  | { kind: 'sp2-out-of-scope' }
  | { kind: 'other-servers'; servers: string[] }
  | { kind: 'fault-id-joins'; id: string };

/** What this one input teaches about its server, for the store. */
export interface FactsLearned {
  dllVersion?: string;
  wsusVersion?: string;
  fixEvent?: boolean;
  affected: boolean;
}

export interface Diagnosis {
  readonly kb: typeof KB;
  readonly verdict: Verdict;
  readonly server: string | null;
  /** The server's state after this input (unknown without a server). */
  readonly serverState: ServerState;
  /** The lines that support the verdict, in line order. */
  readonly evidence: readonly Finding[];
  /** Everything the rules found, in line order. */
  readonly findings: readonly Finding[];
  readonly actions: readonly Action[];
  readonly notes: readonly Note[];
  readonly learned: FactsLearned;
  /** The input itself holds KB954960 evidence (signature, symptom, version or fix): in channels the bot answers only then. */
  readonly hasEvidence: boolean;
  readonly lang: Lang;
  readonly lines: number;
}

export interface DiagnoseContext {
  readonly lang: Lang;
  /** The server the user named (wins over names found in the log). */
  readonly serverName?: string | null;
  /** What the store knows of the server, looked up by the caller for the server this input names. */
  readonly known?: ServerFacts | null;
  /** Now, as a UTC ISO string: time is passed in, never read. */
  readonly now: string;
  /**
   * false: the input's versions and fix event are shown as evidence but not taken as the server's — its state and the
   * verdict rest on what is recorded (the caller will not record them). Default true.
   */
  readonly applyReportedFacts?: boolean;
}

const ROLE = new Map(RULES.map((r) => [r.id, r.role]));

/**
 * The server an input is about: named by the user; else the server log's actor; else the server the client was
 * syncing with in its failing attempt (the latest server URL at or before it); else the first one the client names.
 */
export function serverNamed(scan: ScanResult, explicit?: string | null, failingAttempt?: number): string | null {
  if (explicit) return normalizeServerName(explicit);
  const named = (rule: string) => scan.findings.filter((f) => f.rule === rule && f.fields.server);
  const actor = [...named('server-throwexception-internalservererror'), ...named('server-throwexception-other')][0];
  if (actor) return actor.fields.server!;
  const urls = named('client-server-url');
  if (failingAttempt !== undefined) {
    const before = urls.filter((f) => f.attempt <= failingAttempt).at(-1);
    if (before) return before.fields.server!;
  }
  return urls[0]?.fields.server ?? named('client-wsus-server')[0]?.fields.server ?? null;
}

export function normalizeServerName(name: string): string {
  return name.trim().toLowerCase();
}

export function diagnose(scan: ScanResult, ctx: DiagnoseContext): Diagnosis {
  const findings = scan.findings;
  const byRule = (id: string) => findings.filter((f) => f.rule === id);

  // ── the signature ────────────────────────────────────────────────────────────────────────────────
  // Client: InternalServerError(5) together with the SyncUpdates failure or the SOAP fault, in one sync attempt,
  // unless that attempt's fault names another method (GetAuthorizationCookie & co. are other problems).
  const clientAffectedAttempts = new Set<number>();
  const clientByAttempt = groupBy(findings.filter((f) => f.source === 'WindowsUpdate.log'), (f) => f.attempt);
  for (const [attempt, list] of clientByAttempt) {
    const has = (id: string) => list.some((f) => f.rule === id);
    const otherMethod = list.some((f) => f.rule === 'client-fault-method' && f.fields.method !== 'SyncUpdates');
    if (has('client-internal-server-error-5') && (has('client-syncupdates-0x8024400e') || has('client-soap-fault-0x000190')) && !otherMethod) {
      clientAffectedAttempts.add(attempt);
    }
  }
  const server = serverNamed(scan, ctx.serverName, clientAffectedAttempts.size > 0 ? Math.min(...clientAffectedAttempts) : undefined);
  const serverSignature = byRule('server-throwexception-internalservererror');
  const signatureLines = [
    ...findings.filter((f) => f.source === 'WindowsUpdate.log' && clientAffectedAttempts.has(f.attempt) && ['signature', 'partial'].includes(ROLE.get(f.rule) ?? '')),
    ...findings.filter((f) => f.rule === 'client-fault-id' && clientAffectedAttempts.has(f.attempt)),
    ...findings.filter((f) => f.rule === 'client-fault-method' && clientAffectedAttempts.has(f.attempt)),
    ...serverSignature,
    ...byRule('server-duplicate-key'),
  ];
  const affected = clientAffectedAttempts.size > 0 || serverSignature.length > 0;
  const partialLines = findings.filter((f) => ['signature', 'partial'].includes(ROLE.get(f.rule) ?? ''));
  const possible = !affected && partialLines.length > 0;

  // ── what the input says of the server ────────────────────────────────────────────────────────────
  const versions = byRule('wsus-build-version');
  const dllVersion = maxVersion(
    versions.filter((f) => f.fields.component === 'client-web-service-dll' || (f.fields.component === 'unknown' && classifyBuild(f.fields.version ?? '') === 'fixed')).map((f) => f.fields.version ?? ''),
  );
  // A bare build below .66 reads the same as SP1's VersionString: it says RTM or SP1, not whether the fix is in.
  const wsusVersion = maxVersion(versions.filter((f) => f.fields.component !== 'client-web-service-dll' && !(dllVersion && f.fields.version === dllVersion)).map((f) => f.fields.version ?? ''));
  const fixEvents = byRule('msiinstaller-1022-kb954960');
  const learned: FactsLearned = {
    ...(dllVersion ? { dllVersion } : {}),
    ...(wsusVersion ? { wsusVersion } : {}),
    ...(fixEvents.length > 0 ? { fixEvent: true } : {}),
    affected,
  };
  const reportsFacts = !!dllVersion || !!wsusVersion || fixEvents.length > 0;
  const applied = reportsFacts && ctx.applyReportedFacts !== false;
  const facts: Omit<ServerFacts, 'name'> = {
    ...ctx.known,
    ...(applied && dllVersion ? { dllVersion, dllVersionAt: ctx.now } : {}),
    ...(applied && wsusVersion ? { wsusVersion, wsusVersionAt: ctx.now } : {}),
    ...(applied && fixEvents.length > 0 ? { fixEventAt: ctx.now } : {}),
  };
  const state = server || applied ? serverState(facts) : 'unknown';

  // ── verdict ──────────────────────────────────────────────────────────────────────────────────────
  const notes: Note[] = [];
  const since = fixedSince(ctx.known);
  let verdict: Verdict;
  if (affected) {
    const failureTimes = signatureLines.map((f) => f.time);
    const allBeforeFix = since !== undefined && failureTimes.length > 0 && failureTimes.every((t) => t !== undefined && t < since);
    if (allBeforeFix && since) {
      verdict = 'fixed';
      notes.push({ kind: 'failures-predate-fix', since });
    } else {
      verdict = 'affected';
      if (since) notes.push({ kind: 'fixed-but-failing', since });
    }
  } else if (possible) {
    verdict = 'possible';
  } else if (state === 'needs-sp1' || state === 'vulnerable') {
    verdict = 'vulnerable';
  } else if (state === 'fixed') {
    verdict = 'fixed';
  } else {
    verdict = 'clean';
  }

  const versionAndFixLines = [...versions, ...fixEvents];
  const evidence = sortByLine(
    verdict === 'affected' || (verdict === 'fixed' && affected)
      ? [...signatureLines, ...versionAndFixLines]
      : verdict === 'possible'
        ? [...partialLines, ...versionAndFixLines]
        : versionAndFixLines,
  );

  // ── notes and next actions ───────────────────────────────────────────────────────────────────────
  if (byRule('office-2003').length > 0) notes.push({ kind: 'office-2003' });
  for (const f of findings) if (ROLE.get(f.rule) === 'lookalike' && f.fields.code) notes.push({ kind: 'lookalike', code: f.fields.code });
  if ([dllVersion, wsusVersion].some((v) => v && v.startsWith('3.2.'))) notes.push({ kind: 'sp2-out-of-scope' });
  const names = new Set(findings.map((f) => f.fields.server).filter((s): s is string => !!s));
  if (server) names.delete(server);
  if (names.size > 0) notes.push({ kind: 'other-servers', servers: [...names].sort() });
  const faultId = signatureLines.find((f) => f.fields.id)?.fields.id;
  if (faultId) notes.push({ kind: 'fault-id-joins', id: faultId });
  if (verdict !== 'fixed' && verdict !== 'clean') notes.push({ kind: 'intermittent' });

  const actions = nextActions(verdict, state, notes);
  return {
    kb: KB,
    verdict,
    server,
    serverState: state,
    evidence: dedupeLines(evidence),
    findings,
    actions,
    notes: dedupeNotes(notes),
    learned,
    hasEvidence: findings.some((f) => ['signature', 'partial', 'version', 'fix'].includes(ROLE.get(f.rule) ?? '')),
    lang: ctx.lang,
    lines: scan.lines,
  };
}

function nextActions(verdict: Verdict, state: ServerState, notes: readonly Note[]): Action[] {
  if (verdict === 'clean') return [];
  if (verdict === 'fixed') return notes.some((n) => n.kind === 'failures-predate-fix') ? ['rerun-client-detection'] : ['nothing-to-do'];
  const fix: Action[] =
    state === 'needs-sp1'
      ? ['install-sp1-then-fix', 'or-workaround']
      : state === 'vulnerable'
        ? ['install-fix', 'or-workaround']
        : state === 'fixed'
          ? ['recheck-fixed-server']
          : ['check-server-version', 'install-fix', 'or-workaround'];
  const first: Action[] = verdict === 'possible' ? ['check-server-log'] : [];
  const after: Action[] = state === 'fixed' ? [] : verdict === 'vulnerable' ? ['verify-fix'] : ['verify-fix', 'rerun-client-detection'];
  return [...first, ...fix, ...after];
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function sortByLine(list: readonly Finding[]): Finding[] {
  return [...list].sort((a, b) => a.line - b.line);
}

/** One line can match several rules (the run-together paste): show it once. */
function dedupeLines(list: readonly Finding[]): Finding[] {
  const seen = new Set<number>();
  return list.filter((f) => (seen.has(f.line) ? false : (seen.add(f.line), true)));
}

function dedupeNotes(list: readonly Note[]): Note[] {
  const seen = new Set<string>();
  return list.filter((n) => {
    const k = JSON.stringify(n);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
