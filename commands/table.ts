/**
 * Every subcommand, once: the CLI (`kb954960 <name> …`, src/cli-main.ts) and Slack (`/kb954960 <name> …`,
 * commands/index.ts) both dispatch from this table, `kb954960 help` lists its CLI usage lines, and the manifest's
 * usage hint is checked against its Slack hints (test/manifest.test.ts).
 *
 * A row is parse → core → render: per surface, how the words typed become the arguments (the CLI has flags such as
 * `--json` and `--db`; Slack has none), then one `run` shared by both that returns a Reply (text, blocks, JSON, exit
 * code). A subcommand one surface has no use for (`scan`, `serve`, … on the CLI; `subscribe`, `lang`, the form on
 * Slack) is a row with only that surface, and a `main` that does the whole of it.
 *
 * Adding a subcommand: its file in commands/ (or commands/cli/ for a CLI-only one), one row below, its sentences in both
 * catalogues (src/render/messages/), and, for Slack, its part of the usage hint in manifest.yml.
 *
 * Rows import their code on demand (import()): the CLI loads only what the subcommand it runs needs, and `scan`
 * starts without zod, Bolt or a database driver.
 */
import type { Config } from '../src/config.js';
import type { Lang } from '../src/lang.js';
import { UsageError, type ParseOptions } from './cli/io.js';
import { scan } from './cli/scan.js';
import { printUsage } from './cli/usage.js';
import type { CommandContext, Reply } from './types.js';

/** Everything a slash command may need beyond the common context. */
export interface SlashContext extends CommandContext {
  readonly channelId: string;
  readonly teamId?: string;
  readonly maxBytes: number;
  /** BOT_LANG and the status post's defaults. */
  readonly defaults: { readonly lang: Lang; readonly statusTime: string; readonly statusTimeZone: string };
  /** Called after a subscription changed, so the schedule follows. */
  readonly onSubscriptionsChanged?: () => void;
}

export type SlashOutcome = { readonly kind: 'reply'; readonly reply: Reply } | { readonly kind: 'open-modal' };

/** What a slash command's words are: `words` split on blanks after the subcommand, `text` the rest as typed. */
export interface SlashInput {
  readonly words: readonly string[];
  readonly text: string;
}

/** Words that do not make arguments: the usage to answer with (exit 2), nothing run. */
export interface Refused {
  readonly refused: Reply;
}

/** The CLI side of a shared row: `--json` and `--lang` always; `--db` and the store when `store`; its own `flags`. */
export interface CliParse<A> {
  readonly usage: string;
  readonly store: boolean;
  readonly flags?: ParseOptions;
  /** A signed decimal (`-2145107934`) is an argument, not an option. */
  readonly negativeNumbers?: boolean;
  /** Throws UsageError (commands/cli/io.ts) on words it cannot take. */
  args(positionals: string[], values: Record<string, unknown>): A;
}

/** A surface's whole subcommand, when the other surface has none (or says something else). */
export interface CliMain {
  /** Its lines in `kb954960 help`; none for a row not listed there. */
  readonly usage?: string;
  /** For a group's subcommand (`db copy`): its syntax, quoted when the group's word comes without a known second. */
  readonly synopsis?: string;
  /** Exit code; -1 keeps running (`serve`). `config` is loaded unless `ownConfig`. */
  main(argv: string[], config: Config): Promise<number>;
  readonly ownConfig?: true;
}

/**
 * `serve`: the one row the table cannot run itself, since the bot it starts dispatches from this table; the CLI entry
 * (src/cli-main.ts) starts it (src/cli/serve.ts).
 */
export interface CliBot {
  readonly usage: string;
  readonly runsTheBot: true;
}

export interface SlackParse<A> {
  /** Its part of the manifest's usage hint. */
  readonly hint: string;
  args(input: SlashInput, ctx: SlashContext): A | Refused | Promise<A | Refused>;
}

export interface SlackMain {
  readonly hint?: string;
  main(input: SlashInput, ctx: SlashContext): Promise<Reply | SlashOutcome>;
}

