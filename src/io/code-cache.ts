// Loads a CommonJS bundle with V8's code cache: the bytecode V8 compiled for it on an earlier
// run, kept in the data folder's cache. Compiling dist/quick.cjs is the largest single cost of
// a quick `list` (Node 20 has no module.enableCompileCache; that arrived in Node 22). V8 checks
// the cache against its own version and flags and ignores one that does not fit, but of the
// source it checks only the length: the file name carries this build's id, so a cache never
// meets another build's code.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { readCacheBytes, writeCacheFile } from './cache-files.js';

export interface CachedModule<T> {
  exports: T;
  /** Saves the code cache when there was none or V8 refused it; call after using the module, so it covers what ran. */
  keepCodeCache(): void;
}

export function requireWithCodeCache<T>(file: string, cacheFile: string): CachedModule<T> {
  const cachedData = readCacheBytes(cacheFile);
  // The same wrapper Node puts around a CommonJS module.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    keepCodeCache: () => {
      if (cachedData !== undefined && script.cachedDataRejected !== true) return;
      writeCacheFile(cacheFile, script.createCachedData());
      removeOlderCaches(cacheFile);
    },
  };
}

/** Other builds' caches of the same bundle (<name>.<other build>.v8) are of no more use. */
function removeOlderCaches(cacheFile: string): void {
  const dir = path.dirname(cacheFile);
  const name = path.basename(cacheFile);
  const bundle = name.slice(0, name.indexOf('.') + 1);
  try {
    for (const other of readdirSync(dir)) {
      if (other !== name && other.startsWith(bundle) && other.endsWith('.v8')) rmSync(path.join(dir, other), { force: true });
    }
  } catch {
    // a cache folder that cannot be listed only keeps a few stale files
  }
}
