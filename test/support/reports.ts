/**
 * The one source of example fleet reports (`kb954960.report/1`): tests build them here, and the JSON files under
 * test/fixtures/reports/ are this builder's output (test/fleet-fixtures.test.ts fails when they drift), so the
 * listener, `kb954960 ingest` and the script's shape are all checked against the same examples.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ClientSpec {
  readonly name: string;
  readonly lastSync?: string | null;
  readonly lastSyncResult?: 'Succeeded' | 'Failed' | 'Unknown';
  readonly lastReported?: string | null;
  readonly errors?: readonly { code: string; count: number; last: string }[];
}

export interface ReportSpec {
  readonly id?: string;
  readonly generated?: string;
  readonly server?: string;
  readonly wsus?: string;
  readonly dll?: string;
  readonly event1022?: string | null;
  readonly log?: string;
  readonly clients?: readonly ClientSpec[];
  readonly total?: number;
}

/** A deterministic UUID from a number, so fixtures are stable and ids distinct. */
export function reportId(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export function buildReport(spec: ReportSpec = {}): Record<string, unknown> {
  const server: Record<string, unknown> = { name: spec.server ?? 'WSUS01' };
  if (spec.wsus !== undefined) server.wsus = spec.wsus;
  if (spec.dll !== undefined) server.dll = spec.dll;
  if (spec.event1022 !== undefined) server.event1022 = spec.event1022;
  const report: Record<string, unknown> = {
    schema: 'kb954960.report/1',
    id: spec.id ?? reportId(1),
    generated: spec.generated ?? '2026-03-02T06:00:00Z',
    server,
  };
  if (spec.log !== undefined) report.log = { name: 'SoftwareDistribution.log', text: spec.log };
  if (spec.clients !== undefined) {
    report.clients = { total: spec.total ?? spec.clients.length, items: spec.clients.map((c) => ({ ...c })) };
  }
  return report;
}

/** `count` clients named PC0001…, the first `failing` of them failing with `code` since `since`. */
export function fleetOf(count: number, opts: { failing?: number; code?: string; since?: string; synced?: string } = {}): ClientSpec[] {
  const synced = opts.synced ?? '2026-03-02T05:00:00Z';
  const out: ClientSpec[] = [];
  for (let i = 0; i < count; i++) {
    const name = `PC${String(i + 1).padStart(4, '0')}`;
    if (i < (opts.failing ?? 0)) {
      out.push({
        name,
        lastSync: synced,
        lastSyncResult: 'Failed',
        lastReported: synced,
        errors: [{ code: opts.code ?? '0x8024400E', count: 3, last: opts.since ?? '2026-03-01T22:00:00Z' }],
      });
    } else out.push({ name, lastSync: synced, lastSyncResult: 'Succeeded', lastReported: synced });
  }
  return out;
}

const serverLog = readFileSync(fileURLToPath(new URL('../fixtures/server-affected.log', import.meta.url)), 'utf8');

/** The committed examples: file name → report. */
export function exampleReports(): Record<string, Record<string, unknown>> {
  return {
    'sp1-affected.json': buildReport({
      id: reportId(1),
      server: 'WSUS01',
      wsus: '3.1.6001.65',
      dll: '3.1.6001.65',
      event1022: null,
      log: serverLog,
      clients: fleetOf(40, { failing: 12, code: '0x8024400E' }),
    }),
    'fixed-healthy.json': buildReport({
      id: reportId(2),
      server: 'wsus02.corp.example',
      wsus: '3.1.6001.65',
      dll: '3.1.7600.226',
      event1022: '2026-02-20',
      clients: fleetOf(8),
    }),
    'no-clients.json': buildReport({ id: reportId(3), server: 'WSUS03', wsus: '3.2.7600.226' }),
  };
}
