// SQLite's write-ahead log: the store checkpoints it on a thread of its own, outside the inserts Slack waits on, and
// the bot once its work is quiet (the port's housekeeping). About SQLite's file, so it runs on SQLite only
// (vitest.postgres.config.ts: ONE_ENGINE); the gate that holds work back until Slack's acks are out: ack-gate.test.ts.
import { existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InboxStore } from '../db/sqlite/inbox-store.js';
import { Store } from '../db/sqlite/store.js';
import { SIGNING_SECRET, startTestBot } from './support/bot.js';
import { KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { messageEvent, postEvent } from './support/index.js';
import { waitUntil } from './support/wait.js';

describe('Store checkpoints: outside the inserts Slack waits on', () => {
  it('holds WAL frames past SQLite’s automatic threshold until checkpoint() copies them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb954960-wal-'));
    const store = Store.open(join(dir, 'bot.db'));
    try {
      store.deferCheckpoints();
      const text = 'x'.repeat(40 * 1024);
      for (let i = 0; i < 150; i++) new InboxStore(store).accept({ key: `k${i}`, kind: 'message', payload: { text }, at: '2026-11-25T12:00:00.000Z' });
      const frames = () => store.db.pragma('wal_checkpoint(NOOP)' as string, { simple: false }) as { log: number; checkpointed: number }[];
      const before = frames()[0]!;
      expect(before.log).toBeGreaterThan(1000); // SQLite would have checkpointed at 1000 pages
      expect(before.checkpointed).toBe(0);
      await store.checkpoint(); // on the store's checkpoint thread, over its own connection
      const after = frames()[0]!;
      expect(after.checkpointed).toBe(after.log);
      expect(statSync(join(dir, 'bot.db')).size).toBeGreaterThan(150 * 40 * 1024);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closes the checkpoint thread’s connection before its own, so the WAL is copied and removed at close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb954960-wal-'));
    const file = join(dir, 'bot.db');
    try {
      const store = Store.open(file);
      store.deferCheckpoints();
      for (let i = 0; i < 20; i++)
        new InboxStore(store).accept({ key: `k${i}`, kind: 'message', payload: { text: 'x'.repeat(8192) }, at: '2026-11-25T12:00:00.000Z' });
      await Promise.all([store.checkpoint(), store.checkpoint(), store.checkpoint()]); // coalesced, all resolve
      expect(existsSync(`${file}-wal`)).toBe(true);
      store.close();
      // With another connection still open, SQLite keeps the WAL; the thread's closes first.
      expect(existsSync(`${file}-wal`)).toBe(false);
      const again = Store.open(file, { readonly: true });
      expect((again.db.prepare('SELECT count(*) AS n FROM slack_inbox').get() as { n: number }).n).toBe(20);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Store checkpoints: when the checkpoint thread is lost', () => {
  it('says why, and checkpoints on its own connection again rather than letting the WAL grow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb954960-wal-'));
    const file = join(dir, 'bot.db');
    const store = Store.open(file);
    try {
      renameSync(file, join(dir, 'moved.db')); // the thread opens the file by its name: gone (this connection holds it open)
      const errors: Error[] = [];
      store.deferCheckpoints((err) => errors.push(err));
      await waitUntil('the checkpoint thread to report', () => errors.length > 0, 5000);
      expect(errors[0]?.message).toMatch(/open|exist/i);
      for (let i = 0; i < 20; i++)
        new InboxStore(store).accept({ key: `k${i}`, kind: 'message', payload: { text: 'x'.repeat(8192) }, at: '2026-11-25T12:00:00.000Z' });
      await store.checkpoint();
      const frames = (store.db.pragma('wal_checkpoint(NOOP)' as string) as { log: number; checkpointed: number }[])[0]!;
      expect(frames.log).toBeGreaterThan(0);
      expect(frames.checkpointed).toBe(frames.log);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the bot checkpoints the WAL once work is quiet', () => {
  it('leaves the WAL alone during the work, and copies it once the work has been quiet for a second', async () => {
    const t = await startTestBot();
    try {
      const frames = () => (t.store.db.pragma('wal_checkpoint(NOOP)' as string) as { log: number; checkpointed: number }[])[0]!;
      await t.store.checkpoint();
      for (let i = 0; i < 5; i++) await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: `CWAL${i}`, text: KB_CLIENT_EXAMPLE }));
      await t.idle();
      const during = frames();
      expect(during.log).toBeGreaterThan(during.checkpointed);
      await waitUntil('the WAL to be checkpointed once the work is quiet', () => frames().checkpointed === frames().log, 5000);
    } finally {
      await t.close();
    }
  });
});
