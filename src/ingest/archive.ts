/**
 * ingest/archive — what a file holds, as logs to scan: a ZIP archive's text logs, or the file itself.
 * The one call a surface (CLI, Slack upload) makes before `decodeToUtf8` on each result.
 */
import { statSync } from 'node:fs';
import { isZip } from './sniff.js';
import { PeekableChunks, fileChunks, isBorrowed, readRaw, type ByteSource } from './source.js';
import { openLogArchive, type ArchiveLimits } from './zip.js';

export { openLogArchive, type ArchiveLimits, type ArchivedLog } from './zip.js';

export interface LogSource {
  /** The file's name, or `archive.zip:member.log` for a log inside an archive. */
  name: string;
  chunks: ByteSource;
  /** A plain file on disk (not a ZIP's member): a reader may read it by itself instead of `chunks` (then call close). */
  file?: { path: string; size: number };
  /** Releases `chunks` unread. */
  close?: () => Promise<void>;
}

/**
 * A file's bytes as the logs in it: a ZIP archive (by its first bytes, whatever its name) → its text logs;
 * anything else → itself, unread beyond its first bytes (decodeToUtf8 decides text, gzip or refusal).
 * `limits.maxBytes` caps a ZIP's own size; other files are capped (or tail-read) by decodeToUtf8.
 */
export async function openLogs(source: ByteSource, name: string, limits: ArchiveLimits): Promise<LogSource[]> {
  const peek = new PeekableChunks(readRaw(source, { maxBytes: Number.MAX_SAFE_INTEGER }), isBorrowed(source));
  const { bytes } = await peek.peek(4);
  if (isZip(bytes)) return openLogArchive(peek.rest(), name, limits);
  return [{ name, chunks: peek.rest(), close: () => peek.close() }];
}

/** A file on disk as the logs in it (see `openLogs`). */
export async function openLogFile(path: string, limits: ArchiveLimits): Promise<LogSource[]> {
  const logs = await openLogs(fileChunks(path), path, limits);
  if (logs.length !== 1 || logs[0]!.name !== path) return logs;
  const stat = statSync(path);
  return stat.isFile() ? [{ ...logs[0]!, file: { path, size: stat.size } }] : logs;
}
