// The refusal surface (src/render/refusals.ts): what the bot says for input it will not or cannot read, built from
// the errors the real ingest throws; both languages.
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { check, inlineScan } from '../src/check.js';
import type { Lang } from '../src/lang.js';
import { formatBytes, InputError, WEVTUTIL_EXPORT } from '../src/ingest/decode.js';
import { escapeMrkdwn } from '../src/render/blocks.js';
import { msg } from '../src/render/messages/index.js';
import { refusalText, renderRefusals, type Refusal } from '../src/render/refusals.js';
import { refusalOf } from '../src/slack/errors.js';
import { DownloadError } from '../src/slack/file-download.js';
import type { Storage } from '../src/store/port.js';
import { expectMessageWithinBlockKit, visibleText } from './support/block-kit.js';
import { fixture } from './support/fixtures.js';
import { TEST_NOW } from './support/clock.js';
import { tempStorage } from './support/storage.js';

const KANA = /[\u3040-\u30ff]/;
const NAME = '<!channel>.log';

let t: { storage: Storage; close(): Promise<void> };
beforeEach(async () => {
  t = await tempStorage({ clock: () => new Date(TEST_NOW) });
});
afterEach(() => t.close());

/** The refusal the real ingest gives `bytes` (with a cap of `maxBytes`). */
async function refusalFor(bytes: Buffer, maxBytes = Number.POSITIVE_INFINITY): Promise<Refusal> {
  try {
    await check(
      { inputs: [{ name: NAME, chunks: [bytes] }], lang: 'en', now: new Date(TEST_NOW), mayRecordFacts: false },
      { storage: t.storage, scan: inlineScan(maxBytes) },
    );
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return refusalOf(e);
  }
  throw new Error('the input was not refused');
}

describe.each(['en', 'ja'] as const)('refusals in %s', (lang: Lang) => {
  const say = (r: Refusal, maxBytes = 1024) => refusalText(r, lang, { maxBytes, fileName: NAME });

  it('each input the ingest refuses: a sentence naming the file (escaped) with what to do, within the limits', async () => {
    const refusals: Refusal[] = [
      await refusalFor(Buffer.alloc(0)),
      await refusalFor(Buffer.from([0x00, 0xff, 0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0xfe, 0x00].concat(Array(500).fill(0)))),
      await refusalFor(gzipSync(fixture('client-affected.log')).subarray(0, 200)),
      await refusalFor(fixture('client-affected.log'), 100),
    ];
    expect(refusals.map((r) => (r.kind === 'input' ? r.problem : r.kind))).toEqual(['empty', 'binary', 'truncated-gzip', 'too-large']);
    for (const r of refusals) {
      const m = renderRefusals([say(r)]);
      expectMessageWithinBlockKit(m);
      const text = visibleText(m.blocks);
      expect(text).toContain(escapeMrkdwn(NAME));
      expect(text).not.toContain('<!channel>');
      expect(text).not.toMatch(/\n\s+at /); // never a stack trace
      expect(KANA.test(text)).toBe(lang === 'ja');
    }
    expect(visibleText(renderRefusals([say(refusals[3]!, 100)]).blocks)).toContain(formatBytes(100));
  });

  it('an event log, a download Slack would not give, something that is no log, the unexpected', () => {
    const evtx = renderRefusals([say({ kind: 'input', problem: 'event-log' })]);
    expectMessageWithinBlockKit(evtx);
    expect(visibleText(evtx.blocks)).toContain(escapeMrkdwn(WEVTUTIL_EXPORT));

    const download = refusalOf(new InputError('unreadable', 'x', { cause: new DownloadError({ kind: 'sign-in' }) }));
    expect(download).toEqual({ kind: 'download', problem: { kind: 'sign-in' } });
    const d = renderRefusals([say(download)]);
    expectMessageWithinBlockKit(d);
    expect(visibleText(d.blocks)).toContain(escapeMrkdwn(msg(lang).downloadProblem.signIn));

    for (const r of [{ kind: 'not-a-log' }, refusalOf(new Error('boom\n    at secret (/srv/app.js:1:1)'))] as Refusal[]) {
      const m = renderRefusals([say(r)]);
      expectMessageWithinBlockKit(m);
      expect(visibleText(m.blocks)).not.toContain('/srv/app.js');
    }
  });

  it('a message with many refused files: one answer, still one section Slack takes', () => {
    const sentences = Array.from({ length: 40 }, (_, i) =>
      refusalText({ kind: 'input', problem: 'too-large' }, lang, { maxBytes: 1024, fileName: `upload-${i}-<&>.log` }),
    );
    const m = renderRefusals(sentences);
    expectMessageWithinBlockKit(m);
    expect(m.blocks).toHaveLength(1);
    expect(visibleText(m.blocks)).not.toContain('<&>');
  });
});
