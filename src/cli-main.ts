/**
 * The kb954960 CLI: finds the subcommand's row in commands/table.ts and runs it on the terminal (flags, the store,
 * exit codes). Run through ./cli.cts (the `kb954960` entry), which loads this module bundled (dist/src/cli.bundle.cjs)
 * with V8's code cache; `node dist/src/cli-main.js` runs it unbundled.
 */
import { isBot, isMain, isRefused, SUBCOMMANDS, type CliParse, type Subcommand } from '../commands/table.js';
import type { CommandContext } from '../commands/types.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { InputError } from './ingest/decode.js';
import { commandContext, fail, langFlag, openStore, parse, print, UsageError, type ParseOptions } from '../commands/cli/io.js';
import { serveCli } from './cli/serve.js';
import { printUsage } from '../commands/cli/usage.js';

const cliRows = SUBCOMMANDS.filter((s) => s.cli);

/** A row both surfaces share: its flags, its arguments, the store if it needs one, the core, the reply printed. */
async function runShared(sub: Subcommand<unknown>, cli: CliParse<unknown>, argv: string[], config: Config): Promise<number> {
  const options: ParseOptions = { json: { type: 'boolean' }, ...(cli.store ? { db: { type: 'string' } } : {}), lang: { type: 'string' }, ...cli.flags };
  const { values, positionals } = parse(cli.negativeNumbers ? argv.map((a) => (/^-\d+$/.test(a) ? `=${a}` : a)) : argv, options);
  const args = cli.args(cli.negativeNumbers ? positionals.map((a) => (a.startsWith('=-') ? a.slice(1) : a)) : positionals, values);
  const lang = langFlag(values.lang, config.lang);
  if (isRefused(args)) return print(args.refused, false);
  const store = cli.store ? await openStore(values.db as string | undefined, config) : null;
  try {
    // A row that takes no store reads only the language and the clock of its context.
    const ctx = store ? commandContext(store, config, lang) : ({ lang, now: config.clock(), adminUserIds: config.adminUserIds } as unknown as CommandContext);
    return print(await sub.run!(args, ctx), !!values.json);
  } finally {
    await store?.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return printUsage(SUBCOMMANDS, 2);
  const word = command === '--help' || command === '-h' ? 'help' : command;
  // A group (`db copy`) is named by its first two words; the words after the row's name are its arguments.
  const sub = cliRows.find((s) => s.name === word) ?? cliRows.find((s) => s.name === `${word} ${rest[0]}`);
  if (sub?.cli && isBot(sub.cli)) return serveCli();
  const config = sub?.cli && isMain(sub.cli) && sub.cli.ownConfig ? null : loadConfig(process.env);
  if (!sub?.cli) {
    const group = cliRows.filter((s) => s.name.startsWith(`${word} `));
    if (group.length > 0) throw new UsageError(`usage: ${group.map((s) => (s.cli && isMain(s.cli) && s.cli.synopsis) || s.name).join(' | ')}`);
    throw new UsageError(`unknown command '${command}'. Run 'kb954960 help' for usage.`);
  }
  const args = sub.name.includes(' ') ? rest.slice(1) : rest;
  if (isMain(sub.cli)) return sub.cli.main(args, config!);
  return runShared(sub, sub.cli as CliParse<unknown>, args, config!);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof ConfigError) process.exitCode = fail(e.message);
    else if (e instanceof InputError) process.exitCode = fail(e.message);
    else {
      // An unexpected fault: one line for the user; the stack only with LOG_LEVEL=debug.
      process.exitCode = fail(`unexpected error: ${(e as Error)?.message ?? String(e)}`);
      if (process.env.LOG_LEVEL === 'debug') process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    }
  },
);
