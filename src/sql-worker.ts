// The SQL worker: a separate process that runs learner and reference SQL on fresh copies of the
// sample databases. better-sqlite3 runs a query to its end inside one native call, which nothing
// in the same process can interrupt; in a process of its own, a runaway query (an endless
// recursive CTE, a huge cross join) is stopped by killing it, and the tutorial goes on.
// Protocol: src/io/sql-protocol.ts. Started by src/io/sql-runner.ts.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlValue } from './core/sql-values.js';
import { DirectOutput, readStdinLines } from './io/direct-io.js';
import { nativeBinding } from './io/native-binding.js';
import type { ProgressStore } from './io/progress-store.js';
import { spareArguments } from './io/spare-arguments.js';
import { encodeRows, type CappedResult, type DatabaseSource, type SqlFailure, type SqlJob, type SqlOutcome, type SqlRequest, type SqlResponse } from './io/sql-protocol.js';

/** Seeded databases, serialized once per seed file content (the key); each run deserializes a fresh copy. */
const images = new Map<string, Buffer>();

class JobFailure extends Error {
  constructor(readonly failure: SqlFailure) {
    super(failure.message);
  }
}

function openDatabase(bytes?: Buffer): Database.Database {
  const binding = nativeBinding();
  const db = new Database(bytes ?? ':memory:', binding === undefined ? {} : { nativeBinding: binding });
  // (A memory limit cannot be set here: better-sqlite3 builds SQLite without memory statistics,
  // so PRAGMA hard_heap_limit is ignored. SqlRunner watches the worker's memory instead.)
  db.pragma('foreign_keys = ON');
  // Integers beyond 2^53 must arrive exactly; collect() turns the small ones back into numbers.
  db.defaultSafeIntegers(true);
  return db;
}

function freshCopy(source: DatabaseSource): Database.Database {
  let seed: string;
  try {
    seed = readFileSync(source.seedFile, 'utf8');
  } catch {
    throw new JobFailure({ kind: 'setup-error', message: `The sample database file ${source.seedFile} cannot be read.` });
  }
  let image = images.get(seed);
  if (!image) {
    const db = openDatabase();
    try {
      db.exec(seed);
    } catch (error) {
      throw new JobFailure({ kind: 'setup-error', message: `The sample database ${source.seedFile} has an error: ${(error as Error).message}` });
    }
    image = db.serialize();
    db.close();
    images.set(seed, image);
  }
  return openDatabase(image);
}

function sqliteFailure(error: unknown): JobFailure {
  if (error instanceof JobFailure) return error;
  const code = (error as { code?: unknown }).code;
  return new JobFailure({ kind: 'sql-error', message: (error as Error).message, ...(typeof code === 'string' ? { code } : {}) });
}

