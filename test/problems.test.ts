import { describe, expect, it } from 'vitest';
import { PROBLEM_PACKS, PROBLEM_RULES, packsForCode } from '../src/detect/problems/index.js';
import { lookupCode } from '../src/detect/result-codes.js';
import { RULES } from '../src/detect/rules.js';
import { scanText } from '../src/detect/scanner.js';
import { diagnose, needsAction } from '../src/diagnose/diagnose.js';
import { updateServiceOf } from '../src/diagnose/problems.js';
import { renderJson } from '../src/render/json.js';
import { codeCommand } from '../commands/code.js';
import { renderProblemReply } from '../src/render/problem-reply.js';
import { renderText } from '../src/render/text.js';
import { CLIENT, NO_WSUS } from '../src/detect/problems/pack.js';
import { fixture, KB_CLIENT_EXAMPLE } from './support/fixtures.js';

const NOW = '2008-08-20T00:00:00.000Z';
const diag = (text: string, lang: 'en' | 'ja' = 'en') => diagnose(scanText(text), { lang, now: NOW });
const ids = (text: string) => diag(text).problems.map((p) => p.id);

// Every pack carries its own examples: adding a pack adds its tests.
describe.each(PROBLEM_PACKS.map((p) => [p.id, p] as const))('problem pack %s', (id, pack) => {
  it('is complete: examples both ways, a source, en and ja texts, codes in the knowledge base', () => {
    expect(pack.examples.present.length).toBeGreaterThan(0);
    expect(pack.examples.absent.length).toBeGreaterThan(0);
    expect(pack.source.url).toMatch(/^https?:\/\//);
    expect(pack.lookalikes.length).toBeGreaterThan(0);
    for (const text of [pack.title, pack.cause, pack.remedy, ...pack.lookalikes]) {
      expect(text.en.length).toBeGreaterThan(0);
      expect(text.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    for (const code of pack.codes) {
      expect(code).toMatch(/^0x[0-9A-F]{8}$/);
      expect(lookupCode(code).name).not.toBeNull();
    }
    // A signature names the pack's own rules, the shared evidence rules or KB954960's (a version line).
    const ruleIds = new Set([...pack.rules, ...PROBLEM_RULES, ...RULES].map((r) => r.id));
    for (const s of pack.signatures) for (const r of [...(s.lines ?? []), ...(s.all ?? [])]) expect(ruleIds.has(r)).toBe(true);
    for (const s of pack.signatures) expect(!!(s.codes || s.lines || s.all || s.http)).toBe(true);
    if (pack.withoutWsus) expect(pack.withoutWsus.source.url).toMatch(/^https?:\/\//);
    for (const s of pack.signatures) for (const c of s.codes ?? []) expect(pack.codes).toContain(c);
  });

  it.each(pack.examples.present.map((e) => [e] as const))('is present in %s', (text) => {
    const found = diag(text).problems.find((p) => p.id === id);
    expect(found).toBeDefined();
    expect(found!.evidence.length).toBeGreaterThan(0);
    // A client not on WSUS gets the pack's step for that case, with its own source.
    const step = updateServiceOf(scanText(text)) === 'microsoft' && pack.withoutWsus ? pack.withoutWsus : pack;
    expect(found!.actions).toEqual([step.remedy.en]);
    expect(found!.links.source).toBe(step.source.url);
  });

  it.each(pack.examples.absent.map((e) => [e] as const))('is absent from %s', (text) => {
    expect(ids(text)).not.toContain(id);
  });
});

describe.each(PROBLEM_RULES.map((r) => [r.id, r] as const))('problem line rule %s', (_id, rule) => {
  it.each(rule.examples.match.map((e) => [e.line] as const))('matches %s', (line) => {
    expect(rule.literals.some((l) => line.includes(l))).toBe(true);
    expect(scanText(line, [rule]).counts[rule.id]).toBe(1);
  });
  it.each(rule.examples.noMatch.map((l) => [l] as const))('does not match %s', (line) => {
    expect(scanText(line, [rule]).counts[rule.id]).toBe(0);
  });
});

describe('problems in the diagnosis', () => {
  it('rule ids are unique across the KB954960 rules and the packs', () => {
    const all = [...RULES, ...PROBLEM_RULES].map((r) => r.id);
    expect(new Set(all).size).toBe(all.length);
  });

  it('KB954960 comes first: its signature is the verdict, and its 0x8024400E is no other problem', () => {
    const d = diag(KB_CLIENT_EXAMPLE);
    expect(d.verdict).toBe('affected');
    expect(d.problems).toEqual([]);
    expect(d.errors.map((e) => e.code)).toEqual(['0x8024400E']);
    const text = renderText(d);
    expect(text.indexOf('KB954960: affected')).toBe(0);
  });

  it('a KB954960 paste with a 503 elsewhere: the verdict stays affected, the 503 is a problem beside it, listed after', () => {
    const d = diag(`${KB_CLIENT_EXAMPLE}\nPT  WARNING: Sync of Updates: 0x80244022`);
    expect(d.verdict).toBe('affected');
    expect(d.problems.map((p) => p.id)).toEqual(['wsus-app-pool-503']);
    expect(d.problems[0]!.evidence).toEqual([10]);
    const text = renderText(d);
    expect(text.indexOf('Other problems found')).toBeGreaterThan(text.indexOf('Download KB954960'));
  });

  it('explains every code, unknown ones with name null and a meaning that says so', () => {
    const d = diag('PT  WARNING: Sync of Updates: 0x80244022\nAgent  WARNING: hr = 0x80991234\nPT  WARNING: Sync of Updates: 0x80244022', 'ja');
    expect(d.errors).toEqual([
      { code: '0x80244022', name: 'WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL', meaning: lookupCode('0x80244022').meaning.ja, count: 2, lines: [1, 3], outcome: true },
      { code: '0x80991234', name: null, meaning: expect.stringContaining('ボットのコード表にない'), count: 1, lines: [2] },
    ]);
    expect(d.problems[0]!.title).toBe('WSUS アプリケーション プールの停止・リサイクル (HTTP 503)');
  });

  it('needs action for a problem that asks for one, not for one that clears by itself', () => {
    const pool = diag('PT  WARNING: Sync of Updates: 0x80244022');
    expect(pool.verdict).toBe('clean');
    expect(needsAction(pool)).toBe(true);
    const trips = diag('PT WARNING: SyncServerUpdatesInternal failed: 0x80244010');
    expect(trips.problems.map((p) => p.id)).toEqual(['max-server-round-trips']);
    expect(needsAction(trips)).toBe(false);
    expect(needsAction(diag('Agent  * Found 0 updates'))).toBe(false);
  });

  it('a problem that explains a look-alike replaces its note', () => {
    const d = diag(fixture('client-other-errors.log').toString('utf8'));
    // By what explains the failure: the SyncUpdates failure's own 0x80244007 (InvalidParameters), then the sync's 0x80244022.
    expect(d.problems.map((p) => p.id)).toEqual(['invalid-parameters-kb4096317', 'wsus-app-pool-503', 'wsus-timeouts', 'proxy-name-resolution']);
    expect(d.notes.filter((n) => n.kind === 'lookalike')).toEqual([]);
    const json = renderJson(d);
    expect(json.problems[1]).toEqual({
      id: 'wsus-app-pool-503',
      title: expect.any(String),
      cause: expect.any(String),
      evidence: [206, 207],
      codes: ['0x80244022', '0x80072EE2'],
      actions: [expect.stringContaining('WsusPool')],
      links: { source: expect.stringMatching(/^https:\/\//) },
      needs_action: true,
    });
  });

  it('packsForCode: a code belongs to the packs that name it', () => {
    expect(packsForCode('0x80244007').map((p) => p.id)).toEqual(['invalid-parameters-kb4096317', 'simpleauth-failure']);
    expect(packsForCode('0x8024400E')).toEqual([]);
  });
});

// Evidence beside the code, steps that fit the context, the order of the codes. The log lines are in
// the shapes real logs print (Windows 10 `Get-WindowsUpdateLog` output, the classic WindowsUpdate.log, the WSUS server).
describe('what an expert reads beside the code', () => {
  const W10 = (ms: number, component: string, text: string) =>
    `2019/03/14 10:21:${String(10 + (ms % 40)).padStart(2, '0')}.${String(1000000 + ms)} 1104  5412  ${component.padEnd(15)} ${text}`;

  it('on a Windows 10 proxy log the 21 name-resolution failures come first, not the incidental codes seen earlier', () => {
    const log = [
      W10(1, 'Metadata', 'Failed to verify signature of update metadata, hr = 0x80247140'),
      W10(2, 'ProtocolTalker', 'External cab processing: 0x8024402F'),
      ...Array.from({ length: 21 }, (_, i) => W10(3 + i, 'WebServices', 'WS error: There was an error communicating with the endpoint: hr = 0x8024402C')),
    ].join('\n');
    const d = diag(log);
    expect(d.errors.map((e) => e.code)).toEqual(['0x8024402C', '0x80247140', '0x8024402F']);
    expect(d.problems[0]!.id).toBe('proxy-name-resolution');
    const reply = renderProblemReply(d);
    expect(JSON.stringify(reply.blocks)).toMatch(/Proxy or name resolution[\s\S]*`0x8024402C`[\s\S]*`0x80247140`/);
  });

  it("the failing sync's own code comes before a more frequent incidental one", () => {
    const d = diag([...Array(5).fill(`${CLIENT} Failed to evaluate Installed rule, hr = 80242013`), `${CLIENT} Sync of Updates: 0x80244019`].join('\n'));
    expect(d.errors.map((e) => e.code)).toEqual(['0x80244019', '0x80242013']);
  });

  it('a client talking to Microsoft Update (no WSUS server) or to nothing gets no WsusPool step', () => {
    for (const context of ['Agent  Anonymous plug-in skipped for WU', NO_WSUS]) {
      for (const code of ['0x80244022', '0x80072EE2']) {
        const d = diag(`${context}\n${CLIENT} Sync of Updates: ${code}`);
        expect(d.problems.length).toBeGreaterThan(0);
        for (const p of d.problems) expect(p.actions.join(' ')).not.toMatch(/(Start|Check) the WsusPool/);
      }
    }
    // the same code on a WSUS client keeps the WsusPool step
    expect(diag(`Agent   * WSUS server: http://wsus01:8530\n${CLIENT} Sync of Updates: 0x80244022`).problems[0]!.actions[0]).toMatch(/^Start the WsusPool/);
  });

  it("reads a bare code in parentheses and a decimal code after an error word, and 0x800B0109 in the server's own sync is SHA-2 (KB4484071)", () => {
    const upstream = diag(
      '2019-07-16 02:00:13.456 UTC\tError\tWsusService.12\tCatalogSyncAgent.SyncFailed\tSynchronization failed: certificate chain not trusted (800B0109)',
    );
    expect(upstream.errors.map((e) => e.code)).toEqual(['0x800B0109']);
    expect(upstream.problems.map((p) => p.id)).toEqual(['wsus30sp2-sha2-kb4484071']);
    expect(upstream.problems[0]!.actions[0]).toMatch(/^Install KB4484071/);
    expect(diag('Content file download failed. Reason: error 2148204801').errors.map((e) => e.code)).toEqual(['0x800B0101']);
    // `code 800B0109` alone names both well-known causes
    expect(
      packsForCode('0x800B0109')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['untrusted-root-local-publishing', 'wsus30sp2-sha2-kb4484071']);
  });

  it('an HTTP status beside another HRESULT names its problem; 404 has a step', () => {
    expect(ids('PT + Last proxy send request failed with hr = 0x800710DD, HTTP status code = 401')).toEqual(['vdir-401-403']);
    expect(ids('PT + Last proxy send request failed with hr = 0x80072EFD, HTTP status code = 407')).toEqual(['proxy-name-resolution']);
    const notFound = diag(`${CLIENT} Sync of Updates: 0x80244019`);
    expect(notFound.problems[0]!.actions[0]).toMatch(/WUServer policy URL/);
  });
});

describe('`code` names every well-known cause of a code', () => {
  it('800B0109: locally published updates, and a WSUS 3.0 SP2 server without SHA-2 (KB4484071)', () => {
    const text = codeCommand(['800B0109'], 'en').text;
    expect(text).toContain('Known problem: Untrusted root for locally published updates (0x800B0109)');
    expect(text).toContain('Known problem: WSUS 3.0 SP2 without SHA-2 support (KB4484071)');
    expect(text).toContain('First step: Install KB4484071');
  });

  it('0x80244019 (404) has a first step, not "no known WSUS problem"', () => {
    const text = codeCommand(['0x80244019'], 'en').text;
    expect(text).toContain('First step: Check the WUServer policy URL');
    expect(text).not.toContain('No known WSUS problem');
  });
});

describe('which service the client talks to', () => {
  it("a WSUS client that also asks Microsoft's SLS is still a WSUS client (its WsusPool step stays)", () => {
    const log = [
      '03E4 1668 SLS Making request with URL HTTPS://sls.update.microsoft.com/SLS/{9482F4B4-E343-43B6-B170-9A65BC822C77}/x64/10.0.14393.0/0?CH=531',
      '2016-09-08\t10:48:19:500\t 848\t604\tAgent\t  * ServiceID = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7} Managed',
      `${CLIENT} Sync of Updates: 0x80244022`,
    ].join('\n');
    expect(updateServiceOf(scanText(log))).toBe('wsus');
    expect(diag(log).problems[0]!.actions[0]).toMatch(/^Start the WsusPool/);
  });
});
