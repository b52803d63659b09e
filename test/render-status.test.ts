// The status surface (src/render/status-blocks.ts): the daily post, `/kb954960 status` and the top of App Home, built
// from a real store that real diagnoses of the fixtures and of verification output filled; both languages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lang } from '../src/lang.js';
import { linksFor } from '../src/kb954960.js';
import { msg } from '../src/render/messages/index.js';
import { slackDate } from '../src/render/slack-date.js';
import { renderStatusBlocks } from '../src/render/status-blocks.js';
import { FLEET_BUCKETS, STATUS } from '../src/fleet/status.js';
import { loadFleetStatus } from '../src/status/query.js';
import type { Storage } from '../src/store/port.js';
import { buttonUrls, expectMessageWithinBlockKit, visibleText } from './support/block-kit.js';
import { TEST_NOW } from './support/clock.js';
import { clientExampleOn, fixture, KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { checkInput } from './support/real-check.js';
import { tempStorage } from './support/storage.js';

const NOW = new Date(TEST_NOW);
const KANA = /[\u3040-\u30ff]/;

let t: { storage: Storage; close(): Promise<void> };
beforeEach(async () => {
  t = await tempStorage({ clock: () => new Date(TEST_NOW) });
});
afterEach(() => t.close());

/** A fleet in every state, as pastes and uploads make it. */
async function seedFleet(storage: Storage): Promise<void> {
  await checkInput(storage, fixture('client-affected.log'), {
    lang: 'en',
    name: 'WindowsUpdate.log',
    serverName: 'wsus-tokyo01',
    channelId: 'C0WSUS',
    messageTs: '1764072000.000100',
  });
  await checkInput(storage, fixture('server-affected.log'), { lang: 'en', name: 'SoftwareDistribution.log' });
  await checkInput(storage, fixture('client-other-errors.log'), { lang: 'en', name: 'WindowsUpdate.log', serverName: 'wsus-sapporo' });
  for (const line of [
    'KB954960-CHECK computer=WSUS-OSAKA dll=3.1.6001.66',
    'KB954960-CHECK computer=WSUS-KOBE dll=3.1.6001.65',
    'KB954960-CHECK computer=WSUS-NAGOYA wsus=3.0.6000.374',
    'KB954960-CHECK computer=WSUS-SP2 wsus=3.2.7600.226',
  ]) {
    await checkInput(storage, line, { lang: 'en', userId: 'UADMIN', channelId: 'C0WSUS', messageTs: '1764072100.000200' });
  }
}

describe.each(['en', 'ja'] as const)('the fleet status in %s', (lang: Lang) => {
  it('a fleet in every state: title first, the counts, every affected server named, the next action, the links', async () => {
    await seedFleet(t.storage);
    const fleet = await loadFleetStatus(t.storage, NOW);
    expect(fleet.quiet).toBe(false);
    expect(fleet.servers.affected.length).toBeGreaterThanOrEqual(2);
    const m = renderStatusBlocks(fleet, lang, { timeZone: 'Asia/Tokyo' });
    expectMessageWithinBlockKit(m);
    expect(m.blocks[0]).toMatchObject({ type: 'header' });
    expect(visibleText(m.blocks.slice(0, 1)).startsWith(msg(lang).status.title)).toBe(true);
    // The next action right under the title, then the counts of the states some server is in.
    expect(visibleText(m.blocks.slice(1, 2))).toContain(msg(lang).status.nextAction);
    const counts = visibleText(m.blocks.slice(2, 3));
    for (const b of FLEET_BUCKETS) if (fleet.counts[b] > 0) expect(counts).toContain(msg(lang).bucketShort[b]);
    const text = visibleText(m.blocks);
    for (const s of fleet.servers.affected) expect(text).toContain(s.name);
    expect(text).toContain(msg(lang).status.newDetections({ h: fleet.windowHours }));
    expect(text).toContain('<#C0WSUS>'); // the detection's channel (no permalink without a Slack client)
    expect(buttonUrls(m.blocks)).toContain(linksFor(lang).download);
    expect(KANA.test(text)).toBe(lang === 'ja');
  });

  it('a large fleet with long names: each list cut to whole lines with "and K more", within the limits', async () => {
    for (let i = 0; i < 120; i++) {
      const name = `wsus-${String(i).padStart(3, '0')}.branch-office-number-${i}.region-${i % 7}.corp.example.com`;
      await checkInput(t.storage, KB_CLIENT_EXAMPLE, {
        lang: 'en',
        serverName: name,
        channelId: 'C0BIG',
        messageTs: `1764070000.${String(i).padStart(6, '0')}`,
      });
      await checkInput(t.storage, `KB954960-CHECK computer=FIXED-${i} dll=3.1.6001.66`, { lang: 'en' });
    }
    const fleet = await loadFleetStatus(t.storage, NOW);
    expect(fleet.counts.affected).toBe(120);
    expect(fleet.counts.fixed).toBe(120);
    const m = renderStatusBlocks(fleet, lang, { timeZone: 'Asia/Tokyo' });
    expectMessageWithinBlockKit(m);
    const text = visibleText(m.blocks);
    const named = fleet.servers.affected.filter((s) => text.includes(s.name)).length;
    expect(named).toBeGreaterThan(0);
    expect(named).toBeLessThan(120);
    expect(text).toContain(msg(lang).status.more({ n: String(120 - STATUS.topPerState) }));
  });

  it('a server pasted again and again: one line with its count and newest thread; the bound leaves room for the others', async () => {
    const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
    await checkInput(t.storage, clientExampleOn('wsus-osaka'), { lang, channelId: 'C0OSAKA', messageTs: '1764000000.000100', now: hoursAgo(20) });
    // More failures of wsusebc than the post has lines: newest first, they alone used to fill the list. Each has a
    // fault ID of its own: pastes of one failure (one ID) count once.
    for (let i = 0; i < STATUS.topDetections + 2; i++) {
      const failure = KB_CLIENT_EXAMPLE.replace(/c0a7445f/g, (0xc0a74400 + i).toString(16));
      await checkInput(t.storage, failure, { lang, channelId: 'C0EBC', messageTs: `17640700${String(i).padStart(2, '0')}.000100`, now: hoursAgo(12 - i) });
    }
    const fleet = await loadFleetStatus(t.storage, NOW);
    expect(fleet.newDetections).toMatchObject({ total: STATUS.topDetections + 3, groups: 2 });
    const m = renderStatusBlocks(fleet, lang, { timeZone: 'Asia/Tokyo' });
    expectMessageWithinBlockKit(m);
    const count = msg(lang).status.newDetectionCount({ n: String(STATUS.topDetections + 3) });
    const heading = `*${msg(lang).status.newDetections({ h: fleet.windowHours })}: ${count}${msg(lang).status.onServers({ servers: '2', count: 2 })}*`;
    const section = visibleText(m.blocks).split('\n');
    const at = section.indexOf(heading);
    expect(at).toBeGreaterThan(0);
    const newest = msg(lang).status.serverDetections({
      n: String(STATUS.topDetections + 2),
      count: STATUS.topDetections + 2,
      at: slackDate(hoursAgo(1).toISOString(), '{date_short_pretty} {time}', 'Asia/Tokyo'),
    });
    expect(section.slice(at + 1, at + 3)).toEqual([
      `• *wsusebc* — ${newest} (<#C0EBC>)`,
      `• *wsus-osaka* — ${msg(lang).status.serverDetections({ n: '1', count: 1, at: slackDate(hoursAgo(20).toISOString(), '{date_short_pretty} {time}', 'Asia/Tokyo') })} (<#C0OSAKA>)`,
    ]);
    expect(section.filter((l) => l.includes('*wsusebc* —'))).toHaveLength(1);
  });

  it('a quiet day: one line', async () => {
    const m = renderStatusBlocks(await loadFleetStatus(t.storage, NOW), lang);
    expectMessageWithinBlockKit(m);
    expect(m.blocks).toHaveLength(1);
    expect(visibleText(m.blocks)).toContain(msg(lang).status.quietHead);
  });
});
