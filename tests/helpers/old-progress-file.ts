// A progress file as an older version of backend-intro left it, for the tests of migrations.
import Database from 'better-sqlite3';

/**
 * Writes `file` as schema version 1 made it (the first migration only: no exercise_progress
 * table yet), with the given lesson_progress rows, each an SQL VALUES list.
 */
export function writeVersion1ProgressFile(file: string, lessonRows: string[], options: { wal?: boolean } = {}): void {
  const db = new Database(file);
  if (options.wal) db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE lesson_progress (pack_id TEXT NOT NULL, lesson_id TEXT NOT NULL, last_page INTEGER NOT NULL DEFAULT 0,
      time_spent_ms INTEGER NOT NULL DEFAULT 0, first_visit_at TEXT NOT NULL, last_visit_at TEXT NOT NULL, PRIMARY KEY (pack_id, lesson_id));
    CREATE TABLE page_reads (pack_id TEXT NOT NULL, lesson_id TEXT NOT NULL, page INTEGER NOT NULL, first_read_at TEXT NOT NULL, PRIMARY KEY (pack_id, lesson_id, page));
    CREATE TABLE quiz_progress (pack_id TEXT NOT NULL, lesson_id TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 0, attempt_open INTEGER NOT NULL DEFAULT 0,
      finished INTEGER NOT NULL DEFAULT 0, best_correct INTEGER NOT NULL DEFAULT 0, best_total INTEGER NOT NULL DEFAULT 0, last_finished_at TEXT, PRIMARY KEY (pack_id, lesson_id));
    CREATE TABLE quiz_answers (pack_id TEXT NOT NULL, lesson_id TEXT NOT NULL, question_id TEXT NOT NULL, attempt INTEGER NOT NULL, answer TEXT NOT NULL,
      correct INTEGER NOT NULL, answered_at TEXT NOT NULL, PRIMARY KEY (pack_id, lesson_id, question_id));
    ${lessonRows.map((values) => `INSERT INTO lesson_progress VALUES ${values};`).join('\n')}
    PRAGMA user_version = 1;`);
  db.close();
}
