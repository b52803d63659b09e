import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { childEnv, TEST_NOW } from './support/clock.js';
import { startFakeSlack } from './support/index.js';
import { databaseEnvFor } from './support/storage.js';

// The CLI is tested as users run it: the built binary, spawned. `npm test` builds first (pretest).
const BIN = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const DOWNLOAD_EN = 'http://www.microsoft.com/downloads/details.aspx?displaylang=en&FamilyID=6aa8a49d-170c-4077-8b9b-61f7bf5a1281';
const DOWNLOAD_JA = 'http://www.microsoft.com/downloads/details.aspx?displaylang=ja&FamilyID=6aa8a49d-170c-4077-8b9b-61f7bf5a1281';

let dir: string;
/** Where the CLI keeps its data: a SQLite file under dir, or the PostgreSQL database that stands for it. */
let database: Record<string, string>;
beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first (npm test does it)`);
  dir = mkdtempSync(join(tmpdir(), 'kb954960-cli-'));
  database = await databaseEnvFor(join(dir, 'data'), 'kb.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input,
    env: childEnv({ ...database, ...options.env }),
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** About 5 KB: routine WindowsUpdate.log lines, then the KB's client example (server wsusebc). */
function fiveKbText(): string {
  const routine = Array.from(
    { length: 40 },
    (_, i) => `2008-08-12\t09:14:${String(i % 60).padStart(2, '0')}:000\t 940\tf54\tAgent\t** END **  Agent: Finding updates [CallerId = AutomaticUpdates]`,
  );
  const text = `${[...routine, KB_CLIENT_EXAMPLE].join('\r\n')}\r\n`;
  const bytes = Buffer.byteLength(text);
  if (bytes < 4000 || bytes > 6000) throw new Error(`fiveKbText is ${bytes} bytes`);
  return text;
}

function fiveKbLog(): string {
  const p = join(dir, 'five-kb.log');
  writeFileSync(p, fiveKbText());
  return p;
}

function historyCount(): number {
  const r = run(['history', '--json', '--limit', '1000']);
  return (JSON.parse(r.stdout) as unknown[]).length;
}

describe('kb954960 scan', () => {
  it("prints affected and the download link for the seed's client text, exit 1", () => {
    const r = run(['scan', fixturePath('seed-run-together.txt')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('KB954960: affected');
    expect(r.stdout).toContain(DOWNLOAD_EN);
    expect(r.stderr).toBe('');
  });

  it('a client line logging HTTP status code = 401 beside a Win32 HRESULT is a known problem: exit 1 and its first step', () => {
    const r = run(['scan', '--no-save', fixturePath('excerpts/sus-blog-http-401.log')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /Other problems found \(not KB954960\):\n {2}- 401\/403 on the WSUS virtual directories \(lines 2\)\n[^\n]*\n {4}First step: Check the IIS authentication settings/,
    );
  });

  it('a failure that is not KB954960 leads with that failure, as the Slack reply does (no KB954960 download to bury it)', () => {
    const r = run(['scan', '--no-save', fixturePath('client-503.log')]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('Not KB954960 — WSUS application pool stopped or recycling (HTTP 503)');
    expect(r.stdout).toContain('First step: Start the WsusPool application pool');
    expect(r.stdout).not.toContain('Download KB954960');
  });

  it('an affected log gets the KB954960 steps only: no second "first step" for its incidental codes', () => {
    const r = run(['scan', '--no-save', fixturePath('client-affected.log')]);
    expect(r.stdout).toMatch(/^KB954960: affected/);
    expect(r.stdout).toContain('0x80242013'); // explained as a code, with no step of its own
    expect(r.stdout).not.toContain('Collect what explains it');
  });

  it('failure codes no known problem explains: the first step says what to collect', () => {
    const r = run(['scan', '--no-save', fixturePath('excerpts/wpp-install-0x80240022.log')]);
    expect(r.stdout).toMatch(/First step: Collect what explains it: [^\n]*`Get-WindowsUpdateLog`/);
  });

  it('prints the JSON contract of docs/contract.md', () => {
    const r = run(['scan', '--json', '--no-save', fixturePath('client-affected.log')]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['actions', 'errors', 'findings', 'kb', 'lang', 'links', 'notes', 'problems', 'server', 'server_state', 'verdict']);
    // KB954960's own code is listed among the errors, and is no other problem; it failed the sync, so it comes first
    expect(out.errors.map((e: { code: string }) => e.code)).toEqual(['0x8024400E', '0x80242013']);
    expect(out.errors[0]).toEqual({
      code: '0x8024400E',
      name: 'WU_E_PT_SOAP_SERVER',
      meaning: expect.stringContaining('SOAP_E_SERVER'),
      count: 4,
      lines: [153, 160, 161, 162],
    });
    expect(out.problems).toEqual([]);
    expect(out).toMatchObject({ verdict: 'affected', kb: 'KB954960', server: 'wsusebc', lang: 'en' });
    expect(out.links).toEqual({
      download: DOWNLOAD_EN,
      kb: 'http://support.microsoft.com/kb/954960/',
      advisory: 'https://learn.microsoft.com/en-us/security-updates/securityadvisories/2008/954960',
    });
    const fault = out.findings.find((f: { rule: string }) => f.rule === 'client-soap-fault-0x000190');
    expect(fault).toEqual({
      rule: 'client-soap-fault-0x000190',
      source: 'WindowsUpdate.log',
      line: 154,
      text: expect.stringContaining('SOAP Fault: 0x000190'),
      fields: {},
    });
    expect(out.actions.length).toBeGreaterThan(0);
    expect(out.actions.every((a: unknown) => typeof a === 'string')).toBe(true);
  });

  it.each(['client-affected-utf16le.log', 'client-affected.log.gz', 'server-affected.log'])('reads %s', (name) => {
    const r = run(['scan', '--json', '--no-save', fixturePath(name)]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).verdict).toBe('affected');
  });

  it('exits 0 for a healthy log; 1 for a log that is not KB954960 but fails for a known reason', () => {
    expect(run(['scan', '--no-save', fixturePath('client-healthy.log')]).code).toBe(0);
    const r = run(['scan', '--json', '--no-save', fixturePath('client-other-errors.log')]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.verdict).toBe('clean');
    expect(out.problems.map((p: { id: string }) => p.id)).toContain('wsus-app-pool-503');
    for (const e of out.errors) {
      expect(Object.keys(e).sort()).toEqual(['code', 'count', 'lines', 'meaning', 'name']);
      expect(e.code).toMatch(/^0x[0-9A-F]{8}$/);
    }
    for (const p of out.problems) expect(Object.keys(p).sort()).toEqual(['actions', 'cause', 'codes', 'evidence', 'id', 'links', 'needs_action', 'title']);
    // the text output leads with the failure that explains it (no KB954960 evidence: KB954960 does not come first)
    const text = run(['scan', '--no-save', fixturePath('client-other-errors.log')]).stdout;
    expect(text.indexOf('Not KB954960 — InvalidParameters')).toBe(0);
    // What failed the sync first: its SyncUpdates failure (0x80244007, InvalidParameters), then the 503.
    expect(text).toMatch(/Other problems found \(not KB954960\):\n {2}- InvalidParameters[^\n]*\n[\s\S]*\n {2}- WSUS application pool/);
    expect(text).toMatch(/Failure codes in the input:[\s\S]*0x80244022 WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL/);
  });

  it('exits 0 for a failure that the source says clears by itself (0x80244010), still explaining it', () => {
    const r = run(['scan', '--json', '--no-save', '-'], { input: 'PT WARNING: SyncServerUpdatesInternal failed: 0x80244010\n' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).problems).toMatchObject([{ id: 'max-server-round-trips', needs_action: false, evidence: [1] }]);
  });

  it('lists an unknown code with name null', () => {
    const r = run(['scan', '--json', '--no-save', '-'], { input: 'Agent  WARNING: failed, hr = 0x80991234\n' });
    expect(JSON.parse(r.stdout).errors).toEqual([
      { code: '0x80991234', name: null, meaning: expect.stringMatching(/^Not in the bot's code tables/), count: 1, lines: [1] },
    ]);
    expect(r.code).toBe(0);
  });

  it('reads stdin with - and answers in Japanese with --lang ja', () => {
    const r = run(['scan', '-', '--lang', 'ja', '--no-save'], { input: KB_CLIENT_EXAMPLE });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('KB954960: 該当');
    expect(r.stdout).toContain(DOWNLOAD_JA);
  });

  it('joins a client log and a server log of the same failure', () => {
    const r = run(['scan', '--json', '--no-save', fixturePath('client-affected.log'), fixturePath('server-affected.log')]);
    const out = JSON.parse(r.stdout);
    expect(out.verdict).toBe('affected');
    expect(out.notes.join(' ')).toContain('c0a7445f-b989-43fa-ac20-11f8ca65fa8c');
  });

  it('records what it scanned unless --no-save', () => {
    const before = historyCount();
    run(['scan', fixturePath('client-affected.log')]);
    expect(historyCount()).toBe(before + 1);
    run(['scan', '--no-save', fixturePath('client-affected.log')]);
    expect(historyCount()).toBe(before + 1);
  });

  describe('local input of any size: MAX_FILE_BYTES caps Slack downloads, not the CLI', () => {
    it('scans a 5 KB log file with MAX_FILE_BYTES=1000', () => {
      const r = run(['scan', '--no-save', '--json', fiveKbLog()], { env: { MAX_FILE_BYTES: '1000' } });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'affected', server: 'wsusebc' });
    });

    it('scans the same log from stdin with MAX_FILE_BYTES=1000', () => {
      const r = run(['scan', '--no-save', '--json', '-'], { input: fiveKbText(), env: { MAX_FILE_BYTES: '1000' } });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'affected', server: 'wsusebc' });
    });

    it('scans it under a --max-bytes it fits in', () => {
      const r = run(['scan', '--no-save', '--max-bytes', String(Buffer.byteLength(fiveKbText())), fiveKbLog()], { env: { MAX_FILE_BYTES: '1000' } });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
    });
  });

  describe('bad input: one line on stderr, exit 2, nothing recorded', () => {
    const badDir = () => {
      const d = join(dir, 'a-directory');
      mkdirSync(d, { recursive: true });
      return d;
    };
    const binary = () => {
      const p = join(dir, 'image.png');
      writeFileSync(p, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4096, 7)]));
      return p;
    };
    const bigZip = () => {
      const p = join(dir, 'logs.zip');
      writeFileSync(p, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(4096, 7)])); // only its size matters
      return p;
    };
    const cases: [string, () => { args: string[]; env?: Record<string, string>; input?: string }, RegExp][] = [
      ['a missing file', () => ({ args: ['scan', join(dir, 'nope.log')] }), /nope\.log: no such file/],
      ['a directory', () => ({ args: ['scan', badDir()] }), /is a directory/],
      ['a binary file', () => ({ args: ['scan', binary()] }), /image\.png: .*(not|binary)/i],
      [
        'a file over --max-bytes',
        () => ({ args: ['scan', '--max-bytes', '1000', fiveKbLog()] }),
        /five-kb\.log: The file is larger than the 1000 bytes limit \(--max-bytes\)/,
      ],
      [
        'stdin over --max-bytes',
        () => ({ args: ['scan', '--max-bytes', '1000', '-'], input: fiveKbText() }),
        /stdin: The file is larger than the 1000 bytes limit \(--max-bytes\)/,
      ],
      [
        'a --max-bytes that is not a number',
        () => ({ args: ['scan', '--max-bytes', '1M', fiveKbLog()] }),
        /^kb954960: --max-bytes must be a positive whole number of bytes \(got '1M'\)$/m,
      ],
      ['a --max-bytes of 0', () => ({ args: ['scan', '--max-bytes', '0', fiveKbLog()] }), /--max-bytes must be a positive whole number of bytes \(got '0'\)/],
      [
        'a negative --max-bytes',
        () => ({ args: ['scan', '--max-bytes=-5', fiveKbLog()] }),
        /--max-bytes must be a positive whole number of bytes \(got '-5'\)/,
      ],
      [
        'a ZIP archive over --max-bytes',
        () => ({ args: ['scan', '--max-bytes', '1000', bigZip()] }),
        /logs\.zip: The file is larger than the 1000 bytes limit \(--max-bytes\)/,
      ],
      ['a --max-bytes without a value', () => ({ args: ['scan', fiveKbLog(), '--max-bytes'] }), /Option '--max-bytes <value>' argument missing/],
      ['an unknown flag', () => ({ args: ['scan', '--frobnicate', fixturePath('client-affected.log')] }), /Unknown option '--frobnicate'/],
      ['an unknown command', () => ({ args: ['scna'] }), /unknown command 'scna'/],
      ['a bad --lang', () => ({ args: ['scan', '--lang', 'fr', fixturePath('client-affected.log')] }), /--lang must be en or ja/],
      [
        'a bad environment variable',
        () => ({ args: ['scan', fixturePath('client-affected.log')], env: { BOT_LANG: 'fr' } }),
        /^kb954960: BOT_LANG: must be en or ja$/m,
      ],
      [
        'a bad KB954960_NOW',
        () => ({ args: ['scan', fixturePath('client-affected.log')], env: { KB954960_NOW: 'yesterday' } }),
        /^kb954960: KB954960_NOW: must be an ISO date-time/m,
      ],
    ];
    it.each(cases)('%s', (_name, make, message) => {
      const before = historyCount();
      const { args, env, input } = make();
      const r = run(args, { env, input });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).toBe('');
      expect(historyCount()).toBe(before);
    });
  });
});

describe('kb954960 code', () => {
  it.each([['0x80244022'], ['80244022'], ['0x80244022'.toLowerCase()], ['-2145107934']])('explains %s and names its known problem', (arg) => {
    const r = run(['code', arg]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^0x80244022 WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL — Same as HTTP status 503/);
    expect(r.stdout).toContain('Known problem: WSUS application pool stopped or recycling (HTTP 503)');
  });

  it("explains E_ACCESSDENIED in Windows' own words and names its facility, in both languages", () => {
    expect(run(['code', '0x80070005']).stdout.split('\n').slice(0, 2)).toEqual([
      '0x80070005 E_ACCESSDENIED — General access denied error',
      'Facility: Win32 (FACILITY_WIN32 = 7)',
    ]);
    const ja = run(['code', '0x80070005', '--lang', 'ja']);
    expect(ja.code).toBe(0);
    expect(ja.stdout.split('\n').slice(0, 2)).toEqual(['0x80070005 E_ACCESSDENIED — アクセスが拒否されました。', 'ファシリティ: Win32 (FACILITY_WIN32 = 7)']);
  });

  it('answers in JSON and in Japanese', () => {
    const r = run(['code', '0x8024400e', '--json', '--lang', 'ja']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ code: '0x8024400E', name: 'WU_E_PT_SOAP_SERVER', failure: true, kb954960: true, problems: [] });
    expect(out.meaning).toMatch(/[\u3040-\u30ff]/);
  });

  it.each([[['code', 'zzz']], [['code']], [['code', '0x80244022', '0x80244007']], [['code', '12']]])('bad input %j: one clear line, exit 2', (args) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kb954960: [^\n]+\n$/);
  });
});

describe('kb954960 server and history', () => {
  it('records a DLL version and reports the state', () => {
    expect(run(['server', 'wsus77', 'dll', '3.1.6001.65']).code).toBe(0);
    let out = JSON.parse(run(['server', 'wsus77', '--json']).stdout);
    expect(out).toMatchObject({ server: 'wsus77', state: 'vulnerable' });
    run(['server', 'WSUS77', 'dll', '3.1.6001.66']);
    out = JSON.parse(run(['server', 'wsus77', '--json']).stdout);
    expect(out.state).toBe('fixed');
  });

  it('refuses a malformed version with the reason, exit 2', () => {
    const r = run(['server', 'wsus77', 'dll', 'latest']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'latest' is not a version");
    expect(run(['server', 'wsus77', 'dll']).stderr).toContain('usage: server NAME');
  });

  it('accepts a URL and a v-prefixed version; refuses an implausible version and records nothing', () => {
    expect(run(['server', 'http://WSUS78:8530/ClientWebService/client.asmx', 'dll', 'v3.1.6001.66']).code).toBe(0);
    expect(JSON.parse(run(['server', 'wsus78', '--json']).stdout)).toMatchObject({ server: 'wsus78', state: 'fixed', facts: { dllVersion: '3.1.6001.66' } });
    const r = run(['server', 'wsus79', 'dll', '99.0.0.1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'99.0.0.1' is not a WSUS build");
    expect(r.stderr).not.toContain('    at ');
    expect(JSON.parse(run(['server', 'wsus79', '--json']).stdout)).toMatchObject({ known: false });
  });

  it('a short name and its FQDN are one server in history and server, from either name', () => {
    run(['scan', '--server', 'wsus80', fixturePath('seed-run-together.txt')], { env: { KB954960_NOW: '2026-11-20T00:00:00Z' } });
    run(['scan', '--server', 'http://WSUS80.corp.example:8530/', fixturePath('seed-run-together.txt')], { env: { KB954960_NOW: '2026-11-20T00:01:00Z' } });
    run(['server', 'wsus80.corp.example', 'wsus', '3.1.6001.65']);
    const short = JSON.parse(run(['history', '--json', '--server', 'wsus80']).stdout) as { id: number }[];
    const fqdn = JSON.parse(run(['history', '--json', '--server', 'wsus80.corp.example']).stdout) as { id: number }[];
    expect(short).toHaveLength(2);
    expect(fqdn.map((e) => e.id)).toEqual(short.map((e) => e.id));
    expect(JSON.parse(run(['server', 'WSUS80', '--json']).stdout)).toMatchObject({ server: 'wsus80', aliases: ['wsus80.corp.example'], state: 'vulnerable' });
    // another domain is another server
    run(['scan', '--server', 'wsus80.lab.example', fixturePath('seed-run-together.txt')], { env: { KB954960_NOW: '2026-11-20T00:02:00Z' } });
    expect(JSON.parse(run(['history', '--json', '--server', 'wsus80']).stdout)).toHaveLength(2);
    expect(JSON.parse(run(['history', '--json', '--server', 'wsus80.lab.example']).stdout)).toHaveLength(1);
  });

  it('records at the time of the clock it is given (KB954960_NOW), not at the system date', () => {
    run(['scan', '--server', 'clock-1', fixturePath('seed-run-together.txt')]);
    run(['scan', '--server', 'clock-2', fixturePath('seed-run-together.txt')], { env: { KB954960_NOW: '2021-01-02T03:04:05Z' } });
    const at = (server: string) => (JSON.parse(run(['history', '--json', '--server', server]).stdout) as { createdAt: string }[])[0]!.createdAt;
    expect(at('clock-1').slice(0, 15)).toBe(TEST_NOW.slice(0, 15)); // the tests' default clock
    expect(at('clock-2').slice(0, 16)).toBe('2021-01-02T03:04');
  });

  it('lists history newest first, filtered by server', () => {
    // Each process's clock starts where it is told: one minute apart, later than anything else this file records.
    run(['scan', '--server', 'hist-1', fixturePath('seed-run-together.txt')], { env: { KB954960_NOW: '2026-11-26T00:00:00Z' } });
    run(['scan', '--server', 'hist-2', fixturePath('seed-run-together.txt')], { env: { KB954960_NOW: '2026-11-26T00:01:00Z' } });
    const all = JSON.parse(run(['history', '--json']).stdout);
    expect(all[0].server).toBe('hist-2');
    const one = JSON.parse(run(['history', '--json', '--server', 'hist-1']).stdout);
    expect(one.map((e: { server: string }) => e.server)).toEqual(['hist-1']);
  });
});

describe('kb954960 serve', () => {
  // Async spawn: the fake Slack answers from this process while the child waits on it.
  const serve = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'serve'], { env: childEnv({ ...database, LOG_LEVEL: 'silent', ...env }) });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });

  it('without any Slack settings, says what to set and how to try the CLI meanwhile, exit 2', async () => {
    const r = await serve({});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SLACK_BOT_TOKEN');
    expect(r.stderr).toContain('manifest.yml');
    expect(r.stderr).toContain('scan examples/WindowsUpdate.log');
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(10);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('the sample log the README points newcomers to is diagnosed affected', () => {
    const r = run(['scan', '--no-save', fileURLToPath(new URL('../examples/WindowsUpdate.log', import.meta.url))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('KB954960: affected');
  });

  it('says in one line that Slack refused the token, exit 2', async () => {
    const fake = await startFakeSlack({ botToken: 'xoxb-the-right-one' });
    try {
      const r = await serve({ SLACK_BOT_TOKEN: 'xoxb-a-wrong-one', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.apiUrl, PORT: '0', HOST: '127.0.0.1' });
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(
        'kb954960: SLACK_BOT_TOKEN: Slack refused it (invalid_auth); copy the Bot User OAuth Token again from "OAuth & Permissions"',
      );
    } finally {
      await fake.close();
    }
  });

  it('says in one line that Slack cannot be reached, exit 2', async () => {
    const r = await serve({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'http://127.0.0.1:9/api/', PORT: '0', HOST: '127.0.0.1' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('kb954960: SLACK_API_URL: cannot reach Slack at http://127.0.0.1:9/api/');
  });
});
