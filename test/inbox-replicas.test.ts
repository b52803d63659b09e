// Two replicas' work queues on one database (one SQLite file, or one PostgreSQL database on the PostgreSQL pass): work
// that failed waits out its backoff before anyone tries it again — the replica that tried it, or another one sweeping
// for unfinished work — unless the one that tried it dies meanwhile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { SlackInbox } from '../src/slack/inbox.js';
import type { InboxItem, Storage } from '../src/store/port.js';
import { openTestStorage } from './support/storage.js';
import { waitUntil } from './support/wait.js';

const KEY = 'message:C0RETRY:1.0001';

let dir: string;
let storages: Storage[];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kb954960-inbox-replicas-'));
  storages = [await openTestStorage(dir), await openTestStorage(dir)];
});
afterEach(async () => {
  for (const s of storages) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A replica's queue whose work fails `failures` times, then replies; it notes who did each attempt. */
function replica(storage: Storage, id: string, attempts: string[], failures: number, leaseMs = 60_000): SlackInbox {
  let failed = 0;
  const handler = async (item: InboxItem) => {
    attempts.push(`${id}#${item.attempts}`);
    if (failed++ < failures) throw new Error('Slack answered 500');
    return { outcome: 'replied' as const, replyTs: '2.0001' };
  };
  return new SlackInbox({
    store: storage,
    logger: createLogger('silent'),
    id,
    leaseMs,
    retry: { attempts: 3, baseMs: 400 },
    handlers: { message: handler, file: handler, command: handler, view: handler, retract: handler },
  });
}

describe('work that failed, with two replicas on one database', () => {
  it('is retried after its backoff by the replica that tried it; the other replica’s sweep leaves it alone meanwhile', async () => {
    const attempts: string[] = [];
    const a = replica(storages[0]!, 'replica-a.example:1:a', attempts, 1);
    const b = replica(storages[1]!, 'replica-b.example:2:b', attempts, 0);
    try {
      await a.enqueue([{ key: KEY, kind: 'message', payload: { channel: 'C0RETRY' } }]);
      await waitUntil('the first attempt to fail', () => attempts.length === 1);
      // B sweeps while A's backoff runs: the item is A's still, not free for the taking.
      const during = await storages[1]!.inbox.item(KEY);
      expect(during).toMatchObject({ doneAt: null, takenBy: 'replica-a.example:1:a', attempts: 1 });
      expect(await b.sweep()).toBe(1); // it looked at the item …
      await b.idle();
      expect(attempts).toEqual(['replica-a.example:1:a#1']); // … and left it
      await a.idle();
      expect(attempts).toEqual(['replica-a.example:1:a#1', 'replica-a.example:1:a#2']);
      expect(await storages[1]!.inbox.item(KEY)).toMatchObject({ outcome: 'replied', takenBy: 'replica-a.example:1:a', attempts: 2 });
    } finally {
      await a.drain();
      await b.drain();
    }
  });

  it('is taken over by the other replica when the one that tried it dies in its backoff: once backoff and lease have run out', async () => {
    const attempts: string[] = [];
    const a = replica(storages[0]!, 'replica-a.example:1:a', attempts, 1, 300);
    const b = replica(storages[1]!, 'replica-b.example:2:b', attempts, 0, 300);
    try {
      await a.enqueue([{ key: KEY, kind: 'message', payload: { channel: 'C0RETRY' } }]);
      await waitUntil('the first attempt to fail', () => attempts.length === 1);
      const failedAt = performance.now();
      await a.drain(); // A is gone (another host: nothing tells B) and holds the claim through its 400 ms backoff
      b.startSweeping(50);
      await waitUntil('B to finish the work', async () => (await storages[1]!.inbox.item(KEY))?.doneAt != null, 5_000);
      expect(performance.now() - failedAt).toBeGreaterThanOrEqual(400 + 300 - 50); // backoff, then the lease (less a sweep)
      expect(attempts).toEqual(['replica-a.example:1:a#1', 'replica-b.example:2:b#2']);
    } finally {
      await a.drain();
      await b.drain();
    }
  });
});
