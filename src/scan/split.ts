/**
 * A large local file scanned in two parts at once: its first part (a little under half: the thread starts later) on
 * the scan thread, the rest here, joined into the scan of the whole (detect/join-scans.ts). Only the CLI does this.
 *
 * It pays only on large files: the thread costs ~0.1 s to start and warm up, the two threads slow each other (~1.7×
 * each on the 2-core machine, where V8's compiler and GC threads also lose their core), and it adds ~23 MiB. Measured
 * there, one pass against two: 200 MiB 0.72 against 0.735 s (medians of 10), 300 MiB 0.95 against 0.92 s, 512 MiB
 * 1.43 against 1.15 s, 1 GiB 2.57 against 1.74 s. So on two cores the CLI scans in one pass: the second thread's
 * 23 MiB would take a 1 GiB scan from 60 to 84 MiB, over the memory budget (≤ 64 MiB from 200 MiB to 1 GiB: docs/benchmarks.md),
 * for a speed that still misses grep's. With three cores or more the threads no longer take V8's (not measured here).
 *
 * Only where the parts provably decode as the whole would: plain UTF-8 or ASCII (no gzip, ZIP or UTF-16), no size cap
 * or tail read, a line break to cut at. The first part goes through the decoder as the whole file would (BOM, encoding
 * watch, refusals); the second is read as raw bytes, which is what the decoder makes of them as long as they are
 * ASCII after an ASCII start (checked per chunk), or anything after a UTF-8 start (passed through). Otherwise — or if
 * the thread cannot start — the caller scans the file inline: null.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAscii } from 'node:buffer';
import { joinScans } from '../detect/join-scans.js';
import { MAX_LINE_BYTES, Scanner } from '../detect/scanner.js';
import type { ScanResult } from '../detect/types.js';
import { fileChunks, type DecodedInfo, type DecodeOptions } from '../ingest/decode.js';
import { SNIFF_BYTES, detect, isGzip, isZip } from '../ingest/sniff.js';
import { scanThread } from './runner.js';

/** Whether this machine has the cores for a split to pay for its memory (see the header). */
export function splitPays(cores = availableParallelism()): boolean {
  return cores >= 3;
}

/**
 * Files at least this large are split: two parts only tie with one at ~300 MiB (the thread's start and warm-up), and
 * win by a fifth from 512 MiB (see the header).
 */
export const SPLIT_MIN_BYTES = 512 * 1024 * 1024;

const LF = 0x0a;

/** The machine and size a split needs: the defaults, or what a test sets. */
export interface SplitWhere {
  readonly minBytes?: number;
  readonly cores?: number;
}

export async function scanFileInParts(
  path: string,
  size: number,
  options: DecodeOptions,
  onInfo?: (info: DecodedInfo) => void,
  { minBytes = SPLIT_MIN_BYTES, cores }: SplitWhere = {},
): Promise<ScanResult | null> {
  if (!splitPays(cores) || size < minBytes || options.tail || Number.isFinite(options.maxBytes)) return null;
  const plan = planParts(path, size);
  if (!plan) return null;
  const { asciiStart, cut } = plan;
  const thread = await scanThread();
  if (!thread) return null;

  const first = thread.scanFile({ path, start: 0, end: cut }, options, onInfo);
  first.catch(() => undefined); // awaited below; not an unhandled rejection while this thread scans
  const scanner = new Scanner();
  for (const chunk of fileChunks(path, { start: cut })) {
    if (asciiStart && !isAscii(chunk)) {
      await first.catch(() => undefined); // the thread's job ends on its own; the caller starts over inline
      return null;
    }
    scanner.push(chunk);
  }
  return joinScans(await first, scanner.end());
}

/**
 * The thread starts ~100 ms after this thread begins its part (it loads its modules first), so it gets that much
 * less: measured when 200 MiB files were split, 0.80 s at 40/60 against 0.87 s at 50/50. (From SPLIT_MIN_BYTES the
 * share is ~47–48%; the 0.3 floor matters only to the tests' small files.)
 */
const THREAD_HEAD_START_BYTES = 32 * 1024 * 1024;
function threadShare(size: number): number {
  return Math.max(0.3, 0.5 - THREAD_HEAD_START_BYTES / (2 * size));
}

/**
 * Whether the file splits (plain UTF-8 or ASCII from its first bytes) and where: just past the first line break after
 * the thread's share. One open, at most MAX_LINE_BYTES read past the share point (a longer line: scanned in one pass).
 */
function planParts(path: string, size: number): { asciiStart: boolean; cut: number } | null {
  const fd = openSync(path, 'r');
  try {
    const head = readAt(fd, 0, SNIFF_BYTES);
    if (isGzip(head) || isZip(head)) return null;
    let asciiStart: boolean;
    try {
      const det = detect(head, false);
      if (det.encoding !== 'utf-8') return null;
      asciiStart = det.asciiSoFar;
    } catch {
      return null; // refused: the inline scan says why
    }
    const from = Math.floor(size * threadShare(size));
    const lf = readAt(fd, from, Math.min(MAX_LINE_BYTES, size - from)).indexOf(LF);
    const cut = from + lf + 1;
    return lf === -1 || cut >= size ? null : { asciiStart, cut };
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, at: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  return buf.subarray(0, readSync(fd, buf, 0, length, at));
}
