// Load on the real Slack app (HTTP mode) over loopback: how fast Slack gets its ack, and how fast a pasted log
// gets its threaded reply. Imports the compiled app: run `npm run build` first.
//
//   node bench/slack.mjs [concurrency=50] [pasteKiB=40] [rounds=3]
//
// Round 1..N each fire `concurrency` signed slash commands (`check <KB lines>`) at once, then `concurrency`
// message events at once, each a ~pasteKiB paste of realistic WindowsUpdate.log lines with the KB954960
// signature in the middle. Measured:
//   ack    — HTTP response time of each request (the app writes the work to the database before it answers)
//   reply  — from sending a paste to the fake Slack receiving its chat.postMessage (after scan, record, render)
//   respond — from sending a slash command to its respond() reaching the response_url sink
//   reports — last: the whole-log burst again, alone and with REPORTS (env BENCH_REPORTS, 100) signed fleet reports
//            sent at once to the report listener (INGEST_PORT): the ack p99 of each, and their ratio.
//   floor  — the same bursts against a bare Node HTTP server in the same worker (read the body, answer 200): what
//            this machine's loopback, the load generator and Node's HTTP parsing cost before the app does anything.
//            The bot's ack is printed against it (ratio and difference).
// Targets (printed, never enforced): ack p99 < 50 ms at 50 concurrent; reply p99 < 250 ms for 40 KB.
//
// Every request of a burst is built and signed before the clock starts (Slack signs on its side, not on ours), then
// all are sent on one turn of the event loop: `ms` is from the send to the response, not the generator's own work.
//
// The app runs in a worker thread (its own event loop, as in production it has its own process), the load generator
// and a minimal inline fake Slack (auth.test, chat.postMessage, response_url) in the main thread, so that the
// client's own work does not show up as the app's latency. Plain Node: no compiling of the TypeScript test harness.
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { KB954960_SIGNATURE, windowsUpdateLines } from './generate-log.mjs';
import { loadLine } from './measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench-token';

