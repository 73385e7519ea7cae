// Reads a lesson page by page in the terminal, saving the place after every page.
import chalk from 'chalk';
import type { Lesson } from '../core/model.js';
import { clampPage } from '../core/progress-model.js';
import type { AppContext } from '../commands/context.js';
import { createMarkdownRenderer } from './markdown.js';
import { pageHeader, renderPage } from './page-view.js';
import { confirm, pageAction } from './prompts.js';
import { runQuiz } from './quiz-session.js';

/** Time on one page beyond this is treated as the learner having walked away. */
const maxCountedPageTime = 10 * 60_000;

export type ReadingResult = 'finished' | 'stopped';

export async function readLesson(ctx: AppContext, lesson: Lesson, startPage: number): Promise<ReadingResult> {
  const renderer = createMarkdownRenderer(ctx.screen);
  const store = ctx.progress();
  let page = clampPage(lesson, startPage);
  for (;;) {
    if (ctx.screen.canClear) process.stdout.write('\x1b[H\x1b[2J');
    ctx.out(pageHeader(lesson, page, ctx.screen));
    ctx.out();
    ctx.out(renderPage(lesson, page, renderer, 'interactive', ctx.screen));
    ctx.out();
    store.visitPage(ctx.course.id, lesson.id, page);
    const shownAt = Date.now();

    const quizHere = lesson.pages[page]!.blocks.flatMap((block) => (block.kind === 'quiz' ? block.questions : []));
    if (quizHere.length > 0 && (await confirm('Take the quiz now?', true))) {
      await runQuiz(ctx, lesson, quizHere);
      ctx.out();
    }

    const last = page === lesson.pages.length - 1;
    const keys =
      ctx.screen.columns < 50
        ? ['Enter', ...(page > 0 ? ['b'] : []), 'q'].join('/')
        : [last ? 'Enter finish' : 'Enter next', ...(page > 0 ? ['b back'] : []), 'q quit'].join(' · ');
    const action = await pageAction(`${chalk.bold(`page ${page + 1} of ${lesson.pages.length}`)}  ${chalk.dim(keys)}`, page > 0);
    store.addTime(ctx.course.id, lesson.id, Math.min(Date.now() - shownAt, maxCountedPageTime));
    if (action === 'quit') return 'stopped';
    if (action === 'back') page -= 1;
    else if (last) return 'finished';
    else page += 1;
  }
}
