// A fake Slack Socket Mode endpoint: a `ws` server on 127.0.0.1:0.
//
// What @slack/socket-mode 3.x (used by Bolt 5's SocketModeReceiver) needs from the server, read from
// node_modules/@slack/socket-mode/dist/src/{SocketModeClient,SlackWebSocket}.js:
// - it calls `apps.connections.open` (with `Authorization: Bearer <xapp token>`) and connects (undici WebSocket)
//   to the returned `url`; `app.start()` resolves only once a `{"type":"hello"}` text frame arrives.
// - envelopes are `{type, envelope_id, payload, accepts_response_payload, retry_attempt?, retry_reason?}`;
//   `type` is `events_api` | `slash_commands` | `interactive` (events_api emits payload.event.type).
// - acks come back as `{"envelope_id": "...", "payload": {...}}` (payload is `{}` for a bare ack()).
// - the client pings every clientPingTimeout/3 (~1.7 s) and disconnects after 4 pings without a pong;
//   `ws` answers pings automatically, so nothing to do. Server pings are optional (not sent here).
// - `{"type":"disconnect","reason":...}` makes the client close and, unless it is stopping, reconnect
//   through a new `apps.connections.open`.
// - `app.stop()` sends a close frame (1000) and resolves without waiting for the handshake; `close()` here
//   waits for it (or closes cleanly itself), terminating only connections that do not finish within 1 s.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type SocketEnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface SocketEnvelope {
  type: SocketEnvelopeType | (string & {});
  envelope_id: string;
  payload: unknown;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
  at: number;
  /** ms from send() writing the envelope to this ack's arrival (monotonic clock); undefined for an envelope not sent here */
  latencyMs?: number;
  raw: string;
}

export interface SocketConnection {
  id: number;
  /** the `ticket` query parameter of the URL that `apps.connections.open` handed out */
  ticket: string | null;
  ws: WebSocket;
  openedAt: number;
  closedAt?: number;
}

export interface FakeSocketModeOptions {
  /** send `hello` on connect (default true); false lets a test check that `app.start()` waits for it */
  sendHello?: boolean;
  /** extra fields merged into the hello message */
  hello?: Record<string, unknown>;
}

