import { UsageError } from '../errors.js';
import type { Course, Exercise, Lesson } from './model.js';

/** "1–9", or "1, 2, 4" when numbers have gaps: how messages name the lessons that exist. */
export function describeLessonNumbers(course: { lessons: readonly { number: number }[] }): string {
  const numbers = course.lessons.map((lesson) => lesson.number);
  if (numbers.length === 0) return 'none';
  const contiguous = numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
  if (contiguous && numbers.length >= 2) return `${numbers[0]}–${numbers[numbers.length - 1]}`;
  return numbers.join(', ');
}

/** Finds a lesson from what a user typed: its number ("3", "03") or its id ("sql-basics"). */
export function findLesson<L extends { id: string; number: number }>(course: { lessons: readonly L[] }, typed: string): L {
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

/** What checking an exercise needs of its lesson: a full Lesson, or its LessonExercises cache entry. */
export type LessonWithExercises = Pick<Lesson, 'id' | 'number' | 'file' | 'exercises'>;

/** What finding an exercise needs of a lesson: its number, its id, and its exercises' ids in order (an outline has these). */
interface LessonToSearch {
  id: string;
  number: number;
  exercises: readonly { id: string }[];
}

export interface ExerciseRef<L extends LessonWithExercises = Lesson> {
  lesson: L;
  exercise: Exercise;
}

/** The id every screen and `verify --json` shows: "3.2". */
export function exerciseNumber(ref: { lesson: { number: number }; exercise: { position: number } }): string {
  return `${ref.lesson.number}.${ref.exercise.position}`;
}

/** Finds an exercise from "N.M" (lesson number, position from 1) or "lesson-id/exercise-id". */
export function findExercise<L extends LessonToSearch>(course: { lessons: readonly L[] }, typed: string): { lesson: L; exercise: L['exercises'][number] } {
  const text = typed.trim();
  const numbered = /^(\d+)\.(\d+)$/.exec(text);
  const named = /^([^/\s]+)\/([^/\s]+)$/.exec(text);
  if (!numbered && !named) {
    throw new UsageError(`"${text}" is not an exercise id; use the lesson and exercise numbers, like 3.2, or lesson-id/exercise-id.`);
  }
  const lesson = numbered ? findLesson(course, numbered[1]!) : findLesson(course, named![1]!);
  const exercise = numbered ? lesson.exercises[Number(numbered[2]) - 1] : lesson.exercises.find((candidate) => candidate.id === named![2]);
  if (exercise) return { lesson, exercise };
  const count = lesson.exercises.length;
  const available = count === 0 ? 'it has none' : count === 1 ? `its only exercise is ${lesson.number}.1` : `its exercises are ${lesson.number}.1–${lesson.number}.${count}`;
  throw new UsageError(`Lesson ${lesson.number} has no exercise ${numbered ? text : `"${named![2]}"`}; ${available}. Try \`backend-intro lesson ${lesson.number} --print\` to see them.`);
}
