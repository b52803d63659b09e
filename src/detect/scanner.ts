import { BRACKET_LITERALS, CODE_LITERALS, CodeTally, opensBracketedCode } from './extract-codes.js';
import { LiteralSearch } from './literal-search.js';
import { SmallSearch } from './small-search.js';
import { PROBLEM_RULES } from './problems/index.js';
import { RULES } from './rules.js';
import type { Finding, Rule, RuleId, ScanResult } from './types.js';

/** Findings kept per rule; a log that fails at every sync attempt for a year must not grow without bound. */
export const MAX_FINDINGS_PER_RULE = 500;
/**
 * A "line" longer than this is scanned in pieces (same line number): one 1 GB line with no newline must not be
 * held in memory. A literal that straddles two pieces of such a line can be missed; real log lines are far shorter.
 */
export const MAX_LINE_BYTES = 1 << 20;

/** How much of the first chunk tunes the literal search (bench/literal-search: ~1.5× the static model's speed). */
const SAMPLE_BYTES = 1 << 20;
/**
 * A first chunk shorter than this is not worth a tuned plan: working one out costs ~5–20 ms, as much as scanning a
 * few MB saves. Such inputs (pastes, small files, every input the bot scans inline) share one search per rule set,
 * on the static model (RulePlan.untuned).
 */
const TUNE_MIN_BYTES = 1 << 20;

/**
 * Below this many bytes, and while no plan has been worked out in this process, 68 Buffer.indexOf passes (~0.07 ms at
 * 4 KiB) cost less than working one out.
 */
const SMALL_RANGE_BYTES = 4096;

const LF = 0x0a;
const CR = 0x0d;

/** What a scan looks for by default: the KB954960 rules, then the line rules of the other known problems. */
export const DETECTION_RULES: readonly Rule<RuleId>[] = [...RULES, ...PROBLEM_RULES];

/** What a Scanner works out from its rules: the same for every scan with them. */
interface RulePlan {
  readonly literals: readonly string[];
  readonly rulesByLiteral: readonly (readonly number[])[];
  readonly isCodeLiteral: Uint8Array;
  readonly bracketLiteral: Uint8Array;
  /** The search on the static model, worked out by the first scan that needs it (then it serves every small input). */
  untuned?: LiteralSearch;
  /** The plan-free search, until there is an untuned one (small-search.ts). */
  small?: SmallSearch;
}

/**
 * Worked out once per rule set: it took ~120 µs (68 literals × the rules' literal lists), a third of a 40 KB paste's
 * scan, and the bot scans every paste with the same rules.
 */
const rulePlans = new WeakMap<readonly Rule<RuleId>[], RulePlan>();

function rulePlan(rules: readonly Rule<RuleId>[]): RulePlan {
  let plan = rulePlans.get(rules);
  if (!plan) {
    // The failure-code literals ride in the same search: one pass finds rule lines and code lines alike.
    const literals = [...new Set([...rules.flatMap((r) => r.literals), ...CODE_LITERALS])];
    const isCodeLiteral = new Uint8Array(literals.length);
    for (const l of CODE_LITERALS) isCodeLiteral[literals.indexOf(l)] = 1;
    plan = {
      literals,
      rulesByLiteral: literals.map((l) => rules.flatMap((r, i) => (r.literals.includes(l) ? [i] : []))),
      isCodeLiteral,
      bracketLiteral: Uint8Array.from(literals, (l) => (BRACKET_LITERALS.has(l) && !rules.some((r) => r.literals.includes(l)) ? 1 : 0)),
    };
    rulePlans.set(rules, plan);
  }
  return plan;
}

/** Every literal a scan with these rules searches for: the rules' own, then the failure-code literals. */
export function scanLiterals(rules: readonly Rule<RuleId>[] = DETECTION_RULES): readonly string[] {
  return rulePlan(rules).literals;
}

