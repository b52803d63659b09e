import { describe, expect, it } from 'vitest';
import { PROBLEM_PACKS, PROBLEM_RULES, packsForCode } from '../src/detect/problems/index.js';
import { lookupCode } from '../src/detect/result-codes.js';
import { RULES } from '../src/detect/rules.js';
import { scanText } from '../src/detect/scanner.js';
import { diagnose, needsAction } from '../src/diagnose/diagnose.js';
import { updateServiceOf } from '../src/diagnose/problems.js';
import { renderJson } from '../src/render/json.js';
import { renderText } from '../src/render/text.js';
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
      { code: '0x80244022', name: 'WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL', meaning: lookupCode('0x80244022').meaning.ja, count: 2, lines: [1, 3] },
      { code: '0x80991234', name: null, meaning: expect.stringContaining('Windows Update の表にない'), count: 1, lines: [2] },
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
