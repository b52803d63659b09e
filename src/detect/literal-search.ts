/**
 * Fast multi-literal search over raw bytes (no decoding, no RegExp, no deps).
 *
 * Why not the obvious options: on a 200 MiB WindowsUpdate.log, N passes of Buffer.indexOf cost
 * N × (memchr on the literal's first byte), which is slow for literals starting with a digit or a
 * common letter; one alternation RegExp needs a latin1 string copy first and still checks every
 * byte. `grep -F` (GNU kwset) does ~750 MB/s incl. start-up. A textbook Wu–Manber
 * loop in JS is *latency*-bound: the next position depends on a load from the shift table that
 * depends on a load from the text, ~20 cycles per step, and with a 3-byte literal such as `ID:`
 * in the set the shift can never exceed 2 anyway.
 *
 * So this is a fixed-stride sampling filter (the "sampled q-gram" flavour of Wu–Manber):
 *
 *  - Let B (1 or 2) be the window width and s the stride, s ≤ (shortest literal length) − B + 1.
 *    Every literal L registers s consecutive B-byte windows L[k..k+B), …, L[k+s−1..k+s−1+B).
 *    Any occurrence of L therefore has exactly one of its registered windows starting at a text
 *    position p that is a multiple of s away from the scan start, so sampling the text only at
 *    those positions cannot miss it.
 *  - The hot loop reads one B-gram every s bytes and tests a byte-per-entry filter table. The
 *    steps are independent (the next position is p + s, not a table value), so the CPU overlaps
 *    them; the loop is unrolled ×4 and ORs the four filter bytes so that the usual case costs one
 *    branch per 4 loads. With B = 2 and an even stride the sampling phase is chosen so that every
 *    window is an aligned 16-bit load (for s = 2, one aligned 32-bit load gives two samples):
 *    ~1.7× faster than assembling the key from two byte loads.
 *  - Each literal's offset k is chosen so its registered windows are the least likely in log text
 *    (digits, blanks, common lower-case letters and hex GUID letters are "expensive"), e.g.
 *    `0x000190` registers `0x`/`x0` instead of `00`. The stride s and width B are picked by a small
 *    cost model (samples per byte + expected filter hits × verification cost), so one long literal
 *    set gets a long stride and a set containing `ID:` gets s = 2.
 *  - On a filter hit, the bucket for that B-gram lists (literal, offset) candidates; each is
 *    verified byte-by-byte at p − offset. Because candidates found at p can start up to maxOffset
 *    bytes earlier, matches go through a tiny sorted pending queue that is flushed once no later
 *    sample can produce an earlier start, so callers see increasing positions.
 *
 * A 1-byte literal with B = 2 registers all 256 windows that start with it (stride 1); the last
 * byte of the buffer, where no 2-byte window fits, is checked separately.
 *
 * The byte-frequency model is a static guess for Windows log text; pass `options.sample` (e.g. the
 * first MiB of the file) to use measured bigram counts instead — fewer false filter hits.
 *
 * Measured (bench/literal-search.mjs, 200 MiB WindowsUpdate.log, the 16-literal KB954960 set with
 * `ID:`, 2-core EPYC, Node 20): ~2.2 GB/s over 1 MiB readSync chunks (≈2.9× grep -F), ~2.6 GB/s
 * with a sample; a 1- or 2-byte literal in the set forces stride 1: ~1 GB/s.
 */

export interface LiteralSearchOptions {
  /** Representative text (e.g. the first MiB of the log) used to estimate bigram frequencies. */
  readonly sample?: Uint8Array;
  /** Force the window width (1 or 2) instead of letting the cost model pick. For tests/benchmarks. */
  readonly windowWidth?: 1 | 2;
  /** Force the stride (clamped to the maximum the literal set allows). For tests/benchmarks. */
  readonly stride?: number;
}

