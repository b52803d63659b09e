// A fake Slack Web API (node:http on 127.0.0.1:0) that records every call.
//
// Routes:
//   POST|GET /api/<method>        Web API; default answers below, override with respondWith()
//   POST     /response_url/<n>    response_url sink (Bolt's respond() posts JSON here with fetch);
//                                 recorded under method 'response_url'
//   GET      /files/<path>        file host; recorded under method 'file_download' and in fileHost.downloads
//
// @slack/web-api 8.x posts application/x-www-form-urlencoded (objects such as `blocks` JSON-encoded into
// one field; the token travels in `Authorization: Bearer`), multipart/form-data when a Buffer is among the
// arguments; other clients post JSON. All are parsed into `body`; form fields holding JSON
// (`blocks`, `view`, ...) are decoded.
import { Buffer } from 'node:buffer';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeSocketMode, type FakeSocketMode, type FakeSocketModeOptions } from './fake-socket-mode.js';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`), or 'response_url' / 'file_download' */
  method: string;
  /** parsed body (JSON, form or multipart fields; JSON-looking form fields decoded), or the query for GET */
  body: Record<string, any>;
  rawBody: string;
  headers: IncomingHttpHeaders;
  /** request path, e.g. /api/chat.postMessage, /response_url/3, /files/T1/F1/log.txt */
  path: string;
  /** Date.now() when the request was fully received */
  at: number;
}

/** An explicit HTTP answer. A handler may also return a plain object, sent as JSON with status 200. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** object → JSON; string / Buffer → as is */
  body?: unknown;
  /** wait this long before answering (slow Slack) */
  delayMs?: number;
}

export type Handler = (call: RecordedCall, fake: FakeSlack) => FakeResponse | Record<string, unknown> | Promise<FakeResponse | Record<string, unknown>>;

export interface RegisteredFile {
  id: string;
  name: string;
  title?: string;
  mimetype: string;
  filetype: string;
  size: number;
  url_private: string;
  url_private_download: string;
  [k: string]: unknown;
}

export interface FileDownload {
  path: string;
  authorization: string | undefined;
  status: number;
  at: number;
}

export interface FileHost {
  /** absolute URL on the fake's file host, e.g. url('T1/F1/log.txt') → http://127.0.0.1:P/files/T1/F1/log.txt */
  url(path: string): string;
  /** serve `bytes` at /files/<path> */
  put(path: string, bytes: Buffer | Uint8Array | string, contentType?: string): string;
  /** put() the bytes and register a Slack file object that files.info returns; returns that object */
  addFile(file: {
    id?: string;
    name: string;
    bytes: Buffer | Uint8Array | string;
    mimetype?: string;
    filetype?: string;
    /** reported size; defaults to the byte length (lie here to test size caps) */
    size?: number;
    [k: string]: unknown;
  }): RegisteredFile;
  readonly files: Map<string, RegisteredFile>;
  /** every GET on /files/..., with its Authorization header */
  readonly downloads: FileDownload[];
}

export interface StartFakeSlackOptions {
  /** start a fake Socket Mode server too; apps.connections.open then returns its URL */
  socketMode?: boolean | FakeSocketModeOptions;
  /**
   * The one valid bot token. When set, Web API calls with another token get `{ok:false, error:'invalid_auth'}`
   * (none: 'not_authed'), and file downloads without `Authorization: Bearer <botToken>` get what real Slack
   * gives: 200 text/html (a sign-in page), not the file. (apps.connections.open always requires an xapp- token.)
   */
  botToken?: string;
  /** print each call to stderr */
  verbose?: boolean;
}

export interface FakeSlack {
  /** http://127.0.0.1:PORT/api/ — pass as clientOptions.slackApiUrl */
  readonly apiUrl: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /**
   * The first call to `method` (already recorded or future) that satisfies `predicate`.
   * Rejects after timeoutMs (default 3000) listing every recorded call.
   */
  waitFor(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  waitFor(method: string, timeoutMs: number): Promise<RecordedCall>;
  /**
   * Override the answer for `method` ('response_url' and 'file_download' too). `times` limits the override
   * to the next N calls, then the previous behaviour returns. Pass `null` to remove overrides.
   */
  respondWith(method: string, handler: Handler | FakeResponse | Record<string, unknown> | null, opts?: { times?: number }): void;
  /** a fresh response_url on this fake (calls recorded as 'response_url') */
  responseUrl(): string;
  readonly fileHost: FileHost;
  /** present when started with { socketMode } */
  readonly socket: FakeSocketMode | undefined;
  /** forget recorded calls (overrides and files stay) */
  reset(): void;
  /**
   * Slow Slack: answer Web API `method` this many ms late (a number, or a function for a random lag; null: none).
   * The call is recorded, and takes effect (a posted message), when it arrives; only the answer waits — so a
   * client killed meanwhile has posted without knowing it.
   */
  latency(method: string, ms: number | (() => number) | null): void;
  close(): Promise<void>;
}

/** An explicit response (helper so handlers read well). */
export const reply = (status: number, body?: unknown, headers?: Record<string, string>, delayMs?: number): FakeResponse => ({
  status,
  body,
  headers,
  delayMs,
});
/** 429 with Retry-After (seconds), as Slack rate limits. */
export const rateLimited = (retryAfterSec = 1): FakeResponse => ({
  status: 429,
  headers: { 'retry-after': String(retryAfterSec) },
  body: { ok: false, error: 'ratelimited' },
});
/** `{ok:false, error}` with status 200, as Slack reports platform errors. */
export const slackError = (error: string, extra: Record<string, unknown> = {}) => ({ ok: false, error, ...extra });

const isFakeResponse = (v: unknown): v is FakeResponse => typeof v === 'object' && v !== null && typeof (v as { status?: unknown }).status === 'number';

const DEFAULT_TIMEOUT_MS = 3000;

export async function startFakeSlack(options: StartFakeSlackOptions = {}): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const overrides = new Map<string, Array<{ handler: Handler; remaining: number }>>();
  const waiters = new Set<{ method: string; predicate: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }>();
  const stored = new Map<string, { bytes: Buffer; contentType: string }>();
  const files = new Map<string, RegisteredFile>();
  const downloads: FileDownload[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const latencies = new Map<string, number | (() => number)>();
  const posted: Array<Record<string, any>> = [];
  let tsSeq = 0;
  let responseUrlSeq = 0;
  let viewSeq = 0;
  let fileSeq = 0;
  let closed = false;

  const socket =
    options.socketMode === undefined || options.socketMode === false
      ? undefined
      : await startFakeSocketMode(options.socketMode === true ? {} : options.socketMode);

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake slack: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const nextTs = () => `${1_700_000_000 + Math.floor(tsSeq / 1000)}.${String(++tsSeq).padStart(6, '0')}`;

  const fileHost: FileHost = {
    url: (path) =>
      `${origin}/files/${path
        .replace(/^\/+/, '')
        .split('/')
        .map((seg) => encodeURIComponent(seg))
        .join('/')}`,
    put(path, bytes, contentType = 'application/octet-stream') {
      const clean = path.replace(/^\/+/, '');
      stored.set(clean, { bytes: typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes), contentType });
      return fileHost.url(clean);
    },
    addFile({ id, name, bytes, mimetype = 'text/plain', filetype = 'text', size, ...rest }) {
      const fid = id ?? `F${String(++fileSeq).padStart(8, '0')}`;
      const buf = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
      const url = fileHost.put(`T1/${fid}/${name}`, buf, mimetype);
      const file: RegisteredFile = {
        id: fid,
        created: Math.floor(Date.now() / 1000),
        timestamp: Math.floor(Date.now() / 1000),
        name,
        title: name,
        mimetype,
        filetype,
        pretty_type: filetype,
        user: 'U1',
        mode: 'hosted',
        is_external: false,
        is_public: false,
        size: size ?? buf.length,
        url_private: url,
        url_private_download: `${url}?download=1`,
        permalink: `https://example.slack.com/files/U1/${fid}/${name}`,
        ...rest,
      };
      files.set(fid, file);
      return file;
    },
    files,
    downloads,
  };

  const describe = (c: RecordedCall) => {
    const s = JSON.stringify(c.body);
    return `  ${c.method} ${s.length > 160 ? `${s.slice(0, 160)}…` : s}`;
  };

  const record = (call: RecordedCall) => {
    calls.push(call);
    if (options.verbose) process.stderr.write(`[fake-slack] ${describe(call)}\n`);
    for (const w of [...waiters]) {
      if (w.method === call.method && w.predicate(call)) {
        waiters.delete(w);
        w.resolve(call);
      }
    }
  };

  const defaultAnswer = (method: string, body: Record<string, any>, call: RecordedCall): FakeResponse | Record<string, unknown> => {
    const bearer = /^Bearer (.+)$/.exec(String(call.headers.authorization ?? ''))?.[1] ?? (body.token as string | undefined);
    if (method === 'apps.connections.open') {
      // real Slack: only an app-level token (xapp-) may open a Socket Mode connection
      if (!bearer) return { ok: false, error: 'not_authed' };
      if (!bearer.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
    } else if (options.botToken !== undefined && bearer !== options.botToken && !bearer?.startsWith('xapp-')) {
      return { ok: false, error: bearer ? 'invalid_auth' : 'not_authed' };
    }
    switch (method) {
      case 'auth.test':
        if (String(call.headers.authorization ?? '').startsWith('Bearer xapp-')) {
          return { ok: true, app_id: 'A1', app_name: 'kb954960' };
        }
        return {
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'kb954960',
          team_id: 'T1',
          user_id: 'UBOT',
          bot_id: 'BBOT',
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        const ts = nextTs();
        const message = {
          type: 'message',
          subtype: 'bot_message',
          text: body.text ?? '',
          user: 'UBOT',
          bot_id: 'BBOT',
          ts,
          ...(body.thread_ts !== undefined ? { thread_ts: String(body.thread_ts) } : {}),
          ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
        };
        // Message metadata (event_type + event_payload) is kept and returned by conversations.replies/history
        // when the caller asks with include_all_metadata, as real Slack does.
        const metadata = typeof body.metadata === 'object' && body.metadata !== null ? body.metadata : undefined;
        posted.push({ ...message, channel: body.channel, ...(metadata ? { metadata } : {}) });
        return { ok: true, channel: body.channel ?? 'C1', ts, message };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.update': {
        // The message as Slack keeps it changes too: a later conversations.replies/history reads the edit.
        const kept = posted.find((m) => m.channel === body.channel && m.ts === body.ts);
        if (kept)
          Object.assign(kept, {
            text: body.text ?? kept.text,
            ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
            edited: { user: 'UBOT', ts: nextTs() },
          });
        return {
          ok: true,
          channel: body.channel,
          ts: body.ts,
          text: body.text ?? '',
          message: { type: 'message', text: body.text ?? '', user: 'UBOT', bot_id: 'BBOT', ...(body.blocks ? { blocks: body.blocks } : {}) },
        };
      }
      case 'chat.delete': {
        // Gone from what conversations.replies/history read, as in real Slack; a second delete finds nothing.
        const at = posted.findIndex((m) => m.channel === body.channel && m.ts === body.ts);
        if (at < 0) return { ok: false, error: 'message_not_found' };
        posted.splice(at, 1);
        return { ok: true, channel: body.channel, ts: body.ts };
      }
      case 'chat.getPermalink':
        return { ok: true, channel: body.channel ?? 'C', permalink: 'https://example.slack.com/archives/C/p123' };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish': {
        const view = typeof body.view === 'object' && body.view !== null ? body.view : {};
        const id = body.view_id ?? `V${String(++viewSeq).padStart(8, '0')}`;
        return {
          ok: true,
          view: { id, team_id: 'T1', app_id: 'A1', bot_id: 'BBOT', hash: `${Date.now()}.hash${viewSeq}`, state: { values: {} }, ...view },
        };
      }
      case 'files.info': {
        const file = files.get(String(body.file ?? ''));
        return file ? { ok: true, file, comments: [], response_metadata: { next_cursor: '' } } : { ok: false, error: 'file_not_found' };
      }
      case 'conversations.info': {
        const id = String(body.channel ?? 'C1');
        const isIm = id.startsWith('D');
        return {
          ok: true,
          channel: {
            id,
            name: isIm ? undefined : 'general',
            is_channel: id.startsWith('C'),
            is_group: id.startsWith('G'),
            is_im: isIm,
            is_private: !id.startsWith('C'),
            is_member: true,
            ...(isIm ? { user: 'U1' } : {}),
          },
        };
      }
      case 'conversations.replies': {
        const ts = String(body.ts ?? '');
        const messages = posted.filter((m) => m.channel === body.channel && (m.ts === ts || m.thread_ts === ts)).map(withMetadataIf(body));
        return { ok: true, messages, has_more: false, response_metadata: { next_cursor: '' } };
      }
      case 'conversations.history':
        return {
          ok: true,
          messages: posted
            .filter((m) => m.channel === body.channel)
            .reverse()
            .map(withMetadataIf(body)),
          has_more: false,
        };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users ?? 'U1').split(',')[0]}` } };
      case 'conversations.join':
        return { ok: true, channel: { id: body.channel } };
      case 'users.info':
        return { ok: true, user: { id: body.user, name: 'user', real_name: 'User', tz: 'Asia/Tokyo', locale: 'en-US', is_bot: false } };
      case 'apps.connections.open':
        return socket ? { ok: true, url: socket.nextUrl() } : { ok: false, error: 'fake_slack_socket_mode_not_enabled' };
      default:
        return { ok: true };
    }
  };

  const answerFor = async (method: string, call: RecordedCall, fallback: () => FakeResponse | Record<string, unknown>) => {
    const list = overrides.get(method);
    const entry = list?.[list.length - 1];
    if (entry) {
      entry.remaining -= 1;
      if (entry.remaining <= 0) list!.pop();
      return entry.handler(call, fake);
    }
    return fallback();
  };

  const send = async (res: ServerResponse, answer: FakeResponse | Record<string, unknown>) => {
    const r: FakeResponse = isFakeResponse(answer) ? answer : { status: 200, body: answer };
    if (r.delayMs && r.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, r.delayMs);
        timers.add(t);
      });
    }
    if (res.destroyed) return;
    let payload: string | Buffer = '';
    const headers: Record<string, string> = { ...r.headers };
    const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
    if (Buffer.isBuffer(r.body) || r.body instanceof Uint8Array) payload = Buffer.from(r.body);
    else if (typeof r.body === 'string') payload = r.body;
    else if (r.body !== undefined) {
      payload = JSON.stringify(r.body);
      if (!hasType) headers['content-type'] = 'application/json; charset=utf-8';
    }
    res.writeHead(r.status, headers);
    res.end(payload);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;

    if (path.startsWith('/api/')) {
      const method = decodeURIComponent(path.slice('/api/'.length));
      const body = req.method === 'GET' ? Object.fromEntries(url.searchParams) : await parseBody(raw, req.headers['content-type']);
      const call: RecordedCall = { method, body, rawBody: raw.toString('utf8'), headers: req.headers, path, at: Date.now() };
      record(call);
      const answer = await answerFor(method, call, () => defaultAnswer(method, body, call));
      const lag = latencies.get(method);
      const lagMs = typeof lag === 'function' ? lag() : (lag ?? 0);
      if (lagMs > 0) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, lagMs);
          timers.add(t);
        });
      }
      await send(res, answer);
      return;
    }

    if (path.startsWith('/response_url/')) {
      const body = await parseBody(raw, req.headers['content-type']);
      const call: RecordedCall = { method: 'response_url', body, rawBody: raw.toString('utf8'), headers: req.headers, path, at: Date.now() };
      record(call);
      // real Slack answers a response_url POST with 200 and a tiny JSON body
      await send(res, await answerFor('response_url', call, () => ({ ok: true })));
      return;
    }

    if (path.startsWith('/files/')) {
      const key = decodeURIComponent(path.slice('/files/'.length));
      const call: RecordedCall = {
        method: 'file_download',
        body: Object.fromEntries(url.searchParams),
        rawBody: '',
        headers: req.headers,
        path,
        at: Date.now(),
      };
      const entry = stored.get(key);
      const auth = req.headers.authorization;
      const answer = await answerFor('file_download', call, () => {
        if (options.botToken !== undefined && auth !== `Bearer ${options.botToken}`) {
          return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!DOCTYPE html><html><body>Sign in to Slack</body></html>' };
        }
        if (!entry) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
        return { status: 200, headers: { 'content-type': entry.contentType, 'content-length': String(entry.bytes.length) }, body: entry.bytes };
      });
      downloads.push({ path: key, authorization: auth, status: isFakeResponse(answer) ? answer.status : 200, at: call.at });
      record(call);
      await send(res, answer);
      return;
    }

    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`fake slack: no route for ${req.method} ${path}`);
  }

  function waitFor(method: string, a?: ((c: RecordedCall) => boolean) | number, b?: number): Promise<RecordedCall> {
    const predicate = typeof a === 'function' ? a : () => true;
    const timeoutMs = typeof a === 'number' ? a : (b ?? DEFAULT_TIMEOUT_MS);
    const found = calls.find((c) => c.method === method && predicate(c));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        method,
        predicate,
        resolve: (c: RecordedCall) => {
          clearTimeout(timer);
          resolve(c);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        const list = calls.length ? calls.map(describe).join('\n') : '  (none)';
        const some = calls.some((c) => c.method === method);
        reject(new Error(`fake slack: no ${some ? 'matching ' : ''}call to ${method} within ${timeoutMs} ms. Recorded calls:\n${list}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  const fake: FakeSlack = {
    apiUrl: `${origin}/api/`,
    origin,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    waitFor: waitFor as FakeSlack['waitFor'],
    respondWith(method, handler, opts = {}) {
      if (handler === null) {
        overrides.delete(method);
        return;
      }
      const fn: Handler = typeof handler === 'function' ? handler : () => handler;
      const list = overrides.get(method) ?? [];
      list.push({ handler: fn, remaining: opts.times ?? Number.POSITIVE_INFINITY });
      overrides.set(method, list);
    },
    responseUrl: () => `${origin}/response_url/${++responseUrlSeq}`,
    fileHost,
    socket,
    latency(method, ms) {
      if (ms === null) latencies.delete(method);
      else latencies.set(method, ms);
    },
    reset() {
      calls.length = 0;
      downloads.length = 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await socket?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return fake;
}

/** Slack returns a message's metadata only when asked (`include_all_metadata`). */
function withMetadataIf(body: Record<string, any>): (m: Record<string, any>) => Record<string, any> {
  const wanted = body.include_all_metadata === true || body.include_all_metadata === 'true' || body.include_all_metadata === '1';
  return (m) => {
    if (wanted || m.metadata === undefined) return m;
    const { metadata: _omitted, ...rest } = m;
    return rest;
  };
}

const JSON_FIELD = /^\s*[[{]/;
const TEXT_FIELDS = new Set(['text', 'markdown_text', 'initial_comment', 'content', 'title']);

function decodeFields(entries: Iterable<[string, string]>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of entries) {
    let value: unknown = v;
    if (!TEXT_FIELDS.has(k) && JSON_FIELD.test(v)) {
      try {
        value = JSON.parse(v);
      } catch {
        /* not JSON after all */
      }
    }
    out[k] = value;
  }
  return out;
}

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<Record<string, any>> {
  const type = (contentType ?? '').toLowerCase();
  if (raw.length === 0) return {};
  if (type.includes('application/json')) {
    try {
      const v = JSON.parse(raw.toString('utf8'));
      return typeof v === 'object' && v !== null ? v : { value: v };
    } catch {
      return {};
    }
  }
  if (type.includes('multipart/form-data')) {
    // let the platform parse multipart: wrap the bytes in a Response
    const form = await new Response(raw, { headers: { 'content-type': contentType! } }).formData();
    const out: Array<[string, string]> = [];
    const blobs: Record<string, Buffer> = {};
    for (const [k, v] of form.entries()) {
      if (typeof v === 'string') out.push([k, v]);
      else blobs[k] = Buffer.from(await v.arrayBuffer());
    }
    return { ...decodeFields(out), ...blobs };
  }
  // form-urlencoded (Web API default), or unlabeled
  return decodeFields(new URLSearchParams(raw.toString('utf8')).entries());
}
