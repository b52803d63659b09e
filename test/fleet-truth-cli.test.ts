// The fleet view tells the truth, through the CLI as users run it (the built binary, spawned): an old log scanned
// again after the fix was recorded leaves `server` and `status` saying fixed, as the scan itself says.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { childEnv } from './support/clock.js';
import { fixturePath } from './support/fixtures.js';
import { databaseEnvFor } from './support/storage.js';

const BIN = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
let dir: string;
/** Where the CLI keeps its data: a SQLite file under dir, or the PostgreSQL database that stands for it. */
let database: Record<string, string>;
beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first (npm test does it)`);
  dir = mkdtempSync(join(tmpdir(), 'kb954960-truth-'));
  database = await databaseEnvFor(dir, 'kb.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: childEnv(database), encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

it('a 2008 log scanned again after the fixed DLL was recorded: scan, server and status all say fixed', () => {
  const log = fixturePath('client-affected.log'); // its failing sync is against wsusebc, on 2008-08-12
  expect(run(['scan', log]).code).toBe(1);
  expect(run(['server', 'wsusebc', 'dll', '3.1.6001.66']).code).toBe(0);
  const again = run(['scan', log]);
  expect(again.stdout).toMatch(/predate the fix/);
  const server = run(['server', 'wsusebc']);
  expect(server.stdout).toMatch(/^wsusebc: fixed$/m);
  expect(server.stdout).toMatch(/Last KB954960 failure \(before the fix\): 2008-08-1[23]T\d\d:15[+-]\d\d:\d\d/); // the CLI prints ISO 8601 with the status zone's offset
  const status = run(['status', '--json']);
  const json = JSON.parse(status.stdout) as { counts: Record<string, number> };
  expect(json.counts).toMatchObject({ affected: 0, fixed: 1 });
  expect(status.code).toBe(0);
});
