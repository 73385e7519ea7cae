// The lesson table of `list` and the summary of `progress`, as lines of text. Shared by the
// commands and by their quick path (src/quick.ts), so both print exactly the same thing.
import chalk from 'chalk';
import type { CourseOverview } from '../core/overview.js';
import { formatDuration, formatWhen, layoutTable, progressBar, quizLabel, statusLabel, wrapText } from './format.js';
import { neutralize, type Screen } from './terminal.js';

export function lessonListText(summary: CourseOverview, screen: Screen): string {
  const rows = summary.lessons.map((lesson) => [
    String(lesson.number),
    neutralize(lesson.title),
    statusLabel(lesson.status),
    lesson.questions > 0 ? quizLabel(lesson.quiz ? { correct: lesson.quiz.bestCorrect, total: lesson.quiz.total } : undefined) : '',
  ]);
  return [
    chalk.bold(wrapText(neutralize(summary.pack.title), screen.columns)),
    '',
    layoutTable(['#', 'Lesson', 'Status', 'Quiz'], rows, screen.columns, '  ', { column: 1, min: 16 }),
    '',
    chalk.dim(wrapText(`Open one with \`backend-intro <number>\`, for example \`backend-intro ${summary.lessons[0]?.number ?? 1}\`.`, screen.columns)),
  ].join('\n');
}

/** `list --json`: the summary without time spent (that is `progress`'s business). */
export function lessonListJson(summary: CourseOverview): string {
  return JSON.stringify({ pack: summary.pack, lessons: summary.lessons.map(({ timeSpentMs: _t, ...lesson }) => lesson) }, null, 2);
}

export function progressText(summary: CourseOverview, screen: Screen, now: Date): string {
  const unicode = process.env.TERM !== 'dumb';
  const rows = summary.lessons.map((lesson) => [
    String(lesson.number),
    neutralize(lesson.title),
    statusLabel(lesson.status),
    `${lesson.pagesRead}/${lesson.pages}`,
    lesson.exercisesCheckable > 0 ? `${lesson.exercisesPassed}/${lesson.exercisesCheckable}` : '–',
    lesson.questions > 0 ? quizLabel(lesson.quiz ? { correct: lesson.quiz.bestCorrect, total: lesson.quiz.total } : undefined) : '',
    formatWhen(lesson.lastVisit ?? undefined, now),
  ]);
  return [
    chalk.bold(wrapText(neutralize(summary.pack.title), screen.columns)),
    progressBar(summary.percent, 100, Math.max(10, Math.min(30, screen.columns - 8)), unicode),
    `${summary.done} of ${summary.lessons.length} lessons done · ${formatDuration(summary.timeSpentMs)} spent`,
    '',
    layoutTable(['#', 'Lesson', 'Status', 'Pages', 'Exercises', 'Best quiz', 'Last visit'], rows, screen.columns, '  ', { column: 1, min: 16 }),
  ].join('\n');
}

/** `progress --json`: the whole summary. */
export function progressJson(summary: CourseOverview): string {
  return JSON.stringify(summary, null, 2);
}
