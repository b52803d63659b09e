import { existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InboxStore } from '../db/sqlite/inbox-store.js';
import { Store } from '../db/sqlite/store.js';
import { createLogger } from '../src/log.js';
import { AckGate } from '../src/slack/queue/ack-gate.js';
import { Pump } from '../src/slack/queue/pump.js';
import { waitUntil } from './support/wait.js';

/*
 * The gate's timers (the linger after the last answer, the longest wait) are what is under test: these run on
 * vitest's clock, moved by hand, so "not started yet" is checked after the time in which a wrong gate would have
 * started it (well past the linger, well short of the longest wait of 200 ms), not after a guess at wall time.
 */
const handClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
const MORE_THAN_THE_LINGER = 50;

describe('AckGate: work waits for the acks Slack is waiting on', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts no task while a request is unanswered, and starts it once the last one is answered', async () => {
    handClock();
    const gate = new AckGate();
    const pump = new Pump(createLogger('silent'), gate);
    const answerFirst = gate.enter();
    const answerSecond = gate.enter();
    const ran: string[] = [];
    pump.run('work', async () => ran.push('work'));
    await vi.advanceTimersByTimeAsync(MORE_THAN_THE_LINGER);
    expect(ran).toEqual([]);
    answerFirst();
    answerFirst(); // a response's finish and close both report it: counted once
    await vi.advanceTimersByTimeAsync(MORE_THAN_THE_LINGER);
    expect(ran).toEqual([]);
    expect(gate.pending).toBe(1);
    answerSecond();
    await vi.advanceTimersByTimeAsync(MORE_THAN_THE_LINGER); // 150 ms in all: the answers, not the longest wait, let it go
    expect(ran).toEqual(['work']);
    await pump.drain();
    expect(gate.pending).toBe(0);
  });

  it('waits out a short gap between two requests of a burst (the count touching zero is not the end of it)', async () => {
    handClock();
    const gate = new AckGate();
    const pump = new Pump(createLogger('silent'), gate);
    const ran: string[] = [];
    gate.enter()();
    pump.run('work', async () => ran.push('work'));
    const next = gate.enter(); // the next request of the burst, within LINGER_MS of the last answer
    await vi.advanceTimersByTimeAsync(MORE_THAN_THE_LINGER);
    expect(ran).toEqual([]);
    next();
    await vi.advanceTimersByTimeAsync(MORE_THAN_THE_LINGER);
    expect(ran).toEqual(['work']);
    await pump.drain();
  });

  it('lets work start after the longest wait even if requests never stop coming', async () => {
    const gate = new AckGate();
    gate.enter(); // never answered
    const started = performance.now();
    await gate.whenClear(40);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    const pump = new Pump(createLogger('silent'), gate);
    const ran: number[] = [];
    pump.run('work', async () => ran.push(1));
    await pump.drain(); // resolves: the pump's own cap (200 ms) lets the task run
    expect(ran).toEqual([1]);
  });

  it('does not pile up waiters under a steady stream (each timed-out wait is dropped)', async () => {
    const gate = new AckGate();
    const answer = gate.enter();
    await Promise.all(Array.from({ length: 20 }, () => gate.whenClear(1)));
    expect((gate as unknown as { clear: unknown[] }).clear).toHaveLength(0);
    answer();
  });
});

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
    const { startTestBot, SIGNING_SECRET } = await import('./support/bot.js');
    const { messageEvent, postEvent } = await import('./support/index.js');
    const { KB_CLIENT_EXAMPLE } = await import('./support/fixtures.js');
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
