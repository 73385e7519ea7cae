// `backend-intro exercise <id> [--watch]`: do one exercise interactively. SQL exercises open the
// sql> prompt, which checks every statement as it runs; http and js exercises put a starter file
// in the workspace and check it on Enter, or on every save with --watch.
import { exerciseNumber, findExercise } from '../core/catalog.js';
import { createContext, requireTerminal, type GlobalOptions } from './context.js';

export async function exerciseCommand(id: string, options: GlobalOptions & { watch?: boolean }): Promise<void> {
  const ctx = await createContext(options);
  try {
    const ref = findExercise(ctx.course, id);
    const number = exerciseNumber(ref);
    const { exercise, lesson } = ref;
    if (exercise.type === 'sql') {
      requireTerminal(ctx, `Exercise ${number}`, `backend-intro verify ${number} <file>`);
      const [{ takeSqlRunner }, { runSqlPrompt }] = await Promise.all([import('../io/sql-runner.js'), import('../ui/sql-prompt.js')]);
      const runner = takeSqlRunner();
      try {
        await runSqlPrompt(ctx, runner, { kind: 'exercise', lesson, exercise });
      } finally {
        runner.close();
      }
      return;
    }
    requireTerminal(ctx, `Exercise ${number}`, `backend-intro verify ${number} [file]`);
    const { runCodeExercise } = await import('../ui/code-exercise.js');
    await runCodeExercise(ctx, { lesson, exercise }, { watch: options.watch === true });
  } finally {
    ctx.close();
  }
}
