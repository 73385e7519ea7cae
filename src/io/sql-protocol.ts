// The messages between the tutorial and its SQL worker process (src/sql-worker.ts), one JSON
// object per line each way. Values that JSON cannot carry (BLOBs, 64-bit integers) travel as
// tagged objects and are restored on arrival.
import type { ResultSet, SqlValue } from '../core/sql-values.js';

/** Which sample database to start from: a data/<name>.sql file, seeded once and then copied. */
export interface DatabaseSource {
  seedFile: string;
}

export type SqlJob =
  /** One statement that must only read; its rows come back (capped). */
  | { kind: 'query'; database: DatabaseSource; sql: string; maxRows: number }
  /** Statements that may write, then read-only check queries on the changed database. */
  | { kind: 'change'; database: DatabaseSource; sql: string; checks: string[]; maxRows: number }
  /** The tables and their CREATE statements, for .tables and .schema. */
  | { kind: 'schema'; database: DatabaseSource }
  /**
   * A statement typed at a prompt, anything SQLite accepts. The worker keeps no state between
   * jobs, so a session replays the statements that changed its database so far (`setup`) on a
   * fresh copy first: simple, and never out of step after a worker was restarted.
   */
  | { kind: 'statement'; database: DatabaseSource; setup: string[]; sql: string; maxRows: number }
  /**
   * Records a checked answer in the progress file of `dataDir`, which the worker has SQLite
   * loaded for already (a spare even has the file open). `recorded: false` when the file is not
   * plainly healthy: the tutorial then records it itself, with repairs and warnings as needed.
   */
  | { kind: 'record-attempt'; dataDir: string; attempt: AttemptRecord };

/** One checked answer, as ProgressStore.recordExerciseAttempt takes it. */
export interface AttemptRecord {
  packId: string;
  lessonId: string;
  exerciseId: string;
  passed: boolean;
}

export interface SqlRequest {
  id: number;
  job: SqlJob;
}

export interface CappedResult extends ResultSet {
  /** Rows the statement produced; more than rows.length when capped. */
  total: number;
}

export type SqlFailureKind =
  /** SQLite refused the statement: syntax, unknown table, constraint violation. */
  | 'sql-error'
  /** A query exercise was given a statement that writes. */
  | 'not-a-query'
  /** More than one statement where one is expected, or none at all. */
  | 'statement-count'
  /** The answer turned foreign keys off (PRAGMA foreign_keys = OFF): exercises keep them on. */
  | 'constraints-off'
  /** The check or seed database could not be prepared (a pack problem, not the learner's). */
  | 'setup-error'
  /** Stopped by the tutorial: it ran too long, or used too much memory. */
  | 'timeout'
  | 'crashed';

export interface SqlFailure {
  kind: SqlFailureKind;
  message: string;
  /** SQLite's error code when there is one, e.g. SQLITE_CONSTRAINT_FOREIGNKEY. */
  code?: string;
}

export type SqlOutcome =
  | {
      ok: true;
      result?: CappedResult;
      checks?: CappedResult[];
      schema?: { name: string; sql: string }[];
      /** For a `statement` job: rows changed by a statement that returns none, and whether it may have changed the database. */
      changes?: number;
      wrote?: boolean;
      /** For a `statement` job: a transaction is still open after it (BEGIN without COMMIT yet). */
      inTransaction?: boolean;
      /** For a `change` job: the statements left a transaction open, which was rolled back before the checks. */
      rolledBack?: boolean;
      /** For a `record-attempt` job: whether the attempt is recorded. */
      recorded?: boolean;
    }
  | { ok: false; failure: SqlFailure };

export interface SqlResponse {
  id: number;
  outcome: SqlOutcome;
}

type Tagged = { $bigint: string } | { $blob: string };

export function encodeValue(value: SqlValue): SqlValue | Tagged {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (value instanceof Uint8Array) return { $blob: Buffer.from(value).toString('base64') };
  return value;
}

export function decodeValue(value: unknown): SqlValue {
  if (value !== null && typeof value === 'object') {
    if ('$bigint' in value) return BigInt((value as { $bigint: string }).$bigint);
    if ('$blob' in value) return new Uint8Array(Buffer.from((value as { $blob: string }).$blob, 'base64'));
  }
  return value as SqlValue;
}

/** Rows ready for JSON: encode them before stringifying (Buffer.toJSON would run first otherwise). */
export function encodeRows(rows: SqlValue[][]): unknown[][] {
  return rows.map((row) => row.map(encodeValue));
}

export function decodeResult(result: CappedResult): CappedResult {
  return { ...result, rows: result.rows.map((row) => row.map(decodeValue)) };
}
