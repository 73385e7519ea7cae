import { describe, expect, it } from 'vitest';
import {
  clampPage,
  continueTarget,
  courseSteps,
  lessonStatus,
  lessonSteps,
  pagesRead,
  type LessonRecord,
  type QuizRecord,
} from '../../src/core/progress-model.js';
import { fakeCourse, fakeLesson } from '../helpers/pack.js';

function record(
  lessonId: string,
  { read = [] as number[], lastPage = 0, lastVisitAt = '2025-01-01T10:00:00.000Z', quiz = undefined as QuizRecord | undefined, passed = [] as string[] } = {},
): LessonRecord {
  return {
    lessonId,
    lastPage,
    pagesRead: new Set(read),
    timeSpentMs: 0,
    firstVisitAt: '2025-01-01T09:00:00.000Z',
    lastVisitAt,
    ...(quiz ? { quiz } : {}),
    answers: new Map(),
    exercises: new Map(passed.map((id) => [id, { attempts: 1, hintsShown: 0, solutionShown: false, passedAt: '2025-01-01T10:00:00.000Z', passedWithHelp: false }])),
  };
}

const finishedQuiz: QuizRecord = { finished: 1, attemptOpen: false, attempt: 1, bestCorrect: 2, bestTotal: 3 };
const openQuiz: QuizRecord = { finished: 0, attemptOpen: true, attempt: 1, bestCorrect: 0, bestTotal: 0 };

describe('lessonStatus and lessonSteps', () => {
  const lesson = fakeLesson('a', 1, { pages: 3, questions: 2 });

  it('not started without a record', () => {
    expect(lessonStatus(lesson, undefined)).toBe('not started');
    expect(lessonSteps(lesson, undefined)).toEqual({ done: 0, total: 4 });
    expect(pagesRead(lesson, undefined)).toBe(0);
  });

  it('in progress when some pages are read', () => {
    const some = record('a', { read: [0, 2] });
    expect(lessonStatus(lesson, some)).toBe('in progress');
    expect(lessonSteps(lesson, some)).toEqual({ done: 2, total: 4 });
  });

  it('all pages read but quiz not finished is still in progress', () => {
    expect(lessonStatus(lesson, record('a', { read: [0, 1, 2] }))).toBe('in progress');
    expect(lessonStatus(lesson, record('a', { read: [0, 1, 2], quiz: openQuiz }))).toBe('in progress');
    expect(lessonSteps(lesson, record('a', { read: [0, 1, 2], quiz: openQuiz }))).toEqual({ done: 3, total: 4 });
  });

  it('quiz finished but a page unread is still in progress', () => {
    const r = record('a', { read: [0, 1], quiz: finishedQuiz });
    expect(lessonStatus(lesson, r)).toBe('in progress');
    expect(lessonSteps(lesson, r)).toEqual({ done: 3, total: 4 });
  });

  it('done when every page is read and the quiz was finished once', () => {
    const r = record('a', { read: [0, 1, 2], quiz: finishedQuiz });
    expect(lessonStatus(lesson, r)).toBe('done');
    expect(lessonSteps(lesson, r)).toEqual({ done: 4, total: 4 });
  });

  it('pages read beyond the lesson (it got shorter) do not count', () => {
    const r = record('a', { read: [0, 1, 5, 9], quiz: finishedQuiz });
    expect(pagesRead(lesson, r)).toBe(2);
    expect(lessonStatus(lesson, r)).toBe('in progress');
  });

  it('a lesson without questions is done when its pages are read, and has no quiz step', () => {
    const noQuiz = fakeLesson('b', 2, { pages: 2, questions: 0 });
    expect(lessonSteps(noQuiz, undefined)).toEqual({ done: 0, total: 2 });
    expect(lessonStatus(noQuiz, record('b', { read: [0, 1] }))).toBe('done');
    expect(lessonSteps(noQuiz, record('b', { read: [0, 1] }))).toEqual({ done: 2, total: 2 });
  });

  it('courseSteps adds up all lessons', () => {
    const course = fakeCourse([lesson, fakeLesson('b', 2, { pages: 2, questions: 0 })]);
    const records = new Map([['a', record('a', { read: [0], quiz: finishedQuiz })]]);
    expect(courseSteps(course, records)).toEqual({ done: 2, total: 6 });
  });
});

