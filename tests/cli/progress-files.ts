// Progress export files for the end-to-end tests: known progress with fixed dates, put into a
// data folder through `progress --import` (the same path a learner's file takes).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempDir } from './pty-helpers.js';

export interface ExportFile {
  format: string;
  version: number;
  exported: string;
  packs: Record<string, { lessons: Record<string, unknown> }>;
}

/** Every page of a lesson read, on `day` of January 2025. */
function pages(count: number, day: number) {
  return Array.from({ length: count }, (_, page) => ({ page, firstReadAt: `2025-01-0${day}T09:0${page}:00.000Z` }));
}

/** Lesson "first" of the mini pack, done: 3 pages, quiz best 3/3 in 2 attempts, 5 minutes. */
export function firstLessonDone() {
  return {
    lastPage: 2,
    timeSpentMs: 300_000,
    firstVisitAt: '2025-01-01T09:00:00.000Z',
    lastVisitAt: '2025-01-02T10:00:00.000Z',
    pagesRead: pages(3, 1),
    quiz: { attempt: 2, attemptOpen: false, finished: 2, bestCorrect: 3, bestTotal: 3, lastFinishedAt: '2025-01-02T10:00:00.000Z' },
    answers: { q1: { attempt: 2, answer: 'Blue', correct: true, answeredAt: '2025-01-02T09:58:00.000Z' } },
    exercises: {},
  };
}

/** Lesson "second": page 1 of 2 read, its exercise passed after one hint, quiz not taken. */
export function secondLessonStarted() {
  return {
    lastPage: 0,
    timeSpentMs: 65_000,
    firstVisitAt: '2025-01-03T09:00:00.000Z',
    lastVisitAt: '2025-01-03T09:30:00.000Z',
    pagesRead: pages(1, 3),
    quiz: null,
    answers: {},
    exercises: {
      'list-products': {
        attempts: 2,
        hintsShown: 1,
        solutionShown: false,
        passedAt: '2025-01-03T09:20:00.000Z',
        passedWithHelp: false,
        hintsBeforePass: 1,
        lastAttemptAt: '2025-01-03T09:20:00.000Z',
      },
    },
  };
}

/** Lesson "second", done: both pages, the quiz and the exercise. */
export function secondLessonDone() {
  return {
    ...secondLessonStarted(),
    lastPage: 1,
    pagesRead: pages(2, 3),
    quiz: { attempt: 1, attemptOpen: false, finished: 1, bestCorrect: 1, bestTotal: 1, lastFinishedAt: '2025-01-03T09:30:00.000Z' },
  };
}

export function exportOf(packs: Record<string, Record<string, unknown>>): ExportFile {
  return {
    format: 'backend-intro-progress',
    version: 1,
    exported: '2025-01-05T12:00:00.000Z',
    packs: Object.fromEntries(Object.entries(packs).map(([id, lessons]) => [id, { lessons }])),
  };
}

/** Writes `file` (an object or raw text) and imports it into `home`; fails the test if that fails. */
export function importInto(home: string, file: ExportFile | string, lessons?: string): void {
  const where = path.join(tempDir('backend-intro-export-'), 'progress.json');
  writeFileSync(where, typeof file === 'string' ? file : JSON.stringify(file));
  const result = runCli(['progress', '--import', where], { home, ...(lessons === undefined ? {} : { lessons }) });
  if (result.status !== 0) throw new Error(`progress --import exited ${result.status}: ${result.stderr}`);
}
