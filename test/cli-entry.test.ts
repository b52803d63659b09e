// The `kb954960` entry as built: dist/src/cli.js links to cli.cjs, which runs the bundled CLI (cli.bundle.cjs) with
// V8's code cache (scripts/bundle-cli.mjs). The bundle must answer exactly as the modules it was built from.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv } from './support/clock.js';
import { fixturePath, KB_CLIENT_EXAMPLE } from './support/fixtures.js';

const BIN = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const UNBUNDLED = fileURLToPath(new URL('../dist/src/cli-main.js', import.meta.url));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kb954960-entry-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(entry: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [entry, ...args], {
    input: options.input,
    env: childEnv({ DATABASE_PATH: join(dir, 'none.db'), ...options.env }),
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the kb954960 entry', () => {
  it('is a link to the CommonJS entry, which runs the bundle with a code cache V8 accepts', () => {
    expect(realpathSync(BIN)).toBe(fileURLToPath(new URL('../dist/src/cli.cjs', import.meta.url)));
    // With LOG_LEVEL=debug the entry says so when it has to compile the CLI (no cache, or one V8 rejects).
    const r = run(BIN, ['scan', '--no-save', '--json', fixturePath('client-affected.log')], { env: { LOG_LEVEL: 'debug' } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).verdict).toBe('affected');
    expect(readFileSync(fileURLToPath(new URL('../dist/src/cli.bundle.cjs', import.meta.url)), 'latin1')).toMatch(
      /^\(function \(exports, require, module, __filename, __dirname\) \{/,
    );
  });

  it.each([
    ['a text report', ['scan', '--no-save', fixturePath('client-affected.log')]],
    ['the JSON report of a client and a server log', ['scan', '--no-save', '--json', fixturePath('client-affected.log'), fixturePath('server-affected.log')]],
    ['a gzip (zlib loads on demand)', ['scan', '--no-save', '--json', fixturePath('client-affected.log.gz')]],
    ['known problems and failure codes (the code tables parse on demand)', ['scan', '--no-save', fixturePath('client-other-errors.log')]],
    ['a code', ['code', '0x8024400E', '--lang', 'ja']],
    ['bad usage', ['scan', '--no-save', '--lang', 'fr', fixturePath('client-affected.log')]],
    ['help', ['help']],
  ])('answers %s as the unbundled modules do', (_what, args) => {
    const bundled = run(BIN, args);
    const modules = run(UNBUNDLED, args);
    expect(bundled).toEqual(modules);
    expect(bundled.stdout.length + bundled.stderr.length).toBeGreaterThan(0);
  });

  it('reads stdin and answers in Japanese as the unbundled modules do', () => {
    const args = ['scan', '-', '--lang', 'ja', '--no-save'];
    const bundled = run(BIN, args, { input: KB_CLIENT_EXAMPLE });
    expect(bundled).toEqual(run(UNBUNDLED, args, { input: KB_CLIENT_EXAMPLE }));
    expect(bundled.stdout).toContain('KB954960: 該当');
  });

  it('ends quietly, exit 0, when the reader of its output has gone (`kb954960 scan … | head`)', async () => {
    const child = spawn(process.execPath, [BIN, 'scan', '--no-save', fixturePath('client-affected.log')], {
      env: childEnv({ DATABASE_PATH: join(dir, 'none.db') }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // the read end closes long before the child has started and written its report
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' }); // the report says affected: exit 1 had it been read
  });
});
