// The part of `validate` that runs code: every exercise's reference solution goes through the
// same checkers a learner's answer goes through (on the sample data and on the .check dataset),
// and must pass; a starter must not. One SQL worker serves every exercise; code exercises run in
// a few lanes side by side, each with its own code worker, because most of their time is spent
// waiting (a starter that never answers costs the full 2 s request timeout).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Exercise, HttpExercise, JsExercise, Lesson, SqlExercise } from '../core/model.js';
import type { Verdict } from '../core/verdict.js';
import { PackFormatError } from '../errors.js';
import { checkHttpExercise, checkJsExercise } from './code-check.js';
import { CodeRunner } from './code-runner.js';
import { displayPath } from './paths.js';
import { checkSqlExercise, datasetsFor, maxComparedRows } from './sql-check.js';
import { SqlRunner } from './sql-runner.js';

/** One problem in a pack, as `validate` prints it: file:line: message. */
export interface PackProblem {
  /** As messages show it: relative to the working folder when inside it. */
  file: string;
  line: number | undefined;
  /** What is wrong — how to fix it. */
  message: string;
}

export interface AuditOptions {
  /** Databases whose data file is missing (already a problem): their exercises are not run. */
  skipDatabases: ReadonlySet<string>;
  onProgress?: (done: number, total: number) => void;
}

/** An answer that changes nothing, for finding change exercises that any answer passes. */
const changesNothing = 'SELECT 1;';

/** How many exercises are checked at once: modest, as each lane is a process of its own. */
const lanes = 3;

export async function auditSolutions(packDir: string, lessons: Lesson[], options: AuditOptions): Promise<PackProblem[]> {
  const exercises = lessons.flatMap((lesson) => lesson.exercises.map((exercise) => ({ lesson, exercise })));
  if (exercises.length === 0) return [];
  const audit = new Audit(path.resolve(packDir), options.skipDatabases);
  try {
    await audit.checkSampleDatabases(exercises.map(({ exercise }) => exercise));
    let next = 0;
    let done = 0;
    options.onProgress?.(done, exercises.length);
    const lane = async () => {
      const code = audit.codeRunner();
      while (next < exercises.length) {
        const { lesson, exercise } = exercises[next++]!;
        await audit.checkExercise(lesson, exercise, code);
        options.onProgress?.(++done, exercises.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(lanes, exercises.length) }, lane));
    return audit.problems;
  } finally {
    audit.close();
  }
}

class Audit {
  readonly problems: PackProblem[] = [];
  /** Databases whose exercises are not run: missing, or their SQL does not load. */
  private readonly unusable: Set<string>;
  private sqlRunner: SqlRunner | undefined;
  private readonly codeRunners: CodeRunner[] = [];
  private tempDir: string | undefined;

  constructor(
    private readonly packDir: string,
    skipDatabases: ReadonlySet<string>,
  ) {
    this.unusable = new Set(skipDatabases);
  }

  private get sql(): SqlRunner {
    return (this.sqlRunner ??= new SqlRunner().warmUp());
  }

  /** A code worker for one lane; it starts with the lane's first code exercise. */
  codeRunner(): CodeRunner {
    const runner = new CodeRunner();
    this.codeRunners.push(runner);
    return runner;
  }

  /** Each data file used by an exercise must load; one problem per broken file, not one per exercise. */
  async checkSampleDatabases(exercises: Exercise[]): Promise<void> {
    const names = new Set(exercises.flatMap((exercise) => (exercise.type !== 'js' && exercise.database !== undefined ? [exercise.database] : [])));
    for (const name of names) {
      if (this.unusable.has(name)) continue;
      for (const { source } of datasetsFor(this.packDir, name)) {
        const outcome = await this.sql.run({ kind: 'schema', database: source });
        if (outcome.ok) continue;
        this.unusable.add(name);
        const message = oneLine(outcome.failure.message.replaceAll(source.seedFile, displayPath(source.seedFile)));
        this.problems.push({ file: displayPath(source.seedFile), line: undefined, message: `this sample database does not load (${message}) — fix the SQL in this file` });
      }
    }
  }

