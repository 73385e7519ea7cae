// `verify --watch` and `exercise --watch`: check the answer file every time it is saved, until
// Ctrl-C. Editors save in different ways (write in place, or write a new file and rename it over
// the old one), and file events are missing on some file systems, so this watches the folder,
// waits for the writes to settle, and also polls the file's size and time as a fallback.
import chalk from 'chalk';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { fileStamp } from '../io/file-stamp.js';
import path from 'node:path';
import type { AppContext } from '../commands/context.js';
import { checkAnswer } from '../commands/verify-answer.js';
import { exerciseNumber, type ExerciseRef } from '../core/catalog.js';
import { displayPath } from '../io/paths.js';
import { renderVerdict } from './verdict-view.js';

/** Writes closer together than this are one save. */
const settleMs = 150;
const pollMs = 700;


/**
 * Checks now and after every save; resolves when `until` aborts (without it, never: Ctrl-C
 * ends the tutorial). `onResult` hears whether each check passed.
 */
export async function watchAndVerify(ctx: AppContext, ref: ExerciseRef, file: string, until?: AbortSignal, onResult?: (passed: boolean) => void): Promise<void> {
  const number = exerciseNumber(ref);
  const title = `Exercise ${number} · ${ref.exercise.id}`;
  let lastStamp = '';
  let running = false;
  let again = false;

  const check = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      lastStamp = fileStamp(file);
      const time = new Date().toLocaleTimeString();
      if (!existsSync(file)) {
        ctx.out(chalk.yellow(`[${time}] ${displayPath(file)} does not exist (yet); waiting for it to be saved.`));
        continue;
      }
      const verdict = await checkAnswer({ packDir: ctx.packDir, spareDataDir: ctx.dataDir }, ref, file);
      ctx.progress().recordExerciseAttempt(ctx.course.id, ref.lesson.id, ref.exercise.id, verdict.passed);
      ctx.out(chalk.dim(`\n── [${time}] checked ${displayPath(file)} ──`));
      ctx.out(renderVerdict(title, verdict, ctx.screen.columns, file));
      if (!verdict.passed) ctx.out(chalk.dim('\nWatching for your next save… (Ctrl-C stops)'));
      else if (!onResult) ctx.out(chalk.dim('\nPassed and saved. Keep improving it if you like; Ctrl-C stops watching.'));
      onResult?.(verdict.passed);
    } while (again);
    running = false;
  };

  let timer: NodeJS.Timeout | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (fileStamp(file) !== lastStamp) void check();
    }, settleMs);
  };

  let watcher: FSWatcher | undefined;
  try {
    // The folder, not the file: a save by rename replaces the file the watch would be on.
    watcher = watch(path.dirname(file), (_event, name) => {
      if (name === null || name === path.basename(file)) soon();
    });
    watcher.on('error', () => undefined);
  } catch {
    // No file events here (or the folder is missing): polling below still notices saves.
  }
  const poll = setInterval(() => {
    if (fileStamp(file) !== lastStamp) soon();
  }, pollMs);

  ctx.out(chalk.dim(`Watching ${displayPath(file)}: every save is checked. Ctrl-C stops.`));
  await check();
  await new Promise<void>((resolve) => {
    if (until?.aborted) resolve();
    until?.addEventListener('abort', () => resolve());
  });
  clearInterval(poll);
  clearTimeout(timer);
  watcher?.close();
}
