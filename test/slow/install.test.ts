// The install paths as an operator takes them, from the build (`npm run build` first; .ci/run runs this file after
// `npm test`, with vitest.slow.config.ts: each production install builds better-sqlite3, a minute or more).
//  1. `npm pack`, then `npm install --omit=dev --offline` of the tarball into an empty directory: `kb954960 scan`
//     and `kb954960 serve` (HTTP mode against the fake Slack) from node_modules/.bin.
//  2. The Dockerfile's runtime stage replayed without a container runtime: its COPY, RUN (npm), WORKDIR, ENV and
//     USER lines in a clean directory, then its CMD, its HEALTHCHECK and its STOPSIGNAL; the same replay with one
//     COPY or RUN line left out must fail (the usual Dockerfile bug: a runtime file or dependency not in the image).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv } from '../support/clock.js';
import { get, startFakeSlack, type FakeSlack } from '../support/index.js';
import { waitUntil } from '../support/wait.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BOT_TOKEN = 'xoxb-1-install-test-bot-token';
const SECRET = 'install-test-signing-secret-0123456789';

let fake: FakeSlack;
let scratch: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/src/cli.cjs'))) throw new Error('no build: run `npm run build` first');
  fake = await startFakeSlack();
  scratch = mkdtempSync(join(tmpdir(), 'kb954960-install-'));
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await fake?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * An npm command offline, from the npm cache alone. A cache that lacks a package's metadata (a fresh CI machine's,
 * filled by `npm ci` with other requests) is completed from the registry once, and the run says so.
 */
