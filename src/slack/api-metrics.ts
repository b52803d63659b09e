import { errorLabel, type Metrics } from '../metrics.js';

/** The Web API method a request is for (`…/api/chat.postMessage` → chat.postMessage); 'other' for anything else. */
function apiMethod(url: string): string {
  const m = /\/api\/([A-Za-z][\w.]{0,80})(?:\?|$)/.exec(url);
  return m ? m[1]! : 'other';
}

/** Failed requests remembered for recognising their retry: enough for every call in flight, bounded if none comes. */
const REMEMBERED_FAILURES = 1000;

/**
 * The Web API client's fetch (clientOptions.fetch: the one client option that reaches every client Bolt makes),
 * counting requests, failures and retries. The client retries a request that failed (network, HTTP error, 429 after
 * its Retry-After) by sending the same body again: a request whose method and body match a failed one is a retry.
 */
export function countingFetch(metrics: Metrics, base: typeof fetch = globalThis.fetch): typeof fetch {
  const failed = new Set<string>();
  const remember = (key: string | undefined) => {
    if (key === undefined) return;
    failed.add(key);
    if (failed.size > REMEMBERED_FAILURES) failed.delete(failed.values().next().value!);
  };
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = apiMethod(url);
    const key = typeof init?.body === 'string' ? `${url}\n${init.body}` : undefined;
    metrics.apiRequests.inc({ method });
    if (key !== undefined && failed.delete(key)) metrics.apiRetries.inc({ method });
    let res: Response;
    try {
      res = await base(input, init);
    } catch (e) {
      metrics.apiErrors.inc({ method, error: 'network' });
      remember(key);
      throw e;
    }
    if (res.status !== 200) {
      metrics.apiErrors.inc({ method, error: res.status === 429 ? 'ratelimited' : `http_${res.status}` });
      remember(key);
    } else if (/json/.test(res.headers.get('content-type') ?? '')) {
      // Slack's platform errors are HTTP 200 with ok: false (not retried by the client).
      const body = (await res
        .clone()
        .json()
        .catch(() => null)) as { ok?: boolean; error?: unknown } | null;
      if (body?.ok === false) metrics.apiErrors.inc({ method, error: errorLabel(body.error) });
    }
    return res;
  };
}
