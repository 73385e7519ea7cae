import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { assembleCourse, lessonClashes, parseCourseFile, type CourseInfo } from '../core/course-parser.js';
import { parseLesson } from '../core/lesson-parser.js';
import type { Course, Lesson } from '../core/model.js';
import { PackFormatError, UsageError } from '../errors.js';
import { displayPath } from './paths.js';

const lessonFileName = /^(\d+)-.+\.md$/;

/** Reads a lesson pack folder: course.yaml plus every NN-name.md file, parsed and checked. */
export function readPack(dir: string): Course {
  const lessonFiles = listLessonFiles(dir);
  const info = parseCourseFile(readText(courseFile(dir), 'every lesson pack needs a course.yaml with id, title and "format: 1"'), displayPath(courseFile(dir)));
  const lessons: Lesson[] = lessonFiles.map((name) => {
    const file = path.join(dir, name);
    return parseLesson(readText(file, 'check that the file is readable'), displayPath(file), numberFromName(name));
  });
  return assembleCourse(info, lessons);
}

/** What `validate` gets from reading a pack: everything that parsed, and every problem on the way. */
export interface CollectedPack {
  /** Undefined when course.yaml has a problem. */
  info: CourseInfo | undefined;
  /** The lessons that parsed, in file-name order (possibly missing broken exercise or quiz blocks). */
  lessons: Lesson[];
  /** How many lesson files the folder has, parsed or not. */
  lessonFileCount: number;
  problems: PackFormatError[];
}

/**
 * Reads a pack like readPack, but goes on after a problem: course.yaml and each lesson file on
 * their own, every broken exercise or quiz block, then the numbers and ids shared across files.
 */
export function collectPack(dir: string): CollectedPack {
  const lessonFiles = listLessonFiles(dir);
  const problems: PackFormatError[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof PackFormatError)) throw error;
      problems.push(error);
      return undefined;
    }
  };
  const info = attempt(() =>
    parseCourseFile(readText(courseFile(dir), 'every lesson pack needs a course.yaml with id, title and "format: 1"'), displayPath(courseFile(dir))),
  );
  const lessons: Lesson[] = [];
  for (const name of lessonFiles) {
    const file = path.join(dir, name);
    const lesson = attempt(() => parseLesson(readText(file, 'check that the file is readable'), displayPath(file), numberFromName(name), problems));
    if (lesson) lessons.push(lesson);
  }
  problems.push(...lessonClashes(lessons));
  return { info, lessons, lessonFileCount: lessonFiles.length, problems };
}

/** The lesson files of a pack folder in order; a folder that cannot be listed is a usage error. */
function listLessonFiles(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    return readdirSync(dir)
      .filter((name) => lessonFileName.test(name))
      .sort();
  } catch {
    throw new UsageError(`The lesson pack folder ${displayPath(dir)} does not exist or cannot be read; check --lessons-dir or BACKEND_INTRO_LESSONS.`);
  }
}

const courseFile = (dir: string) => path.join(dir, 'course.yaml');
const numberFromName = (name: string) => Number(lessonFileName.exec(name)![1]);

function readText(file: string, advice: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'cannot be read';
    throw new PackFormatError(displayPath(file), undefined, `this file ${reason} — ${advice}`);
  }
}
