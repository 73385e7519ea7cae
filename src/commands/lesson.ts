// `backend-intro lesson <n> [--print]`: read a lesson.
import chalk from 'chalk';
import { findLesson } from '../core/catalog.js';
import type { Lesson } from '../core/model.js';
import { cachedRender, printedLessonInputs } from '../io/render-cache.js';
import { wrapText } from '../ui/format.js';
import { neutralize } from '../ui/terminal.js';
import { createContext, requireTerminal, type AppContext, type GlobalOptions } from './context.js';

export async function lessonCommand(typed: string, options: GlobalOptions & { print?: boolean }): Promise<void> {
  const ctx = await createContext(options);
  try {
    const lesson = findLesson(ctx.course, typed);
    if (options.print) {
      ctx.out(await renderWholeLesson(ctx, lesson));
      return;
    }
    requireTerminal(ctx, `Reading lesson ${lesson.number}`, `backend-intro lesson ${lesson.number} --print`);
    const { studyLesson } = await import('./study.js');
    await studyLesson(ctx, lesson);
  } finally {
    ctx.close();
  }
}

/** The whole lesson as text, no prompts: for reading in a pager, printing, or scripts. */
function renderWholeLesson(ctx: AppContext, lesson: Lesson): Promise<string> {
  const render = async () => {
    const { createMarkdownRenderer } = await import('../ui/markdown.js');
    const { renderPage } = await import('../ui/page-view.js');
    const renderer = createMarkdownRenderer(ctx.screen);
    const header = chalk.bold(wrapText(`Lesson ${lesson.number} · ${neutralize(lesson.title)}`, ctx.screen.columns));
    const summary = lesson.summary ? [chalk.dim(wrapText(neutralize(lesson.summary), ctx.screen.columns))] : [];
    const pages = lesson.pages.map((_, index) => renderPage(lesson, index, renderer, 'print', ctx.screen));
    return [header, ...summary, '', pages.join('\n\n')].join('\n');
  };
  if (ctx.packFingerprint === undefined) return render();
  return cachedRender(ctx.cacheDir, printedLessonInputs(ctx.packFingerprint, lesson.id, ctx.screen), render);
}
