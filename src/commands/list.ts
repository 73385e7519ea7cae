// `backend-intro list [--json]`: the lessons with number, title, status and score.
import chalk from 'chalk';
import { layoutTable, quizLabel, statusLabel, wrapText } from '../ui/format.js';
import { neutralize } from '../ui/terminal.js';
import { createContext, type GlobalOptions } from './context.js';
import { overview } from './overview.js';

export async function listCommand(options: GlobalOptions & { json?: boolean }): Promise<void> {
  const ctx = await createContext(options);
  try {
    const summary = overview(ctx.course, ctx.progress().lessons(ctx.course.id));
    if (options.json) {
      ctx.out(JSON.stringify({ pack: summary.pack, lessons: summary.lessons.map(({ timeSpentMs: _t, ...lesson }) => lesson) }, null, 2));
      return;
    }
    ctx.out(chalk.bold(wrapText(neutralize(ctx.course.title), ctx.screen.columns)));
    ctx.out();
    const rows = summary.lessons.map((lesson) => [
      String(lesson.number),
      neutralize(lesson.title),
      statusLabel(lesson.status),
      lesson.questions > 0 ? quizLabel(lesson.quiz ? { correct: lesson.quiz.bestCorrect, total: lesson.quiz.total } : undefined) : '',
    ]);
    ctx.out(layoutTable(['#', 'Lesson', 'Status', 'Quiz'], rows, ctx.screen.columns, '  ', { column: 1, min: 16 }));
    ctx.out();
    ctx.out(chalk.dim(wrapText(`Open one with \`backend-intro <number>\`, for example \`backend-intro ${summary.lessons[0]?.number ?? 1}\`.`, ctx.screen.columns)));
  } finally {
    ctx.close();
  }
}
