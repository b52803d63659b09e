// Helpers for the status tests: a temp SQLite file, seeded servers and diagnoses, a recording fake Slack client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnosis } from '../../src/diagnose/diagnose.js';
import type { StatusClient } from '../../src/status/scheduler.js';
import type { Storage } from '../../src/store/port.js';

export function tempDb(): { path: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kb954960-status-'));
  return { dir, path: join(dir, 'bot.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function diagnosis(server: string | null, verdict: Diagnosis['verdict'], learned: Partial<Diagnosis['learned']> = {}): Diagnosis {
  return {
    kb: 'KB954960',
    verdict,
    server,
    serverState: 'unknown',
    evidence: [],
    findings: [],
    actions: [],
    notes: [],
    learned: { affected: verdict === 'affected', ...learned },
    hasEvidence: true,
    errors: [],
    problems: [],
    lang: 'en',
    lines: 10,
  };
}

/** An affected diagnosis: from a Slack message when given where (so the post can link its thread), else from the CLI. */
export function recordAffected(storage: Storage, server: string, at: string, where: { channelId?: string; messageTs?: string } = {}): Promise<number> {
  const origin = where.channelId ? 'message' : 'cli';
  return storage.history.record({
    diagnosis: diagnosis(server, 'affected'),
    origin,
    at,
    channelId: where.channelId ?? null,
    messageTs: where.messageTs ?? null,
  });
}

export async function subscribe(
  storage: Storage,
  channelId: string,
  postTime: string,
  timeZone: string,
  createdAt: string,
  lang: 'en' | 'ja' = 'en',
): Promise<void> {
  await storage.status.upsertSubscription({ channelId, postTime, timeZone, lang, at: createdAt });
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  metadata?: { event_type: string; event_payload: { local_date: string } };
}

type Failure = unknown | { after: 'write'; error: unknown } | 'hang-after-write' | 'hang';

/** One fake Slack workspace: shared by every "process" in a test, like the real one. */
export function fakeSlack(clock: () => Date) {
  const messages: PostedMessage[] = [];
  const postCalls: Record<string, unknown>[] = [];
  const historyCalls: Record<string, unknown>[] = [];
  const failures: Failure[] = [];
  let historyFails = 0;
  let seq = 0;
  let delayMs = 0;
  const write = (args: Record<string, unknown>): PostedMessage => {
    const ms = clock().getTime();
    const m: PostedMessage = {
      channel: String(args.channel),
      ts: `${Math.floor(ms / 1000)}.${String(++seq).padStart(6, '0')}`,
      text: String(args.text),
      blocks: args.blocks as unknown[],
      metadata: args.metadata as PostedMessage['metadata'],
    };
    messages.push(m);
    return m;
  };
  const client: StatusClient = {
    chat: {
      async postMessage(args: Record<string, unknown>) {
        postCalls.push(args);
        // Not a wait of the test: Slack's latency, so that two callers are in flight together (setDelay).
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        const f = failures.shift();
        if (f === 'hang') return new Promise(() => {});
        if (f === 'hang-after-write') {
          write(args);
          return new Promise(() => {}); // the process dies before it learns the ts
        }
        if (f && typeof f === 'object' && 'after' in f && 'error' in f) {
          write(args);
          throw f.error;
        }
        if (f) throw f;
        const m = write(args);
        return { ok: true, ts: m.ts, channel: m.channel };
      },
      async getPermalink(args: { channel: string; message_ts: string }) {
        return { ok: true, permalink: `https://example.slack.com/archives/${args.channel}/p${args.message_ts.replace('.', '')}` };
      },
    },
    conversations: {
      async history(args: Record<string, unknown>) {
        historyCalls.push(args);
        if (historyFails > 0) {
          historyFails--;
          throw Object.assign(new Error('An API error occurred: missing_scope'), {
            code: 'slack_webapi_platform_error',
            data: { ok: false, error: 'missing_scope' },
          });
        }
        const oldest = Number(args.oldest ?? 0);
        const found = messages.filter((m) => m.channel === args.channel && Number(m.ts) >= oldest).reverse();
        return { ok: true, messages: found.map((m) => ({ type: 'message', ts: m.ts, text: m.text, metadata: m.metadata })), has_more: false };
      },
    },
  };
  return {
    client,
    messages,
    postCalls,
    historyCalls,
    failures,
    postsTo: (channel: string) => messages.filter((m) => m.channel === channel),
    failHistory: (n: number) => void (historyFails = n),
    setDelay: (ms: number) => void (delayMs = ms),
  };
}

export const rateLimited = (seconds: number) =>
  Object.assign(new Error('A rate limit was exceeded'), { code: 'slack_webapi_rate_limited_error', retryAfter: seconds });
export const httpError = (statusCode: number) =>
  Object.assign(new Error(`An HTTP protocol error occurred: statusCode = ${statusCode}`), { code: 'slack_webapi_http_error', statusCode });
export const platformError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

/** A settable clock. */
export function clockAt(iso: string) {
  let now = new Date(iso);
  const clock = () => new Date(now);
  return Object.assign(clock, { set: (i: string) => void (now = new Date(i)), advance: (ms: number) => void (now = new Date(now.getTime() + ms)) });
}
