import type { Course, CourseOutline, LessonExercises } from './model.js';

/** The outline of a parsed pack: the fields `list` and `progress` show, copied, nothing more. */
export function outlineOf(course: Course): CourseOutline {
  return {
    id: course.id,
    title: course.title,
    description: course.description,
    lessons: course.lessons.map((lesson) => ({
      id: lesson.id,
      number: lesson.number,
      title: lesson.title,
      summary: lesson.summary,
      ...(lesson.minutes === undefined ? {} : { minutes: lesson.minutes }),
      pages: lesson.pages.map((page) => ({ title: page.title })),
      exercises: lesson.exercises.map((exercise) => ({ id: exercise.id, type: exercise.type })),
      questions: lesson.questions.map((question) => ({ id: question.id })),
    })),
  };
}

/** A lesson's exercises in full, with what names the lesson: what `verify` needs. */
export function lessonExercisesOf({ id, number, file, exercises }: LessonExercises): LessonExercises {
  return { id, number, file, exercises };
}
