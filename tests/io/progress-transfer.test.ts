// Moving progress between machines: the store's export snapshot, the merge rules (pure and in
// the store), the export file's format, and what a bad file does (nothing).
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { buildProgressExport, exportFormatName, looksLikeProgressExport, parseProgressExport } from '../../src/core/progress-export.js';
import { mergeExercise, mergeLesson, mergeQuiz, type ExerciseSnapshot, type LessonSnapshot, type QuizSnapshot } from '../../src/core/progress-snapshot.js';
import { ProgressStore, progressFileName, schemaVersion } from '../../src/io/progress-store.js';
import { removeDir, tempDir, thrown } from '../helpers/pack.js';

/** A clock that advances one second per call from `start`. */
function ticking(start: number) {
  let t = start;
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}
const jan = (day: number, hour = 9) => Date.UTC(2025, 0, day, hour, 0, 0, 0);
const iso = (day: number, hour = 9) => new Date(jan(day, hour)).toISOString();

let dirs: string[] = [];
let stores: ProgressStore[] = [];
function open(dir = newDir(), now?: () => Date): ProgressStore {
  const store = ProgressStore.open(dir, { warn: () => {}, ...(now ? { now } : {}) });
  stores.push(store);
  return store;
}
function newDir(): string {
  const dir = tempDir('transfer');
  dirs.push(dir);
  return dir;
}
beforeEach(() => {
  dirs = [];
  stores = [];
});
afterEach(() => {
  for (const store of stores) {
    try {
      store.close();
    } catch {
      // already closed
    }
  }
  for (const dir of dirs) removeDir(dir);
});

function lesson(overrides: Partial<LessonSnapshot> = {}): LessonSnapshot {
  return {
    lastPage: 0,
    timeSpentMs: 0,
    firstVisitAt: iso(1),
    lastVisitAt: iso(1),
    pagesRead: [],
    quiz: null,
    answers: {},
    exercises: {},
    ...overrides,
  };
}
function quiz(overrides: Partial<QuizSnapshot> = {}): QuizSnapshot {
  return { attempt: 1, attemptOpen: false, finished: 1, bestCorrect: 1, bestTotal: 3, lastFinishedAt: iso(1), ...overrides };
}
function exercise(overrides: Partial<ExerciseSnapshot> = {}): ExerciseSnapshot {
  return { attempts: 1, hintsShown: 0, solutionShown: false, passedAt: null, passedWithHelp: false, hintsBeforePass: null, lastAttemptAt: iso(1), ...overrides };
}

/** A store with some of everything in two packs: pages, time, a quiz, answers, exercises. */
function filledStore(dir = newDir()): ProgressStore {
  const store = open(dir, ticking(jan(3)));
  store.visitPage('pack-a', 'intro', 0);
  store.visitPage('pack-a', 'intro', 1);
  store.addTime('pack-a', 'intro', 90_000);
  const { attempt } = store.beginQuiz('pack-a', 'intro');
  store.recordAnswer('pack-a', 'intro', 'q1', attempt, 'Blue', true);
  store.recordAnswer('pack-a', 'intro', 'q2', attempt, ['Apple', 'Carrot'], false);
  store.finishQuiz('pack-a', 'intro', { correct: 1, total: 2 });
  store.recordHintShown('pack-a', 'sql', 'cheap');
  store.recordExerciseAttempt('pack-a', 'sql', 'cheap', false);
  store.recordExerciseAttempt('pack-a', 'sql', 'cheap', true);
  store.recordSolutionShown('pack-a', 'sql', 'join');
  store.recordExerciseAttempt('pack-a', 'sql', 'join', true);
  store.visitPage('pack-b', 'intro', 4);
  return store;
}

