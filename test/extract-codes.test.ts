import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codesInLine, codesInText, MAX_LINES_PER_CODE } from '../src/detect/extract-codes.js';
import { scanChunks, scanText } from '../src/detect/scanner.js';
import { fixture } from './support/fixtures.js';

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${n}}$`));
// Failure HRESULTs as Windows prints them: severity bit set, customer and reserved bits clear (0x8…, 0xC…).
const failure = fc.tuple(fc.constantFrom('8', 'c', 'C'), hex(7)).map(([a, b]) => a + b);
const caseOf = (s: string, upper: boolean) => (upper ? s.toUpperCase() : s.toLowerCase());
const guid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((p) => p.join('-'));
const SHAPES: ((c: string) => string)[] = [
  (c) => `0x${c}`,
  (c) => `WARNING: SyncUpdates failure, error = 0x${c}, soap client error = 7`,
  (c) => `Agent  WARNING: Failed to evaluate Installed rule, hr = ${c}`,
  (c) => `hr=0x${c}`,
  (c) => `Handler  FATAL: [${c}] something failed`,
  (c) => `Result code = 0x${c}`,
  (c) => `errorCode=0x${c}`,
  (c) => `PT  WARNING: PTError: 0x${c}`,
  (c) => `AU  WARNING: WU client failed Searching for update with error 0x${c}`,
  (c) => `Search failed with ${c}`,
];

describe('failure codes in a line', () => {
  it('finds a failure code in every shape logs print, normalized', () => {
    fc.assert(
      fc.property(failure, fc.boolean(), fc.integer({ min: 0, max: SHAPES.length - 1 }), (code, upper, shape) => {
        expect(codesInLine(SHAPES[shape]!(caseOf(code, upper)))).toEqual([`0x${code.toUpperCase()}`]);
      }),
    );
  });

  it('never reads a code out of GUIDs, hashes, thumbprints, ServiceIds or thread ids', () => {
    const noise = fc.oneof(
      guid.map((g) => `ServiceId = {${g}}, Server URL = http://wsus01:8530/ClientWebService/client.asmx`),
      guid.map((g) => `PT  + ID:${g}`),
      guid.map((g) => `Agent  * Added update {${g}}.101 to search result`),
      guid.map((g) => `computer ${g.toLowerCase()} reported`),
      guid.map((g) => `error = [${g}]`),
      hex(40).map((h) => `Thumbprint: ${h}`),
      hex(64).map((h) => `hash = ${h}`),
      hex(32).map((h) => `[${h}]`),
      fc
        .tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }))
        .map(([a, b]) => `2023/05/22 08:08:32.6295131 ${a} ${b} ComApi  * START *`),
      fc.integer({ min: 0, max: 0xfff }).map((t) => `2008-08-12\t09:15:41:156\t 940\t${t.toString(16)}\tPT\tWARNING: something`),
    );
    fc.assert(
      fc.property(noise, (line) => {
        expect(codesInLine(line)).toEqual([]);
      }),
    );
  });

  it('never reports success codes', () => {
    const success = fc.integer({ min: 0, max: 0x7fffffff }).map((v) => v.toString(16).padStart(8, '0'));
    fc.assert(
      fc.property(success, fc.integer({ min: 0, max: SHAPES.length - 1 }), (code, shape) => {
        expect(codesInLine(SHAPES[shape]!(code))).toEqual([]);
      }),
    );
    expect(codesInLine('Exit code = 0x00000000')).toEqual([]);
    expect(codesInLine('Installing updates CallerId = AutomaticUpdates, hr = 0x00240005')).toEqual([]);
  });

  it('counts per code with the first few line numbers only', () => {
    const text = Array.from({ length: 20 }, (_, i) => `line ${i} error = 0x8024401C`).join('\n');
    expect(codesInText(text)).toEqual([{ code: '0x8024401C', count: 20, lines: [1, 2, 3, 4, 5].slice(0, MAX_LINES_PER_CODE) }]);
  });
});

