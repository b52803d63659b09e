// The privacy promise in the bytes of the SQLite file itself (and its WAL): nothing of the canary line is left on disk,
// not even in freed pages. About SQLite's file, so it runs on SQLite only (vitest.postgres.config.ts: ONE_ENGINE);
// test/secrets.test.ts looks for the canary in every stored value on both engines.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { pasteEveryWay } from './support/privacy.js';

describe('privacy: the SQLite file never holds the raw log', () => {
  let r: TestBot;
  beforeAll(async () => {
    r = await startTestBot({ logLevel: 'warn' });
  });
  afterAll(async () => {
    if (r) {
      await r.fake.close();
      rmSync(r.dir, { recursive: true, force: true });
    }
  });

  it('after a paste in a channel, a DM, a file and /kb954960 check, the file holds the matched line but not the canary', async () => {
    await pasteEveryWay(r, SIGNING_SECRET);
    expect(await r.storage.history.list({ limit: 10 })).toHaveLength(4);
    // Stop the bot, close the store (checkpointing the WAL), read every file left.
    await r.bot.stop();
    r.store.close();
    const files = readdirSync(r.dir).map((f) => join(r.dir, f));
    const bytes = Buffer.concat(files.filter(existsSync).map((f) => readFileSync(f)));
    expect(bytes.includes(Buffer.from('ZEBRA-CANARY')), `canary found in ${files.join(', ')}`).toBe(false);
    expect(bytes.includes(Buffer.from('SyncUpdates failure, error = 0x8024400E'))).toBe(true);
  });
});