describe('ProgressStore.exportSnapshot', () => {
  it('holds everything the store keeps, for every pack', () => {
    const snapshot = filledStore().exportSnapshot();
    expect(Object.keys(snapshot).sort()).toEqual(['pack-a', 'pack-b']);
    expect(Object.keys(snapshot['pack-a']!).sort()).toEqual(['intro', 'sql']);
    const intro = snapshot['pack-a']!.intro!;
    expect(intro).toEqual({
      lastPage: 1,
      timeSpentMs: 90_000,
      firstVisitAt: '2025-01-03T09:00:00.000Z',
      lastVisitAt: '2025-01-03T09:00:05.000Z',
      pagesRead: [
        { page: 0, firstReadAt: '2025-01-03T09:00:00.000Z' },
        { page: 1, firstReadAt: '2025-01-03T09:00:01.000Z' },
      ],
      quiz: { attempt: 1, attemptOpen: false, finished: 1, bestCorrect: 1, bestTotal: 2, lastFinishedAt: '2025-01-03T09:00:05.000Z' },
      answers: {
        q1: { attempt: 1, answer: 'Blue', correct: true, answeredAt: '2025-01-03T09:00:03.000Z' },
        q2: { attempt: 1, answer: ['Apple', 'Carrot'], correct: false, answeredAt: '2025-01-03T09:00:04.000Z' },
      },
      exercises: {},
    });
    const sql = snapshot['pack-a']!.sql!;
    expect(sql.exercises.cheap).toEqual({
      attempts: 2,
      hintsShown: 1,
      solutionShown: false,
      passedAt: '2025-01-03T09:00:08.000Z',
      passedWithHelp: false,
      hintsBeforePass: 1,
      lastAttemptAt: '2025-01-03T09:00:08.000Z',
    });
    expect(sql.exercises.join).toMatchObject({ solutionShown: true, passedWithHelp: true, hintsBeforePass: 0 });
    expect(snapshot['pack-b']!.intro!.lastPage).toBe(4);
  });

  it('is empty for a fresh store', () => {
    expect(open().exportSnapshot()).toEqual({});
  });
});

