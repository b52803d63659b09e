/**
 * ingest/tail — keeps the most recent `maxBytes` of a UTF-8 stream (where a failure usually is), cut at a line
 * start, and tells what was skipped so a reply can say which part was read.
 */

export interface TailInfo {
  /** UTF-8 bytes before the part that was read. */
  skippedBytes: number;
  /** Whole lines before the part that was read. */
  skippedLines: number;
  /** UTF-8 bytes read (≤ the cap). */
  keptBytes: number;
}

function countNewlines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(0x0a); i !== -1; i = b.indexOf(0x0a, i + 1)) n++;
  return n;
}

export class TailWindow {
  private parts: Buffer[] = [];
  private size = 0;
  private skippedBytes = 0;
  private skippedLines = 0;
  /** The byte before the window is a newline (or there is none): the window starts a line. */
  private atLineStart = true;

  /** copy: the pushed chunks are borrowed (valid only until the next is requested). */
  constructor(
    private readonly maxBytes: number,
    private readonly copy: boolean,
  ) {}

  push(b: Buffer): void {
    this.parts.push(this.copy ? Buffer.from(b) : b);
    this.size += b.length;
    // Drop whole chunks that can no longer be in the last maxBytes.
    while (this.parts.length > 1 && this.size - this.parts[0]!.length >= this.maxBytes) this.drop(this.parts.shift()!);
  }

  private drop(b: Buffer): void {
    this.size -= b.length;
    this.skippedBytes += b.length;
    this.skippedLines += countNewlines(b);
    this.atLineStart = b[b.length - 1] === 0x0a;
  }

  /** The kept chunks (the last ≤ maxBytes, from a line start when there is one) and what was skipped, if anything. */
  finish(): { chunks: Buffer[]; skipped: TailInfo | null } {
    if (this.size > this.maxBytes) {
      const first = this.parts[0]!;
      const cut = this.size - this.maxBytes;
      this.drop(first.subarray(0, cut));
      this.parts[0] = first.subarray(cut);
    }
    if (this.skippedBytes > 0 && !this.atLineStart) this.skipPartialLine();
    const skipped = this.skippedBytes > 0 ? { skippedBytes: this.skippedBytes, skippedLines: this.skippedLines, keptBytes: this.size } : null;
    const chunks = this.parts.filter((p) => p.length > 0);
    this.parts = [];
    return { chunks, skipped };
  }

  /** Drops the rest of the line the cut fell into (if the kept part has a line break at all). */
  private skipPartialLine(): void {
    for (let i = 0; i < this.parts.length; i++) {
      const p = this.parts[i]!;
      const nl = p.indexOf(0x0a);
      if (nl === -1) continue;
      for (let j = 0; j < i; j++) this.drop(this.parts[j]!);
      this.drop(p.subarray(0, nl + 1)); // the cut line counts as skipped
      this.parts = [p.subarray(nl + 1), ...this.parts.slice(i + 1)];
      return;
    }
  }
}
