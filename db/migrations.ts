import { readdirSync } from 'node:fs';

/**
 * What both engines' migration runs share: which NNN_name.sql files a directory holds, and the one line a database
 * written by a later kb954960 is refused with (its tables may mean other things than this version's code thinks).
 */

/** The one line for a database written by a later kb954960 (`serve`, every command, `db restore`), on either engine. */
export function newerSchema(version: number, known: number): string {
  return `the database is from a newer kb954960 (schema version ${version}; this one knows up to ${known}): run that version, or restore a backup made with this one`;
}

/**
 * The migrations in a directory, in order, and the version they bring a database to. Two files of one number would
 * leave the second unapplied on every database: refused instead.
 */
export function migrationFiles(dir: string): { files: string[]; known: number } {
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();
  const numbers = files.map((f) => f.slice(0, 3));
  const twice = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (twice !== undefined) throw new Error(`two migrations are numbered ${twice}: ${files.filter((f) => f.startsWith(twice)).join(', ')}`);
  return { files, known: files.length === 0 ? 0 : Number(files.at(-1)!.slice(0, 3)) };
}
