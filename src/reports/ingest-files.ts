/**
 * `kb954960 ingest FILE...`: reports the server script wrote with -OutFile (sites whose WSUS servers cannot reach the
 * bot), carried over and recorded by the operator. No signature: the operator chose the files. The same schema and the
 * same recording as the listener; a report already recorded is said to be so and recorded again never.
 */
import { readFile } from 'node:fs/promises';
import { canonicalServerName } from '../diagnose/server-name.js';
import { parseReportText } from '../fleet/report.js';
import type { Lang } from '../lang.js';
import type { Storage } from '../store/port.js';
import { recordReport } from './record.js';

export interface IngestedFile {
  readonly file: string;
  readonly ok: boolean;
  readonly server?: string;
  readonly duplicate?: boolean;
  readonly clients?: number;
  readonly verdict?: string;
  readonly error?: string;
  /** One line for the terminal. */
  readonly line: string;
}

export async function ingestFiles(files: readonly string[], deps: { store: Storage; now: Date; lang: Lang }): Promise<IngestedFile[]> {
  const out: IngestedFile[] = [];
  for (const file of files) {
    if (file === '-') {
      out.push({
        file,
        ok: false,
        error: 'reports are files the script wrote (-OutFile), not standard input',
        line: `${file}: refused: reports are files the script wrote (-OutFile), not standard input`,
      });
      continue;
    }
    const bytes = await readFile(file);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      out.push({ file, ok: false, error: '(body): not UTF-8', line: `${file}: refused: (body): not UTF-8` });
      continue;
    }
    const parsed = parseReportText(text);
    if (!parsed.ok) {
      out.push({ file, ok: false, error: parsed.error, line: `${file}: refused: ${parsed.error}` });
      continue;
    }
    // The operator carries a file over by hand (no key needed), but a revoked server's word is refused on every way in.
    const server = canonicalServerName(parsed.report.server.name);
    if (server && (await deps.store.fleet.reportingOf(server))?.revoked && (await deps.store.fleet.keyOf(server)) === null) {
      const error = `server.name: ${server}'s reporting key was revoked; enroll it again to record its reports`;
      out.push({ file, ok: false, error, line: `${file}: refused: ${error}` });
      continue;
    }
    if (await deps.store.fleet.seen(parsed.report.id)) {
      out.push({ file, ok: true, duplicate: true, line: `${file}: already recorded (report ${parsed.report.id})` });
      continue;
    }
    const r = await recordReport(parsed.report, deps);
    const clients = r.health?.total;
    out.push({
      file,
      ok: true,
      server: r.server,
      duplicate: !r.recorded,
      ...(clients !== undefined ? { clients } : {}),
      ...(r.diagnosis ? { verdict: r.diagnosis.verdict } : {}),
      line: `${file}: recorded for ${r.server}${clients !== undefined ? `, ${clients} clients` : ''}${r.diagnosis ? ` (server state: ${r.diagnosis.serverState})` : ''}`,
    });
  }
  return out;
}
