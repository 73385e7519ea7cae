// Checking an answer file and reporting the verdict: shared by `verify` (src/commands/verify.ts),
// its quick path (src/quick-verify.ts), `--watch` and the code exercise screen. Kept free of
// the pack loader so that the quick path can bundle it alone.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { exerciseNumber, type ExerciseRef, type LessonWithExercises } from '../core/catalog.js';
import type { Verdict } from '../core/verdict.js';
import { CheckFailedError, UsageError } from '../errors.js';
import { displayPath } from '../io/paths.js';
import type { ProgressStore } from '../io/progress-store.js';
import type { AttemptRecord } from '../io/sql-protocol.js';
import { renderVerdict, verdictJson } from '../ui/verdict-view.js';

/** Where a verdict is recorded and shown: the full command's context, or the quick path's. */
export interface VerifyPlace {
  packId: string;
  packDir: string;
  /** Where progress is kept; spare workers wait there too (src/io/spare-workers.ts). */
  dataDir: string;
  columns: number;
  /** The progress file, opened when first asked for (the quick path loads SQLite only then). */
  progress(): ProgressStore | Promise<ProgressStore>;
  out(text?: string): void;
}

/**
 * Checks the answer, records the attempt, and prints the verdict (as JSON with `json`). Throws
 * CheckFailedError (exit 1, nothing more to say) when it did not pass.
 */
export async function verifyAnswer(place: VerifyPlace, ref: ExerciseRef<LessonWithExercises>, answerFile: string, json: boolean): Promise<void> {
  const attempt = { dataDir: place.dataDir, packId: place.packId, lessonId: ref.lesson.id, exerciseId: ref.exercise.id };
  const checking = checkAnswerRecording({ packDir: place.packDir, spareDataDir: place.dataDir }, ref, answerFile, attempt);
  checking.catch(() => undefined); // awaited below; only a failure to open the progress file comes first
  // A code check's verdict is recorded here: the progress file is opened once the check has
  // sent its first job, while the worker runs it (or, just started, still boots). An SQL
  // check's worker records it itself, with SQLite loaded already, unless the file needs care.
  await new Promise((resolve) => setImmediate(resolve));
  const progress = ref.exercise.type === 'sql' ? undefined : await place.progress();
  const { verdict, recorded } = await checking;
  if (!recorded) (progress ?? (await place.progress())).recordExerciseAttempt(attempt.packId, attempt.lessonId, attempt.exerciseId, verdict.passed);
  const number = exerciseNumber(ref);
  if (json) place.out(JSON.stringify(verdictJson(number, `${ref.lesson.id}/${ref.exercise.id}`, verdict), null, 2));
  else place.out(renderVerdict(`Exercise ${number} · ${ref.exercise.id}`, verdict, place.columns, answerFile));
  if (!verdict.passed) throw new CheckFailedError('');
}

/** Where a check runs: the pack, and the data folder whose spare workers it may claim. */
interface CheckPlace {
  packDir: string;
  spareDataDir?: string;
}

/** Checks the answer in `answerFile` in the right sandbox for the exercise's type. */
export async function checkAnswer(ctx: CheckPlace, ref: ExerciseRef<LessonWithExercises>, answerFile: string): Promise<Verdict> {
  return (await checkAnswerRecording(ctx, ref, answerFile)).verdict;
}

/** checkAnswer, and for an SQL exercise with `attempt`, the attempt recorded by its worker when it could. */
async function checkAnswerRecording(
  ctx: CheckPlace,
  ref: ExerciseRef<LessonWithExercises>,
  answerFile: string,
  attempt?: { dataDir: string } & Omit<AttemptRecord, 'passed'>,
): Promise<{ verdict: Verdict; recorded: boolean }> {
  const { exercise } = ref;
  if (exercise.type === 'sql') {
    const [{ takeSqlRunner }, { checkSqlExercise }] = await Promise.all([import('../io/sql-runner.js'), import('../io/sql-check.js')]);
    const runner = takeSqlRunner(ctx.spareDataDir);
    try {
      const verdict = await checkSqlExercise(runner, ctx.packDir, exercise, readFileSync(answerFile, 'utf8'));
      const recorded = attempt !== undefined && (await runner.recordAttempt(attempt.dataDir, { packId: attempt.packId, lessonId: attempt.lessonId, exerciseId: attempt.exerciseId, passed: verdict.passed }));
      return { verdict, recorded };
    } finally {
      runner.close();
    }
  }
  const [{ takeCodeRunner }, { checkHttpExercise, checkJsExercise }] = await Promise.all([import('../io/code-runner.js'), import('../io/code-check.js')]);
  const runner = takeCodeRunner(ctx.spareDataDir);
  try {
    if (exercise.type === 'http') return { verdict: await checkHttpExercise(runner, ctx.packDir, { label: exerciseNumber(ref), lessonFile: ref.lesson.file }, exercise, answerFile), recorded: false };
    return { verdict: await checkJsExercise(runner, exercise, answerFile), recorded: false };
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
  // SQL for a code exercise or JavaScript for an SQL one is the wrong file (or exercise), not a wrong answer.
  const javascript = /\.[cm]?js$/i.test(file);
  if (ref.exercise.type === 'sql' && javascript) {
    throw new UsageError(`Exercise ${number} is an SQL exercise, and ${displayPath(file)} looks like JavaScript; name the .sql file with your query (or check the exercise number).`);
  }
  if (ref.exercise.type !== 'sql' && /\.sql$/i.test(file)) {
    throw new UsageError(`Exercise ${number} is an ${ref.exercise.type} exercise: its answer is a JavaScript file (.mjs), not ${displayPath(file)}; name that file (or check the exercise number).`);
  }
}