  async checkExercise(lesson: Lesson, exercise: Exercise, code: CodeRunner): Promise<void> {
    if (exercise.type !== 'js' && exercise.database !== undefined && this.unusable.has(exercise.database)) return;
    const label = `${lesson.number}.${exercise.position} "${exercise.id}"`;
    const report = (message: string) => this.problems.push({ file: lesson.file, line: exercise.line, message: `exercise ${label}: ${message}` });
    try {
      if (exercise.type === 'sql') await this.checkSql(exercise, report);
      else await this.checkCode(code, lesson, label, exercise, report);
    } catch (error) {
      // The checkers throw this when the reference solution itself is broken; it names the exercise.
      if (!(error instanceof PackFormatError)) throw error;
      this.problems.push({ file: lesson.file, line: exercise.line, message: oneLine(error.problem) });
    }
  }

  private async checkSql(exercise: SqlExercise, report: (message: string) => void): Promise<void> {
    // The solution alone first, on each dataset, for a message that says where and why it fails.
    for (const { source } of datasetsFor(this.packDir, exercise.database)) {
      const outcome = await this.sql.run(
        exercise.check
          ? { kind: 'change', database: source, sql: exercise.solution, checks: exercise.check, maxRows: maxComparedRows }
          : { kind: 'query', database: source, sql: exercise.solution, maxRows: maxComparedRows },
      );
      if (!outcome.ok) {
        report(`the reference solution fails on ${displayPath(source.seedFile)}: ${sentence(outcome.failure.message)} — fix the solution${exercise.check ? ' or the check queries' : ''}`);
        return;
      }
    }
    const verdict = await checkSqlExercise(this.sql, this.packDir, exercise, exercise.solution);
    if (!verdict.passed) {
      report(solutionFailure(verdict));
      return;
    }
    if (exercise.check && (await checkSqlExercise(this.sql, this.packDir, exercise, changesNothing)).passed) {
      report('the check queries give the same results when nothing is changed, so any answer passes — add a check query that sees what the solution changes');
    }
  }

  private async checkCode(code: CodeRunner, lesson: Lesson, label: string, exercise: HttpExercise | JsExercise, report: (message: string) => void): Promise<void> {
    const check = (file: string) =>
      exercise.type === 'http' ? checkHttpExercise(code, this.packDir, { label, lessonFile: lesson.file }, exercise, file) : checkJsExercise(code, exercise, file);
    const verdict = await check(this.writeTemp(`${lesson.id}-${exercise.id}-solution.mjs`, exercise.solution));
    if (!verdict.passed) {
      report(solutionFailure(verdict));
      return;
    }
    if (exercise.starter !== undefined && (await check(this.writeTemp(`${lesson.id}-${exercise.id}-starter.mjs`, exercise.starter))).passed) {
      report('the starter already passes its own checks — the starter must leave something for the learner to do');
    }
  }

  /** The checkers load code from files, as they load a learner's. */
  private writeTemp(name: string, text: string): string {
    this.tempDir ??= mkdtempSync(path.join(tmpdir(), 'backend-intro-validate-'));
    const file = path.join(this.tempDir, name);
    writeFileSync(file, text);
    return file;
  }

  close(): void {
    this.sqlRunner?.close();
    for (const runner of this.codeRunners) runner.close();
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }
}

/** The first failing check of the solution's verdict, as one line. */
function solutionFailure(verdict: Verdict): string {
  const failed = verdict.checks.find((check) => !check.passed);
  if (!failed) return 'the reference solution does not pass its own checks — fix the solution or the checks';
  // A thrown error says more than the learner-facing sentence around it ("the line shown below").
  const error = failed.error;
  const detail = error
    ? `${error.name}: ${error.message}${error.location ? ` (line ${error.location.line} of the solution)` : ''}`
    : failed.message || 'it does not match';
  return `the reference solution fails the check "${oneLine(failed.name)}": ${sentence(detail)} — fix the solution or the checks`;
}

/** Several lines as one ("triple(2) should be 6\n\n4 !== 6" → "triple(2) should be 6; 4 !== 6"). */
const oneLine = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('; ');
/** One line without a closing full stop, to sit before " — how to fix it". */
const sentence = (text: string) => oneLine(text).replace(/\.$/, '');
