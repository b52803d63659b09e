// The languages are one list (src/lang.ts): every place that takes a language from outside — BOT_LANG, the CLI's
// --lang, `/kb954960 lang`, `/kb954960 subscribe`, the check form, the reader-language store — accepts exactly that
// list, and every catalogue names every language in it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { langCommand } from '../commands/lang.js';
import { subscribeArgs } from '../commands/subscribe.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { lookupCode } from '../src/detect/result-codes.js';
import { DEFAULT_LANG, isLang, LANGS } from '../src/lang.js';
import { msg } from '../src/render/messages/index.js';
import { checkModal } from '../src/slack/views/check-modal.js';
import type { Storage } from '../src/store/port.js';
import { childEnv } from './support/clock.js';
import { tempStorage } from './support/storage.js';

const BIN = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
/** Not a language of the list, in every case the inputs are read in. */
const NOT_LANGS = ['fr', 'de', 'EN-US', 'japanese', ''];

describe('the one list of languages', () => {
  it('isLang is true for exactly LANGS; the default is one of them', () => {
    expect(LANGS.filter(isLang)).toEqual([...LANGS]);
    expect([...NOT_LANGS, undefined, null, 1, ['en']].filter(isLang)).toEqual([]);
    expect(LANGS).toContain(DEFAULT_LANG);
  });

  it('BOT_LANG: each of LANGS is taken, anything else refused naming them all', () => {
    for (const lang of LANGS) expect(loadConfig({ BOT_LANG: lang }).lang).toBe(lang);
    expect(loadConfig({}).lang).toBe(DEFAULT_LANG);
    for (const bad of NOT_LANGS.filter(Boolean)) {
      expect(() => loadConfig({ BOT_LANG: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ BOT_LANG: bad })).toThrow(`BOT_LANG: must be ${LANGS.join(' or ')}`);
    }
  });

  it('`/kb954960 subscribe`: each of LANGS (any case) is a language, nothing else is', () => {
    for (const lang of LANGS) {
      expect(subscribeArgs.parse([lang])).toEqual({ lang });
      expect(subscribeArgs.parse([lang.toUpperCase()])).toEqual({ lang });
    }
    for (const bad of NOT_LANGS.filter(Boolean)) expect(subscribeArgs.safeParse([bad]).success).toBe(false);
  });

  it('the check form offers exactly LANGS, each named in itself', () => {
    for (const formLang of LANGS) {
      const select = checkModal(formLang, 'C1', 1000).blocks.find((b) => b.block_id === 'lang') as {
        element: { initial_option: { value: string }; options: { value: string; text: { text: string } }[] };
      };
      expect(select.element.options.map((o) => o.value)).toEqual([...LANGS]);
      expect(select.element.options.map((o) => o.text.text)).toEqual(LANGS.map((l) => msg(l).langName[l]));
      expect(select.element.initial_option.value).toBe(formLang);
    }
  });

  it('every catalogue names every language', () => {
    for (const catalogue of LANGS) for (const lang of LANGS) expect(msg(catalogue).langName[lang]).toMatch(/\S/);
  });

  describe('`/kb954960 lang` and the reader-language store', () => {
    let t: { storage: Storage; close(): Promise<void> };
    beforeEach(async () => {
      t = await tempStorage();
    });
    afterEach(() => t.close());
    const ctx = (userId: string) => ({
      store: t.storage,
      lang: DEFAULT_LANG,
      now: new Date('2024-06-01T12:00:00Z'),
      userId,
      adminUserIds: [],
      defaultLang: DEFAULT_LANG,
    });

    it('each of LANGS is chosen and read back; anything else is a usage error and stores nothing', async () => {
      for (const lang of LANGS) {
        const reply = await langCommand([lang.toUpperCase()], ctx(`U${lang.toUpperCase()}`));
        expect(reply).toMatchObject({ exitCode: 0, json: { lang, chosen: true } });
        expect(await t.storage.readers.chosenLang(`U${lang.toUpperCase()}`)).toBe(lang);
      }
      for (const bad of NOT_LANGS.filter(Boolean)) {
        expect((await langCommand([bad], ctx('UOTHER'))).exitCode).toBe(2);
        expect(await t.storage.readers.chosenLang('UOTHER')).toBeNull();
      }
    });
  });

  it('the CLI: --lang takes each of LANGS (answering in it) and refuses anything else naming them all', () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first (npm test does it)`);
    const cli = (lang: string) =>
      spawnSync(process.execPath, [BIN, 'code', '0x80244022', '--json', '--lang', lang], { env: childEnv({}), encoding: 'utf8', timeout: 20_000 });
    for (const lang of LANGS) {
      const r = cli(lang);
      expect(r.status, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { meaning: string }).meaning).toBe(lookupCode('0x80244022').meaning[lang]);
    }
    for (const bad of ['fr', 'EN-US']) {
      const r = cli(bad);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--lang must be ${LANGS.join(' or ')} (got '${bad}')`);
    }
  });
});
