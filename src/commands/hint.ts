// `backend-intro hint <id>`: the next hint for an exercise, one at a time.
import chalk from 'chalk';
import { exerciseNumber, findExercise } from '../core/catalog.js';
import { wrapText } from '../ui/format.js';
import { neutralize } from '../ui/terminal.js';
import { createContext, type GlobalOptions } from './context.js';

export async function hintCommand(id: string, options: GlobalOptions): Promise<void> {
  const ctx = await createContext(options);
  try {
    const ref = findExercise(ctx.course, id);
    const { hints } = ref.exercise;
    const number = exerciseNumber(ref);
    if (hints.length === 0) {
      ctx.out(`Exercise ${number} has no hints. Re-read its task with \`backend-intro lesson ${ref.lesson.number} --print\`.`);
      return;
    }
    const seen = ctx.progress().lesson(ctx.course.id, ref.lesson.id)?.exercises.get(ref.exercise.id)?.hintsShown ?? 0;
    if (seen >= hints.length) {
      ctx.out(`You have seen ${hints.length === 1 ? 'the only hint' : `all ${hints.length} hints`} for exercise ${number}:`);
      hints.forEach((hint, index) => ctx.out(wrapText(`${index + 1}. ${neutralize(hint)}`, ctx.screen.columns)));
      return;
    }
    ctx.progress().recordHintShown(ctx.course.id, ref.lesson.id, ref.exercise.id);
    ctx.out(chalk.bold(`Hint ${seen + 1} of ${hints.length} for exercise ${number}:`));
    ctx.out(wrapText(neutralize(hints[seen]!), ctx.screen.columns));
    if (seen + 1 < hints.length) ctx.out(chalk.dim(`Run \`backend-intro hint ${number}\` again for the next one.`));
  } finally {
    ctx.close();
  }
}
