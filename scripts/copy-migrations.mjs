// tsc does not copy non-TS files: the migrations must sit beside the compiled store. dist/db is made to hold exactly
// db/'s .sql files — a migration renamed or removed in db/ must not linger in dist/ and be applied from there.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';

mkdirSync('dist/db', { recursive: true });
for (const file of readdirSync('dist/db')) if (file.endsWith('.sql')) rmSync(`dist/db/${file}`);
for (const file of readdirSync('db')) if (file.endsWith('.sql')) cpSync(`db/${file}`, `dist/db/${file}`);
