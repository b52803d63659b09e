// The real pipeline (ingest → scan → diagnose → record) on a test input, against a real fresh store of the run's
// engine (SQLite or PostgreSQL, test/support/storage.ts): what the builder tests render, so that they render what a
// user would get.
import { check, inlineScan, type CheckResult } from '../../src/check.js';
import type { Lang } from '../../src/lang.js';
import type { Storage } from '../../src/store/port.js';
import { TEST_NOW } from './clock.js';

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
export function checkInput(storage: Storage, input: Buffer | string, as: CheckAs): Promise<CheckResult> {
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
    { storage, scan: inlineScan(Number.POSITIVE_INFINITY) },
  );
}
