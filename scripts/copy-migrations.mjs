// tsc does not copy non-TS files: the migrations must sit beside the compiled store.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';

mkdirSync('dist/db', { recursive: true });
for (const file of readdirSync('db')) if (file.endsWith('.sql')) cpSync(`db/${file}`, `dist/db/${file}`);
