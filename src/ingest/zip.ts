/**
 * ingest/zip — the text logs inside a ZIP archive, read with node:zlib and a small central-directory reader
 * (no dependency: the archive is in memory anyway, as ZIP's directory is at its end, and every limit is enforced
 * on the bytes actually inflated, not on what the headers claim).
 *
 * Bounded against zip bombs: entry count, each member's compression ratio, total inflated bytes; entry names
 * that climb out of the archive (`..`, absolute, drive letters) refuse the whole archive. Members stream: memory
 * holds the archive and one chunk, never a whole inflated log.
 */
import { InputError, formatBytes, eventLogError } from './errors.js';
import { inflate, loadZlib } from './gzip.js';
import { readAll, type ByteSource } from './source.js';

export interface ArchiveLimits {
  /** The name of the setting behind maxBytes, for the refusal (default MAX_FILE_BYTES). */
  limitName?: string;
  /** Cap on the archive's own size (it is read into memory). */
  maxBytes: number;
  /** Cap on the bytes inflated from all its logs together. Default max(8 × maxBytes, 1 GiB). */
  maxExpandedBytes?: number;
  /** Most entries (files and folders) an archive may have. Default 1000. */
  maxEntries?: number;
  /** Most a member may expand over its compressed size. Default 200 (text logs deflate ~10×; bombs 1000×+). */
  maxRatio?: number;
}

/** One log inside an archive: `name` is `archive.zip:path/in/archive.log`. */
export interface ArchivedLog {
  name: string;
  /** The member's bytes (as stored: a nested .gz stays gzip), inflated as they are read. */
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

function readDirectory(zip: Buffer, maxEntries: number): Entry[] {
  const end = findEndRecord(zip);
  if (end < 0) throw damaged('its directory is missing');
  const count = zip.readUInt16LE(end + 10);
  const dirSize = zip.readUInt32LE(end + 12);
  const dirOffset = zip.readUInt32LE(end + 16);
  const zip64 = (end >= 20 && zip.readUInt32LE(end - 20) === ZIP64_LOCATOR_SIG) || count === 0xffff || dirOffset === 0xffffffff;
  if (zip64 || zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0) {
    throw new InputError('bad-archive', 'This ZIP archive is a ZIP64 or split archive, which the bot does not read: send the logs in a smaller ZIP, or the logs themselves.');
  }
  if (count > maxEntries) {
    throw new InputError('archive-limit', `The ZIP archive has ${count} entries, more than the ${maxEntries} the bot opens: send only the logs.`);
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
    entries.push({
      path,
      flags,
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      crc: zip.readUInt32LE(p + 16),
      localOffset: zip.readUInt32LE(p + 42),
    });
    p = next;
  }
  return entries;
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
 * entries are skipped. Throws InputError for a damaged archive, an unsafe entry name, too many entries, a
 * password-protected or unsupported member, and — while a member is read — a member that expands past the ratio
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
    let mine = 0;
    const count = (n: number): void => {
      mine += n;
      expanded += n;
      if (e.method === 8 && mine > Math.max(e.compressedSize, 1024) * maxRatio) throw bomb();
      if (expanded > maxExpanded) {
        throw new InputError('archive-limit', `The logs in the ZIP archive expand to more than ${formatBytes(maxExpanded)}: refused.`);
      }
    };
    return { name: `${name}:${e.path}`, chunks: memberChunks(e, data, count, label) };
  });
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
