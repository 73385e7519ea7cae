// `backend-intro exercise <id>`: do one exercise interactively. SQL exercises open the sql>
// prompt, which checks every statement as it runs; the other kinds come in a later version.
import { exerciseNumber, findExercise } from '../core/catalog.js';
import { UsageError } from '../errors.js';
import { takeSqlRunner } from '../io/sql-runner.js';
import { runSqlPrompt } from '../ui/sql-prompt.js';
import { createContext, requireTerminal, type GlobalOptions } from './context.js';

export async function exerciseCommand(id: string, options: GlobalOptions): Promise<void> {
  const runner = takeSqlRunner();
  const ctx = await createContext(options);
  try {
    const ref = findExercise(ctx.course, id);
    const number = exerciseNumber(ref);
    if (ref.exercise.type !== 'sql') {
      throw new UsageError(
        `Exercise ${number} is an ${ref.exercise.type} exercise; doing those interactively is not available in this version of backend-intro yet. Read its task with \`backend-intro lesson ${ref.lesson.number} --print\`.`,
      );
    }
    requireTerminal(ctx, `Exercise ${number}`, `backend-intro verify ${number} <file>`);
    await runSqlPrompt(ctx, runner, { kind: 'exercise', lesson: ref.lesson, exercise: ref.exercise });
  } finally {
    runner.close();
    ctx.close();
  }
}
