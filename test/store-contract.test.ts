// The storage port's contract (src/store/port.ts), run against every engine behind it: what the app may rely on
// whichever database answers. An engine joins by adding itself to `engines`.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openPostgresStorage } from '../db/postgres/storage.js';
import { openSqliteStorage } from '../db/sqlite/storage.js';
import { scanText } from '../src/detect/scanner.js';
import { diagnose } from '../src/diagnose/diagnose.js';
import { faultIdsOf } from '../src/diagnose/fault-ids.js';
import { serverState } from '../src/diagnose/server-state.js';
import type { Storage } from '../src/store/port.js';
import { clientExampleOn, fixture, KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { testDatabase } from './support/postgres.js';
import { diagnosis } from './support/status-fixtures.js';

/** One engine under test: a fresh database, opened as often as a test needs (each open is a connection of its own). */
interface Engine {
  readonly name: string;
  /** A fresh, empty database; `open()` connects to it (again); `dump()` is every stored text, to look for what must not be there. */
  create(): Promise<{ open(): Promise<Storage>; dump(): Promise<string>; cleanup(): Promise<void> }>;
}

const sqlite: Engine = {
  name: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'kb954960-contract-'));
    const path = join(dir, 'nested', 'kb.db');
    return {
      open: async () => openSqliteStorage(path),
      async dump() {
        const s = openSqliteStorage(path);
        try {
          const tables = s.raw.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
          return tables.map((t) => JSON.stringify(s.raw.db.prepare(`SELECT * FROM "${t.name}"`).all())).join('\n');
        } finally {
          s.close();
        }
      },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

/** A fresh database of the run's throwaway cluster (test/support/postgres.ts) per test. */
const postgres: Engine = {
  name: 'postgres',
  async create() {
    const url = await testDatabase();
    return {
      open: () => openPostgresStorage(url),
      async dump() {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const tables = (await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows as { tablename: string }[];
          // One query at a time: a client runs its queries in turn anyway (pg deprecates queueing them on it).
          const all: string[] = [];
          for (const t of tables) all.push(JSON.stringify((await client.query(`SELECT * FROM "${t.tablename}"`)).rows));
          return all.join('\n');
        } finally {
          await client.end();
        }
      },
      cleanup: async () => undefined, // the cluster goes at the end of the run, with every database in it
    };
  },
};

const engines: readonly Engine[] = [sqlite, postgres];

const at = (day: number) => new Date(Date.UTC(2026, 10, day)).toISOString();
const affectedLog = (server: string) => diagnose(scanText(clientExampleOn(server)), { lang: 'en', now: at(1) });

describe.each(engines)('the storage port on $name', (engine) => {
  let db: Awaited<ReturnType<Engine['create']>>;
  const opened: Storage[] = [];
  const open = async () => {
    const s = await db.open();
    opened.push(s);
    return s;
  };
  beforeEach(async () => {
    db = await engine.create();
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await db.cleanup();
  });

  it('answers ping while open, and keeps diagnoses, findings and server facts across a reopen', async () => {
    const s = await open();
    expect(await s.ping()).toBe(true);
    const d = diagnose(scanText(KB_CLIENT_EXAMPLE), { lang: 'en', now: at(1) });
    const id = await s.history.record({ diagnosis: d, origin: 'cli', at: at(1), sourceName: 'WindowsUpdate.log' });
    await s.servers.recordVersion('wsusebc', 'dll', '3.1.6001.65', at(2));
    await s.close();
    expect(await s.ping()).toBe(false);

    const r = await open();
    const [entry] = await r.history.list();
    expect(entry).toMatchObject({ id, verdict: 'affected', server: 'wsusebc', origin: 'cli', sourceName: 'WindowsUpdate.log' });
    expect(entry!.findings).toBe(d.findings.length);
    expect((await r.history.findingsOf(id)).map((f) => f.text)).toContain('PT  WARNING:     ErrorCode:InternalServerError(5)');
    const facts = (await r.servers.facts('wsusebc'))!;
    expect(facts.lastAffectedAt).toBe(at(1));
    expect(serverState(facts)).toBe('vulnerable');
    expect((await r.servers.proofsOf('wsusebc')).map((p) => [p.fact, p.value])).toEqual([['dll', '3.1.6001.65']]);
  });

  it('never stores the raw log, only the matched lines', async () => {
    const s = await open();
    const secretish = 'Agent  * Title = a line that matches no rule and must not be kept';
    await s.history.record({ diagnosis: diagnose(scanText(`${secretish}\n${KB_CLIENT_EXAMPLE}`), { lang: 'en', now: at(1) }), origin: 'cli', at: at(1) });
    const all = await db.dump();
    expect(all).not.toContain('must not be kept');
    expect(all).toContain('InternalServerError(5)');
  });

  it('records a Slack message once however often it is diagnosed', async () => {
    const s = await open();
    const rec = { diagnosis: affectedLog('wsusebc'), origin: 'message' as const, at: at(1), channelId: 'C1', messageTs: '1.000100' };
    const first = await s.history.record(rec);
    expect(await s.history.record(rec)).toBe(first);
    expect(await s.history.count()).toBe(1);
  });

  it('lists history newest first, per server under any spelling, limited; counts detections per server; purges by age', async () => {
    const s = await open();
    for (let day = 1; day <= 5; day++) {
      const d = diagnose(scanText(clientExampleOn(day % 2 ? 'wsus-a' : 'wsus-b')), { lang: 'en', now: at(day) });
      await s.history.record({ diagnosis: d, origin: 'cli', at: at(day) });
    }
    expect((await s.history.list({ limit: 2 })).map((e) => e.createdAt)).toEqual([at(5), at(4)]);
    expect((await s.history.list({ server: 'WSUS-B' })).map((e) => e.createdAt)).toEqual([at(4), at(2)]);
    const detections = await s.status.newDetectionsSince(at(3), 10);
    expect([detections.total, detections.groups]).toEqual([3, 2]);
    expect(detections.entries.map((e) => [e.server, e.count, e.createdAt])).toEqual([
      ['wsus-a', 2, at(5)],
      ['wsus-b', 1, at(4)],
    ]);
    expect(await s.history.purgeBefore(at(3))).toBe(2);
    expect(await s.history.count()).toBe(3);
  });

  it('a short name and its FQDN are one server: resolved, aliased and listed once', async () => {
    const s = await open();
    await s.servers.recordVersion('wsus01', 'wsus', '3.2.7600.226', at(1));
    await s.servers.recordVersion('wsus01.corp.example', 'dll', '3.1.6001.66', at(2));
    expect(await s.servers.resolve('WSUS01.corp.example')).toMatchObject({ kind: 'known', name: 'wsus01' });
    expect(await s.servers.aliasesOf('wsus01')).toEqual(['wsus01.corp.example']);
    expect((await s.servers.list()).map((f) => [f.name, f.dllVersion, f.wsusVersion])).toEqual([['wsus01', '3.1.6001.66', '3.2.7600.226']]);
    expect(await s.servers.recent(5)).toEqual(['wsus01']);
  });

  it('the context of a check in one read, and the record settles the earlier paste of the same failure in one write', async () => {
    const s = await open();
    // A client's paste of a failure that names no server (its URL gone), then the server's own line of it.
    const clientLog = KB_CLIENT_EXAMPLE.replace(/, Server URL = .*$/m, '');
    const client = diagnose(scanText(clientLog), { lang: 'en', now: at(1) });
    const clientIds = faultIdsOf(scanText(clientLog).findings);
    expect(clientIds).toEqual([{ id: 'c0a7445f-b989-43fa-ac20-11f8ca65fa8c', side: 'client' }]);
    const partial = { ...client, server: null, verdict: 'possible' as const };
    const earlierId = await s.history.record({
      diagnosis: partial,
      origin: 'message',
      at: at(1),
      channelId: 'C1',
      messageTs: '1.1',
      userId: 'U1',
      faultIds: clientIds,
    });

    const serverIds = [{ id: clientIds[0]!.id, side: 'server' as const }];
    const ctx = await s.history.checkContext({ faultIds: serverIds, names: ['wsusebc'], byAdmin: true });
    expect(ctx.shared).toMatchObject({
      id: earlierId,
      server: null,
      faultId: clientIds[0]!.id,
      verdict: 'possible',
      placedBy: { userId: 'U1', byAdmin: true },
    });
    expect(ctx.resolved.get('wsusebc')).toMatchObject({ kind: 'new' });
    expect(ctx.facts.get('wsusebc')).toBeNull();
    // The same side again is a repeat, not the other half of the failure.
    expect((await s.history.checkContext({ faultIds: clientIds, names: [], byAdmin: true })).shared).toBeNull();

    const id = await s.history.record(
      { diagnosis: diagnosis('wsusebc', 'affected'), origin: 'message', at: at(2), channelId: 'C1', messageTs: '2.1', faultIds: serverIds },
      { adopt: { earlierId, byAdmin: true }, confirm: earlierId },
    );
    const rows = await s.history.list({ server: 'wsusebc' });
    expect(rows.map((r) => [r.id, r.verdict])).toEqual([
      [id, 'affected'],
      [earlierId, 'affected'],
    ]);
    const after = await s.history.checkContext({ faultIds: serverIds, names: ['wsusebc'], byAdmin: true });
    expect(after.resolved.get('wsusebc')).toMatchObject({ kind: 'known', name: 'wsusebc' });
    expect(after.facts.get('wsusebc')).toMatchObject({ name: 'wsusebc', lastAffectedAt: at(2) });
  });

  it('a thread is about the server its diagnosis named; a reply to it is found; a retracted message no longer counts', async () => {
    const s = await open();
    const id = await s.history.record({
      diagnosis: affectedLog('wsus07'),
      origin: 'message',
      at: at(1),
      channelId: 'C1',
      messageTs: '1.1',
      threadTs: '1.1',
      userId: 'U1',
    });
    await s.inbox.accept({ key: 'message:C1:1.1', kind: 'message', payload: { channel: 'C1' }, at: at(1) });
    await s.inbox.finish('message:C1:1.1', 'replied', at(1), '1.2', id);
    expect(await s.attribution.threadServer('C1', '1.1')).toBe('wsus07');
    expect(await s.attribution.threadServer('C1', '1.1', () => false)).toBeNull();
    expect(await s.attribution.replyTo('C1', '1.1')).toBe('1.2');
    expect(await s.history.retractMessage('C1', '1.1')).toBe(1);
    expect(await s.history.count()).toBe(0);
    expect(await s.servers.facts('wsus07')).toBeNull(); // known only through what was retracted: not known at all
  });

  it('"Record for …" files what a paste reported for the server an admin named, all at once', async () => {
    const s = await open();
    const reported = { dllVersion: '3.1.6001.66' };
    const id = await s.history.record({
      diagnosis: diagnosis(null, 'fixed', reported), // the DLL it reports is the fixed one
      origin: 'message',
      at: at(1),
      channelId: 'C1',
      messageTs: '1.1',
      threadTs: '1.1',
      reported,
    });
    const report = (await s.attribution.unattributedInThread('C1', '1.1'))!;
    expect(report).toMatchObject({ id, server: null, reported });
    const r = await s.attribution.recordFor({ report, server: 'WSUS09', at: at(2), by: 'U0ADMIN' });
    expect(r).toMatchObject({ server: 'wsus09', facts: { dllVersion: '3.1.6001.66', dllVersionAt: at(2) } });
    expect(await s.attribution.diagnosisReport(id)).toMatchObject({ server: 'wsus09' });
    expect(await s.servers.proofsOf('wsus09')).toMatchObject([{ fact: 'dll', userId: 'U0ADMIN', channelId: 'C1', diagnosisId: id }]);
  });

  it('"one server" merges a name into another and joins the two pastes of one failure', async () => {
    const s = await open();
    const a = await s.history.record({ diagnosis: affectedLog('wsus-old'), origin: 'cli', at: at(1) });
    const b = await s.history.record({ diagnosis: affectedLog('wsus-new'), origin: 'cli', at: at(2) });
    expect(await s.attribution.sameServer({ diagnosisId: a, earlierId: b, alias: 'wsus-old', into: 'wsus-new', at: at(3) })).toEqual({
      kind: 'joined',
      server: 'wsus-new',
    });
    expect((await s.servers.list()).map((f) => f.name)).toEqual(['wsus-new']);
    expect(await s.servers.resolve('wsus-old')).toMatchObject({ kind: 'known', name: 'wsus-new' });
    expect((await s.history.list({ server: 'wsus-new' })).map((e) => e.server)).toEqual(['wsus-new', 'wsus-new']);
  });

  it('accepts an inbox key once, and lets only one connection take it', async () => {
    const qa = (await open()).inbox;
    const qb = (await open()).inbox;
    const item = { key: 'message:C1:1.0001', kind: 'message' as const, payload: { text: 'x', channel: 'C1' }, at: at(1) };
    expect(await qa.accept(item)).toBe(true);
    expect(await qb.accept(item)).toBe(false);
    const alive = () => false;
    expect((await qa.take(item.key, 'host:1:a', at(1), at(0), alive))?.payload).toEqual(item.payload);
    expect(await qb.take(item.key, 'host:2:b', at(1), at(0), alive)).toBeNull(); // held, holder alive, lease fresh
    expect((await qb.take(item.key, 'host:2:b', at(1), at(0), () => true))?.attempts).toBe(2); // holder died: taken over
    expect(await qa.renew(item.key, 'host:1:a', at(1))).toBe(false); // no longer a's to keep
    expect(await qb.renew(item.key, 'host:2:b', at(2))).toBe(true);
    expect(await qa.take(item.key, 'host:1:a', at(2), '2026-11-01T12:00:00.000Z', alive)).toBeNull(); // taken at(1), renewed at(2): not expired
    await qb.keepAnswer(item.key, { text: 'answer' }, null);
    await qb.finish(item.key, 'replied', at(1), '2.0001');
    expect(await qa.take(item.key, 'host:1:a', at(2), at(2), () => true)).toBeNull(); // done is done
    expect(await qb.renew(item.key, 'host:2:b', at(3))).toBe(false);
    expect(await qa.pending()).toHaveLength(0);
    expect(await qa.item(item.key)).toMatchObject({ outcome: 'replied', replyTs: '2.0001', payload: { channel: 'C1' } }); // the text is gone once done
    await qa.accept({ ...item, key: 'message:C1:3.0001' });
    await qa.release('message:C1:3.0001');
    expect((await qa.pending()).map((i) => i.key)).toEqual(['message:C1:3.0001']);
    expect(await qa.purgeDoneBefore(at(2))).toBe(1);
  });

  it('claims a daily post once across connections, and lets it be retried after a release', async () => {
    const a = await open();
    const b = await open();
    const { created } = await a.status.upsertSubscription({ channelId: 'C1', postTime: '09:00', timeZone: 'Asia/Tokyo', lang: 'ja', at: at(1) });
    expect(created).toBe(true);
    expect(await b.status.subscriptions()).toMatchObject([{ channelId: 'C1', postTime: '09:00', lang: 'ja' }]);
    const claim = { channelId: 'C1', localDate: '2026-11-02', now: at(2), leaseMs: 60_000, maxAttempts: 3 };
    const first = await a.status.claimPost({ ...claim, instanceId: 'a' });
    expect(first.kind).toBe('claimed');
    expect((await b.status.claimPost({ ...claim, instanceId: 'b' })).kind).toBe('busy');
    if (first.kind !== 'claimed') return;
    await a.status.releaseClaim(first.claim, { error: 'boom', posted: 'no' });
    const second = await b.status.claimPost({ ...claim, instanceId: 'b' });
    expect(second).toMatchObject({ kind: 'claimed', claim: { attempts: 2 } });
    if (second.kind !== 'claimed') return;
    expect(await a.status.markPostStarted(first.claim, at(2))).toBe(false); // no longer a's
    expect(await b.status.markPostStarted(second.claim, at(2))).toBe(true);
    expect(await b.status.recordPosted('C1', '2026-11-02', '9.9', at(2))).toBe(true);
    expect(await a.status.claimPost({ ...claim, instanceId: 'a' })).toEqual({ kind: 'posted', ts: '9.9' });
    expect(await a.status.statusPosts('C1')).toMatchObject([{ localDate: '2026-11-02', postedTs: '9.9', attempts: 2, lastError: null }]);
    expect(await a.status.purgeStatusPostsBefore('2026-11-03')).toBe(1);
    expect(await a.status.deleteSubscription('C1')).toBe(true);
    expect(await a.status.subscription('C1')).toBeNull();
  });

  it('two replicas opening a fresh database at once migrate it once, and both work', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    await a.readers.choose('U1', 'ja', at(1));
    expect(await b.readers.chosenLang('U1')).toBe('ja');
    const again = await open();
    expect(await again.ping()).toBe(true);
  });

  it('a server’s other failures, and the fleet’s: known problems and unexplained codes, counted per log', async () => {
    const s = await open();
    const log = fixture('client-other-errors.log').toString('utf8');
    for (const day of [1, 2]) {
      await s.history.record({ diagnosis: diagnose(scanText(log), { lang: 'en', now: at(day) }), origin: 'cli', at: at(day) });
    }
    const failures = await s.servers.failuresOf('WSUS01');
    expect(failures.find((f) => f.kind === 'code')).toEqual({ kind: 'code', id: '0x80242013', logs: 2, since: at(1), last: at(2) });
    expect(
      failures
        .filter((f) => f.kind === 'problem')
        .map((f) => [f.id, f.logs])
        .sort(),
    ).toEqual([
      ['invalid-parameters-kb4096317', 2],
      ['proxy-name-resolution', 2],
      ['wsus-app-pool-503', 2],
      ['wsus-timeouts', 2],
    ]);
    const fleet = await s.status.otherProblemsPerServerSince(at(2));
    expect(fleet.map((p) => [p.server, p.problem, p.logs, p.since]).sort()).toEqual([
      ['wsus01', 'invalid-parameters-kb4096317', 1, at(2)],
      ['wsus01', 'proxy-name-resolution', 1, at(2)],
      ['wsus01', 'wsus-app-pool-503', 1, at(2)],
      ['wsus01', 'wsus-timeouts', 1, at(2)],
    ]);
    expect((await s.history.list())[0]).toMatchObject({
      problems: ['invalid-parameters-kb4096317', 'proxy-name-resolution', 'wsus-app-pool-503', 'wsus-timeouts'],
      codes: ['0x80242013'],
    });
    expect([...(await s.status.lastHeardOf())]).toEqual([['wsus01', at(2)]]);
  });

  it('the evidence first, in line order; when an affected episode began; where a thread was answered', async () => {
    const s = await open();
    // A failure counts from its own time (failedAt, read off its log lines), not from when it was pasted.
    const d = { ...diagnose(scanText(KB_CLIENT_EXAMPLE), { lang: 'en', now: at(1) }), failedAt: at(1) };
    const id = await s.history.record({ diagnosis: d, origin: 'message', at: at(1), channelId: 'C1', messageTs: '1.1', threadTs: '1.1', userId: 'U1' });
    const evidence = await s.history.evidenceOf(id, 2);
    expect(evidence).toEqual(
      d.evidence
        .slice(0, 2)
        .map((f) => ({ rule: f.rule, line: f.line, text: f.text }))
        .sort((x, y) => x.line - y.line),
    );
    await s.history.record({ diagnosis: { ...affectedLog('wsusebc'), failedAt: at(3) }, origin: 'cli', at: at(3) });
    // The same failure pasted again on day 6 (its lines say day 1) is no new failure after day 2.
    await s.history.record({ diagnosis: affectedLog('wsusebc'), origin: 'cli', at: at(6), sourceName: 'old.log' });
    const since = await s.status.firstAffectedAfter([
      { name: 'wsusebc', after: null },
      { name: 'wsusebc2', after: null },
    ]);
    expect([...since]).toEqual([['wsusebc', at(1)]]);
    expect([...(await s.status.firstAffectedAfter([{ name: 'wsusebc', after: at(2) }]))]).toEqual([['wsusebc', at(3)]]);
    await s.inbox.accept({ key: 'message:C1:1.1', kind: 'message', payload: { channel: 'C1', replyThreadTs: '1.1' }, at: at(1) });
    await s.inbox.finish('message:C1:1.1', 'replied', at(1), '1.2', id);
    expect(await s.inbox.answeredInThread('C1', '1.1', 'message:C1:9.9')).toEqual([{ server: 'wsusebc', verdict: 'affected', serverState: d.serverState }]);
    expect(await s.inbox.answeredInThread('C1', '1.1', 'message:C1:1.1')).toEqual([]);
    await s.servers.recordVersion('wsusebc', 'dll', '3.1.6001.65', at(4), { diagnosisId: id, channelId: 'C1' });
    await s.attribution.setPermalink(id, 'https://example.slack.com/archives/C1/p11');
    expect((await s.servers.proofsOf('wsusebc'))[0]).toMatchObject({ fact: 'dll', permalink: 'https://example.slack.com/archives/C1/p11' });
  });

  it('keeps fleet reports: one key per server, each report id once, the newest client health, alert memory swapped once', async () => {
    const s = await open();
    expect(await s.fleet.keyOf('wsus01')).toBeNull();
    await s.fleet.enroll('wsus01', 'k1', at(1));
    await s.fleet.enroll('wsus01', 'k2', at(2)); // a new enrolment replaces the key
    expect(await s.fleet.keyOf('wsus01')).toBe('k2');
    const health = (day: number, total: number) => ({ at: at(day), total, failing: [], notSynced: 1, notSyncedSample: ['pc1'] });
    expect(await s.fleet.recordReport({ id: 'r1', server: 'wsus01', generated: at(3), receivedAt: at(3), diagnosisId: null, health: health(3, 40) })).toBe(
      true,
    );
    expect(await s.fleet.recordReport({ id: 'r1', server: 'wsus01', generated: at(3), receivedAt: at(4), diagnosisId: null, health: health(9, 99) })).toBe(
      false,
    );
    expect(await s.fleet.seen('r1')).toBe(true);
    // An older report arriving late keeps the newer health.
    expect(await s.fleet.recordReport({ id: 'r0', server: 'wsus01', generated: at(2), receivedAt: at(5), diagnosisId: null, health: health(2, 10) })).toBe(
      true,
    );
    expect(await s.fleet.reportingOf('wsus01')).toEqual({ server: 'wsus01', lastReportAt: at(5), health: health(3, 40), revoked: false });
    expect(await s.fleet.revoke('wsus01', at(6))).toBe(true);
    expect(await s.fleet.revoke('wsus01', at(6))).toBe(false);
    expect(await s.fleet.keyOf('wsus01')).toBeNull();
    expect((await s.fleet.reporting()).map((r) => [r.server, r.revoked])).toEqual([['wsus01', true]]);

    const first = { affected: true, needsAction: [], failingCodes: ['0x8024400E'], silent: false };
    expect(await s.fleet.swapAlertMemory('wsus01', null, first, at(7))).toBe(true);
    expect(await s.fleet.swapAlertMemory('wsus01', null, first, at(7))).toBe(false); // another replica got there first
    expect(await s.fleet.swapAlertMemory('wsus01', first, { ...first, affected: false }, at(8))).toBe(true);
    expect(await s.fleet.swapAlertMemory('wsus01', first, { ...first, silent: true }, at(8))).toBe(false);
    expect(await s.fleet.alertMemory('wsus01')).toEqual({ ...first, affected: false });
    await s.fleet.setAlertThread('wsus01', 'C1', '111.2', at(9));
    expect(await s.fleet.alertThread('wsus01', 'C1')).toBe('111.2');
    await s.fleet.setAlertThread('wsus01', 'C1', null, at(10));
    expect(await s.fleet.alertThread('wsus01', 'C1')).toBeNull();
  });

  it('one report taken in twice at once (two replicas): the second taking withdraws the diagnosis it recorded', async () => {
    const s = await open();
    const report = { id: 'r7', server: 'wsus07', generated: at(3), receivedAt: at(3), health: null };
    // Both takings diagnosed the report's log before either recorded its id.
    const [a, b] = [
      await s.history.record({ diagnosis: affectedLog('wsus07'), origin: 'report', at: at(3) }),
      await s.history.record({ diagnosis: affectedLog('wsus07'), origin: 'report', at: at(3) }),
    ];
    expect(await s.history.count()).toBe(2);
    const facts = await s.servers.facts('wsus07');
    expect(facts?.lastAffectedAt).toEqual(expect.any(String));
    expect(await s.fleet.recordReport({ ...report, diagnosisId: a })).toBe(true);
    expect(await s.fleet.recordReport({ ...report, diagnosisId: b })).toBe(false);
    expect((await s.history.list()).map((e) => e.id)).toEqual([a]);
    expect(await s.history.findingsOf(b)).toEqual([]);
    expect(await s.history.findingsOf(a)).not.toEqual([]);
    expect(await s.servers.facts('wsus07')).toEqual(facts); // as the first taking left them
  });

  it('keeps each reader’s language', async () => {
    const s = await open();
    expect(await s.readers.chosenLang('U1')).toBeNull();
    expect(await s.readers.langFor('U1', 'en')).toBe('en');
    await s.readers.choose('U1', 'ja', at(1));
    expect(await s.readers.langFor('U1', 'en')).toBe('ja');
    expect(await (await open()).readers.chosenLang('U1')).toBe('ja');
  });
});

describe('only the engines speak SQL', () => {
  const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
  const sources = (dir: string): string[] =>
    readdirSync(join(repo, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => join(e.parentPath, e.name));
  const SQL =
    /\b(SELECT\s[\s\S]{0,200}?\sFROM\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(TABLE|INDEX)\s)|\.(prepare|pragma)\(/;

  it('src/ and commands/ hold no SQL and call no driver; db/ does', () => {
    const offenders = [...sources('src'), ...sources('commands')].filter((f) => SQL.test(readFileSync(f, 'utf8'))).map((f) => relative(repo, f));
    expect(offenders).toEqual([]);
    // The pattern finds SQL where it is: every engine's store speaks it.
    expect(sources('db').filter((f) => SQL.test(readFileSync(f, 'utf8'))).length).toBeGreaterThanOrEqual(5);
  });
});
