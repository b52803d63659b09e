import { isFailureCode } from './result-codes.js';
import type { CodeCount } from './types.js';

/*
 * Failure codes in log text, in the shapes logs print them: `0x8024402C`, `error = 0x8024400e`, `hr = 80072ee2`,
 * `[800704CF]`, `(800B0109)`, `errorCode=0x803d0013`, `PTError: 0x8024400e`, `failed with 0x80072ee2`, and the
 * decimal HRESULTs .NET and WSUS print after an error word (`error 2148204801`, `failed … with 2148204800`,
 * `error was: -2146762487`). A code is exactly eight hex digits standing alone (no hex, word or `-` on either side),
 * so pieces of GUIDs, hashes, thumbprints and ServiceIds never count; without `0x` it counts only after a cue (`hr`,
 * `error`, `code`, `with`, … or inside `[…]` / `(…)`), because a bare eight-hex token is as often a hash. A decimal
 * counts only after an error cue and only in the failure range (a 10-digit count of bytes is not a code). Only
 * failures count: the severity bit must be set, and the literal pre-check looks for the 0x8…/0xC… forms Windows
 * prints (customer/reserved bits clear).
 */

/**
 * Byte literals (case-sensitive) of which a line holding a failure code contains at least one: the scanner adds
 * them to its single-pass literal search, so only those lines are decoded and examined.
 */
export const CODE_LITERALS: readonly string[] = [
  ...['0x8', '0xC', '0xc', '0X8', '0XC', '0Xc', '[8', '[C', '[c', '(8', '(C', '(c'],
  // Bare codes come after a cue word: the literal is the cue's tail, not `=8` (every `=` of a log would be a partial
  // match) nor ` 8` (Windows 10 logs print thread ids such as ` 8096` on every line).
  ...['hr =', 'hr=', 'hr:', 'HR =', 'rror =', 'rror=', 'rror:', 'rror 8', 'rror C', 'rror c', 'RROR'],
  ...['ode =', 'ode=', 'ode:', 'ode 8', 'ode C', 'ode c', 'esult =', 'esult=', 'tatus =', 'tatus=', 'with 8', 'with C', 'with c'],
  // Decimal HRESULTs: unsigned 2147483648–4294967295 starts with 2, 3 or 4; signed ones with `-2`/`-1`.
  ...['rror 2', 'rror 3', 'rror 4', 'rror -', 'with 2', 'with 3', 'with 4', 'with -', 'was: 2', 'was: -'],
];

/**
 * The literals of the `[…]` and `(…)` forms: two bytes, and `[C` starts every `[CallId = …]` of a WindowsUpdate.log,
 * `(c` every `(cV = …)` of a Windows 10 one.
 */
export const BRACKET_LITERALS: ReadonlySet<string> = new Set(['[8', '[C', '[c', '(8', '(C', '(c']);

const isHexByte = (b: number | undefined): boolean => b !== undefined && ((b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66));

/**
 * Whether the `[` at `at` opens a bracketed code `[XXXXXXXX]`, read off the bytes: the scanner asks this of a
 * bracket literal's hit before it decodes the line, so the `[CallId`/`[CallerId` lines (a quarter of a
 * WindowsUpdate.log) are not decoded and run through the extraction for nothing.
 */
export function opensBracketedCode(buf: Uint8Array, at: number): boolean {
  for (let i = 1; i <= 8; i++) if (!isHexByte(buf[at + i])) return false;
  return buf[at + 9] === (buf[at] === 0x28 ? 0x29 : 0x5d); // `(` closes with `)`, `[` with `]`
}

const HEX0X = /(?<![0-9A-Za-z_-])0[xX]([0-9A-Fa-f]{8})(?![0-9A-Za-z_-])/g;
const BARE = /(?:(?<![A-Za-z])(?:hr|hresult|error|err|errorcode|code|result|status|with)\s*(?:[=:]\s*)?|([[(]))([0-9A-Fa-f]{8})([\])]?)(?![0-9A-Za-z_-])/gi;
/** A decimal HRESULT after an error cue: `error 2148204801`, `with 2148204800`, `error was: -2146762487`. */
const DECIMAL = /(?<![A-Za-z])(?:error|with|was:)\s+(-?\d{10})(?![\d.,])/gi;

/** Cheap test before the regular expressions: could this line hold a failure code? */
export function mayHoldCode(line: string): boolean {
  for (const l of CODE_LITERALS) if (line.includes(l)) return true;
  return false;
}

/** The failure codes on one line, normalized to `0x` + 8 upper-case hex digits, in order, repeats kept. */
export function codesInLine(line: string): string[] {
  return mayHoldCode(line) ? codesInCandidate(line) : [];
}

