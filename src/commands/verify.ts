// `backend-intro verify <id> [file] [--json] [--watch]`: check an answer without prompts (for
// learners, scripts and graders). Exit 0 passed, 1 not yet, 2 usage error.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { exerciseNumber, findExercise, type ExerciseRef } from '../core/catalog.js';
import type { Verdict } from '../core/verdict.js';
import { CheckFailedError, UsageError } from '../errors.js';
import { displayPath, exerciseFile } from '../io/paths.js';
import { renderVerdict, verdictJson } from '../ui/verdict-view.js';
import { createContext, type AppContext, type GlobalOptions } from './context.js';

export interface VerifyOptions extends GlobalOptions {
  json?: boolean;
  watch?: boolean;
}

export async function verifyCommand(id: string, file: string | undefined, options: VerifyOptions): Promise<void> {
  const ctx = await createContext(options);
  try {
    const ref = findExercise(ctx.course, id);
    const answerFile = file === undefined ? exerciseFile(ctx.workspace, ref.lesson.id, ref.exercise) : path.resolve(file);
    if (options.watch) {
      if (options.json) throw new UsageError('--watch and --json do not go together: --watch keeps checking for a person to read. Use one of them.');
      const { watchAndVerify } = await import('../ui/watch-verify.js');
      await watchAndVerify(ctx, ref, answerFile);
      return;
    }
    requireAnswerFile(answerFile, ref, file === undefined);
    const verdict = await checkAnswer(ctx, ref, answerFile);
    ctx.progress().recordExerciseAttempt(ctx.course.id, ref.lesson.id, ref.exercise.id, verdict.passed);
    const number = exerciseNumber(ref);
    if (options.json) ctx.out(JSON.stringify(verdictJson(number, `${ref.lesson.id}/${ref.exercise.id}`, verdict), null, 2));
    else ctx.out(renderVerdict(`Exercise ${number} · ${ref.exercise.id}`, verdict, ctx.screen.columns, answerFile));
    if (!verdict.passed) throw new CheckFailedError('');
  } finally {
    ctx.close();
  }
}

/** Checks the answer in `answerFile` in the right sandbox for the exercise's type. */
export async function checkAnswer(ctx: AppContext, ref: ExerciseRef, answerFile: string): Promise<Verdict> {
  const { exercise } = ref;
  if (exercise.type === 'sql') {
    const [{ takeSqlRunner }, { checkSqlExercise }] = await Promise.all([import('../io/sql-runner.js'), import('../io/sql-check.js')]);
    const runner = takeSqlRunner();
    try {
      return await checkSqlExercise(runner, ctx.packDir, exercise, readFileSync(answerFile, 'utf8'));
    } finally {
      runner.close();
    }
  }
  const [{ takeCodeRunner }, { checkHttpExercise, checkJsExercise }] = await Promise.all([import('../io/code-runner.js'), import('../io/code-check.js')]);
  const runner = takeCodeRunner();
  try {
    if (exercise.type === 'http') return await checkHttpExercise(runner, ctx.packDir, { label: exerciseNumber(ref), lessonFile: ref.lesson.file }, exercise, answerFile);
    return await checkJsExercise(runner, exercise, answerFile);
  } finally {
    runner.close();
  }
}

/** The answer file must exist and be a readable file; says what to do when not. */
export function requireAnswerFile(file: string, ref: ExerciseRef, isDefault: boolean): void {
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