describe('merge rules', () => {
  it('an unknown lesson is taken as it is', () => {
    const incoming = lesson({ lastPage: 3 });
    expect(mergeLesson(undefined, incoming)).toBe(incoming);
  });

  it('keeps the earliest first visit, the latest last visit and its page, the larger time, and the union of pages', () => {
    const local = lesson({ firstVisitAt: iso(2), lastVisitAt: iso(5), lastPage: 1, timeSpentMs: 5000, pagesRead: [{ page: 0, firstReadAt: iso(2) }, { page: 1, firstReadAt: iso(5) }] });
    const incoming = lesson({ firstVisitAt: iso(1), lastVisitAt: iso(7), lastPage: 3, timeSpentMs: 3000, pagesRead: [{ page: 1, firstReadAt: iso(1) }, { page: 3, firstReadAt: iso(7) }] });
    const merged = mergeLesson(local, incoming);
    expect(merged).toMatchObject({ firstVisitAt: iso(1), lastVisitAt: iso(7), lastPage: 3, timeSpentMs: 5000 });
    expect(merged.pagesRead).toEqual([
      { page: 0, firstReadAt: iso(2) },
      { page: 1, firstReadAt: iso(1) },
      { page: 3, firstReadAt: iso(7) },
    ]);
    // An older copy does not move the place to resume.
    expect(mergeLesson(incoming, local).lastPage).toBe(3);
  });

  it('never lowers a quiz score: the better (correct, total) pair wins whichever side it is on', () => {
    const better = quiz({ bestCorrect: 3, bestTotal: 3, finished: 1, attempt: 1 });
    const worse = quiz({ bestCorrect: 1, bestTotal: 3, finished: 4, attempt: 4, lastFinishedAt: iso(9) });
    for (const merged of [mergeQuiz(better, worse), mergeQuiz(worse, better)]) {
      expect(merged).toEqual({ attempt: 4, attemptOpen: false, finished: 4, bestCorrect: 3, bestTotal: 3, lastFinishedAt: iso(9) });
    }
    // A quiz started but never finished has no score to offer.
    const started = quiz({ finished: 0, bestCorrect: 0, bestTotal: 0, attempt: 1, attemptOpen: true, lastFinishedAt: null });
    expect(mergeQuiz(started, quiz({ bestCorrect: 0, bestTotal: 4 }))).toMatchObject({ finished: 1, bestCorrect: 0, bestTotal: 4 });
    expect(mergeQuiz(null, started)).toBe(started);
    expect(mergeQuiz(better, null)).toBe(better);
  });

  it('the attempt in progress comes from the copy with the higher attempt number', () => {
    const open = quiz({ attempt: 3, attemptOpen: true, finished: 2 });
    const closed = quiz({ attempt: 2, attemptOpen: false, finished: 2 });
    expect(mergeQuiz(closed, open)).toMatchObject({ attempt: 3, attemptOpen: true });
    expect(mergeQuiz(open, closed)).toMatchObject({ attempt: 3, attemptOpen: true });
  });

  it('keeps the latest answer to each question', () => {
    const local = lesson({ answers: { q1: { attempt: 1, answer: 'a', correct: false, answeredAt: iso(2) }, q2: { attempt: 1, answer: 'b', correct: true, answeredAt: iso(2) } } });
    const incoming = lesson({ answers: { q1: { attempt: 2, answer: 'c', correct: true, answeredAt: iso(3) }, q2: { attempt: 1, answer: 'x', correct: false, answeredAt: iso(1) }, q3: { attempt: 1, answer: ['y'], correct: true, answeredAt: iso(1) } } });
    expect(mergeLesson(local, incoming).answers).toEqual({
      q1: incoming.answers.q1,
      q2: local.answers.q2,
      q3: incoming.answers.q3,
    });
  });

  it('a passed exercise stays passed, at its earliest pass', () => {
    const passed = exercise({ passedAt: iso(4), attempts: 2, hintsBeforePass: 0 });
    const failing = exercise({ passedAt: null, attempts: 5, hintsShown: 2, lastAttemptAt: iso(6) });
    for (const merged of [mergeExercise(passed, failing), mergeExercise(failing, passed)]) {
      expect(merged).toEqual({ attempts: 5, hintsShown: 2, solutionShown: false, passedAt: iso(4), passedWithHelp: false, hintsBeforePass: 0, lastAttemptAt: iso(6) });
    }
    expect(mergeExercise(exercise({ passedAt: iso(4) }), exercise({ passedAt: iso(2) })).passedAt).toBe(iso(2));
  });

  it('"with help" only when every copy that passed says so', () => {
    const helped = exercise({ passedAt: iso(1), passedWithHelp: true, solutionShown: true, hintsBeforePass: 0 });
    const alone = exercise({ passedAt: iso(3), passedWithHelp: false, hintsBeforePass: 0 });
    const notPassed = exercise({ solutionShown: true });
    expect(mergeExercise(helped, alone)).toMatchObject({ passedAt: iso(1), passedWithHelp: false, solutionShown: true });
    expect(mergeExercise(alone, helped)).toMatchObject({ passedAt: iso(1), passedWithHelp: false });
    expect(mergeExercise(helped, helped).passedWithHelp).toBe(true);
    expect(mergeExercise(helped, notPassed).passedWithHelp).toBe(true);
    expect(mergeExercise(notPassed, helped).passedWithHelp).toBe(true);
    expect(mergeExercise(notPassed, notPassed)).toMatchObject({ passedAt: null, passedWithHelp: false, solutionShown: true });
  });

  it('the help a pass needed comes from the least-helped pass: fewer hints beat more, any hints beat the solution', () => {
    const twoHints = exercise({ passedAt: iso(1), hintsShown: 2, hintsBeforePass: 2 });
    const oneHint = exercise({ passedAt: iso(5), hintsShown: 3, hintsBeforePass: 1 });
    const solution = exercise({ passedAt: iso(0), solutionShown: true, passedWithHelp: true, hintsBeforePass: 0 });
    const unknown = exercise({ passedAt: iso(2), hintsShown: 4, hintsBeforePass: null });
    expect(mergeExercise(twoHints, oneHint)).toMatchObject({ passedAt: iso(1), hintsBeforePass: 1, hintsShown: 3, passedWithHelp: false });
    expect(mergeExercise(oneHint, twoHints)).toMatchObject({ passedAt: iso(1), hintsBeforePass: 1 });
    expect(mergeExercise(solution, twoHints)).toMatchObject({ passedAt: iso(0), passedWithHelp: false, hintsBeforePass: 2, solutionShown: true });
    expect(mergeExercise(unknown, twoHints)).toMatchObject({ hintsBeforePass: 2 });
    expect(mergeExercise(unknown, solution)).toMatchObject({ hintsBeforePass: null, passedWithHelp: false });
  });

  it('is idempotent: merging the same copy again changes nothing', () => {
    const local = lesson({ lastVisitAt: iso(3), timeSpentMs: 10, quiz: quiz({ bestCorrect: 1 }), exercises: { e: exercise({ passedAt: iso(2), passedWithHelp: true }) } });
    const incoming = lesson({ lastVisitAt: iso(4), lastPage: 2, timeSpentMs: 30, quiz: quiz({ bestCorrect: 2, attempt: 2, finished: 2 }), exercises: { e: exercise(), f: exercise({ passedAt: iso(3) }) } });
    const once = mergeLesson(local, incoming);
    expect(mergeLesson(once, incoming)).toEqual(once);
    expect(mergeLesson(once, once)).toEqual(once);
    expect(mergeLesson(once, local)).toEqual(once);
  });
});

