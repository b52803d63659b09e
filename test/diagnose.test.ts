import { describe, expect, it } from 'vitest';
import { scanBuffer, scanText } from '../src/detect/scanner.js';
import { diagnose, type Verdict } from '../src/diagnose/diagnose.js';
import { serverState, type ServerFacts, type ServerState } from '../src/diagnose/server-state.js';
import { decodeToUtf8, type DecodeOptions } from '../src/ingest/decode.js';
import { fixture, KB_CLIENT_EXAMPLE, KB_SERVER_LINE, SEED_RUN_TOGETHER } from './support/fixtures.js';

const NOW = '2026-11-24T00:00:00.000Z';

/** A fixture's bytes decoded to UTF-8, in one Buffer. */
async function decodeBytes(bytes: Uint8Array, options: DecodeOptions): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of decodeToUtf8([bytes], options)) parts.push(chunk);
  return Buffer.concat(parts);
}
const verdictOf = (text: string, known?: Partial<ServerFacts>) =>
  diagnose(scanText(text), { lang: 'en', now: NOW, known: known ? { name: 'wsusebc', ...known } : null });

describe('client signature', () => {
  it("flags the KB's own example as affected, naming the server and the evidence lines", () => {
    const d = verdictOf(KB_CLIENT_EXAMPLE);
    expect(d.verdict).toBe('affected');
    expect(d.server).toBe('wsusebc');
    expect(d.evidence.map((f) => f.line)).toEqual([3, 4, 6, 8, 9]);
    expect(d.actions).toEqual(['check-server-version', 'install-fix', 'or-workaround', 'verify-fix', 'rerun-client-detection']);
    expect(d.notes).toContainEqual({ kind: 'fault-id-joins', id: 'c0a7445f-b989-43fa-ac20-11f8ca65fa8c' });
  });

  it("flags the blog post's run-together summary line", () => {
    const d = verdictOf(SEED_RUN_TOGETHER);
    expect(d.verdict).toBe('affected');
    expect(d.evidence).toHaveLength(1);
  });

  it('needs InternalServerError(5): 0x8024400E alone is only possible', () => {
    const d = verdictOf(
      'PT  WARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200\nAgent  * WARNING: Failed to synchronize, error = 0x8024400E',
    );
    expect(d.verdict).toBe('possible');
    expect(d.actions[0]).toBe('check-server-log');
  });

  it('does not join a fault and a failure from two different sync attempts', () => {
    const text = [
      'PT  +++++++++++  PT: Synchronizing server updates  +++++++++++',
      'PT  WARNING:     ErrorCode:InternalServerError(5)',
      'PT  +++++++++++  PT: Synchronizing server updates  +++++++++++',
      'PT  WARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7',
    ].join('\n');
    expect(verdictOf(text).verdict).toBe('possible');
  });

  it('does not call an InternalServerError on another web method KB954960', () => {
    const text = [
      'PT  WARNING: SOAP Fault: 0x000190',
      'PT  WARNING:     ErrorCode:InternalServerError(5)',
      'PT  WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/SimpleAuthWebService/GetAuthorizationCookie"',
    ].join('\n');
    expect(verdictOf(text).verdict).toBe('possible');
  });

  it.each([
    ['client-affected.log', 'affected'],
    ['client-affected-lf.log', 'affected'],
    ['client-affected-utf16le.log', 'affected'],
    ['client-affected.log.gz', 'affected'],
    ['client-healthy.log', 'clean'],
    ['client-other-errors.log', 'clean'],
    ['server-affected.log', 'affected'],
  ] as const)('%s → %s', async (name, verdict) => {
    const utf8 = await decodeBytes(fixture(name), { maxBytes: 10 * 1024 * 1024 });
    const d = diagnose(scanBuffer(utf8), { lang: 'en', now: NOW });
    expect(d.verdict).toBe(verdict);
  });

  it('reports the same line numbers for CRLF, LF and UTF-16LE copies', async () => {
    const lines = await Promise.all(
      ['client-affected.log', 'client-affected-lf.log', 'client-affected-utf16le.log'].map(async (name) => {
        const d = diagnose(scanBuffer(await decodeBytes(fixture(name), { maxBytes: 1e7 })), { lang: 'en', now: NOW });
        return d.evidence.map((f) => f.line);
      }),
    );
    expect(lines[0]).toEqual([153, 154, 156, 158, 159, 160, 161, 162]);
    expect(lines[1]).toEqual(lines[0]);
    expect(lines[2]).toEqual(lines[0]);
  });

  it('stays clean for a log with other WU errors, and diagnoses them as the known problems they are (not look-alike notes)', async () => {
    const d = diagnose(scanBuffer(fixture('client-other-errors.log')), { lang: 'en', now: NOW });
    expect(d.verdict).toBe('clean');
    expect(d.hasEvidence).toBe(false);
    expect(d.problems.flatMap((p) => p.codes)).toEqual(expect.arrayContaining(['0x80244007', '0x80244022', '0x80072EE2', '0x8024402C']));
    expect(d.notes.filter((n) => n.kind === 'lookalike')).toEqual([]);
  });
});

