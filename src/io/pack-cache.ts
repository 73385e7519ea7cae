import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Course } from '../core/model.js';
import { buildStamp, hash, readCacheFile, writeCacheFile } from './cache-files.js';
import { linksLeavingPack } from './pack-boundary.js';

/**
 * Loads a lesson pack, reusing the parsed form from the last run when no file of the pack has
 * changed. Parsing every lesson's YAML costs more than the rest of `list` put together, and
 * packs change far less often than learners look at them.
 */
export async function loadPack(dir: string, cacheDir: string): Promise<Course> {
  // Before the cache: a link can be swapped for one leading out without changing the pack's text.
  const leaving = linksLeavingPack(dir);
  if (leaving[0]) throw leaving[0];
  const fingerprint = packFingerprint(dir);
  const cacheFile = path.join(cacheDir, `pack-${hash(path.resolve(dir))}.json`);
  if (fingerprint !== undefined) {
    const cached = parseEntry(readCacheFile(cacheFile), fingerprint);
    if (cached) return cached;
  }
  const { readPack } = await import('./pack-reader.js');
  const course = readPack(dir);
  if (fingerprint !== undefined) writeCacheFile(cacheFile, JSON.stringify({ fingerprint, course }));
  return course;
}

/**
 * Names, sizes and modification times of the pack's files, plus what else shapes the parsed
 * result: this build and the working folder (messages name files relative to it). Undefined
 * when the folder cannot be listed: then nothing is cached.
 */
function packFingerprint(dir: string): string | undefined {
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

function parseEntry(text: string | undefined, fingerprint: string): Course | undefined {
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as { fingerprint?: string; course?: Course };
    return entry.fingerprint === fingerprint ? entry.course : undefined;
  } catch {
    return undefined;
  }
}
