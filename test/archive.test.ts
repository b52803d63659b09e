import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { messageEvent, postEvent, postSlashCommand, slackTs, slashCommand } from './support/index.js';
import { scanChunks } from '../src/detect/scanner.js';
import { openLogArchive, openLogs } from '../src/ingest/archive.js';
import { decodeToUtf8, InputError, WEVTUTIL_EXPORT, type DecodedInfo, type DecodeOptions } from '../src/ingest/decode.js';
import { childEnv, TEST_NOW } from './support/clock.js';
import { fixture, KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { databaseEnvFor } from './support/storage.js';
import { overlappingZip, zip } from './support/zip.js';

const BIN = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const LIMITS = { maxBytes: 10 * 1024 * 1024 };

async function text(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: DecodeOptions = LIMITS, info?: DecodedInfo[]): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of decodeToUtf8(chunks, options, (i) => info?.push(i))) parts.push(Buffer.from(c));
  return Buffer.concat(parts).toString('utf8');
}

/** The InputError an archive is refused with (opening it, or reading its logs). */
async function refusal(archive: Buffer, limits: Parameters<typeof openLogArchive>[2] = LIMITS): Promise<InputError> {
  try {
    for (const log of await openLogArchive(archive, 'logs.zip', limits)) await text(log.chunks);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toMatch(/^[^\n]+\.$/); // one sentence
    return e as InputError;
  }
  throw new Error('expected the archive to be refused');
}

const LOG = fixture('client-affected.log');
const SD_LOG = Buffer.from(KB_CLIENT_EXAMPLE, 'utf8');

