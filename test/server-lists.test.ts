// "Which servers are affected / not fixed / silent?" (commands/servers.ts, src/render/server-lists.ts) against a real
// store of either engine: the status post's buckets, the time a server was last heard of, and honest answers when
// nothing is known.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serversCommand, SILENT_AFTER_HOURS } from '../commands/servers.js';
import type { ServerList } from '../src/conversation/intents.js';
import type { Lang } from '../src/lang.js';
import { FIXED_DLL_VERSION } from '../src/kb954960.js';
import { en } from '../src/render/messages/en.js';
import { ja } from '../src/render/messages/ja.js';
import { expectMessageWithinBlockKit, visibleText } from './support/block-kit.js';
import { TEST_NOW } from './support/clock.js';
import { recordAffected } from './support/status-fixtures.js';
import { tempStorage } from './support/storage.js';

const now = new Date(TEST_NOW);
const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

let t: Awaited<ReturnType<typeof tempStorage>>;
beforeEach(async () => {
  t = await tempStorage({ clock: () => now });
});
afterEach(async () => {
  await t.close();
});

const ask = async (which: ServerList, lang: Lang = 'en') => {
  const reply = await serversCommand(which, { store: t.storage, lang, now, adminUserIds: [] });
  expectMessageWithinBlockKit({ text: reply.text, blocks: reply.blocks! });
  return { ...reply, shown: visibleText(reply.blocks!) };
};

describe('the lists of servers', () => {
  it.each(['affected', 'not-fixed', 'silent'] as const)('%s, when no server is known yet: says so, and how to tell the bot of one', async (which) => {
    expect((await ask(which)).shown).toBe(en.next['no-servers']({ count: 0, list: '', rtm: 0, cmd: '' }));
    expect((await ask(which, 'ja')).shown).toBe(ja.next['no-servers']({ count: 0, list: '', rtm: 0, cmd: '' }));
  });

  it('a fleet with nothing to report: no server affected, none unfixed, none silent — each said in one line', async () => {
    await t.storage.servers.recordVersion('wsus03', 'dll', FIXED_DLL_VERSION, ago(1));
    await t.storage.servers.recordVersion('wsus04', 'wsus', '3.2.7600.226', ago(SILENT_AFTER_HOURS - 1));
    expect((await ask('affected')).shown).toBe(`:large_green_circle: ${en.converse.noneAffected({ of: '2 servers' })}`);
    expect((await ask('not-fixed')).shown).toBe(`:large_green_circle: ${en.next.none({ count: 0, list: '', rtm: 0, cmd: '' })}`);
    expect((await ask('silent')).shown).toBe(en.converse.noneSilent({ of: '2 servers', h: SILENT_AFTER_HOURS }));
    expect((await ask('silent', 'ja')).shown).toBe(ja.converse.noneSilent({ of: 'サーバー 2 台', h: SILENT_AFTER_HOURS }));
  });

  it('"not fixed" counts a server of unknown version (not known to be fixed); "silent" one heard of exactly a day ago', async () => {
    await recordAffected(t.storage, 'wsus01', ago(SILENT_AFTER_HOURS));
    await t.storage.servers.recordVersion('wsus05', 'wsus', '3.0.6000.374', ago(2));
    const notFixed = await ask('not-fixed');
    expect(notFixed.shown.split('\n')).toEqual([
      '*Not fixed (or not known to be): 2 of 2 servers*',
      ':red_circle: affected: wsus01',
      `:large_orange_circle: ${en.bucketShort['needs-sp1']}: wsus05`,
    ]);
    expect(notFixed.json).toMatchObject({
      which: 'not-fixed',
      total: 2,
      servers: [
        { name: 'wsus01', bucket: 'affected' },
        { name: 'wsus05', bucket: 'needs-sp1' },
      ],
    });
    const silent = await ask('silent');
    expect(silent.shown).toMatch(/^\*Silent for 24 h or more: 1 of 2 servers\*\n:red_circle: \*wsus01\* — last heard of <!date/);
  });

  it('a long list names the first servers and counts the rest', async () => {
    for (let i = 10; i < 40; i++) await recordAffected(t.storage, `wsus${i}`, ago(1));
    const shown = (await ask('affected')).shown.split('\n');
    expect(shown[0]).toBe(':red_circle: *Affected now: 30 of 30 servers*');
    expect(shown).toHaveLength(1 + 15 + 1);
    expect(shown.at(-1)).toBe('and 15 more');
  });
});