export interface Subcommand<A = never> {
  /** The word typed; a space-separated pair (`db copy`) is a group's subcommand; '' is the slash command alone. */
  readonly name: string;
  /** The core, shared by the surfaces that parse into it. */
  readonly run?: (args: A, ctx: CommandContext) => Reply | Promise<Reply>;
  readonly cli?: CliParse<A> | CliMain | CliBot;
  readonly slack?: SlackParse<A> | SlackMain;
}

export type Surface = 'cli' | 'slack';

/** Type-checks one row against its own arguments, then stores it with the others. */
function row<A>(r: Subcommand<A>): Subcommand<unknown> {
  return r as Subcommand<unknown>;
}

const refused = (reply: Reply): Refused => ({ refused: reply });
export const isRefused = (x: unknown): x is Refused => typeof x === 'object' && x !== null && 'refused' in x;

async function usageLine(syntax: string, lang: Lang): Promise<Refused> {
  const { msg } = await import('../src/render/messages/index.js');
  return refused({ text: msg(lang).usage({ syntax }), exitCode: 2 });
}

function noArguments(name: string, positionals: string[], hint = ''): void {
  if (positionals.length > 0) throw new UsageError(`${name} takes no arguments (got '${positionals[0]}')${hint}`);
}

export const SUBCOMMANDS: readonly Subcommand<unknown>[] = [
  row({
    name: 'help',
    // The CLI's help is its usage (src/cli-main.ts); Slack's is the catalogue's, with what an open bot allows.
    cli: { ownConfig: true, main: async () => printUsage(SUBCOMMANDS, 0) },
    slack: { hint: 'help', main: async (_, ctx) => (await import('./help.js')).helpReply(ctx.lang, undefined, ctx) },
  }),
  row({
    name: '',
    slack: { main: async () => ({ kind: 'open-modal' }) },
  }),
  row({
    name: 'check',
    slack: {
      hint: 'check <log lines>',
      // Keep the pasted lines' own breaks and tabs: only the subcommand word is cut off.
      main: async ({ text }, ctx) =>
        (await import('./check.js')).checkCommand({ text, origin: 'command', channelId: ctx.channelId, teamId: ctx.teamId, maxBytes: ctx.maxBytes }, ctx),
    },
  }),
  row({
    name: 'scan',
    cli: { usage: 'scan [FILE... | -] [--json] [--lang ja|en] [--server NAME] [--no-save] [--db PATH] [--max-bytes N]', main: scan },
  }),
  row<readonly string[]>({
    name: 'code',
    run: async (args, ctx) => (await import('./code.js')).codeCommand(args, ctx.lang),
    cli: {
      usage: 'code CODE [--json] [--lang ja|en]  what a Windows Update error code means (e.g. 0x80244022)',
      store: false,
      negativeNumbers: true,
      args: (p) => p,
    },
    slack: { hint: 'code <code>', args: ({ words }) => words },
  }),
  row<readonly string[]>({
    name: 'server',
    run: async (args, ctx) => (await import('./server.js')).serverCommand(args, ctx),
    cli: {
      usage: [
        'server NAME [--json]            what is known of a WSUS server (NAME: name, FQDN or URL)',
        'server NAME dll|wsus VERSION    record a version read off the server (3.1.6001.66 or v3.1.6001.66)',
      ].join('\n'),
      store: true,
      args: (p) => p,
    },
    slack: { hint: 'server <name> [dll|wsus <version>]', args: ({ words }) => words },
  }),
  row<{ server?: string; limit?: string }>({
    name: 'history',
    run: async (args, ctx) => (await import('./history.js')).historyCommand(args, ctx),
    cli: {
      usage: 'history [--server NAME] [--limit N] [--json]',
      store: true,
      flags: { server: { type: 'string' }, limit: { type: 'string' } },
      args: (p, v) => (noArguments('history', p, '; use --server NAME'), { server: v.server as string | undefined, limit: v.limit as string | undefined }),
    },
    slack: {
      hint: 'history [server]',
      args: ({ words }, ctx) => (words.length > 1 ? usageLine('/kb954960 history [server]', ctx.lang) : { server: words[0] }),
    },
  }),
  row<{ timeZone?: string }>({
    name: 'status',
    run: async (args, ctx) => (await import('./status.js')).buildStatusReply(ctx, args),
    cli: { usage: 'status [--json]                 the daily summary, now', store: true, args: (p) => (noArguments('status', p), {}) },
    slack: {
      hint: 'status',
      // The zone this channel's daily post is in, so that `status` and the post say one time.
      args: async (_, ctx) => ({ timeZone: (await ctx.store.status.subscription(ctx.channelId))?.timeZone ?? ctx.defaults.statusTimeZone }),
    },
  }),
  row({
    name: 'subscribe',
    slack: {
      hint: 'subscribe [HH:MM] [ja|en] [time zone]',
      main: async ({ words }, ctx) => {
        const r = await (await import('./subscribe.js')).subscribeCommand(words, ctx);
        if (r.exitCode !== 2) ctx.onSubscriptionsChanged?.();
        return r;
      },
    },
  }),
  row({
    name: 'unsubscribe',
    slack: {
      hint: 'unsubscribe',
      main: async (_, ctx) => {
        const r = await (await import('./subscribe.js')).unsubscribeCommand(ctx);
        if (r.exitCode !== 2) ctx.onSubscriptionsChanged?.();
        return r;
      },
    },
  }),
  row({
    name: 'lang',
    slack: { hint: 'lang [ja|en]', main: async ({ words }, ctx) => (await import('./lang.js')).langCommand(words, { ...ctx, defaultLang: ctx.defaults.lang }) },
  }),
  row({
    name: 'db backup',
    cli: {
      synopsis: 'db backup FILE [--db PATH]',
      usage: 'db backup FILE [--db PATH]      an online copy of the database, safe while the bot runs',
      main: async (argv, config) => (await import('./cli/db-backup.js')).dbBackupOrRestore('backup', argv, config),
    },
  }),
  row({
    name: 'db restore',
    cli: {
      synopsis: 'db restore FILE [--db PATH]',
      usage: "db restore FILE [--db PATH]     replace the (stopped) bot's database with a backup",
      main: async (argv, config) => (await import('./cli/db-backup.js')).dbBackupOrRestore('restore', argv, config),
    },
  }),
  row({
    name: 'db copy',
    cli: {
      synopsis: 'db copy --to postgres://user:password@host:5432/database [--db PATH]',
      usage:
        'db copy --to postgres://… [--db PATH] [--json]\n                                           copy the SQLite database into an empty PostgreSQL one (then set DATABASE_URL)',
      main: async (argv, config) => (await import('./cli/db-copy.js')).dbCopy(argv, config),
    },
  }),
  row({
    name: 'enroll',
    cli: {
      usage: "enroll NAME [--json] [--revoke] a WSUS server's reporting key, printed once (--revoke ends it)",
      main: async (argv, config) => (await import('./cli/enroll.js')).enroll(argv, config),
    },
  }),
  row({
    name: 'ingest',
    cli: {
      usage: 'ingest FILE... [--json]         record reports the server script wrote with -OutFile',
      main: async (argv, config) => (await import('./cli/ingest.js')).ingest(argv, config),
    },
  }),
  row({
    name: 'serve',
    cli: { usage: 'serve                           run the Slack bot (see README)', runsTheBot: true },
  }),
];

/** Which surfaces a row serves. */
export function surfacesOf(sub: Subcommand<unknown>): Surface[] {
  return [...(sub.cli ? (['cli'] as const) : []), ...(sub.slack ? (['slack'] as const) : [])];
}

export function isMain<P extends object>(surface: P | CliMain | SlackMain): surface is CliMain | SlackMain {
  return 'main' in surface;
}

export function isBot(surface: object): surface is CliBot {
  return 'runsTheBot' in surface;
}

/** The manifest's usage hint for `/kb954960`, as the table says it. */
export function slackUsageHint(): string {
  return SUBCOMMANDS.flatMap((s) => (s.slack?.hint ? [s.slack.hint] : [])).join(' | ');
}
