import type { CourseOutline, LessonOutline } from './model.js';

// What the progress store knows about one lesson, and the pure rules that turn it into the
// status, percentages and "continue" target that every screen shows.

export interface QuizRecord {
  /** Completed attempts. */
  finished: number;
  /** An attempt was started and not finished: the next `quiz` resumes it. */
  attemptOpen: boolean;
  attempt: number;
  bestCorrect: number;
  bestTotal: number;
  lastFinishedAt?: string;
}

export interface AnswerRecord {
  correct: boolean;
  attempt: number;
}

export interface ExerciseRecord {
  attempts: number;
  hintsShown: number;
  solutionShown: boolean;
  /** When it first passed; absent until then. */
  passedAt?: string;
  /** It passed after the reference solution had been shown. */
  passedWithHelp: boolean;
  /** Hints seen before it first passed; absent when not passed (or passed before this was kept). */
  hintsBeforePass?: number;
}

export interface LessonRecord {
  lessonId: string;
  /** 0-based index of the page last shown. */
  lastPage: number;
  pagesRead: ReadonlySet<number>;
  timeSpentMs: number;
  firstVisitAt: string;
  lastVisitAt: string;
  quiz?: QuizRecord;
  answers: ReadonlyMap<string, AnswerRecord>;
  exercises: ReadonlyMap<string, ExerciseRecord>;
}

/** Failed tries after which the reference solution may be shown. */
export const triesBeforeSolution = 3;

/** Whether the reference solution may be shown: after a pass, once shown, or after enough tries. */
export function solutionOpen(record: ExerciseRecord | undefined): boolean {
  return record?.passedAt !== undefined || record?.solutionShown === true || (record?.attempts ?? 0) >= triesBeforeSolution;
}

/** Exercise types this version can check; the others would be shown but not count. */
export const checkableExerciseTypes: ReadonlySet<string> = new Set(['sql', 'http', 'js']);

/** The lesson's exercises that this version can check, the ones that count. */
export function checkableExercises<E extends { type: string }>(lesson: { exercises: readonly E[] }): E[] {
  return lesson.exercises.filter((exercise) => checkableExerciseTypes.has(exercise.type));
}

/** How many of the lesson's checkable exercises have passed. */
export function exercisesPassed(lesson: LessonOutline, record: LessonRecord | undefined): number {
  if (!record) return 0;
  return checkableExercises(lesson).filter((exercise) => record.exercises.get(exercise.id)?.passedAt !== undefined).length;
}

export type LessonStatus = 'not started' | 'in progress' | 'done';

function quizDone(lesson: LessonOutline, record: LessonRecord): boolean {
  return lesson.questions.length === 0 || (record.quiz?.finished ?? 0) > 0;
}

/** How many of the lesson's pages have been shown at least once. */
export function pagesRead(lesson: LessonOutline, record: LessonRecord | undefined): number {
  if (!record) return 0;
  return lesson.pages.filter((_, index) => record.pagesRead.has(index)).length;
}

/** Done means every page read, the quiz finished at least once, and every exercise passed. */
export function lessonStatus(lesson: LessonOutline, record: LessonRecord | undefined): LessonStatus {
  if (!record) return 'not started';
  const allDone =
    pagesRead(lesson, record) === lesson.pages.length && quizDone(lesson, record) && exercisesPassed(lesson, record) === checkableExercises(lesson).length;
  return allDone ? 'done' : 'in progress';
}

/** Steps of a lesson: each page, each checkable exercise, and the quiz as one step. */
export function lessonSteps(lesson: LessonOutline, record: LessonRecord | undefined): { done: number; total: number } {
  const total = lesson.pages.length + checkableExercises(lesson).length + (lesson.questions.length > 0 ? 1 : 0);
  if (!record) return { done: 0, total };
  const quizStep = lesson.questions.length > 0 && quizDone(lesson, record) ? 1 : 0;
  return { done: pagesRead(lesson, record) + exercisesPassed(lesson, record) + quizStep, total };
}

export function courseSteps(course: CourseOutline, records: ReadonlyMap<string, LessonRecord>): { done: number; total: number } {
  return course.lessons.reduce(
    (sum, lesson) => {
      const steps = lessonSteps(lesson, records.get(lesson.id));
      return { done: sum.done + steps.done, total: sum.total + steps.total };
    },
    { done: 0, total: 0 },
  );
}

export interface ContinueTarget<L extends LessonOutline = LessonOutline> {
  lesson: L;
  page: number;
  /** Whether the learner has been here before (so "Continue" rather than "Start"). */
  resumed: boolean;
}

/**
 * Where "continue where you left off" goes: the most recently visited lesson that is not done,
 * at its last page; else the first lesson not done; else undefined (the course is complete).
 */
export function continueTarget<L extends LessonOutline>(course: { lessons: L[] }, records: ReadonlyMap<string, LessonRecord>): ContinueTarget<L> | undefined {
  const unfinished = course.lessons.filter((lesson) => lessonStatus(lesson, records.get(lesson.id)) !== 'done');
  const visited = unfinished
    .filter((lesson) => records.has(lesson.id))
    .sort((a, b) => records.get(b.id)!.lastVisitAt.localeCompare(records.get(a.id)!.lastVisitAt));
  const latest = visited[0];
  if (latest) return { lesson: latest, page: clampPage(latest, records.get(latest.id)!.lastPage), resumed: true };
  const first = unfinished[0];
  return first ? { lesson: first, page: 0, resumed: false } : undefined;
}

export function clampPage(lesson: LessonOutline, page: number): number {
  return Math.min(Math.max(page, 0), lesson.pages.length - 1);
}
