// Doing an `http` or `js` exercise in the terminal: the starter goes into the learner's workspace
// file (never over their own work), the task is shown, their editor can be opened, and each
// check runs when they press Enter — or on every save with --watch. Passing is saved.
import chalk from 'chalk';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../commands/context.js';
import { checkAnswer } from '../commands/verify-answer.js';
import { exerciseNumber, type ExerciseRef } from '../core/catalog.js';
import type { HttpExercise, JsExercise } from '../core/model.js';
import { solutionOpen, triesBeforeSolution, type ExerciseRecord } from '../core/progress-model.js';
import { displayPath, exerciseFile } from '../io/paths.js';
import { wrapText } from './format.js';
import { createMarkdownRenderer } from './markdown.js';
import { chooseOne, confirm, type Choice } from './prompts.js';
import { passedText, seenAllHeading, solutionBlock, takeNextHint } from './exercise-help.js';
import { neutralize } from './terminal.js';
import { renderVerdict } from './verdict-view.js';

type CodeRef = ExerciseRef & { exercise: HttpExercise | JsExercise };

export interface CodeExerciseOptions {
  watch?: boolean;
  /** Shown when leaving, e.g. "the lesson". */
  returnTo?: string;
}

/** What a file starts as when the exercise gives no starter. */
function emptyStarter(exercise: HttpExercise | JsExercise): string {
  return exercise.type === 'http'
    ? 'export default function (app, { db }) {\n  // Your routes go here.\n}\n'
    : '// Export the functions the exercise asks for, e.g.\n// export function hello(name) { … }\n';
}

/** Writes the starter unless the file exists; says which happened. */
export function prepareFile(file: string, exercise: HttpExercise | JsExercise): 'written' | 'kept' {
  if (existsSync(file)) return 'kept';
  mkdirSync(path.dirname(file), { recursive: true });
  // 'wx': if the file appeared meanwhile (another terminal), it is theirs; leave it.
  try {
    writeFileSync(file, exercise.starter ?? emptyStarter(exercise), { flag: 'wx' });
    return 'written';
  } catch {
    return 'kept';
  }
}

function editorCommand(): string | undefined {
  const editor = (process.env.VISUAL ?? process.env.EDITOR ?? '').trim();
  return editor === '' ? undefined : editor;
}

/** Opens `file` in the learner's editor and waits for it (a terminal editor takes over the screen). */
function openInEditor(ctx: AppContext, editor: string, file: string): void {
  // The editor setting may carry arguments ("code --wait"): run it through the shell, the file quoted.
  const quoted = `'${file.replace(/'/g, `'\\''`)}'`;
  const result = spawnSync(process.platform === 'win32' ? `${editor} "${file}"` : `${editor} ${quoted}`, { stdio: 'inherit', shell: true });
  if (result.error || (result.status !== 0 && result.status !== null)) {
    ctx.out(chalk.yellow(wrapText(`The editor (${editor}) did not run cleanly; open ${displayPath(file)} yourself.`, ctx.screen.columns)));
  }
}

export async function runCodeExercise(ctx: AppContext, ref: CodeRef, options: CodeExerciseOptions = {}): Promise<void> {
  const { exercise, lesson } = ref;
  const number = exerciseNumber(ref);
  const file = exerciseFile(ctx.workspace, lesson.id, exercise);
  const prepared = prepareFile(file, exercise);
  const columns = ctx.screen.columns;

  ctx.out(chalk.bold(`Exercise ${number} · ${neutralize(exercise.id)}`));
  ctx.out(chalk.dim(`Lesson ${lesson.number} · ${neutralize(lesson.title)}`));
  ctx.out();
  ctx.out(createMarkdownRenderer(ctx.screen).render(exercise.prompt).trimEnd());
  ctx.out();
  // Paths and commands on lines of their own, never wrapped, so they can be copied whole.
  ctx.out(wrapText(prepared === 'written' ? 'Your file (the starter is in it):' : 'Your file (kept as you left it; delete it to start again from the starter):', columns));
  ctx.out(`  ${displayPath(file)}`);
  if (exercise.type === 'http') ctx.out(`${chalk.dim(wrapText('Try it while you work, in another terminal:', columns))}\n  backend-intro serve ${displayPath(file)}`);
  if (record(ctx, ref)?.passedAt) ctx.out(chalk.dim('You have passed this exercise already; check again as often as you like.'));

  const editor = editorCommand();
  if (editor && (await confirm(`Open it in ${editor}?`, true))) openInEditor(ctx, editor, file);
  else if (!editor) ctx.out(chalk.dim(wrapText('Open the file in your editor (set $EDITOR to have it opened for you).', columns)));

  if (options.watch) {
    await watchUntilPassed(ctx, ref, file);
    return;
  }

  for (;;) {
    const action = await chooseOne<'check' | 'hint' | 'solution' | 'edit' | 'quit'>('Save your file, then:', actions(ctx, ref, editor, options.returnTo));
    if (action === 'quit') break;
    if (action === 'edit' && editor) openInEditor(ctx, editor, file);
    else if (action === 'hint') showHint(ctx, ref);
    else if (action === 'solution') showSolution(ctx, ref);
    else if (action === 'check') {
      if (await checkOnce(ctx, ref, file)) break;
    }
  }
  if (!record(ctx, ref)?.passedAt) ctx.out(chalk.dim(wrapText(`Exercise ${number} is not passed yet; come back with \`backend-intro exercise ${number}\`.`, columns)));
}

