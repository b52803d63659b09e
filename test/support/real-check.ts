// The real pipeline (ingest → scan → diagnose → record) on a test input, against a real temp SQLite store: what the
// builder tests render, so that they render what a user would get.
import { Store } from '../../db/sqlite/store.js';
import { check, inlineScan, type CheckResult } from '../../src/check.js';
import type { Lang } from '../../src/lang.js';
import { TEST_NOW } from './clock.js';
import { tempDb } from './status-fixtures.js';
import { port } from './storage.js';

export interface CheckAs {
  readonly lang: Lang;
  /** The file name (recorded as the diagnosis's source). */
  readonly name?: string;
  readonly serverName?: string;
  /** Who sent it and where (what the proof of a recorded fact names). */
  readonly userId?: string;
  readonly channelId?: string;
  readonly messageTs?: string;
  readonly now?: Date;
}

/** Diagnoses and records `input` as an admin's upload would be. */
export function checkInput(store: Store, input: Buffer | string, as: CheckAs): Promise<CheckResult> {
  return check(
    {
      inputs: [{ name: as.name, chunks: [typeof input === 'string' ? Buffer.from(input, 'utf8') : input] }],
      lang: as.lang,
      serverName: as.serverName,
      now: as.now ?? new Date(TEST_NOW),
      mayRecordFacts: true,
      from: {
        origin: as.channelId ? 'message' : 'cli',
        sourceName: as.name ?? null,
        userId: as.userId,
        channelId: as.channelId,
        messageTs: as.messageTs,
        threadTs: as.messageTs,
      },
    },
    { storage: port(store), scan: inlineScan(Number.POSITIVE_INFINITY) },
  );
}

/** A fresh store in a temp directory; `close()` closes it and removes the directory. */
export function tempStore(): { store: Store; close(): void } {
  const tmp = tempDb();
  const store = Store.open(tmp.path, { clock: () => new Date(TEST_NOW) });
  return {
    store,
    close() {
      store.close();
      tmp.cleanup();
    },
  };
}
