// Regression data like Sigma's: every excerpt in test/fixtures/excerpts (real public logs, each with its source) pins
// what the packs must and must not name on it, the problem and the code that explain the failure first, and a first
// step that fits its context.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEM_PACKS } from '../src/detect/problems/index.js';
import { scanText } from '../src/detect/scanner.js';
import { diagnose, needsAction } from '../src/diagnose/diagnose.js';
import { fixturePath } from './support/fixtures.js';
import { EXCERPTS, excerpt } from './support/excerpts.js';

const NOW = '2026-01-01T00:00:00.000Z';
const packIds = new Set(PROBLEM_PACKS.map((p) => p.id));

describe.each(EXCERPTS.map((e) => [e.file, e] as const))('real excerpt %s', (file, e) => {
  const d = diagnose(scanText(excerpt(file)), { lang: 'en', now: NOW });
  const named = d.problems.map((p) => p.id);

  it('names the packs it must and none it must not', () => {
    expect(e.source).toMatch(/^https?:\/\//);
    for (const id of [...e.must, ...e.mustNot, ...(e.first ? [e.first] : [])]) expect(packIds.has(id), id).toBe(true);
    for (const id of e.must) expect(named).toContain(id);
    for (const id of e.mustNot) expect(named).not.toContain(id);
    if (e.none) expect(named).toEqual([]);
  });

  it('puts first what explains the failure, with a first step that fits', () => {
    if (e.first) expect(named[0]).toBe(e.first);
    if (e.firstCode) expect(d.errors[0]?.code).toBe(e.firstCode);
    const step = d.problems[0]?.actions[0] ?? '';
    if (e.firstStepIncludes) expect(step).toContain(e.firstStepIncludes);
    if (e.firstStepExcludes) expect(step).not.toContain(e.firstStepExcludes);
    // A known problem asks the admin to act (scan exits 1); none still fails, and the reply says what to collect.
    expect(needsAction(d)).toBe(named.length > 0 && d.problems.some((p) => p.needsAction));
    expect(d.errors.length + d.problems.length).toBeGreaterThan(0);
  });
});

describe('the excerpt index', () => {
  it('lists every excerpt file, and every file is listed', () => {
    const files = readdirSync(fixturePath('excerpts'))
      .filter((f) => f !== 'index.json')
      .sort();
    expect(EXCERPTS.map((e) => e.file).sort()).toEqual(files);
  });
});
