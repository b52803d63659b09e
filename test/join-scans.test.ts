import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinScans } from '../src/detect/join-scans.js';
import { MAX_FINDINGS_PER_RULE, scanText } from '../src/detect/scanner.js';
import { fixture } from './support/fixtures.js';

/** A fixture's non-empty lines. */
const linesOf = (name: string) =>
  fixture(name)
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
const LINES = [
  ...linesOf('client-affected.log'),
  ...linesOf('client-other-errors.log'),
  ...linesOf('server-affected.log'),
  ...linesOf('client-healthy.log'),
  // rules that keep only their first finding, or each value once
  '2008-08-12\t09:15:41:203\t 988\tc4\tAgent\t  * Title = Security Update for Microsoft Office 2003 (KB954466)',
  '2008-08-12\t09:15:42:100\t 988\tc4\tPT\tWARNING: SOAP Fault: 0x000190 at SimpleAuthWebService/GetAuthorizationCookie',
  '2008-08-12\t09:15:43:000\t 988\tc4\tPT\t  Server URL = http://wsus02:8530/ClientWebService/client.asmx',
];

/** The scan of `lines` cut after line `cut`, joined, against the scan of the whole. */
function splitAndJoin(lines: readonly string[], cut: number, eol = '\n') {
  const text = (ls: readonly string[]) => ls.map((l) => l + eol).join('');
  const whole = scanText(text(lines));
  const joined = joinScans(scanText(text(lines.slice(0, cut))), scanText(text(lines.slice(cut))));
  return { whole, joined };
}

describe('joinScans: two parts of one input scan as the whole', () => {
  it('equals the whole scan at every cut of real logs, findings, attempts, counts and codes alike', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 120 }), fc.nat(), fc.constantFrom('\n', '\r\n'), (lines, n, eol) => {
        const { whole, joined } = splitAndJoin(lines, n % (lines.length + 1), eol);
        expect(joined).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('carries every kind of line across the cut: each line of the pool on both sides of it', () => {
    for (const line of new Set(LINES)) {
      const lines = [line, LINES[0]!, line, line];
      for (const cut of [1, 2, 3]) expect(splitAndJoin(lines, cut).joined, line).toEqual(splitAndJoin(lines, 0).whole);
    }
  });

  it('keeps the first findings and the newest of a rule that matches more often than it keeps', () => {
    const failure = LINES.find((l) => l.includes('SyncUpdates failure'))!;
    const other = LINES.find((l) => !scanText(l).findings.length)!;
    const lines = Array.from({ length: 2 * MAX_FINDINGS_PER_RULE + 7 }, (_, i) => (i % 3 === 2 ? other : failure));
    for (const cut of [0, 1, 300, MAX_FINDINGS_PER_RULE, 760, 900, lines.length - 1, lines.length]) {
      const { whole, joined } = splitAndJoin(lines, cut);
      expect(joined, `cut at ${cut}`).toEqual(whole);
      expect(whole.findings.filter((f) => f.rule === whole.findings[0]!.rule).length).toBe(MAX_FINDINGS_PER_RULE + 1);
    }
  });

  it('an empty second part changes nothing', () => {
    const whole = scanText(`${LINES.slice(0, 40).join('\n')}\n`);
    expect(joinScans(whole, scanText(''))).toEqual(whole);
  });
});
