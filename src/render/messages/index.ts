import type { Lang } from '../../detect/types.js';
import { en, type Catalogue } from './en.js';
import { ja } from './ja.js';

export type { Catalogue } from './en.js';

const CATALOGUES: Readonly<Record<Lang, Catalogue>> = { en, ja };

/** The user-facing words in one language, asked for by name: `msg(lang).evidence`, `msg(lang).moreEvidence({ n })`. */
export function msg(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}
