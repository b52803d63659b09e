/**
 * ingest/zip — the text logs inside a ZIP archive, read with node:zlib and a small central-directory reader
 * (no dependency: the archive is in memory anyway, as ZIP's directory is at its end, and every limit is enforced
 * on the bytes actually inflated, not on what the headers claim).
 *
 * Bounded against zip bombs: entry count; entries that share bytes (a directory pointing many entries at one member
 * multiplies it without bound) refuse the archive before anything is inflated; each member's expansion over its
 * compressed size, a nested gzip's included, and all members' together are capped on the bytes handed on. Entry
 * names that climb out of the archive (`..`, absolute, drive letters) refuse the whole archive. Members stream:
 * memory holds the archive and one chunk, never a whole inflated log.
 */
import { InputError, formatBytes, eventLogError, type ArchiveRefusal } from './errors.js';
import { inflate, loadZlib } from './gzip.js';
import { isGzip } from './sniff.js';
import { PeekableChunks, readAll, type ByteSource } from './source.js';

export interface ArchiveLimits {
  /** The name of the setting behind maxBytes, for the refusal (default MAX_FILE_BYTES). */
  limitName?: string;
  /** Cap on the archive's own size (it is read into memory). */
  maxBytes: number;
  /** Cap on the bytes its logs expand to together (a nested gzip's included). Default max(8 × maxBytes, 1 GiB). */
  maxExpandedBytes?: number;
  /** Most entries (files and folders) an archive may have. Default 1000. */
  maxEntries?: number;
  /**
   * Most a member may expand over its compressed size, a nested gzip's expansion included. Default 200 (text logs
   * deflate ~10×; bombs 1000×+).
   */
  maxRatio?: number;
}

/** One log inside an archive: `name` is `archive.zip:path/in/archive.log`. */
export interface ArchivedLog {
  name: string;
  /** The log's bytes (a nested .gz gunzipped too, so its expansion counts against the archive's caps), as read. */
  chunks: AsyncIterable<Buffer>;
}

const LOG_NAME = /\.(log|txt)(\.gz)?$/i;
const EVTX_NAME = /\.evtx$/i;
const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

interface Entry {
  path: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

function damaged(detail: string): InputError {
  return new InputError('bad-archive', `The ZIP archive is damaged or incomplete (${detail}). Upload the complete file.`);
}

/** An entry name as it can be shown on one line. */
function shown(path: string): string {
  // eslint-disable-next-line no-control-regex
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this replaces
  return path.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200);
}

function entryName(raw: Buffer, utf8Flag: boolean): string {
  if (utf8Flag) return raw.toString('utf8');
  // Windows writes names in the OEM code page without the UTF-8 flag: CP932 on Japanese systems.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('shift_jis').decode(raw);
  }
}

/** Names that would climb out of a folder if extracted: refused, whatever we do with them. */
function unsafePath(path: string): boolean {
  if (/^[\\/]/.test(path) || /^[A-Za-z]:/.test(path) || path.includes('\0')) return true;
  return path.split(/[\\/]/).some((part) => part === '..');
}

function findEndRecord(zip: Buffer): number {
  const stop = Math.max(0, zip.length - 22 - 0xffff);
  for (let i = zip.length - 22; i >= stop; i--) if (zip.readUInt32LE(i) === EOCD_SIG) return i;
  return -1;
}

function refused(problem: 'bad-archive' | 'archive-limit', message: string, reason: ArchiveRefusal): InputError {
  return new InputError(problem, message, { reason });
}

function zip64Refusal(): InputError {
  return refused(
    'bad-archive',
    'This is a ZIP64 archive (the format for very large archives), which the bot does not read: zip the logs again as a usual ZIP, or send the logs themselves.',
    { kind: 'zip64' },
  );
}

