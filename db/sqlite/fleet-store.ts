import type { AlertMemory } from '../../src/fleet/alerts.js';
import type { ClientHealth } from '../../src/fleet/health.js';
import type { ReportingServer } from '../../src/store/port.js';
import type { Store } from './store.js';

/** SQL of fleet reports (db/sqlite/012_fleet_reports.sql): reporting keys, report ids, client health, alert memory. */
export class FleetStore {
  constructor(private readonly store: Store) {}

  enroll(server: string, key: string, at: string): void {
    this.store
      .statement(
        'INSERT INTO report_keys (server, key, enrolled_at, revoked_at) VALUES (?, ?, ?, NULL) ON CONFLICT (server) DO UPDATE SET key = excluded.key, enrolled_at = excluded.enrolled_at, revoked_at = NULL',
      )
      .run(server, key, at);
  }

  revoke(server: string, at: string): boolean {
    return this.store.statement('UPDATE report_keys SET revoked_at = ? WHERE server = ? AND revoked_at IS NULL').run(at, server).changes > 0;
  }

  keyOf(server: string): string | null {
    const row = this.store.statement('SELECT key FROM report_keys WHERE server = ? AND revoked_at IS NULL').get(server) as { key: string } | undefined;
    return row?.key ?? null;
  }

  seen(id: string): boolean {
    return this.store.statement('SELECT 1 FROM reports WHERE id = ?').get(id) !== undefined;
  }

  /** One transaction: the id first (a duplicate withdraws its own diagnosis and stops here), then the health it brought. */
  recordReport(r: { id: string; server: string; generated: string; receivedAt: string; diagnosisId: number | null; health: ClientHealth | null }): boolean {
    return this.store.db.transaction(() => {
      const added = this.store
        .statement('INSERT INTO reports (id, server, generated, received_at, diagnosis_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
        .run(r.id, r.server, r.generated, r.receivedAt, r.diagnosisId).changes;
      if (added === 0) {
        // The first taking's diagnosis of the same log stands; the server's facts and last failure are what it made them.
        if (r.diagnosisId !== null) this.store.statement('DELETE FROM diagnoses WHERE id = ?').run(r.diagnosisId);
        return false;
      }
      if (r.health) {
        // An older report arriving late (an -OutFile carried over) does not replace newer health.
        this.store
          .statement(
            `INSERT INTO client_health (server, report_id, at, total, not_synced, health) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (server) DO UPDATE SET report_id = excluded.report_id, at = excluded.at, total = excluded.total,
               not_synced = excluded.not_synced, health = excluded.health
             WHERE excluded.at >= client_health.at`,
          )
          .run(r.server, r.id, r.health.at, r.health.total, r.health.notSynced, JSON.stringify(r.health));
      }
      return true;
    })();
  }

  /** Every server enrolled or reported for (a report carried over with `kb954960 ingest` needs no key), or the one named. */
  reporting(server?: string): ReportingServer[] {
    const sql = `SELECT s.server, k.revoked_at, (SELECT MAX(received_at) FROM reports r WHERE r.server = s.server) AS last_report_at, h.health
         FROM (SELECT server FROM report_keys UNION SELECT server FROM reports) s
         LEFT JOIN report_keys k ON k.server = s.server LEFT JOIN client_health h ON h.server = s.server`;
    const rows = (
      server === undefined ? this.store.statement(`${sql} ORDER BY s.server`).all() : this.store.statement(`${sql} WHERE s.server = ?`).all(server)
    ) as { server: string; revoked_at: string | null; last_report_at: string | null; health: string | null }[];
    return rows.map((r) => ({
      server: r.server,
      lastReportAt: r.last_report_at,
      health: r.health === null ? null : (JSON.parse(r.health) as ClientHealth),
      revoked: r.revoked_at !== null,
    }));
  }

  alertMemory(server: string): AlertMemory | null {
    const row = this.store.statement('SELECT memory FROM fleet_alerts WHERE server = ?').get(server) as { memory: string } | undefined;
    return row ? (JSON.parse(row.memory) as AlertMemory) : null;
  }

  /** Compare-and-set on the stored JSON: the memory objects are built with one key order, so equal means the same. */
  swapAlertMemory(server: string, previous: AlertMemory | null, next: AlertMemory, at: string): boolean {
    const text = JSON.stringify(next);
    if (previous === null) {
      return (
        this.store.statement('INSERT INTO fleet_alerts (server, memory, updated_at) VALUES (?, ?, ?) ON CONFLICT (server) DO NOTHING').run(server, text, at)
          .changes > 0
      );
    }
    return (
      this.store.statement('UPDATE fleet_alerts SET memory = ?, updated_at = ? WHERE server = ? AND memory = ?').run(text, at, server, JSON.stringify(previous))
        .changes > 0
    );
  }

  alertThread(server: string, channelId: string): string | null {
    const row = this.store.statement('SELECT ts FROM fleet_alert_threads WHERE server = ? AND channel_id = ?').get(server, channelId) as
      | { ts: string }
      | undefined;
    return row?.ts ?? null;
  }

  setAlertThread(server: string, channelId: string, ts: string | null, at: string): void {
    if (ts === null) this.store.statement('DELETE FROM fleet_alert_threads WHERE server = ? AND channel_id = ?').run(server, channelId);
    else
      this.store
        .statement(
          'INSERT INTO fleet_alert_threads (server, channel_id, ts, posted_at) VALUES (?, ?, ?, ?) ON CONFLICT (server, channel_id) DO UPDATE SET ts = excluded.ts, posted_at = excluded.posted_at',
        )
        .run(server, channelId, ts, at);
  }
}
