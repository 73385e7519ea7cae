// What `backend-intro validate` checks in a lesson pack, gathered rather than stopped at the first
// problem: the format of every file (through the same parsers every command uses), the sample
// database files the lessons name, and (through solution-audit.ts) that every exercise's
// reference solution passes its own checks while its starter does not.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Lesson } from '../core/model.js';
import type { PackFormatError } from '../errors.js';
import { linksLeavingPack } from './pack-boundary.js';
import { collectPack } from './pack-reader.js';
import { displayPath } from './paths.js';
import { auditSolutions, type PackProblem } from './solution-audit.js';

export type { PackProblem };

export interface PackValidation {
  lessons: number;
  exercises: number;
  questions: number;
  /** Sorted by file, then line. */
  problems: PackProblem[];
}

export interface ValidateOptions {
  /** Called as each exercise's solution is checked: (exercises done, exercises in all). */
  onProgress?: (done: number, total: number) => void;
}

export async function validatePack(dir: string, options: ValidateOptions = {}): Promise<PackValidation> {
  // A pack with links leading out of it is not read any further: reading it would read those files.
  const leaving = linksLeavingPack(dir);
  if (leaving.length > 0) return { lessons: 0, exercises: 0, questions: 0, problems: sortProblems(leaving.map(problemOf)) };
  const collected = collectPack(dir);
  const problems: PackProblem[] = collected.problems.map(problemOf);
  if (collected.lessonFileCount === 0) {
    problems.push({ file: displayPath(dir), line: undefined, message: 'the pack has no lessons — add a lesson file whose name starts with its number, like 01-intro.md' });
  }
  const databases = checkDatabaseFiles(dir, collected.lessons);
  problems.push(...databases.problems);
  problems.push(...(await auditSolutions(dir, collected.lessons, { skipDatabases: databases.missing, ...(options.onProgress ? { onProgress: options.onProgress } : {}) })));
  return {
    lessons: collected.lessonFileCount,
    exercises: collected.lessons.reduce((sum, lesson) => sum + lesson.exercises.length, 0),
    questions: collected.lessons.reduce((sum, lesson) => sum + lesson.questions.length, 0),
    problems: sortProblems(problems),
  };
}

function problemOf(error: PackFormatError): PackProblem {
  return { file: error.file, line: error.line, message: error.problem };
}

/**
 * Every `database: NAME` (a lesson's, or an exercise's own) needs data/NAME.sql in the pack. The
 * lesson parser already refuses names with folders in them (`../x`, `/etc/x`), so a name can only
 * point inside the pack's data/ folder. A missing file is reported once, where it is named.
 */
function checkDatabaseFiles(dir: string, lessons: Lesson[]): { problems: PackProblem[]; missing: Set<string> } {
  const problems: PackProblem[] = [];
  const missing = new Set<string>();
  const exists = (name: string) => {
    try {
      return statSync(path.join(dir, 'data', `${name}.sql`)).isFile();
    } catch {
      return false;
    }
  };
  const report = (file: string, line: number | undefined, prefix: string, name: string) => {
    missing.add(name);
    problems.push({ file, line, message: `${prefix}the database "${name}" needs the file data/${name}.sql, which the pack does not have — add that file, or fix the name` });
  };
  for (const lesson of lessons) {
    if (lesson.database !== undefined && !exists(lesson.database)) report(lesson.file, lesson.databaseLine, '', lesson.database);
    for (const exercise of lesson.exercises) {
      const name = exercise.type === 'js' ? undefined : exercise.database;
      // An exercise that uses the lesson's database shares the problem reported at the front matter.
      if (name === undefined || name === lesson.database || exists(name)) continue;
      report(lesson.file, exercise.line, `exercise ${lesson.number}.${exercise.position} "${exercise.id}": `, name);
    }
  }
  return { problems, missing };
}

function sortProblems(problems: PackProblem[]): PackProblem[] {
  // A stable sort: problems on the same line keep the order they were found in.
  return [...problems].sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
}