describe('hints seen before a pass', () => {
  it('are counted when an exercise first passes; hints looked at afterwards are not', () => {
    const store = open();
    store.recordHintShown('p', 'l', 'e');
    store.recordExerciseAttempt('p', 'l', 'e', false);
    store.recordHintShown('p', 'l', 'e');
    expect(store.recordExerciseAttempt('p', 'l', 'e', true)).toMatchObject({ hintsShown: 2, hintsBeforePass: 2 });
    store.recordHintShown('p', 'l', 'e');
    store.recordExerciseAttempt('p', 'l', 'e', true);
    expect(store.lesson('p', 'l')!.exercises.get('e')).toMatchObject({ hintsShown: 3, hintsBeforePass: 2 });
    store.recordHintShown('p', 'l', 'never-passed');
    expect(store.lesson('p', 'l')!.exercises.get('never-passed')).not.toHaveProperty('hintsBeforePass');
  });

  it('a progress file from before the count was kept opens, its passes with the count unknown', () => {
    const dir = newDir();
    const first = open(dir);
    first.recordHintShown('p', 'l', 'e');
    first.recordExerciseAttempt('p', 'l', 'e', true);
    first.close();
    // Back to the previous schema, as an older version left it.
    const db = new Database(path.join(dir, progressFileName));
    db.exec('ALTER TABLE exercise_progress DROP COLUMN hints_before_pass');
    db.pragma(`user_version = ${schemaVersion - 1}`);
    db.close();
    const upgraded = open(dir);
    const record = upgraded.lesson('p', 'l')!.exercises.get('e')!;
    expect(record).toMatchObject({ hintsShown: 1 });
    expect(record.passedAt).toBeDefined();
    expect(record).not.toHaveProperty('hintsBeforePass');
    expect(upgraded.exportSnapshot().p!.l!.exercises.e!.hintsBeforePass).toBeNull();
  });
});

