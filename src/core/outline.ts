import type { Course, CourseOutline, ExerciseCatalog } from './model.js';

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

/** The exercises of a parsed pack, by lesson: what `verify` needs. */
export function exerciseCatalogOf(course: Course): ExerciseCatalog {
  return { id: course.id, lessons: course.lessons.map(({ id, number, file, exercises }) => ({ id, number, file, exercises })) };
}
