// The portable form of everything the progress store keeps about one lesson, and the rules for
// merging two of them. `progress --export` writes these, `progress --import` merges them; both
// sides of the merge are the same shape, so the rules are pure and testable without a database.
import { isDeepStrictEqual } from 'node:util';

export interface PageReadSnapshot {
  /** 0-based page index. */
  page: number;
  firstReadAt: string;
}

export interface QuizSnapshot {
  /** Number of the latest attempt started (answers carry the attempt they belong to). */
  attempt: number;
  attemptOpen: boolean;
  /** Completed attempts. */
  finished: number;
  bestCorrect: number;
  bestTotal: number;
  lastFinishedAt: string | null;
}

export interface AnswerSnapshot {
  attempt: number;
  answer: string | string[];
  correct: boolean;
  answeredAt: string;
}

export interface ExerciseSnapshot {
  attempts: number;
  hintsShown: number;
  solutionShown: boolean;
  passedAt: string | null;
  /** The reference solution had been shown when it first passed. */
  passedWithHelp: boolean;
  /** Hints seen when it first passed; null when not passed, or not known (passed before this was kept). */
  hintsBeforePass: number | null;
  lastAttemptAt: string | null;
}

export interface LessonSnapshot {
  lastPage: number;
  timeSpentMs: number;
  firstVisitAt: string;
  lastVisitAt: string;
  /** Sorted by page. */
  pagesRead: PageReadSnapshot[];
  quiz: QuizSnapshot | null;
  /** Keyed by question id: the latest answer to each question. */
  answers: Record<string, AnswerSnapshot>;
  /** Keyed by exercise id. */
  exercises: Record<string, ExerciseSnapshot>;
}

/** Every pack's lessons: pack id → lesson id → snapshot. */
export type PacksSnapshot = Record<string, Record<string, LessonSnapshot>>;

// Timestamps are ISO strings from Date#toISOString (the parser normalises imported ones), so
// comparing them as strings compares them as times.
const earlier = (a: string, b: string) => (b < a ? b : a);
const later = (a: string, b: string) => (b > a ? b : a);
function laterOrNull(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  return b === null ? a : later(a, b);
}

/**
 * Merges what another copy of the progress says about a lesson into what this one says. The
 * result never knows less than either side, and merging the same thing twice changes nothing
 * (merge(merge(a, b), b) equals merge(a, b)); where the two disagree and neither is "more",
 * the local side wins. README's "Moving progress between machines" lists the rules for learners.
 */
export function mergeLesson(local: LessonSnapshot | undefined, incoming: LessonSnapshot): LessonSnapshot {
  if (!local) return incoming;
  const incomingIsNewer = incoming.lastVisitAt > local.lastVisitAt;
  return {
    // The place to resume follows whichever copy was used last.
    lastPage: incomingIsNewer ? incoming.lastPage : local.lastPage,
    // The larger, not the sum: a file cannot tell time already counted from new time, so a sum
    // would grow on every repeated import (and count time twice on a round trip A → B → A).
    timeSpentMs: Math.max(local.timeSpentMs, incoming.timeSpentMs),
    firstVisitAt: earlier(local.firstVisitAt, incoming.firstVisitAt),
    lastVisitAt: later(local.lastVisitAt, incoming.lastVisitAt),
    pagesRead: mergePages(local.pagesRead, incoming.pagesRead),
    quiz: mergeQuiz(local.quiz, incoming.quiz),
    answers: mergeRecords(local.answers, incoming.answers, (a, b) => (b.answeredAt > a.answeredAt ? b : a)),
    exercises: mergeRecords(local.exercises, incoming.exercises, mergeExercise),
  };
}

function mergePages(local: PageReadSnapshot[], incoming: PageReadSnapshot[]): PageReadSnapshot[] {
  const byPage = new Map(local.map((read) => [read.page, read.firstReadAt]));
  for (const read of incoming) {
    const known = byPage.get(read.page);
    byPage.set(read.page, known === undefined ? read.firstReadAt : earlier(known, read.firstReadAt));
  }
  return [...byPage].sort(([a], [b]) => a - b).map(([page, firstReadAt]) => ({ page, firstReadAt }));
}

export function mergeQuiz(local: QuizSnapshot | null, incoming: QuizSnapshot | null): QuizSnapshot | null {
  if (!local) return incoming;
  if (!incoming) return local;
  // The best score is a pair (correct of total): take the whole pair from the better side, as
  // the store does when a quiz finishes. A side that never finished an attempt has no score.
  const incomingBest = incoming.finished > 0 && (local.finished === 0 || incoming.bestCorrect > local.bestCorrect);
  // The attempt in progress belongs to the copy that got furthest; its answers carry its number.
  const incomingAttempt = incoming.attempt > local.attempt;
  return {
    attempt: incomingAttempt ? incoming.attempt : local.attempt,
    attemptOpen: incomingAttempt ? incoming.attemptOpen : local.attemptOpen,
    finished: Math.max(local.finished, incoming.finished),
    bestCorrect: incomingBest ? incoming.bestCorrect : local.bestCorrect,
    bestTotal: incomingBest ? incoming.bestTotal : local.bestTotal,
    lastFinishedAt: laterOrNull(local.lastFinishedAt, incoming.lastFinishedAt),
  };
}

export function mergeExercise(local: ExerciseSnapshot, incoming: ExerciseSnapshot): ExerciseSnapshot {
  const passedAt = local.passedAt === null ? incoming.passedAt : incoming.passedAt === null ? local.passedAt : earlier(local.passedAt, incoming.passedAt);
  // How much help the pass needed comes from the copy whose pass needed the least: one pass
  // without the solution (or without hints), on any machine, shows what the learner can do,
  // and an import only ever adds to a record. So "with help" holds only if every copy that
  // passed it says so.
  const help = [local, incoming].filter((side) => side.passedAt !== null).sort((a, b) => helpNeeded(a) - helpNeeded(b))[0];
  return {
    attempts: Math.max(local.attempts, incoming.attempts),
    hintsShown: Math.max(local.hintsShown, incoming.hintsShown),
    solutionShown: local.solutionShown || incoming.solutionShown,
    passedAt,
    passedWithHelp: help?.passedWithHelp ?? false,
    hintsBeforePass: help?.hintsBeforePass ?? null,
    lastAttemptAt: laterOrNull(local.lastAttemptAt, incoming.lastAttemptAt),
  };
}

/**
 * Orders passes by the help they needed: the solution counts more than any number of hints,
 * and an unknown hint count (a pass recorded before it was kept) ranks after every known one.
 */
function helpNeeded(side: ExerciseSnapshot): number {
  return (side.passedWithHelp ? 1e9 : 0) + (side.hintsBeforePass ?? 1e6);
}

function mergeRecords<T>(local: Record<string, T>, incoming: Record<string, T>, merge: (local: T, incoming: T) => T): Record<string, T> {
  // A Map, not assignment into an object: ids come from a file, and "__proto__" is a valid one.
  const merged = new Map(Object.entries(local));
  for (const [key, value] of Object.entries(incoming)) {
    const known = merged.get(key);
    merged.set(key, known === undefined ? value : merge(known, value));
  }
  return Object.fromEntries(merged);
}

/** Whether two snapshots say the same thing (key order aside). */
export function sameLesson(a: LessonSnapshot | undefined, b: LessonSnapshot | undefined): boolean {
  return isDeepStrictEqual(a, b);
}
