// Small helpers for the caches in <data dir>/cache: content-addressed files that only ever cost
// speed when missing or unreadable, never correctness.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 20);
}

/**
 * Identifies this build of the tool: a cache written by another build (whose parser or
 * renderer may differ) must not be trusted.
 */
export function buildStamp(): string {
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

export function writeCacheFile(file: string, content: string): void {
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
