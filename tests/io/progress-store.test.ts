import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { ProgressStore, progressFileName, schemaVersion } from '../../src/io/progress-store.js';
import { writeVersion1ProgressFile } from '../helpers/old-progress-file.js';
import { removeDir, tempDir, thrown } from '../helpers/pack.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A clock that advances one second per call, so every step has its own timestamp. */
function ticking(start = Date.UTC(2025, 0, 2, 3, 4, 5, 678)) {
  let t = start;
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}

let dirs: string[] = [];
let stores: ProgressStore[] = [];
function newDir(): string {
  const dir = tempDir('progress');
  dirs.push(dir);
  return dir;
}
function open(dir: string, warn: (message: string) => void = () => {}, now?: () => Date): ProgressStore {
  const store = ProgressStore.open(dir, { warn, ...(now ? { now } : {}) });
  stores.push(store);
  return store;
}
function closeAll(): void {
  for (const store of stores) {
    try {
      store.close();
    } catch {
      // already closed
    }
  }
  stores = [];
}

beforeEach(() => {
  dirs = [];
  stores = [];
});
afterEach(() => {
  closeAll();
  for (const dir of dirs) removeDir(dir);
});

describe('ProgressStore basics', () => {
  it('creates the data folder and progress.db in WAL mode at the current schema version', () => {
    const dir = path.join(newDir(), 'nested', 'data');
    const store = open(dir);
    expect(store.file).toBe(path.join(dir, progressFileName));
    expect(existsSync(store.file)).toBe(true);
    const db = new Database(store.file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion);
      expect(schemaVersion).toBeGreaterThanOrEqual(1);
    } finally {
      db.close();
    }
  });

  it('visitPage round-trips through lessons(): last page, pages read, visit times', () => {
    const store = open(newDir(), undefined, ticking());
    expect(store.lessons('pack').size).toBe(0);
    expect(store.lesson('pack', 'one')).toBeUndefined();
    store.visitPage('pack', 'one', 0); // 03:04:05
    store.visitPage('pack', 'one', 2); // 03:04:06
    store.visitPage('pack', 'one', 1); // 03:04:07
    store.visitPage('pack', 'two', 0); // 03:04:08
    const records = store.lessons('pack');
    expect([...records.keys()].sort()).toEqual(['one', 'two']);
    const one = records.get('one')!;
    expect(one.lessonId).toBe('one');
    expect(one.lastPage).toBe(1);
    expect([...one.pagesRead].sort()).toEqual([0, 1, 2]);
    expect(one.firstVisitAt).toBe('2025-01-02T03:04:05.678Z');
    expect(one.lastVisitAt).toBe('2025-01-02T03:04:07.678Z');
    expect(one.timeSpentMs).toBe(0);
    expect(one.quiz).toBeUndefined();
    expect(one.answers.size).toBe(0);
    expect(store.lesson('pack', 'two')!.lastPage).toBe(0);
  });

  it('addTime adds rounded milliseconds to a visited lesson and ignores non-positive values', () => {
    const store = open(newDir());
    store.visitPage('p', 'l', 0);
    store.addTime('p', 'l', 1500.4);
    store.addTime('p', 'l', 1000);
    store.addTime('p', 'l', 0);
    store.addTime('p', 'l', -50);
    store.addTime('p', 'l', Number.NaN);
    expect(store.lesson('p', 'l')!.timeSpentMs).toBe(2500);
  });

  it('addTime on a lesson not visited yet (an exercise opened straight away) starts its record', () => {
    const store = open(newDir());
    store.addTime('p', 'l', 0);
    expect(store.lesson('p', 'l')).toBeUndefined();
    store.addTime('p', 'l', 4000);
    expect(store.lesson('p', 'l')).toMatchObject({ timeSpentMs: 4000, lastPage: 0 });
  });

  it('data persists after close and reopen', () => {
    const dir = newDir();
    const first = open(dir, undefined, ticking());
    first.visitPage('pack', 'one', 3);
    const { attempt } = first.beginQuiz('pack', 'one');
    first.recordAnswer('pack', 'one', 'q1', attempt, 'GET', true);
    first.finishQuiz('pack', 'one', { correct: 1, total: 2 });
    first.close();
    const warn = vi.fn();
    const second = open(dir, warn);
    const one = second.lesson('pack', 'one')!;
    expect(one.lastPage).toBe(3);
    expect([...one.pagesRead]).toEqual([3]);
    expect(one.quiz).toMatchObject({ finished: 1, bestCorrect: 1, bestTotal: 2, attemptOpen: false, attempt: 1 });
    expect(one.answers.get('q1')).toEqual({ correct: true, attempt: 1 });
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('ProgressStore quizzes', () => {
  it('numbers attempts, resumes an open attempt and keeps the best score', () => {
    const store = open(newDir(), undefined, ticking());
    expect(store.beginQuiz('p', 'l')).toEqual({ attempt: 1, resumed: false });
    store.recordAnswer('p', 'l', 'q1', 1, 'a', true);
    expect(store.lesson('p', 'l')!.quiz).toMatchObject({ attempt: 1, attemptOpen: true, finished: 0 });
    // Left open (Ctrl-C): the next begin resumes the same attempt.
    expect(store.beginQuiz('p', 'l')).toEqual({ attempt: 1, resumed: true });
    store.recordAnswer('p', 'l', 'q2', 1, ['x', 'y'], true);
    const first = store.finishQuiz('p', 'l', { correct: 2, total: 3 });
    expect(first).toEqual({ attempt: 1, attemptOpen: false, finished: 1, bestCorrect: 2, bestTotal: 3, lastFinishedAt: '2025-01-02T03:04:09.678Z' });

    expect(store.beginQuiz('p', 'l')).toEqual({ attempt: 2, resumed: false });
    store.recordAnswer('p', 'l', 'q1', 2, 'b', false);
    const worse = store.finishQuiz('p', 'l', { correct: 1, total: 3 });
    expect(worse).toMatchObject({ attempt: 2, finished: 2, bestCorrect: 2, bestTotal: 3 });

    expect(store.beginQuiz('p', 'l')).toEqual({ attempt: 3, resumed: false });
    const best = store.finishQuiz('p', 'l', { correct: 3, total: 3 });
    expect(best).toMatchObject({ attempt: 3, finished: 3, bestCorrect: 3, bestTotal: 3, attemptOpen: false });

    // Latest answer per question, with the attempt it was given in.
    const answers = store.lesson('p', 'l')!.answers;
    expect(Object.fromEntries(answers)).toEqual({ q1: { correct: false, attempt: 2 }, q2: { correct: true, attempt: 1 } });
  });

  it('a first attempt scoring zero still records its total', () => {
    const store = open(newDir());
    store.beginQuiz('p', 'l');
    expect(store.finishQuiz('p', 'l', { correct: 0, total: 4 })).toMatchObject({ finished: 1, bestCorrect: 0, bestTotal: 4 });
  });

  it('an open attempt survives closing the store', () => {
    const dir = newDir();
    const first = open(dir);
    first.beginQuiz('p', 'l');
    first.beginQuiz('p', 'l2');
    first.finishQuiz('p', 'l2', { correct: 1, total: 1 });
    first.close();
    const second = open(dir);
    expect(second.beginQuiz('p', 'l')).toEqual({ attempt: 1, resumed: true });
    expect(second.beginQuiz('p', 'l2')).toEqual({ attempt: 2, resumed: false });
  });

  it('finishQuiz works after the lesson was reset from another terminal mid-quiz', () => {
    const dir = newDir();
    const quizTerminal = open(dir);
    const otherTerminal = open(dir);
    quizTerminal.beginQuiz('p', 'l');
    otherTerminal.reset('p');
    const record = quizTerminal.finishQuiz('p', 'l', { correct: 2, total: 2 });
    expect(record).toMatchObject({ finished: 1, bestCorrect: 2, bestTotal: 2 });
  });
});

describe('ProgressStore keys and reset', () => {
  function fill(store: ProgressStore, pack: string, lesson: string) {
    store.visitPage(pack, lesson, 0);
    store.beginQuiz(pack, lesson);
    store.recordAnswer(pack, lesson, 'q1', 1, 'x', true);
    store.finishQuiz(pack, lesson, { correct: 1, total: 1 });
  }

  it('two packs with the same lesson id never mix', () => {
    const store = open(newDir());
    store.visitPage('pack-a', 'intro', 0);
    store.visitPage('pack-a', 'intro', 1);
    store.visitPage('pack-b', 'intro', 5);
    store.beginQuiz('pack-b', 'intro');
    store.recordAnswer('pack-b', 'intro', 'q1', 1, 'x', false);
    const a = store.lesson('pack-a', 'intro')!;
    const b = store.lesson('pack-b', 'intro')!;
    expect([a.lastPage, [...a.pagesRead].sort(), a.quiz, a.answers.size]).toEqual([1, [0, 1], undefined, 0]);
    expect([b.lastPage, [...b.pagesRead], b.quiz?.attempt, b.answers.size]).toEqual([5, [5], 1, 1]);
    expect(store.lessons('pack-c').size).toBe(0);
  });

  it('reset(pack, lesson) clears only that lesson of that pack', () => {
    const store = open(newDir());
    fill(store, 'p', 'one');
    fill(store, 'p', 'two');
    fill(store, 'other', 'one');
    store.reset('p', 'one');
    expect(store.lesson('p', 'one')).toBeUndefined();
    expect(store.lesson('p', 'two')).toMatchObject({ quiz: { finished: 1 } });
    expect(store.lesson('p', 'two')!.answers.size).toBe(1);
    expect(store.lesson('other', 'one')).toMatchObject({ quiz: { finished: 1 } });
    // Nothing is left behind: a new visit starts from scratch.
    store.visitPage('p', 'one', 2);
    const fresh = store.lesson('p', 'one')!;
    expect([[...fresh.pagesRead], fresh.quiz, fresh.answers.size]).toEqual([[2], undefined, 0]);
    expect(store.beginQuiz('p', 'one')).toEqual({ attempt: 1, resumed: false });
  });

  it('reset(pack) clears every lesson of that pack only', () => {
    const store = open(newDir());
    fill(store, 'p', 'one');
    fill(store, 'p', 'two');
    fill(store, 'other', 'one');
    store.reset('p');
    expect(store.lessons('p').size).toBe(0);
    expect([...store.lessons('other').keys()]).toEqual(['one']);
    const db = new Database(store.file, { readonly: true });
    try {
      for (const table of ['lesson_progress', 'page_reads', 'quiz_progress', 'quiz_answers']) {
        expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE pack_id = 'p'`).get()).toEqual({ n: 0 });
        expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE pack_id = 'other'`).get()).toEqual({ n: 1 });
      }
    } finally {
      db.close();
    }
  });
});

describe('ProgressStore with a damaged file', () => {
  const fixedNow = () => new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678));
  const asideName = `${progressFileName}.damaged-2025-01-02T03-04-05-678Z`;

  function expectMovedAside(dir: string, original: Buffer, warn: ReturnType<typeof vi.fn>) {
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0]![0]);
    const aside = path.join(dir, asideName);
    expect(message).toMatch(/^Warning: your progress file could not be read \(.+\); it was kept as .+ and a fresh one was started\.$/);
    expect(message).toContain(aside);
    expect(existsSync(aside)).toBe(true);
    expect(readFileSync(aside).equals(original)).toBe(true);
    // Its -wal and -shm companions, when there are any, travel with it under the same name.
    expect(readdirSync(dir).filter((name) => name.includes('damaged') && !/-(wal|shm)$/.test(name))).toEqual([asideName]);
  }

  function expectFreshStoreWorks(store: ProgressStore) {
    expect(store.lessons('p').size).toBe(0);
    store.visitPage('p', 'l', 1);
    expect(store.lesson('p', 'l')!.lastPage).toBe(1);
    const db = new Database(store.file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion);
    } finally {
      db.close();
    }
  }

  it('random bytes are moved aside with a warning', () => {
    const dir = newDir();
    const original = randomBytes(8192);
    writeFileSync(path.join(dir, progressFileName), original);
    const warn = vi.fn();
    const store = open(dir, warn, fixedNow);
    expectMovedAside(dir, original, warn);
    expectFreshStoreWorks(store);
  });

  it('a damaged main file keeps the write-ahead log of recent progress beside it', () => {
    const source = newDir();
    open(source).visitPage('p', 'early', 0);
    closeAll(); // checkpointed: the main file holds the schema and the early visit
    const live = open(source);
    for (let page = 0; page < 20; page++) live.visitPage('p', 'recent', page);
    const wal = `${live.file}-wal`;
    expect(statSync(wal).size).toBeGreaterThan(0);
    // What a crash leaves behind: the main file and its WAL, not checkpointed.
    const dir = newDir();
    const target = path.join(dir, progressFileName);
    copyFileSync(live.file, target);
    copyFileSync(wal, `${target}-wal`);
    closeAll();
    const walBytes = readFileSync(`${target}-wal`);
    // Then the main file's header is damaged.
    const damaged = readFileSync(target);
    damaged.write('not a database!!', 0, 'latin1');
    writeFileSync(target, damaged);

    const warn = vi.fn();
    open(dir, warn, fixedNow);
    expect(warn).toHaveBeenCalledTimes(1);
    const aside = path.join(dir, asideName);
    expect(readFileSync(aside).equals(damaged)).toBe(true);
    expect(existsSync(`${aside}-wal`)).toBe(true);
    expect(readFileSync(`${aside}-wal`).equals(walBytes)).toBe(true);
  });

  it('a text file is moved aside with a warning', () => {
    const dir = newDir();
    const original = Buffer.from('this is not a database\n'.repeat(100));
    writeFileSync(path.join(dir, progressFileName), original);
    const warn = vi.fn();
    const store = open(dir, warn, fixedNow);
    expectMovedAside(dir, original, warn);
    expect(String(warn.mock.calls[0]![0])).toContain('file is not a database');
    expectFreshStoreWorks(store);
  });

  it('a zero-byte file without a WAL is moved aside with a warning', () => {
    const dir = newDir();
    writeFileSync(path.join(dir, progressFileName), '');
    const warn = vi.fn();
    const store = open(dir, warn, fixedNow);
    expectMovedAside(dir, Buffer.alloc(0), warn);
    expect(String(warn.mock.calls[0]![0])).toContain('(the file is empty)');
    expectFreshStoreWorks(store);
  });

  it('a truncated copy of a real progress file is moved aside with a warning', () => {
    const source = newDir();
    const real = open(source);
    for (let lesson = 0; lesson < 40; lesson++) {
      for (let page = 0; page < 25; page++) real.visitPage('pack', `lesson-with-a-rather-long-id-${lesson}`, page);
      real.beginQuiz('pack', `lesson-with-a-rather-long-id-${lesson}`);
      real.recordAnswer('pack', `lesson-with-a-rather-long-id-${lesson}`, 'q1', 1, 'x'.repeat(200), true);
    }
    real.close(); // checkpoints the WAL into the main file
    expect(existsSync(`${real.file}-wal`)).toBe(false);
    const size = statSync(real.file).size;
    expect(size).toBeGreaterThan(64 * 1024);

    const dir = newDir();
    const target = path.join(dir, progressFileName);
    copyFileSync(real.file, target);
    truncateSync(target, Math.floor(size / 3));
    const original = readFileSync(target);
    const warn = vi.fn();
    const store = open(dir, warn, fixedNow);
    expectMovedAside(dir, original, warn);
    expectFreshStoreWorks(store);
  });

  it('a file written by a newer version is a UsageError and is not moved', () => {
    const dir = newDir();
    open(dir).visitPage('p', 'l', 4);
    closeAll();
    const file = path.join(dir, progressFileName);
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    const before = readFileSync(file);

    const warn = vi.fn();
    const error = thrown(() => ProgressStore.open(dir, { warn }));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain('newer');
    expect((error as Error).message).toContain('update backend-intro');
    expect(warn).not.toHaveBeenCalled();
    expect(readdirSync(dir).filter((name) => name.includes('damaged'))).toEqual([]);
    expect(readFileSync(file).equals(before)).toBe(true);
    const check = new Database(file, { readonly: true });
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(99);
      expect(check.prepare('SELECT last_page FROM lesson_progress').get()).toEqual({ last_page: 4 });
    } finally {
      check.close();
    }
  });

  it('a data dir that cannot be created is a UsageError', () => {
    const dir = newDir();
    writeFileSync(path.join(dir, 'blocker'), 'x');
    const error = thrown(() => ProgressStore.open(path.join(dir, 'blocker', 'data'), { warn: () => {} }));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain('Cannot create the data folder');
    expect((error as Error).message).toContain('--data-dir');
  });
});

