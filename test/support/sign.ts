// Signed requests to an app in HTTP mode, as Slack sends them.
// Signature: `v0=` + hex HMAC-SHA256(signingSecret, `v0:{timestamp}:{rawBody}`); timestamp in seconds.
// Bolt's HTTPReceiver answers 401 (empty body) to a bad signature or a timestamp more than 5 minutes old;
// it accepts future timestamps.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';

export * from './payloads.js';

export interface SignedHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** ts: seconds since the epoch (default now) */
export function signedHeaders(secret: string, rawBody: string, ts: number = Math.floor(Date.now() / 1000)): SignedHeaders {
  const sig = createHmac('sha256', secret).update(`v0:${ts}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${sig}`, 'x-slack-request-timestamp': String(ts) };
}

export interface PostOptions {
  /** request timestamp in seconds (default now); e.g. now - 301 for a stale request */
  ts?: number;
  /** overrides the computed x-slack-signature (e.g. 'v0=bad') */
  signature?: string;
  /** x-slack-retry-num (Slack sets it on redeliveries: 1, 2, 3) */
  retryNum?: number;
  /** x-slack-retry-reason, e.g. 'http_timeout' */
  retryReason?: string;
  headers?: Record<string, string>;
  /** give up after this long (default 10 s) */
  timeoutMs?: number;
}

export interface PostResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** response body as text ('' for Bolt's bare acks and 401s) */
  body: string;
  /** the body parsed as JSON when it is JSON, else undefined */
  json: any;
  /** milliseconds from sending to the full response */
  ms: number;
}

/**
 * POST `rawBody` signed with `secret`. Uses node:http with no keep-alive agent, so nothing is left in a
 * connection pool to delay `app.stop()` or process exit.
 */
export function postSigned(url: string, secret: string, rawBody: string, contentType: string, opts: PostOptions = {}): Promise<PostResult> {
  const signed = signedHeaders(secret, rawBody, opts.ts);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(rawBody)),
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    ...signed,
    ...(opts.signature !== undefined ? { 'x-slack-signature': opts.signature } : {}),
    ...(opts.retryNum !== undefined ? { 'x-slack-retry-num': String(opts.retryNum) } : {}),
    ...(opts.retryReason !== undefined ? { 'x-slack-retry-reason': opts.retryReason } : {}),
    ...opts.headers,
  };
  return httpRequest('POST', url, headers, rawBody, opts.timeoutMs ?? 10_000);
}

/** plain GET (e.g. /healthz), also without keep-alive */
export function get(url: string, timeoutMs = 10_000): Promise<PostResult> {
  return httpRequest('GET', url, {}, undefined, timeoutMs);
}

/** an Events API delivery: JSON body (`event_callback` envelope, e.g. from messageEvent()) */
export function postEvent(url: string, secret: string, envelope: unknown, opts: PostOptions = {}): Promise<PostResult> {
  return postSigned(url, secret, JSON.stringify(envelope), 'application/json', opts);
}

/** a slash command: form-urlencoded fields (see slashCommand() for the full set) */
export function postSlashCommand(url: string, secret: string, fields: Record<string, string>, opts: PostOptions = {}): Promise<PostResult> {
  return postSigned(url, secret, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts);
}

/** an interaction (shortcut, block action, view submission): form body `payload=<json>` */
export function postInteraction(url: string, secret: string, payload: unknown, opts: PostOptions = {}): Promise<PostResult> {
  const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(url, secret, raw, 'application/x-www-form-urlencoded', opts);
}

export function httpRequest(method: string, url: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<PostResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { connection: 'close', ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json, ms: performance.now() - started });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url}: no response within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
