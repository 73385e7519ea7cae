// Loading a CommonJS bundle with V8's code cache (src/io/code-cache.ts), as src/main.ts loads the
// quick path's bundles. Each load runs in a process of its own, as in use: within one process V8
// reuses what it compiled already and never looks at the cache at all.
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let loader: string;
const bundle = () => path.join(dir, 'quick.cjs');
const cacheDir = () => path.join(dir, 'cache');

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bi-code-cache-'));
  // src/io/code-cache.ts as the build makes it: CommonJS, import.meta.url from __filename.
  const codeCache = path.join(dir, 'code-cache.cjs');
  buildSync({
    entryPoints: [path.resolve('src/io/code-cache.ts')],
    outfile: codeCache,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__importMetaUrl' },
    logLevel: 'silent',
  });
  loader = path.join(dir, 'load.cjs');
  writeFileSync(
    loader,
    `const { requireWithCodeCache } = require(${JSON.stringify(codeCache)});
const loaded = requireWithCodeCache(process.argv[2], process.argv[3]);
process.stdout.write(loaded.exports.answer(21) + ' ' + loaded.exports.dir);
loaded.keepCodeCache();`,
  );
  writeFileSync(bundle(), "const path = require('node:path');\nexports.answer = (x) => `${path.basename(__filename)}:${x * 2}`;\nexports.dir = __dirname;\n");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads the bundle in a new process with the given cache file; what it printed. */
function load(cacheFile: string): string {
  const result = spawnSync(process.execPath, [loader, bundle(), cacheFile], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout;
}

describe('requireWithCodeCache', () => {
  it('runs the file as CommonJS, with require, __filename and __dirname', () => {
    expect(load(path.join(cacheDir(), 'quick.first.v8'))).toBe(`quick.cjs:42 ${dir}`);
  });

  it('keeps the code cache once, uses it next time, and removes the caches of other builds', () => {
    const older = path.join(cacheDir(), 'quick.older.v8');
    const otherBundle = path.join(cacheDir(), 'quick-verify.older.v8');
    const cache = path.join(cacheDir(), 'quick.current.v8');
    load(older);
    load(otherBundle);
    load(cache);
    expect(statSync(cache).size).toBeGreaterThan(0);
    expect(existsSync(older)).toBe(false);
    expect(existsSync(otherBundle)).toBe(true);
    // Accepted by V8: not written again.
    const stamp = statSync(cache).mtimeMs;
    expect(load(cache)).toBe(`quick.cjs:42 ${dir}`);
    expect(statSync(cache).mtimeMs).toBe(stamp);
  });

  it('replaces a cache that V8 refuses, and still runs the code', () => {
    const cache = path.join(cacheDir(), 'quick.damaged.v8');
    load(cache);
    writeFileSync(cache, 'not bytecode');
    expect(load(cache)).toBe(`quick.cjs:42 ${dir}`);
    expect(readFileSync(cache, 'utf8')).not.toBe('not bytecode');
  });
});
