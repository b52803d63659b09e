/**
 * The languages the bot speaks: the one list. Everything that names a language reads it from here — the config
 * (BOT_LANG), the CLI's --lang, `/kb954960 lang`, the reader-language store, the check form — and everything that
 * carries text per language is typed by it (Localized, the catalogues in render/messages), so adding a language is
 * its catalogue file, one entry here, and whatever texts `tsc` then asks for.
 * Imports nothing: every layer, the pure core included, may use it.
 */
export const LANGS = ['en', 'ja'] as const;

export type Lang = (typeof LANGS)[number];

/** Text in every language (rules, problem packs, code meanings, links): a language added to LANGS fails `tsc` until given. */
export type Localized = Readonly<Record<Lang, string>>;

/** BOT_LANG when unset, and the language of what is said before anyone's language is known. */
export const DEFAULT_LANG: Lang = 'en';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