describe('ProgressStore with several writers', () => {
  it('two stores on the same folder can write interleaved and see each other', () => {
    const dir = newDir();
    const a = open(dir);
    const b = open(dir);
    for (let i = 0; i < 150; i++) {
      a.visitPage('p', 'a', i);
      b.visitPage('p', 'b', i);
      const attemptA = a.beginQuiz('p', `quiz-${i % 5}`).attempt;
      b.recordAnswer('p', `quiz-${i % 5}`, `q${i}`, attemptA, 'x', i % 2 === 0);
      // i = 9, 19, … all have i % 5 === 4: quiz-4 is finished 15 times.
      if (i % 10 === 9) b.finishQuiz('p', `quiz-${i % 5}`, { correct: i, total: 200 });
    }
    expect([...a.lesson('p', 'b')!.pagesRead].length).toBe(150);
    expect([...b.lesson('p', 'a')!.pagesRead].length).toBe(150);
    closeAll();
    const check = open(dir);
    const records = check.lessons('p');
    expect(records.get('a')!.lastPage).toBe(149);
    expect(records.get('b')!.pagesRead.size).toBe(150);
    const answers = [0, 1, 2, 3, 4].reduce((sum, n) => sum + records.get(`quiz-${n}`)!.answers.size, 0);
    expect(answers).toBe(150);
    expect(records.get('quiz-4')!.quiz).toMatchObject({ finished: 15, bestCorrect: 149, bestTotal: 200 });
  });

  it('a child process writing at the same time does not make either side fail', async () => {
    const dir = newDir();
    const store = open(dir);
    store.visitPage('p', 'parent', 0);
    const file = store.file;
    const childScript = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.pragma('busy_timeout = 5000');
      const insert = db.transaction((i) => {
        const at = new Date().toISOString();
        db.prepare("INSERT INTO lesson_progress (pack_id, lesson_id, first_visit_at, last_visit_at) VALUES ('p', 'child', ?, ?) ON CONFLICT (pack_id, lesson_id) DO UPDATE SET last_visit_at = excluded.last_visit_at, last_page = ?").run(at, at, i);
        db.prepare("INSERT INTO page_reads (pack_id, lesson_id, page, first_read_at) VALUES ('p', 'child', ?, ?)").run(i, at);
      });
      process.stdout.write('ready\\n');
      const until = Date.now() + 400;
      let n = 0;
      while (Date.now() < until) insert(n++);
      db.close();
      process.stdout.write('count ' + n + '\\n');
    `;
    const child = spawn(process.execPath, ['-e', childScript, file], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('ready')) resolve();
      });
      child.on('error', reject);
      void exited.then(() => resolve());
    });
    let parentWrites = 0;
    const until = Date.now() + 400;
    while (Date.now() < until) store.visitPage('p', 'parent', parentWrites++);
    const code = await exited;
    expect(err).toBe('');
    expect(code).toBe(0);
    const childCount = Number(/count (\d+)/.exec(out)?.[1]);
    expect(childCount).toBeGreaterThan(10);
    expect(parentWrites).toBeGreaterThan(10);
    const records = store.lessons('p');
    expect(records.get('parent')!.pagesRead.size).toBe(parentWrites);
    expect(records.get('parent')!.lastPage).toBe(parentWrites - 1);
    expect(records.get('child')!.pagesRead.size).toBe(childCount);
    expect(records.get('child')!.lastPage).toBe(childCount - 1);
  });
});

describe('ProgressStore exercises', () => {
  it('counts attempts, keeps the first pass, and never lets a failure undo it', () => {
    const store = open(newDir());
    expect(store.recordExerciseAttempt('p', 'l', 'e', false)).toMatchObject({ attempts: 1, passedWithHelp: false });
    expect(store.lesson('p', 'l')!.exercises.get('e')!.passedAt).toBeUndefined();
    const passed = store.recordExerciseAttempt('p', 'l', 'e', true);
    expect(passed.attempts).toBe(2);
    expect(passed.passedAt).toBeDefined();
    const later = store.recordExerciseAttempt('p', 'l', 'e', false);
    expect(later).toMatchObject({ attempts: 3, passedAt: passed.passedAt, passedWithHelp: false });
  });

  it('a pass after the solution was shown is "with help"; a pass before it stays on your own', () => {
    const store = open(newDir());
    store.recordSolutionShown('p', 'l', 'helped');
    expect(store.recordExerciseAttempt('p', 'l', 'helped', true)).toMatchObject({ solutionShown: true, passedWithHelp: true });
    store.recordExerciseAttempt('p', 'l', 'own', true);
    store.recordSolutionShown('p', 'l', 'own');
    expect(store.recordExerciseAttempt('p', 'l', 'own', true)).toMatchObject({ solutionShown: true, passedWithHelp: false });
  });

  it('counts hints shown, and reset forgets exercises too', () => {
    const store = open(newDir());
    expect(store.recordHintShown('p', 'l', 'e')).toBe(1);
    expect(store.recordHintShown('p', 'l', 'e')).toBe(2);
    store.reset('p', 'l');
    expect(store.lesson('p', 'l')).toBeUndefined();
    expect(store.recordHintShown('p', 'l', 'e')).toBe(1);
  });

  it('upgrades a version 1 file in place, keeping its progress', () => {
    const dir = newDir();
    const file = path.join(dir, progressFileName);
    writeVersion1ProgressFile(file, ["('p', 'l', 3, 0, '2025-01-01', '2025-01-01')"]);
    const store = open(dir);
    expect(store.lesson('p', 'l')!.lastPage).toBe(3);
    store.recordExerciseAttempt('p', 'l', 'e', true);
    expect(store.lesson('p', 'l')!.exercises.get('e')!.passedAt).toBeDefined();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(schemaVersion);
    check.close();
  });
});

describe('ProgressStore for a worker that records verdicts (openIfHealthy)', () => {
  function openHealthy(dir: string): ProgressStore | undefined {
    const store = ProgressStore.openIfHealthy(dir);
    if (store) stores.push(store);
    return store;
  }

  it('opens a healthy file for writing: what it records, the tutorial reads', () => {
    const dir = newDir();
    open(dir).visitPage('p', 'l', 0);
    const worker = openHealthy(dir)!;
    expect(worker).toBeDefined();
    worker.recordExerciseAttempt('p', 'l', 'e', false);
    worker.recordExerciseAttempt('p', 'l', 'e', true);
    const record = open(dir).lesson('p', 'l')!.exercises.get('e')!;
    expect(record.attempts).toBe(2);
    expect(record.passedAt).toBeDefined();
  });

  it('leaves a missing file to open(): nothing is created', () => {
    const dir = newDir();
    expect(openHealthy(dir)).toBeUndefined();
    expect(existsSync(path.join(dir, progressFileName))).toBe(false);
  });

  it('leaves a damaged file to open(), untouched, so that the learner is told', () => {
    const dir = newDir();
    const original = randomBytes(8192);
    writeFileSync(path.join(dir, progressFileName), original);
    expect(openHealthy(dir)).toBeUndefined();
    expect(readFileSync(path.join(dir, progressFileName)).equals(original)).toBe(true);
    expect(readdirSync(dir)).toEqual([progressFileName]);
  });

  it('leaves an older file to open(), which upgrades it', () => {
    const dir = newDir();
    writeVersion1ProgressFile(path.join(dir, progressFileName), []);
    expect(openHealthy(dir)).toBeUndefined();
  });

  it('isStillAtItsPath tells when the file was removed or replaced since it was opened', () => {
    const dir = newDir();
    open(dir).visitPage('p', 'l', 0);
    closeAll();
    const worker = openHealthy(dir)!;
    expect(worker.isStillAtItsPath()).toBe(true);
    const file = path.join(dir, progressFileName);
    // Moved aside and a fresh file started (what a reset or a repair does).
    const kept = readFileSync(file);
    worker.close();
    const reopened = openHealthy(dir)!;
    expect(reopened.isStillAtItsPath()).toBe(true);
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
    expect(reopened.isStillAtItsPath()).toBe(false);
    writeFileSync(file, kept);
    expect(reopened.isStillAtItsPath()).toBe(false);
  });
});
