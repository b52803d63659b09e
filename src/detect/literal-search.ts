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
 *  - Let B (1 or 2) be the window width and s the stride, s ≤ (shortest literal length) + B − 1.
 *    Every literal L registers s consecutive B-byte windows L[k..k+B), …, L[k+s−1..k+s−1+B),
 *    −(B − 1) ≤ k (bytes outside L match anything, see below).
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
 * A window may stick out of its literal by one byte (B = 2): it then stands for its 256 keys, so a
 * 2-byte literal such as `[8` can run at stride 2 (windows `x[` and `[8`) instead of forcing
 * stride 1; an occurrence whose sampled window would lie outside the buffer (before its first
 * byte, or at its last) is verified directly.
 *
 * The byte-frequency model is a static guess for Windows log text; pass `options.sample` (e.g. the
 * first MiB of the file) to use measured bigram counts instead — fewer false filter hits.
 *
 * Measured (bench/literal-search.mjs, 200 MiB WindowsUpdate.log, the 16-literal KB954960 set with
 * `ID:`, 2-core EPYC, Node 20): ~2.2 GB/s over 1 MiB readSync chunks (≈2.9× grep -F), ~2.6 GB/s
 * with a sample. The scanner's set (with the code extraction's `[8`, `[C`, `[c`) runs at stride 2.
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

  /** Asked again for every candidate stride: kept per key. */
  private readonly bigrams = new Map<number, number>();

  bigram(h: number): number {
    let p = this.bigrams.get(h);
    if (p !== undefined) return p;
    const g = this.guess(h);
    p = this.counts ? (this.counts[h]! + SAMPLE_PRIOR * g) / (this.total + SAMPLE_PRIOR) : g;
    this.bigrams.set(h, p);
    return p;
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
  // Registrations (window key, literal, offset of the window in the literal), one per entry. A window sticking out of
  // its literal is one entry with key wildKey(…) < 0, expanded into its 256 keys only for the plan that is chosen.
  readonly regKey: number[];
  readonly regLit: number[];
  readonly regOff: number[];
  readonly hitRate: number;
  readonly cost: number; // estimated ns per text byte
}

/**
 * Picks each literal's window offsets for a given (width, stride) and scores the plan. A literal registers `stride`
 * consecutive windows at offsets k … k + stride − 1, where k may range over −(width − 1) … len − stride: with width 2,
 * the window at offset −1 is (any byte, first byte) and the one at offset len − 1 is (last byte, any byte), each
 * registered as its 256 keys. So a short literal — the code extraction's `[8`, `[C`, `[c` — no longer forces stride 1:
 * at stride 2 `[8` registers `x[` and `[8`, and only a `[` in the text costs a filter hit. The cost model weighs such a
 * window by the probability of its fixed byte, so a long literal uses one only when that is cheaper. Occurrences
 * whose sampled window would stick out of the buffer (a `[8` at its first byte, a 1-byte literal at its last) are
 * checked directly (see LiteralSearch.run).
 */
function planFor(
  lits: readonly Uint8Array[],
  width: 1 | 2,
  stride: number,
  prob: (key: number) => number, // P(window) by window key
  uni: (byte: number) => number, // P(byte): a window sticking out of the literal holds any byte besides it
  hitScale: number,
): Tables {
  const offsets = new Int32Array(lits.length);
  const regKey: number[] = [];
  const regLit: number[] = [];
  const regOff: number[] = [];
  const bucketSize = new Map<number, number>(); // by key; a wildcard window's key counts its 256 keys as one
  const register = (key: number, lit: number, off: number): void => {
    regKey.push(key);
    regLit.push(lit);
    regOff.push(off);
    bucketSize.set(key, (bucketSize.get(key) ?? 0) + 1);
  };
  for (let i = 0; i < lits.length; i++) {
    const lit = lits[i]!;
    const n = lit.length;
    const windowProb = (j: number): number =>
      width === 1 ? prob(lit[j]!) : j < 0 ? uni(lit[0]!) : j === n - 1 ? uni(lit[n - 1]!) : prob(lit[j]! | (lit[j + 1]! << 8));
    let best = 1 - width;
    let bestCost = Infinity;
    for (let k = 1 - width; k + stride <= n; k++) {
      let c = 0;
      for (let j = k; j < k + stride; j++) c += windowProb(j);
      // Strict "<" keeps the earliest offset on ties: smaller offsets keep the pending queue short.
      if (c < bestCost) {
        bestCost = c;
        best = k;
      }
    }
    offsets[i] = best;
    for (let j = best; j < best + stride; j++) {
      if (width === 1) register(lit[j]!, i, j);
      else if (j < 0) register(wildKey(1, lit[0]!), i, j);
      else if (j === n - 1) register(wildKey(0, lit[j]!), i, j);
      else register(lit[j]! | (lit[j + 1]! << 8), i, j);
    }
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
    // A wildcard window hits wherever its fixed byte is (a key it shares with an exact window is counted twice).
    const p = key < 0 ? uni(wildByte(key)) : prob(key);
    hitRate += p;
    perSample += hitScale * p * (HIT_NS + VERIFY_NS * n);
  }
  return { width, stride, offsets, regKey, regLit, regOff, hitRate, cost: FLOOR_NS_PER_BYTE + perSample / stride };
}

