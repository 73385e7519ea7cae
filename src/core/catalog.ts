import { UsageError } from '../errors.js';
import type { Course, Lesson } from './model.js';

/** "1–9", or "1, 2, 4" when numbers have gaps: how messages name the lessons that exist. */
export function describeLessonNumbers(course: Course): string {
  const numbers = course.lessons.map((lesson) => lesson.number);
  if (numbers.length === 0) return 'none';
  const contiguous = numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
  if (contiguous && numbers.length >= 2) return `${numbers[0]}–${numbers[numbers.length - 1]}`;
  return numbers.join(', ');
}

/** Finds a lesson from what a user typed: its number ("3", "03") or its id ("sql-basics"). */
export function findLesson(course: Course, typed: string): Lesson {
  const text = typed.trim();
  const lesson = /^\d+$/.test(text)
    ? course.lessons.find((candidate) => candidate.number === Number(text))
    : course.lessons.find((candidate) => candidate.id === text);
  if (lesson) return lesson;
  if (course.lessons.length === 0) throw new UsageError(`This lesson pack has no lessons; add an NN-name.md file to it.`);
  const what = /^\d+$/.test(text) ? `lesson ${Number(text)}` : `lesson "${text}"`;
  return failUnknown(`There is no ${what}; lessons are ${describeLessonNumbers(course)}. Try \`backend-intro list\`.`);
}

function failUnknown(message: string): never {
  throw new UsageError(message);
}

export function nextLesson(course: Course, lesson: Lesson): Lesson | undefined {
  return course.lessons[course.lessons.indexOf(lesson) + 1];
}
