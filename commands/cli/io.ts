/** The CLI's plumbing every subcommand shares: output to fd 1, flags, the store, usage errors. */
import { constants, accessSync, existsSync, statSync, writeSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Storage } from '../../src/store/port.js';
import type { CommandContext, Reply } from '../types.js';
import type { Config } from '../../src/config.js';
import { isLang, LANGS, type Lang } from '../../src/lang.js';

/** Bad usage or input: one line on stderr, exit 2. */
export class UsageError extends Error {}

export type ParseOptions = NonNullable<ParseArgsConfig['options']>;

export function fail(message: string): number {
  process.stderr.write(`kb954960: ${message}\n`);
  return 2;
}

/**
 * Output goes to fd 1 directly: process.stdout over a pipe is a net.Socket, and setting up its streams cost every run
 * ~1.7 MiB and a few ms (docs/benchmarks.md). A pipe closed early (`kb954960 scan … | head`) ends the run quietly; a
 * non-blocking stdout that is full (EAGAIN) gets the rest through process.stdout, which waits for it to drain.
 */
export function write(text: string): void {
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

export function parse(args: string[], options: ParseOptions) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify a positional.*$/s, '')}. Run 'kb954960 help' for usage.`);
  }
}

export function langFlag(value: unknown, fallback: Lang): Lang {
  if (value === undefined) return fallback;
  if (isLang(value)) return value;
  throw new UsageError(`--lang must be ${LANGS.join(' or ')} (got '${String(value)}')`);
}

/**
 * No cap unless the caller asks for one: MAX_FILE_BYTES guards what the bot downloads from Slack, not a file the
 * user points the CLI at (the scan streams, so a 1 GiB log costs time, not memory).
 */
export function maxBytesFlag(value: unknown): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  const n = /^[1-9][0-9]*$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`--max-bytes must be a positive whole number of bytes (got '${String(value)}')`);
  return n;
}

/**
 * `--db PATH` names a SQLite file; without it, DATABASE_URL (PostgreSQL) or else DATABASE_PATH. Loaded on demand: the
 * database driver costs start-up time that `scan --no-save` need not pay.
 */
export async function openStore(dbFlag: string | undefined, config: Config): Promise<Storage> {
  const { openStorage } = await import('../../src/open-storage.js');
  return opening(dbFlag, config, (where) => openStorage({ ...where, clock: config.clock }));
}

/** The database to consult without writing (`--no-save`), as openStore() picks it: null when there is none yet. */
export async function openStoreToRead(dbFlag: string | undefined, config: Config): Promise<Storage | null> {
  const { openStorageToRead } = await import('../../src/open-storage.js');
  return opening(dbFlag, config, openStorageToRead);
}

async function opening<S>(dbFlag: string | undefined, config: Config, open: (where: { databasePath: string; databaseUrl?: string }) => Promise<S>): Promise<S> {
  const databasePath = dbFlag ?? config.databasePath;
  const databaseUrl = dbFlag === undefined ? config.databaseUrl : undefined;
  try {
    return await open({ databasePath, databaseUrl });
  } catch (e) {
    // The URL is never printed: it may hold a password.
    throw new UsageError(`cannot open the database ${databaseUrl ? '(DATABASE_URL)' : `at ${databasePath}`}: ${(e as Error).message}`);
  }
}

/** Checks every FILE before reading any, so a typo costs nothing and records nothing. */
export function checkFiles(files: readonly string[]): void {
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

export function commandContext(store: Storage, config: Config, lang: Lang): CommandContext {
  // A terminal's times are ISO 8601 with the offset, in STATUS_TIMEZONE (the team's zone).
  return { store, lang, now: config.clock(), adminUserIds: config.adminUserIds, times: { timeZone: config.statusTimeZone, iso: true } };
}

/** A reply on the terminal: usage errors on stderr (exit 2), else the text or, with --json, the JSON. */
export function print(reply: Reply, json: boolean): number {
  if (reply.exitCode === 2) return fail(reply.text);
  write(json && reply.json !== undefined ? JSON.stringify(reply.json) : reply.text);
  return reply.exitCode ?? 0;
}
