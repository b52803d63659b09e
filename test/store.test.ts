import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InboxStore } from '../db/sqlite/inbox-store.js';
import { Store } from '../db/sqlite/store.js';
import { scanText } from '../src/detect/scanner.js';
import { diagnose } from '../src/diagnose/diagnose.js';
import { clientExampleOn } from './support/fixtures.js';

/** What the SQLite engine alone promises (WAL, its migrations, its pages); the port's contract: store-contract.test.ts. */
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kb954960-store-'));
  path = join(dir, 'nested', 'kb.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = (day: number) => new Date(Date.UTC(2026, 10, day)).toISOString();

describe('the SQLite store', () => {
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

  it('keeps the migrations beside the engine, by the numbers and names databases already recorded', () => {
    const s = Store.open(path);
    const names = (s.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[]).map(
      (r) => r.name,
    );
    // A database made before the engines had folders of their own recorded these very names: it opens fully migrated.
    expect(names.slice(0, 11)).toEqual([
      '001_history.sql',
      '002_slack_inbox.sql',
      '003_status.sql',
      '004_status_claims.sql',
      '005_server_aliases.sql',
      '006_reader_lang.sql',
      '007_diagnosis_problems.sql',
      '008_attribution.sql',
      '009_inbox_content.sql',
      '010_trust.sql',
      '011_failure_codes.sql',
    ]);
    expect(readdirSync(join(REPO, 'db', 'sqlite')).filter((f) => f.endsWith('.sql'))).toEqual(names);
    expect(readdirSync(join(REPO, 'db')).filter((f) => f.endsWith('.sql'))).toEqual([]);
    s.close();
  });

  it('deletes a purged diagnosis’s findings with it', () => {
    const s = Store.open(path);
    for (let day = 1; day <= 3; day++)
      s.recordDiagnosis({ diagnosis: diagnose(scanText(clientExampleOn('wsus-a')), { lang: 'en', now: at(day) }), origin: 'cli', at: at(day) });
    expect(s.purgeDiagnosesBefore(at(3))).toBe(2);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM findings WHERE diagnosis_id NOT IN (SELECT id FROM diagnoses)').get()).toEqual({ n: 0 });
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM findings').get()).not.toEqual({ n: 0 });
    s.close();
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
    s.db
      .prepare("INSERT INTO slack_inbox (key, kind, payload, received_at) VALUES ('message:C1:0.9', 'message', ?, ?)")
      .run(JSON.stringify({ channel: 'C1', text: 'old paste' }), at(0));
    expect(queue.take('message:C1:0.9', 'host:1:a', at(1), at(0), () => false)?.payload).toEqual({ channel: 'C1', text: 'old paste' });
    queue.finish('message:C1:0.9', 'replied', at(2), '2.0002');
    expect(queue.item('message:C1:0.9')?.payload).toEqual({ channel: 'C1' });
    s.close();
  });
});
