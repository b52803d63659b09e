/** `kb954960 ingest FILE...`: record reports the server script wrote with -OutFile. */
import type { Config } from '../../src/config.js';
import { checkFiles, langFlag, openStore, parse, UsageError, write } from './io.js';

export async function ingest(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, db: { type: 'string' }, lang: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('ingest takes the report files the server script wrote (-OutFile)');
  checkFiles(positionals);
  const { ingestFiles } = await import('../../src/reports/ingest-files.js');
  const store = await openStore(values.db as string | undefined, config);
  try {
    const results = await ingestFiles(positionals, { store, now: config.clock(), lang: langFlag(values.lang, config.lang) });
    write(values.json ? JSON.stringify(results) : results.map((r) => r.line).join('\n'));
    return results.some((r) => !r.ok) ? 2 : 0;
  } finally {
    await store.close();
  }
}
