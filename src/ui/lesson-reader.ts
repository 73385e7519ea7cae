// Reads a lesson page by page in the terminal, saving the place after every page.
import chalk from 'chalk';
import type { Exercise, Lesson } from '../core/model.js';
import { clampPage } from '../core/progress-model.js';
import type { AppContext } from '../commands/context.js';
import { createMarkdownRenderer } from './markdown.js';
import { pageHeader, renderPage } from './page-view.js';
import { confirm, pageAction } from './prompts.js';
import { runQuiz } from './quiz-session.js';

/** Time on one page beyond this is treated as the learner having walked away. */
const maxCountedPageTime = 10 * 60_000;

export interface ReadingResult {
  finished: boolean;
  /** The learner was already asked to take the quiz on one of its pages this time. */
  quizOffered: boolean;
}

export async function readLesson(ctx: AppContext, lesson: Lesson, startPage: number): Promise<ReadingResult> {
  const renderer = createMarkdownRenderer(ctx.screen);
  const store = ctx.progress();
  let page = clampPage(lesson, startPage);
  let quizOffered = false;
  for (;;) {
    if (ctx.screen.canClear) process.stdout.write('\x1b[H\x1b[2J');
    ctx.out(pageHeader(lesson, page, ctx.screen));
    ctx.out();
    ctx.out(renderPage(lesson, page, renderer, 'interactive', ctx.screen));
    ctx.out();
    store.visitPage(ctx.course.id, lesson.id, page);
    const shownAt = Date.now();
    // Exercises and quizzes opened from the page count their own time.
    let elsewhereMs = 0;
    const away = async (activity: Promise<unknown>) => {
      const start = Date.now();
      await activity;
      elsewhereMs += Date.now() - start;
    };

    await away(offerExercises(ctx, lesson, page));

    const quizHere = lesson.pages[page]!.blocks.flatMap((block) => (block.kind === 'quiz' ? block.questions : []));
    if (quizHere.length > 0) {
      quizOffered = true;
      if (await confirm('Take the quiz now?', true)) {
        await away(runQuiz(ctx, lesson, quizHere));
        ctx.out();
      }
    }

    const last = page === lesson.pages.length - 1;
    const keys = [last ? 'Enter finish' : 'Enter next', ...(page > 0 ? ['b back'] : []), 'q quit'].join(' · ');
    const position = chalk.bold(`page ${page + 1} of ${lesson.pages.length}`);
    // In a narrow terminal the keys go on their own line rather than being cut off.
    const message = ctx.screen.columns < 50 ? `${position}\n  ${chalk.dim(keys)}` : `${position}  ${chalk.dim(keys)}`;
    const action = await pageAction(message, page > 0);
    store.addTime(ctx.course.id, lesson.id, Math.min(Date.now() - shownAt - elsewhereMs, maxCountedPageTime));
    if (action === 'quit') return { finished: false, quizOffered };
    if (action === 'back') page -= 1;
    else if (last) return { finished: true, quizOffered };
    else page += 1;
  }
}

/**
 * Offers each exercise on the page that is not passed yet, and opens it: the sql> prompt for
 * SQL, the starter file and checks for code. Leaving comes back here, to the page's questions.
 */
async function offerExercises(ctx: AppContext, lesson: Lesson, page: number): Promise<void> {
  const exercises = lesson.pages[page]!.blocks.flatMap((block) => (block.kind === 'exercise' ? [block.exercise] : []));
  for (const exercise of exercises) {
    if (passed(ctx, lesson, exercise)) continue;
    if (!(await confirm(`Try exercise ${lesson.number}.${exercise.position} now?`, true))) continue;
    ctx.out();
    // Loaded only when wanted: reading a lesson never pays for the exercise machinery.
    const { runExercise } = await import('./run-exercise.js');
    await runExercise(ctx, lesson, exercise, { returnTo: 'the lesson' });
    ctx.out();
  }
}

function passed(ctx: AppContext, lesson: Lesson, exercise: Exercise): boolean {
  return ctx.progress().lesson(ctx.course.id, lesson.id)?.exercises.get(exercise.id)?.passedAt !== undefined;
}
