import { RULES } from '../src/detect/rules.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LiteralSearch, type LiteralSearchOptions } from '../src/detect/literal-search.js';
import { scanLiterals } from '../src/detect/scanner.js';
import { SmallSearch } from '../src/detect/small-search.js';

const enc = new TextEncoder();
type Hit = [position: number, literalIndex: number];

/** Reference: every literal at every start in [from, to) that fits in buf, sorted. */
function naive(literals: readonly string[], buf: Uint8Array, from: number, to: number): Hit[] {
  const out: Hit[] = [];
  const lits = literals.map((l) => enc.encode(l));
  const lo = Math.max(0, from);
  const hi = Math.min(to, buf.length);
  for (let p = lo; p < hi; p++) {
    lits.forEach((lit, i) => {
      if (p + lit.length > buf.length) return;
      for (let j = 0; j < lit.length; j++) if (buf[p + j] !== lit[j]) return;
      out.push([p, i]);
    });
  }
  return out;
}

/** Runs scan, checks the order contract, and returns hits sorted like naive() for comparison. */
function run(search: LiteralSearch, buf: Uint8Array, from: number, to: number): Hit[] {
  const hits: Hit[] = [];
  search.scan(buf, from, to, (p, i) => hits.push([p, i]));
  for (let k = 1; k < hits.length; k++) expect(hits[k]![0]).toBeGreaterThanOrEqual(hits[k - 1]![0]);
  return hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Every plan the constructor can be forced into, plus the default and a sampled one. */
function plans(literals: readonly string[], sample?: Uint8Array): LiteralSearch[] {
  const minLen = Math.min(...literals.map((l) => enc.encode(l).length));
  const opts: LiteralSearchOptions[] = [{}];
  if (sample) opts.push({ sample });
  for (const windowWidth of [1, 2, 3] as const) {
    const max = windowWidth === 1 ? minLen : minLen + 1; // a window of width 2 or 3 may start a byte before its literal
    for (let stride = 1; stride <= Math.min(max, 9); stride++) opts.push({ windowWidth, stride });
  }
  return opts.map((o) => new LiteralSearch(literals, o));
}

/** Copies bytes into a Uint8Array view at the given byteOffset (exercises the aligned-load paths). */
function at(bytes: Uint8Array, byteOffset: number): Uint8Array {
  const backing = new Uint8Array(bytes.length + byteOffset + 8).fill(0x41);
  backing.set(bytes, byteOffset);
  return backing.subarray(byteOffset, byteOffset + bytes.length);
}

function expectAllPlans(literals: readonly string[], text: string | Uint8Array, from = 0, to?: number): Hit[] {
  const bytes = typeof text === 'string' ? enc.encode(text) : text;
  const end = to ?? bytes.length;
  const expected = naive(literals, bytes, from, end);
  for (const search of plans(literals, bytes)) {
    for (const off of [0, 1, 2, 3]) {
      const buf = at(bytes, off);
      expect(run(search, buf, from, end), `plan ${JSON.stringify(search.plan)} offset ${off}`).toEqual(expected);
    }
  }
  return expected;
}

describe('LiteralSearch — hand-made cases', () => {
  it('finds matches at the very start and the very end of the buffer', () => {
    const hits = expectAllPlans(['abcdef', 'xyz'], 'abcdef----xyz');
    expect(hits).toEqual([
      [0, 0],
      [10, 1],
    ]);
  });

  it('respects from/to: starts in [from, to), may extend past to, not before from', () => {
    const lits = ['needle', 'ne'];
    const text = 'needle..needle..needle';
    //            0       8       16
    expect(expectAllPlans(lits, text, 1, 16)).toEqual([
      [8, 0],
      [8, 1],
    ]);
    expect(expectAllPlans(lits, text, 8, 9)).toEqual([
      [8, 0],
      [8, 1],
    ]);
    expect(expectAllPlans(lits, text, 9, 17)).toEqual([
      [16, 0],
      [16, 1],
    ]);
    expect(expectAllPlans(lits, text, 0, 0)).toEqual([]);
    expect(expectAllPlans(lits, text, 20, 10)).toEqual([]);
  });

  it('ignores data before `from` even if a literal straddles it', () => {
    expect(expectAllPlans(['abcd'], 'xxabcdxx', 3)).toEqual([]);
    expect(expectAllPlans(['abcd'], 'xxabcdxx', 2)).toEqual([[2, 0]]);
  });

  it('drops occurrences that run past the end of the buffer', () => {
    expect(expectAllPlans(['tail!'], 'the tail')).toEqual([]);
  });

  it('reports overlapping occurrences and all literals at one position', () => {
    expect(expectAllPlans(['aa'], 'aaaa')).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
    ]);
    expect(expectAllPlans(['abab', 'bab', 'ab'], 'ababab').length).toBe(3 + 2 + 2);
  });

  it('reports a literal that is a prefix (or suffix) of another', () => {
    const lits = ['Item has already been added', 'Item', 'added', 'Item has'];
    expect(expectAllPlans(lits, 'x Item has already been added y')).toEqual([
      [2, 0],
      [2, 1],
      [2, 3],
      [24, 2],
    ]);
  });

  it('handles 1-byte and 2-byte literals together with long ones, including at the last byte', () => {
    const lits = ['#', 'ID', 'ThrowException', '.Client.dll'];
    const text = '#ID: ThrowException in Foo.Client.dll ID#';
    const hits = expectAllPlans(lits, text);
    expect(hits.filter(([, i]) => i === 0).map(([p]) => p)).toEqual([0, text.length - 1]);
    expect(hits.filter(([, i]) => i === 1).length).toBe(2);
    expectAllPlans(['z'], 'z');
    expectAllPlans(['z', 'abc'], 'abcz');
  });

  it('matches multibyte UTF-8 literals as bytes', () => {
    const lits = ['正常にインストール', 'インストール', 'é'];
    const text = 'OK: 正常にインストールされました — café, インストール';
    const hits = expectAllPlans(lits, text);
    expect(hits.map(([, i]) => i).sort()).toEqual([0, 1, 1, 2]);
    const first = enc.encode('OK: ').length;
    expect(hits[0]).toEqual([first, 0]);
  });

  it('handles empty and tiny buffers and an empty literal list', () => {
    expectAllPlans(['abc', 'x'], '');
    expectAllPlans(['abc'], 'ab');
    expectAllPlans(['ab'], 'a');
    const none = new LiteralSearch([]);
    expect(run(none, enc.encode('anything'), 0, 8)).toEqual([]);
    expect(none.firstIndex(enc.encode('anything'))).toBe(-1);
  });

  it('reports duplicated literals under each index', () => {
    expect(expectAllPlans(['dup', 'dup'], '-dup-')).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });

  it('rejects empty literals', () => {
    expect(() => new LiteralSearch(['ok', ''])).toThrow(RangeError);
  });

  it('accepts a Node Buffer (and pooled Buffers with odd byteOffset)', () => {
    const s = new LiteralSearch(['0x000190', '8024400']);
    const b = Buffer.from('WARNING: SOAP Fault: 0x000190, error 0x8024400E');
    const hits = run(s, b, 0, b.length);
    expect(hits).toEqual(naive(s.literals, b, 0, b.length));
    expect(hits.length).toBe(2);
  });

  it('firstIndex returns the smallest start at or after from, or -1', () => {
    const lits = ['long literal here', 'here', 'lit'];
    const text = enc.encode('a long literal here, lit');
    for (const s of plans(lits)) {
      expect(s.firstIndex(text)).toBe(2);
      expect(s.firstIndex(text, 3)).toBe(7);
      expect(s.firstIndex(text, 8)).toBe(15);
      expect(s.firstIndex(text, 16)).toBe(21);
      expect(s.firstIndex(text, 22)).toBe(-1);
    }
  });

  it('exposes the chosen plan: stride bounded by the shortest literal (plus the window sticking out by a byte)', () => {
    const s = new LiteralSearch(['ID:', 'InternalServerError']);
    expect(s.plan.windowWidth).toBe(3);
    expect(s.plan.stride).toBeLessThanOrEqual(4);
    const long = new LiteralSearch(['InternalServerError', 'Synchronizing server updates']);
    expect(long.plan.stride).toBeGreaterThan(2);
    expect(long.plan.stride).toBeLessThanOrEqual(20);
  });

  it("a two-byte literal no longer forces stride 1: the scanner's set runs at stride 2, width 3, on log text", () => {
    const sample = enc.encode(
      '2008-08-12\t05:15:41:253\t 940\tf54\tAU\t<<## SUBMITTED ## AU: Search for updates [CallId = {8D0E4B9F-27B6-4B8A}]\r\n'.repeat(50),
    );
    const lits = scanLiterals(RULES);
    for (const s of [new LiteralSearch(lits, { sample }), new LiteralSearch(lits)]) {
      expect(s.plan.windowWidth).toBe(3);
      expect(s.plan.stride).toBe(2);
      // `[8` registers `?[8` (offset −1) and `[8?` (offset 0): windows sticking out of the literal.
      expect(s.plan.windowOffsets[lits.indexOf('[8')]).toBe(-1);
    }
  });

  it('width 3 only filters on the class of the third byte: same-class bytes are verified, never reported', () => {
    // b & 31 puts 'C', 'c', '#' and 0xC3 (a UTF-8 lead byte) in one class, and '=', ']' and 0x1D in another: the
    // verification must tell them apart, at every position parity, alignment and plan.
    const lits = ['[C', 'hr =', 'x#', 'ode C'];
    const cases: [string, Hit[]][] = [
      ['[c[#[\xC3[C', [[6, 0]]],
      ['hr =hr -hr ]hr \x1D', [[0, 1]]],
      [
        'x#xCxcx\xC3xc#x#',
        [
          [0, 2],
          [11, 2],
        ],
      ],
      [
        'ode code Code Cod# ode C',
        [
          [5, 3],
          [10, 3],
          [19, 3],
        ],
      ],
    ];
    for (const [text, hits] of cases)
      expect(
        expectAllPlans(
          lits,
          Uint8Array.from(text, (ch) => ch.charCodeAt(0)),
        ),
      ).toEqual(hits);
  });

  it('width 3 at strides 4, 8 and 12 (one aligned 32-bit load per sample) finds matches up to the last byte', () => {
    const lits = ['InternalServerError', 'SoapUtilities.CreateException', 'SOAP Fault: 0x000190'];
    const text = 'xx InternalServerError SOAP Fault: 0x000190 SoapUtilities.CreateException InternalServerError';
    for (let cut = text.length - 24; cut <= text.length; cut++) {
      const bytes = enc.encode(text.slice(0, cut));
      const expected = naive(lits, bytes, 0, bytes.length);
      for (const stride of [4, 8, 12]) {
        const s = new LiteralSearch(lits, { windowWidth: 3, stride });
        expect(s.plan.stride).toBe(stride);
        for (const off of [0, 1, 2, 3]) expect(run(s, at(bytes, off), 0, bytes.length), `stride ${stride} cut ${cut} offset ${off}`).toEqual(expected);
      }
    }
  });

  it('finds two-byte literals at the first and last byte of the buffer, under every plan and alignment', () => {
    const lits = ['[8', '[C', '[c', '0x8', 'hr ='];
    for (const text of ['[8', '[C[c', '[8 hr = 0x8 [C', 'x[c', '[8x', '[[8[[C[c[', 'hr =[c', '[C0x8']) expectAllPlans(lits, text);
    expect(expectAllPlans(lits, '[8024400E] then hr = 0x8 and [c')).toEqual([
      [0, 0],
      [16, 4],
      [21, 3],
      [29, 2],
    ]);
    // One-byte literals sticking out on both sides at a stride above 1.
    expectAllPlans(['#', 'ab'], '#ab#');
    expectAllPlans(['#', 'ab'], 'ab#ab');
  });

  it('finds a two-byte literal split across chunks (carry of one byte) at every split point and alignment', () => {
    const lits = ['[8', '[C', 'hr ='];
    const text = enc.encode('a[8b[C[8 hr =[C');
    const expected = naive(lits, text, 0, text.length);
    for (const search of plans(lits)) {
      for (let cut = 1; cut < text.length; cut++) {
        for (const off of [0, 1, 2, 3]) {
          // First chunk: starts in [0, cut) and may read past cut; second: the rest, with the 3-byte carry before it.
          const got: Hit[] = [];
          const head = at(text.subarray(0, Math.min(text.length, cut + 3)), off);
          search.scan(head, 0, cut, (p, i) => got.push([p, i]));
          const tailFrom = Math.max(0, cut - 3);
          search.scan(at(text.subarray(tailFrom), off), cut - tailFrom, text.length - tailFrom, (p, i) => got.push([tailFrom + p, i]));
          expect(got, `plan ${JSON.stringify(search.plan)} cut ${cut} offset ${off}`).toEqual(expected);
        }
      }
    }
  });
});