describe('failure codes over whole logs, in the scanner pass', () => {
  /** The failure codes the scanner lists for a repository fixture. */
  const codesOf = (name: string) => scanText(fixture(name).toString('utf8')).codes.map((c) => c.code);

  it('lists the codes of the repository fixtures', () => {
    expect(codesOf('client-affected.log')).toEqual(['0x80242013', '0x8024400E']);
    expect(codesOf('client-healthy.log')).toEqual(['0x80242013']);
    expect(codesOf('client-other-errors.log')).toEqual(['0x80242013', '0x80244007', '0x80244022', '0x80072EE2', '0x8024402C']);
    expect(codesOf('server-affected.log')).toEqual([]);
    expect(codesOf('seed-run-together.txt')).toEqual(['0x8024400E']);
  });

  it('lists only the real codes of a GUID-laden Windows 10 log', () => {
    const log = [
      '2023/05/22 08:08:32.6295131 8096  8116  ComApi          * START *   Search ClientId = UpdateOrchestrator',
      '2023/05/22 08:08:32.6295890 8096  8116  Agent           Added service 8B24B027-1DEE-BABB-9A95-3517DFB9C552 to sequential scan list',
      '2023/05/22 08:08:33.1234567 8096  8116  ProtocolTalker  ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = https://wsus.corp.example:8531/ClientWebService/client.asmx',
      '2023/05/22 08:08:33.2234567 8096  8116  ProtocolTalker  PT: Calling GetCookie on server, computer 8e2c2d5b-7a1f-4c3e-9d2b-0a1b2c3d4e5f',
      '2023/05/22 08:08:34.0000001 8096  8116  WebServices     WS error: There was an error communicating with the endpoint at https://wsus.corp.example:8531/ClientWebService/client.asmx.',
      '2023/05/22 08:08:34.0000002 8096  8116  WebServices     WS error: The server returned HTTP status code 503 (0x1F7) with text Service Unavailable',
      '2023/05/22 08:08:34.0000003 8096  8116  ProtocolTalker  SyncUpdates_WithRecovery failed. 0x80244022',
      '2023/05/22 08:08:34.0000004 8096  8116  ProtocolTalker  *FAILED* [80244022] Synchronize updates',
      '2023/05/22 08:08:34.0000005 8096  8116  Agent           Certificate thumbprint A1B2C3D4E5F60718293A4B5C6D7E8F9012345678, hash 80000000aaaabbbbccccddddeeeeffff',
      '2023/05/22 08:08:34.0000006 8096  8116  Agent           * END * Failed, exit code = 0x80244022',
      '2023/05/22 08:08:35.0000001 8096  8116  ComApi          Exit code = 0x00000000, Result code = 0x8024402F',
    ].join('\r\n');
    const result = scanText(log).codes;
    expect(result).toEqual([
      // Both are given as a result (`exit code =`, `Exit code = …, Result code =`): the ranking puts them first.
      { code: '0x80244022', count: 3, lines: [7, 8, 10], outcome: true },
      { code: '0x8024402F', count: 1, lines: [11], outcome: true },
    ]);
  });

  it('finds bracketed codes in every case the scanner reads off the bytes, and nothing in [CallId …] lines', () => {
    const log = [
      '2008-08-12\t05:15:41:253\t 940\tf54\tAU\t<<## SUBMITTED ## AU: Search for updates [CallId = {8D0E4B9F-27B6-4B8A-9F3A-53A6A2E1D9C2}]',
      '2008-08-12\t05:15:41:254\t 940\tf54\tAgent\t** START **  Agent: Finding updates [CallerId = AutomaticUpdates]',
      '2008-08-12\t05:15:41:255\t 940\tf54\tAgent\tFailed [80244022] then [c0000005] and [C004F074]',
      '2008-08-12\t05:15:41:256\t 940\tf54\tAgent\tnot codes: [8024402] [8024402GA] [80244022 and [8024402C',
    ].join('\r\n');
    expect(scanText(log).codes).toEqual([
      { code: '0x80244022', count: 1, lines: [3] },
      { code: '0xC0000005', count: 1, lines: [3] },
      { code: '0xC004F074', count: 1, lines: [3] },
    ]);
  });

  it('finds a bracketed code that straddles two chunks', async () => {
    const line = Buffer.from('2008-08-12\t05:15:41:255\t 940\tf54\tAgent\tFailed [80244022] to sync\r\nnext\r\n');
    const at = line.indexOf('[') + 4;
    const result = await scanChunks([line.subarray(0, at), line.subarray(at)]);
    expect(result.codes).toEqual([{ code: '0x80244022', count: 1, lines: [1] }]);
  });

  it("finds bracketed codes at a chunk's first and last bytes, whatever the split and the chunk's alignment", async () => {
    const log = Buffer.from('[8024402C] first\r\nmid [CallId = {8D0E}] [c0000005]\r\n[C004F074]');
    const expected = [
      { code: '0x8024402C', count: 1, lines: [1] },
      { code: '0xC0000005', count: 1, lines: [2] },
      { code: '0xC004F074', count: 1, lines: [3] },
    ];
    expect(scanText(log.toString()).codes).toEqual(expected);
    for (let cut = 1; cut < log.length; cut++) {
      for (const pad of [0, 1, 2, 3]) {
        // Copies at an offset inside a larger ArrayBuffer: the search's aligned loads start on another phase.
        const chunk = (b: Buffer) => Buffer.concat([Buffer.alloc(pad), b]).subarray(pad);
        const result = await scanChunks([chunk(log.subarray(0, cut)), chunk(log.subarray(cut))]);
        expect(result.codes, `cut ${cut} pad ${pad}`).toEqual(expected);
      }
    }
  });
});