/** codesInLine for a line the caller already pre-checked (the scanner's literal search did). */
function codesInCandidate(line: string): string[] {
  const found: { at: number; code: string }[] = [];
  // Most candidate lines hold a bare code after a cue (`hr = 80242013`): the `0x` expression is skipped on them.
  if (line.includes('0x') || line.includes('0X')) for (const m of line.matchAll(HEX0X)) push(found, m.index!, m[1]!);
  for (const m of line.matchAll(BARE)) {
    // `[8b24b027…` without its closing bracket is not a code, nor `(8024…]`
    if (m[1] !== undefined && m[3] !== (m[1] === '(' ? ')' : ']')) continue;
    push(found, m.index!, m[2]!);
  }
  if (/\d{10}/.test(line)) {
    for (const m of line.matchAll(DECIMAL)) {
      const n = Number(m[1]);
      // Signed: -2147483648…-1; unsigned: only the failure range (a 10-digit byte count below 2^31 is no code).
      if (n >= -0x80000000 && n <= 0xffffffff && (n < 0 || n >= 0x80000000)) push(found, m.index!, (n >>> 0).toString(16).padStart(8, '0'));
    }
  }
  if (found.length > 1) found.sort((a, b) => a.at - b.at); // each pass is in order already; merge them
  return found.map((f) => f.code);
}

function push(found: { at: number; code: string }[], at: number, hex: string): void {
  // `hex` is exactly eight hex digits: upper-cased, it is formatCode()'s form without printing the parsed value back.
  if (isFailureCode(Number.parseInt(hex, 16) >>> 0)) found.push({ at, code: `0x${hex.toUpperCase()}` });
}

/** Per code: how often and on which lines (the first few), memory bounded whatever the input size. */
export const MAX_LINES_PER_CODE = 5;
/** Distinct codes tracked; a log with more distinct failure codes than this is not a Windows Update log. */
export const MAX_DISTINCT_CODES = 500;

/**
 * A line that gives a code as the result of a sync or a search (the client's and the WSUS server's wording): the code
 * that failed the operation, beside the codes it met on the way.
 */
const OUTCOME =
  /Exit code\s*=|Sync of Updates:|SyncUpdates failure|Failed to synchroni[sz]e|Failed to find updates|FATAL:|SyncUpdates_WithRecovery failed|Synchroni[sz]ation failed|Search failed|failed to search/i;

export class CodeTally {
  private readonly byCode = new Map<string, { count: number; lines: number[]; outcome: boolean }>();

  /** `text` must hold one of CODE_LITERALS (the scanner's search found one); other callers use codesInText. */
  addLine(lineNumber: number, text: string): void {
    const codes = codesInCandidate(text);
    if (codes.length === 0) return;
    const outcome = OUTCOME.test(text);
    for (const code of codes) this.add(lineNumber, code, outcome);
  }

  private add(lineNumber: number, code: string, outcome: boolean): void {
    let entry = this.byCode.get(code);
    if (!entry) {
      if (this.byCode.size >= MAX_DISTINCT_CODES) return;
      entry = { count: 0, lines: [], outcome: false };
      this.byCode.set(code, entry);
    }
    entry.count++;
    if (outcome) entry.outcome = true;
    if (entry.lines.length < MAX_LINES_PER_CODE && entry.lines.at(-1) !== lineNumber) entry.lines.push(lineNumber);
  }

  /** By first appearance (src/diagnose/problems.ts ranks them by what explains the failure). */
  result(): CodeCount[] {
    return [...this.byCode]
      .map(([code, e]) => ({ code, count: e.count, lines: [...e.lines], ...(e.outcome ? { outcome: true } : {}) }))
      .sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
  }
}

/** Every failure code in a whole text (for callers outside the scanner). */
export function codesInText(text: string): CodeCount[] {
  const tally = new CodeTally();
  text.split(/\r?\n/).forEach((line, i) => {
    if (mayHoldCode(line)) tally.addLine(i + 1, line);
  });
  return tally.result();
}

/** Several inputs' codes as one list: counts add up; the lines are those of the first input that has the code. */
export function mergeCodeCounts(lists: readonly (readonly CodeCount[])[]): CodeCount[] {
  const byCode = new Map<string, CodeCount>();
  for (const list of lists) {
    for (const c of list) {
      const seen = byCode.get(c.code);
      byCode.set(c.code, seen ? { ...seen, count: seen.count + c.count, ...(c.outcome ? { outcome: true } : {}) } : c);
    }
  }
  return [...byCode.values()];
}