/** The plan the constructor settled on; exposed for benchmarks and diagnostics. */
export interface LiteralSearchPlan {
  readonly windowWidth: 1 | 2;
  readonly stride: number;
  /** Per literal: byte offset of its first registered window. */
  readonly windowOffsets: readonly number[];
  /** Model estimate of the probability that a sample hits the filter. */
  readonly estimatedHitRate: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Cost model, in nanoseconds, measured on a 2-core EPYC with Node 20 over the bench log (only the
// ratios matter). A sample costs less when the key is one aligned 16/32-bit load (even strides,
// little-endian) than when it is assembled from two byte loads. A filter hit costs a mispredicted
// branch plus the bucket walk; each candidate costs a verification. The floor is memory traffic,
// paid per byte whatever the stride.
const SAMPLE_NS_BYTE = 0.5; // width 1: one byte load
const SAMPLE_NS_BYTES = 0.8; // width 2 from two byte loads
const SAMPLE_NS_HALVES = 0.55;
const SAMPLE_NS_WORDS = 0.45; // stride 2: two samples per 32-bit load
const FLOOR_NS_PER_BYTE = 0.15;
const HIT_NS = 25;
// Without a sample, the static model underestimates hits by 1–3× on real logs (worse for longer
// strides, which register more windows); scale its estimates so it does not over-stretch.
const STATIC_HIT_SCALE = 3;
const VERIFY_NS = 5;

/** A guess at byte frequencies in Windows Update / CBS / WSUS logs (relative weights). */
function defaultByteWeights(): Float64Array {
  const w = new Float64Array(256).fill(0.05); // control bytes: rare
  const set = (chars: string, v: number): void => {
    for (let i = 0; i < chars.length; i++) w[chars.charCodeAt(i)] = v;
  };
  for (let b = 0x21; b < 0x7f; b++) w[b] = 0.5; // other printable punctuation
  for (let b = 0x80; b < 0x100; b++) w[b] = 0.3; // UTF-8 text (localized logs)
  set('0123456789', 40); // timestamps, PIDs, TIDs, HRESULTs, GUIDs, versions
  set('0', 60);
  set(' ', 60);
  set('\t', 15); // WindowsUpdate.log is tab separated
  set('\r\n', 8);
  set('etaoinsr', 20);
  set('lhdcu', 14);
  set('mpfgwybvk', 6);
  set('xqjz', 1.5);
  set('ABCDEF', 8); // upper-case hex in GUIDs
  set('GHIJKLMNOPQRSTUVWXYZ', 3);
  set('QXZJ', 0.5);
  set('-:', 10);
  set('.', 6);
  set('=*#', 4);
  set(',{}/', 3);
  set('_()[]+\\\'"<>;', 1);
  return w;
}

// Frequent English bigrams (case-folded): log messages are English words and CamelCase
// identifiers, so `Se`(rver), `er`, `in` are far more common than independent letters suggest.
const COMMON_BIGRAMS =
  'th he in er an re nd at on nt ha es st en ed to it ou ea hi is or ti as te et ng of al de se le ' +
  'sa si ar ve ra ld ur co ro ic ne me ce ri li ll ch ca ma io ge';

const STATIC_FLOOR = 3e-4;

type ByteClass = 0 | 1 | 2 | 3; // upper, lower, digit, other
const byteClass = (b: number): ByteClass =>
  b >= 0x41 && b <= 0x5a ? 0 : b >= 0x61 && b <= 0x7a ? 1 : b >= 0x30 && b <= 0x39 ? 2 : 3;
// SHAPE[class(a) * 4 + class(b)]: how much more (or less) often a follows b than chance would say.
// Upper→lower starts words ("Server"); lower→Upper is a CamelCase seam and rare; digits come in
// runs (timestamps, HRESULTs); letter/digit seams are rare except upper-case hex in GUIDs.
// prettier-ignore
const SHAPE = [
  /* U→ */ 0.6, 3, 0.6, 1,
  /* L→ */ 0.2, 1, 0.4, 1,
  /* D→ */ 0.6, 0.4, 2, 1,
  /* O→ */ 1, 1, 1, 1,
];

/**
 * Window probabilities, asked key by key: bigram P[a | b << 8] (a = first byte) = byte weights × shape ×
 * common-bigram boost, normalised; blended with counts from `sample` when given. A plan asks for a few hundred of
 * the 65536 keys, so nothing is tabulated up front: filling (and collecting) the whole table cost every CLI run
 * ~80 ms and ~9 MiB before the first byte was scanned (issue 13). The values are the same as the full table's.
 */
class WindowModel {
  private readonly w = defaultByteWeights();
  /** common[h] = 1 for the COMMON_BIGRAMS (both cases of the first letter). */
  private readonly common = new Uint8Array(65536);
  private readonly shapeRow = new Uint8Array(256); // byteClass(b) * 4
  private readonly textByte = new Uint8Array(256);
  private readonly sum: number;
  private readonly counts: Uint32Array | undefined;
  private readonly firstByteCounts: Float64Array | undefined;
  private readonly total: number;
  private readonly unigrams = new Float64Array(256).fill(-1);

  constructor(sample: Uint8Array | undefined) {
    const boosted: number[] = [];
    for (const bg of COMMON_BIGRAMS.split(' ')) {
      const a = bg.charCodeAt(0);
      const b = bg.charCodeAt(1);
      for (const h of [a | (b << 8), (a - 32) | (b << 8)]) { // "Se" as in Server
        if (this.common[h] === 0) boosted.push(h);
        this.common[h] = 1;
      }
    }
    const byClass = [0, 0, 0, 0];
    for (let b = 0; b < 256; b++) {
      this.shapeRow[b] = byteClass(b) * 4;
      this.textByte[b] = (b >= 0x20 && b < 0x7f) || b === 0x09 ? 1 : 0;
      byClass[byteClass(b)]! += this.w[b]!;
    }
    // Σ over all pairs of w[a]·w[b]·SHAPE: by byte class, then the boost (×4, so +3×) of the common pairs.
    let sum = 0;
    for (let ca = 0; ca < 4; ca++) for (let cb = 0; cb < 4; cb++) sum += byClass[ca]! * byClass[cb]! * SHAPE[ca * 4 + cb]!;
    for (const h of boosted) sum += 3 * this.w[h & 255]! * this.w[h >>> 8]! * SHAPE[this.shapeRow[h & 255]! + byteClass(h >>> 8)]!;
    this.sum = sum;
    if (sample !== undefined && sample.length >= 2) {
      this.counts = new Uint32Array(65536);
      this.firstByteCounts = new Float64Array(256);
      for (let i = 0; i + 1 < sample.length; i++) {
        this.counts[sample[i]! | (sample[i + 1]! << 8)]!++;
        this.firstByteCounts[sample[i]!]! += 1;
      }
      this.total = sample.length - 1;
    } else {
      this.total = 0;
    }
  }

  /**
   * The static guess, with a floor for text-like pairs: a model picks the bigrams it believes rarest, which are
   * exactly the ones it is most wrong about (measured: 5–15× more hits than estimated without the floor), and an
   * optimistic hit rate makes it choose too long a stride.
   */
  private guess(h: number): number {
    const a = h & 255;
    const b = h >>> 8;
    const v = (this.w[a]! * this.w[b]! * SHAPE[this.shapeRow[a]! + (this.shapeRow[b]! >> 2)]! * (this.common[h] ? 4 : 1)) / this.sum;
    return this.textByte[a]! & this.textByte[b]! ? Math.max(v, STATIC_FLOOR) : v;
  }

  bigram(h: number): number {
    const g = this.guess(h);
    return this.counts ? (this.counts[h]! + SAMPLE_PRIOR * g) / (this.total + SAMPLE_PRIOR) : g;
  }

  /** P(byte a) = Σ_b P[a | b << 8], computed per byte on first use. */
  unigram(a: number): number {
    let p = this.unigrams[a]!;
    if (p >= 0) return p;
    let g = 0;
    for (let b = 0; b < 256; b++) g += this.guess(a | (b << 8));
    p = this.counts ? (this.firstByteCounts![a]! + SAMPLE_PRIOR * g) / (this.total + SAMPLE_PRIOR) : g;
    this.unigrams[a] = p;
    return p;
  }
}

/** Pseudo-counts given to the static model when a sample is blended in. */
const SAMPLE_PRIOR = 1000;

interface Tables {
  readonly width: 1 | 2;
  readonly stride: number;
  readonly offsets: Int32Array; // per literal: first registered window offset
  // Registrations (window key, literal, offset of the window in the literal), one per entry.
  readonly regKey: number[];
  readonly regLit: number[];
  readonly regOff: number[];
  readonly hitRate: number;
  readonly cost: number; // estimated ns per text byte
}

/**
 * Picks each literal's window offset for a given (width, stride) and scores the plan. A literal
 * shorter than the window (1 byte with width 2; only possible with stride 1) registers every
 * window that starts with it: 256 keys `c | x << 8`, so it is found by the same loop (the very last
 * byte of the buffer, where no 2-byte window fits, is checked separately).
 */
function planFor(
  lits: readonly Uint8Array[],
  width: 1 | 2,
  stride: number,
  prob: (key: number) => number, // P(window) by window key
  hitScale: number,
): Tables {
  const offsets = new Int32Array(lits.length);
  const keyOf = (lit: Uint8Array, j: number): number => (width === 1 ? lit[j]! : lit[j]! | (lit[j + 1]! << 8));
  const regKey: number[] = [];
  const regLit: number[] = [];
  const regOff: number[] = [];
  const bucketSize = new Map<number, number>();
  const register = (key: number, lit: number, off: number): void => {
    regKey.push(key);
    regLit.push(lit);
    regOff.push(off);
    bucketSize.set(key, (bucketSize.get(key) ?? 0) + 1);
  };
  for (let i = 0; i < lits.length; i++) {
    const lit = lits[i]!;
    if (lit.length < width) {
      for (let x = 0; x < 256; x++) register(lit[0]! | (x << 8), i, 0);
      continue;
    }
    let best = 0;
    let bestCost = Infinity;
    for (let k = 0; k + stride - 1 <= lit.length - width; k++) {
      let c = 0;
      for (let j = k; j < k + stride; j++) c += prob(keyOf(lit, j));
      // Strict "<" keeps the earliest offset on ties: smaller offsets keep the pending queue short.
      if (c < bestCost) {
        bestCost = c;
        best = k;
      }
    }
    offsets[i] = best;
    for (let j = best; j < best + stride; j++) register(keyOf(lit, j), i, j);
  }
  let hitRate = 0;
  let perSample =
    width === 1
      ? SAMPLE_NS_BYTE
      : stride % 2 !== 0 || !LITTLE_ENDIAN
        ? SAMPLE_NS_BYTES
        : stride === 2
          ? SAMPLE_NS_WORDS
          : SAMPLE_NS_HALVES;
  for (const [key, n] of bucketSize) {
    const p = prob(key);
    hitRate += p;
    perSample += hitScale * p * (HIT_NS + VERIFY_NS * n);
  }
  return { width, stride, offsets, regKey, regLit, regOff, hitRate, cost: FLOOR_NS_PER_BYTE + perSample / stride };
}

/** Collects matches and releases them in increasing position order. */
class Emitter {
  pos: Float64Array = new Float64Array(16);
  lit: Int32Array = new Int32Array(16);
  head = 0;
  tail = 0;
  stopped = false;
  constructor(readonly onMatch: (position: number, literalIndex: number) => unknown, readonly stopAfterFirst: boolean) {}

  push(position: number, literalIndex: number): void {
    if (this.tail === this.pos.length) {
      // Compact, then grow if still full.
      const n = this.tail - this.head;
      if (this.head > 0 && n < this.pos.length / 2) {
        this.pos.copyWithin(0, this.head, this.tail);
        this.lit.copyWithin(0, this.head, this.tail);
      } else {
        const pos = new Float64Array(this.pos.length * 2);
        const lit = new Int32Array(this.pos.length * 2);
        pos.set(this.pos.subarray(this.head, this.tail));
        lit.set(this.lit.subarray(this.head, this.tail));
        this.pos = pos;
        this.lit = lit;
      }
      this.head = 0;
      this.tail = n;
    }
    // Insertion from the back: matches arrive almost sorted.
    let i = this.tail;
    while (i > this.head && this.pos[i - 1]! > position) {
      this.pos[i] = this.pos[i - 1]!;
      this.lit[i] = this.lit[i - 1]!;
      i--;
    }
    this.pos[i] = position;
    this.lit[i] = literalIndex;
    this.tail++;
  }

  /** Emits every pending match that starts before `bound` (Infinity: all). */
  flushBelow(bound: number): void {
    while (this.head < this.tail && this.pos[this.head]! < bound) {
      const p = this.pos[this.head]!;
      const l = this.lit[this.head]!;
      this.head++;
      this.onMatch(p, l);
      if (this.stopAfterFirst) {
        this.stopped = true;
        return;
      }
    }
    if (this.head === this.tail) this.head = this.tail = 0;
  }
}

export class LiteralSearch {
  readonly literals: readonly string[];
  readonly plan: LiteralSearchPlan;

  // Literal bytes, flattened.
  private readonly litBytes: Uint8Array;
  private readonly litStart: Int32Array;
  private readonly litLen: Int32Array;
  // Filter: filter[key] !== 0 iff some literal registered that window. 65536 entries for B = 2
  // (only ~12 KiB of it is touched by ASCII text, so it stays in L1), 256 for B = 1.
  private readonly filter: Uint8Array;
  // CSR buckets: the candidates of key are [bucketStart[b], bucketStart[b + 1]) for b = bucketOf[key] (0: none).
  private readonly bucketOf: Int32Array;
  private readonly bucketStart: Int32Array;
  private readonly candLit: Int32Array;
  private readonly candOff: Int32Array;
  private readonly width: 1 | 2;
  private readonly stride: number;
  private readonly maxOff: number; // largest registered window offset
  private readonly tiny: Int32Array; // literals shorter than the window (1 byte, width 2)

  constructor(literals: readonly string[], options: LiteralSearchOptions = {}) {
    const enc = new TextEncoder();
    const bytes = literals.map((l, i) => {
      if (typeof l !== 'string' || l.length === 0) throw new RangeError(`literal ${i} must be a non-empty string`);
      return enc.encode(l);
    });
    this.literals = Object.freeze([...literals]);

    let total = 0;
    let minLen = Infinity;
    for (const b of bytes) {
      total += b.length;
      minLen = Math.min(minLen, b.length);
    }
    this.litBytes = new Uint8Array(total);
    this.litStart = new Int32Array(bytes.length);
    this.litLen = new Int32Array(bytes.length);
    let o = 0;
    bytes.forEach((b, i) => {
      this.litBytes.set(b, o);
      this.litStart[i] = o;
      this.litLen[i] = b.length;
      o += b.length;
    });

    // Choose (width, stride) by the cost model; each candidate plan also fixes the window offsets.
    // Width 2 needs stride 1 as soon as a literal is 1 byte long (its one window is at offset 0).
    const model = new WindowModel(options.sample);
    const big = (key: number): number => model.bigram(key);
    const uni = (key: number): number => model.unigram(key);
    let best: Tables | undefined;
    if (bytes.length > 0) {
      const widths: (1 | 2)[] = options.windowWidth ? [options.windowWidth] : [1, 2];
      for (const width of widths) {
        const maxStride = minLen >= width ? minLen - width + 1 : 1;
        const strides = options.stride
          ? [Math.max(1, Math.min(maxStride, Math.floor(options.stride)))]
          : Array.from({ length: maxStride }, (_, i) => i + 1);
        for (const stride of strides) {
          const t = planFor(bytes, width, stride, width === 1 ? uni : big, options.sample ? 1 : STATIC_HIT_SCALE);
          if (best === undefined || t.cost < best.cost) best = t;
        }
      }
    }
    const width = best?.width ?? 1;
    const stride = best?.stride ?? 1;
    const offsets = best?.offsets ?? new Int32Array(0);
    this.width = width;
    this.stride = stride;
    this.plan = Object.freeze({
      windowWidth: width,
      stride,
      windowOffsets: Object.freeze(Array.from(offsets)),
      estimatedHitRate: best?.hitRate ?? 0,
    });
    this.tiny = Int32Array.from(bytes.flatMap((b, i) => (b.length < width ? [i] : [])));

    // Build the filter and CSR buckets from the registrations. Buckets are numbered (1…) in the order their keys
    // were first registered, so nothing loops over all 65536 keys: a prefix sum over the whole key space cost every
    // CLI run ~20 ms before the first byte was scanned (issue 13).
    const size = width === 1 ? 256 : 65536;
    const regKey = best?.regKey ?? [];
    const regLit = best?.regLit ?? [];
    const regOff = best?.regOff ?? [];
    const bucketOf = new Int32Array(size);
    let buckets = 0;
    let maxOff = 0;
    for (let r = 0; r < regKey.length; r++) {
      if (bucketOf[regKey[r]!] === 0) bucketOf[regKey[r]!] = ++buckets;
      maxOff = Math.max(maxOff, regOff[r]!);
    }
    const counts = new Int32Array(buckets + 2);
    for (let r = 0; r < regKey.length; r++) counts[bucketOf[regKey[r]!]! + 1]!++;
    for (let b = 0; b <= buckets; b++) counts[b + 1]! += counts[b]!;
    this.bucketOf = bucketOf;
    this.bucketStart = counts.slice();
    const fill = counts;
    this.candLit = new Int32Array(regKey.length);
    this.candOff = new Int32Array(regKey.length);
    this.filter = new Uint8Array(size);
    for (let r = 0; r < regKey.length; r++) {
      const key = regKey[r]!;
      const at = fill[bucketOf[key]!]!++;
      this.candLit[at] = regLit[r]!;
      this.candOff[at] = regOff[r]!;
      this.filter[key] = 1;
    }
    this.maxOff = maxOff;
  }

  /**
   * Calls onMatch(position, literalIndex) for every occurrence that starts in [from, to) and lies
   * entirely within buf (bytes before `from` and after `to` may be read for verification only).
   * Positions arrive in increasing order; several literals at one position arrive in any order.
   */
  scan(buf: Uint8Array, from: number, to: number, onMatch: (position: number, literalIndex: number) => void): void {
    this.run(buf, from, to, new Emitter(onMatch, false));
  }

  /** Index of the first occurrence of any literal starting at >= from, or -1. */
  firstIndex(buf: Uint8Array, from = 0): number {
    let found = -1;
    this.run(buf, from, buf.length, new Emitter((p) => (found = p), true));
    return found;
  }

  /** Number of occurrences of each literal in [from, to). Convenience for tests and benchmarks. */
  countAll(buf: Uint8Array, from = 0, to = buf.length): Int32Array {
    const counts = new Int32Array(this.literals.length);
    this.scan(buf, from, to, (_p, i) => counts[i]!++);
    return counts;
  }

  private run(buf: Uint8Array, from: number, to: number, em: Emitter): void {
    if (this.literals.length === 0) return;
    from = Math.max(0, Math.floor(from) || 0);
    to = Math.min(buf.length, Math.floor(to));
    if (!(from < to)) return;
    // A Buffer (or other subclass) has a different hidden class than Uint8Array; a plain view keeps
    // the element loads in the hot loop monomorphic.
    const text = buf.constructor === Uint8Array ? buf : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    // Last sample position that can belong to an occurrence starting before `to`.
    const last = Math.min(to - 1 + this.maxOff, text.length - this.width);
    const s = this.stride;
    if (this.width === 1) {
      this.loopBytes1(text, from, to, from, last, em);
    } else if (s % 2 === 0 && LITTLE_ENDIAN) {
      // Even stride: every sample can sit at an even absolute address (any phase modulo s is as
      // good as any other, see the header), so a 2-byte window is one aligned 16-bit load, and
      // for s = 2 one 32-bit load yields two samples. Little-endian: the key is b0 | b1 << 8.
      const p0 = (text.byteOffset + from) % 2 === 0 ? from : from + 1;
      if (s === 2) this.loopWords(text, from, to, p0, last, em);
      else this.loopHalves(text, from, to, p0, last, em);
    } else {
      this.loopBytes2(text, from, to, from, last, em);
    }
    // A 1-byte literal in the last byte of buf has no 2-byte window; check that byte directly.
    if (this.tiny.length > 0 && !em.stopped) {
      const q = text.length - 1;
      if (q >= from && q < to && q > last) {
        for (let t = 0; t < this.tiny.length; t++) {
          const lit = this.tiny[t]!;
          if (text[q] === this.litBytes[this.litStart[lit]!]) em.push(q, lit);
        }
      }
    }
    if (!em.stopped) em.flushBelow(Infinity);
  }

  // One hot loop per way of reading the key, so each stays monomorphic and branch-free in the
  // common case. Each unrolls 4 loads and ORs the filter bytes: one branch per 4 loads.

  /** Width 2, stride 2, p0 at an even address: two samples per aligned 32-bit word. */
  private loopWords(buf: Uint8Array, from: number, to: number, p0: number, last: number, em: Emitter): void {
    const filter = this.filter;
    let p = p0;
    // Up to one sample before the first 4-byte-aligned address.
    if ((buf.byteOffset + p) % 4 !== 0 && p <= last) {
      const key = buf[p]! | (buf[p + 1]! << 8);
      if (filter[key] !== 0 && this.probe(buf, p, key, from, to, em)) return;
      p += 2;
    }
    // Word t covers samples p + 4t and p + 4t + 2; both must be <= last.
    const nWords = last - p >= 2 ? Math.floor((last - p - 2) / 4) + 1 : 0;
    if (nWords > 0) {
      const words = new Int32Array(buf.buffer, buf.byteOffset + p, nWords);
      const n4 = nWords - 3;
      let t = 0;
      while (t < n4) {
        const a = words[t]!;
        const b = words[t + 1]!;
        const c = words[t + 2]!;
        const d = words[t + 3]!;
        const any =
          filter[a & 0xffff]! |
          filter[a >>> 16]! |
          filter[b & 0xffff]! |
          filter[b >>> 16]! |
          filter[c & 0xffff]! |
          filter[c >>> 16]! |
          filter[d & 0xffff]! |
          filter[d >>> 16]!;
        if (any !== 0 && this.probeWords(buf, words, t, 4, p, from, to, em)) return;
        t += 4;
      }
      if (t < nWords && this.probeWords(buf, words, t, nWords - t, p, from, to, em)) return;
      p += 4 * nWords;
    }
    for (; p <= last; p += 2) {
      const key = buf[p]! | (buf[p + 1]! << 8);
      if (filter[key] !== 0 && this.probe(buf, p, key, from, to, em)) return;
    }
  }

  /** Checks words [t, t + n) sample by sample; true if the emitter asked to stop. */
  private probeWords(buf: Uint8Array, words: Int32Array, t: number, n: number, p: number, from: number, to: number, em: Emitter): boolean {
    const filter = this.filter;
    for (let u = t; u < t + n; u++) {
      const w = words[u]!;
      const lo = w & 0xffff;
      const hi = w >>> 16;
      if (filter[lo] !== 0 && this.probe(buf, p + 4 * u, lo, from, to, em)) return true;
      if (filter[hi] !== 0 && this.probe(buf, p + 4 * u + 2, hi, from, to, em)) return true;
    }
    return false;
  }

  /** Width 2, even stride >= 4, p0 at an even address: one aligned 16-bit load per sample. */
  private loopHalves(buf: Uint8Array, from: number, to: number, p0: number, last: number, em: Emitter): void {
    const filter = this.filter;
    const s = this.stride;
    if (p0 > last) return;
    const nSamples = Math.floor((last - p0) / s) + 1;
    const h = s >> 1; // stride in 16-bit units
    const halves = new Uint16Array(buf.buffer, buf.byteOffset + p0, (nSamples - 1) * h + 1);
    const end = halves.length;
    const h2 = 2 * h;
    const h3 = 3 * h;
    const h4 = 4 * h;
    let i = 0;
    while (i + h3 < end) {
      const any = filter[halves[i]!]! | filter[halves[i + h]!]! | filter[halves[i + h2]!]! | filter[halves[i + h3]!]!;
      if (any !== 0) {
        for (let j = i; j < i + h4; j += h) {
          const key = halves[j]!;
          if (filter[key] !== 0 && this.probe(buf, p0 + 2 * j, key, from, to, em)) return;
        }
      }
      i += h4;
    }
    for (; i < end; i += h) {
      const key = halves[i]!;
      if (filter[key] !== 0 && this.probe(buf, p0 + 2 * i, key, from, to, em)) return;
    }
  }

  /** Width 2, any stride, byte loads (odd strides, big-endian hosts). */
  private loopBytes2(buf: Uint8Array, from: number, to: number, p0: number, last: number, em: Emitter): void {
    const filter = this.filter;
    const s = this.stride;
    const s2 = 2 * s;
    const s3 = 3 * s;
    const s4 = 4 * s;
    let p = p0;
    const last4 = last - s3;
    while (p <= last4) {
      const any =
        filter[buf[p]! | (buf[p + 1]! << 8)]! |
        filter[buf[p + s]! | (buf[p + s + 1]! << 8)]! |
        filter[buf[p + s2]! | (buf[p + s2 + 1]! << 8)]! |
        filter[buf[p + s3]! | (buf[p + s3 + 1]! << 8)]!;
      if (any !== 0) {
        for (let q = p; q < p + s4; q += s) {
          const key = buf[q]! | (buf[q + 1]! << 8);
          if (filter[key] !== 0 && this.probe(buf, q, key, from, to, em)) return;
        }
      }
      p += s4;
    }
    for (; p <= last; p += s) {
      const key = buf[p]! | (buf[p + 1]! << 8);
      if (filter[key] !== 0 && this.probe(buf, p, key, from, to, em)) return;
    }
  }

  /** Width 1 (only when a literal is 1 byte long, or the model prefers it). */
  private loopBytes1(buf: Uint8Array, from: number, to: number, p0: number, last: number, em: Emitter): void {
    const filter = this.filter;
    const s = this.stride;
    const s2 = 2 * s;
    const s3 = 3 * s;
    const s4 = 4 * s;
    let p = p0;
    const last4 = last - s3;
    while (p <= last4) {
      const any = filter[buf[p]!]! | filter[buf[p + s]!]! | filter[buf[p + s2]!]! | filter[buf[p + s3]!]!;
      if (any !== 0) {
        for (let q = p; q < p + s4; q += s) {
          const key = buf[q]!;
          if (filter[key] !== 0 && this.probe(buf, q, key, from, to, em)) return;
        }
      }
      p += s4;
    }
    for (; p <= last; p += s) {
      const key = buf[p]!;
      if (filter[key] !== 0 && this.probe(buf, p, key, from, to, em)) return;
    }
  }

  /** Slow path: verify every candidate of the window `key` sampled at p. */
  private probe(buf: Uint8Array, p: number, key: number, from: number, to: number, em: Emitter): boolean {
    const candLit = this.candLit;
    const candOff = this.candOff;
    const litBytes = this.litBytes;
    const bucket = this.bucketOf[key]!;
    const end = this.bucketStart[bucket + 1]!;
    for (let c = this.bucketStart[bucket]!; c < end; c++) {
      const lit = candLit[c]!;
      const start = p - candOff[c]!;
      if (start < from || start >= to) continue;
      const n = this.litLen[lit]!;
      if (start + n > buf.length) continue;
      const base = this.litStart[lit]!;
      let i = 0;
      while (i < n && buf[start + i] === litBytes[base + i]) i++;
      if (i === n) em.push(start, lit);
    }
    // No later sample (>= p + stride) can produce a start below p + stride - maxOff.
    if (em.tail > em.head) em.flushBelow(p + this.stride - this.maxOff);
    return em.stopped;
  }
}
