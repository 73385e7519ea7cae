// The file `progress --export` writes and `progress --import` reads:
//   { "format": "backend-intro-progress", "version": 1, "exported": <ISO time>,
//     "packs": { <pack id>: { "lessons": { <lesson id>: <LessonSnapshot> } } } }
// Parsing checks every field before anything is merged, so a bad file changes nothing.
import { UsageError } from '../errors.js';
import type { AnswerSnapshot, ExerciseSnapshot, LessonSnapshot, PacksSnapshot, PageReadSnapshot, QuizSnapshot } from './progress-snapshot.js';

export const exportFormatName = 'backend-intro-progress';
/** Bump when the shape changes in a way an older version could not read; keep reading older ones. */
export const exportFormatVersion = 1;

export interface ProgressExport {
  format: typeof exportFormatName;
  version: number;
  exported: string;
  packs: Record<string, { lessons: Record<string, LessonSnapshot> }>;
}

export function buildProgressExport(packs: PacksSnapshot, exportedAt: Date): ProgressExport {
  return {
    format: exportFormatName,
    version: exportFormatVersion,
    exported: exportedAt.toISOString(),
    packs: Object.fromEntries(Object.entries(packs).map(([packId, lessons]) => [packId, { lessons }])),
  };
}

/** Whether `text` is a progress export of any version (to decide whether overwriting it is safe). */
export function looksLikeProgressExport(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return isObject(value) && value.format === exportFormatName;
  } catch {
    return false;
  }
}

/** A field that is not what the format says: where it is and what it should be. */
class FieldProblem extends Error {
  constructor(
    readonly where: string,
    readonly expected: string,
  ) {
    super(`${where} should be ${expected}`);
  }
}

/**
 * Reads an export file's text into pack → lesson → snapshot, with timestamps normalised to
 * toISOString form. Throws a UsageError (one sentence naming `source`) when the text is not
 * JSON, not a progress export, from a newer version, or has a field of the wrong kind.
 */
export function parseProgressExport(text: string, source: string): PacksSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new UsageError(`${source} is not a progress export (it is not valid JSON); make one with \`backend-intro progress --export <file>\`.`);
  }
  if (!isObject(value) || value.format !== exportFormatName) {
    throw new UsageError(`${source} is not a backend-intro progress export (it has no "format": "${exportFormatName}"); make one with \`backend-intro progress --export <file>\`.`);
  }
  if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 1) {
    throw new UsageError(`${source} has no valid format version ("version" should be a whole number from 1); export it again with \`backend-intro progress --export <file>\`.`);
  }
  if (value.version > exportFormatVersion) {
    throw new UsageError(`${source} was exported by a newer backend-intro (format version ${value.version}; this one reads ${exportFormatVersion}); update backend-intro to import it.`);
  }
  try {
    return readPacks(value.packs);
  } catch (error) {
    if (!(error instanceof FieldProblem)) throw error;
    throw new UsageError(`${source} is not a valid progress export: ${error.where} should be ${error.expected}; export it again with \`backend-intro progress --export <file>\`.`);
  }
}

function readPacks(value: unknown): PacksSnapshot {
  const packs = entriesOf(value, 'packs');
  return Object.fromEntries(
    packs.map(([packId, pack]) => {
      const where = `packs[${JSON.stringify(packId)}]`;
      nonEmptyKey(packId, 'packs', 'pack id');
      const lessons = entriesOf(isObject(pack) ? pack.lessons : undefined, `${where}.lessons`);
      return [packId, Object.fromEntries(lessons.map(([lessonId, lesson]) => {
        nonEmptyKey(lessonId, `${where}.lessons`, 'lesson id');
        return [lessonId, readLesson(lesson, `${where}.lessons[${JSON.stringify(lessonId)}]`)];
      }))];
    }),
  );
}

