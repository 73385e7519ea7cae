import { statSync } from 'node:fs';

/**
 * A file's size and modification time as one string: a different stamp means the file was
 * saved (or removed: "missing"). Cheaper and steadier than file events, which editors and file
 * systems report in different ways.
 */
export function fileStamp(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return 'missing';
  }
}
