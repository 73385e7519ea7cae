// One summary of a pack's lessons with the learner's progress, shared by list, progress and
// the home menu, in both their text and --json forms.
import type { CourseOutline } from './model.js';
import { checkableExercises, courseSteps, exercisesPassed, lessonStatus, pagesRead, type LessonRecord, type LessonStatus } from './progress-model.js';

export interface LessonOverview {
  number: number;
  id: string;
  title: string;
  summary: string;
  minutes: number | null;
  pages: number;
  exercises: number;
  /** Exercises of kinds this version can check; only these count towards done. */
  exercisesCheckable: number;
  /** Of those, how many have passed. */
  exercisesPassed: number;
  questions: number;
  status: LessonStatus;
  pagesRead: number;
  quiz: { bestCorrect: number; total: number; attempts: number } | null;
  timeSpentMs: number;
  lastVisit: string | null;
}

export interface CourseOverview {
  pack: { id: string; title: string };
  lessons: LessonOverview[];
  done: number;
  percent: number;
  timeSpentMs: number;
}

export function overview(course: CourseOutline, records: ReadonlyMap<string, LessonRecord>): CourseOverview {
  const lessons = course.lessons.map((lesson): LessonOverview => {
    const record = records.get(lesson.id);
    const quiz = record?.quiz;
    return {
      number: lesson.number,
      id: lesson.id,
      title: lesson.title,
      summary: lesson.summary,
      minutes: lesson.minutes ?? null,
      pages: lesson.pages.length,
      exercises: lesson.exercises.length,
      exercisesCheckable: checkableExercises(lesson).length,
      exercisesPassed: exercisesPassed(lesson, record),
      questions: lesson.questions.length,
      status: lessonStatus(lesson, record),
      pagesRead: pagesRead(lesson, record),
      quiz: quiz && quiz.finished > 0 ? { bestCorrect: quiz.bestCorrect, total: quiz.bestTotal, attempts: quiz.finished } : null,
      timeSpentMs: record?.timeSpentMs ?? 0,
      lastVisit: record?.lastVisitAt ?? null,
    };
  });
  const steps = courseSteps(course, records);
  return {
    pack: { id: course.id, title: course.title },
    lessons,
    done: lessons.filter((lesson) => lesson.status === 'done').length,
    percent: steps.total === 0 ? 0 : Math.round((100 * steps.done) / steps.total),
    timeSpentMs: lessons.reduce((sum, lesson) => sum + lesson.timeSpentMs, 0),
  };
}