function npmOffline(args: string[], cwd: string): { stdout: string; stderr: string; ms: number } {
  const started = performance.now();
  let r = spawnSync('npm', [...args, '--offline'], { cwd, encoding: 'utf8' });
  if (r.status !== 0 && /ENOTCACHED/.test(r.stderr)) {
    process.stdout.write(`npm ${args[0]}: the npm cache lacks some metadata; filling it from the registry once (--prefer-offline)\n`);
    r = spawnSync('npm', [...args, '--prefer-offline'], { cwd, encoding: 'utf8' });
  }
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

interface Started {
  readonly child: ChildProcess;
  readonly port: number;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** Starts `command` in HTTP mode against the fake Slack, with `env` on top. */
async function startBot(command: string[], cwd: string, env: Record<string, string>): Promise<Started> {
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(command[0]!, command.slice(1), {
    cwd,
    env: childEnv({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
      PORT: String(port),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => (children.delete(child), resolve(code))));
  return { child, port, output: () => out, exited };
}

/** Whether /healthz answers 200 before the process exits or `ms` pass. */
async function healthy(bot: Started, ms = 30_000): Promise<boolean> {
  let gone = false;
  void bot.exited.then(() => (gone = true));
  try {
    await waitUntil(
      '/healthz to answer 200',
      async () => gone || (await get(`http://127.0.0.1:${bot.port}/healthz`, 1000).catch(() => ({ status: 0 }))).status === 200,
      ms,
    );
  } catch {
    return false;
  }
  return !gone;
}

describe('npm pack → npm install --omit=dev into an empty directory', () => {
  let prefix: string;

  beforeAll(() => {
    const packDir = join(scratch, 'pack');
    mkdirSync(packDir);
    const packed = spawnSync('npm', ['pack', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' });
    expect(packed.status, packed.stderr).toBe(0);
    const tgz = readdirSync(packDir).find((f) => /^kb954960-bot-.*\.tgz$/.test(f))!;
    prefix = join(scratch, 'consumer');
    mkdirSync(prefix);
    // What docs/operations.md tells a consumer: approve better-sqlite3's install script (it builds the native module).
    writeFileSync(join(prefix, 'package.json'), JSON.stringify({ private: true, allowScripts: { 'better-sqlite3': true } }));
    const r = npmOffline(['install', '--omit=dev', '--no-audit', '--no-fund', join(packDir, tgz)], prefix);
    process.stdout.write(`install: npm install --omit=dev of the packed tarball took ${(r.ms / 1000).toFixed(1)} s\n`);
    expect(r.stderr).not.toMatch(/not yet covered by allowScripts/);
  });

  it('installs the kb954960 command, whose scan diagnoses the sample log', () => {
    const bin = join(prefix, 'node_modules/.bin/kb954960');
    expect(existsSync(bin)).toBe(true);
    const r = spawnSync(bin, ['scan', join(ROOT, 'examples/WindowsUpdate.log')], {
      cwd: prefix,
      env: childEnv({ DATABASE_PATH: join(prefix, 'data/kb954960.db') }),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^KB954960: affected/);
    expect(r.status).toBe(1);
    expect(existsSync(join(prefix, 'data/kb954960.db'))).toBe(true); // migrations shipped: the scan was saved
  });

  it('runs `kb954960 serve`, which answers /healthz and stops on SIGTERM', async () => {
    const bot = await startBot([join(prefix, 'node_modules/.bin/kb954960'), 'serve'], prefix, { DATABASE_PATH: join(prefix, 'data/serve.db') });
    expect(await healthy(bot), bot.output()).toBe(true);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});

// ── The Dockerfile, replayed ─────────────────────────────────────────────────────────────────────────────────────

interface Instruction {
  readonly op: string;
  readonly args: string;
}

/** The instructions of the Dockerfile's last stage (the image), continuation lines joined, comments dropped. */
function runtimeStage(dockerfile: string): Instruction[] {
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Instruction[][] = [];
  for (const line of lines) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (op!.toUpperCase() === 'FROM') stages.push([]);
    stages.at(-1)!.push({ op: op!.toUpperCase(), args: args! });
  }
  return stages.at(-1)!;
}

/** A CMD's or HEALTHCHECK's command: exec form (JSON) or shell form. */
function commandOf(args: string): string[] {
  return args.startsWith('[') ? (JSON.parse(args) as string[]) : ['sh', '-c', args];
}

interface Replay {
  readonly root: string;
  readonly workdir: string;
  readonly env: Record<string, string>;
  readonly stage: Instruction[];
}

/**
 * Performs the runtime stage in a fresh directory standing for the image's `/`: COPY from the build context (the
 * repository, less .dockerignore's entries) or `--from=build` (the build stage's /app is the repository after
 * `npm run build`), RUN of npm commands (offline, from the cache; or `reuseInstall`'s node_modules, to spare a
 * second native build), WORKDIR, ENV. Other RUN lines (mkdir, chown: root's work) are skipped; USER is checked.
 */
function replay(stage: Instruction[], name: string, reuseInstall?: string): Replay {
  const root = join(scratch, name);
  mkdirSync(root);
  const inImage = (p: string, cwd: string) => join(root, p.startsWith('/') ? p : join(cwd, p));
  const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').filter(Boolean);
  let workdir = '/';
  const env: Record<string, string> = {};
  for (const { op, args } of stage) {
    if (op === 'WORKDIR') {
      workdir = args.startsWith('/') ? args : join(workdir, args);
      mkdirSync(inImage(workdir, '/'), { recursive: true });
    } else if (op === 'ENV') {
      const [, k, v] = /^(\w+)[= ](.*)$/.exec(args)!;
      env[k!] = v!.startsWith('/') ? join(root, v!) : v!; // an absolute path in the image is one in the replay's root
    } else if (op === 'COPY') {
      const words = args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      const dest = paths.pop()!;
      for (const src of paths) {
        const source = from === undefined ? join(ROOT, src) : join(ROOT, src.replace(/^\/app\/?/, ''));
        if (from === undefined && ignored.some((i) => src === i || src.startsWith(`${i}/`))) throw new Error(`COPY ${src}: in .dockerignore`);
        const target = dest.endsWith('/') ? join(inImage(dest, workdir), src.split('/').pop()!) : inImage(dest, workdir);
        mkdirSync(dirname(target), { recursive: true });
        cpSync(source, target, { recursive: true, verbatimSymlinks: true });
      }
    } else if (op === 'RUN' && /^npm\s/.test(args)) {
      for (const step of args.split('&&').map((s) => s.trim())) {
        if (/^npm cache clean/.test(step)) continue;
        const [cmd, ...rest] = step.split(/\s+/);
        expect(cmd).toBe('npm');
        if (reuseInstall && rest[0] === 'ci') {
          cpSync(join(reuseInstall, 'node_modules'), join(inImage(workdir, '/'), 'node_modules'), { recursive: true, verbatimSymlinks: true });
          continue;
        }
        const r = npmOffline(rest, inImage(workdir, '/'));
        process.stdout.write(`docker replay: ${step} took ${(r.ms / 1000).toFixed(1)} s\n`);
      }
    } else if (op === 'USER') {
      expect(args).not.toMatch(/^(root|0)$/);
    }
  }
  return { root, workdir: inImage(workdir, '/'), env, stage };
}

function instruction(stage: Instruction[], op: string): Instruction | undefined {
  return stage.find((i) => i.op === op);
}

describe('the Dockerfile, its runtime stage replayed in a clean directory', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const stage = runtimeStage(dockerfile);
  let good: Replay;

  beforeAll(() => {
    good = replay(stage, 'image');
  });

  it('is a multi-stage build whose image runs as a non-root user, with the database on a volume', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(instruction(stage, 'USER')?.args).toBe('node');
    const volume = instruction(stage, 'VOLUME')!.args;
    expect(good.env.DATABASE_PATH).toBe(join(good.root, volume, 'kb954960.db'));
    expect(instruction(stage, 'STOPSIGNAL')?.args).toBe('SIGTERM');
    // Only the production dependencies: no TypeScript, no vitest in the image.
    expect(existsSync(join(good.workdir, 'node_modules/better-sqlite3'))).toBe(true);
    expect(existsSync(join(good.workdir, 'node_modules/typescript'))).toBe(false);
  });

  it('starts with its CMD, passes its HEALTHCHECK, and stops cleanly on its STOPSIGNAL', async () => {
    const bot = await startBot(commandOf(instruction(stage, 'CMD')!.args), good.workdir, good.env);
    expect(await healthy(bot), bot.output()).toBe(true);
    const check = instruction(stage, 'HEALTHCHECK')!.args.replace(/^(--\S+\s+)*CMD\s+/, '');
    const hc = spawnSync(commandOf(check)[0]!, commandOf(check).slice(1), {
      cwd: good.workdir,
      env: { ...process.env, ...good.env, PORT: String(bot.port) },
      encoding: 'utf8',
    });
    expect(hc.status, hc.stderr).toBe(0);
    expect(existsSync(good.env.DATABASE_PATH!)).toBe(true);
    bot.child.kill(instruction(stage, 'STOPSIGNAL')!.args as NodeJS.Signals);
    expect(await bot.exited).toBe(0);
  });

  // The replay would catch the usual bug: each of these lines left out, the image does not start.
  const essential = stage.filter((i) => i.op === 'COPY' || (i.op === 'RUN' && /^npm ci/.test(i.args)));
  it.each(essential.map((i) => [`${i.op} ${i.args}`, i] as const))('fails without `%s`', async (_, line) => {
    let broken: Replay;
    try {
      // Without the build output, the same install as the good image's (spares a second native build).
      broken = replay(
        stage.filter((i) => i !== line),
        `broken-${essential.indexOf(line)}`,
        /--from=/.test(line.args) ? good.workdir : undefined,
      );
    } catch (e) {
      expect(String(e)).toMatch(/npm ci .*failed/); // the image would not even build: caught as well
      return;
    }
    const cmd = commandOf(instruction(stage, 'CMD')!.args);
    const bot = await startBot(cmd, broken.workdir, broken.env);
    expect(await healthy(bot, 15_000)).toBe(false);
    bot.child.kill('SIGKILL');
    await bot.exited;
  });
});
