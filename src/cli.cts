#!/usr/bin/env node
/**
 * The `kb954960` command's entry: package.json's `bin` is this file's build, `dist/src/cli.cjs` (`dist/src/cli.js`, a
 * symbolic link to it for a checkout, is not in the package: npm pack leaves links out). Seeing `.cjs` (through the
 * link too), Node starts the CommonJS loader only, not the ES module loader (~10 ms and
 * ~2 MiB a run). What runs is the CLI (./cli-main.ts) bundled into one file with V8's code cache beside it
 * (scripts/bundle-cli.mjs): reading one file and deserialising its compiled code replaces resolving, reading and
 * compiling ~50 modules at every start (a scan of a small file should start like a native tool: docs/benchmarks.md).
 *
 * Without a bundle (tsc run alone), the unbundled CLI runs instead: slower to start, the same behaviour.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Module = require('node:module');
import { join } from 'node:path';
import { Script } from 'node:vm';

/** The bundle: CommonJS, ASCII only, already wrapped as `(function (exports, require, module, __filename, __dirname) {…})`. */
const BUNDLE = join(__dirname, 'cli.bundle.cjs');
/** V8's code cache for it, written by the build (KB954960_CODE_CACHE=write) after running a scan. */
const CACHE = join(__dirname, 'cli.bundle.cache');

function readOrNull(path: string, encoding?: 'latin1'): string | Buffer | null {
  try {
    return readFileSync(path, encoding);
  } catch {
    return null;
  }
}

function runBundle(): boolean {
  // latin1: the bundle is ASCII (checked by the build), so this is a plain copy into a one-byte string.
  const source = readOrNull(BUNDLE, 'latin1') as string | null;
  if (source === null) return false;
  const cachedData = (readOrNull(CACHE) as Buffer | null) ?? undefined;
  // No import() in it (the build checks): a script compiled by vm has no module loader to import with.
  const script = new Script(source, { filename: BUNDLE, cachedData });
  if (process.env.LOG_LEVEL === 'debug' && script.cachedDataRejected !== false) {
    process.stderr.write(
      `kb954960: ${cachedData ? 'the code cache was rejected (another Node version or V8 flags)' : `no code cache at ${CACHE}`}; compiling the CLI\n`,
    );
  }
  const bundle = new Module(BUNDLE, module);
  bundle.filename = BUNDLE;
  bundle.paths = module.paths;
  // The chunks loaded later (serve, the other commands) require('./cli.bundle.cjs') for what they share with it:
  // they must get this instance, not a second copy of the CLI.
  (Module as unknown as { _cache: Record<string, Module> })._cache[BUNDLE] = bundle;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(bundle.exports, bundle.exports, Module.createRequire(BUNDLE), bundle, BUNDLE, __dirname);
  bundle.loaded = true;
  // After the run, the cache holds every function the scan compiled, not only the top level.
  if (process.env.KB954960_CODE_CACHE === 'write') process.once('exit', () => writeFileSync(CACHE, script.createCachedData()));
  return true;
}

if (!runBundle()) void import('./cli-main.js');
