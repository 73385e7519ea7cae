// `backend-intro progress [--json]`: what is done, scores, time spent. With --export or --import
// it moves progress between machines instead (src/commands/progress-transfer.ts).
import chalk from 'chalk';
import { UsageError } from '../errors.js';
import { formatDuration, formatWhen, layoutTable, progressBar, quizLabel, statusLabel, wrapText } from '../ui/format.js';
import { neutralize } from '../ui/terminal.js';
import { createContext, type AppContext, type GlobalOptions } from './context.js';
import { overview } from './overview.js';

export interface ProgressOptions extends GlobalOptions {
  json?: boolean;
  export?: string;
  import?: string;
}

export async function progressCommand(options: ProgressOptions): Promise<void> {
  if (options.export !== undefined && options.import !== undefined) {
    throw new UsageError('Use --export or --import, not both at once: export on the machine you leave, import on the one you go to.');
  }
  if (options.json && (options.export !== undefined || options.import !== undefined)) {
    throw new UsageError(`--json does not go with --${options.export !== undefined ? 'export' : 'import'}; the export file is JSON already.`);
  }
  if (options.export !== undefined || options.import !== undefined) {
    const { exportProgress, importProgress } = await import('./progress-transfer.js');
    if (options.export !== undefined) exportProgress(options.export, options);
    else importProgress(options.import!, options);
    return;
  }
  const ctx = await createContext(options);
  try {
    const summary = overview(ctx.course, ctx.progress().lessons(ctx.course.id));
    if (options.json) {
      ctx.out(JSON.stringify(summary, null, 2));
      return;
    }
    printProgress(ctx, summary);
  } finally {
    ctx.close();
  }
}

export function printProgress(ctx: AppContext, summary: ReturnType<typeof overview>): void {
  const now = new Date();
  const unicode = process.env.TERM !== 'dumb';
  ctx.out(chalk.bold(wrapText(neutralize(summary.pack.title), ctx.screen.columns)));
  ctx.out(progressBar(summary.percent, 100, Math.max(10, Math.min(30, ctx.screen.columns - 8)), unicode));
  ctx.out(`${summary.done} of ${summary.lessons.length} lessons done · ${formatDuration(summary.timeSpentMs)} spent`);
  ctx.out();
  const rows = summary.lessons.map((lesson) => [
    String(lesson.number),
    neutralize(lesson.title),
    statusLabel(lesson.status),
    `${lesson.pagesRead}/${lesson.pages}`,
    lesson.exercisesCheckable > 0 ? `${lesson.exercisesPassed}/${lesson.exercisesCheckable}` : '–',
    lesson.questions > 0 ? quizLabel(lesson.quiz ? { correct: lesson.quiz.bestCorrect, total: lesson.quiz.total } : undefined) : '',
    formatWhen(lesson.lastVisit ?? undefined, now),
  ]);
  ctx.out(layoutTable(['#', 'Lesson', 'Status', 'Pages', 'Exercises', 'Best quiz', 'Last visit'], rows, ctx.screen.columns, '  ', { column: 1, min: 16 }));
}
