import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InboxStore } from '../db/inbox-store.js';
import { StatusStore } from '../db/status-store.js';
import { Store } from '../db/store.js';
import { scanText } from '../src/detect/scanner.js';
import { diagnose } from '../src/diagnose/diagnose.js';
import { serverState } from '../src/diagnose/server-state.js';
import { clientExampleOn, KB_CLIENT_EXAMPLE } from './support/fixtures.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kb954960-store-'));
  path = join(dir, 'nested', 'kb.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = (day: number) => new Date(Date.UTC(2026, 10, day)).toISOString();

describe('store', () => {
  it('creates the directory, uses WAL, and applies every migration once', () => {
    const a = Store.open(path);
    expect(String(a.db.pragma('journal_mode', { simple: true }))).toBe('wal');
    const version = a.schemaVersion();
    expect(version).toBeGreaterThanOrEqual(3);
    a.close();
    const b = Store.open(path);
    expect(b.schemaVersion()).toBe(version);
    expect((b.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(version);
    b.close();
  });

  it('keeps diagnoses, findings and server facts across a reopen', () => {
    const s = Store.open(path);
    const d = diagnose(scanText(KB_CLIENT_EXAMPLE), { lang: 'en', now: at(1) });
    const id = s.recordDiagnosis({ diagnosis: d, origin: 'cli', at: at(1), sourceName: 'WindowsUpdate.log' });
    s.recordServerVersion('wsusebc', 'dll', '3.1.6001.65', at(2));
    s.close();

    const r = Store.open(path);
    const [entry] = r.history();
    expect(entry).toMatchObject({ id, verdict: 'affected', server: 'wsusebc', origin: 'cli', sourceName: 'WindowsUpdate.log' });
    expect(entry!.findings).toBe(d.findings.length);
    const stored = r.findingsOf(id);
    expect(stored.map((f) => f.text)).toContain('PT  WARNING:     ErrorCode:InternalServerError(5)');
    const facts = r.server('wsusebc')!;
    expect(facts.lastAffectedAt).toBe(at(1));
    expect(serverState(facts)).toBe('vulnerable');
    expect(r.integrityCheck()).toBe('ok');
    r.close();
  });

  it('never stores the raw log, only the matched lines', () => {
    const s = Store.open(path);
    const secretish = 'Agent  * Title = a line that matches no rule and must not be kept';
    const d = diagnose(scanText(`${secretish}\n${KB_CLIENT_EXAMPLE}`), { lang: 'en', now: at(1) });
    s.recordDiagnosis({ diagnosis: d, origin: 'cli', at: at(1) });
    const all = JSON.stringify(s.db.prepare('SELECT * FROM findings').all()) + JSON.stringify(s.db.prepare('SELECT * FROM diagnoses').all());
    expect(all).not.toContain('must not be kept');
    expect(all).toContain('InternalServerError(5)');
    s.close();
  });

  it('records a Slack message once however often it is diagnosed', () => {
    const s = Store.open(path);
    const d = diagnose(scanText(KB_CLIENT_EXAMPLE), { lang: 'en', now: at(1) });
    const rec = { diagnosis: d, origin: 'message' as const, at: at(1), channelId: 'C1', messageTs: '1.000100' };
    const first = s.recordDiagnosis(rec);
    expect(s.recordDiagnosis(rec)).toBe(first);
    expect(s.diagnosisCount()).toBe(1);
    s.close();
  });

  it('lists history newest first, per server, limited', () => {
    const s = Store.open(path);
    for (let day = 1; day <= 5; day++) {
      const d = diagnose(scanText(clientExampleOn(day % 2 ? 'wsus-a' : 'wsus-b')), { lang: 'en', now: at(day) });
      s.recordDiagnosis({ diagnosis: d, origin: 'cli', at: at(day) });
    }
    expect(s.history({ limit: 2 }).map((e) => e.createdAt)).toEqual([at(5), at(4)]);
    expect(s.history({ server: 'wsus-b' }).map((e) => e.createdAt)).toEqual([at(4), at(2)]);
    const detections = new StatusStore(s).newDetectionsSince(at(3), 10);
    expect([detections.total, detections.groups]).toEqual([3, 2]);
    expect(detections.entries.map((e) => [e.server, e.count, e.createdAt])).toEqual([['wsus-a', 2, at(5)], ['wsus-b', 1, at(4)]]);
    expect(s.purgeDiagnosesBefore(at(3))).toBe(2);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM findings WHERE diagnosis_id NOT IN (SELECT id FROM diagnoses)').get()).toEqual({ n: 0 });
    s.close();
  });

  it('accepts an inbox key once, and lets only one process take it', () => {
    const a = Store.open(path);
    const b = Store.open(path);
    const qa = new InboxStore(a);
    const qb = new InboxStore(b);
    const item = { key: 'message:C1:1.0001', kind: 'message' as const, payload: { text: 'x' }, at: at(1) };
    expect(qa.accept(item)).toBe(true);
    expect(qb.accept(item)).toBe(false);
    const alive = () => false;
    expect(qa.take(item.key, 'host:1:a', at(1), at(0), alive)?.attempts).toBe(1);
    expect(qb.take(item.key, 'host:2:b', at(1), at(0), alive)).toBeNull(); // held, holder alive, lease fresh
    expect(qb.take(item.key, 'host:2:b', at(1), at(0), () => true)?.attempts).toBe(2); // holder died: taken over
    qb.finish(item.key, 'replied', at(1), '2.0001');
    expect(qa.take(item.key, 'host:1:a', at(2), at(2), () => true)).toBeNull(); // done is done
    expect(qa.pending()).toHaveLength(0);
    expect(qa.item(item.key)).toMatchObject({ outcome: 'replied', replyTs: '2.0001', payload: {} }); // the text is gone once done
    a.close();
    b.close();
  });

  it('writes a paste’s text once: taking the item and keeping its answer do not rewrite it', () => {
    const s = Store.open(path);
    s.deferCheckpoints();
    const queue = new InboxStore(s);
    const walFrames = () => (s.db.pragma('wal_checkpoint(NOOP)' as string) as { log: number }[])[0]!.log;
    const text = 'x'.repeat(40 * 1024); // a 40 KB paste: ten 4 KiB pages
    const payload = { channel: 'C1', ts: '1.0001', text, responseUrl: 'https://hooks.slack.com/commands/T1/1/x', lang: 'en' };
    const start = walFrames();
    expect(queue.accept({ key: 'message:C1:1.0001', kind: 'message', payload, at: at(1) })).toBe(true);
    const accepted = walFrames();
    expect(accepted - start).toBeGreaterThanOrEqual(10);
    const taken = queue.take('message:C1:1.0001', 'host:1:a', at(1), at(0), () => false);
    expect(taken?.payload).toEqual(payload); // whole again: the queue's row and its content
    queue.keepAnswer('message:C1:1.0001', { text: 'KB954960: affected' }, null);
    // With the text in the queue's row, each of these two updates rewrote (and zeroed) its ten pages.
    expect(walFrames() - accepted).toBeLessThan(6);
    queue.finish('message:C1:1.0001', 'replied', at(2), '2.0001');
    expect(queue.item('message:C1:1.0001')?.payload).toEqual({ channel: 'C1', ts: '1.0001', lang: 'en' });
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM slack_inbox_content').get()).toEqual({ n: 0 });
    // An item queued before db/009 has its text in the row: taken whole, and scrubbed when done.
    s.db.prepare("INSERT INTO slack_inbox (key, kind, payload, received_at) VALUES ('message:C1:0.9', 'message', ?, ?)").run(JSON.stringify({ channel: 'C1', text: 'old paste' }), at(0));
    expect(queue.take('message:C1:0.9', 'host:1:a', at(1), at(0), () => false)?.payload).toEqual({ channel: 'C1', text: 'old paste' });
    queue.finish('message:C1:0.9', 'replied', at(2), '2.0002');
    expect(queue.item('message:C1:0.9')?.payload).toEqual({ channel: 'C1' });
    s.close();
  });
});
