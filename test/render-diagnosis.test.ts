// The diagnosis surface (src/render/diagnosis-blocks.ts, problem-reply.ts, attribution.ts): built from the real
// detection of the fixtures, recorded in a real store, in both languages; within Slack's limits, verdict first.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lang } from '../src/lang.js';
import { linksFor } from '../src/kb954960.js';
import { ACTION_IDS, RECORD_FOR_ACTION_IDS } from '../src/render/action-ids.js';
import { askServerBlocks, withAskServer } from '../src/render/attribution.js';
import {
  parseButtonValue,
  renderDiagnosisBlocks,
  renderHowToVerify,
  renderMoreEvidence,
  REPLY_BUDGET,
  type MoreLinesValue,
} from '../src/render/diagnosis-blocks.js';
import { msg } from '../src/render/messages/index.js';
import { MAX_BLOCKS, renderCodePointer, renderProblemReply } from '../src/render/problem-reply.js';
import type { Storage } from '../src/store/port.js';
import { actionIds, buttonsIn, buttonUrls, expectMessageWithinBlockKit, visibleText } from './support/block-kit.js';
import { fixture, KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { TEST_NOW } from './support/clock.js';
import { checkInput } from './support/real-check.js';
import { tempStorage } from './support/storage.js';

const KANA = /[\u3040-\u30ff]/;

let t: { storage: Storage; close(): Promise<void> };
beforeEach(async () => {
  t = await tempStorage({ clock: () => new Date(TEST_NOW) });
});
afterEach(() => t.close());

describe.each(['en', 'ja'] as const)('the diagnosis reply in %s', (lang: Lang) => {
  const other: Lang = lang === 'en' ? 'ja' : 'en';

  it.each(['client-affected.log', 'client-affected-utf16le.log', 'server-affected.log', 'seed-run-together.txt'])(
    'affected (%s): the verdict first, the download link, the evidence with line numbers',
    async (name) => {
      const r = await checkInput(t.storage, fixture(name), { lang, name });
      const d = r.diagnosis;
      expect(d.verdict).toBe('affected');
      const m = renderDiagnosisBlocks(d, { diagnosisId: r.diagnosisId });
      expectMessageWithinBlockKit(m);
      expect(m.blocks.length).toBeLessThanOrEqual(REPLY_BUDGET.blocks);
      // Verdict first: the header and the notification text both lead with it.
      expect(m.blocks[0]).toMatchObject({ type: 'header', text: { text: msg(lang).verdictHeadline.affected } });
      expect(m.text.startsWith(msg(lang).verdictHeadline.affected)).toBe(true);
      expect(buttonUrls(m.blocks)).toContain(linksFor(lang).download);
      expect(buttonUrls(m.blocks)).not.toContain(linksFor(other).download);
      const text = visibleText(m.blocks);
      for (const f of d.evidence.slice(0, REPLY_BUDGET.evidenceShown)) expect(text).toContain(`${String(f.line).padStart(6)}: `);
      expect(KANA.test(text)).toBe(lang === 'ja');
    },
  );

  it('a long affected log: five lines shown, the rest behind a button that names the stored diagnosis', async () => {
    // The KB's example, once per sync attempt, twelve attempts: far more evidence than the reply shows.
    const log = Array.from({ length: 12 }, () => KB_CLIENT_EXAMPLE).join('\n');
    const r = await checkInput(t.storage, log, { lang, name: 'WindowsUpdate.log' });
    const d = r.diagnosis;
    expect(d.evidence.length).toBeGreaterThan(REPLY_BUDGET.evidenceShown);
    const m = renderDiagnosisBlocks(d, { diagnosisId: r.diagnosisId });
    expectMessageWithinBlockKit(m);
    expect(actionIds(m.blocks)).toContain(ACTION_IDS.moreEvidence);
    const more = buttonsIn(m.blocks).find((b) => b.element.action_id === ACTION_IDS.moreEvidence)?.element;
    const value = parseButtonValue<MoreLinesValue>(more?.value as string | undefined);
    expect(value).toEqual({ d: r.diagnosisId, n: d.evidence.length, lang });

    // What the button answers: the rest, read back from the store, within the limits however many there are.
    const rest = (await t.storage.history.evidenceOf(r.diagnosisId!, value!.n!)).slice(REPLY_BUDGET.evidenceShown);
    expect(rest.length).toBe(d.evidence.length - REPLY_BUDGET.evidenceShown);
    const shown = renderMoreEvidence(rest, d.evidence.length, lang);
    expectMessageWithinBlockKit(shown);
    for (const f of rest) expect(visibleText(shown.blocks)).toContain(`${String(f.line).padStart(6)}: `);
  });

  it('the evidence past the first five stays within the limits at the stored maximum of long lines', () => {
    const lines = Array.from({ length: 200 }, (_, i) => ({ line: i + 1, text: `PT  WARNING: ${'<&>'.repeat(150)} ${i}` }));
    const m = renderMoreEvidence(lines, 205, lang);
    expectMessageWithinBlockKit(m);
    expect(visibleText(m.blocks)).not.toContain('<&>'); // escaped: a log line cannot inject mrkdwn
  });

  it('"How to verify": the commands whose output the bot reads back', () => {
    const m = renderHowToVerify(lang);
    expectMessageWithinBlockKit(m);
    expect(visibleText(m.blocks)).toContain('KB954960-CHECK');
    expect(KANA.test(visibleText(m.blocks))).toBe(lang === 'ja');
  });

  it('a healthy log: clean, said first, no download', async () => {
    const r = await checkInput(t.storage, fixture('client-healthy.log'), { lang, name: 'WindowsUpdate.log' });
    expect(r.diagnosis.verdict).toBe('clean');
    const m = renderDiagnosisBlocks(r.diagnosis, { diagnosisId: r.diagnosisId });
    expectMessageWithinBlockKit(m);
    expect(m.blocks[0]).toMatchObject({ type: 'header', text: { text: msg(lang).verdictHeadline.clean } });
    expect(buttonUrls(m.blocks)).not.toContain(linksFor(lang).download);
  });

  it('verification output: fixed without a download; the DLL below the fix makes the download the next step', async () => {
    const fixed = await checkInput(t.storage, 'KB954960-CHECK computer=WSUS01 dll=3.1.6001.66', { lang });
    expect(fixed.diagnosis.verdict).toBe('fixed');
    const f = renderDiagnosisBlocks(fixed.diagnosis, { diagnosisId: fixed.diagnosisId });
    expectMessageWithinBlockKit(f);
    expect(f.blocks[0]).toMatchObject({ type: 'header', text: { text: msg(lang).verdictHeadline.fixed } });
    expect(buttonUrls(f.blocks)).toEqual([]);

    const old = await checkInput(t.storage, 'KB954960-CHECK computer=WSUS02 dll=3.1.6001.65', { lang });
    expect(old.diagnosis.verdict).toBe('vulnerable');
    const v = renderDiagnosisBlocks(old.diagnosis, { diagnosisId: old.diagnosisId });
    expectMessageWithinBlockKit(v);
    expect(v.blocks[0]).toMatchObject({ type: 'header', text: { text: msg(lang).verdictHeadline.vulnerable } });
    expect(buttonUrls(v.blocks)).toContain(linksFor(lang).download);
  });

  it('output that names no computer: the question and one "Record for" button per known server, ids unique', async () => {
    const r = await checkInput(t.storage, fixture('client-affected.log'), { lang });
    const m = renderDiagnosisBlocks(r.diagnosis, { diagnosisId: r.diagnosisId });
    const servers = Array.from({ length: 9 }, (_, i) => `wsus${String(i).padStart(2, '0')}.corp.example`);
    const asked = withAskServer(m, askServerBlocks(r.diagnosisId!, { dllVersion: '3.1.6001.66' }, servers, lang), lang);
    expectMessageWithinBlockKit(asked); // also: every action_id unique (link buttons, "Show more", "Record for …")
    expect(actionIds(asked.blocks).filter((id) => (RECORD_FOR_ACTION_IDS as readonly string[]).includes(id))).toHaveLength(RECORD_FOR_ACTION_IDS.length);
    expect(asked.blocks[0]).toMatchObject({ type: 'header', text: { text: msg(lang).verdictHeadline.affected } });
  });

  it('not KB954960 but failing: the problem and its first step lead, the codes in one block', async () => {
    const r = await checkInput(t.storage, fixture('client-other-errors.log'), { lang, name: 'WindowsUpdate.log' });
    const d = r.diagnosis;
    expect(d.verdict).toBe('clean');
    expect(d.problems.length).toBeGreaterThan(1);
    const m = renderProblemReply(d);
    expectMessageWithinBlockKit(m);
    expect(m.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(m.text.startsWith(`${msg(lang).notKb954960} — ${d.problems[0]!.title}`)).toBe(true);
    expect(visibleText(m.blocks.slice(0, 1))).toContain(d.problems[0]!.title);
    expect(visibleText(m.blocks)).toContain(d.errors[0]!.code);
    expect(KANA.test(visibleText(m.blocks))).toBe(lang === 'ja');

    const pointer = renderCodePointer(d);
    expectMessageWithinBlockKit(pointer);
    expect(visibleText(pointer.blocks)).toContain(msg(lang).pasteTheLog);
  });
});
