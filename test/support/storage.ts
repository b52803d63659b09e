// The storage port over a test's SQLite store: what `serve` and the CLI pass in (src/open-storage.ts), built over the
// synchronous store the test sets up and inspects the database with.
import { SqliteStorage } from '../../db/sqlite/storage.js';
import type { Store } from '../../db/sqlite/store.js';

const ports = new WeakMap<Store, SqliteStorage>();

/** The port over `store` (one per store: it shares the store's connection and prepared statements). */
export function port(store: Store): SqliteStorage {
  let p = ports.get(store);
  if (!p) ports.set(store, (p = new SqliteStorage(store)));
  return p;
}
