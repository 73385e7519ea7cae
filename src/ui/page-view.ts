// Turns a lesson page into terminal text. Shared by the interactive reader and --print.
import chalk from 'chalk';
import type { Exercise, Lesson, Page, QuizQuestion } from '../core/model.js';
import { checkableExerciseTypes } from '../core/progress-model.js';
import type { MarkdownRenderer } from './markdown.js';
import { wrapText } from './format.js';
import { neutralize, visibleWidth, type Screen } from './terminal.js';

export type PageMode = 'interactive' | 'print';

export function pageHeader(lesson: Lesson, pageIndex: number, screen: Screen): string {
  const position = `page ${pageIndex + 1} of ${lesson.pages.length}`;
  const full = `Lesson ${lesson.number} · ${neutralize(lesson.title)} · ${position}`;
  // In a narrow terminal the title would wrap; the page title below says where you are anyway.
  return chalk.dim(visibleWidth(full) < screen.columns ? full : `Lesson ${lesson.number} · ${position}`);
}

export function renderPage(lesson: Lesson, pageIndex: number, renderer: MarkdownRenderer, mode: PageMode, screen: Screen): string {
  const page: Page = lesson.pages[pageIndex]!;
  const parts = [renderer.render(`## ${page.title}`)];
  for (const block of page.blocks) {
    if (block.kind === 'markdown') parts.push(renderer.render(block.text));
    else if (block.kind === 'exercise') parts.push(renderExercise(lesson, block.exercise, renderer, screen));
    else parts.push(mode === 'print' ? renderQuizForPrint(block.questions, renderer) : quizNotice(block.questions));
  }
  return parts.join('\n\n');
}

function renderExercise(lesson: Lesson, exercise: Exercise, renderer: MarkdownRenderer, screen: Screen): string {
  const number = `${lesson.number}.${exercise.position}`;
  const title = chalk.bold(`Exercise ${number} · ${neutralize(exercise.id)} (${exercise.type})`);
  const howTo = wrapText(howToDo(exercise, number), screen.columns);
  return [title, renderer.render(exercise.prompt), checkableExerciseTypes.has(exercise.type) ? chalk.cyan(howTo) : chalk.yellow(howTo)].join('\n');
}

/** How to do an exercise of this kind, in one sentence. */
function howToDo(exercise: Exercise, number: string): string {
  if (exercise.type === 'sql') {
    return `Do it at the sql> prompt with \`backend-intro exercise ${number}\`, or write it in a file and check it with \`backend-intro verify ${number} <file>\`.`;
  }
  if (checkableExerciseTypes.has(exercise.type)) {
    return `Do it with \`backend-intro exercise ${number}\`: it writes a starter file for you to edit and checks it. Or check any file with \`backend-intro verify ${number} <file>\`.`;
  }
  return 'Running exercises of this kind is not available in this version of backend-intro yet; read the task now, and you will be able to do it in a later version.';
}

function quizNotice(questions: QuizQuestion[]): string {
  return chalk.bold(`Quiz: ${questions.length} question${questions.length === 1 ? '' : 's'} on this page.`);
}

/** The quiz as a worksheet: questions and choices, never the answers. */
function renderQuizForPrint(questions: QuizQuestion[], renderer: MarkdownRenderer): string {
  const lines = questions.map((question, index) => {
    const ask = `**${index + 1}. ${question.ask.trim()}**`;
    if (question.kind === 'text') return `${ask}\n\n(answer in a word or two)`;
    const hint = question.kind === 'multiple' ? '\n\n(choose all that apply)' : '';
    return `${ask}${hint}\n\n${question.choices.map((choice, i) => `${i + 1}. ${choice}`).join('\n')}`;
  });
  return renderer.render(`**Quiz**\n\n${lines.join('\n\n')}`);
}
