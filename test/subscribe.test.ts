import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStatusReply } from '../commands/status.js';
import { subscribeCommand, unsubscribeCommand, type SubscribeContext } from '../commands/subscribe.js';
import type { Storage } from '../src/store/port.js';
import { recordAffected, tempDb } from './support/status-fixtures.js';
import { openTestStorage } from './support/storage.js';

let db: ReturnType<typeof tempDb>;
let storage: Storage;
const NOW = new Date('2024-06-01T12:00:00Z'); // 21:00 in Tokyo

function ctx(over: Partial<SubscribeContext> = {}): SubscribeContext {
  return {
    store: storage,
    lang: 'en',
    now: NOW,
    userId: 'U0ALICE',
    adminUserIds: [],
    channelId: 'C0WSUS',
    teamId: 'T0TEAM',
    defaults: { statusTime: '09:00', statusTimeZone: 'Asia/Tokyo' },
    ...over,
  };
}

beforeEach(async () => {
  db = tempDb();
  storage = await openTestStorage(db.dir);
});

afterEach(async () => {
  await storage.close();
  db.cleanup();
});

describe('subscribe', () => {
  it('defaults: STATUS_TIME, STATUS_TIMEZONE, the BOT_LANG language; persisted', async () => {
    const reply = await subscribeCommand([], ctx());
    expect(reply.exitCode).toBe(0);
    expect(reply.text).toBe(
      'Subscribed: this channel gets the KB954960 status every day at 09:00 (Asia/Tokyo), in English. Next post: <!date^1717286400^{date_short_pretty} {time}|2024-06-02 09:00>. To stop: `/kb954960 unsubscribe`.',
    );
    expect(await storage.status.subscription('C0WSUS')).toMatchObject({
      channelId: 'C0WSUS',
      teamId: 'T0TEAM',
      postTime: '09:00',
      timeZone: 'Asia/Tokyo',
      lang: 'en',
      createdBy: 'U0ALICE',
      createdAt: NOW.toISOString(),
    });
    expect(reply.json).toMatchObject({ subscribed: true, created: true, nextPostAt: '2024-06-02T00:00:00.000Z' });
    // survives a reopen
    await storage.close();
    storage = await openTestStorage(db.dir);
    expect(await storage.status.subscriptions()).toHaveLength(1);
  });

  it('HH:MM and ja|en in any order (and a time zone); re-subscribing updates, keeping when it was made', async () => {
    expect((await subscribeCommand(['ja', '7:30'], ctx())).exitCode).toBe(0);
    expect(await storage.status.subscription('C0WSUS')).toMatchObject({ postTime: '07:30', lang: 'ja' });
    const later = new Date(NOW.getTime() + 3_600_000);
    const reply = await subscribeCommand(['18:45', 'EN', 'America/New_York'], ctx({ now: later, lang: 'ja' }));
    expect(reply.exitCode).toBe(0);
    expect(reply.text).toContain('購読を更新しました');
    expect(await storage.status.subscription('C0WSUS')).toMatchObject({
      postTime: '18:45',
      lang: 'en',
      timeZone: 'America/New_York',
      createdAt: NOW.toISOString(),
    });
    expect(await storage.status.subscriptions()).toHaveLength(1);
  });

  it('bad arguments: usage, exit 2, nothing stored', async () => {
    for (const args of [['fr'], ['09:00', '10:00'], ['ja', 'en'], ['Mars/Olympus'], ['09:00', 'ja', 'UTC', 'x']]) {
      const reply = await subscribeCommand(args, ctx());
      expect(reply.exitCode, args.join(' ')).toBe(2);
      expect(reply.text).toMatch(/^usage: subscribe \[HH:MM\] \[ja\|en\]/);
    }
    expect(await storage.status.subscriptions()).toEqual([]);
  });

  it('ADMIN_USER_IDS set: others get a polite refusal and nothing changes; admins may', async () => {
    const admins = { adminUserIds: ['U0ADMIN'] };
    const refused = await subscribeCommand(['08:00'], ctx({ ...admins, userId: 'U0BOB' }));
    expect(refused.exitCode).toBe(2);
    expect(refused.text).toContain('only the admins listed in ADMIN_USER_IDS');
    expect((await subscribeCommand([], ctx({ ...admins, userId: 'U0BOB', lang: 'ja' }))).text).toContain('管理者 (ADMIN_USER_IDS) のみ');
    expect(await storage.status.subscriptions()).toEqual([]);

    expect((await subscribeCommand(['08:00'], ctx({ ...admins, userId: 'U0ADMIN' }))).exitCode).toBe(0);
    expect((await unsubscribeCommand(ctx({ ...admins, userId: 'U0BOB' }))).text).toContain('only the admins');
    expect(await storage.status.subscriptions()).toHaveLength(1);
    expect((await unsubscribeCommand(ctx({ ...admins, userId: 'U0ADMIN' }))).exitCode).toBe(0);
    expect(await storage.status.subscriptions()).toHaveLength(0);
  });

  it('unsubscribe ends it; unsubscribing again says it was not subscribed', async () => {
    await subscribeCommand([], ctx());
    await subscribeCommand([], ctx({ channelId: 'C0OTHER' }));
    expect((await unsubscribeCommand(ctx())).text).toBe('Unsubscribed: this channel no longer gets the daily KB954960 status.');
    expect((await storage.status.subscriptions()).map((s) => s.channelId)).toEqual(['C0OTHER']);
    expect((await unsubscribeCommand(ctx())).text).toBe('This channel was not subscribed.');
    expect((await unsubscribeCommand(ctx({ lang: 'ja' }))).text).toBe('このチャンネルは購読していません。');
  });
});

describe('status command', () => {
  it('text, blocks and JSON of the same post, on demand', async () => {
    await recordAffected(storage, 'wsus01', '2024-06-01T10:00:00Z', { channelId: 'C0WSUS', messageTs: '1717236000.000100' });
    await storage.servers.recordVersion('wsus02', 'dll', '3.1.6001.66', '2024-05-01T00:00:00Z');
    const reply = await buildStatusReply({ store: storage, lang: 'en', now: NOW, adminUserIds: [] });
    expect(reply.exitCode).toBe(1); // action needed
    expect(reply.text).toContain('2 servers: 1 affected, 1 fixed');
    expect(reply.text).toContain('New detections in the last 24 h: 1');
    expect(reply.blocks!.length).toBeLessThanOrEqual(50);
    expect(reply.json).toMatchObject({
      kb: 'KB954960',
      total: 2,
      counts: { affected: 1, fixed: 1, 'needs-sp1': 0, vulnerable: 0, conflict: 0, unknown: 0, 'not-applicable': 0 },
      servers: { affected: ['wsus01'], fixed: ['wsus02'] },
      newDetections: { total: 1, entries: [{ server: 'wsus01', channelId: 'C0WSUS', threadTs: '1717236000.000100' }] },
      nextAction: { kind: 'fix-affected', servers: ['wsus01'] },
      quiet: false,
    });
  });

  it('all fixed and quiet: one line, exit 0', async () => {
    await storage.servers.recordVersion('wsus02', 'dll', '3.1.6001.66', '2024-05-01T00:00:00Z');
    const reply = await buildStatusReply({ store: storage, lang: 'ja', now: NOW, adminUserIds: [] });
    expect(reply.exitCode).toBe(0);
    expect(reply.text).toBe('KB954960 — 新しい検出なし: 過去 24 時間に新しい検出はなく、該当中のサーバーもありません。サーバー 1 台: 適用済み 1。');
  });
});
