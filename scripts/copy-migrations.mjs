// tsc does not copy non-TS files: each engine's migrations must sit beside its compiled code (db/sqlite/*.sql →
// dist/db/sqlite/). dist's folder is made to hold exactly the engine's .sql files — a migration renamed or removed in
// db/ must not linger in dist/ and be applied from there.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';

for (const engine of readdirSync('db', { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)) {
  const out = `dist/db/${engine}`;
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(out)) if (file.endsWith('.sql')) rmSync(`${out}/${file}`);
  for (const file of readdirSync(`db/${engine}`)) if (file.endsWith('.sql')) cpSync(`db/${engine}/${file}`, `${out}/${file}`);
}
// The migrations' earlier home (dist/db/*.sql, before the engines had folders of their own): gone with the move.
if (existsSync('dist/db')) for (const file of readdirSync('dist/db')) if (file.endsWith('.sql')) rmSync(`dist/db/${file}`);
