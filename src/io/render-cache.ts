import path from 'node:path';
import { buildStamp, hash, readCacheFile, writeCacheFile } from './cache-files.js';

/**
 * Returns text rendered earlier from exactly the same inputs, or renders and keeps it. Used for
 * Markdown rendering, whose libraries take longer to load than everything else a command does.
 * `inputs` must include everything the output depends on (text, width, colour).
 */
export async function cachedRender(cacheDir: string, inputs: unknown[], render: () => Promise<string>): Promise<string> {
  const file = path.join(cacheDir, 'rendered', `${hash(JSON.stringify([buildStamp(), ...inputs]))}.txt`);
  const cached = readCacheFile(file);
  if (cached !== undefined) return cached;
  const text = await render();
  writeCacheFile(file, text);
  return text;
}