describe('openLogArchive: ZIP', () => {
  it('reads the text logs inside (two logs; a picture and a folder skipped), named archive:path', async () => {
    const archive = zip([
      { name: 'logs/', data: Buffer.alloc(0), method: 0 },
      { name: 'logs/WindowsUpdate.log', data: LOG },
      { name: 'logs/screenshot.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      { name: 'SoftwareDistribution.log', data: SD_LOG, method: 0 },
    ]);
    const logs = await openLogArchive(archive, 'logs.zip', LIMITS);
    expect(logs.map((l) => l.name)).toEqual(['logs.zip:logs/WindowsUpdate.log', 'logs.zip:SoftwareDistribution.log']);
    expect(await text(logs[0]!.chunks)).toBe(LOG.toString('utf8'));
    expect(await text(logs[1]!.chunks)).toBe(KB_CLIENT_EXAMPLE);
  });

  it('reads a nested .gz log (gunzipped by the archive, so its expansion counts against the archive)', async () => {
    const [log] = await openLogArchive(zip([{ name: 'WindowsUpdate.log.gz', data: gzipSync(LOG) }]), 'logs.zip', LIMITS);
    expect(await text(log!.chunks)).toBe(LOG.toString('utf8'));
  });

  it('counts what nested .gz logs expand to against the archive cap', async () => {
    const archive = zip([1, 2, 3].map((i) => ({ name: `WindowsUpdate${i}.log.gz`, data: gzipSync(LOG), method: 0 })));
    const e = await refusal(archive, { ...LIMITS, maxExpandedBytes: 2 * LOG.length + 10 });
    expect(e.problem).toBe('archive-limit');
    expect(e.message).toMatch(/The logs in the ZIP archive expand to more than/);
  });

  it('counts a nested .gz in the member ratio: a stored gzip bomb is refused', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 'a'));
    const e = await refusal(zip([{ name: 'WindowsUpdate.log.gz', data: bomb, method: 0 }]));
    expect(e.problem).toBe('archive-limit');
    expect(e.message).toMatch(/WindowsUpdate\.log\.gz in the ZIP archive expands to more than 200 times its compressed size/);
  });

  it('refuses entries that overlap (two directory entries on one member), naming them, before inflating any', async () => {
    const e = await refusal(overlappingZip({ name: 'WindowsUpdate.log', data: LOG }, 2));
    expect(e.problem).toBe('bad-archive');
    expect(e.message).toBe(
      "The ZIP archive's entries WindowsUpdate.log and WindowsUpdate-1.log overlap (share the same bytes), which only a crafted archive does: refused.",
    );
    expect(e.reason).toEqual({ kind: 'overlapping', first: 'WindowsUpdate.log', second: 'WindowsUpdate-1.log' });
  });

  it("refuses an entry hidden inside another one's data (a quoted local header), naming both", async () => {
    // b.log's local header and data, stored as a.log's data; then a directory entry for b.log pointing inside a.log.
    const inner = zip([{ name: 'b.log', data: SD_LOG, method: 0 }]);
    const innerDir = inner.readUInt32LE(inner.length - 22 + 16);
    const outer = zip([{ name: 'a.log', data: inner.subarray(0, innerDir), method: 0 }]);
    const outerDir = outer.readUInt32LE(outer.length - 22 + 16);
    const bEntry = Buffer.from(inner.subarray(innerDir, inner.length - 22));
    bEntry.writeUInt32LE(30 + 'a.log'.length, 42); // where a.log's data (b.log's local header) starts
    const dir = Buffer.concat([outer.subarray(outerDir, outer.length - 22), bEntry]);
    const end = Buffer.from(outer.subarray(outer.length - 22));
    end.writeUInt16LE(2, 8);
    end.writeUInt16LE(2, 10);
    end.writeUInt32LE(dir.length, 12);
    const e = await refusal(Buffer.concat([outer.subarray(0, outerDir), dir, end]));
    expect(e.reason).toEqual({ kind: 'overlapping', first: 'a.log', second: 'b.log' });
  });

  it('65535 entries are too many entries, not a ZIP64 or split archive', async () => {
    const many = zip(Array.from({ length: 65535 }, (_, i) => ({ name: `${i}.log`, data: Buffer.alloc(0), method: 0 })));
    const e = await refusal(many);
    expect(e.problem).toBe('archive-limit');
    expect(e.message).toBe('The ZIP archive has 65535 entries, more than the 1000 the bot opens: send only the logs.');
    expect(e.reason).toEqual({ kind: 'too-many-entries', count: 65535, max: 1000 });
  });

  it('an entry with ZIP64 sizes is a ZIP64 archive, not one cut short', async () => {
    const archive = zip([{ name: 'WindowsUpdate.log', data: LOG }]);
    const dirAt = archive.readUInt32LE(archive.length - 22 + 16);
    // As a ZIP64 writer marks it: the sizes in the directory entry are 0xffffffff (the real ones in a ZIP64 extra field).
    archive.writeUInt32LE(0xffffffff, dirAt + 20);
    archive.writeUInt32LE(0xffffffff, dirAt + 24);
    const e = await refusal(archive);
    expect(e.problem).toBe('bad-archive');
    expect(e.message).toMatch(/^This is a ZIP64 archive \(the format for very large archives\), which the bot does not read/);
    expect(e.reason).toEqual({ kind: 'zip64' });
  });

  it('a split (multi-disk) archive says so', async () => {
    const archive = zip([{ name: 'WindowsUpdate.log', data: LOG }]);
    archive.writeUInt16LE(1, archive.length - 22 + 4); // this disk's number: 1 of a split set
    const e = await refusal(archive);
    expect(e.message).toBe('This ZIP archive is split into several files, which the bot does not read: send it as one archive, or the logs themselves.');
    expect(e.reason).toEqual({ kind: 'split' });
  });

  it('openLogs: a ZIP by its bytes whatever its name, anything else as itself', async () => {
    const viaZip = await openLogs([zip([{ name: 'WindowsUpdate.log', data: LOG }])], 'upload.bin', LIMITS);
    expect(viaZip.map((l) => l.name)).toEqual(['upload.bin:WindowsUpdate.log']);
    const plain = await openLogs([LOG.subarray(0, 3), LOG.subarray(3)], 'WindowsUpdate.log', LIMITS);
    expect(plain.map((l) => l.name)).toEqual(['WindowsUpdate.log']);
    expect(await text(plain[0]!.chunks)).toBe(LOG.toString('utf8'));
  });

  it('refuses a zip bomb by its declared ratio, and by what it really inflates when the header lies', async () => {
    const huge = Buffer.alloc(20 * 1024 * 1024, 'a'); // deflates ~1000×
    expect((await refusal(zip([{ name: 'WindowsUpdate.log', data: huge }]))).problem).toBe('archive-limit');
    const lying = await refusal(zip([{ name: 'WindowsUpdate.log', data: huge, claimSize: 1000 }]));
    expect(lying.problem).toBe('archive-limit');
    expect(lying.message).toMatch(/WindowsUpdate\.log in the ZIP archive expands to more than 200 times/);
  });

  it('refuses logs that together expand past the archive cap', async () => {
    const archive = zip([1, 2, 3].map((i) => ({ name: `WindowsUpdate${i}.log`, data: LOG })));
    const e = await refusal(archive, { ...LIMITS, maxExpandedBytes: 2 * LOG.length + 10 });
    expect(e.problem).toBe('archive-limit');
    expect(e.message).toMatch(/expand to more than/);
  });

  it('refuses too many entries before inflating any', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}.log`, data: Buffer.from('x\n'), method: 0 }));
    const e = await refusal(zip(many));
    expect(e.problem).toBe('archive-limit');
    expect(e.message).toMatch(/1001 entries, more than the 1000/);
    expect((await refusal(zip(many.slice(0, 5)), { ...LIMITS, maxEntries: 4 })).problem).toBe('archive-limit');
  });

  it.each(['../../Windows/WindowsUpdate.log', '/etc/WindowsUpdate.log', 'C:\\Windows\\WindowsUpdate.log', 'logs\\..\\..\\x.log', 'a/../../x.log'])(
    'refuses the path trick %s',
    async (name) => {
      const e = await refusal(
        zip([
          { name: 'ok.log', data: SD_LOG },
          { name, data: SD_LOG },
        ]),
      );
      expect(e.problem).toBe('bad-archive');
      expect(e.message).toMatch(/points outside the archive/);
    },
  );

  it('refuses a damaged archive, a corrupted member, and an archive with no log', async () => {
    const good = zip([{ name: 'WindowsUpdate.log', data: LOG }]);
    expect((await refusal(good.subarray(0, good.length - 30))).message).toMatch(/damaged or incomplete/);
    const flipped = Buffer.from(good);
    flipped[200] = flipped[200]! ^ 0xff;
    expect(['bad-archive', 'bad-gzip', 'truncated-gzip']).toContain((await refusal(flipped)).problem);
    expect((await refusal(zip([{ name: 'readme.md', data: SD_LOG }]))).message).toMatch(/holds no text log/);
    const evtx = await refusal(zip([{ name: 'Application.evtx', data: Buffer.from('ElfFile\0') }]));
    expect(evtx.problem).toBe('event-log');
  });
});

describe('.evtx and its text export', () => {
  it('refuses an .evtx with the one wevtutil command that exports the event as text', async () => {
    const e = await text([Buffer.concat([Buffer.from('ElfFile\0', 'latin1'), Buffer.alloc(4088)])]).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).problem).toBe('event-log');
    expect((e as InputError).message).toContain(WEVTUTIL_EXPORT);
    expect(WEVTUTIL_EXPORT).toMatch(/^wevtutil qe Application \/q:"\*\[System\[Provider\[@Name='MsiInstaller'\] and \(EventID=1022\)\]\]" \/f:text/);
  });

  // The shape `wevtutil qe … /f:text` prints (Microsoft's documented example: one field per line, the message
  // under "Description:"), saved by cmd (ANSI) or PowerShell (UTF-16LE).
  const exported = [
    'Event[0]:',
    '  Log Name: Application',
    '  Source: MsiInstaller',
    '  Date: 2008-08-13T10:12:33.000',
    '  Event ID: 1022',
    '  Task: N/A',
    '  Level: Information',
    '  Opcode: N/A',
    '  Keyword: Classic',
    '  User: S-1-5-21-1004336348-1177238915-682003330-500',
    '  User Name: CONTOSO\\Administrator',
    '  Computer: WSUS01',
    '  Description:',
    "Product: Microsoft Windows Server Update Services 3.0 SP1 - Update 'Update for Windows Server Update Services 3.0 SP1 (KB954960)' installed successfully.",
    '',
  ].join('\r\n');
  it.each([
    ['UTF-8', Buffer.from(exported, 'utf8')],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(exported, 'utf16le')])],
  ])('reads the MsiInstaller 1022 event from the wevtutil text export (%s)', async (_enc, bytes) => {
    const scan = await scanChunks(decodeToUtf8([bytes], LIMITS));
    expect(scan.findings.map((f) => [f.rule, f.line])).toContainEqual(['msiinstaller-1022-kb954960', 14]);
  });
});

describe('tail: a log over the cap is read in its most recent part', () => {
  const lines = Array.from({ length: 5000 }, (_, i) => `2008-08-12\t09:15:41:203\t 940\tf54\tAgent\t  * line ${i}\r\n`);
  const log = Buffer.from(lines.join(''));
  const cap = 64 * 1024;

  for (const [what, bytes] of [
    ['a plain log', log],
    ['a gzip that expands past the cap', gzipSync(log)],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join(''), 'utf16le')])],
  ] as const) {
    it(`${what}: reads the end, from a line start, and says what was skipped`, async () => {
      const info: DecodedInfo[] = [];
      const pieces = Array.from({ length: Math.ceil(bytes.length / 7000) }, (_, i) => bytes.subarray(i * 7000, (i + 1) * 7000));
      const read = await text(pieces, { maxBytes: cap, tail: true }, info);
      const tail = info.find((i) => i.tail)?.tail;
      expect(tail).toBeDefined();
      expect(Buffer.byteLength(read)).toBeLessThanOrEqual(cap);
      expect(Buffer.byteLength(read)).toBeGreaterThan(cap - 100);
      expect(log.toString('utf8').endsWith(read)).toBe(true);
      expect(read.startsWith('2008-08-12\t')).toBe(true);
      const firstKept = Number(/line (\d+)/.exec(read)![1]);
      expect(tail).toEqual({ skippedBytes: log.length - Buffer.byteLength(read), skippedLines: firstKept, keptBytes: Buffer.byteLength(read) });
      expect(read).toContain('line 4999\r\n');
    });
  }

  it('reads a log under the cap in full and reports nothing skipped', async () => {
    const info: DecodedInfo[] = [];
    expect(await text([log], { maxBytes: log.length, tail: true }, info)).toBe(log.toString('utf8'));
    expect(info.some((i) => i.tail)).toBe(false);
  });

  it('still refuses input past maxReadBytes', async () => {
    const e = await text([log], { maxBytes: cap, tail: true, maxReadBytes: 100_000 }).catch((err: unknown) => err);
    expect((e as InputError).problem).toBe('too-large');
  });
});

describe('kb954960 scan logs.zip (the built CLI)', () => {
  let dir: string;
  let database: Record<string, string>;
  beforeAll(async () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first`);
    dir = mkdtempSync(join(tmpdir(), 'kb954960-zip-'));
    database = await databaseEnvFor(dir, 'kb.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [BIN, ...args], { env: childEnv({ ...database, ...env }), encoding: 'utf8', timeout: 20_000 });

  it('scans the logs inside, each named logs.zip:<member> in the findings', () => {
    const p = join(dir, 'logs.zip');
    writeFileSync(
      p,
      zip([
        { name: 'WindowsUpdate.log', data: LOG },
        { name: 'notes.txt', data: Buffer.from('nothing here\r\n') },
      ]),
    );
    const r = run(['scan', '--no-save', '--json', p]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { verdict: string; findings: { file?: string }[] };
    expect(out.verdict).toBe('affected');
    expect(out.findings.length).toBeGreaterThan(0);
    expect(new Set(out.findings.map((f) => f.file))).toEqual(new Set([`${p}:WindowsUpdate.log`]));
  });

  it('MAX_FILE_BYTES does not cap a local file: the whole log is read (it caps Slack downloads only)', () => {
    const p = join(dir, 'WindowsUpdate.log');
    writeFileSync(p, LOG);
    const r = run(['scan', '--no-save', '--json', p], { MAX_FILE_BYTES: '8000' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { verdict: string }).verdict).toBe('affected');
  });
});