describe('server signature', () => {
  it('flags ThrowException InternalServerError on client.asmx and captures the server', () => {
    const d = verdictOf(KB_SERVER_LINE);
    expect(d.verdict).toBe('affected');
    expect(d.server).toBe('wsusebc');
  });

  it('does not flag another ErrorCode on the same line', () => {
    const d = verdictOf(KB_SERVER_LINE.replace('InternalServerError', 'InvalidCookie'));
    expect(d.verdict).toBe('clean');
    expect(d.notes).toContainEqual({ kind: 'lookalike', code: 'InvalidCookie' });
  });

  it('fires with the placeholders KB pages print, without inventing a server name', () => {
    const d = verdictOf(
      'SoapUtilities.CreateException ThrowException: actor = http://<server>/ClientWebService/client.asmx, ID=<guid>, ErrorCode=InternalServerError, Message=, Client=?',
    );
    expect(d.verdict).toBe('affected');
    expect(d.server).toBeNull();
  });
});

describe('versions and the fix', () => {
  it.each([
    ['Microsoft.UpdateServices.WebServices.Client.dll 3.1.6001.66', 'fixed', 'fixed'],
    ['Microsoft.UpdateServices.WebServices.Client.dll 3.1.6001.65', 'vulnerable', 'vulnerable'],
    ['    VersionString    REG_SZ    3.0.6000.374', 'vulnerable', 'needs-sp1'],
    ['    VersionString    REG_SZ    3.1.6001.65', 'vulnerable', 'vulnerable'],
    [
      "MsiInstaller 1022 08/13/2008 10:12:33 Product: Microsoft Windows Server Update Services 3.0 SP1 - Update 'KB954960' installed successfully.",
      'fixed',
      'fixed',
    ],
    ['Microsoft.UpdateServices.WebServices.Client.dll 3.2.7600.226', 'clean', 'not-applicable'],
  ] as const)('%s → %s (server %s)', (line, verdict, state) => {
    const d = diagnose(scanText(line), { lang: 'en', now: NOW, serverName: 'wsus01' });
    expect(d.verdict).toBe(verdict);
    expect(d.serverState).toBe(state);
  });

  it('facts not applied (a non-admin sent them): shown as evidence, but state and verdict rest on what is recorded', () => {
    const text = `WSUS server: http://wsusebc\nMicrosoft.UpdateServices.WebServices.Client.dll 3.1.6001.66`;
    const recordedVulnerable = { name: 'wsusebc', dllVersion: '3.1.6001.65', dllVersionAt: '2026-01-01T00:00:00.000Z' };
    const d = diagnose(scanText(text), { lang: 'en', now: NOW, known: recordedVulnerable, applyReportedFacts: false });
    expect(d.serverState).toBe('vulnerable');
    expect(d.verdict).toBe('vulnerable');
    expect(d.evidence.map((f) => f.line)).toEqual([2]);
    expect(d.learned).toMatchObject({ dllVersion: '3.1.6001.66' }); // what the input shows; the caller decides what is kept
    // the same input, applied: fixed
    expect(diagnose(scanText(text), { lang: 'en', now: NOW, known: recordedVulnerable }).verdict).toBe('fixed');
  });

  it('tells RTM servers to install SP1 first', () => {
    const d = diagnose(scanText(`${KB_CLIENT_EXAMPLE}\n    VersionString    REG_SZ    3.0.6000.374`), { lang: 'en', now: NOW });
    expect(d.verdict).toBe('affected');
    expect(d.actions.slice(0, 2)).toEqual(['install-sp1-then-fix', 'or-workaround']);
  });
});