describe('continueTarget', () => {
  const course = fakeCourse([fakeLesson('one', 1, { pages: 3 }), fakeLesson('two', 2, { pages: 4 }), fakeLesson('three', 3, { pages: 2 })]);
  const allDone = (id: string, pages: number, at: string) => record(id, { read: Array.from({ length: pages }, (_, i) => i), quiz: finishedQuiz, lastVisitAt: at, lastPage: pages - 1 });

  it('starts at lesson 1, page 0, when nothing was visited', () => {
    expect(continueTarget(course, new Map())).toEqual({ lesson: course.lessons[0], page: 0, resumed: false });
  });

  it('picks the most recently visited unfinished lesson at its last page', () => {
    const records = new Map([
      ['one', record('one', { read: [0], lastPage: 1, lastVisitAt: '2025-01-02T10:00:00.000Z' })],
      ['three', record('three', { read: [0], lastPage: 1, lastVisitAt: '2025-01-03T10:00:00.000Z' })],
      ['two', record('two', { read: [0, 1, 2], lastPage: 2, lastVisitAt: '2025-01-01T10:00:00.000Z' })],
    ]);
    expect(continueTarget(course, records)).toEqual({ lesson: course.lessons[2], page: 1, resumed: true });
  });

  it('skips a more recent lesson that is done', () => {
    const records = new Map([
      ['one', allDone('one', 3, '2025-01-05T10:00:00.000Z')],
      ['two', record('two', { read: [0, 1], lastPage: 1, lastVisitAt: '2025-01-02T10:00:00.000Z' })],
    ]);
    expect(continueTarget(course, records)).toEqual({ lesson: course.lessons[1], page: 1, resumed: true });
  });

  it('goes to the first lesson not done when every visited lesson is done', () => {
    const records = new Map([['one', allDone('one', 3, '2025-01-05T10:00:00.000Z')]]);
    expect(continueTarget(course, records)).toEqual({ lesson: course.lessons[1], page: 0, resumed: false });
  });

  it('clamps a saved page beyond the lesson (it got shorter)', () => {
    const records = new Map([['two', record('two', { read: [0], lastPage: 9 })]]);
    expect(continueTarget(course, records)).toEqual({ lesson: course.lessons[1], page: 3, resumed: true });
  });

  it('is undefined when the whole course is done', () => {
    const records = new Map([
      ['one', allDone('one', 3, '2025-01-01T10:00:00.000Z')],
      ['two', allDone('two', 4, '2025-01-02T10:00:00.000Z')],
      ['three', allDone('three', 2, '2025-01-03T10:00:00.000Z')],
    ]);
    expect(continueTarget(course, records)).toBeUndefined();
  });

  it('ignores records of lessons no longer in the pack', () => {
    const records = new Map([['gone', record('gone', { lastVisitAt: '2030-01-01T00:00:00.000Z' })]]);
    expect(continueTarget(course, records)).toEqual({ lesson: course.lessons[0], page: 0, resumed: false });
  });
});

describe('clampPage', () => {
  it('keeps pages within 0..pages-1', () => {
    const lesson = fakeLesson('a', 1, { pages: 3 });
    expect([clampPage(lesson, -2), clampPage(lesson, 0), clampPage(lesson, 2), clampPage(lesson, 3), clampPage(lesson, 99)]).toEqual([0, 0, 2, 2, 2]);
  });
});

describe('exercises in lesson status', () => {
  const lesson = fakeLesson('sql', 1, { pages: 1, questions: 0, exercises: ['sql', 'js'] });

  it('a lesson is done only when every exercise (sql, http and js alike) has passed', () => {
    expect(lessonStatus(lesson, record('sql', { read: [0] }))).toBe('in progress');
    expect(lessonStatus(lesson, record('sql', { read: [0], passed: ['e1'] }))).toBe('in progress');
    expect(lessonStatus(lesson, record('sql', { read: [0], passed: ['e1', 'e2'] }))).toBe('done');
  });

  it('counts each passed checkable exercise as a step', () => {
    expect(lessonSteps(lesson, record('sql', { read: [0] }))).toEqual({ done: 1, total: 3 });
    expect(lessonSteps(lesson, record('sql', { read: [0], passed: ['e1'] }))).toEqual({ done: 2, total: 3 });
    expect(lessonSteps(lesson, record('sql', { read: [0], passed: ['e1', 'e2'] }))).toEqual({ done: 3, total: 3 });
  });
});
