/**
 * ingest/sniff — from the first bytes of a log: text or binary, and which encoding. Pure functions over a sample;
 * throws InputError('binary' | 'event-log') for what is not a text log.
 */
import { isAscii } from 'node:buffer';
import { binaryError, eventLogError } from './errors.js';

/** How many leading bytes decide encoding and text-vs-binary. */
export const SNIFF_BYTES = 8 * 1024;

/**
 * `unknown-8bit`: neither valid UTF-8 nor Shift_JIS (e.g. a CP1252 log with a few accented bytes);
 * the bytes are passed through unchanged (the scanner only matches ASCII literals).
 */
export type DecodedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis' | 'unknown-8bit';

export interface Detected {
  encoding: DecodedEncoding;
  /** Length of the byte-order mark (0 if none). */
  bom: number;
  /** Plain ASCII so far: keep watching later chunks for Shift_JIS. */
  asciiSoFar: boolean;
}

const ASCII_CONTROL_OK = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1b]); // TAB LF FF CR ESC

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const EVTX = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]; // "ElfFile\0"

const MAGIC: Array<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [ZIP_LOCAL, 'a ZIP archive (extract the log first)'],
  [ZIP_EMPTY, 'an empty ZIP archive'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive (extract the log first)'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'a RAR archive (extract the log first)'],
  [[0x4d, 0x53, 0x43, 0x46, 0x00, 0x00, 0x00, 0x00], 'a CAB archive (extract the log first)'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an Office document or MSI package'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'an xz archive'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'a zstd archive'],
];

function startsWith(sample: Uint8Array, sig: readonly number[]): boolean {
  if (sample.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (sample[i] !== sig[i]) return false;
  return true;
}

/** A ZIP archive by its first bytes (a local file header, or the end record of an empty one). */
export function isZip(sample: Uint8Array): boolean {
  return startsWith(sample, ZIP_LOCAL) || startsWith(sample, ZIP_EMPTY);
}

export function isGzip(sample: Uint8Array): boolean {
  return sample.length >= 2 && sample[0] === 0x1f && sample[1] === 0x8b;
}

function magicKind(sample: Buffer): string | undefined {
  for (const [sig, kind] of MAGIC) if (startsWith(sample, sig)) return kind;
  if (sample.length >= 2 && sample[0] === 0x4d && sample[1] === 0x5a && sample.includes(0)) return 'a Windows executable';
  return undefined;
}

export function validAs(encoding: 'utf-8' | 'shift_jis', bytes: Buffer, complete: boolean): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** Plausible text code points (for UTF-16): ASCII/Latin/Greek/Cyrillic, Hebrew/Arabic, Thai, punctuation and
 * symbols, CJK, Hangul, fullwidth forms. Random 16-bit values land outside these ~30% of the time. */
function plausibleCodePoint(c: number): boolean {
  if (c < 0x20) return ASCII_CONTROL_OK.has(c);
  if (c === 0x7f) return false;
  if (c < 0x80) return true;
  if (c < 0xa0) return false; // C1 controls
  return (
    c <= 0x052f ||
    (c >= 0x0590 && c <= 0x06ff) ||
    (c >= 0x0e00 && c <= 0x0e7f) ||
    (c >= 0x1e00 && c <= 0x2bff) ||
    (c >= 0x3000 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    c === 0xfeff
  );
}

/**
 * Valid Shift_JIS that reads like text: random bytes often decode "cleanly" as Shift_JIS, but then as
 * many halfwidth katakana, user-defined (private use) characters and control codes, which real text isn't.
 */
export function looksLikeShiftJis(bytes: Buffer, complete: boolean): boolean {
  if (!validAs('shift_jis', bytes, complete)) return false;
  const text = new TextDecoder('shift_jis').decode(bytes, { stream: !complete });
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && !ASCII_CONTROL_OK.has(c)) || c === 0x7f || (c >= 0xff61 && c <= 0xff9f) || (c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd) {
      odd++;
    }
  }
  return text.length > 0 && odd / text.length <= 0.1;
}

/** A sample as UTF-16 text; a cut-off last character is left out (stream mode), invalid units become U+FFFD. */
function utf16Sample(bytes: Buffer, le: boolean): string {
  return new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes, { stream: true });
}