export class Scanner {
  private readonly rules: readonly Rule<RuleId>[];
  private readonly plan: RulePlan;
  /**
   * Chosen on the first range of SMALL_RANGE_BYTES or more: tuned on a sample of its chunk when that is long enough
   * (the plan then fits this log's byte statistics), else the rule set's untuned one.
   */
  private search: LiteralSearch | undefined;
  private readonly literals: readonly string[];
  /** For each literal of the search, the indices (in rule order) of the rules that list it. */
  private readonly rulesByLiteral: readonly (readonly number[])[];
  /** 1 at the index (in `literals`) of a failure-code literal: a hit on one of them runs the code extraction. */
  private readonly isCodeLiteral: Uint8Array;
  /**
   * 1 for the literals already hit in the pending line. A line dense with literals (`ID: ID: …`, `ErrorCode=…` for
   * the code cue `ode=`) gets each literal once: pushing every hit of a 1 MB line cost more than the search itself.
   */
  private readonly hitInLine: Uint8Array;
  /** bracketLiteral[i] = 1 when literal i is a `[…]` code's opening: its hit counts only if the code follows. */
  private readonly bracketLiteral: Uint8Array;
  private readonly codes = new CodeTally();
  private readonly kept = new Map<string, Finding[]>();
  private readonly lastOverflow = new Map<string, Finding>();
  private readonly seenValues = new Map<string, Set<string>>();
  /** Matches per rule, by rule index (typed array: this is on the hot path). */
  private readonly counts: Uint32Array;
  private carry: Buffer | null = null;
  /**
   * Pieces of the current (over-long, newline-less) line were already scanned and dropped: the line is open even
   * though `carry` is empty. Without this a line longer than MAX_LINE_BYTES at the end of the input was not counted.
   */
  private midLine = false;
  /** Complete lines before the bytes currently being processed. */
  private lineCount = 0;
  private bytes = 0;
  private attempt = 0;
  private ended = false;

