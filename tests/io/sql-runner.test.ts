// Integration tests of the SQL worker process (src/sql-worker.ts, built to dist/sql-worker.cjs)
// through SqlRunner (src/io/sql-runner.ts): real SQLite, a real child process, the real 3 s limit.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResult, encodeRows, type CappedResult, type SqlFailure, type SqlJob, type SqlOutcome } from '../../src/io/sql-protocol.js';
import { ProgressStore, progressFileName } from '../../src/io/progress-store.js';
import { SqlRunner, sqlTimeoutMs } from '../../src/io/sql-runner.js';

// ---------------------------------------------------------------------------------------------
// A small seed of our own: two tables linked by a foreign key, 1000 numbers for big results and
// cross joins, and values that JSON cannot carry as they are (BLOBs, integers beyond 2^53).

const seed = `
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id));
CREATE TABLE numbers (n INTEGER PRIMARY KEY);
CREATE TABLE oddities (id INTEGER PRIMARY KEY, big INTEGER, data BLOB);
CREATE INDEX orders_by_customer ON orders (customer_id);
INSERT INTO customers (id, name) VALUES (1, 'Alice'), (2, 'Bob');
INSERT INTO orders (id, customer_id) VALUES (1, 1), (2, 1);
INSERT INTO numbers (n) WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 1000) SELECT n FROM r;
INSERT INTO oddities (id, big, data) VALUES
  (1, 9007199254740993, x'00ff10fe'),
  (2, 9223372036854775807, zeroblob(3)),
  (3, 1152921504606846976, NULL);
`;

const runaway = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT count(*) FROM r';
const crossJoin = 'SELECT count(*) FROM numbers a, numbers b, numbers c, numbers d';

let dir: string;
let seedFile: string;
let runner: SqlRunner;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bi-sql-runner-'));
  seedFile = path.join(dir, 'shop.sql');
  writeFileSync(seedFile, seed);
  writeFileSync(path.join(dir, 'broken.sql'), 'CREATE TABLE t (id INTEGER PRIMARY KEY);\nINSERT INTO nowhere VALUES (1);\n');
  runner = new SqlRunner();
});

