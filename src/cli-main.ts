/**
 * The kb954960 CLI: its commands, flags and exit codes. Run through ./cli.cts (the `kb954960` entry), which loads
 * this module bundled (dist/src/cli.bundle.cjs) with V8's code cache; `node dist/src/cli-main.js` runs it unbundled.
 */
import { chmodSync, constants, accessSync, existsSync, statSync, writeSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Storage } from './store/port.js';
import type { CommandContext, Reply } from '../commands/types.js';
import { check, RECORD_ALWAYS, RECORD_NEVER, type ScanStrategy } from './check.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { isLang, LANGS, type Lang } from './lang.js';
import { needsAction } from './diagnose/diagnose.js';
import { canonicalServerName } from './diagnose/server-name.js';
import { openLogFile, openLogs, type LogSource } from './ingest/archive.js';
import { InputError } from './ingest/decode.js';
import { scanInline } from './scan/runner.js';
import { scanFileInParts } from './scan/split.js';
import { renderJson } from './render/json.js';
import { renderText } from './render/text.js';

const USAGE = `kb954960 — diagnose Microsoft KB954960 (WSUS 3.0 clients that stop receiving updates)

usage:
  kb954960 scan [FILE... | -] [--json] [--lang ja|en] [--server NAME] [--no-save] [--db PATH] [--max-bytes N]
  kb954960 code CODE [--json] [--lang ja|en]  what a Windows Update error code means (e.g. 0x80244022)
  kb954960 server NAME [--json]            what is known of a WSUS server (NAME: name, FQDN or URL)
  kb954960 server NAME dll|wsus VERSION    record a version read off the server (3.1.6001.66 or v3.1.6001.66)
  kb954960 history [--server NAME] [--limit N] [--json]
  kb954960 status [--json]                 the daily summary, now
  kb954960 db copy --to postgres://… [--db PATH] [--json]
                                           copy the SQLite database into an empty PostgreSQL one (then set DATABASE_URL)
  kb954960 enroll NAME [--json] [--revoke] a WSUS server's reporting key, printed once (--revoke ends it)
  kb954960 ingest FILE... [--json]         record reports the server script wrote with -OutFile
  kb954960 serve                           run the Slack bot (see README)

FILE: a log (plain, UTF-16, Shift_JIS, gzip'd) or a .zip of logs, of any size; --max-bytes N refuses an input over
N bytes (raw or decompressed). scan exits 0 when clean or fixed and no other problem needs action, 1 when action is
needed (affected, possible, vulnerable, or another known problem such as an HTTP 503 from the WSUS app pool), 2 on
bad usage or input.`;

/** `npm start` on a machine with no Slack settings yet: what to set, where it comes from, and what works meanwhile. */
const NOT_SET_UP = `kb954960: no Slack app is configured yet, so the bot cannot start.
  1. Create the app from manifest.yml (https://api.slack.com/apps → Create New App → From a manifest).
  2. Set SLACK_BOT_TOKEN (xoxb-…, "Install App") and SLACK_APP_TOKEN (xapp-…, "Basic Information → App-Level Tokens",
     scope connections:write) — or SLACK_SIGNING_SECRET for HTTP mode. .env.example lists every variable.
  3. set -a && . ./.env && set +a && npm start
Meanwhile the same diagnosis runs without Slack:
  node dist/src/cli.js scan examples/WindowsUpdate.log
`;

class UsageError extends Error {}

function fail(message: string): number {
  process.stderr.write(`kb954960: ${message}\n`);
  return 2;
}

/**
 * Output goes to fd 1 directly: process.stdout over a pipe is a net.Socket, and setting up its streams cost every run
 * ~1.7 MiB and a few ms (docs/benchmarks.md). A pipe closed early (`kb954960 scan … | head`) ends the run quietly; a
 * non-blocking stdout that is full (EAGAIN) gets the rest through process.stdout, which waits for it to drain.
 */
