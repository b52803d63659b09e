// One table (commands/table.ts) drives both dispatchers: `kb954960 …` (src/cli-main.ts, run as built) and
// `/kb954960 …` (commands/index.ts). Each row answers on the surfaces it names, and only there; `kb954960 help` lists
// each CLI row. (The manifest's usage hint is checked against the Slack rows in test/manifest.test.ts.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlashCommand, type SlashContext } from '../commands/index.js';
import { SUBCOMMANDS, surfacesOf } from '../commands/table.js';
import { childEnv } from './support/clock.js';
import { databaseEnvFor, tempStorage } from './support/storage.js';

const BIN = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
let dir: string;
/** Points the CLI at this file's data: its SQLite file, or its PostgreSQL database. */
let databaseEnv: Record<string, string>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kb954960-table-'));
  databaseEnv = await databaseEnvFor(dir, 'kb.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: childEnv(databaseEnv), encoding: 'utf8', timeout: 20_000, input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cliRows = SUBCOMMANDS.filter((s) => surfacesOf(s).includes('cli'));
const slackOnly = SUBCOMMANDS.filter((s) => s.name !== '' && !surfacesOf(s).includes('cli'));

describe('the subcommand table', () => {
  it('names each subcommand once, and gives each a surface', () => {
    const names = SUBCOMMANDS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const s of SUBCOMMANDS) expect(surfacesOf(s).length, s.name).toBeGreaterThan(0);
    // The ones both surfaces share run one core.
    for (const s of SUBCOMMANDS.filter((r) => surfacesOf(r).length === 2 && r.name !== 'help')) expect(s.run, s.name).toBeTypeOf('function');
  });

  it('`kb954960 help` lists every CLI row, in the table order', () => {
    const help = cli(['help']);
    expect(help.code).toBe(0);
    const listed = [...help.stdout.matchAll(/^ {2}kb954960 ([a-z]+(?: [a-z]+)?)/gm)].map((m) => m[1]!);
    const expected = cliRows.filter((s) => s.name !== 'help').map((s) => s.name);
    // `server` has two lines; `db copy` is named by its two words.
    expect([...new Set(listed.map((l) => (expected.includes(l) ? l : l.split(' ')[0]!)))]).toEqual(expected);
  });

  it('the CLI knows each CLI row and no Slack-only one', () => {
    for (const s of cliRows.filter((r) => r.name !== 'serve' && r.name !== 'help')) {
      const r = cli([...s.name.split(' '), '--no-such-flag']);
      expect(r.stderr, s.name).not.toContain('unknown command');
      expect(r.code, s.name).toBe(2);
    }
    for (const s of slackOnly) expect(cli([s.name]).stderr, s.name).toContain(`unknown command '${s.name}'`);
  });

  it('Slack answers each Slack row, and the CLI-only ones with the help', async () => {
    const t = await tempStorage();
    const ctx: SlashContext = {
      store: t.storage,
      lang: 'en',
      now: new Date('2026-11-25T12:00:00Z'),
      adminUserIds: [],
      userId: 'UADMIN',
      channelId: 'CTABLE',
      maxBytes: 1024,
      defaults: { lang: 'en', statusTime: '09:00', statusTimeZone: 'Asia/Tokyo' },
    };
    try {
      for (const s of SUBCOMMANDS.filter((r) => surfacesOf(r).includes('slack') && r.name !== '')) {
        const out = await runSlashCommand(s.name, ctx);
        expect(out.kind === 'reply' ? out.reply.text : '', s.name).not.toContain(`There is no \`${s.name}\` subcommand`);
      }
      expect(await runSlashCommand('  ', ctx)).toEqual({ kind: 'open-modal' });
      for (const s of cliRows.filter((r) => !surfacesOf(r).includes('slack'))) {
        const out = await runSlashCommand(s.name, ctx);
        expect(out.kind === 'reply' ? out.reply.text : '', s.name).toContain(`There is no \`${s.name.split(' ')[0]}\` subcommand`);
      }
    } finally {
      await t.close();
    }
  });
});
