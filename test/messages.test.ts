// The catalogues: tsc already refuses a key or parameter that one language lacks; this checks what types cannot —
// that every Japanese entry is really translated and nothing is empty.
import { describe, expect, it } from 'vitest';
import { en } from '../src/render/messages/en.js';
import { ja } from '../src/render/messages/ja.js';
import { entries, words } from './support/catalogue.js';

/** Entries that are the same words in both languages: product and code words. */
const SAME_IN_BOTH = new Set(['originWord.cli', 'verifyPowershell']);

/** Entries with no words of their own (separators, the order of parameters): no kana or kanji expected. */
const NO_WORDS = new Set(['status.listSeparator', 'notRecorded.listSeparator', 'mentionSeparator', 'status.count', 'status.quietLink', 'attribution.onServer']);

describe('the message catalogues', () => {
  const enEntries = entries(en);
  const jaEntries = new Map(entries(ja).map((e) => [e.path, e.value]));

  it('have the same keys, each a sentence or a function of parameters in both', () => {
    expect([...jaEntries.keys()].sort()).toEqual(enEntries.map((e) => e.path).sort());
    for (const { path, value } of enEntries) expect(typeof jaEntries.get(path), path).toBe(typeof value);
    expect(enEntries.length).toBeGreaterThan(100);
  });

  it('have no empty entries', () => {
    for (const { path, value } of enEntries) expect(words(value).trim(), `en ${path}`).not.toBe('');
    for (const [path, value] of jaEntries) expect(words(value).trim(), `ja ${path}`).not.toBe('');
  });

  it('translate every entry but the product and code words', () => {
    const untranslated = enEntries.filter(({ path, value }) => words(jaEntries.get(path)) === words(value)).map((e) => e.path);
    expect(untranslated).toEqual([...SAME_IN_BOTH]);
  });

  it('write Japanese in the Japanese catalogue', () => {
    const kana = /[\u3040-\u30ff\u4e00-\u9fff]/;
    const latinOnly = [...jaEntries].filter(([path, v]) => !SAME_IN_BOTH.has(path) && !NO_WORDS.has(path) && !kana.test(words(v))).map(([p]) => p);
    expect(latinOnly).toEqual([]);
  });
});