function write(text: string): void {
  const bytes = Buffer.from(text.endsWith('\n') ? text : `${text}\n`);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') process.exit(0);
    if (code !== 'EAGAIN') throw e;
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
    });
    process.stdout.write(bytes.subarray(written));
  }
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify a positional.*$/s, '')}. Run 'kb954960 help' for usage.`);
  }
}

function langFlag(value: unknown, fallback: Lang): Lang {
  if (value === undefined) return fallback;
  if (isLang(value)) return value;
  throw new UsageError(`--lang must be ${LANGS.join(' or ')} (got '${String(value)}')`);
}

/**
 * No cap unless the caller asks for one: MAX_FILE_BYTES guards what the bot downloads from Slack, not a file the
 * user points the CLI at (the scan streams, so a 1 GiB log costs time, not memory).
 */
function maxBytesFlag(value: unknown): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  const n = /^[1-9][0-9]*$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`--max-bytes must be a positive whole number of bytes (got '${String(value)}')`);
  return n;
}

/** Loaded on demand: the database driver costs start-up time that `scan --no-save` need not pay. */
/** `--db PATH` names a SQLite file; without it, DATABASE_URL (PostgreSQL) or else DATABASE_PATH. */
async function openStore(dbFlag: string | undefined, config: Config, options: { readonly?: boolean } = {}): Promise<Storage> {
  const { openStorage } = await import('./store/open.js');
  const path = dbFlag ?? config.databasePath;
  const databaseUrl = dbFlag === undefined ? config.databaseUrl : undefined;
  try {
    return await openStorage({ databasePath: path, databaseUrl, readonly: options.readonly, clock: config.clock });
  } catch (e) {
    // The URL is never printed: it may hold a password.
    throw new UsageError(`cannot open the database ${databaseUrl ? '(DATABASE_URL)' : `at ${path}`}: ${(e as Error).message}`);
  }
}

/** Checks every FILE before reading any, so a typo costs nothing and records nothing. */
function checkFiles(files: readonly string[]): void {
  if (files.length === 0 && process.stdin.isTTY)
    throw new UsageError("no input: name log files, or pipe one in (use '-' for stdin). Run 'kb954960 help' for usage.");
  if (files.filter((f) => f === '-').length > 1) throw new UsageError("'-' (stdin) can be given once");
  for (const file of files) {
    if (file === '-') continue;
    if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
    if (statSync(file).isDirectory()) throw new UsageError(`${file}: is a directory; name the log files in it`);
    try {
      accessSync(file, constants.R_OK);
    } catch {
      throw new UsageError(`${file}: not readable (permission denied)`);
    }
  }
}

/** Each FILE (or stdin) as the logs in it: a ZIP's text logs are scanned as `logs.zip:WindowsUpdate.log`. */
async function inputsFrom(files: readonly string[], maxBytes: number): Promise<LogSource[]> {
  checkFiles(files);
  const inputs: LogSource[] = [];
  for (const file of files.length === 0 ? ['-'] : files) {
    const name = file === '-' ? 'stdin' : file;
    try {
      inputs.push(
        ...(file === '-'
          ? await openLogs(process.stdin, name, { maxBytes, limitName: '--max-bytes' })
          : await openLogFile(file, { maxBytes, limitName: '--max-bytes' })),
      );
    } catch (e) {
      if (e instanceof InputError) throw new InputError(e.problem, `${name}: ${e.message}`, { cause: e });
      throw e;
    }
  }
  return inputs;
}

/**
 * How the CLI reads its inputs: inline (its user waits for nothing else), a very large local file in two parts at once,
 * one per core, where the machine allows it (src/scan/split.ts); refused over --max-bytes, named as such.
 */
function cliScan(maxBytes: number): ScanStrategy<LogSource> {
  const decode = { maxBytes, limitName: '--max-bytes' };
  return {
    async scan(input) {
      const inParts = input.file ? await scanFileInParts(input.file.path, input.file.size, decode) : null;
      if (!inParts) return scanInline(input.chunks, decode);
      await input.close?.();
      return inParts;
    },
  };
}

async function scan(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean' },
    lang: { type: 'string' },
    server: { type: 'string' },
    'no-save': { type: 'boolean' },
    db: { type: 'string' },
    'max-bytes': { type: 'string' },
  });
  const lang = langFlag(values.lang, config.lang);
  const maxBytes = maxBytesFlag(values['max-bytes']);
  const inputs = await inputsFrom(positionals, maxBytes);
  const dbFlag = values.db as string | undefined;
  const dbPath = dbFlag ?? config.databasePath;
  // --no-save still consults what is known of the server, when a database exists, but writes nothing.
  const exists = (dbFlag === undefined && !!config.databaseUrl) || existsSync(dbPath);
  const store = values['no-save'] ? (exists ? await openStore(dbFlag, config, { readonly: true }) : null) : await openStore(dbFlag, config);
  try {
    const server = values.server as string | undefined;
    if (server !== undefined && canonicalServerName(server) === null) throw new UsageError(`--server: '${server}' is not a host name or URL`);
    const { diagnosis } = await check(
      {
        inputs,
        lang,
        serverName: server,
        now: config.clock(),
        mayRecordFacts: true, // the machine's operator is trusted
        from: { origin: 'cli', sourceName: inputs.map((i) => i.name).join(', ') },
      },
      { storage: store, scan: cliScan(maxBytes), record: values['no-save'] ? RECORD_NEVER : RECORD_ALWAYS },
    );
    write(values.json ? JSON.stringify(renderJson(diagnosis)) : renderText(diagnosis));
    return needsAction(diagnosis) ? 1 : 0;
  } finally {
    await store?.close();
  }
}

function commandContext(store: Storage, config: Config, lang: Lang): CommandContext {
  // A terminal's times are ISO 8601 with the offset, in STATUS_TIMEZONE (the team's zone).
  return { store, lang, now: config.clock(), adminUserIds: config.adminUserIds, times: { timeZone: config.statusTimeZone, iso: true } };
}

function print(reply: Reply, json: boolean): number {
  if (reply.exitCode === 2) return fail(reply.text);
  write(json && reply.json !== undefined ? JSON.stringify(reply.json) : reply.text);
  return reply.exitCode ?? 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'serve') {
    if (!process.env.SLACK_BOT_TOKEN && !process.env.SLACK_APP_TOKEN && !process.env.SLACK_SIGNING_SECRET) {
      process.stderr.write(NOT_SET_UP);
      return 2;
    }
    const config = loadConfig(process.env, { forServe: true });
    const { serve } = await import('./slack/serve.js'); // loaded only here: scan starts fast without Bolt
    await serve(config);
    return -1; // keeps running until a signal
  }
  const config = loadConfig(process.env);
  switch (command) {
    case 'scan':
      return scan(rest, config);
    case 'code': {
      // A signed decimal HRESULT (-2145107934) is the code, not an option.
      const { values, positionals } = parse(
        rest.map((a) => (/^-\d+$/.test(a) ? `=${a}` : a)),
        { json: { type: 'boolean' }, lang: { type: 'string' } },
      );
      const args = positionals.map((a) => (a.startsWith('=-') ? a.slice(1) : a));
      const { codeCommand } = await import('../commands/code.js');
      return print(codeCommand(args, langFlag(values.lang, config.lang)), !!values.json);
    }
    case 'server': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' }, db: { type: 'string' }, lang: { type: 'string' } });
      const { serverCommand } = await import('../commands/server.js'); // commands load on demand: scan starts without zod
      const store = await openStore(values.db as string | undefined, config);
      try {
        return print(await serverCommand(positionals, commandContext(store, config, langFlag(values.lang, config.lang))), !!values.json);
      } finally {
        await store.close();
      }
    }
    case 'history': {
      const { values, positionals } = parse(rest, {
        json: { type: 'boolean' },
        server: { type: 'string' },
        limit: { type: 'string' },
        db: { type: 'string' },
        lang: { type: 'string' },
      });
      if (positionals.length > 0) throw new UsageError(`history takes no arguments (got '${positionals[0]}'); use --server NAME`);
      const { historyCommand } = await import('../commands/history.js');
      const store = await openStore(values.db as string | undefined, config);
      try {
        const reply = await historyCommand(
          { server: values.server as string | undefined, limit: values.limit as string | undefined },
          commandContext(store, config, langFlag(values.lang, config.lang)),
        );
        return print(reply, !!values.json);
      } finally {
        await store.close();
      }
    }
    case 'status': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' }, db: { type: 'string' }, lang: { type: 'string' } });
      if (positionals.length > 0) throw new UsageError(`status takes no arguments (got '${positionals[0]}')`);
      const { buildStatusReply } = await import('../commands/status.js');
      const store = await openStore(values.db as string | undefined, config);
      try {
        return print(await buildStatusReply(commandContext(store, config, langFlag(values.lang, config.lang))), !!values.json);
      } finally {
        await store.close();
      }
    }
    case 'db': {
      const { values, positionals } = parse(rest, { to: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } });
      if (positionals[0] !== 'copy' || positionals.length > 1)
        throw new UsageError('usage: db copy --to postgres://user:password@host:5432/database [--db PATH]');
      const to = values.to as string | undefined;
      if (!to || !/^postgres(ql)?:\/\/\S+$/.test(to)) throw new UsageError('db copy: --to must be a postgres://user:password@host:5432/database URL');
      const from = (values.db as string | undefined) ?? config.databasePath;
      if (!existsSync(from)) throw new UsageError(`db copy: ${from}: no such database file`);
      const { copyToPostgres } = await import('./store/open.js');
      let copied: { table: string; rows: number }[];
      try {
        copied = await copyToPostgres(from, to, config.clock);
      } catch (e) {
        // The URL is never printed: it may hold a password.
        throw new UsageError(`db copy: ${(e as Error).message}`);
      }
      if (values.json) write(JSON.stringify({ from, copied }));
      else write([`copied ${from} into PostgreSQL, every table verified by its count:`, ...copied.map((c) => `  ${c.table.padEnd(20)} ${c.rows}`)].join('\n'));
      return 0;
    }
    case 'enroll': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' }, revoke: { type: 'boolean' }, db: { type: 'string' } });
      if (positionals.length !== 1) throw new UsageError('enroll takes one server name: kb954960 enroll NAME [--revoke]');
      const { enrollServer, revokeServer, EnrolError } = await import('./reports/keys.js');
      const store = await openStore((values.db as string | undefined) ?? config.databasePath, config);
      try {
        const name = positionals[0]!;
        if (values.revoke) {
          const { server, revoked } = await revokeServer(store, name, config.clock());
          write(
            values.json
              ? JSON.stringify({ server, revoked })
              : revoked
                ? `${server}: key revoked; its reports are refused from now on.`
                : `${server}: no key in force; nothing to revoke.`,
          );
          return revoked ? 0 : 1;
        }
        const { server, key } = await enrollServer(store, name, config.clock());
        // The key is kept in the database (the listener needs it to check signatures): its files are the owner's only.
        const dbPath = (values.db as string | undefined) ?? config.databasePath;
        for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
        // The key is printed here once and nowhere else (never logged): the server's admin copies it.
        write(
          values.json
            ? JSON.stringify({ server, key })
            : `${server}: enrolled. Its reporting key (shown once; any older key no longer works):\n${key}\n` +
                `On the WSUS server: .\\Send-KB954960Report.ps1 -Install -Url <this bot's ingest address> -Key ${key}`,
        );
        return 0;
      } catch (e) {
        if (e instanceof EnrolError) throw new UsageError(e.message);
        throw e;
      } finally {
        await store.close();
      }
    }
    case 'ingest': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' }, db: { type: 'string' }, lang: { type: 'string' } });
      if (positionals.length === 0) throw new UsageError('ingest takes the report files the server script wrote (-OutFile)');
      checkFiles(positionals);
      const { ingestFiles } = await import('./reports/ingest-files.js');
      const store = await openStore((values.db as string | undefined) ?? config.databasePath, config);
      try {
        const results = await ingestFiles(positionals, { store, now: config.clock(), lang: langFlag(values.lang, config.lang) });
        write(values.json ? JSON.stringify(results) : results.map((r) => r.line).join('\n'));
        return results.some((r) => !r.ok) ? 2 : 0;
      } finally {
        await store.close();
      }
    }
    default:
      throw new UsageError(`unknown command '${command}'. Run 'kb954960 help' for usage.`);
  }
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