function readDirectory(zip: Buffer, maxEntries: number): Entry[] {
  const end = findEndRecord(zip);
  if (end < 0) throw damaged('its directory is missing');
  if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0) {
    throw refused('bad-archive', 'This ZIP archive is split into several files, which the bot does not read: send it as one archive, or the logs themselves.', {
      kind: 'split',
    });
  }
  const count = zip.readUInt16LE(end + 10);
  const dirSize = zip.readUInt32LE(end + 12);
  const dirOffset = zip.readUInt32LE(end + 16);
  // 0xffff entries alone is a count (ZIP64 says so with its locator): it is refused as too many, truthfully.
  if ((end >= 20 && zip.readUInt32LE(end - 20) === ZIP64_LOCATOR_SIG) || dirOffset === 0xffffffff || dirSize === 0xffffffff) throw zip64Refusal();
  if (count > maxEntries) {
    throw refused('archive-limit', `The ZIP archive has ${count} entries, more than the ${maxEntries} the bot opens: send only the logs.`, {
      kind: 'too-many-entries',
      count,
      max: maxEntries,
    });
  }
  if (dirOffset + dirSize > end) throw damaged('its directory points past its end');
  const entries: Entry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || zip.readUInt32LE(p) !== CENTRAL_SIG) throw damaged('a directory entry is cut short');
    const flags = zip.readUInt16LE(p + 8);
    const nameLen = zip.readUInt16LE(p + 28);
    const next = p + 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    if (next > end) throw damaged('a directory entry is cut short');
    const path = entryName(zip.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0);
    if (unsafePath(path)) {
      throw new InputError('bad-archive', `The ZIP archive has an entry named '${shown(path)}', which points outside the archive: refused.`);
    }
    const entry = {
      path,
      flags,
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      crc: zip.readUInt32LE(p + 16),
      localOffset: zip.readUInt32LE(p + 42),
    };
    // A ZIP64 entry's sizes or offset are in its extra field (a ZIP64 extra beside real values is read as usual).
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) throw zip64Refusal();
    entries.push(entry);
    p = next;
  }
  refuseOverlaps(zip, entries);
  return entries;
}

/**
 * Two entries whose bytes (local header and data) overlap: no archiver writes that, and it is how a small archive
 * expands without bound (a directory pointing many entries at one member). Refused before anything is inflated.
 */
function refuseOverlaps(zip: Buffer, entries: readonly Entry[]): void {
  const spans = entries.map((e) => ({ e, from: e.localOffset, to: dataStart(zip, e) + e.compressedSize })).sort((a, b) => a.from - b.from);
  let reach = spans[0]; // the span reaching furthest so far: any later one starting before its end overlaps it
  for (const b of spans.slice(1)) {
    const a = reach!;
    if (b.to > a.to) reach = b;
    if (b.from < a.to) {
      const [first, second] = [shown(a.e.path), shown(b.e.path)];
      throw refused(
        'bad-archive',
        `The ZIP archive's entries ${first} and ${second} overlap (share the same bytes), which only a crafted archive does: refused.`,
        {
          kind: 'overlapping',
          first,
          second,
        },
      );
    }
  }
}

/** Where a member's data starts, from its local header (whose name and extra field lengths may differ). */
function dataStart(zip: Buffer, e: Entry): number {
  const p = e.localOffset;
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOCAL_SIG) throw damaged(`the entry for ${shown(e.path)} is missing`);
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
  if (start + e.compressedSize > zip.length) throw damaged(`${shown(e.path)} is cut short`);
  return start;
}

/**
 * The text logs (`*.log`, `*.txt`, and those gzip'd: `*.log.gz`) inside a ZIP archive, in archive order. Other
 * entries are skipped. Throws InputError for a damaged, ZIP64 or split archive, an unsafe entry name, too many
 * entries, entries that overlap, a password-protected or unsupported member, and — while a member is read — a member that expands past the ratio
 * or all of them past `maxExpandedBytes`; an archive with no log in it is refused too (an .evtx in it gets the
 * wevtutil advice).
 */