  constructor(rules: readonly Rule<RuleId>[] = DETECTION_RULES) {
    this.rules = rules;
    const plan = (this.plan = rulePlan(rules));
    this.literals = plan.literals;
    this.isCodeLiteral = plan.isCodeLiteral;
    this.bracketLiteral = plan.bracketLiteral;
    this.rulesByLiteral = plan.rulesByLiteral;
    this.hitInLine = new Uint8Array(plan.literals.length);
    this.counts = new Uint32Array(rules.length);
  }

  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error('Scanner.push after end');
    if (chunk.length === 0) return;
    this.bytes += chunk.length;
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    let from = 0;
    if (this.carry) {
      // Join only the line that straddles the chunks; copying whole chunks costs more than the scan itself.
      const firstLf = buf.indexOf(LF);
      if (firstLf === -1) {
        this.carryOn(Buffer.concat([this.carry, buf]));
        return;
      }
      const joined = Buffer.concat([this.carry, buf.subarray(0, firstLf + 1)]);
      this.carry = null;
      this.midLine = false; // the open line ends here
      this.processLines(joined, 0, joined.length);
      from = firstLf + 1;
    }
    const lastLf = buf.lastIndexOf(LF);
    if (lastLf < from) {
      this.carryOn(buf.subarray(from));
      return;
    }
    this.midLine = false; // the open line (if any) ends at the first newline here
    this.processLines(buf, from, lastLf + 1);
    this.carry = lastLf + 1 < buf.length ? Buffer.from(buf.subarray(lastLf + 1)) : null; // copy: do not pin the chunk
  }

  /** Keeps a partial line for the next chunk; one that grows past MAX_LINE_BYTES is scanned as a piece now. */
  private carryOn(partial: Buffer): void {
    if (partial.length > MAX_LINE_BYTES) {
      this.processPiece(partial);
      this.carry = null;
      this.midLine = true;
    } else {
      this.carry = Buffer.from(partial);
    }
  }

  end(): ScanResult {
    if (!this.ended) {
      this.ended = true;
      if (this.carry && this.carry.length > 0) {
        this.processLines(this.carry, 0, this.carry.length);
        this.lineCount += 1; // the last line had no newline
      } else if (this.midLine) {
        this.lineCount += 1; // the last line had no newline, and was scanned in pieces
      }
      this.carry = null;
    }
    const findings: Finding[] = [];
    for (const list of this.kept.values()) findings.push(...list);
    for (const last of this.lastOverflow.values()) findings.push(last);
    findings.sort((a, b) => a.line - b.line);
    const counts: Record<string, number> = {};
    this.rules.forEach((r, i) => {
      counts[r.id] = this.counts[i]!;
    });
    return { findings, counts, codes: this.codes.result(), lines: this.lineCount, bytes: this.bytes };
  }

  /**
   * The search for a range of this length, in `buf`: a planned one once there is one; else a few bytes get the
   * plan-free one, and the first longer range chooses the planned one. All find exactly the same hits.
   */
  private searchOver(length: number, buf: Uint8Array): SmallSearch | LiteralSearch {
    const plan = this.plan;
    if (this.search) return this.search;
    if (length < SMALL_RANGE_BYTES) return plan.untuned ?? (plan.small ??= new SmallSearch(this.literals));
    if (buf.length >= TUNE_MIN_BYTES) return (this.search = new LiteralSearch(this.literals, { sample: buf.subarray(0, SAMPLE_BYTES) }));
    return (this.search = plan.untuned ??= new LiteralSearch(this.literals));
  }

  /** A piece of an over-long line: scanned, but the line number does not advance. */
  private processPiece(buf: Buffer): void {
    const hitLiterals = new Set<number>();
    this.searchOver(buf.length, buf).scan(buf, 0, buf.length, (_pos, literal) => hitLiterals.add(literal));
    if (hitLiterals.size > 0) this.matchLine(this.lineCount + 1, buf.toString('utf8'), [...hitLiterals]);
  }

  /**
   * buf[start, end) ends with a newline, except for the final line of the input. The search reports literal hits in
   * position order; the hits of one line are gathered, then the line is decoded once and only the rules that list
   * one of its literals are tried.
   */
  private processLines(buf: Buffer, start: number, end: number): void {
    let counted = start; // newlines before `counted` are already in lineCount
    let lineStart = -1;
    let lineEnd = -1; // offset of the pending line's newline (or `end`)
    const hitLiterals: number[] = [];
    const flush = () => {
      for (let p = buf.indexOf(LF, counted); p !== -1 && p < lineStart; p = buf.indexOf(LF, p + 1)) this.lineCount++;
      counted = lineStart;
      const textEnd = lineEnd > lineStart && buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
      const text = buf.toString('utf8', lineStart, Math.min(textEnd, lineStart + MAX_LINE_BYTES));
      this.matchLine(this.lineCount + 1, text, hitLiterals);
      for (const l of hitLiterals) hitInLine[l] = 0;
      hitLiterals.length = 0;
    };
    const bracketLiteral = this.bracketLiteral;
    const hitInLine = this.hitInLine;
    this.searchOver(end - start, buf).scan(buf, start, end, (pos, literal) => {
      if (bracketLiteral[literal] === 1 && !opensBracketedCode(buf, pos)) return;
      if (pos < lineEnd) {
        // another literal in the pending line: only its first hit matters
        if (hitInLine[literal] === 0) {
          hitInLine[literal] = 1;
          hitLiterals.push(literal);
        }
        return;
      }
      if (lineStart !== -1) flush();
      lineStart = pos === 0 ? 0 : buf.lastIndexOf(LF, pos - 1) + 1;
      if (lineStart < start) lineStart = start;
      lineEnd = buf.indexOf(LF, pos);
      if (lineEnd === -1 || lineEnd > end) lineEnd = end;
      hitInLine[literal] = 1;
      hitLiterals.push(literal);
    });
    if (lineStart !== -1) flush();
    for (let p = buf.indexOf(LF, counted); p !== -1 && p < end; p = buf.indexOf(LF, p + 1)) this.lineCount++;
  }

  private matchLine(line: number, text: string, hitLiterals: readonly number[]): void {
    if (hitLiterals.some((l) => this.isCodeLiteral[l] === 1)) this.codes.addLine(line, text);
    // Usually one literal hit the line: its rule list is already in rule order.
    let candidates = this.rulesByLiteral[hitLiterals[0]!]!;
    if (hitLiterals.length > 1) {
      const union = new Set<number>();
      for (const literal of hitLiterals) for (const r of this.rulesByLiteral[literal]!) union.add(r);
      candidates = [...union].sort((a, b) => a - b);
    }
    let groupsTaken: Set<string> | undefined;
    for (const index of candidates) {
      const rule = this.rules[index]!;
      if (rule.group && groupsTaken?.has(rule.group)) continue;
      const m = rule.pattern.exec(text);
      if (!m) continue;
      if (rule.group) (groupsTaken ??= new Set()).add(rule.group);
      if (rule.startsAttempt) this.attempt++;
      this.counts[index]!++;
      this.record(rule, line, text, m);
    }
  }

  private record(rule: Rule<RuleId>, line: number, text: string, m: RegExpExecArray): void {
    const keep = rule.keep ?? 'all';
    if (keep === 'none') return;
    const groups = m.groups ?? {};
    const fields = rule.fields ? rule.fields(groups, text) : definedGroups(groups);
    const kept = this.kept.get(rule.id) ?? [];
    if (keep === 'first' && kept.length > 0) return;
    if (rule.distinctBy) {
      const value = fields[rule.distinctBy] ?? '';
      const seen = this.seenValues.get(rule.id) ?? new Set<string>();
      this.seenValues.set(rule.id, seen);
      if (seen.has(value)) return;
      seen.add(value);
    }
    const finding: Finding = { rule: rule.id, source: rule.source, line, text: trimEvidence(text), fields, attempt: this.attempt, ...timeOf(text) };
    if (kept.length < MAX_FINDINGS_PER_RULE) {
      kept.push(finding);
      this.kept.set(rule.id, kept);
    } else {
      this.lastOverflow.set(rule.id, finding); // keep the newest too: "failing since … and still on line N"
    }
  }
}

