// `backend-intro reset [n] [--yes]`: forget progress, after asking.
import { findLesson } from '../core/catalog.js';
import { UsageError } from '../errors.js';
import { confirm } from '../ui/prompts.js';
import { neutralize } from '../ui/terminal.js';
import { createContext, type GlobalOptions } from './context.js';

export async function resetCommand(typed: string | undefined, options: GlobalOptions & { yes?: boolean }): Promise<void> {
  const ctx = await createContext(options);
  try {
    const lesson = typed === undefined ? undefined : findLesson(ctx.course, typed);
    const what = lesson ? `your progress in lesson ${lesson.number} (${neutralize(lesson.title)})` : `all your progress in "${neutralize(ctx.course.title)}"`;
    if (!options.yes) {
      if (!ctx.screen.interactive) {
        throw new UsageError(`Resetting needs a confirmation; without a terminal, run \`backend-intro reset${lesson ? ` ${lesson.number}` : ''} --yes\`.`);
      }
      if (!(await confirm(`Forget ${what}? This cannot be undone.`, false))) {
        ctx.out('Nothing was reset.');
        return;
      }
    }
    ctx.progress().reset(ctx.course.id, lesson?.id);
    ctx.out(`Reset ${what}.`);
  } finally {
    ctx.close();
  }
}
