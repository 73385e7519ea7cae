// Hints and the reference solution, the same for every way of doing an exercise: the `hint`
// command, the sql> prompt and the code-exercise menu. Each says them in its own words; what is
// shown next, and what is recorded, is decided here once.
import chalk from 'chalk';
import type { AppContext } from '../commands/context.js';
import type { Exercise } from '../core/model.js';
import type { ExerciseRecord } from '../core/progress-model.js';
import { wrapText } from './format.js';
import { neutralize } from './terminal.js';

export type HintStep =
  | { kind: 'none' }
  /** Hint `number` of `total`, now recorded as shown. */
  | { kind: 'next'; number: number; total: number; text: string }
  /** Every hint was shown already: all of them again. */
  | { kind: 'all'; hints: string[] };

/** The next hint not yet shown (recorded as shown), or all of them once every one was seen. */
export function takeNextHint(ctx: AppContext, lessonId: string, exercise: Exercise): HintStep {
  const { hints } = exercise;
  if (hints.length === 0) return { kind: 'none' };
  const seen = ctx.progress().lesson(ctx.course.id, lessonId)?.exercises.get(exercise.id)?.hintsShown ?? 0;
  if (seen >= hints.length) return { kind: 'all', hints };
  const number = ctx.progress().recordHintShown(ctx.course.id, lessonId, exercise.id);
  return { kind: 'next', number, total: hints.length, text: hints[number - 1] ?? hints[seen]! };
}

/** "You have seen all 3 hints" / "You have seen the only hint". */
export function seenAllHeading(count: number): string {
  return `You have seen ${count === 1 ? 'the only hint' : `all ${count} hints`}`;
}

/** The reference solution under a heading, indented, with control characters neutralised. */
export function solutionBlock(solution: string): string {
  const body = neutralize(solution.trimEnd())
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `${chalk.bold('Reference solution:')}\n${body}`;
}

/**
 * An exercise's task (Markdown) as plain text for the prompt: paragraphs re-flowed to the
 * screen, list items on their own lines, and indented code kept as it is.
 */
export function formatTask(markdown: string, columns: number): string {
  const paragraphs = markdown.replace(/\s+$/, '').replace(/^\s*\n/, '').split(/\n[ \t]*\n/);
  return paragraphs
    .map((paragraph) => {
      const lines = paragraph.split('\n');
      if (lines.every((line) => /^( {4}|\t)/.test(line))) return lines.map((line) => `  ${line.replace(/^( {4}|\t)/, '')}`).join('\n');
      const merged: string[] = [];
      for (const line of lines) {
        const listItem = /^\s*(?:[-*+]|\d+[.)])\s/.test(line);
        if (merged.length > 0 && !listItem) merged[merged.length - 1] += ` ${line.trim()}`;
        else merged.push(line.trim());
      }
      return merged.map((line) => wrapText(line, columns)).join('\n');
    })
    .join('\n\n');
}

/**
 * What follows a pass: the exercise's explanation, the reference solution (unless the learner
 * opened it with help and has just typed it in), and the line saying it is saved.
 */
export function passedText(number: string, exercise: Exercise, record: ExerciseRecord, columns: number): string {
  const parts: string[] = [];
  if (exercise.explain) parts.push(`${formatTask(neutralize(exercise.explain), columns)}\n`);
  if (!record.solutionShown) parts.push(solutionBlock(exercise.solution));
  parts.push(chalk.green(wrapText(`Saved: exercise ${number} is done${record.passedWithHelp ? ' (with help)' : ''}.`, columns)));
  return parts.join('\n');
}
