import Database from 'better-sqlite3';
import { constants, copyFileSync, existsSync, linkSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AnswerRecord, ExerciseRecord, LessonRecord, QuizRecord } from '../core/progress-model.js';
import { mergeLesson, sameLesson, type LessonSnapshot, type PacksSnapshot } from '../core/progress-snapshot.js';
import type { QuizScore } from '../core/quiz-grading.js';
import { UsageError } from '../errors.js';
import { nativeBinding } from './native-binding.js';
import { displayPath } from './paths.js';

export const progressFileName = 'progress.db';

/**
 * Schema migrations, applied in order inside one transaction; PRAGMA user_version records how
 * many have run. Never edit a shipped migration: append a new one.
 */
const migrations: readonly string[] = [
  `CREATE TABLE lesson_progress (
     pack_id TEXT NOT NULL,
     lesson_id TEXT NOT NULL,
     last_page INTEGER NOT NULL DEFAULT 0,
     time_spent_ms INTEGER NOT NULL DEFAULT 0,
     first_visit_at TEXT NOT NULL,
     last_visit_at TEXT NOT NULL,
     PRIMARY KEY (pack_id, lesson_id)
   );
   CREATE TABLE page_reads (
     pack_id TEXT NOT NULL,
     lesson_id TEXT NOT NULL,
     page INTEGER NOT NULL,
     first_read_at TEXT NOT NULL,
     PRIMARY KEY (pack_id, lesson_id, page)
   );
   CREATE TABLE quiz_progress (
     pack_id TEXT NOT NULL,
     lesson_id TEXT NOT NULL,
     attempt INTEGER NOT NULL DEFAULT 0,
     attempt_open INTEGER NOT NULL DEFAULT 0,
     finished INTEGER NOT NULL DEFAULT 0,
     best_correct INTEGER NOT NULL DEFAULT 0,
     best_total INTEGER NOT NULL DEFAULT 0,
     last_finished_at TEXT,
     PRIMARY KEY (pack_id, lesson_id)
   );
   CREATE TABLE quiz_answers (
     pack_id TEXT NOT NULL,
     lesson_id TEXT NOT NULL,
     question_id TEXT NOT NULL,
     attempt INTEGER NOT NULL,
     answer TEXT NOT NULL,
     correct INTEGER NOT NULL,
     answered_at TEXT NOT NULL,
     PRIMARY KEY (pack_id, lesson_id, question_id)
   );`,
  `CREATE TABLE exercise_progress (
     pack_id TEXT NOT NULL,
     lesson_id TEXT NOT NULL,
     exercise_id TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     hints_shown INTEGER NOT NULL DEFAULT 0,
     solution_shown INTEGER NOT NULL DEFAULT 0,
     passed_at TEXT,
     passed_with_help INTEGER NOT NULL DEFAULT 0,
     last_attempt_at TEXT,
     PRIMARY KEY (pack_id, lesson_id, exercise_id)
   );`,
  // How many hints had been shown when the exercise first passed, so that a hint looked at
  // afterwards does not count as help. NULL: not passed, or passed before this column existed.
  `ALTER TABLE exercise_progress ADD COLUMN hints_before_pass INTEGER;`,
];
export const schemaVersion = migrations.length;

/** SQLite error codes that mean the file is damaged or not a database at all. */
const damagedCodes = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB', 'SQLITE_IOERR_SHORT_READ']);

export interface OpenOptions {
  /** Told, in one line, when a damaged file was moved aside. */
  warn: (message: string) => void;
  now?: () => Date;
}

/**
 * Learner progress in a SQLite file (WAL mode, so two terminals can read and write at once).
 * Every method is one short transaction: whatever returned has been committed, so Ctrl-C, a
 * closed terminal or a crash loses at most the step in progress.
 */
