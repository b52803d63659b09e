/**
 * The fleet model: what the fleet looks like at an instant — every server in one bucket, the new detections of the
 * last hours, who has been affected for long, and the one next action. Pure: facts in, a FleetStatus out; no words,
 * no Slack, no store. Its renderers (src/render/status-*.ts) turn it into Block Kit, text or JSON; src/status/query.ts
 * reads the facts from the store.
 */
import { fixedSince, isAffectedNow, serverState, type ServerFacts, type ServerState } from '../diagnose/server-state.js';
import { KB } from '../kb954960.js';
import { failingThreshold, isSilent } from './alerts.js';
import type { ClientHealth } from './health.js';

/** Knobs of the post. */
export const STATUS = {
  /** "Affected for more than N days". */
  longAffectedDays: 7,
  /** "New detections in the last N hours". */
  windowHours: 24,
  /** Servers named per state in the post (the rest: "and K more"). */
  topPerState: 10,
  /** Servers listed under the new detections (one line each, however many detections it had). */
  topDetections: 10,
  /** "Other problems in the last N days" (per server: the known problems other than KB954960). */
  otherProblemDays: 7,
  /** A server name longer than this is shortened when shown (names come from logs). */
  nameChars: 80,
  /** Room kept under Slack's 3,000-character section limit. */
  sectionBudget: 2900,
  /** The Slack `text` fallback (notifications, screen readers) stays short. */
  fallbackChars: 3000,
} as const;

/** Each server is in exactly one bucket: `affected` first (failing now, whatever its version), then its state. */
export type FleetBucket = 'affected' | ServerState;
/** Most urgent first. */
export const FLEET_BUCKETS: readonly FleetBucket[] = ['affected', 'needs-sp1', 'vulnerable', 'conflict', 'unknown', 'not-applicable', 'fixed'];

export interface FleetServer {
  readonly name: string;
  readonly state: ServerState;
  readonly bucket: FleetBucket;
  readonly lastAffectedAt: string | null;
  /** Affected: when the current episode began (first signature after the last fix), else null. */
  readonly affectedSince: string | null;
  /** Affected: whole days since affectedSince. */
  readonly affectedDays: number | null;
  readonly fixedSince: string | null;
}

/**
 * One server's new detections (the storage port's status.newDetectionsSince): how many, and the newest of them — its diagnosis
 * id, time, how it came in and its Slack message. A diagnosis that names no server is grouped with the others of its
 * channel.
 */
export interface DetectionEntry {
  readonly id: number;
  readonly createdAt: string;
  /** null: not named (the group is the channel's; channelId null: those recorded outside any channel). */
  readonly server: string | null;
  /** null: the CLI, or a form opened from a global shortcut (no channel to name: the origin says where it came from). */
  readonly channelId: string | null;
  /** How the newest came in (src/store/port.ts Origin: cli, message, file, command, modal, shortcut). */
  readonly origin: string;
  readonly messageTs: string | null;
  readonly replyTs: string | null;
  /** Detections in the window; the fields above are the newest one's. */
  readonly count: number;
}

/** One line of "new detections": a server, how many times it was detected, and the newest detection (the evidence). */
export interface Detection {
  /** The newest detection's diagnosis. */
  readonly id: number;
  readonly at: string;
  readonly server: string | null;
  readonly channelId: string | null;
  /** How the newest detection came in (DetectionEntry.origin). */
  readonly origin: string;
  /** The message whose thread holds the newest diagnosis. */
  readonly threadTs: string | null;
  readonly permalink: string | null;
  readonly count: number;
  /** The server has been fixed since (it is in the fixed bucket): the detections are history, not a task. */
  readonly fixedSince: boolean;
}

/** A known problem other than KB954960 on one server: in how many diagnoses (logs), since when (the storage port's status.otherProblemsPerServerSince). */
export interface OtherProblemCount {
  readonly server: string;
  /** A problem pack id (src/detect/problems/), or a failure code no problem explains (`0x…`). */
  readonly problem: string;
  readonly logs: number;
  /** The first diagnosis in the window that found it. */
  readonly since: string;
}

