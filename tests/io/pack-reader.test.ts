import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PackFormatError, UsageError } from '../../src/errors.js';
import { readPack } from '../../src/io/pack-reader.js';
import { builtInLessonsDir } from '../../src/io/paths.js';
import { lines, packError, removeDir, tempDir, thrown } from '../helpers/pack.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) removeDir(dir);
  dirs = [];
});

function pack(files: Record<string, string>): string {
  const dir = tempDir('pack');
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const courseYaml = lines('id: tiny', 'title: Tiny course', 'format: 1', 'description: Two small lessons.');
const lessonA = lines('---', 'id: a', 'title: Lesson A', '---', 'Intro of A.', '', '## Second page', 'More.');
const lessonB = lines('---', 'id: b', 'title: Lesson B', 'summary: About B.', '---', '## Only page', 'Text.');

describe('readPack', () => {
  it('reads course.yaml and the NN-name.md lessons in number order, ignoring other files', () => {
    const dir = pack({
      'course.yaml': courseYaml,
      '02-b.md': lessonB,
      '01-a.md': lessonA,
      'notes.md': 'not a lesson, and not even front matter',
      'README.md': '# readme',
      '03-draft.md.bak': 'ignored',
      'data/shop.sql': 'CREATE TABLE t (x);',
    });
    const course = readPack(dir);
    expect(course.id).toBe('tiny');
    expect(course.title).toBe('Tiny course');
    expect(course.description).toBe('Two small lessons.');
    expect(course.lessons.map((lesson) => [lesson.number, lesson.id, lesson.title, lesson.pages.length])).toEqual([
      [1, 'a', 'Lesson A', 2],
      [2, 'b', 'Lesson B', 1],
    ]);
    expect(course.lessons[1]!.summary).toBe('About B.');
    expect(course.lessons[0]!.file).toBe(path.join(dir, '01-a.md'));
  });

  it('orders by number, not by file name, and takes explicit numbers into account', () => {
    const dir = pack({
      'course.yaml': courseYaml,
      '10-ten.md': lines('---', 'id: ten', 'title: Ten', '---', 'x'),
      '9-nine.md': lines('---', 'id: nine', 'title: Nine', '---', 'x'),
      '01-moved.md': lines('---', 'id: moved', 'number: 11', 'title: Moved', '---', 'x'),
    });
    expect(readPack(dir).lessons.map((lesson) => [lesson.number, lesson.id])).toEqual([
      [9, 'nine'],
      [10, 'ten'],
      [11, 'moved'],
    ]);
  });

  it('a missing course.yaml is a PackFormatError naming course.yaml', () => {
    const dir = pack({ '01-a.md': lessonA });
    const error = packError(() => readPack(dir));
    expect(error.file).toBe(path.join(dir, 'course.yaml'));
    expect(error.line).toBeUndefined();
    expect(error.problem).toBe('this file is missing — every lesson pack needs a course.yaml with id, title and "format: 1"');
  });

  it('a missing folder, or a file instead of a folder, is a UsageError', () => {
    const dir = pack({ 'course.yaml': courseYaml });
    for (const target of [path.join(dir, 'nope'), path.join(dir, 'course.yaml')]) {
      const error = thrown(() => readPack(target));
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(`The lesson pack folder ${target} does not exist or cannot be read; check --lessons-dir or BACKEND_INTRO_LESSONS.`);
    }
  });

  it('a broken lesson names its file and line', () => {
    const dir = pack({ 'course.yaml': courseYaml, '01-a.md': lessonA, '02-b.md': lines('---', 'id: b', 'titel: B', '---', 'x') });
    const error = packError(() => readPack(dir));
    expect(error.file).toBe(path.join(dir, '02-b.md'));
    expect(error.line).toBe(3);
    expect(error.problem).toContain('unknown field "titel"');
  });

  it('two files with the same number are rejected', () => {
    const dir = pack({ 'course.yaml': courseYaml, '01-a.md': lessonA, '1-b.md': lessonB });
    const error = packError(() => readPack(dir));
    expect(error).toBeInstanceOf(PackFormatError);
    expect(error.problem).toMatch(/^lesson number 1 is also used by .*01-a\.md/);
  });

  it('a pack with no lessons reads as an empty course', () => {
    expect(readPack(pack({ 'course.yaml': courseYaml })).lessons).toEqual([]);
  });
});

describe('the built-in pack', () => {
  const course = readPack(builtInLessonsDir());

  it('is found beside the sources and has its course metadata', () => {
    expect(builtInLessonsDir()).toBe(path.join(projectRoot, 'lessons'));
    expect(course.id).toBe('backend-intro');
    expect(course.title.length).toBeGreaterThan(0);
  });

  it('has lessons 1 and 2 first, numbered without gaps', () => {
    const numbers = course.lessons.map((lesson) => lesson.number);
    expect(numbers.slice(0, 2)).toEqual([1, 2]);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(course.lessons[0]!.id).toBe('what-is-backend');
    expect(course.lessons[1]!.id).toBe('servers-and-http');
  });

  it.each([1, 2])('lesson %i has at least 4 pages and a quiz of at least 6 questions of all three kinds', (number) => {
    const lesson = course.lessons.find((candidate) => candidate.number === number)!;
    expect(lesson.summary.length).toBeGreaterThan(0);
    expect(lesson.pages.length).toBeGreaterThanOrEqual(4);
    for (const page of lesson.pages) expect(page.blocks.length).toBeGreaterThan(0);
    expect(lesson.questions.length).toBeGreaterThanOrEqual(6);
    expect(new Set(lesson.questions.map((question) => question.kind))).toEqual(new Set(['single', 'multiple', 'text']));
  });
});