function smallIntegersAsNumbers(value: SqlValue): SqlValue {
  return typeof value === 'bigint' && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Runs one read-only statement and collects at most maxRows rows, counting the rest. */
function collect(db: Database.Database, sql: string, maxRows: number): CappedResult {
  const statement = db.prepare(sql);
  if (!statement.reader) {
    throw new JobFailure({ kind: 'not-a-query', message: 'This statement does not return rows; write a SELECT.' });
  }
  const columns = statement.columns().map((column) => column.name);
  const rows: SqlValue[][] = [];
  let total = 0;
  let capped = false;
  for (const row of statement.raw(true).iterate() as Iterable<SqlValue[]>) {
    total += 1;
    if (rows.length < maxRows) rows.push(row.map(smallIntegersAsNumbers));
    // Past the cap only the count matters. Counting inside SQLite is several times faster than
    // stepping every row through JavaScript, which made a million-row result hit the time limit.
    else if (statement.readonly) {
      capped = true;
      break;
    }
  }
  if (capped) total = Math.max(total, countRows(db, sql) ?? countByStepping(statement));
  return { columns, rows: encodeRows(rows) as SqlValue[][], total };
}

/** How many rows a read-only query returns, counted by SQLite; undefined when it cannot be wrapped (a PRAGMA, a trailing comment). */
function countRows(db: Database.Database, sql: string): number | undefined {
  try {
    const count = db.prepare(`SELECT count(*) FROM (${sql.trim().replace(/;+$/, '')})`).pluck().get();
    return Number(count);
  } catch {
    return undefined;
  }
}

function countByStepping(statement: Database.Statement): number {
  let total = 0;
  for (const _row of statement.raw(true).iterate()) total += 1;
  return total;
}

function runQuery(job: Extract<SqlJob, { kind: 'query' }>): SqlOutcome {
  const db = freshCopy(job.database);
  try {
    let statement: Database.Statement;
    try {
      statement = db.prepare(job.sql);
    } catch (error) {
      if (/more than one statement/i.test((error as Error).message)) {
        throw new JobFailure({ kind: 'statement-count', message: 'Write a single statement: this exercise checks one query (remove the extra statements).' });
      }
      if (/contains no statements|does not contain|empty/i.test((error as Error).message)) {
        throw new JobFailure({ kind: 'statement-count', message: 'There is no statement to run; write a SELECT query.' });
      }
      throw error;
    }
    if (!statement.readonly) {
      throw new JobFailure({ kind: 'not-a-query', message: 'This exercise asks for a query that only reads; your statement would change the database.' });
    }
    return { ok: true, result: collect(db, job.sql, job.maxRows) };
  } finally {
    db.close();
  }
}

/**
 * Foreign keys stay on in a checked change: with them off, statements in an order the
 * constraints refuse would pass, and the point of an exercise about them would be lost. (The
 * playground and the prompt let a learner try turning them off; the check then says this.)
 */
function requireForeignKeys(db: Database.Database): void {
  if (!db.pragma('foreign_keys', { simple: true })) {
    throw new JobFailure({
      kind: 'constraints-off',
      message: 'Foreign keys stay on in exercises: instead of turning them off with PRAGMA, write the statements in an order the constraints accept.',
    });
  }
}

function runChange(job: Extract<SqlJob, { kind: 'change' }>): SqlOutcome {
  const db = freshCopy(job.database);
  try {
    if (job.sql.trim() === '') throw new JobFailure({ kind: 'statement-count', message: 'There is no statement to run.' });
    db.exec(job.sql);
    requireForeignKeys(db);
    // A transaction left open (BEGIN without COMMIT) is rolled back, as it would be on disconnect.
    const rolledBack = db.inTransaction;
    if (rolledBack) db.exec('ROLLBACK');
    const checks = job.checks.map((sql) => {
      try {
        return collect(db, sql, job.maxRows);
      } catch (error) {
        throw new JobFailure({ kind: 'setup-error', message: `The check query "${sql}" failed after your change: ${(error as Error).message}` });
      }
    });
    return { ok: true, checks, ...(rolledBack ? { rolledBack } : {}) };
  } finally {
    db.close();
  }
}

function runSchema(job: Extract<SqlJob, { kind: 'schema' }>): SqlOutcome {
  const db = freshCopy(job.database);
  try {
    const schema = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type IN ('table', 'view', 'index') AND sql IS NOT NULL ORDER BY type DESC, name").all() as { name: string; sql: string }[];
    return { ok: true, schema };
  } finally {
    db.close();
  }
}

function runStatement(job: Extract<SqlJob, { kind: 'statement' }>): SqlOutcome {
  const db = freshCopy(job.database);
  try {
    // A transaction the session opened stays open, as it would on a real connection: the
    // statement sees the session's uncommitted changes, and COMMIT or ROLLBACK can end it.
    for (const earlier of job.setup) db.exec(earlier);
    let statement: Database.Statement | undefined;
    try {
      statement = db.prepare(job.sql);
    } catch (error) {
      if (!/more than one statement/i.test((error as Error).message)) throw error;
    }
    if (!statement) {
      // Several statements at once: run them all; only the last one's effect is visible.
      db.exec(job.sql);
      return { ok: true, wrote: true, inTransaction: db.inTransaction };
    }
    if (statement.reader) return { ok: true, result: collect(db, job.sql, job.maxRows), wrote: !statement.readonly, inTransaction: db.inTransaction };
    const info = statement.run();
    return { ok: true, changes: info.changes, wrote: !statement.readonly, inTransaction: db.inTransaction };
  } finally {
    db.close();
  }
}

/** The progress file a `record-attempt` job writes to, kept open for the next (a spare opens it while it waits). */
let progress: { dataDir: string; store: ProgressStore } | undefined;

async function openProgress(dataDir: string): Promise<void> {
  const { ProgressStore } = await import('./io/progress-store.js');
  const store = ProgressStore.openIfHealthy(dataDir);
  store?.prepareToCountAttempts();
  progress = store && { dataDir, store };
}

async function recordAttempt(job: Extract<SqlJob, { kind: 'record-attempt' }>): Promise<SqlOutcome> {
  try {
    // Reset, replaced or moved aside since it was opened: open whatever is there now.
    if (progress && (progress.dataDir !== job.dataDir || !progress.store.isStillAtItsPath())) {
      progress.store.close();
      progress = undefined;
    }
    if (!progress) await openProgress(job.dataDir);
    if (!progress) return { ok: true, recorded: false };
    const { packId, lessonId, exerciseId, passed } = job.attempt;
    progress.store.countExerciseAttempt(packId, lessonId, exerciseId, passed);
    return { ok: true, recorded: true };
  } catch {
    return { ok: true, recorded: false };
  }
}

function handle(job: Exclude<SqlJob, { kind: 'record-attempt' }>): SqlOutcome {
  try {
    switch (job.kind) {
      case 'query':
        return runQuery(job);
      case 'change':
        return runChange(job);
      case 'schema':
        return runSchema(job);
      case 'statement':
        return runStatement(job);
    }
  } catch (error) {
    return { ok: false, failure: sqliteFailure(error).failure };
  }
}

/** Answers one request; through `reply`, because recording an attempt loads the progress store first. */
function answer(request: SqlRequest, reply: (response: SqlResponse) => void): void {
  if (request.job.kind === 'record-attempt') void recordAttempt(request.job).then((outcome) => reply({ id: request.id, outcome }));
  else reply({ id: request.id, outcome: handle(request.job) });
}

const spare = spareArguments();
if (spare) {
  // A spare (src/io/spare-server.ts): the library loaded, the sample databases named on the
  // command line seeded and one query run on each before it waits, so that the check that
  // claims it starts at once with its code compiled.
  for (const seedFile of spare.rest) JSON.stringify(handle({ kind: 'query', database: { seedFile }, sql: 'SELECT 1', maxRows: 1 }));
  // The progress file of the data folder it waits in (<data>/cache/<socket>), open for the verdict.
  const dataDir = path.dirname(path.dirname(spare.socketPath));
  void Promise.all([openProgress(dataDir).catch(() => undefined), import('./io/spare-server.js')]).then(([, { waitAsSpare }]) =>
    waitAsSpare(fileURLToPath(import.meta.url), spare.socketPath, spare.rest, (channel) => {
      channel.onMessage((request) => answer(request as SqlRequest, (response) => channel.send(response)));
      // Its last write folded into the file before it leaves, not left in the write-ahead log.
      return () => progress?.store.close();
    }),
  );
} else {
  // One request per line in, one response per line out, through the file descriptors: the
  // stream objects would cost this process more time to load than its first answer takes.
  const output = new DirectOutput();
  readStdinLines(
    (line) => answer(JSON.parse(line) as SqlRequest, (response) => void output.write(`${JSON.stringify(response)}\n`)),
    () => (output.write('') ? process.exit(0) : process.stdout.end(() => process.exit(0))),
  );
}