export class ProgressStore {
  private readonly now: () => Date;
  private readonly statements = new Map<string, Database.Statement>();
  /** The file's inode when opened: see isStillAtItsPath. */
  private readonly inode: number | undefined;

  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
    options: OpenOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    try {
      this.inode = statSync(file).ino;
    } catch {
      this.inode = undefined;
    }
  }

  static open(dataDir: string, options: OpenOptions): ProgressStore {
    const file = path.join(dataDir, progressFileName);
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (cause) {
      throw new UsageError(`Cannot create the data folder ${displayPath(dataDir)} (${(cause as NodeJS.ErrnoException).code}); choose a writable folder with --data-dir or BACKEND_INTRO_HOME.`);
    }
    try {
      return new ProgressStore(openChecked(file), file, options);
    } catch (cause) {
      if (!isDamaged(cause)) throw describeOpenFailure(cause, file);
      const aside = moveAside(file, options.now?.() ?? new Date());
      options.warn(`Warning: your progress file could not be read (${reasonOf(cause)}); it was kept as ${displayPath(aside)} and a fresh one was started.`);
      return new ProgressStore(openChecked(file), file, options);
    }
  }

  /**
   * A read-only view for the quick path (src/quick.ts), or undefined unless the file exists,
   * passes the same health check as open(), and has this version's schema. Anything unusual (a
   * damaged, new or older file) is left to open(), with its repairs, migrations and warnings.
   */
  static openForReading(dataDir: string): ProgressStore | undefined {
    const file = path.join(dataDir, progressFileName);
    if (!existsSync(file) || looksEmptied(file)) return undefined;
    let db: Database.Database;
    try {
      db = new Database(file, driverOptions({ readonly: true, fileMustExist: true }));
    } catch {
      return undefined;
    }
    try {
      db.pragma('busy_timeout = 5000');
      const healthy = db.pragma('quick_check', { simple: true }) === 'ok' && db.pragma('user_version', { simple: true }) === schemaVersion;
      if (healthy) return new ProgressStore(db, file, { warn: () => {} });
    } catch {
      // unreadable in some way: open() will say how
    }
    db.close();
    return undefined;
  }

  /**
   * A store to write to, for a worker that records a verdict (src/sql-worker.ts), or undefined
   * unless the file passes openForReading's checks: a damaged, new or older file is left to
   * open(), which repairs, creates or upgrades it and says so where the learner sees it.
   */
  static openIfHealthy(dataDir: string): ProgressStore | undefined {
    const view = ProgressStore.openForReading(dataDir);
    if (view === undefined) return undefined;
    view.close();
    let db: Database.Database | undefined;
    try {
      db = new Database(view.file, driverOptions({ fileMustExist: true }));
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
      if (db.pragma('journal_mode', { simple: true }) === 'wal' && db.pragma('user_version', { simple: true }) === schemaVersion) {
        return new ProgressStore(db, view.file, { warn: () => {} });
      }
    } catch {
      // left to open()
    }
    db?.close();
    return undefined;
  }

  /** Whether the file this store has open is still the one at its path (not deleted, replaced, or reset since). */
  isStillAtItsPath(): boolean {
    try {
      return statSync(this.file).ino === this.inode;
    } catch {
      return false;
    }
  }

  close(): void {
    this.db.close();
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  /** Records that a page was shown: it is now the place to resume, and counts as read. */
  visitPage(packId: string, lessonId: string, page: number): void {
    const at = this.timestamp();
    this.db.transaction(() => {
      this.touchLesson(packId, lessonId, at);
      this.db.prepare('UPDATE lesson_progress SET last_page = ? WHERE pack_id = ? AND lesson_id = ?').run(page, packId, lessonId);
      this.db
        .prepare('INSERT OR IGNORE INTO page_reads (pack_id, lesson_id, page, first_read_at) VALUES (?, ?, ?, ?)')
        .run(packId, lessonId, page, at);
    })();
  }

  /** Adds time spent on a lesson (reading, a quiz, an exercise); a lesson not visited before counts as visited now. */
  addTime(packId: string, lessonId: string, ms: number): void {
    if (!(ms > 0)) return;
    const add = () => this.statement(addTimeSql).run(Math.round(ms), packId, lessonId).changes > 0;
    this.db.transaction(() => {
      if (add()) return;
      // An exercise opened straight away (`exercise 3.2`), before any page of its lesson.
      this.touchLesson(packId, lessonId, this.timestamp());
      add();
    })();
  }

  /** Starts a quiz attempt, or resumes the one left open; returns the attempt number. */
  beginQuiz(packId: string, lessonId: string): { attempt: number; resumed: boolean } {
    return this.db.transaction(() => {
      this.touchLesson(packId, lessonId, this.timestamp());
      this.db.prepare('INSERT OR IGNORE INTO quiz_progress (pack_id, lesson_id) VALUES (?, ?)').run(packId, lessonId);
      const row = this.db
        .prepare('SELECT attempt, attempt_open FROM quiz_progress WHERE pack_id = ? AND lesson_id = ?')
        .get(packId, lessonId) as { attempt: number; attempt_open: number };
      if (row.attempt_open) return { attempt: row.attempt, resumed: true };
      this.db
        .prepare('UPDATE quiz_progress SET attempt = attempt + 1, attempt_open = 1 WHERE pack_id = ? AND lesson_id = ?')
        .run(packId, lessonId);
      return { attempt: row.attempt + 1, resumed: false };
    })();
  }

  recordAnswer(packId: string, lessonId: string, questionId: string, attempt: number, answer: string | string[], correct: boolean): void {
    const at = this.timestamp();
    this.db.transaction(() => {
      this.touchLesson(packId, lessonId, at);
      this.db
        .prepare(
          `INSERT INTO quiz_answers (pack_id, lesson_id, question_id, attempt, answer, correct, answered_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (pack_id, lesson_id, question_id)
           DO UPDATE SET attempt = excluded.attempt, answer = excluded.answer, correct = excluded.correct, answered_at = excluded.answered_at`,
        )
        .run(packId, lessonId, questionId, attempt, JSON.stringify(answer), correct ? 1 : 0, at);
    })();
  }

  /**
   * Closes the attempt and keeps the best score; returns the record as it now stands. Calling it
   * again for the same attempt (after retrying missed questions) updates the score but does not
   * count another attempt.
   */
  finishQuiz(packId: string, lessonId: string, score: QuizScore): QuizRecord {
    const at = this.timestamp();
    this.db.transaction(() => {
      // Another terminal may have reset the lesson while this quiz ran.
      this.touchLesson(packId, lessonId, at);
      this.db.prepare('INSERT OR IGNORE INTO quiz_progress (pack_id, lesson_id, attempt, attempt_open) VALUES (?, ?, 1, 1)').run(packId, lessonId);
      this.db
        .prepare(
          `UPDATE quiz_progress SET attempt_open = 0, finished = finished + attempt_open, last_finished_at = ?,
             best_total = CASE WHEN ? > best_correct OR finished = 0 THEN ? ELSE best_total END,
             best_correct = MAX(best_correct, ?)
           WHERE pack_id = ? AND lesson_id = ?`,
        )
        .run(at, score.correct, score.total, score.correct, packId, lessonId);
    })();
    return this.lesson(packId, lessonId)!.quiz!;
  }

  lesson(packId: string, lessonId: string): LessonRecord | undefined {
    return this.lessons(packId, lessonId).get(lessonId);
  }

  /** Everything known about a pack's lessons (or one of them), keyed by lesson id. */
  lessons(packId: string, onlyLessonId?: string): Map<string, LessonRecord> {
    const filter = onlyLessonId === undefined ? '' : ' AND lesson_id = @lesson';
    const params = { pack: packId, lesson: onlyLessonId ?? '' };
    const records = new Map<string, LessonRecord & { pagesRead: Set<number>; answers: Map<string, AnswerRecord>; exercises: Map<string, ExerciseRecord> }>();
    const lessonRows = this.db
      .prepare(`SELECT * FROM lesson_progress WHERE pack_id = @pack${filter}`)
      .all(params) as { lesson_id: string; last_page: number; time_spent_ms: number; first_visit_at: string; last_visit_at: string }[];
    for (const row of lessonRows) {
      records.set(row.lesson_id, {
        lessonId: row.lesson_id,
        lastPage: row.last_page,
        pagesRead: new Set(),
        timeSpentMs: row.time_spent_ms,
        firstVisitAt: row.first_visit_at,
        lastVisitAt: row.last_visit_at,
        answers: new Map(),
        exercises: new Map(),
      });
    }
    for (const row of this.db.prepare(`SELECT lesson_id, page FROM page_reads WHERE pack_id = @pack${filter}`).all(params) as { lesson_id: string; page: number }[]) {
      records.get(row.lesson_id)?.pagesRead.add(row.page);
    }
    for (const row of this.db.prepare(`SELECT * FROM quiz_progress WHERE pack_id = @pack${filter}`).all(params) as (QuizRow & { lesson_id: string })[]) {
      const record = records.get(row.lesson_id);
      if (!record) continue;
      record.quiz = { ...quizFields(row), ...(row.last_finished_at === null ? {} : { lastFinishedAt: row.last_finished_at }) };
    }
    for (const row of this.db.prepare(`SELECT lesson_id, question_id, attempt, correct FROM quiz_answers WHERE pack_id = @pack${filter}`).all(params) as {
      lesson_id: string; question_id: string; attempt: number; correct: number;
    }[]) {
      records.get(row.lesson_id)?.answers.set(row.question_id, { correct: row.correct === 1, attempt: row.attempt });
    }
    for (const row of this.db.prepare(`SELECT * FROM exercise_progress WHERE pack_id = @pack${filter}`).all(params) as (ExerciseRow & { lesson_id: string })[]) {
      records.get(row.lesson_id)?.exercises.set(row.exercise_id, {
        ...exerciseFields(row),
        ...(row.passed_at === null ? {} : { passedAt: row.passed_at }),
        ...(row.hints_before_pass === null ? {} : { hintsBeforePass: row.hints_before_pass }),
      });
    }
    return records;
  }

  /**
   * Records one checked answer. A pass after the solution was shown counts as solved with help;
   * a later pass on one's own does not undo an earlier one, and a failure never undoes a pass.
   */
  recordExerciseAttempt(packId: string, lessonId: string, exerciseId: string, passed: boolean): ExerciseRecord {
    this.countExerciseAttempt(packId, lessonId, exerciseId, passed);
    return this.lesson(packId, lessonId)!.exercises.get(exerciseId)!;
  }

  /** recordExerciseAttempt without reading the record back: what a worker that records a verdict needs. */
  countExerciseAttempt(packId: string, lessonId: string, exerciseId: string, passed: boolean): void {
    const at = this.timestamp();
    this.db.transaction(() => {
      this.touchLesson(packId, lessonId, at);
      this.ensureExercise(packId, lessonId, exerciseId);
      this.statement(countAttemptSql).run({ at, passed: passed ? 1 : 0, pack: packId, lesson: lessonId, exercise: exerciseId });
    })();
  }

  /**
   * Prepares what countExerciseAttempt runs, without writing anything: a spare worker does this
   * while it waits, so that recording the verdict later takes a fraction of a millisecond.
   */
  prepareToCountAttempts(): void {
    for (const sql of [touchLessonSql, ensureExerciseSql, countAttemptSql]) this.statement(sql);
  }

  /** Counts one more hint shown; returns how many the learner has now seen. */
  recordHintShown(packId: string, lessonId: string, exerciseId: string): number {
    return this.db.transaction(() => {
      this.touchLesson(packId, lessonId, this.timestamp());
      this.ensureExercise(packId, lessonId, exerciseId);
      this.db.prepare('UPDATE exercise_progress SET hints_shown = hints_shown + 1 WHERE pack_id = ? AND lesson_id = ? AND exercise_id = ?').run(packId, lessonId, exerciseId);
      return (this.db.prepare('SELECT hints_shown FROM exercise_progress WHERE pack_id = ? AND lesson_id = ? AND exercise_id = ?').get(packId, lessonId, exerciseId) as { hints_shown: number }).hints_shown;
    })();
  }

  /** Notes that the reference solution was shown: a pass after this is "with help". */
  recordSolutionShown(packId: string, lessonId: string, exerciseId: string): void {
    this.db.transaction(() => {
      this.touchLesson(packId, lessonId, this.timestamp());
      this.ensureExercise(packId, lessonId, exerciseId);
      this.db.prepare('UPDATE exercise_progress SET solution_shown = 1 WHERE pack_id = ? AND lesson_id = ? AND exercise_id = ?').run(packId, lessonId, exerciseId);
    })();
  }

  private ensureExercise(packId: string, lessonId: string, exerciseId: string): void {
    this.statement(ensureExerciseSql).run(packId, lessonId, exerciseId);
  }

  /** Forgets a pack's progress, or one lesson's. */
  reset(packId: string, lessonId?: string): void {
    const filter = lessonId === undefined ? '' : ' AND lesson_id = @lesson';
    this.db.transaction(() => {
      for (const table of ['lesson_progress', 'page_reads', 'quiz_progress', 'quiz_answers', 'exercise_progress']) {
        this.db.prepare(`DELETE FROM ${table} WHERE pack_id = @pack${filter}`).run({ pack: packId, lesson: lessonId ?? '' });
      }
    })();
  }

  /**
   * Everything kept for every pack, in the portable form `progress --export` writes. Rows of a
   * lesson with no visit row (which no step writes) are left out: no screen would show them.
   */
  exportSnapshot(): PacksSnapshot {
    const packs = this.db.transaction(() => this.snapshots())();
    return Object.fromEntries([...packs].map(([packId, lessons]) => [packId, Object.fromEntries(lessons)]));
  }

  /**
   * Merges another copy's progress into this one (see mergeLesson for the rules) in a single
   * transaction: all of it lands, or, if anything fails, none of it. Returns how many lessons
   * were new here, changed, or already knew everything the other copy says.
   */
  mergeSnapshot(packs: PacksSnapshot): MergeSummary {
    const summary: MergeSummary = { added: 0, updated: 0, unchanged: 0 };
    this.db.transaction(() => {
      for (const [packId, lessons] of Object.entries(packs)) {
        for (const [lessonId, incoming] of Object.entries(lessons)) {
          const local = this.snapshots({ packId, lessonId }).get(packId)?.get(lessonId);
          const merged = mergeLesson(local, incoming);
          if (sameLesson(local, merged)) {
            summary.unchanged += 1;
            continue;
          }
          summary[local ? 'updated' : 'added'] += 1;
          this.replaceLesson(packId, lessonId, merged);
        }
      }
    }).immediate();
    return summary;
  }

  /** Pack id → lesson id → snapshot; Maps, because the ids are text from packs and files ("__proto__" included). */
  private snapshots(only?: { packId: string; lessonId: string }): Map<string, Map<string, LessonSnapshot>> {
    const filter = only ? ' WHERE pack_id = @pack AND lesson_id = @lesson' : '';
    const params = only ? { pack: only.packId, lesson: only.lessonId } : {};
    const rows = <T>(table: string) => this.db.prepare(`SELECT * FROM ${table}${filter} ORDER BY pack_id, lesson_id`).all(params) as (T & { pack_id: string; lesson_id: string })[];
    const packs = new Map<string, Map<string, LessonSnapshot>>();
    const lessonOf = (row: { pack_id: string; lesson_id: string }) => packs.get(row.pack_id)?.get(row.lesson_id);
    for (const row of rows<{ last_page: number; time_spent_ms: number; first_visit_at: string; last_visit_at: string }>('lesson_progress')) {
      if (!packs.has(row.pack_id)) packs.set(row.pack_id, new Map());
      packs.get(row.pack_id)!.set(row.lesson_id, {
        lastPage: row.last_page,
        timeSpentMs: row.time_spent_ms,
        firstVisitAt: row.first_visit_at,
        lastVisitAt: row.last_visit_at,
        pagesRead: [],
        quiz: null,
        answers: {},
        exercises: {},
      });
    }
    for (const row of rows<{ page: number; first_read_at: string }>('page_reads').sort((a, b) => a.page - b.page)) {
      lessonOf(row)?.pagesRead.push({ page: row.page, firstReadAt: row.first_read_at });
    }
    for (const row of rows<QuizRow>('quiz_progress')) {
      const lesson = lessonOf(row);
      if (lesson) lesson.quiz = { ...quizFields(row), lastFinishedAt: row.last_finished_at };
    }
    for (const row of rows<{ question_id: string; attempt: number; answer: string; correct: number; answered_at: string }>('quiz_answers')) {
      const lesson = lessonOf(row);
      if (!lesson) continue;
      setOwn(lesson.answers, row.question_id, { attempt: row.attempt, answer: parseStoredAnswer(row.answer), correct: row.correct === 1, answeredAt: row.answered_at });
    }
    for (const row of rows<ExerciseRow & { last_attempt_at: string | null }>('exercise_progress')) {
      const lesson = lessonOf(row);
      if (!lesson) continue;
      setOwn(lesson.exercises, row.exercise_id, {
        ...exerciseFields(row),
        passedAt: row.passed_at,
        hintsBeforePass: row.hints_before_pass,
        lastAttemptAt: row.last_attempt_at,
      });
    }
    return packs;
  }

  /** Writes a lesson's rows from a snapshot, in place of whatever was there (inside a transaction). */
  private replaceLesson(packId: string, lessonId: string, lesson: LessonSnapshot): void {
    const key = { pack: packId, lesson: lessonId };
    for (const table of ['lesson_progress', 'page_reads', 'quiz_progress', 'quiz_answers', 'exercise_progress']) {
      this.db.prepare(`DELETE FROM ${table} WHERE pack_id = @pack AND lesson_id = @lesson`).run(key);
    }
    this.db
      .prepare('INSERT INTO lesson_progress (pack_id, lesson_id, last_page, time_spent_ms, first_visit_at, last_visit_at) VALUES (@pack, @lesson, ?, ?, ?, ?)')
      .run(key, lesson.lastPage, lesson.timeSpentMs, lesson.firstVisitAt, lesson.lastVisitAt);
    const page = this.db.prepare('INSERT INTO page_reads (pack_id, lesson_id, page, first_read_at) VALUES (@pack, @lesson, ?, ?)');
    for (const read of lesson.pagesRead) page.run(key, read.page, read.firstReadAt);
    if (lesson.quiz) {
      const quiz = lesson.quiz;
      this.db
        .prepare(
          `INSERT INTO quiz_progress (pack_id, lesson_id, attempt, attempt_open, finished, best_correct, best_total, last_finished_at)
           VALUES (@pack, @lesson, ?, ?, ?, ?, ?, ?)`,
        )
        .run(key, quiz.attempt, quiz.attemptOpen ? 1 : 0, quiz.finished, quiz.bestCorrect, quiz.bestTotal, quiz.lastFinishedAt);
    }
    const answer = this.db.prepare('INSERT INTO quiz_answers (pack_id, lesson_id, question_id, attempt, answer, correct, answered_at) VALUES (@pack, @lesson, ?, ?, ?, ?, ?)');
    for (const [questionId, given] of Object.entries(lesson.answers)) {
      answer.run(key, questionId, given.attempt, JSON.stringify(given.answer), given.correct ? 1 : 0, given.answeredAt);
    }
    const exercise = this.db.prepare(
      `INSERT INTO exercise_progress (pack_id, lesson_id, exercise_id, attempts, hints_shown, solution_shown, passed_at, passed_with_help, hints_before_pass, last_attempt_at)
       VALUES (@pack, @lesson, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [exerciseId, record] of Object.entries(lesson.exercises)) {
      exercise.run(key, exerciseId, record.attempts, record.hintsShown, record.solutionShown ? 1 : 0, record.passedAt, record.passedWithHelp ? 1 : 0, record.hintsBeforePass, record.lastAttemptAt);
    }
  }

  private touchLesson(packId: string, lessonId: string, at: string): void {
    this.statement(touchLessonSql).run(packId, lessonId, at, at);
  }

  /** A statement prepared once per store: the ones run on every step, where preparing costs more than running. */
  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }
}

const touchLessonSql = `INSERT INTO lesson_progress (pack_id, lesson_id, first_visit_at, last_visit_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (pack_id, lesson_id) DO UPDATE SET last_visit_at = excluded.last_visit_at`;
const addTimeSql = 'UPDATE lesson_progress SET time_spent_ms = time_spent_ms + ? WHERE pack_id = ? AND lesson_id = ?';
const ensureExerciseSql = 'INSERT OR IGNORE INTO exercise_progress (pack_id, lesson_id, exercise_id) VALUES (?, ?, ?)';
const countAttemptSql = `UPDATE exercise_progress SET attempts = attempts + 1, last_attempt_at = @at,
    passed_with_help = CASE WHEN passed_at IS NULL AND @passed THEN solution_shown ELSE passed_with_help END,
    hints_before_pass = CASE WHEN passed_at IS NULL AND @passed THEN hints_shown ELSE hints_before_pass END,
    passed_at = CASE WHEN passed_at IS NULL AND @passed THEN @at ELSE passed_at END
  WHERE pack_id = @pack AND lesson_id = @lesson AND exercise_id = @exercise`;

/** What a merge did, lesson by lesson. */
export interface MergeSummary {
  /** Lessons this copy knew nothing about. */
  added: number;
  /** Lessons where the other copy knew more. */
  updated: number;
  /** Lessons this copy already knew everything about. */
  unchanged: number;
}

/** Sets a key as an own property even when it is "__proto__" (ids are text the store does not choose). */
function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Answers are stored as JSON text; a row written by hand that is not JSON is kept as it is. */
function parseStoredAnswer(text: string): string | string[] {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))) return value;
  } catch {
    // fall through
  }
  return text;
}

/** A row of quiz_progress, and the fields that read the same in a record and in a snapshot. */
interface QuizRow {
  attempt: number;
  attempt_open: number;
  finished: number;
  best_correct: number;
  best_total: number;
  last_finished_at: string | null;
}

function quizFields(row: QuizRow) {
  return { attempt: row.attempt, attemptOpen: row.attempt_open === 1, finished: row.finished, bestCorrect: row.best_correct, bestTotal: row.best_total };
}

/** A row of exercise_progress, and the fields that read the same in a record and in a snapshot. */
interface ExerciseRow {
  exercise_id: string;
  attempts: number;
  hints_shown: number;
  solution_shown: number;
  passed_at: string | null;
  passed_with_help: number;
  hints_before_pass: number | null;
}

function exerciseFields(row: ExerciseRow) {
  return { attempts: row.attempts, hintsShown: row.hints_shown, solutionShown: row.solution_shown === 1, passedWithHelp: row.passed_with_help === 1 };
}

function openChecked(file: string): Database.Database {
  if (looksEmptied(file)) {
    throw Object.assign(new Error('the file is empty'), { code: 'SQLITE_NOTADB' });
  }
  inspectReadOnly(file);
  if (!existsSync(file)) createComplete(file);
  const db = new Database(file, driverOptions({}));
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // NORMAL is safe in WAL mode: a killed process never loses a committed step.
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (cause) {
    db.close();
    throw cause;
  }
}

function driverOptions(options: Database.Options): Database.Options {
  const binding = nativeBinding();
  return binding === undefined ? options : { ...options, nativeBinding: binding };
}

/**
 * Checks an existing file through a read-only connection first. Closing a read-write connection
 * folds the write-ahead log into the main file; on a damaged file that would change the very
 * bytes we are about to keep aside, and lose the log of the latest steps.
 */
function inspectReadOnly(file: string): void {
  if (!existsSync(file)) return;
  let db: Database.Database;
  try {
    db = new Database(file, driverOptions({ readonly: true, fileMustExist: true }));
  } catch (cause) {
    if (isDamaged(cause)) throw cause;
    return; // e.g. permissions: the read-write open reports it clearly
  }
  try {
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > schemaVersion) {
      throw new UsageError(`Your progress file ${displayPath(file)} was written by a newer backend-intro; update backend-intro to keep using it.`);
    }
  } catch (cause) {
    if (isDamaged(cause) || cause instanceof UsageError) throw cause;
    // Anything else (a read-only WAL it cannot map, say) is left to the read-write open.
  } finally {
    db.close();
  }
}

/**
 * Makes a new progress file beside its final name and links it into place complete. SQLite
 * would otherwise create the file empty and fill it a moment later: a second process starting
 * in that moment (two terminals, a script running verify twice) took the empty file for a
 * damaged one, moved it aside under the first process and left that one failing with a disk
 * I/O error. Now a zero-byte progress.db only ever means a damaged one.
 */
function createComplete(file: string): void {
  const draft = `${file}.${process.pid}.new`;
  const db = new Database(draft, driverOptions({}));
  try {
    db.pragma('journal_mode = WAL');
    migrate(db);
  } finally {
    db.close();
  }
  try {
    linkSync(draft, file);
  } catch (cause) {
    // EEXIST: another process linked its file first; both are the same empty schema, use theirs.
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') copyUnlessExists(draft, file);
  } finally {
    for (const leftover of [draft, `${draft}-wal`, `${draft}-shm`]) rmSync(leftover, { force: true });
  }
}

/** For file systems without hard links: a copy, never over a file that appeared meanwhile. */
function copyUnlessExists(from: string, to: string): void {
  try {
    copyFileSync(from, to, constants.COPYFILE_EXCL);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
  }
}

function migrate(db: Database.Database): void {
  if ((db.pragma('user_version', { simple: true }) as number) >= schemaVersion) return;
  db.transaction(() => {
    // Read again under the write lock: another process may have upgraded the file meanwhile,
    // and running its steps a second time would fail ("table already exists").
    const version = db.pragma('user_version', { simple: true }) as number;
    for (const step of migrations.slice(version)) db.exec(step);
    db.pragma(`user_version = ${schemaVersion}`);
  }).immediate();
}

/**
 * A zero-byte file with no write-ahead log beside it held progress once and lost it (SQLite would
 * happily treat it as a new, empty database, so the learner would never hear about it).
 */
function looksEmptied(file: string): boolean {
  if (!existsSync(file) || statSync(file).size > 0) return false;
  const wal = `${file}-wal`;
  return !existsSync(wal) || statSync(wal).size === 0;
}

function isDamaged(cause: unknown): boolean {
  const code = (cause as { code?: unknown })?.code;
  return typeof code === 'string' && damagedCodes.has(code);
}

function reasonOf(cause: unknown): string {
  return (cause as Error).message.replace(/\.$/, '');
}

/** Renames the damaged file (and its WAL and shared-memory files) aside: never deletes. */
function moveAside(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${file}.damaged-${stamp}`;
  renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

function describeOpenFailure(cause: unknown, file: string): Error {
  if (cause instanceof UsageError) return cause;
  const code = (cause as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_IOERR') {
    return new UsageError(`Cannot open the progress file ${displayPath(file)} for writing (${code}); make its folder writable or choose another with --data-dir.`);
  }
  return cause as Error;
}