function definedGroups(groups: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(groups)) if (v !== undefined) out[k] = v;
  return out;
}

/** Evidence lines are shown and stored; a pathological line must not be. */
const MAX_EVIDENCE_CHARS = 1000;
function trimEvidence(text: string): string {
  return text.length > MAX_EVIDENCE_CHARS ? `${text.slice(0, MAX_EVIDENCE_CHARS)}…` : text;
}

// Classic WindowsUpdate.log `2008-08-12<TAB>09:15:41:203`, Windows 10+ `2023/05/22 08:08:32.6295131` (separator by
// locale), SoftwareDistribution.log `2008-08-12 00:15:41.187 UTC`. Leading white space: pastes are often indented.
const TIME = /^\s*(\d{4})[-./](\d{2})[-./](\d{2})[\t ]+(\d{2}:\d{2}:\d{2})[:.](\d{3})\d*(\s+UTC)?/;

export function timeOf(text: string): { time?: string } {
  const m = TIME.exec(text);
  if (!m) return {};
  return { time: `${m[1]}-${m[2]}-${m[3]}T${m[4]}.${m[5]}${m[6] ? 'Z' : ''}` };
}

export function scanBuffer(bytes: Uint8Array, rules?: readonly Rule<RuleId>[]): ScanResult {
  const scanner = new Scanner(rules);
  scanner.push(bytes);
  return scanner.end();
}

export function scanText(text: string, rules?: readonly Rule<RuleId>[]): ScanResult {
  return scanBuffer(Buffer.from(text, 'utf8'), rules);
}

export async function scanChunks(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, rules?: readonly Rule<RuleId>[]): Promise<ScanResult> {
  const scanner = new Scanner(rules);
  for await (const chunk of chunks) scanner.push(chunk);
  return scanner.end();
}
