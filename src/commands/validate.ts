// `backend-intro validate [dir] [--json]`: checks a lesson pack for an instructor and lists every
// problem as `file:line: what is wrong — how to fix it`. Exit 0 no problems, 1 problems, 2 usage.
import chalk from 'chalk';
import { statSync } from 'node:fs';
import path from 'node:path';
import { CheckFailedError, UsageError } from '../errors.js';
import { validatePack, type PackValidation } from '../io/pack-validator.js';
import { displayPath, resolveLessonsDir } from '../io/paths.js';
import { applyColor, detectScreen, neutralize } from '../ui/terminal.js';
import type { GlobalOptions } from './context.js';

export interface ValidateCommandOptions extends GlobalOptions {
  json?: boolean;
}

export async function validateCommand(dir: string | undefined, options: ValidateCommandOptions): Promise<void> {
  const packDir = dir === undefined ? resolveLessonsDir(options.lessonsDir) : path.resolve(dir);
  if (!isFolder(packDir)) {
    throw new UsageError(
      dir === undefined
        ? `The lesson pack folder ${displayPath(packDir)} does not exist or cannot be read; check --lessons-dir or BACKEND_INTRO_LESSONS.`
        : `${displayPath(packDir)} is not a folder; name the lesson pack folder to check, for example \`backend-intro validate my-course\`.`,
    );
  }
  const stdoutIsTTY = process.stdout.isTTY === true;
  applyColor(detectScreen({ colorFlag: options.color, env: process.env, stdinIsTTY: process.stdin.isTTY === true, stdoutIsTTY, columns: process.stdout.columns }));
  const out = (text: string) => process.stdout.write(`${text}\n`);

  // Progress only for a person watching: piped output and JSON stay clean.
  const progress = stdoutIsTTY && !options.json ? progressLine() : undefined;
  let result: PackValidation;
  try {
    result = await validatePack(packDir, progress ? { onProgress: progress.update } : {});
  } finally {
    progress?.clear();
  }

  const ok = result.problems.length === 0;
  if (options.json) {
    const problems = result.problems.map(({ file, line, message }) => ({ file, line: line ?? null, message }));
    out(JSON.stringify({ ok, pack: displayPath(packDir), lessons: result.lessons, exercises: result.exercises, questions: result.questions, problems }, null, 2));
  } else {
    for (const { file, line, message } of result.problems) out(neutralize(`${line === undefined ? file : `${file}:${line}`}: ${message}`));
    out(summary(packDir, result));
  }
  if (!ok) throw new CheckFailedError('');
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "lessons/: 9 lessons, 40 exercises, 75 questions — no problems" */
function summary(packDir: string, result: PackValidation): string {
  const shown = path.relative(process.cwd(), packDir) === '' ? '.' : displayPath(packDir);
  const counts = `${plural(result.lessons, 'lesson')}, ${plural(result.exercises, 'exercise')}, ${plural(result.questions, 'question')}`;
  const verdict = result.problems.length === 0 ? chalk.green('no problems') : chalk.red(plural(result.problems.length, 'problem'));
  return `${neutralize(shown)}${path.sep}: ${counts} — ${verdict}`;
}

/** "checking 12/40…" rewritten in place on one line, then wiped before the results print. */
function progressLine(): { update: (done: number, total: number) => void; clear: () => void } {
  let width = 0;
  return {
    update: (done, total) => {
      const text = `checking reference solutions ${done}/${total}…`;
      width = Math.max(width, text.length);
      process.stdout.write(`\r${text.padEnd(width)}`);
    },
    // Spaces rather than an erase-line escape: a dumb terminal would print the escape.
    clear: () => {
      if (width > 0) process.stdout.write(`\r${' '.repeat(width)}\r`);
    },
  };
}
