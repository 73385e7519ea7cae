// The pack's fingerprint, and the small outline cache that lets `list`, `progress` and
// `lesson --print` start without reading the whole parsed pack (src/quick.ts). Written by
// src/io/pack-cache.ts whenever it reads a pack; kept apart from it so that the quick path
// never loads the lesson parser.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CourseOutline } from '../core/model.js';
import { buildStamp, hash, readCacheFile, writeCacheFile } from './cache-files.js';
import { linksLeavingPack } from './pack-boundary.js';

/**
 * Names, sizes and modification times of the pack's files, plus what else shapes the parsed
 * result: this build and the working folder (messages name files relative to it). Undefined
 * when the folder cannot be listed: then nothing is cached.
 */
export function packFingerprint(dir: string): string | undefined {
  try {
    const files = readdirSync(dir)
      .filter((name) => name === 'course.yaml' || /^\d+-.+\.md$/.test(name))
      .sort()
      .map((name) => {
        const stat = statSync(path.join(dir, name));
        return `${name}:${stat.size}:${stat.mtimeMs}`;
      });
    return hash([buildStamp(), process.cwd(), ...files].join('\n'));
  } catch {
    return undefined;
  }
}

/** Where a pack's caches go: one name per pack folder, so packs never share entries. */
export function packCacheFile(dir: string, cacheDir: string, kind: 'pack' | 'outline'): string {
  return path.join(cacheDir, `${kind}-${hash(path.resolve(dir))}.json`);
}

/** The cached entry's value when it was written for this very fingerprint; else undefined. */
export function readCacheEntry<T>(file: string, fingerprint: string): T | undefined {
  const text = readCacheFile(file);
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as { fingerprint?: string; value?: T };
    return entry.fingerprint === fingerprint ? entry.value : undefined;
  } catch {
    return undefined;
  }
}

export function writeCacheEntry(file: string, fingerprint: string, value: unknown): void {
  writeCacheFile(file, JSON.stringify({ fingerprint, value }));
}

/** The outline of the pack in `dir` with its fingerprint, when a fresh one is cached. */
export function readCachedOutline(dir: string, cacheDir: string): { outline: CourseOutline; fingerprint: string } | undefined {
  // A pack with links leading out of it is refused by the full loader, with the reason.
  if (linksLeavingPack(dir).length > 0) return undefined;
  const fingerprint = packFingerprint(dir);
  if (fingerprint === undefined) return undefined;
  const outline = readCacheEntry<CourseOutline>(packCacheFile(dir, cacheDir, 'outline'), fingerprint);
  return outline && { outline, fingerprint };
}

/** Keeps the outline beside the full pack cache, unless an up-to-date one is there already. */
export function keepOutline(dir: string, cacheDir: string, fingerprint: string, outline: () => CourseOutline): void {
  const file = packCacheFile(dir, cacheDir, 'outline');
  if (readCacheEntry<CourseOutline>(file, fingerprint) === undefined) writeCacheEntry(file, fingerprint, outline());
}
