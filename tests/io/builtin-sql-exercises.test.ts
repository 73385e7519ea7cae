// Every SQL exercise of the BUILT-IN course (lessons/): its reference solution passes the checker
// on every dataset, and an empty answer and `SELECT 1;` do not. Generic: it checks whatever sql
// exercises exist, so new lessons are covered as they are written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExercise } from '../../src/core/model.js';
import type { SqlValue } from '../../src/core/sql-values.js';
import { readPack } from '../../src/io/pack-reader.js';
import { builtInLessonsDir } from '../../src/io/paths.js';
import { checkSqlExercise, datasetsFor } from '../../src/io/sql-check.js';
import { SqlRunner } from '../../src/io/sql-runner.js';

const packDir = builtInLessonsDir();
const course = readPack(packDir);

interface Case {
  /** "3.2 databases-and-sql/cheap-books", for the test name. */
  label: string;
  exercise: SqlExercise;
}

const cases: Case[] = course.lessons.flatMap((lesson) =>
  lesson.exercises
    .filter((exercise): exercise is SqlExercise => exercise.type === 'sql')
    .map((exercise) => ({ label: `${lesson.number}.${exercise.position} ${lesson.id}/${exercise.id}${exercise.check ? ' (change)' : ''}`, exercise })),
);

console.info(`built-in pack ${course.id}: ${cases.length} sql exercise(s)${cases.length === 0 ? ' — nothing to check yet' : `: ${cases.map((c) => c.label).join(', ')}`}`);

let runner: SqlRunner;
beforeAll(() => {
  runner = new SqlRunner();
});
afterAll(() => runner.close());

describe('built-in SQL exercises', () => {
  it.skipIf(cases.length > 0)('there are no sql exercises in the built-in pack yet (0 checked)', () => {
    expect(cases).toHaveLength(0);
  });

  describe.skipIf(cases.length === 0).each(cases)('$label', ({ exercise }) => {
    const datasets = datasetsFor(packDir, exercise.database);

    it('has its sample database, and a second dataset to catch hard-coded answers', () => {
      expect(datasets.map((dataset) => dataset.label)).toEqual(['sample', 'check']);
    });

    it('its reference solution passes on every dataset', async () => {
      const verdict = await checkSqlExercise(runner, packDir, exercise, exercise.solution);
      const failed = verdict.checks.filter((check) => !check.passed).map((check) => `${check.name}: ${check.message}`);
      expect(failed).toEqual([]);
      expect(verdict.passed).toBe(true);
      expect(verdict.checks).toHaveLength(datasets.length * (exercise.check?.length ?? 1));
    });

    it('an empty answer fails', async () => {
      const verdict = await checkSqlExercise(runner, packDir, exercise, '');
      expect(verdict.passed).toBe(false);
      expect(verdict.checks[0]!.message).toMatch(/no statement/i);
    });

    it('`SELECT 1;` fails', async () => {
      const verdict = await checkSqlExercise(runner, packDir, exercise, 'SELECT 1;');
      expect(verdict.passed).toBe(false);
      expect(verdict.checks.some((check) => !check.passed)).toBe(true);
    });

    it.skipIf(exercise.check !== undefined)('an answer that types in the sample’s rows passes the sample and fails the second dataset', async () => {
      const sample = await runner.run({ kind: 'query', database: datasets[0]!.source, sql: exercise.solution, maxRows: 10_000 });
      if (!sample.ok || !sample.result) throw new Error(`the solution failed: ${JSON.stringify(sample)}`);
      const verdict = await checkSqlExercise(runner, packDir, exercise, hardCoded(sample.result.columns, sample.result.rows));
      expect(verdict.checks.map((check) => [check.name, check.passed])).toEqual([
        ['rows match the expected result', true],
        ['rows match on a second dataset', false],
      ]);
      expect(verdict.checks[1]!.diagnosis).toMatch(/depends on this data/);
    });
  });
});

/** SQL literal of one value, exact enough for the checker's comparison. */
function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return `X'${Buffer.from(value).toString('hex')}'`;
}

/** A query that returns exactly these rows, under these column names, in this order. */
function hardCoded(columns: string[], rows: SqlValue[][]): string {
  const names = columns.map((name) => `"${name.replace(/"/g, '""')}"`).join(', ');
  const values = rows.length === 0 ? `(${columns.map(() => 'NULL').join(', ')})` : rows.map((row) => `(${row.map(literal).join(', ')})`).join(', ');
  return `WITH typed(${names}) AS (VALUES ${values}) SELECT * FROM typed${rows.length === 0 ? ' WHERE 0' : ''}`;
}

const sqlLesson = course.lessons.find((lesson) => lesson.number === 3);

describe('lesson 3 (Databases and SQL)', () => {
  it.skipIf(sqlLesson === undefined)('has at least 8 sql exercises, of them at least 3 that change data (issue 3, item 7)', () => {
    const sql = sqlLesson!.exercises.filter((exercise): exercise is SqlExercise => exercise.type === 'sql');
    expect(sql.length).toBeGreaterThanOrEqual(8);
    expect(sql.filter((exercise) => exercise.check).length).toBeGreaterThanOrEqual(3);
  });
});
