/**
 * The literal search for a few bytes: Buffer.indexOf once per literal. A LiteralSearch needs a plan (~5–20 ms to
 * work out, once per process), which a one-line file or the line that straddles two chunks never repays: a CLI run on
 * a one-line file spent a tenth of its time planning. Same contract as LiteralSearch.scan: every occurrence
 * that starts in [from, to) and lies within buf, in position order.
 */
export class SmallSearch {
  private readonly bytes: readonly Buffer[];

  constructor(literals: readonly string[]) {
    this.bytes = literals.map((l) => Buffer.from(l, 'utf8'));
  }

  scan(buf: Uint8Array, from: number, to: number, onMatch: (position: number, literalIndex: number) => void): void {
    const text = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    const hits: { at: number; literal: number }[] = [];
    this.bytes.forEach((lit, literal) => {
      for (let at = text.indexOf(lit, from); at !== -1 && at < to; at = text.indexOf(lit, at + 1)) hits.push({ at, literal });
    });
    hits.sort((a, b) => a.at - b.at || a.literal - b.literal);
    for (const h of hits) onMatch(h.at, h.literal);
  }
}