// Each verdict against each server state the store may know.
describe('verdict × known server state', () => {
  const known: Record<ServerState, Partial<ServerFacts>> = {
    'not-applicable': { wsusVersion: '3.2.7600.226', wsusVersionAt: '2026-01-01T00:00:00.000Z' },
    conflict: { wsusVersion: '3.0.6000.374', dllVersion: '3.2.7600.226', dllVersionAt: '2026-01-01T00:00:00.000Z' },
    'needs-sp1': { wsusVersion: '3.0.6000.374', wsusVersionAt: '2026-01-01T00:00:00.000Z' },
    vulnerable: { dllVersion: '3.1.6001.65', dllVersionAt: '2026-01-01T00:00:00.000Z' },
    fixed: { dllVersion: '3.1.6001.66', dllVersionAt: '2026-01-01T00:00:00.000Z' },
    unknown: {},
  };
  const inputs = {
    signature: KB_CLIENT_EXAMPLE,
    partial:
      'PT  WARNING: PTError: 0x8024400e\nPT    + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = http://wsusebc/ClientWebService/client.asmx',
    nothing: 'PT    + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = http://wsusebc/ClientWebService/client.asmx',
  };
  const expected: Record<keyof typeof inputs, Record<ServerState, Verdict>> = {
    signature: { 'not-applicable': 'clean', conflict: 'affected', 'needs-sp1': 'affected', vulnerable: 'affected', fixed: 'affected', unknown: 'affected' },
    partial: { 'not-applicable': 'clean', conflict: 'possible', 'needs-sp1': 'possible', vulnerable: 'possible', fixed: 'possible', unknown: 'possible' },
    nothing: { 'not-applicable': 'clean', conflict: 'conflict', 'needs-sp1': 'vulnerable', vulnerable: 'vulnerable', fixed: 'fixed', unknown: 'clean' },
  };
  for (const [input, byState] of Object.entries(expected)) {
    for (const [state, verdict] of Object.entries(byState)) {
      it(`${input} with a ${state} server → ${verdict}`, () => {
        expect(serverState(known[state as ServerState])).toBe(state);
        const d = verdictOf(inputs[input as keyof typeof inputs], known[state as ServerState]);
        expect(d.verdict).toBe(verdict);
        expect(d.serverState).toBe(state);
      });
    }
  }

  it('calls failures that predate a recorded fix fixed, and says so', () => {
    const logged = KB_CLIENT_EXAMPLE.split('\n')
      .map((l) => `2008-08-12\t09:15:41:203\t 940\tf54\t${l.replace(/^PT\s+/, 'PT\t')}`)
      .join('\n');
    const d = verdictOf(logged, { dllVersion: '3.1.6001.66', dllVersionAt: '2008-09-01T00:00:00.000Z' });
    expect(d.verdict).toBe('fixed');
    expect(d.notes).toContainEqual({ kind: 'failures-predate-fix', since: '2008-09-01T00:00:00.000Z' });
  });

  it('keeps a failure newer than the recorded fix affected, and asks to recheck the server', () => {
    const d = verdictOf(KB_CLIENT_EXAMPLE, known.fixed);
    expect(d.verdict).toBe('affected');
    expect(d.actions).toEqual(['recheck-fixed-server']);
  });
});

describe('scanner', () => {
  it('numbers lines across chunk boundaries exactly as a whole-buffer scan does', async () => {
    const { Scanner } = await import('../src/detect/scanner.js');
    const bytes = fixture('client-affected.log');
    const whole = scanBuffer(bytes);
    for (const size of [1, 7, 64, 1000]) {
      const s = new Scanner();
      for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
      const pieces = s.end();
      expect(pieces.lines).toBe(whole.lines);
      expect(pieces.findings).toEqual(whole.findings);
    }
  });

  it('counts a last line without a newline', () => {
    expect(scanText('a\nb').lines).toBe(2);
    expect(scanText('a\nb\n').lines).toBe(2);
    expect(scanText(SEED_RUN_TOGETHER).findings[0]?.line).toBe(1);
  });

  it('keeps a bounded number of findings however often the signature repeats', async () => {
    const { MAX_FINDINGS_PER_RULE } = await import('../src/detect/scanner.js');
    const scan = scanText(`${KB_CLIENT_EXAMPLE}\n`.repeat(MAX_FINDINGS_PER_RULE + 50));
    expect(scan.counts['client-soap-fault-0x000190']).toBe(MAX_FINDINGS_PER_RULE + 50);
    const kept = scan.findings.filter((f) => f.rule === 'client-soap-fault-0x000190');
    expect(kept).toHaveLength(MAX_FINDINGS_PER_RULE + 1); // the first ones, and the newest
    expect(kept.at(-1)?.line).toBe((MAX_FINDINGS_PER_RULE + 50) * 9 - 5);
  });

  it('reads the timestamp of classic, Windows 10 and server lines', async () => {
    const { timeOf } = await import('../src/detect/scanner.js');
    expect(timeOf('2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: SOAP Fault: 0x000190').time).toBe('2008-08-12T09:15:41.203');
    expect(timeOf('2023/05/22 08:08:32.6295131 8096  8116  Agent  x').time).toBe('2023-05-22T08:08:32.629');
    expect(timeOf('2008-08-12 00:15:41.187 UTC\tError\tw3wp.7').time).toBe('2008-08-12T00:15:41.187Z');
  });
});
