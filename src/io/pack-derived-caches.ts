// The pack's fingerprint, and the small caches derived from the parsed pack that let the quick
// path start without reading all of it: the outline for `list`, `progress` and `lesson
// --print` (src/quick.ts), the exercises for `verify` (src/quick-verify.ts). Written by
// src/io/pack-cache.ts whenever it reads a pack; kept apart from it so that the quick path
// never loads the lesson parser.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CourseOutline, LessonExercises } from '../core/model.js';
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
export function packCacheFile(dir: string, cacheDir: string, kind: 'pack' | DerivedKind): string {
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
  writeCacheFile(file, entryHead(fingerprint) + JSON.stringify(value) + '}');
}

/** How every entry written for this fingerprint begins. */
const entryHead = (fingerprint: string) => `{"fingerprint":${JSON.stringify(fingerprint)},"value":`;

/**
 * Whether the file holds an entry written for this fingerprint, from its first bytes: cheaper
 * than parsing it (the pack cache is some 750 kB), and as sure, because entries are only
 * ever written whole (a temporary file renamed into place).
 */
function holdsEntryFor(file: string, fingerprint: string): boolean {
  const head = Buffer.from(entryHead(fingerprint));
  const start = Buffer.alloc(head.length);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    return readSync(fd, start, 0, start.length, 0) === start.length && start.equals(head);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The caches derived from the parsed pack: the outline, and each lesson's exercises in full
 * under the lesson's number (`exercises-3`): a check reads only its own lesson's.
 */
export type DerivedKind = 'outline' | `exercises-${number}`;
type Derived<K extends DerivedKind> = K extends 'outline' ? CourseOutline : LessonExercises;

/** A derived cache of the pack in `dir` with the pack's fingerprint, when a fresh one is kept. */
export function readDerived<K extends DerivedKind>(dir: string, cacheDir: string, kind: K): { value: Derived<K>; fingerprint: string } | undefined {
  // A pack with links leading out of it is refused by the full loader, with the reason.
  if (linksLeavingPack(dir).length > 0) return undefined;
  const fingerprint = packFingerprint(dir);
  if (fingerprint === undefined) return undefined;
  const value = readDerivedOf<K>(dir, cacheDir, kind, fingerprint);
  return value && { value, fingerprint };
}

/** Another derived cache of the same state of the pack: `fingerprint` is what readDerived gave. */
export function readDerivedOf<K extends DerivedKind>(dir: string, cacheDir: string, kind: K, fingerprint: string): Derived<K> | undefined {
  return readCacheEntry<Derived<K>>(packCacheFile(dir, cacheDir, kind), fingerprint);
}

/** Keeps a derived cache beside the full pack cache, unless an up-to-date one is there already. */
export function keepDerived<K extends DerivedKind>(dir: string, cacheDir: string, kind: K, fingerprint: string, derive: () => Derived<K>): void {
  const file = packCacheFile(dir, cacheDir, kind);
  if (!holdsEntryFor(file, fingerprint)) writeCacheEntry(file, fingerprint, derive());
}
