// `progress --export <file>` and `progress --import <file>`: progress of every pack, moved between
// machines as one JSON file (format in src/core/progress-export.ts). Neither needs the lesson
// pack, so they work even when the current pack is missing or broken.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildProgressExport, looksLikeProgressExport, parseProgressExport } from '../core/progress-export.js';
import { UsageError } from '../errors.js';
import { displayPath, resolveDataDir } from '../io/paths.js';
import { ProgressStore } from '../io/progress-store.js';
import type { GlobalOptions } from './context.js';

/** "-" means standard output (export) or standard input (import). */
const standardStream = '-';

function openStore(options: GlobalOptions): ProgressStore {
  return ProgressStore.open(resolveDataDir(options.dataDir), { warn: (text) => process.stderr.write(`${text}\n`) });
}

export function exportProgress(file: string, options: GlobalOptions): void {
  const store = openStore(options);
  let text: string;
  let lessons = 0;
  let packs = 0;
  try {
    const snapshot = store.exportSnapshot();
    packs = Object.keys(snapshot).length;
    lessons = Object.values(snapshot).reduce((sum, pack) => sum + Object.keys(pack).length, 0);
    text = `${JSON.stringify(buildProgressExport(snapshot, new Date()), null, 2)}\n`;
  } finally {
    store.close();
  }
  if (file === standardStream) {
    process.stdout.write(text);
    return;
  }
  const target = path.resolve(file);
  refuseToClobber(target, file);
  writeAtomically(target, text, file);
  const what = lessons === 0 ? 'no progress yet (an empty export)' : `progress of ${plural(lessons, 'lesson')} in ${plural(packs, 'pack')}`;
  process.stdout.write(`Exported ${what} to ${displayPath(target)}.\nOn the other machine: backend-intro progress --import ${quoteForShell(path.basename(target))}\n`);
}

export function importProgress(file: string, options: GlobalOptions): void {
  const source = file === standardStream ? 'standard input' : displayPath(path.resolve(file));
  const text = readSource(file, source);
  // Everything is checked before the store is even opened: a bad file changes nothing.
  const snapshot = parseProgressExport(text, source);
  const store = openStore(options);
  try {
    const { added, updated, unchanged } = store.mergeSnapshot(snapshot);
    const packIds = Object.keys(snapshot);
    const packs = packIds.length === 0 ? 'it holds no progress' : `${packIds.length === 1 ? 'pack' : 'packs'} ${packIds.join(', ')}`;
    process.stdout.write(`Imported ${source} (${packs}): ${plural(added, 'lesson')} added, ${updated} updated, ${unchanged} already up to date.\n`);
  } finally {
    store.close();
  }
}

/** Overwrites an earlier export (re-exporting is normal) but nothing else a typo might name. */
function refuseToClobber(target: string, typed: string): void {
  if (!existsSync(target)) return;
  if (statSync(target).isDirectory()) throw new UsageError(`${typed} is a folder; give a file name for the export, such as ${path.join(typed, 'progress.json')}.`);
  let text = '';
  try {
    text = readFileSync(target, 'utf8');
  } catch {
    // unreadable: treated as not an export
  }
  if (!looksLikeProgressExport(text)) {
    throw new UsageError(`${typed} already exists and is not a progress export; choose another file name, or delete it first.`);
  }
}

/** Writes beside the target and renames, so a failure never leaves half a file behind. */
function writeAtomically(target: string, text: string, typed: string): void {
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (cause) {
    rmSync(temporary, { force: true });
    const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error';
    const why = code === 'ENOENT' ? 'its folder does not exist' : code;
    throw new UsageError(`Cannot write ${typed} (${why}); choose a file in a folder you can write to.`);
  }
}

function readSource(file: string, source: string): string {
  try {
    return readFileSync(file === standardStream ? 0 : file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error';
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code;
    throw new UsageError(`Cannot read ${source} (${why}); give the file that \`backend-intro progress --export\` wrote.`);
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A file name as it can be pasted into a shell. */
function quoteForShell(name: string): string {
  return /^[\w@%+=:,./-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}
