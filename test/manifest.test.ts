import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../src/slack/listeners/commands/index.js';
import { EVENT_TYPES } from '../src/slack/listeners/events/index.js';
import { DIAGNOSE_SHORTCUT_ID } from '../src/slack/listeners/shortcuts/index.js';
import { runSlashCommand } from '../commands/index.js';
import { SUBCOMMANDS, slackUsageHint } from '../commands/table.js';
import { LANGS } from '../src/lang.js';
import { tempStorage } from './support/storage.js';

// manifest.yml is what admins import; it must name what the code listens for, and ask for no more than it uses.
const manifest = readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8');
/** The `- item` lines right under `key:` (up to the first line that is not one). */
const listUnder = (key: string) => {
  const after = (manifest.split(`${key}:\n`)[1] ?? '').split('\n');
  const items: string[] = [];
  for (const line of after) {
    const m = /^\s+- ([\w:.]+)$/.exec(line);
    if (!m) break;
    items.push(m[1]!);
  }
  return items;
};

describe('manifest.yml', () => {
  it('declares the slash command and the message shortcut the code registers', () => {
    expect(manifest).toContain(`command: ${SLASH_COMMAND}\n`);
    expect(manifest).toMatch(new RegExp(`type: message\\n\\s+callback_id: ${DIAGNOSE_SHORTCUT_ID}\\n`));
  });

  it('subscribes to the events the listeners handle, app_mention included', () => {
    // `message` is subscribed per kind of conversation: channels, private channels, DMs.
    const expected = EVENT_TYPES.flatMap((e) => (e === 'message' ? ['message.channels', 'message.groups', 'message.im'] : [e]));
    expect(listUnder('bot_events').sort()).toEqual([...expected].sort());
    expect(listUnder('bot_events')).toContain('app_mention');
  });

  it('asks for exactly the scopes the README explains', () => {
    const scopes = listUnder('bot');
    expect(scopes.sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'files:read', 'groups:history', 'im:history']);
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const scope of scopes) expect(readme).toContain(`\`${scope}\``);
  });

  it('runs in Socket Mode with interactivity and the Home tab on', () => {
    expect(manifest).toContain('socket_mode_enabled: true');
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toContain('home_tab_enabled: true');
  });

  it("the slash command's usage hint is the table's Slack rows, and the help lists each", async () => {
    const hint = /usage_hint: "([^"]+)"/.exec(manifest)?.[1] ?? '';
    // One table drives both dispatchers (commands/table.ts): the manifest says what its Slack rows say, in their order.
    expect(hint).toBe(slackUsageHint());
    const inHint = hint.split(' | ').map((part) => part.trim().split(/\s+/)[0]!);
    const slackRows = SUBCOMMANDS.filter((s) => s.slack && s.name !== '').map((s) => s.name);
    expect(inHint).toEqual(slackRows);
    const { helpReply } = await import('../commands/help.js');
    for (const lang of LANGS) {
      const inHelp = [...new Set([...helpReply(lang).text.matchAll(/\/kb954960 ([a-z]+)/g)].map((m) => m[1]!))];
      expect([...inHint].sort(), lang).toEqual([...new Set(['help', ...inHelp])].sort());
    }
    // Each word of the hint is a subcommand the real dispatcher knows (an unknown one gets the help's "unknown").
    const t = await tempStorage();
    try {
      for (const sub of inHint) {
        const out = await runSlashCommand(sub, {
          store: t.storage,
          lang: 'en',
          now: new Date('2026-11-25T12:00:00Z'),
          adminUserIds: [],
          channelId: 'CHINT',
          maxBytes: 1024,
          defaults: { lang: 'en', statusTime: '09:00', statusTimeZone: 'Asia/Tokyo' },
        });
        expect(out.kind === 'reply' ? out.reply.text : '', sub).not.toMatch(/unknown|Unknown/);
      }
    } finally {
      await t.close();
    }
  });
});
