// The scan thread (src/scan): large inputs are decoded and scanned off the event loop, with the same results and
// the same refusals as inline; the bot's message work uses it (real Bolt app over signed HTTP, fake Slack).
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/ingest/decode.js';
import { OFF_THREAD_BYTES, offThreadJobs, scanInline, scanOffThread, type ScanRunner } from '../src/scan/runner.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { visibleText } from './support/block-kit.js';
import { fixture, KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { messageEvent, postEvent, slackTs } from './support/index.js';

const AFFECTED = fixture('client-affected.log');
const HEALTHY = fixture('client-healthy.log');
/** A few MB of log: healthy lines around the affected fixture, in 64 KiB chunks as a download delivers them. */
const BIG = Buffer.concat([...Array.from({ length: 40 }, () => HEALTHY), AFFECTED, ...Array.from({ length: 40 }, () => HEALTHY)]);
const chunked = (b: Buffer, size = 64 * 1024): Buffer[] => Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size));
const OPTIONS = { maxBytes: 64 * 1024 * 1024 };

/** How many event-loop turns (setImmediate) ran while `run` was at work: none means it held the loop throughout. */
async function turnsDuring(run: Promise<unknown>): Promise<number> {
  let turns = 0;
  let done = false;
  const spin = () => {
    if (done) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  await run.finally(() => (done = true));
  return turns;
}

describe('scan runner', () => {
  it('the scan thread gives the inline result, for one buffer and for a stream of chunks', async () => {
    expect(BIG.length).toBeGreaterThan(OFF_THREAD_BYTES);
    const inline = await scanInline([BIG], OPTIONS);
    expect(inline.findings.some((f) => f.rule.startsWith('client-'))).toBe(true);
    expect(await scanOffThread([BIG], OPTIONS)).toEqual(inline);
    async function* download() {
      for (const c of chunked(BIG)) yield c;
    }
    expect(await scanOffThread(download(), OPTIONS)).toEqual(inline);
    // gzip and UTF-16 are decoded on the thread too.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BIG.toString('utf8'), 'utf16le')]);
    const infos: unknown[] = [];
    const viaThread = await scanOffThread(chunked(gzipSync(utf16)), OPTIONS, (info) => infos.push(info));
    expect({ ...viaThread, bytes: 0 }).toEqual({ ...inline, bytes: 0 });
    expect(infos).toContainEqual({ encoding: 'utf-16le', gzip: true, bom: true });
  });

  it('a large scan leaves the event loop free; inline it holds the loop until done', async () => {
    const input = Buffer.concat(Array.from({ length: 8 }, () => BIG));
    expect(await turnsDuring(scanInline([input], OPTIONS))).toBe(0);
    expect(await turnsDuring(scanOffThread([input], OPTIONS))).toBeGreaterThan(0);
  });

  it('small inputs stay inline (no thread round trip)', async () => {
    const before = offThreadJobs();
    expect(await turnsDuring(scanOffThread([AFFECTED.subarray(0, OFF_THREAD_BYTES - 1)], OPTIONS))).toBe(0);
    expect(offThreadJobs()).toBe(before);
  });

  it('a small gzip goes to the thread all the same: its size says nothing of the text it inflates to', async () => {
    const { gzipSync } = await import('node:zlib');
    const filler = Buffer.from('2008-08-12\t09:15:41:203\t 988\tc4\tAU\tAU setting next detection timeout to 2008-08-12 13:15:41\n'.repeat(20_000));
    const gz = gzipSync(Buffer.concat([filler, AFFECTED]));
    expect(gz.length).toBeLessThan(OFF_THREAD_BYTES);
    const before = offThreadJobs();
    const offThread = await scanOffThread([gz], OPTIONS);
    expect(offThreadJobs() - before).toBe(1);
    expect(offThread).toEqual(await scanInline([gz], OPTIONS));
  });

  it('refusals come back as the same InputError; a source that fails mid-stream fails with its own error', async () => {
    const refusal = async (run: ScanRunner, bytes: Buffer, maxBytes: number) => {
      const e = await run([bytes], { maxBytes, limitName: 'MAX_FILE_BYTES' }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(InputError);
      return { problem: (e as InputError).problem, message: (e as InputError).message };
    };
    const nul = Buffer.alloc(OFF_THREAD_BYTES * 2);
    expect(await refusal(scanOffThread, nul, OPTIONS.maxBytes)).toEqual(await refusal(scanInline, nul, OPTIONS.maxBytes));
    expect(await refusal(scanOffThread, BIG, BIG.length - 1)).toEqual(await refusal(scanInline, BIG, BIG.length - 1));
    const broken = new Error('connection reset');
    async function* failing() {
      yield BIG.subarray(0, OFF_THREAD_BYTES * 2);
      throw broken;
    }
    await expect(scanOffThread(failing(), OPTIONS)).rejects.toBe(broken);
    // The thread is still there for the next input.
    expect((await scanOffThread([BIG], OPTIONS)).findings.length).toBeGreaterThan(0);
  });
});

describe('the bot scans large uploads on the scan thread', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a whole-log paste and a large upload get the same diagnosis as a short paste of the failure; the upload on the thread', async () => {
    const paste =
      BIG.toString('utf8')
        .replace(/\r\n/g, '\n')
        .slice(0, 40_000 - AFFECTED.length) + AFFECTED.toString('utf8');
    expect(Buffer.byteLength(paste)).toBeLessThan(OFF_THREAD_BYTES); // Slack's cap: 40,000 characters
    const before = offThreadJobs();
    const pasteTs = slackTs();
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: 'CPASTE', ts: pasteTs, text: paste }));
    const file = t.fake.fileHost.addFile({ name: 'WindowsUpdate.log', bytes: BIG, mimetype: 'text/plain', filetype: 'text' });
    expect(file.size).toBeGreaterThan(OFF_THREAD_BYTES);
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: 'CFILE', text: '', files: [file] }));
    expect(Buffer.byteLength(KB_CLIENT_EXAMPLE)).toBeLessThan(OFF_THREAD_BYTES);
    const small = slackTs();
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: 'CSMALL', ts: small, text: KB_CLIENT_EXAMPLE }));
    const [p, f, s] = await Promise.all(['CPASTE', 'CFILE', 'CSMALL'].map((c) => t.fake.waitFor('chat.postMessage', (call) => call.body.channel === c)));
    expect(p!.body.thread_ts).toBe(pasteTs);
    for (const post of [p!, f!, s!]) expect(visibleText(post.body.blocks)).toMatch(/KB954960: affected/);
    await t.idle();
    expect(await t.storage.history.count()).toBe(3);
    expect(offThreadJobs() - before).toBe(1); // the upload; both pastes stayed inline
  });
});
