// The help surface (src/render/help.ts): `/kb954960 help`, an unknown subcommand, the foot of App Home; both languages.
import { describe, expect, it } from 'vitest';
import { runSlashCommand } from '../commands/index.js';
import type { Lang } from '../src/lang.js';
import { linksFor } from '../src/kb954960.js';
import { renderHelp } from '../src/render/help.js';
import { msg } from '../src/render/messages/index.js';
import { buttonUrls, expectMessageWithinBlockKit, visibleText } from './support/block-kit.js';
import { TEST_NOW } from './support/clock.js';
import { tempStorage } from './support/storage.js';

const KANA = /[\u3040-\u30ff]/;
/** What runSlashCommand answers (commands/index.ts): each must be in the help. */
const SUBCOMMANDS = ['check', 'code', 'server', 'history', 'status', 'subscribe', 'unsubscribe', 'lang'];

describe.each(['en', 'ja'] as const)('the help in %s', (lang: Lang) => {
  it('names every subcommand, with the links, within the limits', () => {
    const m = renderHelp(lang);
    expectMessageWithinBlockKit(m);
    expect(m.blocks[0]).toMatchObject({ type: 'header', text: { text: 'KB954960' } });
    const text = visibleText(m.blocks);
    for (const sub of SUBCOMMANDS) expect(text).toContain(`/kb954960 ${sub}`);
    expect(buttonUrls(m.blocks)).toEqual([linksFor(lang).download, linksFor(lang).kb, linksFor(lang).advisory]);
    expect(m.text).not.toContain('*'); // the fallback is plain text
    expect(KANA.test(text)).toBe(lang === 'ja');
  });

  it('an unknown subcommand leads with it, escaped: help for `<!channel>` pings nobody', () => {
    const m = renderHelp(lang, '<!channel>');
    expectMessageWithinBlockKit(m);
    const text = visibleText(m.blocks);
    expect(text).toContain(msg(lang).help.unknown({ word: '&lt;!channel&gt;' }));
    expect(text).not.toContain('<!channel>');
  });

  it('is what `/kb954960 help` and an unknown word answer', async () => {
    const t = await tempStorage({ clock: () => new Date(TEST_NOW) });
    try {
      const ctx = {
        store: t.storage,
        lang,
        now: new Date(TEST_NOW),
        adminUserIds: [],
        channelId: 'C1',
        maxBytes: 1000,
        defaults: { lang, statusTime: '09:00', statusTimeZone: 'Asia/Tokyo' },
      };
      expect(await runSlashCommand('help', ctx)).toEqual({ kind: 'reply', reply: { ...renderHelp(lang), exitCode: 0 } });
      expect(await runSlashCommand('frobnicate now', ctx)).toEqual({ kind: 'reply', reply: { ...renderHelp(lang, 'frobnicate'), exitCode: 2 } });
    } finally {
      await t.close();
    }
  });
});