/** Strict plausibility for BOM-less UTF-16 with few NULs: almost every character must be plausible. */
function readsAsUtf16(bytes: Buffer, le: boolean): boolean {
  const { bad, nul, n } = utf16Stats(utf16Sample(bytes, le));
  return n > 0 && nul === 0 && bad / n <= 0.02;
}

function checkUtf16Text(text: string): void {
  const { bad, nul, n } = utf16Stats(text);
  if (n === 0) return;
  if (nul / n > 0.01 || bad / n > 0.1) throw binaryError();
}

function utf16Stats(text: string): { bad: number; nul: number; n: number } {
  let bad = 0;
  let nul = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n++;
    if (c === 0) nul++;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++; // a valid pair: an astral character (emoji, rare CJK) is fine
        continue;
      }
    }
    if (!plausibleCodePoint(c)) bad++;
  }
  return { bad, nul, n };
}

function checkEightBit(sample: Buffer, validText: boolean): void {
  let nul = 0;
  let control = 0;
  let asciiText = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) nul++;
    if ((b < 0x20 && !ASCII_CONTROL_OK.has(b)) || b === 0x7f) control++;
    else if (b < 0x80) asciiText++;
  }
  const n = sample.length;
  if (nul / n > 0.01) throw binaryError();
  if (control / n > 0.1) throw binaryError();
  // Neither UTF-8 nor Shift_JIS: accept only mostly-ASCII text (e.g. CP1252 with a few accents).
  if (!validText && asciiText / n < 0.6) throw binaryError();
}

/** Encoding of a text log from its first bytes (`complete`: the sample is the whole input). */
export function detect(sample: Buffer, complete: boolean): Detected {
  if (startsWith(sample, EVTX)) throw eventLogError();
  const kind = magicKind(sample);
  if (kind) throw binaryError(kind);

  // Byte-order marks.
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    checkEightBit(sample.subarray(3), true);
    return { encoding: 'utf-8', bom: 3, asciiSoFar: false };
  }
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) {
    checkUtf16Text(utf16Sample(sample.subarray(2), true));
    return { encoding: 'utf-16le', bom: 2, asciiSoFar: false };
  }
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) {
    checkUtf16Text(utf16Sample(sample.subarray(2), false));
    return { encoding: 'utf-16be', bom: 2, asciiSoFar: false };
  }

  // UTF-16 without a BOM: NUL in every other byte (the high byte of ASCII characters).
  const pairs = sample.length >> 1;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  if (pairs >= 1) {
    if (oddNul / pairs >= 0.3 && evenNul / pairs <= 0.02) {
      checkUtf16Text(utf16Sample(sample, true));
      return { encoding: 'utf-16le', bom: 0, asciiSoFar: false };
    }
    if (evenNul / pairs >= 0.3 && oddNul / pairs <= 0.02) {
      checkUtf16Text(utf16Sample(sample, false));
      return { encoding: 'utf-16be', bom: 0, asciiSoFar: false };
    }
  }

  // 8-bit text.
  if (isAscii(sample)) {
    checkEightBit(sample, true);
    return { encoding: 'utf-8', bom: 0, asciiSoFar: !complete };
  }
  if (validAs('utf-8', sample, complete)) {
    checkEightBit(sample, true);
    return { encoding: 'utf-8', bom: 0, asciiSoFar: false };
  }
  // UTF-16 without a BOM whose text is mostly non-ASCII (e.g. Japanese): fewer NULs, but still only in one
  // byte position (line breaks, spaces, digits), and the decoded text reads like text.
  if (pairs >= 8) {
    if (oddNul / pairs >= 0.01 && oddNul > 2 * evenNul && readsAsUtf16(sample, true)) {
      return { encoding: 'utf-16le', bom: 0, asciiSoFar: false };
    }
    if (evenNul / pairs >= 0.01 && evenNul > 2 * oddNul && readsAsUtf16(sample, false)) {
      return { encoding: 'utf-16be', bom: 0, asciiSoFar: false };
    }
  }
  if (looksLikeShiftJis(sample, complete)) {
    checkEightBit(sample, true);
    return { encoding: 'shift_jis', bom: 0, asciiSoFar: false };
  }
  checkEightBit(sample, false);
  return { encoding: 'unknown-8bit', bom: 0, asciiSoFar: false };
}
