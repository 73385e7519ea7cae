// Checks an answer to an `sql` exercise: runs the learner's SQL and the reference solution on
// fresh copies of the sample database (and of its .check twin when the pack has one) in the SQL
// worker, and compares what they produce.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SqlExercise } from '../core/model.js';
import { compareCheckQuery, compareResults, quoteSql } from '../core/sql-compare.js';
import { writeOutsideTransaction } from '../core/sql-statements.js';
import { syntaxErrorHint } from '../core/sql-syntax-hints.js';
import { findNullComparison, nullComparisonDiagnosis } from '../core/sql-null-comparison.js';
import { verdictOf, type CheckOutcome, type Verdict } from '../core/verdict.js';
import { PackFormatError } from '../errors.js';
import type { CappedResult, DatabaseSource, SqlJob, SqlOutcome } from './sql-protocol.js';
import type { SqlRunner } from './sql-runner.js';

/** Results larger than this are not compared row by row (and no exercise needs them). */
export const maxComparedRows = 10_000;

interface Dataset {
  label: 'sample' | 'check';
  source: DatabaseSource;
}

/** The sample database, and its .check twin when there is one. */
export function datasetsFor(packDir: string, database: string): Dataset[] {
  const sample = path.join(packDir, 'data', `${database}.sql`);
  const check = path.join(packDir, 'data', `${database}.check.sql`);
  return [{ label: 'sample', source: { seedFile: sample } }, ...(existsSync(check) ? [{ label: 'check' as const, source: { seedFile: check } }] : [])];
}

export async function checkSqlExercise(runner: SqlRunner, packDir: string, exercise: SqlExercise, answer: string): Promise<Verdict> {
  const outside = exercise.check && exercise.transaction === 'required' ? writeOutsideTransaction(answer) : undefined;
  if (outside !== undefined) {
    return verdictOf([
      {
        name: 'your changes run inside one transaction',
        passed: false,
        message: `This exercise asks for the changes inside one transaction (BEGIN; first, COMMIT; last), but ${quoteSql(outside)} runs outside it.`,
      },
    ]);
  }
  const datasets = datasetsFor(packDir, exercise.database);
  // Every run sent at once, the reference solution and then the answer on each dataset: the
  // worker goes on to the check data while the sample's results are compared here.
  const job = (dataset: Dataset, sql: string): SqlJob =>
    exercise.check
      ? { kind: 'change', database: dataset.source, sql, checks: exercise.check, maxRows: maxComparedRows }
      : { kind: 'query', database: dataset.source, sql, maxRows: maxComparedRows };
  const runs = runner.sendAll(datasets.flatMap((dataset) => [job(dataset, exercise.solution), job(dataset, answer)]));
  const checks: CheckOutcome[] = [];
  for (const [index, dataset] of datasets.entries()) {
    const [reference, actual] = await Promise.all([runs[2 * index]!, runs[2 * index + 1]!]);
    const outcomes = exercise.check ? checkChange(exercise, dataset, answer, reference, actual) : [checkQuery(exercise, dataset, answer, reference, actual)];
    checks.push(...outcomes);
    // On the check data only the verdict matters: the learner already saw the sample's tables.
    if (outcomes.some((outcome) => !outcome.passed)) {
      if (dataset.label === 'check') addDependsOnData(outcomes);
      break;
    }
  }
  // A comparison with NULL by = or <> explains rows that went missing better than any guess
  // from the tables can.
  const compared = checks.find((outcome) => !outcome.passed && outcome.expected !== undefined);
  const nullComparison = compared && findNullComparison(answer);
  if (compared && nullComparison) compared.diagnosis = nullComparisonDiagnosis(nullComparison);
  return verdictOf(checks);
}

