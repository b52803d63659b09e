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
 *  - Let B (2 or 3; 1 only when forced) be the window width and s the stride. Every literal L registers s
 *    consecutive B-byte windows L[k..k+B), …, L[k+s−1..k+s−1+B), −1 ≤ k (bytes outside L match anything, see
 *    below). Any occurrence of L therefore has exactly one of its registered windows starting at a text position p
 *    that is a multiple of s away from the scan start, so sampling the text only at those positions cannot miss it.
 *  - The hot loop reads one window every s bytes and tests a filter table. The steps are independent (the next
 *    position is p + s, not a table value), so the CPU overlaps them; the loop is unrolled and ORs the filter tests
 *    so that the usual case costs one branch per 4 words. With an even stride the sampling phase is chosen so that
 *    the windows come from aligned 16/32-bit loads (for s = 2, one 32-bit load gives two samples): ~1.7× faster
 *    than assembling the key from byte loads.
 *  - B = 3 is not a hashed trigram: the filter is indexed by the window's first two bytes, and its 32-bit entry has
 *    one bit per class of the third byte (its low 5 bits: letters without case, digits, punctuation apart), tested
 *    as `entry >> byte` (JS takes a shift count mod 32; for s = 2 a word's upper half is both the second sample's
 *    pair and the first one's shift count, so a sample costs ~0.58 ns against 0.42 at B = 2). A 3-byte key hashed
 *    into a 64K table was measured first and lost: a 2-byte literal such as `[C` needs windows with a free byte
 *    (`?[C`, `[C?`), 256 keys each, scattered by the hash over enough of the table that unrelated text hit it
 *    (1.6–4.2% of samples on the scanner's set, by hash constant, against 2.6% at B = 2). Here `[C?` is one entry
 *    with every bit and `?[C` is 256 entries with one bit: it hits only where `[` is followed by a byte of C's
 *    class. On the scanner's 68 literals, with a sample, 0.59% of samples hit (exact trigrams: 0.56%; B = 2:
 *    2.6%), and 0.47% are real matches.
 *  - Each literal's offset k is chosen so its registered windows are the least likely in log text
 *    (digits, blanks, common lower-case letters and hex GUID letters are "expensive"), e.g.
 *    `0x000190` registers `0x0`/`x00` instead of `000`, `hr =` registers `hr ` and `r =`. The width
 *    and stride are picked by a small cost model (samples per byte + expected filter hits ×
 *    verification cost), so one long literal set gets a long stride and a set containing `ID:` or
 *    `[C` gets s = 2.
 *  - On a filter hit, the bucket for that key lists (literal, offset) candidates; each is
 *    verified byte-by-byte at p − offset. Because candidates found at p can start up to maxOffset
 *    bytes earlier, matches go through a tiny sorted pending queue that is flushed once no later
 *    sample can produce an earlier start, so callers see increasing positions.
 *
 * A window may stick out of its literal by one byte of its pair (that pair's 256 keys) and, for B = 3, by its third
 * byte (every class), so a 2-byte literal such as `[8` can run at stride 2 instead of forcing stride 1; an
 * occurrence whose sampled window would lie outside the buffer (before its first byte, or past its last) is
 * verified directly.
 *
 * The byte-frequency model is a static guess for Windows log text; pass `options.sample` (e.g. the
 * first MiB of the file) to use measured pair and pair+class counts instead — fewer false filter hits.
 *
 * Measured (200 MiB generated WindowsUpdate.log read in 1 MiB chunks as the scanner does, 2-core EPYC shared with
 * other jobs, Node 20; medians of two runs interleaved with the B = 2 version; bench/literal-search.mjs prints these
 * rows): the scanner's 68 literals with a sample ~1.35–1.45 GB/s, 1.6–1.7× the B = 2 plan (2.6% of samples hit);
 * untuned ~0.85–0.97 GB/s, 1.6–1.8× (B = 2 ran it at stride 1); the 27 rule literals ~1.85–1.9 GB/s, 1.15×; the
 * four KB954960 signature literals ~4.1–4.7 GB/s at B = 3, s = 8, 1.4–1.6×. `grep -F` with those four: 0.5–0.8 GB/s
 * incl. start-up. A 200 MiB `kb954960 scan`: 1.25 → 1.06 s, and 0.92 → 0.87 s with the bundled CLI (medians of 7
 * and 11 runs interleaved with grep and the B = 2 version).
 */

export interface LiteralSearchOptions {
  /** Representative text (e.g. the first MiB of the log) used to estimate window frequencies. */
  readonly sample?: Uint8Array;
  /** Force the window width (1, 2 or 3) instead of letting the cost model pick. For tests/benchmarks. */
  readonly windowWidth?: 1 | 2 | 3;
  /** Force the stride (clamped to the maximum the literal set allows). For tests/benchmarks. */
  readonly stride?: number;
}

/** The plan the constructor settled on; exposed for benchmarks and diagnostics. */
export interface LiteralSearchPlan {
  readonly windowWidth: 1 | 2 | 3;
  readonly stride: number;
  /** Per literal: byte offset of its first registered window. */
  readonly windowOffsets: readonly number[];
  /** Model estimate of the probability that a sample hits the filter. */
  readonly estimatedHitRate: number;
}

type Width = 1 | 2 | 3;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The class of a width-3 window's third byte, b & 31 (letters without their case, digits, a few punctuation marks
 * each apart): one bit of the pair's 32-bit filter entry (see the header). JS takes a shift count mod 32, so the hot
 * loop tests `entry >> byte` with no masking.
 */
const CLASS_BITS = 5;
const CLASSES = 1 << CLASS_BITS;
const classOf = (b: number): number => b & (CLASSES - 1);
const ALL_CLASSES = -1;

// Cost model, in nanoseconds, measured on a 2-core EPYC with Node 20 over the bench log (only the ratios matter): per
// sample with no filter hit, by loop (bench: a literal set that never hits), and per filter hit (the bucket walk,
// verification and emitting the match, mispredicted branches included: ~50–80 ns). A sample costs less when its
// window comes from one aligned load shared by two samples (stride 2) than from byte loads. The floor is memory
// traffic, paid per byte whatever the stride.
const SAMPLE_NS_BYTE = 0.6; // width 1: one byte load
const SAMPLE_NS_BYTES = 1.0; // width 2 from two byte loads (odd strides)
const SAMPLE_NS_HALVES = 0.8; // width 2, even stride >= 4: one aligned 16-bit load
const SAMPLE_NS_WORDS = 0.42; // width 2, stride 2: two samples per 32-bit load
const SAMPLE_NS_BYTES3 = 1.4; // width 3 from three byte loads
const SAMPLE_NS_WORDS3 = 0.58; // width 3, stride 2: two samples per 32-bit load (and a byte of the next)
const SAMPLE_NS_QUADS3 = 1.0; // width 3, stride 4k: one aligned 32-bit load per sample
const FLOOR_NS_PER_BYTE = 0.05;
const HIT_NS = 50;
// Without a sample, the static model underestimates hits by 1–3× on real logs (worse for longer
// strides, which register more windows); scale its estimates so it does not over-stretch.
const STATIC_HIT_SCALE = 3;
const VERIFY_NS = 5;

function sampleNs(width: Width, stride: number): number {
  const aligned = LITTLE_ENDIAN && stride % 2 === 0;
  if (width === 1) return SAMPLE_NS_BYTE;
  if (width === 2) return !aligned ? SAMPLE_NS_BYTES : stride === 2 ? SAMPLE_NS_WORDS : SAMPLE_NS_HALVES;
  if (!aligned) return SAMPLE_NS_BYTES3;
  return stride === 2 ? SAMPLE_NS_WORDS3 : stride % 4 === 0 ? SAMPLE_NS_QUADS3 : SAMPLE_NS_BYTES3;
}

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
const byteClass = (b: number): ByteClass => (b >= 0x41 && b <= 0x5a ? 0 : b >= 0x61 && b <= 0x7a ? 1 : b >= 0x30 && b <= 0x39 ? 2 : 3);
// SHAPE[class(a) * 4 + class(b)]: how much more (or less) often a follows b than chance would say.
// Upper→lower starts words ("Server"); lower→Upper is a CamelCase seam and rare; digits come in
// runs (timestamps, HRESULTs); letter/digit seams are rare except upper-case hex in GUIDs.
// prettier-ignore
const SHAPE = [/* U→ */ 0.6, 3, 0.6, 1, /* L→ */ 0.2, 1, 0.4, 1, /* D→ */ 0.6, 0.4, 2, 1, /* O→ */ 1, 1, 1, 1];

/**
 * The static model, built once per process (every untuned search — the CLI's small inputs, the bot's pastes — asks
 * it the same questions), and every question is O(1): byte and (byte, next class) sums come from per-byte-class
 * tables, not from summing 256 pair guesses per byte. Planning the untuned search was ~9 ms of the CLI's start-up
 * (docs/benchmarks.md); it is now ~45% fewer instructions (valgrind), sampled plans ~50% fewer.
 */
class StaticModel {
  static readonly shared = new StaticModel();
  private readonly w = defaultByteWeights();
  /** byteClass of every byte, looked up: the plan asks thousands of times, and a hot helper gets compiled. */
  private readonly cls = Uint8Array.from({ length: 256 }, (_, b) => byteClass(b));
  /** The boosted COMMON_BIGRAMS (both cases of the first letter), as keys a | b << 8. */
  private readonly boosted: ReadonlySet<number>;
  private readonly sum: number;
  /** byClassThen[ca * CLASSES + c] = Σ over bytes b of class c of w[b]·SHAPE[ca, byteClass(b)]. */
  private readonly byClassThen = new Float64Array(4 * CLASSES);
  private readonly byClassRow = new Float64Array(4); // Σ over c of byClassThen[ca * CLASSES + c]
  /** The common bigrams' boost, by first byte and class of the second: [a * CLASSES + c] (unnormalised). */
  private readonly boostThen = new Float64Array(256 * CLASSES);
  private readonly boostRow = new Float64Array(256);

  private constructor() {
    const boosted = new Set<number>();
    for (const bg of COMMON_BIGRAMS.split(' ')) {
      const a = bg.charCodeAt(0);
      const b = bg.charCodeAt(1);
      boosted.add(a | (b << 8)).add((a - 32) | (b << 8)); // "Se" as in Server
    }
    this.boosted = boosted;
    const byClass = [0, 0, 0, 0];
    for (let b = 0; b < 256; b++) {
      byClass[this.cls[b]!]! += this.w[b]!;
      for (let ca = 0; ca < 4; ca++) {
        this.byClassThen[ca * CLASSES + classOf(b)]! += this.w[b]! * SHAPE[ca * 4 + this.cls[b]!]!;
        this.byClassRow[ca]! += this.w[b]! * SHAPE[ca * 4 + this.cls[b]!]!;
      }
    }
    // Σ over all pairs of w[a]·w[b]·SHAPE: by byte class, then the boost (×4, so +3×) of the common pairs.
    let sum = 0;
    for (let ca = 0; ca < 4; ca++) for (let cb = 0; cb < 4; cb++) sum += byClass[ca]! * byClass[cb]! * SHAPE[ca * 4 + cb]!;
    for (const h of boosted) {
      const extra = 3 * this.raw(h);
      sum += extra;
      this.boostThen[(h & 255) * CLASSES + classOf(h >>> 8)]! += extra;
      this.boostRow[h & 255]! += extra;
    }
    this.sum = sum;
  }

  /** w[a]·w[b]·SHAPE, unnormalised and without the boost. */
  private raw(h: number): number {
    const a = h & 255;
    const b = h >>> 8;
    return this.w[a]! * this.w[b]! * SHAPE[this.cls[a]! * 4 + this.cls[b]!]!;
  }

  /**
   * P[a | b << 8] (a = first byte): byte weights × shape × common-bigram boost, normalised, with a floor for
   * text-like pairs: a model picks the pairs it believes rarest, which are exactly the ones it is most wrong about
   * (measured: 5–15× more hits than estimated without the floor), and an optimistic hit rate makes it choose too
   * long a stride.
   */
  pair(h: number): number {
    const v = (this.raw(h) * (this.boosted.has(h) ? 4 : 1)) / this.sum;
    return isText(h & 255) && isText(h >>> 8) ? Math.max(v, STATIC_FLOOR) : v;
  }

  /** P(byte a followed by a byte of class c) = Σ over b of class c of P[a | b << 8] (no floor). */
  byteThen(a: number, c: number): number {
    return (this.w[a]! * this.byClassThen[this.cls[a]! * CLASSES + c]! + this.boostThen[a * CLASSES + c]!) / this.sum;
  }

  /** P(byte a) = Σ_b P[a | b << 8] (no floor: the floor is about choosing among pairs, not bytes). */
  byte(a: number): number {
    return (this.w[a]! * this.byClassRow[this.cls[a]!]! + this.boostRow[a]!) / this.sum;
  }
}

const isText = (b: number): boolean => (b >= 0x20 && b < 0x7f) || b === 0x09;

/** Pseudo-counts given to the static model when a sample is blended in. */
const SAMPLE_PRIOR = 1000;
/**
 * The static guess knows little about which byte follows a pair, so it never believes a width-3 window more than 8×
 * rarer than its pair: with the full 32× the untuned plan took `Upd` (of every `Update`) for `GetUpdateData` and hit
 * at 2.9% of samples on the bench log, against 1.8% with this floor (1/4 gave the same plans, 1/16 2.0%).
 */
const MIN_CLASS_SHARE = 1 / 8;

/** How much of a sample is counted: SAMPLE_BLOCKS blocks spread over it, so a long sample costs no more than this. */
const SAMPLE_COUNTED_BYTES = 256 * 1024;
const SAMPLE_BLOCKS = 4;

/**
 * Window probabilities, asked window by window: the static guess, blended with counts from `sample` when given. The
 * sample is counted once (at most SAMPLE_COUNTED_BYTES of it), as (byte pair, class of the next byte) for the byte
 * pairs the literals hold — the only pairs a plan asks about; a table for all pairs would be 8 MiB — and as (byte,
 * class of the next byte).
 */
class WindowModel {
  private readonly base = StaticModel.shared;
  private readonly slotOf: Int32Array | undefined; // per pair a | b << 8 that a literal holds: its slot (0: others)
  private readonly pairCounts: Uint32Array | undefined; // [slot * CLASSES + class of the next byte]
  private readonly pairTotals: Float64Array | undefined; // [slot]
  private readonly byteCounts: Uint32Array | undefined; // [b * CLASSES + class of the next byte]
  private readonly byteTotals: Float64Array | undefined; // [b]
  private readonly total: number;

  constructor(sample: Uint8Array | undefined, literals: readonly Uint8Array[]) {
    if (sample === undefined || sample.length < 3) {
      this.total = 0;
      return;
    }
    const slotOf = new Int32Array(65536);
    let slots = 1;
    for (const l of literals) {
      for (let i = 0; i + 1 < l.length; i++) {
        const h = l[i]! | (l[i + 1]! << 8);
        if (slotOf[h] === 0) slotOf[h] = slots++;
      }
    }
    const pairCounts = new Uint32Array(slots * CLASSES);
    const byteCounts = new Uint32Array(256 * CLASSES);
    const blocks = sample.length > SAMPLE_COUNTED_BYTES ? SAMPLE_BLOCKS : 1;
    const blockLength = Math.min(sample.length, SAMPLE_COUNTED_BYTES / blocks);
    for (let k = 0; k < blocks; k++) {
      const start = blocks === 1 ? 0 : Math.floor(((sample.length - blockLength) * k) / (blocks - 1));
      countWindows(sample.subarray(start, start + blockLength), slotOf, pairCounts, byteCounts);
    }
    this.slotOf = slotOf;
    this.pairCounts = pairCounts;
    this.byteCounts = byteCounts;
    this.pairTotals = new Float64Array(slots);
    for (let i = 0; i < pairCounts.length; i++) this.pairTotals[i >>> CLASS_BITS]! += pairCounts[i]!;
    this.byteTotals = new Float64Array(256);
    for (let i = 0; i < byteCounts.length; i++) this.byteTotals[i >>> CLASS_BITS]! += byteCounts[i]!;
    this.total = blocks * (blockLength - 2);
  }

  private blend(count: number, guess: number): number {
    return (count + SAMPLE_PRIOR * guess) / (this.total + SAMPLE_PRIOR);
  }

  byte(a: number): number {
    const g = this.base.byte(a);
    return this.byteTotals ? this.blend(this.byteTotals[a]!, g) : g;
  }

  /** P(pair h = a | b << 8); h must be a pair of some literal. */
  pair(h: number): number {
    const g = this.base.pair(h);
    return this.pairTotals ? this.blend(this.pairTotals[this.slotOf![h]!]!, g) : g;
  }

  /** P(pair h followed by a byte of class c); statically P(pair) · P(class c after its 2nd byte), see MIN_CLASS_SHARE. */
  pairThen(h: number, c: number): number {
    const b = h >>> 8;
    const g = this.base.pair(h) * Math.max(this.base.byteThen(b, c) / this.base.byte(b), MIN_CLASS_SHARE);
    return this.pairCounts ? this.blend(this.pairCounts[this.slotOf![h]! * CLASSES + c]!, g) : g;
  }

  /** P(any byte, then byte b, then a byte of class c). */
  byteThen(b: number, c: number): number {
    const g = this.base.byteThen(b, c);
    return this.byteCounts ? this.blend(this.byteCounts[b * CLASSES + c]!, g) : g;
  }
}

/** Adds the (pair, next class) and (byte, next class) counts of the windows of `text`. */
function countWindows(text: Uint8Array, slotOf: Int32Array, pairCounts: Uint32Array, byteCounts: Uint32Array): void {
  let h = text[0]! | (text[1]! << 8);
  for (let i = 2; i < text.length; i++) {
    const b = text[i]!;
    const c = classOf(b);
    pairCounts[slotOf[h]! * CLASSES + c]!++; // slot 0 (other pairs) is never asked
    byteCounts[(h >>> 8) * CLASSES + c]!++;
    h = (h >>> 8) | (b << 8);
  }
}

/**
 * A window's filter key: the byte pair a | b << 8 (width 1: the byte), or — for a window sticking out of its literal
 * by a byte of its pair — a wildcard, negative so it never collides with a real key: side 0 = (byte, any) past the
 * literal's end, side 1 = (any, byte) before its start. Expanded into its 256 keys only for the plan that is chosen.
 */
const wildKey = (side: 0 | 1, byte: number): number => -1 - (side * 256 + byte);
const wildByte = (key: number): number => (-1 - key) & 255;
/** The 256 real keys of a wildcard window. */
function wildKeys(key: number): number[] {
  const byte = wildByte(key);
  const side = (-1 - key) >> 8;
  return Array.from({ length: 256 }, (_, x) => (side === 0 ? byte | (x << 8) : x | (byte << 8)));
}

/**
 * Every literal's candidate windows for one width, flattened: literal i's are [start[i], start[i + 1]), at offsets
 * lo … n − 1 (lo = −1 unless width 1). Per window: key, class of the third byte (width 3; CLASSES = any class, also
 * where the third byte lies outside the literal) and probability.
 */
interface Windows {
  readonly lo: number;
  readonly start: Int32Array;
  readonly key: Int32Array;
  readonly cls: Uint8Array;
  readonly p: Float64Array;
}

function windowsOf(lits: readonly Uint8Array[], width: Width, model: WindowModel): Windows {
  const lo = width === 1 ? 0 : -1;
  const start = new Int32Array(lits.length + 1);
  for (let i = 0; i < lits.length; i++) start[i + 1] = start[i]! + lits[i]!.length - lo;
  const total = start[lits.length]!;
  const key = new Int32Array(total);
  const cls = new Uint8Array(total).fill(CLASSES);
  const p = new Float64Array(total);
  for (let i = 0; i < lits.length; i++) {
    const lit = lits[i]!;
    const n = lit.length;
    for (let j = lo, w = start[i]!; j < n; j++, w++) {
      if (width === 1) {
        key[w] = lit[j]!;
        p[w] = model.byte(lit[j]!);
        continue;
      }
      const a = j >= 0 ? lit[j]! : -1;
      const b = j + 1 < n ? lit[j + 1]! : -1;
      const c = width === 3 && j + 2 < n ? classOf(lit[j + 2]!) : CLASSES;
      cls[w] = c;
      if (a >= 0 && b >= 0) {
        key[w] = a | (b << 8);
        p[w] = c < CLASSES ? model.pairThen(key[w]!, c) : model.pair(key[w]!);
      } else if (a < 0) {
        // (any, b): with a third byte, the window hits where b is followed by that byte's class.
        key[w] = wildKey(1, b);
        p[w] = c < CLASSES ? model.byteThen(b, c) : model.byte(b);
      } else {
        key[w] = wildKey(0, a);
        p[w] = model.byte(a);
      }
    }
  }
  return { lo, start, key, cls, p };
}

const maskOf = (cls: number): number => (cls === CLASSES ? ALL_CLASSES : 1 << cls);

interface Tables {
  readonly width: Width;
  readonly stride: number;
  readonly offsets: Int32Array; // per literal: first registered window offset
  readonly hitRate: number;
  readonly cost: number; // estimated ns per text byte
}

/**
 * Picks each literal's window offsets for a given (width, stride) and scores the plan. A literal registers `stride`
 * consecutive windows at offsets k … k + stride − 1, where k ranges over lo … len − stride (see windowsOf): with
 * width 2 or 3, the window at offset −1 is (any byte, first byte, …) and the one at offset len − 1 is (last byte, any
 * byte), each its 256 keys. So a short literal — the code extraction's `[8`, `[C`, `[c` — does not force stride 1: at
 * stride 2, width 3, `[C` registers `?[C` and `[C?`, and only a `[` followed by a byte of C's class costs a filter hit.
 * The cost model weighs such a window by its probability, so a long literal uses one only when that is cheaper.
 * Occurrences whose sampled window sticks out of the buffer are checked directly (see LiteralSearch.run).
 */
function planFor(wins: Windows, width: Width, stride: number, hitScale: number): Tables {
  const { lo, start, key, cls, p } = wins;
  const literals = start.length - 1;
  const offsets = new Int32Array(literals);
  // Per distinct (key, class): its probability (counted once), and per key the bucket size (candidates to verify).
  const groups = new Map<number, number>();
  const bucketSize = new Map<number, number>();
  for (let i = 0; i < literals; i++) {
    const first = start[i]!;
    const end = start[i + 1]!;
    // Sliding sum over `stride` consecutive windows; strict "<" keeps the earliest offset on ties: smaller offsets keep
    // the pending queue short.
    let c = 0;
    for (let w = first; w < first + stride; w++) c += p[w]!;
    let best = first;
    let bestCost = c;
    for (let w = first + 1; w + stride <= end; w++) {
      c += p[w + stride - 1]! - p[w - 1]!;
      // (1 − 1e-9: the running sum drifts by a few ulps, which must not break a tie.)
      if (c < bestCost * (1 - 1e-9)) {
        bestCost = c;
        best = w;
      }
    }
    offsets[i] = best - first + lo;
    for (let w = best; w < best + stride; w++) {
      groups.set((key[w]! + 512) * (CLASSES + 1) + cls[w]!, p[w]!);
      bucketSize.set(key[w]!, (bucketSize.get(key[w]!) ?? 0) + 1);
    }
  }
  let hitRate = 0;
  let perSample = sampleNs(width, stride);
  for (const [g, prob] of groups) {
    // A wildcard window hits wherever its fixed byte is (a key it shares with an exact window is counted twice).
    hitRate += prob;
    perSample += hitScale * prob * (HIT_NS + VERIFY_NS * bucketSize.get(Math.floor(g / (CLASSES + 1)) - 512)!);
  }
  return { width, stride, offsets, hitRate, cost: FLOOR_NS_PER_BYTE + perSample / stride };
}

/** Collects matches and releases them in increasing position order. */
class Emitter {
  pos: Float64Array = new Float64Array(16);
  lit: Int32Array = new Int32Array(16);
  head = 0;
  tail = 0;
  stopped = false;
  constructor(
    readonly onMatch: (position: number, literalIndex: number) => unknown,
    readonly stopAfterFirst: boolean,
  ) {}

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
  // Filter, widths 1 and 2: filter[key] !== 0 iff some literal registered a window with that byte (256 entries) or
  // byte pair (65536; only ~12 KiB of it is touched by ASCII text, so it stays in L1).
  private readonly filter: Uint8Array;
  // Filter, width 3: per byte pair, bit c set iff some literal registered a window with that pair and a third byte of
  // class c (see CLASSES).
  private readonly classes: Int32Array;
  // CSR buckets: the candidates of key are [bucketStart[b], bucketStart[b + 1]) for b = bucketOf[key] (0: none).
  private readonly bucketOf: Int32Array;
  private readonly bucketStart: Int32Array;
  private readonly candLit: Int32Array;
  private readonly candOff: Int32Array;
  private readonly candMask: Int32Array; // width 3: the third-byte classes the candidate's window accepts
  private readonly width: Width;
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
    for (const b of bytes) total += b.length;
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

    // Choose (width, stride) by the cost model; each candidate plan also fixes the window offsets. The longest stride
    // a width allows is the fewest candidate windows of a literal (its length, plus one for widths 2 and 3). Width 1
    // is not a candidate: it was never the cheapest (6000 random literal sets, with and without a sample) — even a
    // 1-byte literal runs better at width 2, stride 2, whose two wildcard windows hit where its byte is.
    const model = new WindowModel(options.sample, bytes);
    const hitScale = options.sample ? 1 : STATIC_HIT_SCALE;
    let best: Tables | undefined;
    let bestWins: Windows | undefined;
    if (bytes.length > 0) {
      const widths: Width[] = options.windowWidth ? [options.windowWidth] : [2, 3];
      for (const width of widths) {
        const wins = windowsOf(bytes, width, model);
        let maxStride = Infinity;
        for (let i = 0; i < bytes.length; i++) maxStride = Math.min(maxStride, wins.start[i + 1]! - wins.start[i]!);
        const strides = options.stride ? [Math.max(1, Math.min(maxStride, Math.floor(options.stride)))] : Array.from({ length: maxStride }, (_, i) => i + 1);
        for (const stride of strides) {
          const t = planFor(wins, width, stride, hitScale);
          if (best === undefined || t.cost < best.cost) {
            best = t;
            bestWins = wins;
          }
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

    // Build the filter and CSR buckets from the chosen windows, wildcards expanded into their 256 keys. Buckets are
    // numbered (1…) in the order their keys were first registered, so nothing loops over all 65536 keys: a prefix sum
    // over the whole key space cost every CLI run ~20 ms before the first byte was scanned.
    const size = width === 1 ? 256 : 65536;
    const regKey: number[] = [];
    const regLit: number[] = [];
    const regOff: number[] = [];
    const regMask: number[] = [];
    for (let lit = 0; bestWins !== undefined && lit < bytes.length; lit++) {
      for (let off = offsets[lit]!; off < offsets[lit]! + stride; off++) {
        const w = bestWins.start[lit]! + off - bestWins.lo;
        const key = bestWins.key[w]!;
        for (const k of key < 0 ? wildKeys(key) : [key]) {
          regKey.push(k);
          regLit.push(lit);
          regOff.push(off);
          regMask.push(maskOf(bestWins.cls[w]!));
        }
      }
    }
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
    this.candMask = new Int32Array(regKey.length);
    this.filter = new Uint8Array(width === 3 ? 0 : size);
    // The loops test bit (third byte mod 32) with `classes[key] >> byte`, not `>>>`: only bit 0 is read, and with
    // class 31 set and a shift of 0 (a space, 0x20) `>>>` yields a uint32 above 2^31, a double in a hot int32 loop.
    this.classes = new Int32Array(width === 3 ? size : 0);
    for (let r = 0; r < regKey.length; r++) {
      const key = regKey[r]!;
      const at = fill[bucketOf[key]!]!++;
      this.candLit[at] = regLit[r]!;
      this.candOff[at] = regOff[r]!;
      this.candMask[at] = regMask[r]!;
      if (width === 3) this.classes[key]! |= regMask[r]!;
      else this.filter[key] = 1;
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
    // the header), so a 2-byte window is one aligned 16-bit load, and for s = 2 one 32-bit load yields two samples;
    // width 3 at a stride of 4k samples at multiples of 4, one aligned 32-bit load each. Little-endian: the key is
    // b0 | b1 << 8. The phase stays within [first, first + s), which checkEdges relies on.
    const w = this.width;
    const aligned = w >= 2 && s % 2 === 0 && LITTLE_ENDIAN;
    const align = aligned ? (w === 3 && s % 4 === 0 ? 4 : 2) : 1;
    const p0 = first + ((align - ((text.byteOffset + first) % align)) % align);
    // Pushed first: the emitter keeps positions in order, and these are the only ones the loops cannot find.
    if (this.edgy.length > 0) this.checkEdges(text, from, to, p0, last, em);
    if (w === 1) this.loopBytes1(text, from, to, p0, last, em);
    else if (w === 2) {
      if (!aligned) this.loopBytes2(text, from, to, p0, last, em);
      else if (s === 2) this.loopWords(text, from, to, p0, last, em);
      else this.loopHalves(text, from, to, p0, last, em);
    } else if (aligned && s === 2) this.loopWords3(text, from, to, p0, last, em);
    else if (align === 4) this.loopQuads3(text, from, to, p0, last, em);
    else this.loopBytes3(text, from, to, p0, last, em);
    if (!em.stopped) em.flushBelow(Infinity);
  }

  /**
   * An occurrence is found by the one sample at q ≡ p0 (mod stride) among its registered windows; the loops sample
   * p0, p0 + stride, … up to last. A window that sticks out of its literal can put q outside that range — before the
   * buffer's first byte, or so close to its end that the window does not fit — so those occurrences are verified
   * here. With p0 in [first, first + stride), q < p0 only for the first start (from = 0, a window before byte 0), and
   * q > last only for the last width − 1 starts of each literal that fit in the buffer.
   */
  private checkEdges(buf: Uint8Array, from: number, to: number, p0: number, last: number, em: Emitter): void {
    const s = this.stride;
    for (let e = 0; e < this.edgy.length; e++) {
      const lit = this.edgy[e]!;
      const n = this.litLen[lit]!;
      const k = this.offsets[lit]!;
      const tailStart = buf.length - n;
      // The front start, then the tail starts whose windows k … k + s − 1 reach past buf.length − width.
      const tailFirst = Math.max(from + 1, buf.length - this.width - (k + s - 1) + 1);
      for (let t = from; t <= tailStart && t < to; t = t === from ? Math.max(from + 1, tailFirst) : t + 1) {
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
    const nWords = last - p >= 2 ? ((last - p - 2) >> 2) + 1 : 0; // int32 shifts: see loopWords3
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
    const nSamples = (((last - p0) / s) | 0) + 1; // non-negative: truncation is floor, and int32 (see loopWords3)
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

  /**
   * Width 3, stride 2, p0 at an even address: word u holds the samples at p + 4u (its bytes 0–2) and p + 4u + 2 (its
   * bytes 2–3 and the next word's byte 0). A sample hits when bit (third byte mod 32) of its pair's entry is set:
   * `entry >>> third byte`, and a word's upper half is both the second sample's pair and the first one's shift count.
   */
  private loopWords3(buf: Uint8Array, from: number, to: number, p0: number, last: number, em: Emitter): void {
    const classes = this.classes;
    let p = p0;
    // Up to one sample before the first 4-byte-aligned address.
    if ((buf.byteOffset + p) % 4 !== 0 && p <= last) {
      if (this.probeSamples3(buf, p, 1, 2, from, to, em)) return;
      p += 2;
    }
    // Words whose two samples are both <= last, and whose next word lies in the buffer too.
    // Shifts, not Math.floor(x / 4): the operands are non-negative int32, and a Math.floor result is a float to
    // TurboFan, which deoptimized this loop on `4 * nWords` ("lost precision") once per call in a cold scan.
    let nWords = last - p >= 2 ? ((last - p - 2) >> 2) + 1 : 0;
    nWords = Math.min(nWords, ((buf.length - p) >> 2) - 1);
    if (nWords > 0) {
      const words = new Int32Array(buf.buffer, buf.byteOffset + p, nWords + 1);
      const n4 = nWords - 3;
      let t = 0;
      let a = words[0]!;
      while (t < n4) {
        const b = words[t + 1]!;
        const c = words[t + 2]!;
        const d = words[t + 3]!;
        const e = words[t + 4]!;
        const ah = a >>> 16;
        const bh = b >>> 16;
        const ch = c >>> 16;
        const dh = d >>> 16;
        const any =
          (classes[a & 0xffff]! >> ah) |
          (classes[ah]! >> b) |
          (classes[b & 0xffff]! >> bh) |
          (classes[bh]! >> c) |
          (classes[c & 0xffff]! >> ch) |
          (classes[ch]! >> d) |
          (classes[d & 0xffff]! >> dh) |
          (classes[dh]! >> e);
        if ((any & 1) !== 0 && this.probeSamples3(buf, p + 4 * t, 8, 2, from, to, em)) return;
        a = e;
        t += 4;
      }
      if (t < nWords && this.probeSamples3(buf, p + 4 * t, 2 * (nWords - t), 2, from, to, em)) return;
      p += 4 * nWords;
    }
    if (p <= last) this.probeSamples3(buf, p, ((last - p) >> 1) + 1, 2, from, to, em);
  }

  /** Width 3, stride 4k, p0 at a multiple-of-4 address: one aligned 32-bit load per sample. */
  private loopQuads3(buf: Uint8Array, from: number, to: number, p0: number, last: number, em: Emitter): void {
    const classes = this.classes;
    const s = this.stride;
    if (p0 > last) return;
    const m = s >> 2; // stride in words
    // Samples <= last whose whole word lies in the buffer (the last sample's fourth byte may not).
    const room = buf.length - p0 - 4;
    const nSamples = room < 0 ? 0 : Math.min((((last - p0) / s) | 0) + 1, ((room / s) | 0) + 1);
    let i = 0;
    if (nSamples > 0) {
      const words = new Int32Array(buf.buffer, buf.byteOffset + p0, (nSamples - 1) * m + 1);
      const end = words.length;
      const m2 = 2 * m;
      const m3 = 3 * m;
      const m4 = 4 * m;
      while (i + m3 < end) {
        const a = words[i]!;
        const b = words[i + m]!;
        const c = words[i + m2]!;
        const d = words[i + m3]!;
        const any =
          (classes[a & 0xffff]! >> (a >>> 16)) |
          (classes[b & 0xffff]! >> (b >>> 16)) |
          (classes[c & 0xffff]! >> (c >>> 16)) |
          (classes[d & 0xffff]! >> (d >>> 16));
        if ((any & 1) !== 0 && this.probeSamples3(buf, p0 + 4 * i, 4, s, from, to, em)) return;
        i += m4;
      }
    }
    const p = p0 + 4 * i;
    if (p <= last) this.probeSamples3(buf, p, (((last - p) / s) | 0) + 1, s, from, to, em);
  }

  /** Width 3, any stride, byte loads. */
  private loopBytes3(buf: Uint8Array, from: number, to: number, p0: number, last: number, em: Emitter): void {
    const classes = this.classes;
    const s = this.stride;
    const s2 = 2 * s;
    const s3 = 3 * s;
    let p = p0;
    const last4 = last - s3;
    while (p <= last4) {
      const any =
        (classes[buf[p]! | (buf[p + 1]! << 8)]! >> buf[p + 2]!) |
        (classes[buf[p + s]! | (buf[p + s + 1]! << 8)]! >> buf[p + s + 2]!) |
        (classes[buf[p + s2]! | (buf[p + s2 + 1]! << 8)]! >> buf[p + s2 + 2]!) |
        (classes[buf[p + s3]! | (buf[p + s3 + 1]! << 8)]! >> buf[p + s3 + 2]!);
      if ((any & 1) !== 0 && this.probeSamples3(buf, p, 4, s, from, to, em)) return;
      p += 4 * s;
    }
    if (p <= last) this.probeSamples3(buf, p, (((last - p) / s) | 0) + 1, s, from, to, em);
  }

  /** Width 3: tests n samples p, p + step, … one by one and probes the hits; true if the emitter asked to stop. */
  private probeSamples3(buf: Uint8Array, p: number, n: number, step: number, from: number, to: number, em: Emitter): boolean {
    const classes = this.classes;
    for (let q = p; q < p + n * step; q += step) {
      const key = buf[q]! | (buf[q + 1]! << 8);
      if (((classes[key]! >> buf[q + 2]!) & 1) !== 0 && this.probe(buf, q, key, from, to, em)) return true;
    }
    return false;
  }

  /** Width 1: only when asked for (options.windowWidth); the model never chooses it. */
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
    const candMask = this.candMask;
    const litBytes = this.litBytes;
    // Width 3: candidates whose window wants another class of third byte cannot match (all classes otherwise).
    const cls = this.width === 3 ? 1 << buf[p + 2]! : ALL_CLASSES; // (a shift count is taken mod 32)
    const bucket = this.bucketOf[key]!;
    const end = this.bucketStart[bucket + 1]!;
    for (let c = this.bucketStart[bucket]!; c < end; c++) {
      if ((candMask[c]! & cls) === 0) continue;
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
