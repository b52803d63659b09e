// The Home surface (src/slack/views/home.ts): App Home from a real store — the fleet, each server with its proof, the
// help — within what a Home tab holds (100 blocks); both languages.
import type { types } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lang } from '../src/lang.js';
import { renderHelp } from '../src/render/help.js';
import { msg } from '../src/render/messages/index.js';
import { homeView, readHomeInput } from '../src/slack/views/home.js';
import type { Storage } from '../src/store/port.js';
import { expectWithinBlockKit, visibleText } from './support/block-kit.js';
import { TEST_NOW } from './support/clock.js';
import { fixture } from './support/fixtures.js';
import { checkInput } from './support/real-check.js';
import { tempStorage } from './support/storage.js';

const KANA = /[\u3040-\u30ff]/;

let t: { storage: Storage; close(): Promise<void> };
beforeEach(async () => {
  t = await tempStorage({ clock: () => new Date(TEST_NOW) });
});
afterEach(() => t.close());

describe.each(['en', 'ja'] as const)('App Home in %s', (lang: Lang) => {
  it('the fleet status first, then the servers with their proof, then the help', async () => {
    await checkInput(t.storage, fixture('client-affected.log'), { lang, serverName: 'wsus01', channelId: 'C1', messageTs: '1764072000.000100' });
    await checkInput(t.storage, 'KB954960-CHECK computer=WSUS02 dll=3.1.6001.66', { lang, userId: 'UADMIN', channelId: 'C1', messageTs: '1764072100.000100' });
    const view = homeView(await readHomeInput(t.storage, lang, new Date(TEST_NOW)));
    expect(view.type).toBe('home');
    expectWithinBlockKit(view.blocks, 'view');
    expect(visibleText(view.blocks.slice(0, 1)).startsWith(msg(lang).status.title)).toBe(true);
    const text = visibleText(view.blocks);
    expect(text.indexOf('wsus01')).toBeGreaterThan(-1);
    expect(text).toContain('<@UADMIN>'); // wsus02's proof
    // The help, without its link buttons: the status above has them.
    const help = visibleText(renderHelp(lang).blocks.filter((b) => b.type !== 'actions'));
    expect(text.endsWith(help)).toBe(true);
    expect(KANA.test(text)).toBe(lang === 'ja');
    // The link buttons once, not in the status and again in the help.
    const actionIds = view.blocks
      .filter((b): b is types.ActionsBlock => b.type === 'actions')
      .flatMap((b) => b.elements.map((e) => ('action_id' in e ? e.action_id : '')));
    expect(actionIds.length).toBeGreaterThan(0);
    expect(new Set(actionIds).size).toBe(actionIds.length);
  });

  it('a large fleet stays within a Home tab and keeps the help', async () => {
    for (let i = 0; i < 150; i++) {
      const name = `wsus-${String(i).padStart(3, '0')}.a-long-branch-office-name-${i}.corp.example.com`;
      await checkInput(t.storage, fixture('seed-run-together.txt'), {
        lang,
        serverName: name,
        channelId: 'C1',
        messageTs: `1764070000.${String(i).padStart(6, '0')}`,
      });
      await checkInput(t.storage, `KB954960-CHECK computer=FIXED-${i} dll=3.1.6001.66`, { lang, userId: `U${i}` });
    }
    const view = homeView(await readHomeInput(t.storage, lang, new Date(TEST_NOW)));
    expectWithinBlockKit(view.blocks, 'view');
    expect(visibleText(view.blocks).endsWith(visibleText(renderHelp(lang).blocks.filter((b) => b.type !== 'actions')))).toBe(true);
  });

  it('an empty workspace: the quiet line and the help, no server list', async () => {
    const view = homeView(await readHomeInput(t.storage, lang, new Date(TEST_NOW)));
    expectWithinBlockKit(view.blocks, 'view');
    expect(visibleText(view.blocks)).toContain(msg(lang).status.quietHead);
    expect(view.blocks.filter((b) => b.type === 'divider')).toHaveLength(1);
    expect(view.blocks.filter((b) => b.type === 'actions')).toHaveLength(1); // the quiet status has no links: the help's
  });
});