export type NextActionKind = 'fix-affected' | 'sp1-then-fix' | 'install-fix' | 'resolve-conflicts' | 'check-versions' | 'none' | 'no-servers';

export interface NextAction {
  readonly kind: NextActionKind;
  /** How many servers it concerns, and the first few of them. */
  readonly count: number;
  readonly servers: readonly string[];
  /** fix-affected: some of them run WSUS 3.0 RTM (SP1 first). */
  readonly rtmAmongThem?: number;
}

export interface FleetStatus {
  readonly kb: typeof KB;
  readonly generatedAt: string;
  readonly windowHours: number;
  readonly total: number;
  readonly counts: Readonly<Record<FleetBucket, number>>;
  /** Every server, per bucket, most urgent first within a bucket (affected: longest affected first; others by name). */
  readonly servers: Readonly<Record<FleetBucket, readonly FleetServer[]>>;
  /** `total` detections on `groups` servers (lines); `entries`: the servers with the newest detections, newest first. */
  readonly newDetections: { readonly total: number; readonly groups: number; readonly entries: readonly Detection[] };
  readonly longAffected: { readonly days: number; readonly servers: readonly FleetServer[] };
  /** The other known problems per server in the last `days` (most logs first): "wsus03: app pool 503 in 4 logs since …". */
  readonly otherProblems: { readonly days: number; readonly entries: readonly OtherProblemCount[] };
  readonly nextAction: NextAction;
  /**
   * Servers that report themselves (scripts/windows/Send-KB954960Report.ps1): those silent for a day, and those whose
   * clients fail with one code in numbers worth an alert. Absent when nothing reports.
   */
  readonly reporting?: {
    readonly silent: readonly { readonly server: string; readonly lastReportAt: string }[];
    readonly failingClients: readonly { readonly server: string; readonly code: string; readonly clients: number; readonly total: number }[];
  };
  /** No new detection in the window, nothing affected, no other problem, no silent or failing reporting server: one line. */
  readonly quiet: boolean;
}

/** A server that reports itself, as the store lists it (src/store/port.ts ReportingServer fits). */
export interface ReportingInput {
  readonly server: string;
  readonly lastReportAt: string | null;
  readonly health: ClientHealth | null;
  readonly revoked: boolean;
}

export interface FleetInput {
  readonly servers: readonly ServerFacts[];
  /** The first servers' detections; `total` diagnoses and `groups` servers in all. */
  readonly newDetections: { readonly entries: readonly DetectionEntry[]; readonly total: number; readonly groups: number };
  readonly now: Date;
  /** Per server, when its current affected episode began (from the diagnoses); defaults to lastAffectedAt. */
  readonly affectedSince?: ReadonlyMap<string, string>;
  /** Per diagnosis id (an entry's newest), the thread's permalink (chat.getPermalink). */
  readonly permalinks?: ReadonlyMap<number, string>;
  readonly longAffectedDays?: number;
  readonly windowHours?: number;
  /** The other known problems per server since `otherProblemDays` ago (none when not given). */
  readonly otherProblems?: readonly OtherProblemCount[];
  /** The servers that report themselves (none when not given). */
  readonly reporting?: readonly ReportingInput[];
  readonly otherProblemDays?: number;
}

const DAY_MS = 86_400_000;

/** The message whose thread holds a diagnosis: the user's message, else the bot's reply. */
export function threadOf(e: Pick<DetectionEntry, 'messageTs' | 'replyTs'>): string | null {
  return e.messageTs ?? e.replyTs;
}

