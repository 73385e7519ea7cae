import type { Course } from '../core/model.js';
import { lessonExercisesOf, outlineOf } from '../core/outline.js';
import { keepDerived, packCacheFile, packFingerprint, readCacheEntry, writeCacheEntry } from './pack-derived-caches.js';
import { linksLeavingPack } from './pack-boundary.js';

export interface LoadedPack {
  course: Course;
  /** Identifies this state of the pack's files; undefined when they could not be listed. */
  fingerprint: string | undefined;
}

/**
 * Loads a lesson pack, reusing the parsed form from the last run when no file of the pack has
 * changed. Parsing every lesson's YAML costs more than the rest of `list` put together, and
 * packs change far less often than learners look at them.
 */
export async function loadPack(dir: string, cacheDir: string): Promise<LoadedPack> {
  // Before the cache: a link can be swapped for one leading out without changing the pack's text.
  const leaving = linksLeavingPack(dir);
  if (leaving[0]) throw leaving[0];
  const fingerprint = packFingerprint(dir);
  const cacheFile = packCacheFile(dir, cacheDir, 'pack');
  if (fingerprint !== undefined) {
    const cached = readCacheEntry<Course>(cacheFile, fingerprint);
    if (cached) {
      keepDerivedCaches(dir, cacheDir, fingerprint, cached);
      return { course: cached, fingerprint };
    }
  }
  const { readPack } = await import('./pack-reader.js');
  const course = readPack(dir);
  if (fingerprint !== undefined) {
    writeCacheEntry(cacheFile, fingerprint, course);
    keepDerivedCaches(dir, cacheDir, fingerprint, course);
  }
  return { course, fingerprint };
}

function keepDerivedCaches(dir: string, cacheDir: string, fingerprint: string, course: Course): void {
  keepDerived(dir, cacheDir, 'outline', fingerprint, () => outlineOf(course));
  for (const lesson of course.lessons) keepDerived(dir, cacheDir, `exercises-${lesson.number}`, fingerprint, () => lessonExercisesOf(lesson));
}