describe('LiteralSearch — randomized against the naive reference', () => {
  const alphabet = ['a', 'b', 'c', 'é'];
  const word = (max: number) => fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: max }).map((cs) => cs.join(''));

  it('agrees with the reference for random literals, text, ranges and plans', () => {
    fc.assert(
      fc.property(
        fc.array(word(6), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(...alphabet), { maxLength: 300 }).map((cs) => enc.encode(cs.join(''))),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 3 }),
        fc.option(fc.record({ windowWidth: fc.constantFrom(1 as const, 2 as const, 3 as const), stride: fc.integer({ min: 1, max: 8 }) }), {
          nil: undefined,
        }),
        (literals, text, a, b, off, forced) => {
          const from = text.length === 0 ? 0 : a % (text.length + 2);
          const to = text.length === 0 ? b % 3 : b % (text.length + 3);
          const search = new LiteralSearch(literals, forced ?? {});
          const expected = naive(literals, text, from, to);
          expect(run(search, at(text, off), from, to)).toEqual(expected);
          const first = search.firstIndex(at(text, off), from);
          expect(first).toBe(naive(literals, text, from, text.length)[0]?.[0] ?? -1);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('width 3 agrees with the reference on text whose bytes share third-byte classes, at any range, stride and alignment', () => {
    // Every byte here is in class 3 or 27 (b & 31): \x03 # C c, 'Ã' = C3 83, then [ { and 'û' = C3 BB. The filter
    // passes nearly every sample, so the verification and the edges do all the work.
    const chars = ['\x03', '#', 'C', 'c', 'Ã', '[', '{', 'û'];
    const str = (max: number) => fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: max }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.array(str(7), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom(...chars), { maxLength: 120 }).map((cs) => enc.encode(cs.join(''))),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 9 }),
        (literals, text, a, b, off, stride) => {
          const from = a % (text.length + 2);
          const to = b % (text.length + 3);
          const expected = naive(literals, text, from, to);
          for (const search of [new LiteralSearch(literals, { windowWidth: 3, stride }), new LiteralSearch(literals, { windowWidth: 3, sample: text })]) {
            expect(run(search, at(text, off), from, to), JSON.stringify(search.plan)).toEqual(expected);
            expect(search.firstIndex(at(text, off), from)).toBe(naive(literals, text, from, text.length)[0]?.[0] ?? -1);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps increasing order when long literals with large window offsets overlap short ones', () => {
    // Dense matches over a 2-letter alphabet: a literal verified late (large window offset) often
    // starts before one already found, which the pending queue must hold back.
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 12 }).map((cs) => cs.join('')),
          { minLength: 2, maxLength: 5 },
        ),
        fc.array(fc.constantFrom('a', 'b'), { maxLength: 200 }).map((cs) => enc.encode(cs.join(''))),
        fc.integer({ min: 1, max: 11 }),
        fc.constantFrom(1 as const, 2 as const, 3 as const),
        (literals, text, stride, windowWidth) => {
          const search = new LiteralSearch(literals, { stride, windowWidth, sample: enc.encode('abbbbbbbbbbbbbbbbbbbbbbbbbbbbbaaab') });
          expect(run(search, text, 0, text.length)).toEqual(naive(literals, text, 0, text.length));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('chunked scanning with a carry of maxLen-1 bytes finds exactly the whole-buffer matches', () => {
    fc.assert(
      fc.property(
        fc.array(word(5), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 400 }).map((cs) => enc.encode(cs.join(''))),
        fc.integer({ min: 1, max: 64 }),
        (literals, text, chunk) => {
          const search = new LiteralSearch(literals);
          const carry = Math.max(...literals.map((l) => enc.encode(l).length)) - 1;
          const got: Hit[] = [];
          // Same scheme as the bench / scanner: [carry | new chunk], scan starts up to len - carry.
          let base = 0; // file offset of buf[0]
          let have = 0;
          const buf = new Uint8Array(chunk + carry);
          for (let read = 0; ; ) {
            const n = Math.min(chunk, text.length - read);
            buf.set(text.subarray(read, read + n), have);
            read += n;
            const len = have + n;
            const eof = n === 0;
            const to = eof ? len : len - carry;
            if (to > 0) search.scan(buf.subarray(0, len), 0, to, (p, i) => got.push([base + p, i]));
            if (eof) break;
            const keep = Math.min(carry, len);
            buf.copyWithin(0, len - keep, len);
            base += len - keep;
            have = keep;
          }
          expect(got.slice().sort((x, y) => x[0] - y[0] || x[1] - y[1])).toEqual(naive(literals, text, 0, text.length));
          for (let k = 1; k < got.length; k++) expect(got[k]![0]).toBeGreaterThanOrEqual(got[k - 1]![0]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("finds the scanner's literal set (rules and failure-code cues) in log-like text under every plan", () => {
    const lits = scanLiterals(RULES);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...lits),
            fc.constantFrom('\t', ' ', '0', '2008-08-12', 'WARNING: ', 'Server', 'I', 'D', '[', '[C', '8'),
            fc.string({ maxLength: 8 }),
          ),
          {
            maxLength: 60,
          },
        ),
        (parts) => {
          const text = enc.encode(parts.join(''));
          const expected = naive(lits, text, 0, text.length);
          const forced = [1, 2, 3].map((stride) => new LiteralSearch(lits, { windowWidth: 3, stride }));
          for (const s of [new LiteralSearch(lits), new LiteralSearch(lits, { sample: text }), ...forced]) {
            expect(run(s, text, 0, text.length)).toEqual(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('SmallSearch (a few bytes, no plan) finds what LiteralSearch finds', () => {
  const literals = scanLiterals();
  const planned = new LiteralSearch(literals);
  const small = new SmallSearch(literals);
  const hits = (s: { scan: LiteralSearch['scan'] }, buf: Uint8Array, from: number, to: number) => {
    const out: [number, number][] = [];
    s.scan(buf, from, to, (p, l) => out.push([p, l]));
    return out;
  };
  const sorted = (h: [number, number][]) => [...h].sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  it('on random mixes of the literals and log bytes, in any range, in position order', () => {
    const pieces = [...literals, ' ', '\n', '0', 'x', '[', '=', 'hr', 'ode', 'rror', '2008-08-12\t09:15:41:203\t 988\tc4\tPT\t'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 120 }), fc.nat(), fc.nat(), (parts, a, b) => {
        const buf = Buffer.from(parts.join(''), 'utf8');
        const from = buf.length === 0 ? 0 : a % buf.length;
        const to = from + (buf.length === 0 ? 0 : b % (buf.length - from + 1));
        const got = hits(small, buf, from, to);
        expect(got.map((h) => h[0])).toEqual([...got.map((h) => h[0])].sort((x, y) => x - y));
        expect(sorted(got)).toEqual(sorted(hits(planned, buf, from, to)));
      }),
      { numRuns: 500 },
    );
  });
});
