// The history surface (src/render/history.ts): `/kb954960 history` from a real store; both languages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lang } from '../src/lang.js';
import { renderHistoryBlocks, renderHistoryText } from '../src/render/history.js';
import { msg } from '../src/render/messages/index.js';
import type { Storage } from '../src/store/port.js';
import { expectMessageWithinBlockKit, visibleText } from './support/block-kit.js';
import { fixture, KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { TEST_NOW } from './support/clock.js';
import { checkInput } from './support/real-check.js';
import { tempStorage } from './support/storage.js';

let t: { storage: Storage; close(): Promise<void> };
beforeEach(async () => {
  t = await tempStorage({ clock: () => new Date(TEST_NOW) });
});
afterEach(() => t.close());

describe.each(['en', 'ja'] as const)('the history in %s', (lang: Lang) => {
  it('newest first, each with its verdict, server and other problems, within the limits at the most it lists', async () => {
    await checkInput(t.storage, fixture('client-other-errors.log'), { lang, name: 'WindowsUpdate.log', serverName: 'wsus02' });
    for (let i = 0; i < 30; i++) await checkInput(t.storage, KB_CLIENT_EXAMPLE, { lang, serverName: `wsus-${i}.a-long-branch-office-name.corp.example.com` });
    const entries = await t.storage.history.list({ limit: 20 });
    const m = { text: renderHistoryText(entries, lang), blocks: renderHistoryBlocks(entries, lang) };
    expectMessageWithinBlockKit(m);
    expect(m.blocks[0]).toMatchObject({ type: 'header', text: { text: msg(lang).history.title } });
    const text = visibleText(m.blocks);
    expect(text).toContain(msg(lang).verdictWord.affected);
    expect(text).toContain(entries[0]!.server!);

    const all = await t.storage.history.list({ server: 'wsus02' });
    expect(all).toHaveLength(1);
    expect(visibleText(renderHistoryBlocks(all, lang))).toContain(msg(lang).history.also({ list: '' }).trim());
  });

  it('none yet: one line', () => {
    const blocks = renderHistoryBlocks([], lang);
    expectMessageWithinBlockKit({ text: renderHistoryText([], lang), blocks });
    expect(visibleText(blocks)).toContain(msg(lang).history.none);
  });
});
