// `backend-intro verify <id> [file] [--json]`: check an answer without prompts (for learners,
// scripts and graders). Exit 0 passed, 1 not yet, 2 usage error.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { exerciseNumber, findExercise, type ExerciseRef } from '../core/catalog.js';
import { CheckFailedError, UsageError } from '../errors.js';
import { displayPath, exerciseFile } from '../io/paths.js';
import { checkSqlExercise } from '../io/sql-check.js';
import { takeSqlRunner } from '../io/sql-runner.js';
import { renderVerdict, verdictJson } from '../ui/verdict-view.js';
import { createContext, type GlobalOptions } from './context.js';

export async function verifyCommand(id: string, file: string | undefined, options: GlobalOptions & { json?: boolean }): Promise<void> {
  const runner = takeSqlRunner();
  const ctx = await createContext(options);
  try {
    const ref = findExercise(ctx.course, id);
    if (ref.exercise.type !== 'sql') {
      const article = ref.exercise.type === 'http' ? 'an' : 'a';
      throw new UsageError(`Exercise ${exerciseNumber(ref)} is ${article} ${ref.exercise.type} exercise; checking those is not available in this version of backend-intro yet.`);
    }
    const answerFile = file === undefined ? exerciseFile(ctx.workspace, ref.lesson.id, ref.exercise) : path.resolve(file);
    const answer = readAnswer(answerFile, ref, file === undefined);
    const verdict = await checkSqlExercise(runner, ctx.packDir, ref.exercise, answer);
    ctx.progress().recordExerciseAttempt(ctx.course.id, ref.lesson.id, ref.exercise.id, verdict.passed);
    const number = exerciseNumber(ref);
    if (options.json) ctx.out(JSON.stringify(verdictJson(number, `${ref.lesson.id}/${ref.exercise.id}`, verdict), null, 2));
    else ctx.out(renderVerdict(`Exercise ${number} · ${ref.exercise.id}`, verdict, ctx.screen.columns));
    if (!verdict.passed) throw new CheckFailedError('');
  } finally {
    runner.close();
    ctx.close();
  }
}

function readAnswer(file: string, ref: ExerciseRef, isDefault: boolean): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    if (isDefault && missing) {
      throw new UsageError(
        `There is no answer file at ${displayPath(file)}; write your ${ref.exercise.type === 'sql' ? 'SQL' : 'code'} there, or name a file: \`backend-intro verify ${exerciseNumber(ref)} answer.${ref.exercise.type === 'sql' ? 'sql' : 'js'}\`.`,
      );
    }
    throw new UsageError(`Cannot read ${displayPath(file)} (${missing ? 'no such file' : (cause as NodeJS.ErrnoException).code}); check the path.`);
  }
}
