import type { Lang, Localized } from '../../lang.js';
import { en, type Catalogue } from './en.js';
import { ja } from './ja.js';

export type { Catalogue } from './en.js';

/**
 * One catalogue per language of LANGS (src/lang.ts): a language without its catalogue fails `tsc` here, and so does a
 * catalogue that does not name every language (`langName`, which the `lang` command and the check form show).
 */
const CATALOGUES: Readonly<Record<Lang, Catalogue & { readonly langName: Localized }>> = { en, ja };

/** The user-facing words in one language, asked for by name: `msg(lang).evidence`, `msg(lang).moreEvidence({ n })`. */
export function msg(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}
