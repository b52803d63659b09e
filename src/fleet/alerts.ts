/**
 * When a server's state is worth a post in the subscribed channels: the alert decision, a pure function of what was
 * remembered after the last post (AlertMemory) and what is seen now. A change posts once; the memory it returns is what
 * the next decision compares against, so the same condition seen every day never posts again, and its end (a
 * recovery) posts once too.
 */
import type { ClientHealth } from './health.js';

/** A report older than this (or none since) makes a server silent. */
export const SILENT_AFTER_HOURS = 24;
const SILENT_AFTER_MS = SILENT_AFTER_HOURS * 60 * 60 * 1000;

/** Clients failing with one code are worth a post from this many on… */
export const FAILING_CLIENTS_MIN = 5;
/** …or from this share of the server's clients (a small site with two of ten failing is as bad). */
export const FAILING_CLIENTS_SHARE = 0.1;

/** What the last decision left: the conditions already announced. Stored per server. */
export interface AlertMemory {
  readonly affected: boolean;
  /** Known problems (pack ids) announced as needing action. */
  readonly needsAction: readonly string[];
  /** Failure codes announced as failing many clients. */
  readonly failingCodes: readonly string[];
  readonly silent: boolean;
}

export const NOTHING_ANNOUNCED: AlertMemory = { affected: false, needsAction: [], failingCodes: [], silent: false };

/** What is seen now. A field left out is not known this time (a sweep sees only silence): it keeps its memory. */
export interface Observation {
  readonly affected?: boolean;
  readonly needsAction?: readonly string[];
  readonly health?: ClientHealth | null;
  readonly silent?: boolean;
}

export type Turn = 'worse' | 'recovered';

export type AlertChange =
  | { readonly kind: 'affected'; readonly turn: Turn }
  | { readonly kind: 'problem'; readonly problem: string; readonly turn: Turn }
  | {
      readonly kind: 'clients-failing';
      readonly code: string;
      readonly turn: Turn;
      readonly clients: number;
      readonly total: number;
      readonly since?: string;
      readonly sample: readonly string[];
    }
  | { readonly kind: 'silent'; readonly turn: Turn };

/** How many failing clients make a code worth a post on a server of `total` clients (never fewer than one). */
export function failingThreshold(total: number): number {
  return Math.max(1, Math.min(FAILING_CLIENTS_MIN, Math.ceil(total * FAILING_CLIENTS_SHARE)));
}

/**
 * An announced code counts as recovered only below half its threshold: a count that wobbles around the threshold
 * (5, 4, 5, …) would otherwise post "failing" and "recovered" day after day.
 */
function stillFailing(clients: number, total: number): boolean {
  return clients >= Math.ceil(failingThreshold(total) / 2);
}

/** Whether a server whose last report was at `lastReport` (null: never) is silent at `now`. Never-reported is not. */
export function isSilent(lastReport: string | null, now: Date): boolean {
  if (lastReport === null) return false;
  return now.getTime() - Date.parse(lastReport) >= SILENT_AFTER_MS;
}

export interface AlertDecision {
  /** Worse first, then recoveries; empty when nothing is worth a post. */
  readonly changes: readonly AlertChange[];
  readonly memory: AlertMemory;
}

export function decideAlerts(previous: AlertMemory | null, seen: Observation): AlertDecision {
  const prev = previous ?? NOTHING_ANNOUNCED;
  const worse: AlertChange[] = [];
  const better: AlertChange[] = [];

  const affected = seen.affected ?? prev.affected;
  if (affected !== prev.affected) (affected ? worse : better).push({ kind: 'affected', turn: affected ? 'worse' : 'recovered' });

  const needsAction = seen.needsAction ? [...new Set(seen.needsAction)].sort() : [...prev.needsAction];
  for (const p of needsAction) if (!prev.needsAction.includes(p)) worse.push({ kind: 'problem', problem: p, turn: 'worse' });
  for (const p of prev.needsAction) if (!needsAction.includes(p)) better.push({ kind: 'problem', problem: p, turn: 'recovered' });

  let failingCodes = [...prev.failingCodes];
  const health = seen.health;
  if (health) {
    const counts = new Map(health.failing.map((f) => [f.code, f]));
    const next: string[] = [];
    for (const code of prev.failingCodes) {
      const f = counts.get(code);
      if (f && stillFailing(f.clients, health.total)) next.push(code);
      else better.push({ kind: 'clients-failing', code, turn: 'recovered', clients: f?.clients ?? 0, total: health.total, sample: [] });
    }
    const threshold = failingThreshold(health.total);
    for (const f of health.failing) {
      if (next.includes(f.code) || f.clients < threshold) continue;
      next.push(f.code);
      worse.push({ kind: 'clients-failing', code: f.code, turn: 'worse', clients: f.clients, total: health.total, since: f.since, sample: f.sample });
    }
    failingCodes = next.sort();
  }

  const silent = seen.silent ?? prev.silent;
  if (silent !== prev.silent) (silent ? worse : better).push({ kind: 'silent', turn: silent ? 'worse' : 'recovered' });

  return { changes: [...worse, ...better], memory: { affected, needsAction, failingCodes, silent } };
}
