import { isLang, type Lang } from '../../src/lang.js';
import type { Store } from './store.js';

/** SQL of the reader's language (db/sqlite/006_reader_lang.sql): what each Slack user chose to be answered in. */
export class ReaderLangStore {
  constructor(private readonly store: Store) {}

  /** The language this user chose, or null if they never did. */
  chosenLang(userId: string): Lang | null {
    const row = this.store.statement('SELECT lang FROM reader_langs WHERE user_id = ?').get(userId) as { lang: string } | undefined;
    return isLang(row?.lang) ? row.lang : null;
  }

  /** The language to answer this user in: their choice, else the workspace default (BOT_LANG). */
  langFor(userId: string | undefined, fallback: Lang): Lang {
    return (userId === undefined ? null : this.chosenLang(userId)) ?? fallback;
  }

  choose(userId: string, lang: Lang, at: string): void {
    this.store
      .statement(
        'INSERT INTO reader_langs (user_id, lang, chosen_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET lang = excluded.lang, chosen_at = excluded.chosen_at',
      )
      .run(userId, lang, at);
  }
}
