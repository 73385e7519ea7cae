// Opens an exercise the way its type is done: the sql> prompt for SQL, the learner's workspace
// file and its checks for http and js. Shared by `exercise N.M`, the lesson reader's "Try it
// now?" and the redo menu of a finished lesson. The machinery loads only when an exercise opens.
import type { AppContext } from '../commands/context.js';
import type { Exercise, Lesson } from '../core/model.js';

export interface RunExerciseOptions {
  /** Where leaving goes back to, e.g. "the lesson". */
  returnTo?: string;
  /** Code exercises: check on every save instead of on request. */
  watch?: boolean;
}

/** Time at one exercise counts towards its lesson's, up to this much (a prompt left open overnight does not). */
const maxCountedExerciseTime = 30 * 60_000;

export async function runExercise(ctx: AppContext, lesson: Lesson, exercise: Exercise, options: RunExerciseOptions = {}): Promise<void> {
  const startedAt = Date.now();
  try {
    await openExercise(ctx, lesson, exercise, options);
  } finally {
    ctx.progress().addTime(ctx.course.id, lesson.id, Math.min(Date.now() - startedAt, maxCountedExerciseTime));
  }
}

async function openExercise(ctx: AppContext, lesson: Lesson, exercise: Exercise, options: RunExerciseOptions): Promise<void> {
  const returnTo = options.returnTo === undefined ? {} : { returnTo: options.returnTo };
  if (exercise.type === 'sql') {
    const [{ takeSqlRunner }, { runSqlPrompt }] = await Promise.all([import('../io/sql-runner.js'), import('./sql-prompt.js')]);
    const runner = takeSqlRunner();
    try {
      await runSqlPrompt(ctx, runner, { kind: 'exercise', lesson, exercise, ...returnTo });
    } finally {
      runner.close();
    }
    return;
  }
  const { runCodeExercise } = await import('./code-exercise.js');
  await runCodeExercise(ctx, { lesson, exercise }, { ...returnTo, watch: options.watch === true });
}