function readLesson(value: unknown, where: string): LessonSnapshot {
  const lesson = objectAt(value, where);
  const pagesRead = arrayAt(lesson.pagesRead, `${where}.pagesRead`).map((read, index): PageReadSnapshot => {
    const at = `${where}.pagesRead[${index}]`;
    const item = objectAt(read, at);
    return { page: count(item.page, `${at}.page`), firstReadAt: time(item.firstReadAt, `${at}.firstReadAt`) };
  });
  return {
    lastPage: count(lesson.lastPage, `${where}.lastPage`),
    timeSpentMs: count(lesson.timeSpentMs, `${where}.timeSpentMs`),
    firstVisitAt: time(lesson.firstVisitAt, `${where}.firstVisitAt`),
    lastVisitAt: time(lesson.lastVisitAt, `${where}.lastVisitAt`),
    pagesRead: onePerPage(pagesRead),
    quiz: lesson.quiz === null || lesson.quiz === undefined ? null : readQuiz(lesson.quiz, `${where}.quiz`),
    answers: Object.fromEntries(entriesOf(lesson.answers ?? {}, `${where}.answers`).map(([id, answer]) => [id, readAnswer(answer, `${where}.answers[${JSON.stringify(id)}]`)])),
    exercises: Object.fromEntries(entriesOf(lesson.exercises ?? {}, `${where}.exercises`).map(([id, exercise]) => [id, readExercise(exercise, `${where}.exercises[${JSON.stringify(id)}]`)])),
  };
}

/** One entry per page, in page order, as the store gives them; a page listed twice keeps its earliest read. */
function onePerPage(reads: PageReadSnapshot[]): PageReadSnapshot[] {
  const byPage = new Map<number, string>();
  for (const { page, firstReadAt } of reads) {
    const known = byPage.get(page);
    if (known === undefined || firstReadAt < known) byPage.set(page, firstReadAt);
  }
  return [...byPage].sort(([a], [b]) => a - b).map(([page, firstReadAt]) => ({ page, firstReadAt }));
}

function readQuiz(value: unknown, where: string): QuizSnapshot {
  const quiz = objectAt(value, where);
  return {
    attempt: count(quiz.attempt, `${where}.attempt`),
    attemptOpen: flag(quiz.attemptOpen, `${where}.attemptOpen`),
    finished: count(quiz.finished, `${where}.finished`),
    bestCorrect: count(quiz.bestCorrect, `${where}.bestCorrect`),
    bestTotal: count(quiz.bestTotal, `${where}.bestTotal`),
    lastFinishedAt: optionalTime(quiz.lastFinishedAt, `${where}.lastFinishedAt`),
  };
}

function readAnswer(value: unknown, where: string): AnswerSnapshot {
  const answer = objectAt(value, where);
  const given = answer.answer;
  if (typeof given !== 'string' && !(Array.isArray(given) && given.every((item) => typeof item === 'string'))) {
    throw new FieldProblem(`${where}.answer`, 'a string or a list of strings');
  }
  return {
    attempt: count(answer.attempt, `${where}.attempt`),
    answer: given,
    correct: flag(answer.correct, `${where}.correct`),
    answeredAt: time(answer.answeredAt, `${where}.answeredAt`),
  };
}

function readExercise(value: unknown, where: string): ExerciseSnapshot {
  const exercise = objectAt(value, where);
  const passedAt = optionalTime(exercise.passedAt, `${where}.passedAt`);
  return {
    attempts: count(exercise.attempts, `${where}.attempts`),
    hintsShown: count(exercise.hintsShown, `${where}.hintsShown`),
    solutionShown: flag(exercise.solutionShown, `${where}.solutionShown`),
    passedAt,
    // Only a pass can have been "with help".
    passedWithHelp: flag(exercise.passedWithHelp, `${where}.passedWithHelp`) && passedAt !== null,
    hintsBeforePass: passedAt === null || exercise.hintsBeforePass === undefined || exercise.hintsBeforePass === null ? null : count(exercise.hintsBeforePass, `${where}.hintsBeforePass`),
    lastAttemptAt: optionalTime(exercise.lastAttemptAt, `${where}.lastAttemptAt`),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, where: string): Record<string, unknown> {
  if (!isObject(value)) throw new FieldProblem(where, 'an object');
  return value;
}

function entriesOf(value: unknown, where: string): [string, unknown][] {
  return Object.entries(objectAt(value, where));
}

function arrayAt(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new FieldProblem(where, 'a list');
  return value;
}

function nonEmptyKey(key: string, where: string, what: string): void {
  if (key.trim() === '') throw new FieldProblem(where, `keyed by a non-empty ${what}`);
}

function count(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new FieldProblem(where, 'a whole number, 0 or more');
  return value;
}

function flag(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new FieldProblem(where, 'true or false');
  return value;
}

function time(value: unknown, where: string): string {
  const parsed = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) throw new FieldProblem(where, 'an ISO date and time such as "2025-01-31T12:00:00.000Z"');
  return parsed.toISOString();
}

function optionalTime(value: unknown, where: string): string | null {
  return value === null || value === undefined ? null : time(value, where);
}
