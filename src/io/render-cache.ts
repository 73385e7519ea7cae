import path from 'node:path';
import { buildStamp, hash, readCacheFile, writeCacheFile } from './cache-files.js';

/**
 * Where text rendered from exactly these inputs is kept. `inputs` must include everything the
 * output depends on (text or the pack's fingerprint, width, colour).
 */
export function renderCacheFile(cacheDir: string, inputs: unknown[]): string {
  return path.join(cacheDir, 'rendered', `${hash(JSON.stringify([buildStamp(), ...inputs]))}.txt`);
}

/**
 * Returns text rendered earlier from exactly the same inputs, or renders and keeps it. Used for
 * Markdown rendering, whose libraries take longer to load than everything else a command does.
 */
export async function cachedRender(cacheDir: string, inputs: unknown[], render: () => Promise<string>): Promise<string> {
  const file = renderCacheFile(cacheDir, inputs);
  const cached = readCacheFile(file);
  if (cached !== undefined) return cached;
  const text = await render();
  writeCacheFile(file, text);
  return text;
}

/**
 * What `lesson --print` output depends on: the pack's files (by fingerprint), which lesson,
 * and the screen's width and colour. Keyed without the lesson's content, so the quick path
 * (src/quick.ts) can find it without loading the pack.
 */
export function printedLessonInputs(packFingerprint: string, lessonId: string, screen: { columns: number; color: boolean }): unknown[] {
  return ['lesson --print', packFingerprint, lessonId, screen.columns, screen.color];
}