describe('ProgressStore.mergeSnapshot', () => {
  it('round-trips: a snapshot merged into an empty store reads back identical', () => {
    const snapshot = filledStore().exportSnapshot();
    const target = open();
    expect(target.mergeSnapshot(snapshot)).toEqual({ added: 3, updated: 0, unchanged: 0 });
    expect(target.exportSnapshot()).toEqual(snapshot);
    // And what the screens read agrees.
    const intro = target.lesson('pack-a', 'intro')!;
    expect(intro.quiz).toMatchObject({ finished: 1, bestCorrect: 1, bestTotal: 2 });
    expect(Object.fromEntries(intro.answers)).toEqual({ q1: { correct: true, attempt: 1 }, q2: { correct: false, attempt: 1 } });
    expect(target.lesson('pack-a', 'sql')!.exercises.get('join')).toMatchObject({ passedWithHelp: true });
  });

  it('merging the same snapshot twice changes nothing the second time', () => {
    const snapshot = filledStore().exportSnapshot();
    const target = open(newDir(), ticking(jan(10)));
    target.visitPage('pack-a', 'intro', 2);
    expect(target.mergeSnapshot(snapshot)).toEqual({ added: 2, updated: 1, unchanged: 0 });
    const after = target.exportSnapshot();
    expect(target.mergeSnapshot(snapshot)).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(target.exportSnapshot()).toEqual(after);
    // The target's own later visit keeps its place; the imported pages join its own.
    expect(after['pack-a']!.intro!.lastPage).toBe(2);
    expect(after['pack-a']!.intro!.pagesRead.map((read) => read.page)).toEqual([0, 1, 2]);
  });

  it('never lowers a score already in the store', () => {
    const source = open(newDir(), ticking(jan(1)));
    source.beginQuiz('p', 'l');
    source.finishQuiz('p', 'l', { correct: 1, total: 4 });
    const target = open(newDir(), ticking(jan(2)));
    target.beginQuiz('p', 'l');
    target.finishQuiz('p', 'l', { correct: 4, total: 4 });
    target.recordExerciseAttempt('p', 'l', 'e', true);
    source.recordExerciseAttempt('p', 'l', 'e', false);
    target.mergeSnapshot(source.exportSnapshot());
    const record = target.lesson('p', 'l')!;
    expect(record.quiz).toMatchObject({ bestCorrect: 4, bestTotal: 4, finished: 1 });
    expect(record.exercises.get('e')?.passedAt).toBe('2025-01-02T09:00:02.000Z');
  });

  it('touches only the lessons in the snapshot', () => {
    const target = open(newDir(), ticking(jan(5)));
    target.visitPage('other-pack', 'intro', 3);
    target.mergeSnapshot({ 'pack-a': { intro: lesson({ lastPage: 1 }) } });
    expect(target.lesson('other-pack', 'intro')!.lastPage).toBe(3);
    expect(target.lesson('pack-a', 'intro')!.lastPage).toBe(1);
  });

  it('is one transaction: when a lesson cannot be written, no lesson of the snapshot lands', () => {
    const target = open(newDir(), ticking(jan(5)));
    target.visitPage('p', 'kept', 1);
    const before = target.exportSnapshot();
    // A value the database refuses (a visit time is NOT NULL), after a lesson that is fine.
    const broken = { ...lesson(), lastVisitAt: null } as unknown as LessonSnapshot;
    expect(() => target.mergeSnapshot({ p: { fine: lesson({ lastPage: 2 }), kept: lesson({ lastVisitAt: iso(20), lastPage: 9 }), zbroken: broken } })).toThrow();
    expect(target.exportSnapshot()).toEqual(before);
  });

  it('keeps ids such as "__proto__" as ordinary keys', () => {
    const target = open();
    target.mergeSnapshot(parseProgressExport('{"format":"backend-intro-progress","version":1,"exported":"2025-01-01T00:00:00.000Z","packs":{"__proto__":{"lessons":{"__proto__":' + JSON.stringify(lesson({ lastPage: 2 })) + '}}}}', 'x.json'));
    expect(target.lesson('__proto__', '__proto__')!.lastPage).toBe(2);
    const snapshot = target.exportSnapshot();
    expect(Object.keys(snapshot)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).lessons).toBeUndefined();
  });
});

