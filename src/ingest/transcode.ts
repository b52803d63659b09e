/**
 * ingest/transcode — UTF-8 output from the detected encoding. Transcoding is WHATWG `TextDecoder` in stream mode
 * (it carries split characters and surrogate pairs across chunks and replaces invalid ones with U+FFFD); UTF-8
 * input is not touched at all: the scan speed rests on passing its chunks through uncopied.
 */
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { SNIFF_BYTES, looksLikeShiftJis, validAs, type DecodedEncoding } from './sniff.js';

/** Output chunks are coalesced up to at least this size (the last one may be smaller). */
const OUT_TARGET = 256 * 1024;

export interface Transcoder {
  /** May return the input itself (pass-through), a new buffer, or null when nothing is ready yet. */
  push(b: Buffer): Buffer | null;
  end(): Buffer | null;
}

/** UTF-16LE/BE or Shift_JIS → UTF-8. */
export class TextTranscoder implements Transcoder {
  private readonly dec: TextDecoder;
  constructor(encoding: 'utf-16le' | 'utf-16be' | 'shift_jis') {
    this.dec = new TextDecoder(encoding);
  }
  push(b: Buffer): Buffer | null {
    const s = this.dec.decode(b, { stream: true });
    return s.length ? Buffer.from(s, 'utf8') : null;
  }
  end(): Buffer | null {
    const s = this.dec.decode();
    return s.length ? Buffer.from(s, 'utf8') : null;
  }
}

/**
 * Pass-through for input that was plain ASCII in the sample: watches later chunks (cheap `isAscii`) and,
 * at the first non-ASCII byte, decides once between UTF-8 (keep passing through) and Shift_JIS (switch).
 */
export class AsciiWatchTranscoder implements Transcoder {
  private state: 'watch' | 'pass' | 'sjis' = 'watch';
  private held: Buffer | null = null;
  private sjis: TextTranscoder | null = null;
  constructor(private readonly onSwitch: (encoding: DecodedEncoding) => void) {}

  push(b: Buffer): Buffer | null {
    if (this.state === 'pass') return b;
    if (this.state === 'sjis') return this.sjis!.push(b);
    const data = this.held ? Buffer.concat([this.held, b]) : b;
    this.held = null;
    if (isAscii(data)) return data;
    let idx = 0;
    while (data[idx]! < 0x80) idx++;
    const window = data.subarray(idx, idx + SNIFF_BYTES);
    if (window.length < 4) {
      // Too little to judge: keep the tail for the next chunk.
      this.held = Buffer.from(window);
      return idx > 0 ? data.subarray(0, idx) : null;
    }
    return this.decide(data, window, false);
  }

  private decide(data: Buffer, window: Buffer, complete: boolean): Buffer | null {
    const utf8 = validAs('utf-8', window, complete);
    if (!utf8 && looksLikeShiftJis(window, complete)) {
      this.state = 'sjis';
      this.sjis = new TextTranscoder('shift_jis');
      this.onSwitch('shift_jis');
      return this.sjis.push(data); // ASCII decodes to itself in Shift_JIS
    }
    this.state = 'pass';
    if (!utf8) this.onSwitch('unknown-8bit');
    return data;
  }

  end(): Buffer | null {
    if (this.state === 'sjis') return this.sjis!.end();
    const held = this.held;
    this.held = null;
    if (held && this.state === 'watch') {
      const out = this.decide(held, held, true);
      const tail = this.sjis ? this.sjis.end() : null;
      return out && tail ? Buffer.concat([out, tail]) : (out ?? tail);
    }
    return held;
  }
}

export function transcoderFor(encoding: DecodedEncoding, asciiSoFar: boolean, onSwitch: (e: DecodedEncoding) => void): Transcoder | null {
  if (encoding === 'utf-16le' || encoding === 'utf-16be' || encoding === 'shift_jis') return new TextTranscoder(encoding);
  return asciiSoFar ? new AsciiWatchTranscoder(onSwitch) : null;
}

/** Coalesces small outputs into chunks of ≥ OUT_TARGET bytes; big ones go through as they are. */
export class Coalescer {
  private parts: Buffer[] = [];
  private size = 0;

  /** copyHeld: inputs may be borrowed, so a small one kept for the next output is copied. */
  constructor(private readonly copyHeld = false) {}

  push(b: Buffer): Buffer[] {
    if (b.length >= OUT_TARGET) {
      const out = this.flush();
      out.push(b);
      return out;
    }
    this.parts.push(this.copyHeld ? Buffer.from(b) : b);
    this.size += b.length;
    return this.size >= OUT_TARGET ? this.flush() : [];
  }

  flush(): Buffer[] {
    if (this.size === 0) return [];
    const out = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    return [out];
  }
}