function actions(ctx: AppContext, ref: CodeRef, editor: string | undefined, returnTo: string | undefined): Choice<'check' | 'hint' | 'solution' | 'edit' | 'quit'>[] {
  const seen = record(ctx, ref);
  const hintsLeft = ref.exercise.hints.length - (seen?.hintsShown ?? 0);
  const choices: Choice<'check' | 'hint' | 'solution' | 'edit' | 'quit'>[] = [{ name: 'Check my answer', value: 'check' }];
  if (ref.exercise.hints.length > 0) choices.push({ name: hintsLeft > 0 ? `Show a hint (${hintsLeft} left)` : 'Show the hints again', value: 'hint' });
  if (solutionOpen(seen)) choices.push({ name: 'Show the reference solution (counts as solved with help)', value: 'solution' });
  if (editor) choices.push({ name: `Open it in ${editor}`, value: 'edit' });
  choices.push({ name: returnTo ? `Back to ${returnTo}` : 'Stop for now', value: 'quit' });
  return choices;
}

function record(ctx: AppContext, ref: CodeRef): ExerciseRecord | undefined {
  return ctx.progress().lesson(ctx.course.id, ref.lesson.id)?.exercises.get(ref.exercise.id);
}

/** Checks once and shows the verdict; true when it passed. */
async function checkOnce(ctx: AppContext, ref: CodeRef, file: string): Promise<boolean> {
  ctx.out(chalk.dim('Checking…'));
  if (!existsSync(file)) {
    ctx.out(chalk.yellow(`${displayPath(file)} is gone; save your answer there and check again.`));
    return false;
  }
  const verdict = await checkAnswer(ctx, ref, file);
  const saved = ctx.progress().recordExerciseAttempt(ctx.course.id, ref.lesson.id, ref.exercise.id, verdict.passed);
  ctx.out(renderVerdict(`Exercise ${exerciseNumber(ref)} · ${ref.exercise.id}`, verdict, ctx.screen.columns, file));
  ctx.out();
  if (verdict.passed) celebrate(ctx, ref, saved);
  else if (saved.attempts === triesBeforeSolution && !saved.solutionShown) {
    ctx.out(chalk.yellow(wrapText(`That was try ${triesBeforeSolution}. The reference solution is now in the menu (the exercise then counts as solved with help).`, ctx.screen.columns)));
  }
  return verdict.passed;
}

function celebrate(ctx: AppContext, ref: CodeRef, saved: ExerciseRecord): void {
  ctx.out(passedText(exerciseNumber(ref), ref.exercise, saved, ctx.screen.columns));
}

function showHint(ctx: AppContext, ref: CodeRef): void {
  const step = takeNextHint(ctx, ref.lesson.id, ref.exercise);
  const columns = ctx.screen.columns;
  if (step.kind === 'all') {
    ctx.out(`${seenAllHeading(step.hints.length)}:`);
    step.hints.forEach((hint, index) => ctx.out(wrapText(`${index + 1}. ${neutralize(hint)}`, columns)));
  } else if (step.kind === 'next') ctx.out(wrapText(`${chalk.bold(`Hint ${step.number} of ${step.total}:`)} ${neutralize(step.text)}`, columns));
}

function showSolution(ctx: AppContext, ref: CodeRef): void {
  ctx.progress().recordSolutionShown(ctx.course.id, ref.lesson.id, ref.exercise.id);
  ctx.out(solutionBlock(ref.exercise.solution));
  ctx.out(chalk.dim(wrapText('Type it into your file in your own words, then check: the exercise counts as solved with help.', ctx.screen.columns)));
}

/** --watch: check on every save until a pass (or Ctrl-C). */
async function watchUntilPassed(ctx: AppContext, ref: CodeRef, file: string): Promise<void> {
  const { watchAndVerify } = await import('./watch-verify.js');
  const done = new AbortController();
  await watchAndVerify(ctx, ref, file, done.signal, (passed) => {
    if (passed) done.abort();
  });
  const saved = record(ctx, ref);
  if (saved?.passedAt) celebrate(ctx, ref, saved);
}