export function buildFleetStatus(input: FleetInput): FleetStatus {
  const now = input.now.getTime();
  const longDays = input.longAffectedDays ?? STATUS.longAffectedDays;
  const servers: Record<FleetBucket, FleetServer[]> = {
    affected: [],
    'needs-sp1': [],
    vulnerable: [],
    conflict: [],
    unknown: [],
    'not-applicable': [],
    fixed: [],
  };
  for (const f of input.servers) {
    const state = serverState(f);
    const affected = isAffectedNow(f);
    const last = f.lastAffectedAt ?? null;
    let since: string | null = null;
    if (affected && last) {
      const first = input.affectedSince?.get(f.name);
      since = first && first < last ? first : last;
    }
    servers[affected ? 'affected' : state].push({
      name: f.name,
      state,
      bucket: affected ? 'affected' : state,
      lastAffectedAt: last,
      affectedSince: since,
      affectedDays: since ? Math.max(0, Math.floor((now - Date.parse(since)) / DAY_MS)) : null,
      fixedSince: fixedSince(f) ?? null,
    });
  }
  const byName = (a: FleetServer, b: FleetServer) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const b of FLEET_BUCKETS) servers[b].sort(byName);
  servers.affected.sort((a, b) => (a.affectedSince! < b.affectedSince! ? -1 : a.affectedSince! > b.affectedSince! ? 1 : byName(a, b)));
  const counts = Object.fromEntries(FLEET_BUCKETS.map((b) => [b, servers[b].length])) as Record<FleetBucket, number>;
  const longAffected = servers.affected.filter((s) => s.affectedSince !== null && now - Date.parse(s.affectedSince) > longDays * DAY_MS);

  const fixed = new Set(servers.fixed.map((s) => s.name));
  const entries: Detection[] = input.newDetections.entries.map((e) => ({
    id: e.id,
    at: e.createdAt,
    server: e.server,
    channelId: e.channelId,
    origin: e.origin,
    threadTs: threadOf(e),
    permalink: input.permalinks?.get(e.id) ?? null,
    count: e.count,
    fixedSince: e.server !== null && fixed.has(e.server),
  }));
  const shown = entries.reduce((n, e) => n + e.count, 0);
  const newDetections = { total: Math.max(input.newDetections.total, shown), groups: Math.max(input.newDetections.groups, entries.length), entries };

  const live = (input.reporting ?? []).filter((r) => !r.revoked);
  const reporting = {
    silent: live.flatMap((r) => (r.lastReportAt !== null && isSilent(r.lastReportAt, input.now) ? [{ server: r.server, lastReportAt: r.lastReportAt }] : [])),
    failingClients: live.flatMap((r) =>
      (r.health?.failing ?? [])
        .filter((f) => f.clients >= failingThreshold(r.health!.total))
        .map((f) => ({ server: r.server, code: f.code, clients: f.clients, total: r.health!.total })),
    ),
  };
  const reportingQuiet = reporting.silent.length === 0 && reporting.failingClients.length === 0;

  return {
    kb: KB,
    generatedAt: input.now.toISOString(),
    windowHours: input.windowHours ?? STATUS.windowHours,
    total: input.servers.length,
    counts,
    servers,
    newDetections,
    longAffected: { days: longDays, servers: longAffected },
    otherProblems: { days: input.otherProblemDays ?? STATUS.otherProblemDays, entries: input.otherProblems ?? [] },
    nextAction: nextAction(servers, input.servers.length),
    ...(input.reporting && input.reporting.length > 0 ? { reporting } : {}),
    quiet: newDetections.total === 0 && counts.affected === 0 && (input.otherProblems ?? []).length === 0 && reportingQuiet,
  };
}

/** The one thing to do next, most urgent first. */
function nextAction(servers: Readonly<Record<FleetBucket, readonly FleetServer[]>>, total: number): NextAction {
  const pick = (kind: NextActionKind, list: readonly FleetServer[], extra: Partial<NextAction> = {}): NextAction => ({
    kind,
    count: list.length,
    servers: list.slice(0, 3).map((s) => s.name),
    ...extra,
  });
  if (servers.affected.length > 0)
    return pick('fix-affected', servers.affected, { rtmAmongThem: servers.affected.filter((s) => s.state === 'needs-sp1').length });
  if (servers['needs-sp1'].length > 0) return pick('sp1-then-fix', servers['needs-sp1']);
  if (servers.vulnerable.length > 0) return pick('install-fix', servers.vulnerable);
  if (servers.conflict.length > 0) return pick('resolve-conflicts', servers.conflict);
  if (servers.unknown.length > 0) return pick('check-versions', servers.unknown);
  return { kind: total === 0 ? 'no-servers' : 'none', count: 0, servers: [] };
}
