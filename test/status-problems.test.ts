import { afterEach, describe, expect, it } from 'vitest';
import { scanText } from '../src/detect/scanner.js';
import { diagnose } from '../src/diagnose/diagnose.js';
import { renderHistoryBlocks, renderHistoryText } from '../src/render/history.js';
import { renderStatusBlocks } from '../src/render/status-blocks.js';
import { statusJson } from '../src/render/status-json.js';
import { renderStatusText, statusFallbackText } from '../src/render/status-text.js';
import { loadFleetStatus } from '../src/status/query.js';
import type { Storage } from '../src/store/port.js';
import { sqlOnTestDatabase, tempStorage } from './support/storage.js';

// The other known problems per server: recorded with each diagnosis, counted by the store, shown by the status.

const NOW = new Date('2024-06-02T00:00:00Z');
const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const APP_POOL_503 = '2024-05-30\t10:02:11:123\t 912\t1a2c\tPT\tWARNING: Sync of Updates: 0x80244022';
const TIMEOUT = 'Misc\tWARNING: WinHttp: SendRequestToServerForFileInformation failed with 0x80072ee2';

describe('other problems per server', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const t of opened.splice(0)) await t.close();
  });
  async function open(): Promise<Storage> {
    const t = await tempStorage();
    opened.push(t);
    return t.storage;
  }
  function record(storage: Storage, server: string | null, log: string, at: string): Promise<number> {
    const d = diagnose(scanText(log), { lang: 'en', serverName: server, now: at });
    return storage.history.record({ diagnosis: d, origin: 'cli', at });
  }

  it("counts each server's problems in the window, in how many logs and since when, most logs first", async () => {
    const store = await open();
    await record(store, 'wsus03', APP_POOL_503, day(10)); // before the 7-day window
    for (const n of [6, 4, 2, 1]) await record(store, 'wsus03', APP_POOL_503, day(n));
    await record(store, 'wsus01', `${APP_POOL_503}\n${TIMEOUT}`, day(3));
    await record(store, null, APP_POOL_503, day(1)); // no server: not counted per server
    const counts = await store.status.otherProblemsPerServerSince(day(7));
    expect(counts).toEqual([
      { server: 'wsus03', problem: 'wsus-app-pool-503', logs: 4, since: day(6) },
      { server: 'wsus01', problem: 'wsus-app-pool-503', logs: 1, since: day(3) },
      { server: 'wsus01', problem: 'wsus-timeouts', logs: 1, since: day(3) },
    ]);
  });

  it('the status shows them per server in text, blocks, the fallback and JSON, in English and Japanese', async () => {
    const store = await open();
    for (const n of [5, 2, 1, 0.5]) await record(store, 'wsus03', APP_POOL_503, day(n));
    const status = await loadFleetStatus(store, NOW);
    expect(status.otherProblems).toEqual({ days: 7, entries: [{ server: 'wsus03', problem: 'wsus-app-pool-503', logs: 4, since: day(5) }] });
    expect(status.quiet).toBe(false); // a day with only other problems is still worth a full post

    const text = renderStatusText(status, 'en', { timeZone: 'UTC' });
    expect(text).toContain('Other problems (last 7 days): 1');
    expect(text).toContain('wsus03 — WSUS application pool stopped or recycling (HTTP 503) in 4 logs since 2024-05-28');
    expect(renderStatusText(status, 'ja', { timeZone: 'UTC' })).toContain(
      'wsus03 — WSUS アプリケーション プールの停止・リサイクル (HTTP 503): ログ 4 件 (2024 年 5 月 28 日以降)',
    );

    const { blocks, text: fallback } = renderStatusBlocks(status, 'en', { timeZone: 'UTC' });
    const section = JSON.stringify(blocks.find((b) => JSON.stringify(b).includes('Other problems')));
    expect(section).toContain('*wsus03* — WSUS application pool stopped or recycling (HTTP 503) in 4 logs since <!date^');
    expect(fallback).toContain('Other problems (last 7 days): 1 (wsus03)');
    expect(statusFallbackText(status, 'en')).toBe(fallback);

    expect(statusJson(status, 'en').otherProblems).toEqual({
      days: 7,
      entries: [{ server: 'wsus03', problem: 'wsus-app-pool-503', title: 'WSUS application pool stopped or recycling (HTTP 503)', logs: 4, since: day(5) }],
    });
  });

  it('a KB954960 log records no other problem: its 0x8024400E is the signature, not another failure', async () => {
    const store = await open();
    const kb = [
      'PT\t+++++++++++  PT: Synchronizing server updates  +++++++++++',
      'PT  WARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7',
      'PT  WARNING:     ErrorCode:InternalServerError(5)',
    ].join('\n');
    await record(store, 'wsus02', kb, day(1));
    expect(await store.status.otherProblemsPerServerSince(day(7))).toEqual([]);
    expect((await loadFleetStatus(store, NOW)).otherProblems.entries).toEqual([]);
  });

  it("the history names each diagnosis's other problems", async () => {
    const store = await open();
    await record(store, 'wsus01', `${APP_POOL_503}\n${TIMEOUT}`, day(2));
    await record(store, 'wsus01', 'nothing to see', day(1));
    const entries = await store.history.list({ server: 'wsus01' });
    expect(entries.map((e) => e.problems)).toEqual([[], ['wsus-app-pool-503', 'wsus-timeouts']]);
    const text = renderHistoryText(entries, 'en').split('\n');
    expect(text[0]).not.toContain('also:');
    expect(text[1]).toMatch(/ — also: WSUS application pool stopped or recycling \(HTTP 503\), Time-outs talking to the WSUS server$/);
    expect(renderHistoryText(entries, 'ja')).toContain(
      'ほかに: WSUS アプリケーション プールの停止・リサイクル (HTTP 503)、WSUS サーバーとの通信のタイムアウト',
    );
    expect(JSON.stringify(renderHistoryBlocks(entries, 'en'))).toContain('also: WSUS application pool stopped or recycling (HTTP 503)');
  });

  it('is purged with the history', async () => {
    const t = await tempStorage();
    opened.push(t);
    await record(t.storage, 'wsus03', APP_POOL_503, day(40));
    const kept = await record(t.storage, 'wsus03', APP_POOL_503, day(1));
    // The table itself: no problem row outlives its diagnosis (the status's counts join them, and would not show one).
    const rows = () => sqlOnTestDatabase(t, 'SELECT CAST(diagnosis_id AS INTEGER) AS id FROM diagnosis_problems');
    expect(await rows()).toHaveLength(2);
    expect(await t.storage.history.purgeBefore(day(30))).toBe(1);
    expect(await rows()).toEqual([{ id: kept }]);
  });
});
