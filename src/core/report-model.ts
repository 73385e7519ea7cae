// What a learner hands in: one pack's lessons with status, pages, quiz, exercises (and which
// needed help), time and dates. `report --json` prints this object as it is; the text and
// Markdown views (src/ui/report-view.ts) only lay it out.
import { exerciseNumber } from './catalog.js';
import type { Course, ExerciseType } from './model.js';
import { checkableExercises, courseSteps, lessonStatus, pagesRead, type LessonRecord, type LessonStatus } from './progress-model.js';

export const reportFormatName = 'backend-intro-report';
export const reportFormatVersion = 1;

export interface ProgressReport {
  format: typeof reportFormatName;
  version: number;
  /** When the report was made (ISO). */
  generated: string;
  /** Only when the learner gave one with --name. */
  learner?: string;
  pack: { id: string; title: string };
  /** Share of all steps done (pages, exercises, quizzes), as list and progress count them. */
  percent: number;
  lessonsDone: number;
  lessonsTotal: number;
  timeSpentMs: number;
  lessons: LessonReport[];
}

export interface LessonReport {
  number: number;
  id: string;
  title: string;
  status: LessonStatus;
  pages: { read: number; total: number };
  /** Null when the lesson has no quiz; best is null until an attempt is finished. */
  quiz: { questions: number; attempts: number; best: { correct: number; total: number } | null } | null;
  exercises: { total: number; passed: number; passedWithHelp: number; items: ExerciseReport[] };
  timeSpentMs: number;
  firstVisit: string | null;
  lastVisit: string | null;
}

export interface ExerciseReport {
  /** "3.2": lesson number and position, as every screen names it. */
  number: string;
  id: string;
  type: ExerciseType;
  passed: boolean;
  passedAt: string | null;
  attempts: number;
  /** Every hint looked at, before or after passing. */
  hintsShown: number;
  /** Hints looked at before it passed (0 when not passed). */
  hintsBeforePass: number;
  /** The reference solution was shown before it passed. */
  solutionShownBeforePass: boolean;
  /** Passed after a hint or the solution had been shown. */
  withHelp: boolean;
}

export function buildReport(course: Course, records: ReadonlyMap<string, LessonRecord>, generated: Date, learner?: string): ProgressReport {
  const lessons = course.lessons.map((lesson): LessonReport => {
    const record = records.get(lesson.id);
    const quiz = record?.quiz;
    const items = checkableExercises(lesson).map((exercise): ExerciseReport => {
      const seen = record?.exercises.get(exercise.id);
      const passed = seen?.passedAt !== undefined;
      const solutionShownBeforePass = passed && seen!.passedWithHelp;
      // Hints looked at after the pass are not help; for passes recorded before that was
      // kept, every hint shown counts.
      const hintsBeforePass = passed ? (seen!.hintsBeforePass ?? seen!.hintsShown) : 0;
      return {
        number: exerciseNumber({ lesson, exercise }),
        id: exercise.id,
        type: exercise.type,
        passed,
        passedAt: seen?.passedAt ?? null,
        attempts: seen?.attempts ?? 0,
        hintsShown: seen?.hintsShown ?? 0,
        hintsBeforePass,
        solutionShownBeforePass,
        withHelp: solutionShownBeforePass || hintsBeforePass > 0,
      };
    });
    return {
      number: lesson.number,
      id: lesson.id,
      title: lesson.title,
      status: lessonStatus(lesson, record),
      pages: { read: pagesRead(lesson, record), total: lesson.pages.length },
      quiz:
        lesson.questions.length === 0
          ? null
          : {
              questions: lesson.questions.length,
              attempts: quiz?.finished ?? 0,
              best: quiz && quiz.finished > 0 ? { correct: quiz.bestCorrect, total: quiz.bestTotal } : null,
            },
      exercises: {
        total: items.length,
        passed: items.filter((item) => item.passed).length,
        passedWithHelp: items.filter((item) => item.withHelp).length,
        items,
      },
      timeSpentMs: record?.timeSpentMs ?? 0,
      firstVisit: record?.firstVisitAt ?? null,
      lastVisit: record?.lastVisitAt ?? null,
    };
  });
  const steps = courseSteps(course, records);
  const name = learner?.trim();
  return {
    format: reportFormatName,
    version: reportFormatVersion,
    generated: generated.toISOString(),
    ...(name ? { learner: name } : {}),
    pack: { id: course.id, title: course.title },
    percent: steps.total === 0 ? 0 : Math.round((100 * steps.done) / steps.total),
    lessonsDone: lessons.filter((lesson) => lesson.status === 'done').length,
    lessonsTotal: lessons.length,
    timeSpentMs: lessons.reduce((sum, lesson) => sum + lesson.timeSpentMs, 0),
    lessons,
  };
}