afterAll(() => {
  runner.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers

const database = () => ({ seedFile });

function query(sql: string, maxRows = 100): SqlJob {
  return { kind: 'query', database: database(), sql, maxRows };
}

function change(sql: string, checks: string[]): SqlJob {
  return { kind: 'change', database: database(), sql, checks, maxRows: 100 };
}

function result(outcome: SqlOutcome): CappedResult {
  if (!outcome.ok) throw new Error(`expected rows, got a ${outcome.failure.kind} failure: ${outcome.failure.message}`);
  if (!outcome.result) throw new Error(`expected a result, got ${JSON.stringify(outcome)}`);
  return outcome.result;
}

function checks(outcome: SqlOutcome): CappedResult[] {
  if (!outcome.ok) throw new Error(`expected check results, got a ${outcome.failure.kind} failure: ${outcome.failure.message}`);
  if (!outcome.checks) throw new Error(`expected check results, got ${JSON.stringify(outcome)}`);
  return outcome.checks;
}

function failure(outcome: SqlOutcome): SqlFailure {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  return outcome.failure;
}

async function timed(job: SqlJob, on: SqlRunner = runner): Promise<{ outcome: SqlOutcome; ms: number }> {
  const start = performance.now();
  const outcome = await on.run(job);
  return { outcome, ms: performance.now() - start };
}

/**
 * The worker's child process. TEST-ONLY: SqlRunner keeps it private; reading the field through a
 * cast is the smallest way to learn its pid without changing src/ (a `get pid()` accessor on
 * SqlRunner would be the clean way).
 */
function workerOf(on: SqlRunner): ChildProcess | undefined {
  return (on as unknown as { worker?: ChildProcess }).worker;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (isAlive(pid)) {
    if (performance.now() - start > timeoutMs) throw new Error(`worker process ${pid} still runs ${timeoutMs} ms later`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - start;
}

// ---------------------------------------------------------------------------------------------

describe('SqlRunner: query jobs', () => {
  it('returns the columns, the rows and the total', async () => {
    const rows = result(await runner.run(query('SELECT id, name FROM customers ORDER BY id')));
    expect(rows).toEqual({ columns: ['id', 'name'], rows: [[1, 'Alice'], [2, 'Bob']], total: 2 });
  });

  it('caps the rows at maxRows but counts them all in total', async () => {
    const rows = result(await runner.run(query('SELECT n, n * n AS square FROM numbers ORDER BY n', 5)));
    expect(rows.columns).toEqual(['n', 'square']);
    expect(rows.rows).toEqual([[1, 1], [2, 4], [3, 9], [4, 16], [5, 25]]);
    expect(rows.total).toBe(1000);
  });

  it('carries long requests and answers with multi-byte text whole (the worker reads its descriptor in 64 kB pieces)', async () => {
    // 150 000 characters of two- and four-byte UTF-8: pieces end inside a character, and one
    // request spans several pieces.
    const text = 'é😀ü'.repeat(50_000);
    const rows = result(await runner.run(query(`SELECT '${text}' AS text, length('${text}') AS n`))).rows;
    expect(rows).toEqual([[text, 150_000]]);
    // And the next request, right behind it, still gets its own answer.
    expect(result(await runner.run(query('SELECT 1 AS one'))).rows).toEqual([[1]]);
  });

  it('accepts one statement with a trailing semicolon and comment', async () => {
    expect(result(await runner.run(query('SELECT count(*) AS n FROM orders; -- done')))).toEqual({ columns: ['n'], rows: [[2]], total: 1 });
  });

  it('brings BLOBs back as the same bytes', async () => {
    const rows = result(await runner.run(query('SELECT data FROM oddities ORDER BY id'))).rows;
    expect(rows[0]![0]).toBeInstanceOf(Uint8Array);
    expect(Array.from(rows[0]![0] as Uint8Array)).toEqual([0x00, 0xff, 0x10, 0xfe]);
    expect(Array.from(rows[1]![0] as Uint8Array)).toEqual([0, 0, 0]);
    expect(rows[2]![0]).toBeNull();
  });

  it('keeps a large integer that a double holds exactly (2^60) at its value', async () => {
    const [[value]] = result(await runner.run(query('SELECT big FROM oddities WHERE id = 3'))).rows as [[number | bigint]];
    expect(BigInt(value)).toBe(2n ** 60n);
  });

  it('brings integers beyond 2^53 back exactly (as bigint), through the JSON round trip', async () => {
    const rows = result(await runner.run(query('SELECT big FROM oddities WHERE id IN (1, 2) ORDER BY id'))).rows;
    expect(rows.map(([value]) => BigInt(value as number | bigint))).toEqual([2n ** 53n + 1n, 2n ** 63n - 1n]);
    expect(typeof rows[0]![0]).toBe('bigint');
  });

  it('the protocol itself carries bigints and BLOBs through JSON unchanged', () => {
    const rows = [[2n ** 63n - 1n, new Uint8Array([0, 255, 16]), 'text', null, 1.5]];
    const wire = JSON.parse(JSON.stringify({ columns: ['a', 'b', 'c', 'd', 'e'], rows: encodeRows(rows), total: 1 })) as CappedResult;
    const back = decodeResult(wire).rows[0]!;
    expect(back[0]).toBe(9223372036854775807n);
    expect(Array.from(back[1] as Uint8Array)).toEqual([0, 255, 16]);
    expect(back.slice(2)).toEqual(['text', null, 1.5]);
  });

  it.each([
    ['INSERT', "INSERT INTO customers (id, name) VALUES (3, 'Carol')"],
    ['UPDATE', "UPDATE customers SET name = 'Mallory'"],
    ['DELETE', 'DELETE FROM orders'],
    ['CREATE', 'CREATE TABLE notes (id INTEGER PRIMARY KEY)'],
    ['DROP', 'DROP TABLE orders'],
  ])('refuses %s in a query job (not-a-query) and leaves the database as it was', async (_, sql) => {
    const refused = failure(await runner.run(query(sql)));
    expect(refused.kind).toBe('not-a-query');
    expect(refused.message).toBe('This exercise asks for a query that only reads; your statement would change the database.');
    const after = result(
      await runner.run(query("SELECT (SELECT group_concat(name, ',') FROM customers), (SELECT count(*) FROM orders), (SELECT count(*) FROM sqlite_schema WHERE type = 'table')")),
    );
    expect(after.rows).toEqual([['Alice,Bob', 2, 4]]);
  });

  it('refuses two statements in a query job (statement-count)', async () => {
    const refused = failure(await runner.run(query('SELECT 1; SELECT 2;')));
    expect(refused).toEqual({ kind: 'statement-count', message: 'Write a single statement: this exercise checks one query (remove the extra statements).' });
  });

  it.each([
    ['an empty string', ''],
    ['only blanks and a semicolon', '  ;  '],
    ['only a comment', '-- nothing yet'],
  ])('says there is no statement for %s in a query job (statement-count)', async (_, sql) => {
    const refused = failure(await runner.run(query(sql)));
    expect(refused).toEqual({ kind: 'statement-count', message: 'There is no statement to run; write a SELECT query.' });
  });

  it('reports a syntax error as sql-error with SQLite code SQLITE_ERROR', async () => {
    const refused = failure(await runner.run(query('SELEC name FROM customers')));
    expect(refused.kind).toBe('sql-error');
    expect(refused.code).toBe('SQLITE_ERROR');
    expect(refused.message).toMatch(/near "SELEC": syntax error/);
  });

  it('reports an unknown table as sql-error naming it', async () => {
    const refused = failure(await runner.run(query('SELECT * FROM nowhere')));
    expect(refused).toMatchObject({ kind: 'sql-error', code: 'SQLITE_ERROR', message: 'no such table: nowhere' });
  });
});

describe('SqlRunner: change jobs', () => {
  it('runs several statements, then the check queries on the changed database', async () => {
    const [customers, orders] = checks(
      await runner.run(
        change("INSERT INTO customers (id, name) VALUES (3, 'Carol'); INSERT INTO orders (id, customer_id) VALUES (3, 3);", [
          'SELECT id, name FROM customers ORDER BY id',
          'SELECT id, customer_id FROM orders ORDER BY id',
        ]),
      ),
    );
    expect(customers).toEqual({ columns: ['id', 'name'], rows: [[1, 'Alice'], [2, 'Bob'], [3, 'Carol']], total: 3 });
    expect(orders!.rows).toEqual([[1, 1], [2, 1], [3, 3]]);
  });

  it('gives every job a fresh copy: a change is not visible to the next job', async () => {
    const [during] = checks(await runner.run(change("INSERT INTO customers (id, name) VALUES (3, 'Carol'); DELETE FROM orders;", ['SELECT count(*) FROM customers'])));
    expect(during!.rows).toEqual([[3]]);
    expect(result(await runner.run(query('SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM orders)'))).rows).toEqual([[2, 2]]);
    const [again] = checks(await runner.run(change('DELETE FROM orders WHERE id = 1;', ['SELECT count(*) FROM orders'])));
    expect(again!.rows).toEqual([[1]]);
  });

  it('rolls back a transaction left open (BEGIN without COMMIT) before the checks', async () => {
    const [open] = checks(await runner.run(change("BEGIN; INSERT INTO customers (id, name) VALUES (3, 'Carol');", ['SELECT count(*) FROM customers'])));
    expect(open!.rows).toEqual([[2]]);
    const [committed] = checks(await runner.run(change("BEGIN; INSERT INTO customers (id, name) VALUES (3, 'Carol'); COMMIT;", ['SELECT count(*) FROM customers'])));
    expect(committed!.rows).toEqual([[3]]);
  });

  it('enforces foreign keys: deleting a customer with orders fails with SQLITE_CONSTRAINT_FOREIGNKEY', async () => {
    const refused = failure(await runner.run(change('DELETE FROM customers WHERE id = 1;', ['SELECT count(*) FROM customers'])));
    expect(refused).toEqual({ kind: 'sql-error', code: 'SQLITE_CONSTRAINT_FOREIGNKEY', message: 'FOREIGN KEY constraint failed' });
  });

  it('enforces foreign keys on insert too', async () => {
    const refused = failure(await runner.run(change('INSERT INTO orders (id, customer_id) VALUES (9, 99);', ['SELECT count(*) FROM orders'])));
    expect(refused.code).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
  });

  it('a change that turns foreign keys off is refused (constraints-off), even when the rows end up consistent', async () => {
    const answer = 'PRAGMA foreign_keys = OFF; INSERT INTO orders (id, customer_id) VALUES (9, 3); INSERT INTO customers (id, name) VALUES (3, \'Cy\');';
    const refused = failure(await runner.run(change(answer, ['SELECT count(*) FROM orders'])));
    expect(refused.kind).toBe('constraints-off');
    expect(refused.message).toMatch(/^Foreign keys stay on in exercises: /);
  });

  it('the playground may turn foreign keys off (a statement job): then the same insert is accepted', async () => {
    const outcome = await runner.run({ kind: 'statement', database: database(), setup: ['PRAGMA foreign_keys = OFF'], sql: 'INSERT INTO orders (id, customer_id) VALUES (9, 99)', maxRows: 10 });
    expect(outcome).toMatchObject({ ok: true, changes: 1 });
  });

  it('deleting the orders first, in a transaction, is allowed', async () => {
    const [customers] = checks(await runner.run(change('BEGIN; DELETE FROM orders WHERE customer_id = 1; DELETE FROM customers WHERE id = 1; COMMIT;', ['SELECT id FROM customers'])));
    expect(customers!.rows).toEqual([[2]]);
  });

  it('refuses an empty change (statement-count)', async () => {
    expect(failure(await runner.run(change('   ', ['SELECT 1'])))).toEqual({ kind: 'statement-count', message: 'There is no statement to run.' });
  });

  it('reports a check query that fails after the change as setup-error naming the query', async () => {
    const refused = failure(await runner.run(change('DROP TABLE orders;', ['SELECT count(*) FROM orders'])));
    expect(refused.kind).toBe('setup-error');
    expect(refused.message).toBe('The check query "SELECT count(*) FROM orders" failed after your change: no such table: orders');
  });
});

describe('SqlRunner: schema and statement jobs', () => {
  it('schema lists the tables (and the index) with their CREATE statements', async () => {
    const outcome = await runner.run({ kind: 'schema', database: database() });
    if (!outcome.ok || !outcome.schema) throw new Error(`no schema: ${JSON.stringify(outcome)}`);
    const names = outcome.schema.map((entry) => entry.name);
    expect(names).toEqual(['customers', 'numbers', 'oddities', 'orders', 'orders_by_customer']);
    expect(outcome.schema[0]!.sql).toBe('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  });

  it('statement replays setup, then runs the statement', async () => {
    const outcome = await runner.run({
      kind: 'statement',
      database: database(),
      setup: ["INSERT INTO customers (id, name) VALUES (3, 'Carol')", "UPDATE customers SET name = 'Bobby' WHERE id = 2"],
      sql: 'SELECT name FROM customers ORDER BY id',
      maxRows: 100,
    });
    expect(outcome).toMatchObject({ ok: true, result: { columns: ['name'], rows: [['Alice'], ['Bobby'], ['Carol']], total: 3 }, wrote: false });
  });

  it('statement reports the rows a write changed, and that it wrote', async () => {
    const outcome = await runner.run({ kind: 'statement', database: database(), setup: [], sql: "UPDATE customers SET name = upper(name)", maxRows: 100 });
    expect(outcome).toMatchObject({ ok: true, changes: 2, wrote: true });
    expect(outcome).not.toHaveProperty('result');
  });

  // The session semantics changed while these tests were written (src/sql-worker.ts, uncommitted):
  // a transaction the session opened stays open, so the statement sees its uncommitted changes.
  it('statement keeps a transaction the setup opened: it sees the uncommitted changes and says so', async () => {
    const open = await runner.run({ kind: 'statement', database: database(), setup: ['BEGIN', 'DELETE FROM orders'], sql: 'SELECT count(*) FROM orders', maxRows: 100 });
    expect(open).toMatchObject({ ok: true, result: { rows: [[0]] }, inTransaction: true });
    const ended = await runner.run({ kind: 'statement', database: database(), setup: ['BEGIN', 'DELETE FROM orders'], sql: 'ROLLBACK', maxRows: 100 });
    expect(ended).toMatchObject({ ok: true, inTransaction: false });
  });

  it('statement reports SQLite errors with their code', async () => {
    const outcome = await runner.run({ kind: 'statement', database: database(), setup: [], sql: 'DELETE FROM customers', maxRows: 100 });
    expect(failure(outcome)).toMatchObject({ kind: 'sql-error', code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
  });
});

describe('SqlRunner: seed problems', () => {
  it('a missing seed file is a setup-error naming the file', async () => {
    const missing = path.join(dir, 'missing.sql');
    const refused = failure(await runner.run({ kind: 'query', database: { seedFile: missing }, sql: 'SELECT 1', maxRows: 10 }));
    expect(refused).toEqual({ kind: 'setup-error', message: `The sample database file ${missing} cannot be read.` });
  });

  it('a seed file with an error is a setup-error with SQLite’s message', async () => {
    const broken = path.join(dir, 'broken.sql');
    const refused = failure(await runner.run({ kind: 'query', database: { seedFile: broken }, sql: 'SELECT 1', maxRows: 10 }));
    expect(refused).toEqual({ kind: 'setup-error', message: `The sample database ${broken} has an error: no such table: nowhere` });
  });
});

describe('SqlRunner: runaway SQL', () => {
  it('uses a 3 s limit', () => {
    expect(sqlTimeoutMs).toBe(3000);
  });

  it.each([
    ['an endless recursive CTE', runaway],
    ['a huge cross join', crossJoin],
  ])('stops %s within 3.0–4.5 s (timeout), kills that worker, and the next job succeeds', async (_, sql) => {
    result(await runner.run(query('SELECT 1')));
    const before = workerOf(runner)?.pid;
    expect(before).toBeTypeOf('number');

    const { outcome, ms } = await timed(query(sql));
    const stopped = failure(outcome);
    expect(stopped.kind).toBe('timeout');
    expect(stopped.message).toMatch(/^The SQL ran for more than 3 seconds and was stopped\. /);
    expect(ms).toBeGreaterThanOrEqual(2990);
    expect(ms).toBeLessThan(4500);

    await waitUntilGone(before!, 2000);
    const next = await timed(query('SELECT count(*) FROM customers'));
    expect(result(next.outcome).rows).toEqual([[2]]);
    expect(next.ms).toBeLessThan(2000);
    expect(workerOf(runner)?.pid).not.toBe(before);
  });

  it('a memory bomb fails (or is stopped) instead of hanging, and the runner recovers', async () => {
    // 2000 blobs of 1 MB concatenated: SQLite refuses with SQLITE_TOOBIG (or, with a working heap
    // limit, SQLITE_NOMEM); a crash of the worker would be acceptable too.
    const bomb =
      'SELECT length(group_concat(zeroblob(1000000))) FROM (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r LIMIT 2000) SELECT n FROM r)';
    const { outcome, ms } = await timed(query(bomb));
    const stopped = failure(outcome);
    if (stopped.kind === 'sql-error') {
      expect(['SQLITE_TOOBIG', 'SQLITE_NOMEM']).toContain(stopped.code);
      expect(stopped.message).toMatch(/too big|out of memory/);
    } else {
      expect(['crashed', 'timeout']).toContain(stopped.kind);
    }
    expect(ms).toBeLessThan(4500);
    expect(result(await runner.run(query('SELECT count(*) FROM orders'))).rows).toEqual([[2]]);
  });

  it('a query that needs more than 512 MB is stopped (too much memory), and the runner recovers', async () => {
    const bomb =
      'SELECT length(group_concat(hex(zeroblob(1000000)))) FROM (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r LIMIT 200) SELECT n FROM r)';
    const stopped = failure(await runner.run(query(bomb)));
    expect(stopped.kind === 'crashed' || (stopped.kind === 'sql-error' && stopped.code === 'SQLITE_NOMEM')).toBe(true);
  });
});

describe('SqlRunner: close', () => {
  it('close() ends the worker process', async () => {
    const own = new SqlRunner();
    try {
      result(await own.run(query('SELECT 1')));
      const pid = workerOf(own)?.pid;
      expect(pid).toBeTypeOf('number');
      expect(isAlive(pid!)).toBe(true);
      own.close();
      expect(await waitUntilGone(pid!, 1500)).toBeLessThan(1500);
    } finally {
      own.close();
    }
  });

  it('close() during a runaway query kills the worker and answers the job at once, not after the time limit', async () => {
    const own = new SqlRunner();
    try {
      result(await own.run(query('SELECT 1')));
      const pid = workerOf(own)!.pid!;
      const start = performance.now();
      const pending = own.run(query(runaway));
      await new Promise((resolve) => setTimeout(resolve, 300));
      own.close();
      const outcome = await pending;
      expect(performance.now() - start).toBeLessThan(2000);
      expect(outcome.ok).toBe(false);
      await waitUntilGone(pid, 1500);
    } finally {
      own.close();
    }
  });

  it('a closed runner starts a new worker for the next job', async () => {
    const own = new SqlRunner();
    try {
      result(await own.run(query('SELECT 1')));
      own.close();
      expect(result(await own.run(query('SELECT count(*) FROM numbers'))).rows).toEqual([[1000]]);
    } finally {
      own.close();
    }
  });
});

describe('SqlRunner: jobs sent together', () => {
  const counting = (n: number) => `WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r LIMIT ${n}) SELECT count(*) FROM r`;

  it('answers each job as soon as it is done, while the later ones still run; the next work waits for them all', async () => {
    const at: Record<string, number> = {};
    const [quick, slow] = runner.sendAll([query('SELECT 1'), query(counting(1_000_000))]);
    const next = runner.run(query('SELECT 2'));
    await Promise.all([
      quick!.then(() => (at.quick = performance.now())),
      slow!.then(() => (at.slow = performance.now())),
      next.then(() => (at.next = performance.now())),
    ]);
    // Counting to a million takes a good part of a second: the first answer came long before.
    expect(at.slow! - at.quick!).toBeGreaterThan(50);
    expect(at.next).toBeGreaterThanOrEqual(at.slow!);
  });

  it('answers each job in order, each on its own fresh copy', async () => {
    const [changed, unchanged] = await Promise.all(runner.sendAll([change('DELETE FROM orders', ['SELECT count(*) FROM orders']), query('SELECT count(*) FROM orders')]));
    expect(checks(changed!)[0]!.rows).toEqual([[0]]);
    expect(result(unchanged!).rows).toEqual([[2]]);
  });

  it('gives each job its whole time limit from its own start, not from when they were sent', async () => {
    const limitMs = 2500;
    const own = new SqlRunner(limitMs);
    try {
      // Calibrate a query that takes about 60% of the limit on this machine, now (worker started first).
      result(await own.run(query('SELECT 1')));
      const probe = 1_000_000;
      const { ms } = await timed(query(counting(probe)), own);
      const rows = Math.round((probe * 0.6 * limitMs) / Math.max(ms, 1));
      const start = performance.now();
      const outcomes = await Promise.all(own.sendAll([query(counting(rows)), query(counting(rows))]));
      const together = performance.now() - start;
      // Both succeed although together they ran longer than one limit.
      expect(outcomes.map((outcome) => result(outcome).rows)).toEqual([[[rows]], [[rows]]]);
      expect(together).toBeGreaterThan(limitMs);
    } finally {
      own.close();
    }
  });

  it('a job that is stopped stops the ones after it with the same outcome, and the runner recovers', async () => {
    const own = new SqlRunner(1000);
    try {
      const [first, second] = await Promise.all(own.sendAll([query(runaway), query('SELECT 1')]));
      expect(failure(first!).kind).toBe('timeout');
      expect(second).toEqual(first);
      expect(result(await own.run(query('SELECT count(*) FROM customers'))).rows).toEqual([[2]]);
    } finally {
      own.close();
    }
  });
});

describe('SqlRunner: recording an attempt through the worker', () => {
  const attempt = (passed: boolean) => ({ packId: 'p', lessonId: 'l', exerciseId: 'e', passed });

  function attemptsIn(dataDir: string): number | undefined {
    const store = ProgressStore.open(dataDir, { warn: () => {} });
    try {
      return store.lesson('p', 'l')?.exercises.get('e')?.attempts;
    } finally {
      store.close();
    }
  }

  function newDataDir(): string {
    return mkdtempSync(path.join(dir, 'data-'));
  }

  it('records each attempt once in a healthy progress file, which stays open for the next', async () => {
    const dataDir = newDataDir();
    ProgressStore.open(dataDir, { warn: () => {} }).close();
    result(await runner.run(query('SELECT 1')));
    expect(await runner.recordAttempt(dataDir, attempt(false))).toBe(true);
    expect(await runner.recordAttempt(dataDir, attempt(true))).toBe(true);
    expect(attemptsIn(dataDir)).toBe(2);
  });

  it('leaves a missing or damaged file to the tutorial (false), touching nothing', async () => {
    result(await runner.run(query('SELECT 1')));
    const empty = newDataDir();
    expect(await runner.recordAttempt(empty, attempt(true))).toBe(false);
    expect(existsSync(path.join(empty, progressFileName))).toBe(false);
    const damaged = newDataDir();
    writeFileSync(path.join(damaged, progressFileName), 'not a database '.repeat(500));
    expect(await runner.recordAttempt(damaged, attempt(true))).toBe(false);
    expect(readFileSync(path.join(damaged, progressFileName), 'utf8')).toBe('not a database '.repeat(500));
  });

  it('writes to the file now at the path after a reset replaced the one it had open', async () => {
    const dataDir = newDataDir();
    ProgressStore.open(dataDir, { warn: () => {} }).close();
    result(await runner.run(query('SELECT 1')));
    expect(await runner.recordAttempt(dataDir, attempt(false))).toBe(true);
    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(dataDir, progressFileName + suffix), { force: true });
    ProgressStore.open(dataDir, { warn: () => {} }).close();
    expect(await runner.recordAttempt(dataDir, attempt(true))).toBe(true);
    expect(attemptsIn(dataDir)).toBe(1);
  });

  it('does not start a worker just to record (one stopped by runaway SQL): false', async () => {
    const own = new SqlRunner(500);
    try {
      const dataDir = newDataDir();
      ProgressStore.open(dataDir, { warn: () => {} }).close();
      expect(failure(await own.run(query(runaway))).kind).toBe('timeout');
      expect(own.workerPid).toBeUndefined();
      expect(await own.recordAttempt(dataDir, attempt(false))).toBe(false);
      expect(own.workerPid).toBeUndefined();
    } finally {
      own.close();
    }
  });
});
