// Studying a lesson: reading it page by page, its quiz, then on to the next lesson.
import chalk from 'chalk';
import { nextLesson } from '../core/catalog.js';
import type { Lesson } from '../core/model.js';
import { lessonStatus } from '../core/progress-model.js';
import { wrapText } from '../ui/format.js';
import { readLesson } from '../ui/lesson-reader.js';
import { confirm } from '../ui/prompts.js';
import { runQuiz } from '../ui/quiz-session.js';
import { neutralize } from '../ui/terminal.js';
import type { AppContext } from './context.js';

/**
 * Reads a lesson from where the learner left it, then offers the quiz if it is still open and
 * the next lesson. Used by the lesson command, `backend-intro <n>` and the home menu.
 */
export async function studyLesson(ctx: AppContext, lesson: Lesson, options: { offerNext?: boolean } = {}): Promise<void> {
  let current: Lesson | undefined = lesson;
  while (current) {
    const record = ctx.progress().lesson(ctx.course.id, current.id);
    // A finished lesson opens at its start for review; any other at the page last shown.
    const startPage = lessonStatus(current, record) === 'done' ? 0 : (record?.lastPage ?? 0);
    const result = await readLesson(ctx, current, startPage);
    if (!result.finished) {
      ctx.out(chalk.dim(wrapText(`Your place is saved. Continue with \`backend-intro ${current.number}\`.`, ctx.screen.columns)));
      return;
    }
    const after = ctx.progress().lesson(ctx.course.id, current.id);
    if (current.questions.length > 0 && !result.quizOffered && !(after?.quiz?.finished)) {
      if (await confirm(`You have read every page. Take the lesson ${current.number} quiz now?`, true)) await runQuiz(ctx, current);
    }
    const status = lessonStatus(current, ctx.progress().lesson(ctx.course.id, current.id));
    ctx.out(status === 'done' ? chalk.green(`Lesson ${current.number} is done.`) : chalk.yellow(wrapText(`Lesson ${current.number}: you can take its quiz any time with \`backend-intro quiz ${current.number}\`.`, ctx.screen.columns)));
    const next = nextLesson(ctx.course, current);
    if (!next) {
      ctx.out('That was the last lesson of this course.');
      return;
    }
    if (options.offerNext === false || !(await confirm(`Go on to lesson ${next.number}: ${neutralize(next.title)}?`, true))) return;
    current = next;
  }
}
