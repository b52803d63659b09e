/**
 * What an accepted report does: its facts are recorded as the server's own (the verification lines an admin would
 * paste, through check(), the one core call), its log text is diagnosed like an upload from that server, and its
 * clients become the server's client health. The listener and `kb954960 ingest` both come here.
 */
import { check, inlineScan, RECORD_ALWAYS, type ScanStrategy } from '../check.js';
import { scanOffThread } from '../scan/runner.js';
import { canonicalServerName } from '../diagnose/server-name.js';
import { verificationLines, withoutVerificationLines } from '../fleet/facts.js';
import { clientHealth, type ClientHealth } from '../fleet/health.js';
import type { Report } from '../fleet/report.js';
import type { Lang } from '../lang.js';
import type { Diagnosis } from '../diagnose/diagnose.js';
import type { Storage } from '../store/port.js';

export interface RecordedReport {
  readonly server: string;
  /** false: the id was already recorded (a retry); nothing new was written for it. */
  readonly recorded: boolean;
  /** null: the report held no facts and no log text (clients only). */
  readonly diagnosis: Diagnosis | null;
  readonly diagnosisId: number | null;
  readonly health: ClientHealth | null;
}

export interface RecordDeps {
  readonly store: Storage;
  readonly now: Date;
  readonly lang: Lang;
  /** Scan on the scan thread (the bot: the event loop keeps acking Slack). */
  readonly offThread?: boolean;
}

export async function recordReport(report: Report, deps: RecordDeps): Promise<RecordedReport> {
  const server = canonicalServerName(report.server.name)!; // the schema refused any other
  const text = [...verificationLines(report, server), withoutVerificationLines(report.log?.text ?? '')].join('\n');
  // The listener capped the body already, and a file was chosen by the operator: no cap of its own here.
  const scan: ScanStrategy = deps.offThread
    ? { scan: (input) => scanOffThread(input.chunks, { maxBytes: Number.POSITIVE_INFINITY }, input.onInfo) }
    : inlineScan(Number.POSITIVE_INFINITY);
  const { diagnosis, diagnosisId } =
    text.trim() === ''
      ? { diagnosis: null, diagnosisId: null }
      : await check(
          {
            inputs: [{ name: report.log?.name ?? 'report', chunks: [Buffer.from(text, 'utf8')] }],
            lang: deps.lang,
            serverName: server,
            now: deps.now,
            mayRecordFacts: true, // the server's own word, signed with its key (or carried over by the operator)
            from: { origin: 'report', sourceName: `${report.log?.name ?? 'report'} (report ${report.id})` },
          },
          { storage: deps.store, scan, record: RECORD_ALWAYS },
        );
  const health = clientHealth(report);
  const recorded = await deps.store.fleet.recordReport({
    id: report.id,
    server,
    generated: new Date(report.generated).toISOString(),
    receivedAt: deps.now.toISOString(),
    diagnosisId,
    health,
  });
  return { server, recorded, diagnosis, diagnosisId, health };
}
