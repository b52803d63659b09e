// The sweeps (retention's purge, the status sweep) run on one replica at a time: two storages on one PostgreSQL are two
// replicas; while one runs a sweep the other skips it, and a replica that dies mid-sweep does not keep it from running.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage, type PostgresStorage } from '../db/postgres/storage.js';
import { openSqliteStorage } from '../db/sqlite/storage.js';
import { startRetention } from '../src/retention.js';
import { StatusScheduler } from '../src/status/scheduler.js';
import { testDatabase } from './support/postgres.js';
import { clockAt, fakeSlack } from './support/status-fixtures.js';
import { waitUntil } from './support/wait.js';

/** A promise and its resolver: a sweep that holds until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

let url: string;
let a: PostgresStorage;
let b: PostgresStorage;
beforeAll(async () => {
  url = await testDatabase();
  a = await openPostgresStorage(url);
  b = await openPostgresStorage(url);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('sweeps on one replica at a time (PostgreSQL)', () => {
  it('withExclusive: while one replica runs a job the other skips it; other jobs and later runs go ahead', async () => {
    const held = gate();
    const entered = gate();
    const first = a.withExclusive('retention', async () => {
      entered.open();
      await held.promise;
    });
    await entered.promise;
    let ranOnB = 0;
    expect(await b.withExclusive('retention', async () => void ranOnB++)).toBe(false);
    expect(await a.withExclusive('retention', async () => void ranOnB++)).toBe(false); // the same replica twice, too
    expect(await b.withExclusive('status-sweep', async () => void ranOnB++)).toBe(true); // another job is free
    expect(ranOnB).toBe(1);
    held.open();
    expect(await first).toBe(true);
    expect(await b.withExclusive('retention', async () => void ranOnB++)).toBe(true);
    expect(ranOnB).toBe(2);
  });

  it('a job that throws gives the lock back', async () => {
    await expect(a.withExclusive('retention', async () => Promise.reject(new Error('purge failed')))).rejects.toThrow('purge failed');
    expect(await b.withExclusive('retention', async () => undefined)).toBe(true);
  });

  it('a replica that dies mid-sweep (its connection gone) does not keep the others from it', async () => {
    const dying = await openPostgresStorage(url);
    const entered = gate();
    const hung = gate();
    const sweep = dying.withExclusive('status-sweep', async () => {
      entered.open();
      await hung.promise; // hangs: the replica is killed while it runs
    });
    void sweep.catch(() => undefined);
    await entered.promise;
    expect(await b.withExclusive('status-sweep', async () => undefined)).toBe(false);
    // kill -9 of the replica: the server sees its connections drop.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 954960 AND pid <> pg_backend_pid()");
    } finally {
      await admin.end();
    }
    await waitUntil('the dead replica’s sweep lock to be gone', () => b.withExclusive('status-sweep', async () => undefined));
    hung.open(); // (so that the pool of the "dead" replica can be closed)
    await sweep.catch(() => undefined);
    await dying.close();
  });

  it('two status schedulers sweeping at once: the sweep’s work runs on one of them', async () => {
    const clock = clockAt('2024-06-02T00:00:00Z');
    const slack = fakeSlack(clock);
    const held = gate();
    const ran: string[] = [];
    const scheduler = (store: PostgresStorage, name: string) =>
      new StatusScheduler({
        store,
        client: slack.client,
        clock,
        instanceId: name,
        sweep: null,
        alsoOnSweep: async () => {
          ran.push(name);
          await held.promise;
        },
      });
    const one = scheduler(a, 'one');
    const two = scheduler(b, 'two');
    const first = one.sweepOnce();
    await waitUntil('the first sweep under way', () => ran.length === 1);
    expect(await two.sweepOnce()).toBe(false);
    held.open();
    expect(await first).toBe(true);
    expect(ran).toEqual(['one']);
    expect(await two.sweepOnce()).toBe(true); // and once it is over, the other's next tick runs it
    expect(ran).toEqual(['one', 'two']);
  });

  it('retention: a replica’s purge waits out another’s and runs on a later tick', async () => {
    const clock = clockAt('2024-06-02T00:00:00Z');
    const old = '2024-01-01T00:00:00.000Z';
    await a.inbox.accept({ key: 'message:CRET:1.1', kind: 'message', payload: { channel: 'CRET' }, at: old });
    await a.inbox.take('message:CRET:1.1', 'r:1:a', old, old, () => false);
    await a.inbox.finish('message:CRET:1.1', 'replied', old);
    const held = gate();
    const entered = gate();
    const other = a.withExclusive('retention', async () => {
      entered.open();
      await held.promise;
    });
    await entered.promise;
    // Replica b, its ticks counted: what each one's withExclusive answered.
    const ticks: boolean[] = [];
    const replicaB: PostgresStorage = Object.create(b, {
      withExclusive: {
        value: async (name: string, fn: () => Promise<void>) => {
          const ran = await b.withExclusive(name, fn);
          ticks.push(ran);
          return ran;
        },
      },
    });
    const retention = startRetention({ store: replicaB, historyDays: 30, clock, everyMs: 50 });
    try {
      // Ticks come and go while the other replica purges: none of them purges.
      await waitUntil('three ticks on replica b', () => ticks.length >= 3);
      expect(ticks.slice(0, 3)).toEqual([false, false, false]);
      expect(await b.inbox.item('message:CRET:1.1')).not.toBeNull();
      held.open();
      await other;
      await waitUntil('the next tick to purge', async () => (await b.inbox.item('message:CRET:1.1')) === null);
    } finally {
      retention.stop();
    }
  });
});

describe('sweeps on SQLite: one at a time in the process', () => {
  it('withExclusive skips a job already running in this process and runs it again once it is over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb954960-sweeps-'));
    const storage = openSqliteStorage(join(dir, 'kb954960.db'));
    try {
      const held = gate();
      const first = storage.withExclusive('retention', () => held.promise);
      expect(await storage.withExclusive('retention', async () => undefined)).toBe(false);
      expect(await storage.withExclusive('status-sweep', async () => undefined)).toBe(true);
      held.open();
      expect(await first).toBe(true);
      expect(await storage.withExclusive('retention', async () => undefined)).toBe(true);
    } finally {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
