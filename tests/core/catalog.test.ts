import { describe, expect, it } from 'vitest';
import { describeLessonNumbers, findLesson, nextLesson } from '../../src/core/catalog.js';
import { UsageError } from '../../src/errors.js';
import { fakeCourse, fakeLesson, thrown } from '../helpers/pack.js';

const course = fakeCourse([fakeLesson('what-is-backend', 1), fakeLesson('servers', 2)]);

describe('findLesson', () => {
  it('finds a lesson by number, with or without a leading zero, or by id', () => {
    expect(findLesson(course, '2').id).toBe('servers');
    expect(findLesson(course, '02').id).toBe('servers');
    expect(findLesson(course, ' 1 ').id).toBe('what-is-backend');
    expect(findLesson(course, 'servers').number).toBe(2);
  });

  it('an unknown number is a UsageError with the exact message', () => {
    const error = thrown(() => findLesson(course, '12'));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('There is no lesson 12; lessons are 1–2. Try `backend-intro list`.');
    expect((thrown(() => findLesson(course, '012')) as Error).message).toBe('There is no lesson 12; lessons are 1–2. Try `backend-intro list`.');
  });

  it('an unknown id is quoted', () => {
    const error = thrown(() => findLesson(course, 'databases'));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('There is no lesson "databases"; lessons are 1–2. Try `backend-intro list`.');
  });

  it('an empty pack says so', () => {
    const error = thrown(() => findLesson(fakeCourse([]), '1'));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('This lesson pack has no lessons; add an NN-name.md file to it.');
  });
});

describe('describeLessonNumbers', () => {
  it('names ranges, gaps, single lessons and empty packs', () => {
    expect(describeLessonNumbers(fakeCourse([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => fakeLesson(`l${n}`, n))))).toBe('1–9');
    expect(describeLessonNumbers(fakeCourse([1, 2, 4].map((n) => fakeLesson(`l${n}`, n))))).toBe('1, 2, 4');
    expect(describeLessonNumbers(fakeCourse([fakeLesson('only', 3)]))).toBe('3');
    expect(describeLessonNumbers(fakeCourse([]))).toBe('none');
  });

  it('is used in the unknown-lesson message when numbers have gaps', () => {
    const gappy = fakeCourse([1, 2, 4].map((n) => fakeLesson(`l${n}`, n)));
    expect((thrown(() => findLesson(gappy, '3')) as Error).message).toBe('There is no lesson 3; lessons are 1, 2, 4. Try `backend-intro list`.');
  });
});

describe('nextLesson', () => {
  it('returns the following lesson, or undefined after the last', () => {
    const [first, second] = course.lessons;
    expect(nextLesson(course, first!)).toBe(second);
    expect(nextLesson(course, second!)).toBeUndefined();
  });
});