describe('bare codes in parentheses and decimal codes after an error word', () => {
  it('reads `(800B0109)` and the decimal HRESULTs .NET and WSUS print, in their order on the line', () => {
    expect(codesInLine('CatalogSyncAgent.SyncFailed\tSynchronization failed: certificate chain not trusted (800B0109)')).toEqual(['0x800B0109']);
    expect(codesInLine('CabUtilities.CheckCertificateSignature File cert verification failed for e:\\WSUS\\x.exe with 2148204800')).toEqual(['0x800B0100']);
    expect(codesInLine('Content file download failed. Reason: error 2148204801')).toEqual(['0x800B0101']);
    expect(codesInLine('PublishPackage(): Operation Failed with Error: Failed to sign package; error was: 2147942527')).toEqual(['0x8007007F']);
    expect(codesInLine('error -2145107934 then hr = 0x8024402C')).toEqual(['0x80244022', '0x8024402C']);
  });

  it('never reads a success, a count, a Windows 10 correlation vector or an unclosed parenthesis as a code', () => {
    for (const line of [
      'Report CWERReporter finishing event handling. (00000000)',
      'Downloaded with 2048204800 bytes', // below 2^31: not a failure HRESULT
      'DownloadManager wrote 2148204800 bytes to disk', // no error word before it
      '* START * Finding updates CallerId = UpdateOrchestrator (cV = K8n0gmSm9UWA8yf2.1.1.0.2)',
      'Agent (8024402c] not closed',
      'Agent error 21482048011 (eleven digits)',
    ])
      expect(codesInLine(line), line).toEqual([]);
  });

  it('the scanner reads them in its single pass, as codesInLine does', () => {
    const log = 'Synchronization failed (800B0109)\nFile cert verification failed for x.exe with 2148204800\n(cV = K8n0gmSm9UWA8yf2.1.1.0.2)';
    expect(scanText(log).codes.map((c) => c.code)).toEqual(['0x800B0109', '0x800B0100']);
  });
});
