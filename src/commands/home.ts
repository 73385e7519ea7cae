// `backend-intro` with no command: the home menu.
import chalk from 'chalk';
import { continueTarget, lessonStatus } from '../core/progress-model.js';
import { chooseOne } from '../ui/prompts.js';
import { statusLabel, wrapText } from '../ui/format.js';
import { neutralize } from '../ui/terminal.js';
import { createContext, requireTerminal, type GlobalOptions } from './context.js';
import { revisitDoneLesson } from './revisit.js';
import { studyLesson } from './study.js';
import { overview } from '../core/overview.js';
import { printProgress } from './progress.js';

type MenuChoice = 'continue' | 'choose' | 'progress' | 'quit';

export async function homeCommand(options: GlobalOptions): Promise<void> {
  const ctx = await createContext(options);
  try {
    requireTerminal(ctx, 'The home menu', 'backend-intro lesson 1 --print');
    ctx.out(chalk.bold(neutralize(ctx.course.title)));
    if (ctx.course.description) ctx.out(chalk.dim(wrapText(neutralize(ctx.course.description.trim().replace(/\s*\n\s*/g, ' ')), ctx.screen.columns)));
    for (;;) {
      const records = ctx.progress().lessons(ctx.course.id);
      const target = continueTarget(ctx.course, records);
      ctx.out();
      if (!target) ctx.out(chalk.green('Every lesson is done. Review any of them, or check your progress.'));
      const choice = await chooseOne<MenuChoice>('What next?', [
        ...(target
          ? [{ name: `${target.resumed ? 'Continue' : 'Start'}: lesson ${target.lesson.number} · ${neutralize(target.lesson.title)}${target.resumed ? `, page ${target.page + 1}` : ''}`, value: 'continue' as const }]
          : []),
        { name: 'Choose a lesson', value: 'choose' },
        { name: 'Progress', value: 'progress' },
        { name: 'Quit', value: 'quit' },
      ]);
      if (choice === 'quit') return;
      if (choice === 'progress') {
        ctx.out();
        printProgress(ctx, overview(ctx.course, records));
        continue;
      }
      const lesson = choice === 'continue' && target ? target.lesson : await chooseLesson();
      if (!lesson) continue;
      // Picking a lesson already done asks whether to review it or redo its quiz or exercises.
      if (lessonStatus(lesson, ctx.progress().lesson(ctx.course.id, lesson.id)) === 'done') {
        await revisitDoneLesson(ctx, lesson, { leaveLabel: 'Back to the menu' });
      } else {
        await studyLesson(ctx, lesson);
      }
    }

    async function chooseLesson() {
      const summary = overview(ctx.course, ctx.progress().lessons(ctx.course.id));
      // Typing a number picks by position, so show positions only when they are the lesson numbers.
      const numbersArePositions = summary.lessons.every((lesson, index) => lesson.number === index + 1);
      const titleWidth = Math.max(...summary.lessons.map((lesson) => lesson.title.length + (numbersArePositions ? 0 : `Lesson ${lesson.number} · `.length)));
      const picked = await chooseOne<string>(
        'Which lesson?',
        [
          ...summary.lessons.map((lesson) => {
            const title = `${numbersArePositions ? '' : `Lesson ${lesson.number} · `}${neutralize(lesson.title)}`;
            return { name: `${title.padEnd(titleWidth)}  ${statusLabel(lesson.status)}`, value: lesson.id, short: title };
          }),
          { name: 'Back', value: '' },
        ],
        { numbered: numbersArePositions },
      );
      return ctx.course.lessons.find((lesson) => lesson.id === picked);
    }
  } finally {
    ctx.close();
  }
}
