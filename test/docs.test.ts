import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXED_DLL_VERSION, LINKS, VERIFY_BLOCKS } from '../src/kb954960.js';
import { childEnv } from './support/clock.js';

// README and docs/ are what a newcomer trusts first: what they quote of the code must be what the code does.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const README = read('README.md');
const DOCS = readdirSync(join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`);

/** The body of the first fenced block of `lang` in `text` after `heading` (or anywhere). */
function fenced(text: string, lang: string, heading = ''): string {
  const from = text.indexOf(heading);
  const m = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(text.slice(from));
  if (from < 0 || !m) throw new Error(`no \`\`\`${lang} block after '${heading}'`);
  return m[1]!;
}

describe('README', () => {
  it('is read in three minutes: at most 150 lines, with docs/ behind it', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(150);
    expect(README).toContain('(docs/README.md)');
  });

  it('starts with the two commands: run the bot, run the tests', () => {
    const first = fenced(README, 'sh').trim().split('\n');
    expect(first[0]).toMatch(/^npm ci && npm run build && npm start\s+# run the Slack bot/);
    expect(first[1]).toMatch(/^npm ci && npm test\s+# run the tests/);
  });

  it("quotes the CLI's real reply to the sample log, line for line (… marks what it leaves out)", () => {
    const bin = join(ROOT, 'dist/src/cli.js');
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run 'npm run build' first (npm test does it)`);
    const [command, ...quoted] = fenced(README, 'text', '## A reply').trimEnd().split('\n');
    const m = /^\$ node dist\/src\/cli\.js (.+?)\s+# exit code (\d)/.exec(command!);
    expect(m, command).not.toBeNull();
    // As a newcomer runs it: a fresh database (here a temporary one), the repo as the working directory.
    const dir = mkdtempSync(join(tmpdir(), 'kb954960-readme-'));
    let r: SpawnSyncReturns<string>;
    try {
      r = spawnSync(process.execPath, [bin, ...m![1]!.split(' ')], {
        cwd: ROOT,
        env: childEnv({ DATABASE_PATH: join(dir, 'kb.db') }),
        encoding: 'utf8',
        timeout: 20_000,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(r.stderr).toBe('');
    expect(r.status).toBe(Number(m![2]));
    const printed = r.stdout.split('\n');
    let at = 0;
    for (const line of quoted) {
      if (/^\s*…/.test(line)) continue;
      const found = printed.indexOf(line, at);
      expect(found, `README quotes a line the CLI does not print (in this order): ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    expect(quoted.filter((l) => !/^\s*…/.test(l)).length).toBeGreaterThan(10);
  });
});

describe('docs/', () => {
  it('docs/verification.md shows the verification blocks exactly as the bot hands them out', () => {
    const page = read('docs/verification.md');
    expect(fenced(page, 'powershell')).toBe(`${VERIFY_BLOCKS.powershell.join('\n')}\n`);
    expect(fenced(page, 'bat')).toBe(`${VERIFY_BLOCKS.cmd.join('\n')}\n`);
  });

  it('docs/kb954960.md holds the links and the fixed build the replies state', () => {
    const page = read('docs/kb954960.md');
    for (const url of [LINKS.kb, LINKS.download.ja, LINKS.advisory.ja, LINKS.advisory.en]) expect(page).toContain(url);
    expect(page).toContain(LINKS.download.en.replace('displaylang=en', 'displaylang=ja')); // the en page: same FamilyID
    expect(page).toContain(`**${FIXED_DLL_VERSION}**`);
  });

  // Pages written on other branches at the same time; drop them from here once they are in this tree.
  const PENDING = new Set<string>();

  it('every relative link in README.md and docs/ leads to a file of the repo', () => {
    const broken: string[] = [];
    for (const page of ['README.md', ...DOCS]) {
      for (const [, target] of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!) || target!.startsWith('#')) continue;
        const path = relative(ROOT, join(ROOT, dirname(page), target!.split('#')[0]!));
        if (!existsSync(join(ROOT, path)) && !PENDING.has(path)) broken.push(`${page} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('docs/README.md indexes every page of docs/', () => {
    const index = read('docs/README.md');
    for (const page of [...DOCS, ...PENDING].filter((p) => p !== 'docs/README.md')) expect(index, page).toContain(`](${page.slice('docs/'.length)})`);
  });
});
