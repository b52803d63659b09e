/** `kb954960 scan`: the CLI's diagnosis of log files (the bot's counterpart is a paste or an upload). */
import { check, RECORD_ALWAYS, RECORD_NEVER, type ScanStrategy } from '../../src/check.js';
import type { Config } from '../../src/config.js';
import { needsAction } from '../../src/diagnose/diagnose.js';
import { canonicalServerName } from '../../src/diagnose/server-name.js';
import { openLogFile, openLogs, type LogSource } from '../../src/ingest/archive.js';
import { InputError } from '../../src/ingest/decode.js';
import { scanInline } from '../../src/scan/runner.js';
import { scanFileInParts } from '../../src/scan/split.js';
import { renderJson } from '../../src/render/json.js';
import { renderText } from '../../src/render/text.js';
import { checkFiles, langFlag, maxBytesFlag, openStore, openStoreToRead, parse, UsageError, write } from './io.js';

/** Each FILE (or stdin) as the logs in it: a ZIP's text logs are scanned as `logs.zip:WindowsUpdate.log`. */
async function inputsFrom(files: readonly string[], maxBytes: number): Promise<LogSource[]> {
  checkFiles(files);
  const inputs: LogSource[] = [];
  for (const file of files.length === 0 ? ['-'] : files) {
    const name = file === '-' ? 'stdin' : file;
    try {
      inputs.push(
        ...(file === '-'
          ? await openLogs(process.stdin, name, { maxBytes, limitName: '--max-bytes' })
          : await openLogFile(file, { maxBytes, limitName: '--max-bytes' })),
      );
    } catch (e) {
      if (e instanceof InputError) throw new InputError(e.problem, `${name}: ${e.message}`, { cause: e });
      throw e;
    }
  }
  return inputs;
}

/**
 * How the CLI reads its inputs: inline (its user waits for nothing else), a very large local file in two parts at once,
 * one per core, where the machine allows it (src/scan/split.ts); refused over --max-bytes, named as such.
 */
function cliScan(maxBytes: number): ScanStrategy<LogSource> {
  const decode = { maxBytes, limitName: '--max-bytes' };
  return {
    async scan(input) {
      const inParts = input.file ? await scanFileInParts(input.file.path, input.file.size, decode) : null;
      if (!inParts) return scanInline(input.chunks, decode);
      await input.close?.();
      return inParts;
    },
  };
}

export async function scan(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean' },
    lang: { type: 'string' },
    server: { type: 'string' },
    'no-save': { type: 'boolean' },
    db: { type: 'string' },
    'max-bytes': { type: 'string' },
  });
  const lang = langFlag(values.lang, config.lang);
  const maxBytes = maxBytesFlag(values['max-bytes']);
  const inputs = await inputsFrom(positionals, maxBytes);
  const dbFlag = values.db as string | undefined;
  // --no-save still consults what is known of the server, when a database exists, but writes (and creates) nothing.
  const store = values['no-save'] ? await openStoreToRead(dbFlag, config) : await openStore(dbFlag, config);
  try {
    const server = values.server as string | undefined;
    if (server !== undefined && canonicalServerName(server) === null) throw new UsageError(`--server: '${server}' is not a host name or URL`);
    const { diagnosis } = await check(
      {
        inputs,
        lang,
        serverName: server,
        now: config.clock(),
        mayRecordFacts: true, // the machine's operator is trusted
        from: { origin: 'cli', sourceName: inputs.map((i) => i.name).join(', ') },
      },
      { storage: store, scan: cliScan(maxBytes), record: values['no-save'] ? RECORD_NEVER : RECORD_ALWAYS },
    );
    write(values.json ? JSON.stringify(renderJson(diagnosis)) : renderText(diagnosis));
    return needsAction(diagnosis) ? 1 : 0;
  } finally {
    await store?.close();
  }
}
