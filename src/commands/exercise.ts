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
    requireTerminal(ctx, `Exercise ${number}`, `backend-intro verify ${number}${exercise.type === 'sql' ? ' <file>' : ' [file]'}`);
    const { runExercise } = await import('../ui/run-exercise.js');
    await runExercise(ctx, lesson, exercise, { watch: options.watch === true });
  } finally {
    ctx.close();
  }
}
