// The quick path of `verify <id> [file] [--json]` (built on its own as dist/quick-verify.cjs):
// finds the exercise in the cached outline and reads only its lesson's cached exercises, not
// the whole parsed pack, and runs without the command-line library or Node's ES-module loader,
// while the worker process that src/main.ts started is booting. Until the check begins,
// anything missing or unusual (no cache, an unknown exercise, an unreadable answer file) steps
// aside for the full command, which explains it; from then on it does exactly what the full
// command does, through the same code (src/commands/verify-answer.ts), and returns the exit code.
import path from 'node:path';
import { findExercise } from './core/catalog.js';
import type { QuickCommand } from './core/quick-command.js';
import { verifyAnswer, requireAnswerFile } from './commands/verify-answer.js';
import { ExitCode } from './errors.js';
import { reportError } from './error-report.js';
import { readDerived, readDerivedOf } from './io/pack-derived-caches.js';
import { exerciseFile, resolveWorkspace } from './io/paths.js';
import type { ProgressStore } from './io/progress-store.js';
import { quickSetting } from './quick-setting.js';

export async function verifyQuickly(command: Extract<QuickCommand, { name: 'verify' }>): Promise<ExitCode | undefined> {
  let store: ProgressStore | undefined;
  let committed = false;
  try {
    const { screen, packDir, dataDir, cacheDir } = quickSetting(command.globals);
    // The outline finds the exercise; then only its lesson's exercises are read in full.
    const outline = readDerived(packDir, cacheDir, 'outline');
    if (outline === undefined) return undefined;
    const found = findExercise(outline.value, command.id);
    const lesson = readDerivedOf(packDir, cacheDir, `exercises-${found.lesson.number}`, outline.fingerprint);
    const exercise = lesson?.exercises[found.lesson.exercises.indexOf(found.exercise)];
    if (lesson === undefined || exercise?.id !== found.exercise.id) return undefined;
    const ref = { lesson, exercise };
    const answerFile = command.file === undefined ? exerciseFile(resolveWorkspace(command.globals.workspace), ref.lesson.id, ref.exercise) : path.resolve(command.file);
    requireAnswerFile(answerFile, ref, command.file === undefined);

    committed = true;
    const warn = (text: string) => process.stderr.write(`${text}\n`);
    const place = {
      packId: outline.value.id,
      packDir,
      dataDir,
      columns: screen.columns,
      // Loaded only when needed: an SQL check's worker usually records the attempt itself.
      progress: async () => (store ??= (await import('./io/progress-store.js')).ProgressStore.open(dataDir, { warn })),
      out: (text = '') => process.stdout.write(`${text}\n`),
    };
    await verifyAnswer(place, ref, answerFile, command.json);
    return ExitCode.ok;
  } catch (error) {
    // Before the check began, the full command says what is wrong (in the same words).
    return committed ? reportError(error) : undefined;
  } finally {
    store?.close();
  }
}