function checkQuery(exercise: SqlExercise, dataset: Dataset, answer: string, referenceOutcome: SqlOutcome, actualOutcome: SqlOutcome): CheckOutcome {
  const reference = referenceResult(referenceOutcome, exercise, dataset, (outcome) => outcome.result);
  const name = dataset.label === 'sample' ? 'rows match the expected result' : 'rows match on a second dataset';
  if (!actualOutcome.ok) return failedToRun(name, answer, actualOutcome.failure.message);
  const actual = actualOutcome.result!;
  const expected = exercise.columns === 'named' ? reference : withoutGivenAwayNames(reference, actual);
  if (actual.total > actual.rows.length) {
    return { name, passed: false, message: `Your query returns ${actual.total} rows; the answer has ${expected.total}.`, expected, actual };
  }
  const comparison = compareResults(expected, actual, { order: exercise.order, columns: exercise.columns, answer });
  return {
    name,
    passed: comparison.passed,
    message: comparison.message,
    expected,
    actual,
    missing: comparison.missing,
    extra: comparison.extra,
    ...(comparison.diagnosis === undefined ? {} : { diagnosis: comparison.diagnosis }),
  };
}

function checkChange(exercise: SqlExercise, dataset: Dataset, answer: string, referenceOutcome: SqlOutcome, actualOutcome: SqlOutcome): CheckOutcome[] {
  const checkQueries = exercise.check!;
  const expected = referenceResult(referenceOutcome, exercise, dataset, (outcome) => outcome.checks);
  if (!actualOutcome.ok) return [failedToRun('your statements run', answer, actualOutcome.failure.message)];
  const outcomes: CheckOutcome[] = checkQueries.map((query, index) => {
    const comparison = compareCheckQuery(expected[index]!, actualOutcome.checks![index]!, query);
    return {
      // A check query written over several lines reads as one line in the verdict.
      name: `${dataset.label === 'sample' ? '' : 'on a second dataset, '}${query.replace(/\s+/g, ' ').trim()}`,
      passed: comparison.passed,
      message: comparison.message,
      expected: expected[index]!,
      actual: actualOutcome.checks![index]!,
      missing: comparison.missing,
      extra: comparison.extra,
      ...(comparison.diagnosis === undefined ? {} : { diagnosis: comparison.diagnosis }),
    };
  });
  // Work done inside a transaction that was never committed is gone: that, not the rows, is the news.
  const failed = outcomes.find((outcome) => !outcome.passed);
  if (actualOutcome.rolledBack && failed) {
    failed.diagnosis = 'Your statements began a transaction (BEGIN) and never committed it, so it was rolled back when they ended: nothing they changed was kept. Finish with COMMIT;.';
  }
  return outcomes;
}

/**
 * When names do not count, the reference solution's expressions (`COUNT(b.id)`) would give part
 * of the answer away as column headers: those show as the learner's own names, or `column 2`.
 */
function withoutGivenAwayNames(reference: CappedResult, actual: CappedResult): CappedResult {
  const sameWidth = reference.columns.length === actual.columns.length;
  const columns = reference.columns.map((column, index) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(column) ? column : sameWidth ? actual.columns[index]! : `column ${index + 1}`));
  return { ...reference, columns };
}

/** The answer did not run: SQLite's message, and what it likely means when a common cause shows. */
function failedToRun(name: string, answer: string, message: string): CheckOutcome {
  const hint = syntaxErrorHint(answer, message);
  return { name, passed: false, message, ...(hint === undefined ? {} : { diagnosis: hint }) };
}

/** The reference solution must work: when it does not, the pack is broken, not the answer. */
function referenceResult<T>(outcome: SqlOutcome, exercise: SqlExercise, dataset: Dataset, pick: (ok: Extract<SqlOutcome, { ok: true }>) => T | undefined): T {
  const value = outcome.ok ? pick(outcome) : undefined;
  if (value === undefined) {
    const reason = outcome.ok ? 'it returned nothing to compare' : outcome.failure.message;
    throw new PackFormatError(path.basename(dataset.source.seedFile), undefined, `the reference solution of exercise "${exercise.id}" fails on this dataset (${reason}) — fix the solution or the data`);
  }
  return value;
}

function addDependsOnData(outcomes: CheckOutcome[]): void {
  for (const outcome of outcomes) {
    if (outcome.passed) continue;
    outcome.diagnosis =
      'Your answer is right on the sample data but wrong on a second dataset with the same tables: it depends on this data (hard-coded ids, names or counts?); make it general.';
  }
}

export type { CappedResult };
