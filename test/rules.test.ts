import { describe, expect, it } from 'vitest';
import type { Rule, RuleId } from '../src/detect/types.js';
import { RULES } from '../src/detect/rules.js';
import { scanText } from '../src/detect/scanner.js';

// Every rule carries its own examples: adding a rule adds its tests.
describe.each(RULES.map((r): readonly [string, Rule<RuleId>] => [r.id, r]))('rule %s', (_id, rule) => {
  it('has at least one positive and one negative example', () => {
    expect(rule.examples.match.length).toBeGreaterThan(0);
    expect(rule.examples.noMatch.length).toBeGreaterThan(0);
  });

  it.each(rule.examples.match.map((e) => [e.line, e] as const))('matches %s', (_line, example) => {
    // The literal pre-filter must let the line through, or the scanner never sees it.
    expect(rule.literals.some((l) => example.line.includes(l))).toBe(true);
    expect(rule.pattern.test(example.line)).toBe(true);
    const scan = scanText(example.line, [rule]);
    expect(scan.counts[rule.id]).toBe(1);
    if (example.fields && rule.keep !== 'none') {
      const finding = scan.findings.find((f) => f.rule === rule.id);
      expect(finding?.fields).toMatchObject(example.fields);
    }
  });

  it.each(rule.examples.noMatch.map((l) => [l] as const))('does not match %s', (line) => {
    expect(scanText(line, [rule]).counts[rule.id]).toBe(0);
  });
});

describe('rule set', () => {
  it('has unique ids', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('stays linear on a 1 MB line full of near-misses (no backtracking)', () => {
    const nearMiss = 'ThrowException: actor = http://wsus/ClientWebService/client.asmx, ID=';
    const line = `${'SOAP Fault: 0x00019 InternalServerError( 8024400 KB954960 3.1.6001. Office 200 ID: '.repeat(12000)}${nearMiss.repeat(2000)}`;
    expect(line.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    for (const rule of RULES) rule.pattern.test(line);
    scanText(line);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
