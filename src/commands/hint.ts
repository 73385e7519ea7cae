// `backend-intro hint <id>`: the next hint for an exercise, one at a time.
import chalk from 'chalk';
import { exerciseNumber, findExercise } from '../core/catalog.js';
import { wrapText } from '../ui/format.js';
import { seenAllHeading, takeNextHint } from '../ui/exercise-help.js';
import { neutralize } from '../ui/terminal.js';
import { createContext, type GlobalOptions } from './context.js';

export async function hintCommand(id: string, options: GlobalOptions): Promise<void> {
  const ctx = await createContext(options);
  try {
    const ref = findExercise(ctx.course, id);
    const number = exerciseNumber(ref);
    const step = takeNextHint(ctx, ref.lesson.id, ref.exercise);
    if (step.kind === 'none') {
      ctx.out(`Exercise ${number} has no hints. Re-read its task with \`backend-intro lesson ${ref.lesson.number} --print\`.`);
    } else if (step.kind === 'all') {
      ctx.out(`${seenAllHeading(step.hints.length)} for exercise ${number}:`);
      step.hints.forEach((hint, index) => ctx.out(wrapText(`${index + 1}. ${neutralize(hint)}`, ctx.screen.columns)));
    } else {
      ctx.out(chalk.bold(`Hint ${step.number} of ${step.total} for exercise ${number}:`));
      ctx.out(wrapText(neutralize(step.text), ctx.screen.columns));
      if (step.number < step.total) ctx.out(chalk.dim(`Run \`backend-intro hint ${number}\` again for the next one.`));
    }
  } finally {
    ctx.close();
  }
}
