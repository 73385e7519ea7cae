// Checking an answer file and reporting the verdict: shared by `verify` (src/commands/verify.ts),
// its quick path (src/quick-verify.ts), `--watch` and the code exercise screen. Kept free of
// the pack loader so that the quick path can bundle it alone.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { exerciseNumber, type ExerciseRef, type LessonWithExercises } from '../core/catalog.js';
import type { Verdict } from '../core/verdict.js';
import { CheckFailedError, UsageError } from '../errors.js';
import { displayPath } from '../io/paths.js';
import type { ProgressStore } from '../io/progress-store.js';
import { renderVerdict, verdictJson } from '../ui/verdict-view.js';

/** Where a verdict is recorded and shown: the full command's context, or the quick path's. */
export interface VerifyPlace {
  packId: string;
  packDir: string;
  /** Where spare workers wait, for checks that may use one (src/io/spare-workers.ts). */
  spareDataDir?: string;
  columns: number;
  progress(): ProgressStore;
  out(text?: string): void;
}

/**
 * Checks the answer, records the attempt, and prints the verdict (as JSON with `json`). Throws
 * CheckFailedError (exit 1, nothing more to say) when it did not pass.
 */
export async function verifyAnswer(place: VerifyPlace, ref: ExerciseRef<LessonWithExercises>, answerFile: string, json: boolean): Promise<void> {
  // Opened first: the worker process is starting meanwhile, so this costs no time.
  const progress = place.progress();
  const verdict = await checkAnswer(place, ref, answerFile);
  progress.recordExerciseAttempt(place.packId, ref.lesson.id, ref.exercise.id, verdict.passed);
  const number = exerciseNumber(ref);
  if (json) place.out(JSON.stringify(verdictJson(number, `${ref.lesson.id}/${ref.exercise.id}`, verdict), null, 2));
  else place.out(renderVerdict(`Exercise ${number} · ${ref.exercise.id}`, verdict, place.columns, answerFile));
  if (!verdict.passed) throw new CheckFailedError('');
}

/** Checks the answer in `answerFile` in the right sandbox for the exercise's type. */
export async function checkAnswer(ctx: { packDir: string; spareDataDir?: string }, ref: ExerciseRef<LessonWithExercises>, answerFile: string): Promise<Verdict> {
  const { exercise } = ref;
  if (exercise.type === 'sql') {
    const [{ takeSqlRunner }, { checkSqlExercise }] = await Promise.all([import('../io/sql-runner.js'), import('../io/sql-check.js')]);
    const runner = takeSqlRunner(ctx.spareDataDir);
    try {
      return await checkSqlExercise(runner, ctx.packDir, exercise, readFileSync(answerFile, 'utf8'));
    } finally {
      runner.close();
    }
  }
  const [{ takeCodeRunner }, { checkHttpExercise, checkJsExercise }] = await Promise.all([import('../io/code-runner.js'), import('../io/code-check.js')]);
  const runner = takeCodeRunner(ctx.spareDataDir);
  try {
    if (exercise.type === 'http') return await checkHttpExercise(runner, ctx.packDir, { label: exerciseNumber(ref), lessonFile: ref.lesson.file }, exercise, answerFile);
    return await checkJsExercise(runner, exercise, answerFile);
  } finally {
    runner.close();
  }
}

/** The answer file must exist and be a readable file; says what to do when not. */
export function requireAnswerFile(file: string, ref: ExerciseRef<LessonWithExercises>, isDefault: boolean): void {
  const number = exerciseNumber(ref);
  try {
    if (!statSync(file).isFile()) throw new UsageError(`${displayPath(file)} is a folder, not a file; name the file with your answer.`);
    accessSync(file, constants.R_OK);
  } catch (cause) {
    if (cause instanceof UsageError) throw cause;
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    if (isDefault && missing) {
      const hint =
        ref.exercise.type === 'sql'
          ? `write your SQL there, or name a file: \`backend-intro verify ${number} answer.sql\``
          : `run \`backend-intro exercise ${number}\` to get a starter file there, or name your file: \`backend-intro verify ${number} my-answer.mjs\``;
      throw new UsageError(`There is no answer file at ${displayPath(file)}; ${hint}.`);
    }
    throw new UsageError(`Cannot read ${displayPath(file)} (${missing ? 'no such file' : (cause as NodeJS.ErrnoException).code}); check the path.`);
  }
}
