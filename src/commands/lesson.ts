// `backend-intro <n>` and `backend-intro lesson <n> [--print]`: read a lesson.
import chalk from 'chalk';
import { findLesson, nextLesson } from '../core/catalog.js';
import type { Lesson } from '../core/model.js';
import { lessonStatus } from '../core/progress-model.js';
import { createMarkdownRenderer } from '../ui/markdown.js';
import { renderPage } from '../ui/page-view.js';
import { confirm } from '../ui/prompts.js';
import { readLesson } from '../ui/lesson-reader.js';
import { runQuiz } from '../ui/quiz-session.js';
import { createContext, requireTerminal, type AppContext, type GlobalOptions } from './context.js';

export async function lessonCommand(typed: string, options: GlobalOptions & { print?: boolean }): Promise<void> {
  const ctx = createContext(options);
  try {
    const lesson = findLesson(ctx.course, typed);
    if (options.print) {
      printLesson(ctx, lesson);
      return;
    }
    requireTerminal(ctx, `Reading lesson ${lesson.number}`, `backend-intro lesson ${lesson.number} --print`);
    await studyLesson(ctx, lesson);
  } finally {
    ctx.close();
  }
}

/** The whole lesson on stdout, no prompts: for reading in a pager, printing, or scripts. */
function printLesson(ctx: AppContext, lesson: Lesson): void {
  const renderer = createMarkdownRenderer(ctx.screen);
  const header = chalk.bold(`Lesson ${lesson.number} · ${lesson.title}`);
  const pages = lesson.pages.map((_, index) => renderPage(lesson, index, renderer, 'print'));
  ctx.out([header, ...(lesson.summary ? [chalk.dim(lesson.summary)] : []), '', pages.join('\n\n')].join('\n'));
}

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
    if (result === 'stopped') {
      ctx.out(chalk.dim(`Your place is saved. Continue with \`backend-intro ${current.number}\`.`));
      return;
    }
    const after = ctx.progress().lesson(ctx.course.id, current.id);
    if (current.questions.length > 0 && !(after?.quiz?.finished)) {
      if (await confirm(`You have read every page. Take the lesson ${current.number} quiz now?`, true)) await runQuiz(ctx, current);
    }
    const status = lessonStatus(current, ctx.progress().lesson(ctx.course.id, current.id));
    ctx.out(status === 'done' ? chalk.green(`Lesson ${current.number} is done.`) : chalk.yellow(`Lesson ${current.number}: you can take its quiz any time with \`backend-intro quiz ${current.number}\`.`));
    const next = nextLesson(ctx.course, current);
    if (!next) {
      ctx.out('That was the last lesson of this course.');
      return;
    }
    if (options.offerNext === false || !(await confirm(`Go on to lesson ${next.number}: ${next.title}?`, true))) return;
    current = next;
  }
}
