import { MAX_DISTINCT_CODES, MAX_LINES_PER_CODE } from './extract-codes.js';
import { DETECTION_RULES, MAX_FINDINGS_PER_RULE } from './scanner.js';
import type { CodeCount, Finding, Rule, RuleId, ScanResult } from './types.js';

/**
 * Two scans of one input cut at a line boundary (`first` ends with a newline), joined into the scan of the whole: what
 * a Scanner fed both parts in order would have returned. A large local file is scanned in two parts at once, one per
 * core (src/scan/split.ts); this is the one place that knows how the scanner's state carries across lines:
 *
 * - line numbers and sync attempts of the second part continue those of the first;
 * - per rule, findings are kept as the scanner keeps them: the first MAX_FINDINGS_PER_RULE plus the newest beyond,
 *   `keep: 'first'` only the first, `distinctBy` each value once (the first time it was seen);
 * - failure codes add up, their first lines in order, MAX_DISTINCT_CODES at most (by first appearance).
 *
 * One approximation: a `distinctBy` rule with more than MAX_FINDINGS_PER_RULE distinct values in one part (never in a
 * real log: the values are server URLs and versions) keeps, as the scanner would not, a value the other part repeats.
 */
export function joinScans(first: ScanResult, second: ScanResult, rules: readonly Rule<RuleId>[] = DETECTION_RULES): ScanResult {
  const lineOffset = first.lines;
  // The scanner counts an attempt each time a rule that starts one matches.
  const attemptOffset = rules.reduce((n, r) => (r.startsAttempt ? n + (first.counts[r.id] ?? 0) : n), 0);
  const shifted = second.findings.map((f) => ({ ...f, line: f.line + lineOffset, attempt: f.attempt + attemptOffset }));

  const byRule = new Map<string, Finding[]>();
  for (const f of [...first.findings, ...shifted]) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const findings: Finding[] = [];
  for (const [id, list] of byRule) {
    const rule = rules.find((r) => r.id === id);
    let kept = list;
    if (rule?.distinctBy) {
      const seen = new Set<string>();
      kept = kept.filter((f) => {
        const value = f.fields[rule.distinctBy!] ?? '';
        if (seen.has(value)) return false;
        seen.add(value);
        return true;
      });
    }
    if (rule?.keep === 'first') kept = kept.slice(0, 1);
    // Each part kept its first ones and its newest: together they hold the whole input's first ones and its newest.
    else if (kept.length > MAX_FINDINGS_PER_RULE) kept = [...kept.slice(0, MAX_FINDINGS_PER_RULE), kept.at(-1)!];
    findings.push(...kept);
  }
  findings.sort((a, b) => a.line - b.line);

  const counts: Record<string, number> = { ...first.counts };
  for (const [rule, n] of Object.entries(second.counts)) counts[rule] = (counts[rule] ?? 0) + n;

  return { findings, counts, codes: joinCodes(first.codes, second.codes, lineOffset), lines: first.lines + second.lines, bytes: first.bytes + second.bytes };
}

function joinCodes(first: readonly CodeCount[], second: readonly CodeCount[], lineOffset: number): CodeCount[] {
  const byCode = new Map<string, CodeCount>(first.map((c) => [c.code, c]));
  for (const c of second) {
    const lines = c.lines.map((l) => l + lineOffset);
    const seen = byCode.get(c.code);
    // A code either part gives as a sync's result stays one (the ranking of the diagnosis reads it).
    const outcome = seen?.outcome || c.outcome ? { outcome: true } : {};
    if (seen) byCode.set(c.code, { code: c.code, count: seen.count + c.count, lines: [...seen.lines, ...lines].slice(0, MAX_LINES_PER_CODE), ...outcome });
    else if (byCode.size < MAX_DISTINCT_CODES) byCode.set(c.code, { code: c.code, count: c.count, lines, ...outcome });
  }
  return [...byCode.values()].sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
}