export async function openLogArchive(source: Uint8Array | ByteSource, name: string, limits: ArchiveLimits): Promise<ArchivedLog[]> {
  const zip = await readAll(source, { maxBytes: limits.maxBytes, limitName: limits.limitName });
  const maxExpanded = limits.maxExpandedBytes ?? Math.max(8 * limits.maxBytes, 1024 ** 3);
  const maxRatio = limits.maxRatio ?? 200;
  const entries = readDirectory(zip, limits.maxEntries ?? 1000);
  const logs = entries.filter((e) => !e.path.endsWith('/') && LOG_NAME.test(e.path));
  if (logs.length === 0) {
    if (entries.some((e) => EVTX_NAME.test(e.path))) throw eventLogError();
    throw new InputError('bad-archive', 'The ZIP archive holds no text log (.log or .txt): send WindowsUpdate.log or SoftwareDistribution.log.');
  }
  let expanded = 0;
  return logs.map((e) => {
    const label = `${shown(e.path)} in the ZIP archive`;
    if (e.flags & 0x1) throw new InputError('bad-archive', `${label} is password-protected: zip it again without a password.`);
    if (e.method !== 0 && e.method !== 8) {
      throw new InputError('bad-archive', `${label} is compressed with a method the bot does not read (${e.method}): zip it again with the usual Deflate.`);
    }
    const bomb = () => new InputError('archive-limit', `${label} expands to more than ${maxRatio} times its compressed size (a zip bomb?): refused.`);
    if (e.method === 8 && e.size > e.compressedSize * maxRatio) throw bomb();
    const start = dataStart(zip, e);
    const data = zip.subarray(start, start + e.compressedSize);
    // Counted on what is handed on — a nested gzip's expansion too — and on the member's own inflation (the work).
    const cap = Math.max(e.compressedSize, 1024) * maxRatio;
    let inflated = 0;
    let mine = 0;
    const member = (n: number): void => {
      inflated += n;
      if (inflated > cap) throw bomb();
    };
    const handedOn = (n: number): void => {
      mine += n;
      expanded += n;
      if (mine > cap) throw bomb();
      if (expanded > maxExpanded) {
        throw new InputError('archive-limit', `The logs in the ZIP archive expand to more than ${formatBytes(maxExpanded)}: refused.`);
      }
    };
    return { name: `${name}:${e.path}`, chunks: logChunks(memberChunks(e, data, member, label), handedOn, label) };
  });
}

/** A member's bytes as the log they hold: gunzipped when they are gzip (by their first bytes, as decode does). */
async function* logChunks(member: AsyncGenerator<Buffer>, count: (n: number) => void, label: string): AsyncGenerator<Buffer> {
  const peek = new PeekableChunks(member);
  try {
    if (isGzip((await peek.peek(2)).bytes)) {
      yield* inflate(peek.rest(), (zlib) => zlib.createGunzip({ chunkSize: 256 * 1024 }), count, label);
      return;
    }
    for await (const chunk of peek.rest()) {
      count(chunk.length);
      yield chunk;
    }
  } finally {
    await peek.close();
  }
}

async function* memberChunks(e: Entry, data: Buffer, count: (n: number) => void, label: string): AsyncGenerator<Buffer> {
  const { crc32 } = await loadZlib();
  let total = 0;
  let crc = 0;
  if (e.method === 0) {
    count(data.length);
    total = data.length;
    crc = crc32(data);
    if (data.length > 0) yield data;
  } else {
    for await (const chunk of inflate([data], (zlib) => zlib.createInflateRaw({ chunkSize: 256 * 1024 }), count, label)) {
      total += chunk.length;
      crc = crc32(chunk, crc);
      yield chunk;
    }
  }
  if (total !== e.size || crc !== e.crc) throw damaged(`${shown(e.path)} does not match its checksum`);
}
