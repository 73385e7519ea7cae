import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { assembleCourse, parseCourseFile } from '../core/course-parser.js';
import { parseLesson } from '../core/lesson-parser.js';
import type { Course, Lesson } from '../core/model.js';
import { PackFormatError, UsageError } from '../errors.js';
import { displayPath } from './paths.js';

const lessonFileName = /^(\d+)-.+\.md$/;

/** Reads a lesson pack folder: course.yaml plus every NN-name.md file, parsed and checked. */
export function readPack(dir: string): Course {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    entries = readdirSync(dir);
  } catch {
    throw new UsageError(`The lesson pack folder ${displayPath(dir)} does not exist or cannot be read; check --lessons-dir or BACKEND_INTRO_LESSONS.`);
  }
  const courseFile = path.join(dir, 'course.yaml');
  const info = parseCourseFile(readText(courseFile, 'every lesson pack needs a course.yaml with id, title and "format: 1"'), displayPath(courseFile));
  const lessons: Lesson[] = entries
    .filter((name) => lessonFileName.test(name))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      return parseLesson(readText(file, 'check that the file is readable'), displayPath(file), Number(lessonFileName.exec(name)![1]));
    });
  return assembleCourse(info, lessons);
}

function readText(file: string, advice: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'cannot be read';
    throw new PackFormatError(displayPath(file), undefined, `this file ${reason} — ${advice}`);
  }
}
