import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A clone is all a newcomer has: comments and strings in the product must point only inside the repo. Tracker numbers
// and files kept elsewhere say nothing to them; the reason belongs in the comment, the history in commit messages.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCANNED = ['src', 'commands', 'db', 'scripts', 'bench'];

/** What points outside the repo, each with why it is refused. */
const OUTSIDE: readonly (readonly [RegExp, string])[] = [
  [/\bissues? ?#?\d/i, 'a tracker number'],
  [/(?<![\w&])#\d{1,4}\b/, 'a tracker number'],
  [/\bDESIGN\b/, 'the design notes kept outside the repo (docs/architecture.md, docs/contract.md)'],
  [/(?<!docs\/)WU-ERRORS/i, 'a fact sheet kept outside the repo (docs/wu-errors.md)'],
  [/JA-GLOSSARY|(?<![\w-])STYLE\.md/, 'a style note kept outside the repo'],
  [/(?<!docs\/)\bKB954960\.md/i, 'a fact sheet kept outside the repo (docs/kb954960.md)'],
  // `…/RecompiledIdlHeaders/shared/winerror.h` is a path inside another project's repository, cited as a source.
  [/(?:\.\.\/)+shared\/|(?<![\w/.-])shared\/[\w.-]+\.md/, 'a file kept outside the repo'],
  [/(?<![\w.])\/work\/|\/tmp\/bash_jobs/, 'a path on the machine it was written on'],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const files = SCANNED.flatMap((dir) => filesUnder(join(ROOT, dir))).filter((f) => /\.(ts|cts|mts|js|cjs|mjs|sql)$/.test(f));

/** Every line of `files` that matches `pattern`, as `path:line: text`. */
function hits(pattern: RegExp): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('the repo stands alone', () => {
  it('scans the product: every folder is there and holds source files', () => {
    for (const dir of ['src', 'commands', 'db'])
      expect(
        files.some((f) => relative(ROOT, f).startsWith(`${dir}/`)),
        dir,
      ).toBe(true);
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(OUTSIDE.map(([pattern, why]) => [why, pattern] as const))('no comment or string points at %s (%s)', (_why, pattern) => {
    expect(hits(pattern)).toEqual([]);
  });

  it('the patterns catch what they are for', () => {
    const caught = (line: string) => OUTSIDE.some(([p]) => p.test(line));
    for (const line of [
      '// slow start (issue 13)',
      '// see #13',
      '// DESIGN "The verdict model"',
      '/* shared/KB954960.md */',
      '// ../shared/x.md',
      '// from WU-ERRORS.md',
      '// cat /work/notes.md',
    ]) {
      expect(caught(line), line).toBe(true);
    }
    for (const line of [
      '// see docs/kb954960.md',
      "path: 'generation/WinSDK/RecompiledIdlHeaders/shared/winerror.h'",
      "background: '#1d4f91'",
      'parsed.error.issues[0]',
      "import { x } from '../../work/message.js'",
      '// docs/wu-errors.md',
    ]) {
      expect(caught(line), line).toBe(false);
    }
  });

  it('every docs/ file the code points to exists', () => {
    const pointed = new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bdocs\/[\w.-]+\.md\b/g)].map((m) => m[0])));
    expect(pointed.size).toBeGreaterThan(0);
    for (const doc of pointed) expect(existsSync(join(ROOT, doc)), doc).toBe(true);
  });
});
