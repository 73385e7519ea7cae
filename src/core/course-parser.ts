import { PackFormatError } from '../errors.js';
import { FieldReader } from './fields.js';
import { normalizeText } from './lesson-parser.js';
import type { Course, Lesson } from './model.js';
import { YamlSource } from './yaml-source.js';

/** The pack format this version reads; course.yaml's `format` must not be newer. */
export const supportedFormat = 1;

export type CourseInfo = Omit<Course, 'lessons'>;

/** Parses course.yaml. Pure. */
export function parseCourseFile(text: string, file: string): CourseInfo {
  const source = YamlSource.parse(normalizeText(text), file, 1, 'course file');
  const fields: FieldReader = FieldReader.at(source, [], source.value, 'course.yaml');
  fields.allowOnly(['id', 'title', 'format', 'description']);
  const id = fields.id('id', '"id: my-course"');
  const title = fields.requiredText('title', '"title: Backend basics"');
  const format = fields.positiveNumber('format', { integer: true });
  if (format === undefined) fields.fail('format', `"format" is required — write "format: ${supportedFormat}"`);
  if (format > supportedFormat) {
    fields.fail('format', `this pack uses format ${format}, but this version of backend-intro reads format ${supportedFormat} — update backend-intro`);
  }
  return { id, title, description: fields.text('description') ?? '' };
}

/** Puts lessons in order and checks that numbers and ids are unique across the pack. */
export function assembleCourse(info: CourseInfo, lessons: Lesson[]): Course {
  const clash = lessonClashes(lessons)[0];
  if (clash) throw clash;
  return { ...info, lessons: [...lessons].sort((a, b) => a.number - b.number) };
}

/**
 * Every lesson whose number or id another lesson of the pack already has, one problem each (the
 * later file of a pair is the one named). `validate` lists them all; assembleCourse stops at the first.
 */
export function lessonClashes(lessons: Lesson[]): PackFormatError[] {
  const sorted = [...lessons].sort((a, b) => a.number - b.number);
  const problems: PackFormatError[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const [before, lesson] = [sorted[i - 1]!, sorted[i]!];
    if (before.number === lesson.number) {
      // With no "number:" field the number is the file name's prefix: the fix starts at the top of the file.
      problems.push(new PackFormatError(lesson.file, lesson.numberLine ?? 1, `lesson number ${lesson.number} is also used by ${before.file} — give each lesson its own number`));
    }
  }
  for (const lesson of sorted) {
    const twin = sorted.find((other) => other !== lesson && other.id === lesson.id);
    if (twin) problems.push(new PackFormatError(lesson.file, lesson.idLine, `the lesson id "${lesson.id}" is also used by ${twin.file} — lesson ids must be unique in a pack`));
  }
  return problems;
}
