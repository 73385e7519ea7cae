// Small helpers for the caches in <data dir>/cache: content-addressed files that only ever cost
// speed when missing or unreadable, never correctness.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function hash(text: string): string {
  // Two 32-bit FNV-1a hashes with different seeds: enough to tell cache entries apart, and
  // unlike node:crypto (a few milliseconds to load) free at start-up, where every command pays.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

declare const __BUILD_ID__: string | undefined;

/**
 * Identifies this build of the tool: a cache written by another build (whose parser or
 * renderer may differ) must not be trusted. scripts/build.mjs sets one id for every file of a
 * build, so the quick path (dist/quick.cjs) and the full one (dist/*.js) share their caches;
 * tests running the sources use this file's own time stamp.
 */
export function buildStamp(): string {
  if (typeof __BUILD_ID__ === 'string') return __BUILD_ID__;
  const self = fileURLToPath(import.meta.url);
  try {
    return `${self}:${statSync(self).mtimeMs}`;
  } catch {
    return self;
  }
}

export function readCacheFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function readCacheBytes(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

export function writeCacheFile(file: string, content: string | Uint8Array): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch {
    // A read-only data folder only means the next run does the work again.
  }
}