/**
 * A width-2 window with one fixed byte and any byte on the other side: side 0 = (byte, any) past a literal's end,
 * side 1 = (any, byte) before its start. Negative, so it never collides with a real key.
 */
const wildKey = (side: 0 | 1, byte: number): number => -1 - (side * 256 + byte);
const wildByte = (key: number): number => (-1 - key) & 255;
/** The 256 real keys of a wildcard window. */
function wildKeys(key: number): number[] {
  const byte = wildByte(key);
  const side = (-1 - key) >> 8;
  return Array.from({ length: 256 }, (_, x) => (side === 0 ? byte | (x << 8) : x | (byte << 8)));
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
  private readonly minOff: number; // smallest registered window offset (−1 when a window starts before its literal)
  private readonly offsets: Int32Array; // per literal: its first registered window's offset
  private readonly edgy: Int32Array; // literals with a registered window that sticks out of them (see planFor)

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
        const maxStride = minLen + width - 1; // offsets −(width − 1) … len − 1, see planFor
        const strides = options.stride
          ? [Math.max(1, Math.min(maxStride, Math.floor(options.stride)))]
          : Array.from({ length: maxStride }, (_, i) => i + 1);
        for (const stride of strides) {
          const t = planFor(bytes, width, stride, width === 1 ? uni : big, uni, options.sample ? 1 : STATIC_HIT_SCALE);
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
    // Literals with a window sticking out of them: before the first byte (offset < 0) or past the last.
    this.offsets = offsets;
    this.edgy = Int32Array.from(bytes.flatMap((b, i) => (offsets[i]! < 0 || offsets[i]! + stride - 1 > b.length - width ? [i] : [])));

    // Build the filter and CSR buckets from the registrations. Buckets are numbered (1…) in the order their keys
    // were first registered, so nothing loops over all 65536 keys: a prefix sum over the whole key space cost every
    // CLI run ~20 ms before the first byte was scanned (issue 13).
    const size = width === 1 ? 256 : 65536;
    const regKey: number[] = [];
    const regLit: number[] = [];
    const regOff: number[] = [];
    best?.regKey.forEach((key, r) => {
      for (const k of key < 0 ? wildKeys(key) : [key]) {
        regKey.push(k);
        regLit.push(best.regLit[r]!);
        regOff.push(best.regOff[r]!);
      }
    });
    const bucketOf = new Int32Array(size);
    let buckets = 0;
    let maxOff = 0;
    let minOff = 0;
    for (let r = 0; r < regKey.length; r++) {
      if (bucketOf[regKey[r]!] === 0) bucketOf[regKey[r]!] = ++buckets;
      maxOff = Math.max(maxOff, regOff[r]!);
      minOff = Math.min(minOff, regOff[r]!);
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
    this.minOff = minOff;
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
    // Last sample position that can belong to an occurrence starting before `to`; the first that can belong to one
    // starting at or after `from`.
    const last = Math.min(to - 1 + this.maxOff, text.length - this.width);
    const first = Math.max(0, from + this.minOff);
    const s = this.stride;
    // Even stride: every sample can sit at an even absolute address (any phase modulo s is as good as any other, see
    // the header), so a 2-byte window is one aligned 16-bit load, and for s = 2 one 32-bit load yields two samples.
    // Little-endian: the key is b0 | b1 << 8.
    const aligned = this.width === 2 && s % 2 === 0 && LITTLE_ENDIAN;
    const p0 = aligned && (text.byteOffset + first) % 2 !== 0 ? first + 1 : first;
    // Pushed first: the emitter keeps positions in order, and these are the only ones the loops cannot find.
    if (this.edgy.length > 0) this.checkEdges(text, from, to, p0, last, em);
    if (this.width === 1) this.loopBytes1(text, from, to, p0, last, em);
    else if (!aligned) this.loopBytes2(text, from, to, p0, last, em);
    else if (s === 2) this.loopWords(text, from, to, p0, last, em);
    else this.loopHalves(text, from, to, p0, last, em);
    if (!em.stopped) em.flushBelow(Infinity);
  }

  /**
   * An occurrence is found by the one sample at q ≡ p0 (mod stride) among its registered windows; the loops sample
   * p0, p0 + stride, … up to last. A window that sticks out of its literal can put q outside that range — before the
   * buffer's first byte or at its last, where no 2-byte window fits — so those occurrences are verified here: only
   * the first start (from) and, per literal, the last start that fits (buffer length − literal length) can be such.
   */
  private checkEdges(buf: Uint8Array, from: number, to: number, p0: number, last: number, em: Emitter): void {
    const s = this.stride;
    for (let e = 0; e < this.edgy.length; e++) {
      const lit = this.edgy[e]!;
      const n = this.litLen[lit]!;
      const k = this.offsets[lit]!;
      const tailStart = buf.length - n;
      for (let side = 0; side < 2; side++) {
        const t = side === 0 ? from : tailStart;
        if ((side === 1 && t === from) || t < from || t >= to || t + n > buf.length) continue;
        const q = t + k + ((((p0 - t - k) % s) + s) % s); // the sample among t + k … t + k + s − 1
        if (q >= p0 && q <= last) continue; // the loop sees it
        const base = this.litStart[lit]!;
        let i = 0;
        while (i < n && buf[t + i] === this.litBytes[base + i]) i++;
        if (i === n) em.push(t, lit);
      }
    }
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
