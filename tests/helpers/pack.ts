// Shared helpers for the parser, model and store tests.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PackFormatError } from '../../src/errors.js';
import type { Course, Exercise, Lesson, Page, QuizQuestion } from '../../src/core/model.js';

/** Joins lines with "\n" and ends with a newline: line N of the result is argument N. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** Runs `fn` and returns the PackFormatError it throws; fails the test otherwise. */
export function packError(fn: () => unknown): PackFormatError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PackFormatError) return error;
    throw new Error(`expected a PackFormatError, got ${String(error)}`);
  }
  throw new Error('expected a PackFormatError, but nothing was thrown');
}

/** Awaits `promise` and returns the PackFormatError it rejects with; fails the test otherwise. */
export async function packErrorOf(promise: Promise<unknown>): Promise<PackFormatError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PackFormatError) return error;
    throw new Error(`expected a PackFormatError, got ${String(error)}`);
  }
  throw new Error('expected a PackFormatError, but it completed');
}

/** Runs `fn` and returns whatever it throws; fails the test when nothing is thrown. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** A temporary folder; call the returned cleanup in afterEach. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `bi-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A hand-built lesson for model tests: `pages` pages, `questions` text questions. */
export function fakeLesson(
  id: string,
  number: number,
  { pages = 2, questions = 1, exercises: exerciseTypes = [] }: { pages?: number; questions?: number; exercises?: ('sql' | 'js')[] } = {},
): Lesson {
  const pageList: Page[] = Array.from({ length: pages }, (_, i) => ({
    title: `${id} page ${i + 1}`,
    line: i + 1,
    blocks: [{ kind: 'markdown', text: `text ${i + 1}` }],
  }));
  const questionList: QuizQuestion[] = Array.from({ length: questions }, (_, i) => ({
    id: `q${i + 1}`,
    ask: `Question ${i + 1}?`,
    line: 1,
    kind: 'text',
    answer: 'yes',
    accept: [],
  }));
  const exercises: Exercise[] = exerciseTypes.map((type, i) =>
    type === 'sql'
      ? { type, id: `e${i + 1}`, position: i + 1, prompt: 'p', solution: 'SELECT 1', hints: [], line: 1, database: 'shop', order: 'ignored', columns: 'any' }
      : { type, id: `e${i + 1}`, position: i + 1, prompt: 'p', solution: 'export {}', hints: [], line: 1, tests: '' },
  );
  return { id, idLine: 2, number, title: `Lesson ${id}`, summary: '', file: `${id}.md`, pages: pageList, exercises, questions: questionList };
}

export function fakeCourse(lessons: Lesson[]): Course {
  return { id: 'test-pack', title: 'Test pack', description: '', lessons };
}
