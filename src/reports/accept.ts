/**
 * One report as it arrives over HTTP: headers and the bytes on the wire → the answer (status and JSON body). Every
 * refusal comes before anything is written: unknown or revoked server, bad signature or stale timestamp (401), too large
 * once expanded (413), not the schema (400, naming the field), a body for another server than the key's (401).
 */
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { canonicalServerName } from '../diagnose/server-name.js';
import { parseReportText } from '../fleet/report.js';
import { checkReportSignature } from '../fleet/signature.js';
import type { Lang } from '../lang.js';
import type { Storage } from '../store/port.js';
import { recordReport, type RecordedReport } from './record.js';

const gunzipAsync = promisify(gunzip);

/** At most this many bytes on the wire (gzip'd or not). */
export const MAX_WIRE_BYTES = 8 * 1024 * 1024;
/** At most this many bytes once a gzip'd body is expanded: a report of tens of thousands of clients fits many times. */
export const MAX_EXPANDED_BYTES = 64 * 1024 * 1024;

export interface IngestAnswer {
  readonly status: number;
  readonly body: { readonly ok: boolean; readonly duplicate?: true; readonly error?: string };
  /** The report, when it was recorded now. */
  readonly recorded?: RecordedReport;
}

export interface AcceptDeps {
  readonly store: Storage;
  readonly clock: () => Date;
  readonly lang: Lang;
  readonly offThread?: boolean;
  /** Report ids being recorded right now: a retry arriving meanwhile is a duplicate, not a second record. */
  readonly inFlight: Set<string>;
}

const refuse = (status: number, error: string): IngestAnswer => ({ status, body: { ok: false, error } });

export async function acceptReport(
  headers: { server?: string; timestamp?: string; signature?: string; encoding?: string },
  wire: Buffer,
  deps: AcceptDeps,
): Promise<IngestAnswer> {
  const server = headers.server ? canonicalServerName(headers.server) : null;
  if (server === null) return refuse(401, 'X-KB954960-Server: missing or not a host name');
  const key = await deps.store.fleet.keyOf(server);
  // One answer for "never enrolled" and "revoked": neither says more to a caller without the key.
  if (key === null) return refuse(401, `${server}: not enrolled, or its key was revoked (kb954960 enroll ${server})`);
  const sig = checkReportSignature({ key, timestamp: headers.timestamp, signature: headers.signature, body: wire, now: deps.clock() });
  if (!sig.ok) {
    if (sig.reason === 'timestamp') return refuse(401, "X-KB954960-Timestamp: more than 5 minutes from the bot's clock (check the server's time)");
    if (sig.reason === 'missing') return refuse(401, 'X-KB954960-Timestamp and X-KB954960-Signature are required');
    return refuse(401, 'X-KB954960-Signature: does not match (wrong key, or the body changed on the way)');
  }
  let body = wire;
  const encoding = (headers.encoding ?? 'identity').trim().toLowerCase();
  if (encoding === 'gzip') {
    try {
      body = await gunzipAsync(wire, { maxOutputLength: MAX_EXPANDED_BYTES });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError)
        return refuse(413, `(body): over ${MAX_EXPANDED_BYTES} bytes once expanded`);
      return refuse(400, '(body): not valid gzip');
    }
  } else if (encoding !== 'identity') return refuse(400, `Content-Encoding: ${encoding} is not gzip`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return refuse(400, '(body): not UTF-8');
  }
  const parsed = parseReportText(text);
  if (!parsed.ok) return refuse(400, parsed.error);
  const report = parsed.report;
  if (canonicalServerName(report.server.name) !== server)
    return refuse(401, `server.name: ${report.server.name} is not ${server}, the server this key reports for`);
  if (deps.inFlight.has(report.id) || (await deps.store.fleet.seen(report.id))) return { status: 200, body: { ok: true, duplicate: true } };
  deps.inFlight.add(report.id);
  try {
    const recorded = await recordReport(report, { store: deps.store, now: deps.clock(), lang: deps.lang, offThread: deps.offThread });
    if (!recorded.recorded) return { status: 200, body: { ok: true, duplicate: true } };
    return { status: 202, body: { ok: true }, recorded };
  } finally {
    deps.inFlight.delete(report.id);
  }
}