describe('the export file', () => {
  const valid = () => buildProgressExport({ 'pack-a': { intro: lesson({ quiz: quiz(), exercises: { e: exercise({ passedAt: iso(2) }) } }) } }, new Date(jan(9)));

  it('has the documented envelope and reads back to the same snapshot', () => {
    const file = valid();
    expect(file).toMatchObject({ format: 'backend-intro-progress', version: 1, exported: '2025-01-09T09:00:00.000Z' });
    expect(Object.keys(file.packs['pack-a']!)).toEqual(['lessons']);
    expect(parseProgressExport(JSON.stringify(file), 'p.json')).toEqual({ 'pack-a': file.packs['pack-a']!.lessons });
    expect(looksLikeProgressExport(JSON.stringify(file))).toBe(true);
    expect(looksLikeProgressExport('{"format":"something-else"}')).toBe(false);
    expect(looksLikeProgressExport('not json')).toBe(false);
  });

  it('normalises imported times to the form the store compares', () => {
    const file = valid();
    file.packs['pack-a']!.lessons.intro!.lastVisitAt = '2025-01-02T10:00:00+01:00';
    expect(parseProgressExport(JSON.stringify(file), 'p.json')['pack-a']!.intro!.lastVisitAt).toBe('2025-01-02T09:00:00.000Z');
  });

  function problem(text: string): string {
    const error = thrown(() => parseProgressExport(text, 'moved.json'));
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }

  it('refuses text that is not JSON, not an export, or from a newer version, in one sentence', () => {
    expect(problem('{ nope')).toBe('moved.json is not a progress export (it is not valid JSON); make one with `backend-intro progress --export <file>`.');
    expect(problem('[1, 2]')).toMatch(/^moved\.json is not a backend-intro progress export \(it has no "format": "backend-intro-progress"\)/);
    expect(problem(JSON.stringify({ ...valid(), format: 'other' }))).toMatch(/is not a backend-intro progress export/);
    expect(problem(JSON.stringify({ ...valid(), version: 2 }))).toBe('moved.json was exported by a newer backend-intro (format version 2; this one reads 1); update backend-intro to import it.');
    expect(problem(JSON.stringify({ ...valid(), version: '1' }))).toMatch(/has no valid format version/);
    expect(exportFormatName).toBe('backend-intro-progress');
  });

  it('names the field that is wrong', () => {
    const withQuiz = (change: Record<string, unknown>) => {
      const file = valid() as unknown as { packs: Record<string, { lessons: Record<string, Record<string, unknown>> }> };
      Object.assign(file.packs['pack-a']!.lessons.intro!, change);
      return JSON.stringify(file);
    };
    expect(problem(withQuiz({ quiz: { ...quiz(), bestCorrect: -1 } }))).toBe(
      'moved.json is not a valid progress export: packs["pack-a"].lessons["intro"].quiz.bestCorrect should be a whole number, 0 or more; export it again with `backend-intro progress --export <file>`.',
    );
    expect(problem(withQuiz({ firstVisitAt: 'yesterday' }))).toMatch(/lessons\["intro"\]\.firstVisitAt should be an ISO date and time/);
    expect(problem(withQuiz({ pagesRead: 'all' }))).toMatch(/pagesRead should be a list/);
    expect(problem(withQuiz({ exercises: { e: { ...exercise(), solutionShown: 'yes' } } }))).toMatch(/exercises\["e"\]\.solutionShown should be true or false/);
    expect(problem(withQuiz({ answers: { q1: { attempt: 1, answer: 3, correct: true, answeredAt: iso(1) } } }))).toMatch(/answers\["q1"\]\.answer should be a string or a list of strings/);
    expect(problem(JSON.stringify({ ...valid(), packs: [] }))).toMatch(/: packs should be an object/);
    expect(problem(JSON.stringify({ ...valid(), packs: { p: {} } }))).toMatch(/packs\["p"\]\.lessons should be an object/);
  });
});