describe('hostile archives on the upload path (the built ingest, in a child process: time and peak memory)', () => {
  const CHILD = fileURLToPath(new URL('./support/upload-ingest.mjs', import.meta.url));
  const DIST = fileURLToPath(new URL('../dist', import.meta.url));
  let dir: string;
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first`);
    dir = mkdtempSync(join(tmpdir(), 'kb954960-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The upload path's ingest of `archive` under the default MAX_FILE_BYTES (100 MB): its outcome, time and peak RSS. */
  const upload = (archive: Buffer): { ms: number; maxRssMiB: number; refused?: string; message?: string; accepted?: string } => {
    const p = join(dir, `hostile-${archive.length}.zip`);
    writeFileSync(p, archive);
    const r = spawnSync(process.execPath, [CHILD, DIST, p, String(100 * 1024 * 1024), TEST_NOW], { env: childEnv(), encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as ReturnType<typeof upload>;
  };

  /** Log lines that deflate about 10× (a real log's ratio): a counter and a pseudo-random id on each. */
  const logLines = (bytes: number): Buffer => {
    const lines: string[] = [];
    let seed = 7;
    for (let n = 0, i = 0; n < bytes; i++) {
      seed = (seed * 48271) % 2147483647;
      const line = `2026-01-05\t10:00:${String(i % 60).padStart(2, '0')}:${String(i % 1000).padStart(3, '0')}\t 964\t ${seed.toString(16)}\tAgent\t  * Updates found = 0\r\n`;
      lines.push(line);
      n += line.length;
    }
    return Buffer.from(lines.join(''), 'latin1');
  };

  it('a 0.8 MB ZIP whose directory points 8 entries at one .log.gz (260 MiB gunzipped each): refused as overlapping, fast and small', () => {
    // gzip members concatenated are one gzip stream: 32 × 8 MiB of one line, ~0.8 MB compressed.
    const block = gzipSync(Buffer.from('2026-01-05\t10:00:00:000\t 964\t 1a2b\tAgent\t  * Updates found = 0\r\n'.repeat(130_000)), { level: 9 });
    const gz = Buffer.concat(Array.from({ length: 32 }, () => block));
    const archive = overlappingZip({ name: 'WindowsUpdate.log.gz', data: gz, method: 0 }, 8);
    expect(archive.length).toBeLessThan(1024 * 1024);
    const r = upload(archive);
    expect(r).toMatchObject({ refused: 'bad-archive' });
    expect(r.message).toMatch(/overlap/);
    expect(r.ms).toBeLessThan(1000);
    expect(r.maxRssMiB).toBeLessThan(150);
  });

  it('a ZIP of 1000 entries pointing at one deflated log (~6 MB each): refused as overlapping, fast and small', () => {
    const archive = overlappingZip({ name: 'WindowsUpdate.log', data: logLines(6 * 1024 * 1024) }, 1000);
    expect(archive.length).toBeLessThan(1024 * 1024);
    const r = upload(archive);
    expect(r).toMatchObject({ refused: 'bad-archive' });
    expect(r.message).toMatch(/overlap/);
    expect(r.ms).toBeLessThan(1000);
    expect(r.maxRssMiB).toBeLessThan(150);
  });
});

describe("an archive refused through the bot: the true reason, in the reader's language", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    // UJA reads Japanese (as chosen with `/kb954960 lang ja`).
    const responseUrl = t.fake.responseUrl();
    expect((await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text: 'lang ja', user_id: 'UJA', response_url: responseUrl }))).status).toBe(200);
    await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = async (channel: string, name: string, bytes: Buffer, user = 'U1'): Promise<string> => {
    const file = t.fake.fileHost.addFile({ name, bytes, mimetype: 'application/zip', filetype: 'zip' });
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user, ts: slackTs(), text: '', files: [file] }));
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
    return post.body.text as string;
  };

  it('overlapping entries: named, in English and in Japanese; nothing recorded', async () => {
    const hostile = overlappingZip({ name: 'WindowsUpdate.log', data: LOG }, 3);
    expect(await upload('CZIPEN1', 'logs.zip', hostile)).toBe(
      "logs.zip: the ZIP archive's entries WindowsUpdate.log and WindowsUpdate-1.log overlap (share the same bytes), which only a crafted archive does: refused. Zip the logs again, or send them themselves.",
    );
    expect(await upload('CZIPJA1', 'logs.zip', hostile, 'UJA')).toBe(
      'logs.zip: この ZIP のエントリ WindowsUpdate.log と WindowsUpdate-1.log が同じデータを指しています。通常の圧縮ツールでは作られない、細工された ZIP のため受け付けません。ログを圧縮し直すか、ログそのものを送ってください。',
    );
    expect(await t.storage.history.list({ limit: 5 })).toHaveLength(0);
  });

  it('65535 entries: too many entries, not "ZIP64 or split" (English and Japanese)', async () => {
    const many = zip(Array.from({ length: 65535 }, (_, i) => ({ name: `${i}.log`, data: Buffer.alloc(0), method: 0 })));
    expect(await upload('CZIPEN2', 'many.zip', many)).toBe('many.zip: the ZIP archive has 65535 entries, more than the 1000 I open. Send only the logs.');
    expect(await upload('CZIPJA2', 'many.zip', many, 'UJA')).toBe(
      'many.zip: この ZIP には 65535 個のエントリがあり、開ける上限 (1000 個) を超えています。ログだけを送ってください。',
    );
  });
});
