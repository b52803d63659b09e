// The CLI as one file with V8's code cache (start-up: docs/benchmarks.md). Run by `npm run build` after tsc, on its output:
//   dist/src/cli-main.js (ES modules, ~50 files)  →  dist/src/cli.bundle.cjs (+ cli-chunk-*.cjs, loaded on demand)
//   a scan run once  →  dist/src/cli.bundle.cache (the compiled code, read back by dist/src/cli.cjs at every start)
//   dist/src/cli.js  →  a symbolic link to cli.cjs (the entry; see src/cli.cts for why a link)
// Packages (Bolt, pino, zod, better-sqlite3, croner) stay outside, required from node_modules; only `serve` and the
// other commands load them, from their chunks, as the unbundled CLI did with import().
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { rolldown } from 'rolldown';

const OUT = 'dist/src';
const ENTRY = 'cli.bundle.cjs';
const CACHE = 'cli.bundle.cache';
const CHUNK = /^cli-chunk-.*\.cjs$/;

for (const f of readdirSync(OUT)) if (f === ENTRY || f === CACHE || CHUNK.test(f)) rmSync(join(OUT, f));

/**
 * `import.meta.url` of each module as it was before bundling (dist/src/scan/runner.js finds its worker beside it,
 * dist/db/sqlite/store.js its migrations): the bundle sits in dist/src, so each module's path is known relative to it.
 */
const importMetaUrl = {
  name: 'import-meta-url-per-module',
  transform(code, id) {
    if (!code.includes('import.meta.url')) return null;
    const path = relative(OUT, id).split(sep).join('/');
    const url = `__kbModuleUrl(__dirname + ${JSON.stringify(`/${path}`)}).href`;
    return { code: `import { pathToFileURL as __kbModuleUrl } from 'node:url';\n${code.replaceAll('import.meta.url', url)}`, map: null };
  },
};

const build = await rolldown({
  input: join(OUT, 'cli-main.js'),
  platform: 'node',
  external: (id) => !id.startsWith('.') && !isAbsolute(id),
  plugins: [importMetaUrl],
  checks: { sourcemapBroken: false },
});
await build.write({
  dir: OUT,
  format: 'cjs',
  strict: true, // the sources are ES modules: strict mode, as they ran unbundled
  entryFileNames: ENTRY,
  chunkFileNames: 'cli-chunk-[name]-[hash].cjs',
  // ASCII (non-ASCII escaped), so the entry reads it as latin1: a copy into a one-byte string, no UTF-8 decoding,
  // half the memory of the two-byte string the Japanese messages would otherwise make of all 300 KB.
  charset: 'ascii',
  comments: false,
  // import() of a package or builtin (node:worker_threads) as require(): a script compiled by vm has no module loader
  // to import with, and require() spares the CLI the ES module loader's start-up.
  dynamicImportInCjs: false,
  // The entry chunk is compiled by dist/src/cli.cjs with vm.Script (for the code cache): CommonJS's wrapper is part
  // of the file, so the source is read and compiled as is, never concatenated into a second copy.
  postBanner: (chunk) => (chunk.isEntry ? '(function (exports, require, module, __filename, __dirname) {' : ''),
  postFooter: (chunk) => (chunk.isEntry ? '\n})' : ''),
});
await build.close();

const bundle = readFileSync(join(OUT, ENTRY));
const nonAscii = bundle.findIndex((b) => b > 0x7f);
if (nonAscii !== -1) throw new Error(`${OUT}/${ENTRY} is not ASCII at byte ${nonAscii}: cli.cjs reads it as latin1`);
if (/\bimport\(/.test(bundle.toString('latin1'))) throw new Error(`${OUT}/${ENTRY} has an import(): cli.cjs compiles it with vm, which cannot import`);

const link = join(OUT, 'cli.js');
rmSync(link, { force: true }); // tsc's output of an older src/cli.ts, or the link of the last build
symlinkSync('cli.cjs', link);

// One scan (a real log: the rules, the diagnosis and the text report compile) makes the cache; no database.
const scratch = mkdtempSync(join(tmpdir(), 'kb954960-code-cache-'));
try {
  const r = spawnSync(process.execPath, [link, 'scan', '--no-save', 'examples/WindowsUpdate.log'], {
    env: { PATH: process.env.PATH, DATABASE_PATH: join(scratch, 'none.db'), KB954960_CODE_CACHE: 'write' },
    encoding: 'utf8',
  });
  if ((r.status !== 0 && r.status !== 1) || !existsSync(join(OUT, CACHE)))
    throw new Error(`the scan that makes the code cache failed (${r.status}): ${r.stderr}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
