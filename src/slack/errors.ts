import { InputError } from '../ingest/decode.js';
import type { Refusal } from '../render/refusals.js';
import { DownloadError } from './file-download.js';

/** Which refusal an error from Slack work is (src/render/refusals.ts words it). */
export function refusalOf(e: unknown): Refusal {
  // A DownloadError thrown while ingest reads the download arrives wrapped (InputError 'unreadable', and again by
  // check() naming the input): tell its reason ("points outside Slack", "sign-in page: files:read"), not "send it again".
  const download = downloadErrorIn(e);
  if (download) return { kind: 'download', problem: download.problem };
  if (e instanceof InputError) {
    // The archive problems are worded by ingest (which member, which limit); the file's name is added by the caller.
    const first = innermost(e);
    const detail = e.problem === 'bad-archive' || e.problem === 'archive-limit' ? first.message : undefined;
    return { kind: 'input', problem: e.problem, ...(detail ? { detail } : {}), ...(first.reason ? { reason: first.reason } : {}) };
  }
  return { kind: 'unexpected' };
}

/** The first InputError of a chain of them (check() re-throws one naming its input). */
function innermost(e: InputError): InputError {
  let c: InputError = e;
  for (let depth = 0; c.cause instanceof InputError && depth < 5; depth++) c = c.cause;
  return c;
}

/** The DownloadError in an error's cause chain, if any. */
function downloadErrorIn(e: unknown): DownloadError | undefined {
  for (let c = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
    if (c instanceof DownloadError) return c;
  }
  return undefined;
}
