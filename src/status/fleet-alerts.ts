/**
 * Fleet alerts: after each recorded report, and on each status sweep (silent servers), the alert decision
 * (src/fleet/alerts.ts) runs against what was last announced for the server; a change is claimed by swapping the
 * stored memory (one process wins, one post) and posted once to every subscribed channel, in the channel's language.
 * The same condition seen again the next day posts nothing; its end posts once.
 */
import { isAffectedNow, serverState } from '../diagnose/server-state.js';
import { decideAlerts, isSilent, type AlertChange, type AlertMemory, type Observation } from '../fleet/alerts.js';
import type { ClientHealth } from '../fleet/health.js';
import { renderFleetAlert } from '../render/fleet-alert.js';
import type { Storage } from '../store/port.js';
import { STATUS } from '../fleet/status.js';
import type { Logger, StatusClient } from './scheduler.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface FleetAlertsDeps {
  readonly store: Storage;
  readonly client: Pick<StatusClient, 'chat'>;
  readonly clock: () => Date;
  readonly logger: Logger;
}

export interface Announced {
  readonly server: string;
  readonly changes: readonly AlertChange[];
  /** The channels it was posted to. */
  readonly channels: readonly string[];
}

export class FleetAlerts {
  constructor(private readonly deps: FleetAlertsDeps) {}

  /** After a report was recorded for `server`: what it now shows. */
  async afterReport(server: string, health: ClientHealth | null): Promise<Announced | null> {
    const now = this.deps.clock();
    const facts = await this.deps.store.servers.facts(server);
    // Known problems seen in the last week: a report carries only new log lines, so one quiet day is no recovery.
    const since = new Date(now.getTime() - STATUS.otherProblemDays * DAY_MS).toISOString();
    const needsAction = (await this.deps.store.servers.failuresOf(server)).filter((f) => f.kind === 'problem' && f.last >= since).map((f) => f.id);
    return this.apply(server, now, () => ({ affected: facts ? isAffectedNow(facts) : false, needsAction, health, silent: false }), null);
  }

  /** The status sweep: every enrolled server whose last report is 24 h old or more turns silent (once). */
  async sweepSilent(now: Date = this.deps.clock()): Promise<Announced[]> {
    const out: Announced[] = [];
    for (const s of await this.deps.store.fleet.reporting()) {
      if (s.revoked || !isSilent(s.lastReportAt, now)) continue;
      const a = await this.apply(s.server, now, () => ({ silent: true }), s.lastReportAt);
      if (a) out.push(a);
    }
    return out;
  }

  private async apply(server: string, now: Date, seen: () => Observation, lastReportAt: string | null): Promise<Announced | null> {
    const fleet = this.deps.store.fleet;
    // A lost swap means another process announced first: decide again against what it left.
    for (let attempt = 0; attempt < 3; attempt++) {
      const previous: AlertMemory | null = await fleet.alertMemory(server);
      const decision = decideAlerts(previous, seen());
      if (previous !== null && JSON.stringify(previous) === JSON.stringify(decision.memory)) return null;
      if (!(await fleet.swapAlertMemory(server, previous, decision.memory, now.toISOString()))) continue;
      if (decision.changes.length === 0) return null;
      const allClear =
        !decision.memory.affected && decision.memory.needsAction.length === 0 && decision.memory.failingCodes.length === 0 && !decision.memory.silent;
      return { server, changes: decision.changes, channels: await this.post(server, decision.changes, lastReportAt, allClear, now) };
    }
    return null;
  }

  /**
   * The first alert about a server in a channel is a post of its own; what follows (more changes, the recovery) goes in
   * its thread, the recovery also to the channel. All clear closes the thread: the next trouble is a new post.
   */
  private async post(server: string, changes: readonly AlertChange[], lastReportAt: string | null, allClear: boolean, now: Date): Promise<string[]> {
    const facts = await this.deps.store.servers.facts(server);
    const state = facts ? serverState(facts) : 'unknown';
    const posted: string[] = [];
    for (const sub of await this.deps.store.status.subscriptions()) {
      const { text, blocks } = renderFleetAlert(server, changes, { lang: sub.lang, state, lastReportAt });
      try {
        const thread = await this.deps.store.fleet.alertThread(server, sub.channelId);
        const inThread = thread ? { thread_ts: thread, ...(allClear ? { reply_broadcast: true } : {}) } : {};
        const res = await this.deps.client.chat.postMessage({ channel: sub.channelId, text, blocks, unfurl_links: false, ...inThread });
        if (res.ok === false) throw new Error(res.error ?? 'not posted');
        posted.push(sub.channelId);
        if (allClear) await this.deps.store.fleet.setAlertThread(server, sub.channelId, null, now.toISOString());
        else if (!thread && res.ts) await this.deps.store.fleet.setAlertThread(server, sub.channelId, res.ts, now.toISOString());
      } catch (err) {
        // Claimed, so not posted again: one missed alert beats one alert posted every sweep.
        this.deps.logger.error({ err, channel: sub.channelId, server }, 'fleet alert: not posted');
      }
    }
    this.deps.logger.info({ server, changes: changes.map((c) => `${c.kind}:${c.turn}`), channels: posted.length }, 'fleet alert');
    return posted;
  }
}