export interface FakeSocketMode {
  /** ws://127.0.0.1:PORT/link/ — prefer `nextUrl()`, which is what `apps.connections.open` returns */
  readonly url: string;
  /** a fresh `ws://127.0.0.1:PORT/link/?ticket=N&app_id=A1` URL, as apps.connections.open hands out */
  nextUrl(): string;
  readonly connections: SocketConnection[];
  /** every text frame the client sent that carried an envelope_id */
  readonly acks: SocketAck[];
  /** every frame the client sent, parsed when JSON */
  readonly received: unknown[];
  /** resolves with the first open connection (waits for one if none) */
  waitForConnection(timeoutMs?: number): Promise<SocketConnection>;
  /** sends an envelope on the newest open connection; fills envelope_id / accepts_response_payload; returns envelope_id */
  send(envelope: Partial<SocketEnvelope> & { type: SocketEnvelope['type']; payload: unknown }): Promise<string>;
  /** `events_api` envelope around an `event_callback` body (as built by `messageEvent()` etc.) */
  sendEvent(body: unknown, opts?: { retryAttempt?: number; retryReason?: string; envelopeId?: string }): Promise<string>;
  /** `slash_commands` envelope; payload = the same fields Slack would form-encode over HTTP */
  sendSlashCommand(fields: Record<string, unknown>, opts?: { envelopeId?: string }): Promise<string>;
  /** `interactive` envelope (shortcuts, block_actions, view_submission...) */
  sendInteractive(payload: unknown, opts?: { envelopeId?: string }): Promise<string>;
  /** resolves with the ack for envelope_id (already received or future); rejects after timeoutMs */
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
  /** runs `fn` the moment each ack frame arrives (before any waiter), e.g. to look at the bot's database then; returns an unsubscribe */
  onAck(fn: (ack: SocketAck) => void): () => void;
  /** sends `{type:"disconnect", reason}` (Slack does this before recycling a connection) */
  sendDisconnect(reason?: string): void;
  /** drops every client connection without a close handshake */
  terminateAll(): void;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 3000;

export async function startFakeSocketMode(options: FakeSocketModeOptions = {}): Promise<FakeSocketMode> {
  const sendHello = options.sendHello ?? true;
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const { port } = wss.address() as AddressInfo;
  const base = `ws://127.0.0.1:${port}/link/`;

  const connections: SocketConnection[] = [];
  const acks: SocketAck[] = [];
  const received: unknown[] = [];
  const ackWaiters = new Set<{ id: string; resolve: (a: SocketAck) => void }>();
  const ackHooks = new Set<(a: SocketAck) => void>();
  const sentAt = new Map<string, number>();
  const connWaiters = new Set<(c: SocketConnection) => void>();
  let ticketSeq = 0;
  let connSeq = 0;
  let closed = false;

  wss.on('connection', (ws, req) => {
    const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket');
    const conn: SocketConnection = { id: ++connSeq, ticket, ws, openedAt: Date.now() };
    connections.push(conn);
    ws.on('close', () => {
      conn.closedAt = Date.now();
    });
    ws.on('error', () => {
      /* a terminated client; nothing to do */
    });
    ws.on('message', (data, isBinary) => {
      const raw = isBinary ? '' : data.toString();
      let parsed: unknown = raw;
      try {
        parsed = JSON.parse(raw);
      } catch {
        /* keep raw */
      }
      received.push(parsed);
      if (parsed && typeof parsed === 'object' && 'envelope_id' in parsed) {
        const p = parsed as { envelope_id: string; payload?: unknown };
        const sent = sentAt.get(p.envelope_id);
        const ack: SocketAck = {
          envelope_id: p.envelope_id,
          payload: p.payload,
          at: Date.now(),
          latencyMs: sent === undefined ? undefined : performance.now() - sent,
          raw,
        };
        acks.push(ack);
        for (const hook of [...ackHooks]) hook(ack);
        for (const w of [...ackWaiters]) {
          if (w.id === ack.envelope_id) {
            ackWaiters.delete(w);
            w.resolve(ack);
          }
        }
      }
    });
    if (sendHello) {
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: connections.filter((c) => c.closedAt === undefined).length,
          debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: 'A1' },
          ...options.hello,
        }),
      );
    }
    for (const w of [...connWaiters]) {
      connWaiters.delete(w);
      w(conn);
    }
  });

  const openConnection = (): SocketConnection | undefined => [...connections].reverse().find((c) => c.closedAt === undefined && c.ws.readyState === c.ws.OPEN);

  const waitForConnection = (timeoutMs = DEFAULT_TIMEOUT_MS): Promise<SocketConnection> => {
    const open = openConnection();
    if (open) return Promise.resolve(open);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        connWaiters.delete(onConn);
        reject(
          new Error(
            `fake socket mode: no client connected within ${timeoutMs} ms ` +
              `(${connections.length} connection(s) so far, all closed). Did the app call apps.connections.open on the fake?`,
          ),
        );
      }, timeoutMs);
      const onConn = (c: SocketConnection) => {
        clearTimeout(timer);
        resolve(c);
      };
      connWaiters.add(onConn);
    });
  };

  const send: FakeSocketMode['send'] = async (envelope) => {
    const conn = await waitForConnection();
    const full: SocketEnvelope = {
      ...envelope,
      envelope_id: envelope.envelope_id ?? randomUUID(),
      accepts_response_payload: envelope.accepts_response_payload ?? envelope.type !== 'events_api',
    };
    sentAt.set(full.envelope_id, performance.now());
    await new Promise<void>((resolve, reject) => conn.ws.send(JSON.stringify(full), (err) => (err ? reject(err) : resolve())));
    return full.envelope_id;
  };

  const waitForAck = (envelopeId: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<SocketAck> => {
    const found = acks.find((a) => a.envelope_id === envelopeId);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        id: envelopeId,
        resolve: (a: SocketAck) => {
          clearTimeout(timer);
          resolve(a);
        },
      };
      const timer = setTimeout(() => {
        ackWaiters.delete(waiter);
        const seen = acks.map((a) => a.envelope_id).join(', ') || 'none';
        reject(new Error(`fake socket mode: no ack for envelope ${envelopeId} within ${timeoutMs} ms (acks seen: ${seen})`));
      }, timeoutMs);
      ackWaiters.add(waiter);
    });
  };

  return {
    url: base,
    nextUrl: () => `${base}?ticket=${++ticketSeq}&app_id=A1`,
    connections,
    acks,
    received,
    waitForConnection,
    send,
    sendEvent: (body, opts = {}) =>
      send({
        type: 'events_api',
        payload: body,
        envelope_id: opts.envelopeId,
        retry_attempt: opts.retryAttempt ?? 0,
        retry_reason: opts.retryReason ?? '',
        accepts_response_payload: false,
      }),
    sendSlashCommand: (fields, opts = {}) => send({ type: 'slash_commands', payload: fields, envelope_id: opts.envelopeId, accepts_response_payload: true }),
    sendInteractive: (payload, opts = {}) => send({ type: 'interactive', payload, envelope_id: opts.envelopeId, accepts_response_payload: true }),
    waitForAck,
    onAck: (fn) => {
      ackHooks.add(fn);
      return () => ackHooks.delete(fn);
    },
    sendDisconnect: (reason = 'refresh_requested') => {
      const conn = openConnection();
      conn?.ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake-1' } }));
    },
    terminateAll: () => {
      for (const c of connections) c.ws.terminate();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      // Bolt's app.stop() sends a close frame but resolves before the handshake ends; terminating now would
      // make the client log "WebSocket error". So: finish (or start) a clean close, terminate stragglers.
      await Promise.all(
        connections
          .filter((c) => c.ws.readyState !== c.ws.CLOSED)
          .map(
            (c) =>
              new Promise<void>((resolve) => {
                const timer = setTimeout(() => {
                  c.ws.terminate();
                  resolve();
                }, 1000);
                c.ws.once('close', () => {
                  clearTimeout(timer);
                  resolve();
                });
                if (c.ws.readyState === c.ws.OPEN) c.ws.close(1001, 'fake slack closing');
              }),
          ),
      );
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
