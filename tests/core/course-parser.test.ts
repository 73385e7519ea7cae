import { describe, expect, it } from 'vitest';
import { assembleCourse, parseCourseFile, supportedFormat, type CourseInfo } from '../../src/core/course-parser.js';
import { parseLesson } from '../../src/core/lesson-parser.js';
import { lines, packError } from '../helpers/pack.js';

const info: CourseInfo = { id: 'pack', title: 'Pack', description: '' };

function lesson(id: string, number: number, file = `${String(number).padStart(2, '0')}-${id}.md`) {
  return parseLesson(lines('---', `id: ${id}`, `title: ${id}`, '---', 'Text.'), file, number);
}

describe('parseCourseFile', () => {
  it('reads id, title, format and description', () => {
    expect(supportedFormat).toBe(1);
    const course = parseCourseFile(lines('id: my-course', 'title: Backend basics', 'format: 1', 'description: |', '  Two lines', '  of text.'), 'course.yaml');
    expect(course).toEqual({ id: 'my-course', title: 'Backend basics', description: 'Two lines\nof text.\n' });
  });

  it('description is optional; BOM and CRLF are fine', () => {
    expect(parseCourseFile('\uFEFFid: c\r\ntitle: C\r\nformat: 1\r\n', 'course.yaml')).toEqual({ id: 'c', title: 'C', description: '' });
  });

  it('requires id, title and format', () => {
    const noId = packError(() => parseCourseFile(lines('title: T', 'format: 1'), 'p/course.yaml'));
    expect([noId.file, noId.line]).toEqual(['p/course.yaml', 1]);
    expect(noId.problem).toBe('course.yaml: "id" is required — for example "id: my-course"');
    const noTitle = packError(() => parseCourseFile(lines('id: c', 'format: 1'), 'course.yaml'));
    expect(noTitle.problem).toBe('course.yaml: "title" is required — for example "title: Backend basics"');
    const noFormat = packError(() => parseCourseFile(lines('id: c', 'title: T'), 'course.yaml'));
    expect(noFormat.line).toBe(1);
    expect(noFormat.problem).toBe('course.yaml: "format" is required — write "format: 1"');
  });

  it('format 2 asks the user to update backend-intro, on the format line', () => {
    const error = packError(() => parseCourseFile(lines('id: c', 'title: T', 'format: 2'), 'course.yaml'));
    expect(error.line).toBe(3);
    expect(error.problem).toBe('course.yaml: this pack uses format 2, but this version of backend-intro reads format 1 — update backend-intro');
  });

  it.each([['format: 0'], ['format: "1"'], ['format: 1.5']])('%s is not a valid format', (field) => {
    const error = packError(() => parseCourseFile(lines('id: c', 'title: T', field), 'course.yaml'));
    expect(error.line).toBe(3);
    expect(error.problem).toContain('"format" must be a positive whole number');
  });

  it('rejects unknown fields on their line', () => {
    const error = packError(() => parseCourseFile(lines('id: c', 'title: T', 'format: 1', 'author: Me'), 'course.yaml'));
    expect(error.line).toBe(4);
    expect(error.problem).toBe('course.yaml: unknown field "author" — the fields allowed here are: id, title, format, description');
  });

  it('rejects a file that is not a mapping, and invalid YAML', () => {
    const list = packError(() => parseCourseFile(lines('- id: c'), 'course.yaml'));
    expect(list.problem).toContain('course.yaml must be a YAML mapping');
    const empty = packError(() => parseCourseFile('', 'course.yaml'));
    expect(empty.problem).toContain('but it is nothing');
    const bad = packError(() => parseCourseFile(lines('id: c', 'title: [oops'), 'course.yaml'));
    expect(bad.problem).toMatch(/^the course file is not valid YAML/);
  });
});

describe('assembleCourse', () => {
  it('sorts lessons by number', () => {
    const course = assembleCourse(info, [lesson('c', 10), lesson('a', 2), lesson('b', 9)]);
    expect(course.id).toBe('pack');
    expect(course.lessons.map((item) => [item.number, item.id])).toEqual([
      [2, 'a'],
      [9, 'b'],
      [10, 'c'],
    ]);
  });

  it('an empty pack is allowed', () => {
    expect(assembleCourse(info, []).lessons).toEqual([]);
  });

  it('rejects two lessons with the same number, naming both files', () => {
    const error = packError(() => assembleCourse(info, [lesson('a', 3, '03-a.md'), lesson('b', 1), lesson('c', 3, '03-c.md')]));
    expect(error.file).toBe('03-c.md');
    // No "number:" field: the number comes from the file name, and the fix starts at line 1.
    expect(error.line).toBe(1);
    expect(error.problem).toBe('lesson number 3 is also used by 03-a.md — give each lesson its own number');
  });

  it('rejects two lessons with the same id', () => {
    const error = packError(() => assembleCourse(info, [lesson('same', 1, '01-a.md'), lesson('same', 2, '02-b.md')]));
    expect(error.file).toBe('01-a.md');
    expect(error.line).toBe(2);
    expect(error.problem).toBe('the lesson id "same" is also used by 02-b.md — lesson ids must be unique in a pack');
  });

  it('a duplicate lesson id is reported on the line of its "id:" field', () => {
    const a = parseLesson(lines('---', 'number: 1', 'title: A', 'id: same', '---', 'Text.'), '01-a.md');
    const b = parseLesson(lines('---', 'id: same', 'title: B', '---', 'Text.'), '02-b.md', 2);
    const error = packError(() => assembleCourse(info, [a, b]));
    expect(error.file).toBe('01-a.md');
    expect(error.line).toBe(4);
  });
});
