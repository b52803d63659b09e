import { formatBytes, InputError } from '../ingest/decode.js';
import { downloadReason, type DownloadProblem } from '../render/refusals.js';

/** Why a file could not be fetched: the problem for the user's refusal, in English for the logs. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(readonly problem: DownloadProblem) {
    super(downloadReason(problem, 'en'));
  }
}

export interface DownloadOptions {
  readonly token: string;
  /** Host (host[:port]) of SLACK_API_URL; files.slack.com is always allowed. */
  readonly apiHost: string;
  readonly maxBytes: number;
  readonly fetch?: typeof fetch;
}

const SLACK_FILE_HOST = 'files.slack.com';
const MAX_REDIRECTS = 3;

/** The bot token goes only to Slack's own file host, or to the host the bot was told is Slack (SLACK_API_URL). */
export function isSlackFileUrl(url: URL, apiHost: string): boolean {
  if (url.protocol === 'https:' && url.hostname === SLACK_FILE_HOST && (url.port === '' || url.port === '443')) return true;
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.host === apiHost;
}

/**
 * Streams a Slack file (url_private_download) with the bot token. Never sends the token elsewhere, and follows
 * redirects by hand so that one leading off Slack's hosts is refused instead of being followed with the token.
 */
export async function* downloadSlackFile(rawUrl: string, options: DownloadOptions): AsyncGenerator<Uint8Array> {
  const doFetch = options.fetch ?? fetch;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new DownloadError({ kind: 'no-link' });
  }
  for (let hop = 0; ; hop++) {
    if (!isSlackFileUrl(url, options.apiHost)) throw new DownloadError({ kind: 'off-slack', host: url.host });
    const res = await doFetch(url, { headers: { Authorization: `Bearer ${options.token}` }, redirect: 'manual' });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      const location = res.headers.get('location');
      if (!location || hop >= MAX_REDIRECTS) throw new DownloadError({ kind: 'redirects' });
      url = new URL(location, url);
      continue;
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new DownloadError({ kind: 'status', status: res.status });
    }
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
      await res.body?.cancel();
      // Slack serves its sign-in page, with 200, when the token may not read the file.
      throw new DownloadError({ kind: 'sign-in' });
    }
    const length = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(length) && length > options.maxBytes) {
      await res.body?.cancel();
      throw new InputError('too-large', `The file is larger than the ${formatBytes(options.maxBytes)} limit (MAX_FILE_BYTES).`);
    }
    if (!res.body) return;
    yield* res.body as unknown as AsyncIterable<Uint8Array>;
    return;
  }
}
