// The progress report as plain text (a terminal, 40 columns or more) and as Markdown (a table to
// paste into an LMS or an email). Pure: a report and a width in, text out. Dates are the
// learner's local ones; `report --json` keeps the exact ISO times.
import chalk from 'chalk';
import type { ExerciseReport, LessonReport, ProgressReport } from '../core/report-model.js';
import { formatDuration, statusLabel, wrapText } from './format.js';
import { neutralize } from './terminal.js';

const labelWidth = 11;

export function renderReportText(report: ProgressReport, columns: number): string {
  const out: string[] = [];
  const line = (label: string, value: string, indent = '') => {
    const lead = `${indent}${chalk.dim(label.padEnd(labelWidth))}`;
    const room = Math.max(10, columns - indent.length - labelWidth);
    const [first = '', ...rest] = wrapText(value, room + 1).split('\n');
    out.push(`${lead}${first}`, ...rest.map((text) => `${' '.repeat(indent.length + labelWidth)}${text}`));
  };
  out.push(chalk.bold(wrapText(`Progress report · ${neutralize(report.pack.title)}`, columns)));
  if (report.learner !== undefined) line('Learner', neutralize(report.learner));
  line('Pack', neutralize(report.pack.id));
  line('Generated', localDateTime(report.generated));
  line('Overall', overall(report));
  for (const lesson of report.lessons) {
    out.push('', chalk.bold(wrapText(`Lesson ${lesson.number} · ${neutralize(lesson.title)}`, columns)));
    const indent = '  ';
    line('Status', statusLabel(lesson.status), indent);
    if (lesson.status === 'not started') continue;
    line('Pages', `${lesson.pages.read} of ${lesson.pages.total} read`, indent);
    if (lesson.quiz) line('Quiz', quizText(lesson.quiz), indent);
    if (lesson.exercises.total > 0) {
      const { passed, total, passedWithHelp } = lesson.exercises;
      line('Exercises', `${passed} of ${total} passed${passedWithHelp > 0 ? `, ${passedWithHelp} with help` : ''}`, indent);
      const helped = lesson.exercises.items.filter((item) => item.withHelp);
      if (helped.length > 0) line('With help', helped.map(helpText).join(', '), indent);
      const open = lesson.exercises.items.filter((item) => !item.passed);
      if (open.length > 0 && passed > 0) line('Not yet', open.map((item) => item.number).join(', '), indent);
    }
    line('Time', formatDuration(lesson.timeSpentMs), indent);
    line('Visited', visitedText(lesson), indent);
  }
  return out.join('\n');
}

export function renderReportMarkdown(report: ProgressReport): string {
  const out = [`## Progress report: ${markdownText(report.pack.title)}`, ''];
  if (report.learner !== undefined) out.push(`- **Learner:** ${markdownText(report.learner)}`);
  out.push(
    `- **Pack:** ${markdownText(report.pack.title)} (${markdownText(report.pack.id)})`,
    `- **Generated:** ${localDateTime(report.generated)}`,
    `- **Overall:** ${overall(report)}`,
    '',
    '| # | Lesson | Status | Pages | Quiz (best) | Exercises | With help | Time | First visit | Last visit |',
    '|--:|---|---|--:|---|--:|---|--:|---|---|',
  );
  for (const lesson of report.lessons) {
    const helped = lesson.exercises.items.filter((item) => item.withHelp);
    const cells = [
      String(lesson.number),
      markdownText(lesson.title),
      lesson.status,
      `${lesson.pages.read}/${lesson.pages.total}`,
      lesson.quiz ? quizCell(lesson.quiz) : '–',
      lesson.exercises.total > 0 ? `${lesson.exercises.passed}/${lesson.exercises.total}` : '–',
      helped.length > 0 ? helped.map(helpText).join(', ') : '–',
      formatDuration(lesson.timeSpentMs),
      lesson.firstVisit ? localDate(lesson.firstVisit) : '–',
      lesson.lastVisit ? localDate(lesson.lastVisit) : '–',
    ];
    out.push(`| ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}

function overall(report: ProgressReport): string {
  return `${report.percent}% of the course · ${report.lessonsDone} of ${report.lessonsTotal} lessons done · ${formatDuration(report.timeSpentMs)} spent`;
}

function quizText(quiz: NonNullable<LessonReport['quiz']>): string {
  if (!quiz.best) return `not taken yet (${quiz.questions} question${quiz.questions === 1 ? '' : 's'})`;
  return `best ${quiz.best.correct}/${quiz.best.total} · ${quiz.attempts} attempt${quiz.attempts === 1 ? '' : 's'}`;
}

function quizCell(quiz: NonNullable<LessonReport['quiz']>): string {
  if (!quiz.best) return 'not taken';
  return `${quiz.best.correct}/${quiz.best.total} (${quiz.attempts} attempt${quiz.attempts === 1 ? '' : 's'})`;
}

/** "3.1 (solution shown)", "3.4 (2 hints)": what help an exercise had. */
function helpText(item: ExerciseReport): string {
  const help = item.solutionShownBeforePass ? 'solution shown' : `${item.hintsBeforePass} hint${item.hintsBeforePass === 1 ? '' : 's'}`;
  return `${item.number} (${help})`;
}

function visitedText(lesson: LessonReport): string {
  if (!lesson.firstVisit || !lesson.lastVisit) return '–';
  const first = localDate(lesson.firstVisit);
  const last = localDate(lesson.lastVisit);
  return first === last ? first : `${first} to ${last}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** 2025-01-31 in the learner's time zone. */
export function localDate(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

function localDateTime(iso: string): string {
  const date = new Date(iso);
  return `${localDate(iso)} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/**
 * Text from a pack or the learner, safe inside a Markdown table: one line, no control
 * characters, and the characters Markdown would read as syntax escaped.
 */
export function markdownText(text: string): string {
  return neutralize(text.replace(/\s*[\r\n]+\s*/g, ' '))
    .replace(/[\\`*_[\]<>|#~]/g, (char) => `\\${char}`)
    .trim();
}