if (!isMainThread) {
  // ── the app, in its worker ──────────────────────────────────────────────────────────────────────────────
  const { createBot } = await import(join(root, 'dist/src/slack/app.js'));
  const { openStorage } = await import(join(root, 'dist/src/open-storage.js'));
  const { loadConfig } = await import(join(root, 'dist/src/config.js'));
  const { createLogger } = await import(join(root, 'dist/src/log.js'));
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: workerData.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      // The fleet reports' listener too: its bursts are measured beside Slack's (the last section).
      INGEST_PORT: '0',
      INGEST_HOST: '127.0.0.1',
      DATABASE_PATH: join(workerData.dir, 'bench.db'),
      // DATABASE_URL=postgres://… in the environment: the same bench on PostgreSQL (its database should be empty).
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      LOG_LEVEL: 'error',
    },
    { forServe: true },
  );
  const store = await openStorage({ databasePath: config.databasePath, databaseUrl: config.databaseUrl });
  const bot = createBot(config, { store, logger: createLogger('error'), apiRetries: 0, replyRetry: { attempts: 3, baseMs: 20 } });
  const { port, ingestPort } = await bot.start();
  const { enrollServer } = await import(join(root, 'dist/src/reports/keys.js'));
  const reporters = [];
  for (let i = 0; i < workerData.reporters; i++) reporters.push(await enrollServer(store, `wsusfleet${String(i).padStart(3, '0')}`, new Date()));
  // The floor: a bare HTTP server on the same thread, which reads the body and answers 200 as an ack does.
  const bare = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      Buffer.concat(chunks).toString('utf8');
      res.writeHead(200);
      res.end();
    });
  });
  await new Promise((r) => bare.listen(0, '127.0.0.1', r));
  parentPort.on('message', async (m) => {
    if (m === 'idle') {
      await bot.inbox.idle();
      parentPort.postMessage({ idle: true, diagnoses: await store.history.count() });
    } else if (m === 'stop') {
      bare.close();
      await bot.stop();
      await store.close();
      parentPort.postMessage({ stopped: true });
      parentPort.close();
    }
  });
  parentPort.postMessage({ port, barePort: bare.address().port, ingestPort, reporters });
} else {
  if (!existsSync(join(root, 'dist/src/slack/app.js'))) {
    console.error('bench/slack.mjs: dist/ is missing — run `npm run build` first');
    process.exit(2);
  }

  const CONCURRENCY = Number(process.argv[2] ?? 50);
  const PASTE_BYTES = Number(process.argv[3] ?? 40) * 1024;
  const ROUNDS = Number(process.argv[4] ?? 3);
  /** Fleet reports sent at once in the last section, each from a server of its own. */
  const REPORTS = Number(process.env.BENCH_REPORTS ?? 100);
  // ── a minimal fake Slack ─────────────────────────────────────────────────────────────────────────────────────
  function startFake() {
    const waiters = new Map(); // key → resolve(at)
    const arrived = new Map(); // key → at (when nobody waited yet)
    let seq = 0;
    const settle = (key, at) => {
      const w = waiters.get(key);
      if (w) {
        waiters.delete(key);
        w(at);
      } else arrived.set(key, at);
    };
    const server = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const at = performance.now();
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = req.url.split('?')[0];
        const form = () => Object.fromEntries(new URLSearchParams(raw));
        const json = (o) => {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(o));
        };
        if (path === '/api/auth.test') return json({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'kb954960', team: 'Bench' });
        if (path === '/api/chat.postMessage') {
          const body = (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw) : form();
          settle(`post:${body.channel}:${body.thread_ts}`, at);
          const ts = `1700000000.${String(++seq).padStart(6, '0')}`;
          return json({ ok: true, channel: body.channel, ts, message: { ts, text: body.text } });
        }
        if (path.startsWith('/response_url/')) {
          settle(`respond:${path.slice('/response_url/'.length)}`, at);
          return json({ ok: true });
        }
        if (path === '/api/conversations.replies') return json({ ok: true, messages: [], has_more: false });
        if (path.startsWith('/api/')) return json({ ok: true });
        res.writeHead(404);
        res.end();
      });
    });
    return new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => {
        const origin = `http://127.0.0.1:${server.address().port}`;
        resolve({
          origin,
          apiUrl: `${origin}/api/`,
          /** resolves with performance.now() of the arrival of `key` */
          arrival(key) {
            if (arrived.has(key)) {
              const at = arrived.get(key);
              arrived.delete(key);
              return Promise.resolve(at);
            }
            return new Promise((r) => waiters.set(key, r));
          },
          close: () =>
            new Promise((r) => {
              server.closeAllConnections();
              server.close(r);
            }),
        });
      });
    });
  }

  // ── signed requests, as Slack sends them ────────────────────────────────────────────────────────────────────
  function signed(rawBody, contentType) {
    const ts = Math.floor(Date.now() / 1000);
    const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${rawBody}`).digest('hex')}`;
    return { rawBody, contentType, sig, ts };
  }

  /** Sends signed requests all at once (built beforehand); resolves with each one's status and response time. */
  function burst(url, requests) {
    return Promise.all(requests.map((r) => postSigned(url, r)));
  }

  function postSigned(url, { rawBody, contentType, sig, ts }) {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent: false,
          headers: {
            connection: 'close',
            'content-type': contentType,
            'content-length': Buffer.byteLength(rawBody),
            'x-slack-signature': sig,
            'x-slack-request-timestamp': String(ts),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started, started }));
        },
      );
      req.on('error', reject);
      req.end(rawBody);
    });
  }

  // ── inputs ────────────────────────────────────────────────────────────────────────────────────────────────
  const SIGNATURE = KB954960_SIGNATURE.slice(0, 9); // through the fault ID line, as an admin would paste it

  /** ~`bytes` of WindowsUpdate.log as a Slack message delivers a paste: LF, `& < >` escaped, URLs auto-linked. */
  function pastedLog(seed, bytes) {
    const lines = [];
    let size = 0;
    for (const line of windowsUpdateLines(seed)) {
      lines.push(line);
      size += line.length + 1;
      if (size >= bytes - 1200) break;
    }
    const [date, time, pid, tid] = lines[Math.floor(lines.length / 2)].split('\t');
    lines.splice(Math.floor(lines.length / 2), 0, ...SIGNATURE.map(([c, text]) => [date, time, pid, tid, c, text].join('\t')));
    return lines
      .join('\n')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\bhttp:\/\/[^\s,"]+/g, (u) => `<${u}>`);
  }

  const CHECK_TEXT = `check ${SIGNATURE.map(([c, text]) => `${c}  ${text}`).join('\n')}`;

  function percentile(values, p) {
    const s = [...values].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  }
  const fmt = (v) => `${v.toFixed(1).padStart(7)} ms`;
  function report(label, values, target) {
    const p50 = percentile(values, 50);
    const p99 = percentile(values, 99);
    const verdict = target === undefined ? '' : p99 < target ? `  (target p99 < ${target} ms: met)` : `  (target p99 < ${target} ms: MISSED)`;
    console.log(`  ${label.padEnd(34)} p50 ${fmt(p50)}   p99 ${fmt(p99)}   max ${fmt(Math.max(...values))}${verdict}`);
    return { p50, p99 };
  }

  // ── run ───────────────────────────────────────────────────────────────────────────────────────────────────
  const fake = await startFake();
  const dir = mkdtempSync(join(tmpdir(), 'kb954960-bench-'));
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { apiUrl: fake.apiUrl, dir, reporters: REPORTS } });
  const fromWorker = (key) =>
    new Promise((resolve, reject) => {
      const on = (m) => {
        if (m && key in m) {
          worker.off('message', on);
          worker.off('error', reject);
          resolve(m);
        }
      };
      worker.on('message', on);
      worker.once('error', reject);
    });
  const { port, barePort, ingestPort, reporters } = await fromWorker('port');
  const idle = async () => {
    const answer = fromWorker('idle');
    worker.postMessage('idle');
    return answer;
  };
  const events = `http://127.0.0.1:${port}/slack/events`;
  const bareUrl = `http://127.0.0.1:${barePort}/`;

  let n = 0;
  function slashRequests(count) {
    return Array.from({ length: count }, () => {
      const id = ++n;
      const body = new URLSearchParams({
        token: 'x',
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'U1',
        command: '/kb954960',
        text: CHECK_TEXT,
        api_app_id: 'A1',
        response_url: `${fake.origin}/response_url/${id}`,
        trigger_id: `${id}.1.abc`,
      }).toString();
      return { id, ...signed(body, 'application/x-www-form-urlencoded') };
    });
  }

  async function slashRound(count) {
    const requests = slashRequests(count);
    const arrivals = requests.map((r) => fake.arrival(`respond:${r.id}`));
    const acks = await burst(events, requests);
    return Promise.all(
      acks.map(async (r, i) => {
        if (r.status !== 200) throw new Error(`slash command answered ${r.status}`);
        return { ack: r.ms, respond: (await arrivals[i]) - r.started };
      }),
    );
  }

  const pastes = Array.from({ length: CONCURRENCY }, (_, i) => pastedLog(1000 + i, PASTE_BYTES));
  // The baseline burst: the same number of pastes of one line (the SOAP fault, evidence enough for a reply).
  const oneLiners = Array.from({ length: CONCURRENCY }, () => SIGNATURE.map(([c, text]) => `${c}  ${text}`).find((l) => l.includes('SOAP Fault')));
  function pasteRequests(count, texts) {
    return Array.from({ length: count }, (_, i) => {
      const id = ++n;
      const channel = `CBENCH${id}`;
      const ts = `${Math.floor(Date.now() / 1000)}.${String(id).padStart(6, '0')}`;
      const envelope = {
        token: 'x',
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: `EvBENCH${id}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ enterprise_id: null, team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
        event: { type: 'message', channel, channel_type: 'channel', user: 'U1', text: texts[i % texts.length], ts, event_ts: ts, team: 'T1' },
      };
      return { key: `post:${channel}:${ts}`, ...signed(JSON.stringify(envelope), 'application/json') };
    });
  }

  async function pasteRound(count, texts = pastes) {
    const requests = pasteRequests(count, texts);
    const arrivals = requests.map((r) => fake.arrival(r.key));
    const acks = await burst(events, requests);
    return Promise.all(
      acks.map(async (r, i) => {
        if (r.status !== 200) throw new Error(`event answered ${r.status}`);
        return { ack: r.ms, reply: (await arrivals[i]) - r.started };
      }),
    );
  }

  /** The same burst against the bare server: the floor under the bot's ack. */
  async function floorRound(requests) {
    const acks = await burst(bareUrl, requests);
    return acks.map((r) => r.ms);
  }

  const avgKiB = pastes.reduce((s, p) => s + Buffer.byteLength(p), 0) / pastes.length / 1024;
  console.log(
    `kb954960 Slack bench: Node ${process.version}, ${CONCURRENCY} concurrent, pastes ~${avgKiB.toFixed(1)} KiB (${pastes[0].split('\n').length} lines), ${ROUNDS} round(s)`,
  );

  // Warm-up, one unmeasured burst of each kind at full size: JIT, SQLite statements, sockets. A bot that has served
  // a burst is what the rounds measure (the first burst after a start runs ~1.5× slower).
  await floorRound(slashRequests(CONCURRENCY));
  await floorRound(pasteRequests(CONCURRENCY, pastes));
  await slashRound(CONCURRENCY);
  await idle();
  await pasteRound(CONCURRENCY, oneLiners);
  await idle();
  await pasteRound(CONCURRENCY);
  await idle();

  const all = { slackAck: [], respond: [], lineAck: [], lineReply: [], pasteAck: [], reply: [], slackFloor: [], lineFloor: [], pasteFloor: [] };
  const settle = () => new Promise((r) => setTimeout(r, 50));
  for (let round = 1; round <= ROUNDS; round++) {
    const sf = await floorRound(slashRequests(CONCURRENCY));
    await settle();
    const s = await slashRound(CONCURRENCY);
    await idle();
    await settle();
    const lf = await floorRound(pasteRequests(CONCURRENCY, oneLiners));
    await settle();
    const l = await pasteRound(CONCURRENCY, oneLiners); // baseline, same run, same burst size
    await idle();
    await settle();
    const pf = await floorRound(pasteRequests(CONCURRENCY, pastes));
    await settle();
    const p = await pasteRound(CONCURRENCY);
    await idle();
    await settle();
    console.log(`round ${round}  (${loadLine()})`);
    report(
      `slash ack (${CONCURRENCY} at once)`,
      s.map((x) => x.ack),
      50,
    );
    report('  bare HTTP server (floor)', sf);
    report(
      'slash → respond()',
      s.map((x) => x.respond),
    );
    report(
      `one-line paste ack (${CONCURRENCY})`,
      l.map((x) => x.ack),
      50,
    );
    report('  bare HTTP server (floor)', lf);
    report(
      'one-line paste → reply',
      l.map((x) => x.reply),
      250,
    );
    report(
      `whole-log paste ack (${CONCURRENCY})`,
      p.map((x) => x.ack),
      50,
    );
    report('  bare HTTP server (floor)', pf);
    report(
      'whole-log paste → reply',
      p.map((x) => x.reply),
      250,
    );
    all.slackAck.push(...s.map((x) => x.ack));
    all.respond.push(...s.map((x) => x.respond));
    all.lineAck.push(...l.map((x) => x.ack));
    all.lineReply.push(...l.map((x) => x.reply));
    all.pasteAck.push(...p.map((x) => x.ack));
    all.reply.push(...p.map((x) => x.reply));
    all.slackFloor.push(...sf);
    all.lineFloor.push(...lf);
    all.pasteFloor.push(...pf);
  }
  console.log(`all ${ROUNDS} round(s)`);
  const slashAck = report('slash ack', all.slackAck, 50);
  const slashFloor = report('  bare HTTP server (floor)', all.slackFloor);
  report('slash → respond()', all.respond);
  const lineAck = report('one-line paste ack (baseline)', all.lineAck, 50);
  const lineFloor = report('  bare HTTP server (floor)', all.lineFloor);
  const lineReply = report('one-line paste → reply (baseline)', all.lineReply, 250);
  const logAck = report('whole-log paste ack', all.pasteAck, 50);
  const logFloor = report('  bare HTTP server (floor)', all.pasteFloor);
  const logReply = report('whole-log paste → reply', all.reply, 250);
  // For bench/run.mjs's table of both engines.
  if (process.env.BENCH_RESULT) {
    const { appendFileSync } = await import('node:fs');
    appendFileSync(
      process.env.BENCH_RESULT,
      `${JSON.stringify({ bench: 'slack', engine: process.env.DATABASE_URL ? 'postgres' : 'sqlite', concurrency: CONCURRENCY, pasteAck: logAck, pasteReply: logReply, lineAck })}\n`,
    );
  }
  console.log(`  whole-log vs one-line pastes, p99: ack ${(logAck.p99 / lineAck.p99).toFixed(2)}×, reply ${(logReply.p99 / lineReply.p99).toFixed(2)}×`);
  const overFloor = (label, bot, floor) =>
    console.log(
      `  ${label.padEnd(11)} ack p99 vs the bare server's: ${(bot.p99 / floor.p99).toFixed(2)}× (${bot.p99 >= floor.p99 ? '+' : '−'}${Math.abs(bot.p99 - floor.p99).toFixed(1)} ms; the floor itself is ${floor.p99 < 50 ? 'under' : 'OVER'} the 50 ms target)`,
    );
  overFloor('slash', slashAck, slashFloor);
  overFloor('one-line', lineAck, lineFloor);
  overFloor('whole-log', logAck, logFloor);
  // One request at a time (each reply done before the next): what one ack costs the bot over the bare server, which
  // is what a burst of 50 queues up.
  console.log('one at a time (no burst)');
  for (const [label, texts] of [
    ['whole-log', pastes],
    ['one-line', oneLiners],
  ]) {
    const bot = [];
    const bare = [];
    for (let i = 0; i < 100; i++) {
      bot.push((await burst(events, pasteRequests(1, texts)))[0].ms);
      await idle();
      bare.push((await floorRound(pasteRequests(1, texts)))[0]);
    }
    const b = report(`${label} paste ack`, bot);
    const f = report('  bare HTTP server (floor)', bare);
    console.log(`  ${label} ack p50 over the bare server's: +${(b.p50 - f.p50).toFixed(2)} ms per request`);
  }

  // ── fleet reports at once, beside Slack ──────────────────────────────────────────────────────────────────
  // REPORTS servers report at the same moment (a scheduled task at one time on every WSUS server), over real HTTP to
  // the listener on INGEST_PORT, while a burst of whole-log pastes arrives from Slack. The pastes' ack p99 is compared
  // with the same burst's without reports, in the same run: the listener must not push a Slack ack past its usual p99.
  // Each report is as the script sends it: 2,000 clients (one in ten failing) and a few server log lines.
  const { reportSignature } = await import(join(root, 'dist/src/fleet/signature.js'));
  let reportSeq = 0;
  const firstLines = (lines, count) => {
    const out = [];
    for (const line of lines) if (out.push(line) >= count) break;
    return out;
  };
  function reportRequests() {
    const now = Date.now();
    const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return reporters.map(({ server, key }) => {
      const items = Array.from({ length: 2000 }, (_, i) => {
        const sync = now - ((i * 7919) % (5 * 86_400_000));
        const c = {
          name: `pc${String(i).padStart(4, '0')}.${server}`,
          lastSync: iso(sync),
          lastSyncResult: i % 10 === 0 ? 'Failed' : 'Succeeded',
          lastReported: iso(sync),
        };
        if (i % 10 === 0) c.errors = [{ code: '0x8024400E', count: 3, last: iso(sync + 60_000) }];
        return c;
      });
      const body = Buffer.from(
        JSON.stringify({
          schema: 'kb954960.report/1',
          id: `00000000-0000-4000-8000-${String(++reportSeq).padStart(12, '0')}`,
          generated: iso(now),
          server: { name: server, wsus: '3.1.6001.65', dll: '3.1.6001.65', event1022: null },
          log: { name: 'SoftwareDistribution.log', text: firstLines(windowsUpdateLines(reportSeq), 200).join('\n') },
          clients: { total: items.length, items },
        }),
      );
      const ts = String(Math.floor(now / 1000));
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'x-kb954960-server': server,
          'x-kb954960-timestamp': ts,
          'x-kb954960-signature': reportSignature(key, ts, body),
        },
      };
    });
  }
  function postReport({ body, headers }) {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(
        `http://127.0.0.1:${ingestPort}/ingest/v1/reports`,
        { method: 'POST', agent: false, headers: { ...headers, connection: 'close', 'content-length': body.length } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  console.log(
    `fleet reports: ${REPORTS} at once to the report listener (2,000 clients each, ~${(reportRequests()[0].body.length / 1024).toFixed(0)} KiB), beside ${CONCURRENCY} whole-log pastes`,
  );
  const quiet = [];
  const busy = [];
  const answered = new Map();
  for (let round = 1; round <= ROUNDS; round++) {
    await settle();
    quiet.push(...(await pasteRound(CONCURRENCY)).map((x) => x.ack));
    await idle();
    await settle();
    const reports = reportRequests(); // built and signed before the clock starts, as the pastes are
    const [pastesBeside, reportAnswers] = await Promise.all([pasteRound(CONCURRENCY), Promise.all(reports.map(postReport))]);
    busy.push(...pastesBeside.map((x) => x.ack));
    for (const r of reportAnswers) answered.set(r.status, (answered.get(r.status) ?? 0) + 1);
    await idle();
  }
  const usual = report(`whole-log paste ack, no reports (baseline)`, quiet, 50);
  const beside = report(`… with ${REPORTS} reports at once`, busy, 50);
  console.log(
    `  reports answered: ${[...answered].map(([status, count]) => `${count}× ${status}`).join(', ')} (503: busy, Retry-After: the script sends again)`,
  );
  console.log(
    `  Slack ack p99 with the reports vs without: ${(beside.p99 / usual.p99).toFixed(2)}× (${beside.p99 >= usual.p99 ? '+' : '−'}${Math.abs(beside.p99 - usual.p99).toFixed(1)} ms): ${beside.p99 <= usual.p99 ? 'not past the usual p99' : 'PAST the usual p99'}`,
  );
  console.log(`diagnoses recorded: ${(await idle()).diagnoses}`);

  const stopped = fromWorker('stopped');
  worker.postMessage('stop');
  await stopped;
  await worker.terminate();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}
