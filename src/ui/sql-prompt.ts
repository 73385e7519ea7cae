// The sql> prompt: SQL typed line by line against a fresh copy of a sample database, either to
// do an exercise (every statement is checked as it runs) or to play (the `sql` command).
//
// Two parts: SqlSession knows statements, dot commands, checking and progress, and writes what
// it has to say through a Printer; the drivers below feed it lines from a terminal (node:readline)
// or from piped input. The worker keeps no state between jobs, so the session keeps the
// statements that changed its database and replays them before each new one (see the
// `statement` job in src/io/sql-protocol.ts).
import chalk from 'chalk';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { AppContext } from '../commands/context.js';
import { exerciseNumber } from '../core/catalog.js';
import type { Lesson, SqlExercise } from '../core/model.js';
import { solutionOpen, triesBeforeSolution, type ExerciseRecord } from '../core/progress-model.js';
import { firstKeyword, splitStatements } from '../core/sql-statements.js';
import type { Verdict } from '../core/verdict.js';
import { syntaxErrorHint } from '../core/sql-syntax-hints.js';
import { checkSqlExercise } from '../io/sql-check.js';
import type { CappedResult, DatabaseSource, SqlOutcome } from '../io/sql-protocol.js';
import type { SqlRunner } from '../io/sql-runner.js';
import { wrapText } from './format.js';
import { renderResultTable } from './result-table.js';
import { neutralize } from './terminal.js';
import { formatTask, passedText, seenAllHeading, solutionBlock, takeNextHint } from './exercise-help.js';
import { renderVerdict } from './verdict-view.js';

/** Rows of a result shown at the prompt; the rest are counted. */
const shownRows = 20;

export const mainPrompt = 'sql> ';
export const continuationPrompt = '   ...> ';

export type SqlPromptMode =
  | {
      kind: 'exercise';
      lesson: Lesson;
      exercise: SqlExercise;
      /** Where leaving goes back to, for the question after a pass ("the lesson"). */
      returnTo?: string;
    }
  | { kind: 'playground'; database: string };

/** Where the session's text goes; errors may go elsewhere (stderr for piped input). */
export interface Printer {
  out(text?: string): void;
  error(text: string): void;
  columns(): number;
  /** Whether ↑ recalls earlier lines (not in a TERM=dumb terminal's own line editing). */
  history?: boolean;
}

type Step = 'stay' | 'leave';

interface DotCommand {
  names: string[];
  args?: string;
  help: string;
  /** Only meaningful with an exercise (the help says so in the playground). */
  exerciseOnly?: boolean;
  run(args: string[]): Step | void | Promise<void>;
}

const writingKeywords = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE']);
const lookingKeywords = new Set(['SELECT', 'WITH', 'VALUES', 'EXPLAIN', 'PRAGMA']);
const transactionKeywords = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);

export class SqlSession {
  /** Lines of a statement not yet ended with `;`. */
  private buffer = '';
  /** Statements that changed this session's database since the start or the last .reset. */
  private kept: string[] = [];
  private inTransaction = false;
  private askingToLeave = false;
  /** Set when the exercise passed in this session (and leaving was offered): statements then just run. */
  private offeredToLeave = false;
  /** Statements that failed (for piped input's exit code). */
  failures = 0;

  /** The dot commands, as data: dispatch and .help both come from this table. */
  private readonly commands: DotCommand[] = [
    { names: ['.tables'], help: 'list the tables', run: () => this.tables() },
    { names: ['.schema'], args: '[table]', help: 'show the CREATE statements (of one table)', run: ([table]) => this.schema(table) },
    { names: ['.hint'], help: 'show the next hint', exerciseOnly: true, run: () => this.hint() },
    { names: ['.solution'], help: `show the reference solution (after ${triesBeforeSolution} tries)`, exerciseOnly: true, run: () => this.solution() },
    { names: ['.reset'], help: 'start again from a fresh copy of the database', run: () => this.reset() },
    { names: ['.help'], help: 'show this list', run: () => this.help() },
    { names: ['.quit', '.exit'], help: 'leave (Ctrl-D does too)', run: () => 'leave' },
  ];

  constructor(
    private readonly ctx: AppContext,
    private readonly runner: SqlRunner,
    private readonly mode: SqlPromptMode,
    private readonly print: Printer,
  ) {}

  private get databaseName(): string {
    return this.mode.kind === 'exercise' ? this.mode.exercise.database : this.mode.database;
  }

  private get source(): DatabaseSource {
    return { seedFile: path.join(this.ctx.packDir, 'data', `${this.databaseName}.sql`) };
  }

  private get number(): string {
    return this.mode.kind === 'exercise' ? exerciseNumber(this.mode) : '';
  }

  /** What to show before the cursor now. */
  prompt(): string {
    if (this.askingToLeave) return this.mode.kind === 'exercise' && this.mode.returnTo ? `Back to ${this.mode.returnTo}? (Y/n) ` : 'Leave the sql> prompt? (Y/n) ';
    return this.buffer === '' ? mainPrompt : continuationPrompt;
  }

  /** Part of a statement is waiting for its `;`. */
  get hasPendingInput(): boolean {
    return this.buffer !== '';
  }

  /** Ctrl-C: forget the statement being typed (and a pending question: the answer is "stay"). */
  interrupt(): void {
    this.buffer = '';
    this.askingToLeave = false;
  }

  private wrap(text: string): string {
    return wrapText(text, this.print.columns());
  }

  private note(text: string): void {
    this.print.out(chalk.dim(this.wrap(text)));
  }

  private fail(text: string): void {
    this.failures += 1;
    this.print.error(this.wrap(`${chalk.red('Error:')} ${neutralize(text)}`));
  }

  /** The lines shown when the prompt opens. */
  intro(): void {
    const help = chalk.dim(this.wrap('End a statement with ;  .help for commands'));
    if (this.mode.kind === 'playground') {
      this.print.out(chalk.bold(`SQL playground · database ${neutralize(this.databaseName)}`));
      this.note('A fresh copy of the sample database: change anything you like, nothing is saved.');
      this.print.out(help);
      return;
    }
    const { lesson, exercise } = this.mode;
    this.print.out(chalk.bold(`Exercise ${this.number} · ${neutralize(exercise.id)}`));
    this.note(`Lesson ${lesson.number} · ${neutralize(lesson.title)}`);
    this.print.out();
    this.print.out(formatTask(neutralize(exercise.prompt), this.print.columns()));
    this.print.out();
    const checked = exercise.check
      ? 'each statement that changes it is checked as it runs; .reset starts again'
      : 'each statement is checked as it runs';
    this.print.out(this.wrap(`Database: ${chalk.bold(neutralize(this.databaseName))} (a fresh copy) · ${checked}`));
    if (this.record()?.passedAt) this.note('You have passed this exercise already; try again as often as you like.');
    this.print.out(help);
  }

  /** Feeds one typed line; says whether to stay at the prompt or leave. */
  async feed(line: string): Promise<Step> {
    if (this.askingToLeave) {
      this.askingToLeave = false;
      const answer = line.trim().toLowerCase();
      if (['', 'y', 'yes'].includes(answer)) return 'leave';
      // Anything else is an answer of no, or more SQL or a dot command to carry on with (one
      // that may be .quit, so say nothing about staying then).
      if (!/^\.[A-Za-z]/.test(line.trim())) this.note('Staying: statements now just run, unchecked (your pass is saved). .quit leaves.');
      if (['n', 'no'].includes(answer)) return 'stay';
    }
    const trimmed = line.trim();
    if (/^\.[A-Za-z]/.test(trimmed)) return this.dotCommand(trimmed);
    this.buffer = this.buffer === '' ? line : `${this.buffer}\n${line}`;
    const { statements, rest } = splitStatements(this.buffer);
    if (statements.length === 0 && rest === '') {
      // Only blanks or comments so far.
      this.buffer = '';
      return 'stay';
    }
    if (rest !== '') return 'stay';
    this.buffer = '';
    return this.runAll(statements);
  }

  /** The input ended: runs a last statement that had no `;`. */
  async finish(): Promise<void> {
    const { statements, rest } = splitStatements(this.buffer);
    this.buffer = '';
    await this.runAll(rest === '' ? statements : [...statements, rest]);
  }

  private async runAll(statements: string[]): Promise<Step> {
    let passed = false;
    for (const statement of statements) {
      if (await this.runStatement(statement)) passed = true;
      // A blank line ends each statement's output, before the next prompt.
      this.print.out();
    }
    if (passed && !this.offeredToLeave) {
      this.offeredToLeave = true;
      this.askingToLeave = true;
    }
    return 'stay';
  }

  /** Runs one statement; true when it made the exercise pass. */
  private async runStatement(sql: string): Promise<boolean> {
    // After a pass, staying is for experiments: a verdict on each would only be noise.
    if (this.mode.kind === 'playground' || this.offeredToLeave) {
      await this.play(sql);
      return false;
    }
    return this.mode.exercise.check ? this.change(this.mode.exercise, sql) : this.query(this.mode.exercise, sql);
  }

  // -- playground ------------------------------------------------------------------------------

  /** Runs `sql` on the session's database; keeps it when it changed the session. */
  private async play(sql: string): Promise<SqlOutcome> {
    const outcome = await this.runner.run({ kind: 'statement', database: this.source, setup: this.kept, sql, maxRows: shownRows });
    if (!outcome.ok) {
      this.fail(outcome.failure.message);
      const hint = syntaxErrorHint(sql, outcome.failure.message);
      if (hint !== undefined) this.note(hint);
      return outcome;
    }
    this.showEffect(sql, outcome);
    if (changesSession(outcome)) {
      this.kept.push(sql);
      this.inTransaction = outcome.inTransaction === true;
    }
    return outcome;
  }

  private showEffect(sql: string, outcome: Extract<SqlOutcome, { ok: true }>): void {
    if (outcome.result) {
      this.showTable(outcome.result);
      return;
    }
    const keyword = firstKeyword(sql);
    const changes = outcome.changes ?? 0;
    if (writingKeywords.has(keyword) || changes > 0) {
      const none = changes === 0 && (keyword === 'UPDATE' || keyword === 'DELETE') && /\bwhere\b/i.test(sql) ? ' (no row matched the WHERE condition)' : '';
      this.print.out(`${changes} row${changes === 1 ? '' : 's'} changed.${none}`);
    } else if (keyword === 'BEGIN' || keyword === 'SAVEPOINT') {
      this.print.out('Transaction started: COMMIT keeps its changes, ROLLBACK undoes them.');
    } else if (keyword === 'COMMIT' || keyword === 'END' || keyword === 'RELEASE') {
      this.print.out(outcome.inTransaction ? 'Done.' : 'Committed.');
    } else if (keyword === 'ROLLBACK') {
      this.print.out('Rolled back: the changes since BEGIN are undone.');
    } else {
      this.print.out('Done.');
    }
  }

  private showTable(result: CappedResult): void {
    const lines = renderResultTable(result, { maxRows: shownRows, width: this.print.columns() - 1, total: result.total });
    this.print.out(lines.map((line) => line.trimEnd()).join('\n'));
  }

  // -- exercises -------------------------------------------------------------------------------

  private record(): ExerciseRecord | undefined {
    if (this.mode.kind !== 'exercise') return undefined;
    return this.ctx.progress().lesson(this.ctx.course.id, this.mode.lesson.id)?.exercises.get(this.mode.exercise.id);
  }

  /** The verdict's title: with the exercise id when the line has room for it. */
  private get title(): string {
    if (this.mode.kind !== 'exercise') return '';
    const full = `Exercise ${this.number} · ${neutralize(this.mode.exercise.id)}`;
    return full.length + 12 < this.print.columns() ? full : `Exercise ${this.number}`;
  }

  /** A query exercise: the statement is the answer. */
  private async query(exercise: SqlExercise, sql: string): Promise<boolean> {
    const verdict = await checkSqlExercise(this.runner, this.ctx.packDir, exercise, sql);
    const first = verdict.checks[0];
    // On a failure the verdict shows the learner's rows beside the expected ones.
    if (first?.passed && first.actual) {
      this.showTable(first.actual as CappedResult);
      this.print.out();
    }
    return this.afterCheck(verdict);
  }

  /**
   * A change exercise: the statements of the session together are the answer. Queries only
   * look; each statement that changes the database is kept and the whole is checked.
   */
  private async change(exercise: SqlExercise, sql: string): Promise<boolean> {
    const outcome = await this.play(sql);
    if (!outcome.ok) {
      const keyword = firstKeyword(sql);
      // A query only looks, and a misplaced COMMIT changes nothing: neither is a try.
      if (lookingKeywords.has(keyword) || transactionKeywords.has(keyword)) return false;
      // A duplicate is often the row an earlier statement of this session added already.
      const duplicate = outcome.failure.code === 'SQLITE_CONSTRAINT_UNIQUE' || outcome.failure.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
      this.note(duplicate ? 'Not kept. If an earlier statement of this session added that row already, .reset starts again from a fresh copy.' : 'Not kept: fix the statement and run it again.');
      this.attemptFailed(this.recordAttempt(false));
      return false;
    }
    if (!changesSession(outcome)) return false;
    if (this.inTransaction) {
      // BEGIN has just said how a transaction ends.
      if (!['BEGIN', 'SAVEPOINT'].includes(firstKeyword(sql))) this.note('Inside a transaction: your changes are checked when you COMMIT.');
      return false;
    }
    // A rollback only undoes: the database is back where it was at the last check.
    if (firstKeyword(sql) === 'ROLLBACK') return false;
    const verdict = await checkSqlExercise(this.runner, this.ctx.packDir, exercise, this.kept.join('\n'));
    this.print.out();
    const passed = this.afterCheck(verdict);
    if (!passed) this.note('Your statements so far stay in this session; .reset starts again from a fresh copy.');
    return passed;
  }

  /** Shows and records a verdict; true when it passed. */
  private afterCheck(verdict: Verdict): boolean {
    this.print.out(renderVerdict(this.title, verdict, this.print.columns()));
    const record = this.recordAttempt(verdict.passed);
    if (verdict.passed) this.celebrate(record);
    else this.attemptFailed(record);
    return verdict.passed;
  }

  private recordAttempt(passed: boolean): ExerciseRecord {
    if (this.mode.kind !== 'exercise') throw new Error('recordAttempt outside an exercise');
    return this.ctx.progress().recordExerciseAttempt(this.ctx.course.id, this.mode.lesson.id, this.mode.exercise.id, passed);
  }

  private attemptFailed(record: ExerciseRecord): void {
    if (this.mode.kind !== 'exercise' || record.passedAt) return;
    if (record.attempts === triesBeforeSolution && !record.solutionShown) {
      this.print.out(
        chalk.yellow(this.wrap(`That was try ${triesBeforeSolution}. Type .solution to see the reference solution (the exercise then counts as solved with help), or .hint for a hint.`)),
      );
    } else if (record.attempts > triesBeforeSolution) {
      this.note('.hint gives a hint; .solution shows the reference solution.');
    } else if (record.hintsShown < this.mode.exercise.hints.length) {
      this.note(`Stuck? .hint shows hint ${record.hintsShown + 1} of ${this.mode.exercise.hints.length}.`);
    }
  }

  private celebrate(record: ExerciseRecord): void {
    if (this.mode.kind !== 'exercise') return;
    this.print.out();
    this.print.out(passedText(this.number, this.mode.exercise, record, this.print.columns()));
  }

  // -- dot commands ----------------------------------------------------------------------------

  private async dotCommand(text: string): Promise<Step> {
    const [typed = '', ...args] = text.split(/\s+/);
    const command = this.commands.find((candidate) => candidate.names.includes(typed.toLowerCase()));
    if (!command) {
      this.print.error(this.wrap(`There is no command ${neutralize(typed)}; .help lists the commands.`));
      return 'stay';
    }
    return (await command.run(args)) ?? 'stay';
  }

  private reset(): void {
    this.kept = [];
    this.inTransaction = false;
    this.buffer = '';
    this.print.out(this.wrap(`A fresh copy of ${neutralize(this.databaseName)}: the changes of this session are gone.`));
  }

  private help(): void {
    const rows = this.commands.map((command) => {
      const usage = [command.names.join(' or '), command.args].filter(Boolean).join(' ');
      const suffix = command.exerciseOnly && this.mode.kind === 'playground' ? ' (in an exercise)' : '';
      return [usage, command.help + suffix] as const;
    });
    const width = Math.max(...rows.map(([usage]) => usage.length));
    const narrow = width + 30 > this.print.columns();
    for (const [usage, help] of rows) {
      const indented = () => wrapText(help, this.print.columns() - 2).replace(/^/gm, '  ');
      this.print.out(narrow ? `${chalk.bold(usage)}\n${indented()}` : `${chalk.bold(usage.padEnd(width))}  ${help}`);
    }
    this.note(`Ctrl-C clears the current input · Ctrl-D leaves${this.print.history ? ' · ↑ recalls earlier lines' : ''}`);
  }

  /** Tables, views, indexes and triggers of the session's database, with their CREATE text. */
  private async schemaEntries(): Promise<{ type: string; name: string; table: string; sql: string }[] | undefined> {
    const sql =
      "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' " +
      "ORDER BY tbl_name, CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 0 ELSE 1 END, name";
    const outcome = await this.runner.run({ kind: 'statement', database: this.source, setup: this.kept, sql, maxRows: 10_000 });
    if (!outcome.ok || !outcome.result) {
      this.fail(outcome.ok ? 'the schema could not be read' : outcome.failure.message);
      return undefined;
    }
    return outcome.result.rows.map(([type, name, table, text]) => ({ type: String(type), name: String(name), table: String(table), sql: String(text) }));
  }

  private async tables(): Promise<void> {
    const entries = await this.schemaEntries();
    if (!entries) return;
    const names = entries.filter((entry) => entry.type === 'table' || entry.type === 'view').map((entry) => neutralize(entry.type === 'view' ? `${entry.name} (view)` : entry.name));
    this.print.out(names.length === 0 ? chalk.dim('(no tables)') : this.wrap(names.join('  ')));
  }

  private async schema(table: string | undefined): Promise<void> {
    const entries = await this.schemaEntries();
    if (!entries) return;
    const wanted = table?.replace(/;$/, '').toLowerCase();
    const shown = wanted === undefined ? entries : entries.filter((entry) => entry.table.toLowerCase() === wanted);
    if (shown.length === 0) {
      this.print.error(this.wrap(wanted === undefined ? 'This database has no tables.' : `There is no table named ${neutralize(table!)}; .tables lists them.`));
      return;
    }
    this.print.out(shown.map((entry) => `${neutralize(entry.sql)};`).join('\n'));
  }

  private exerciseOrExplain(): SqlExercise | undefined {
    if (this.mode.kind === 'exercise') return this.mode.exercise;
    this.print.out(this.wrap('There is no exercise here, so no hints or solutions. Try .tables and .schema to look around.'));
    return undefined;
  }

  private hint(): void {
    const exercise = this.exerciseOrExplain();
    if (!exercise || this.mode.kind !== 'exercise') return;
    const step = takeNextHint(this.ctx, this.mode.lesson.id, exercise);
    if (step.kind === 'none') this.print.out('This exercise has no hints.');
    else if (step.kind === 'all') {
      this.print.out(`${seenAllHeading(step.hints.length)}:`);
      step.hints.forEach((hint, index) => this.print.out(this.wrap(`${index + 1}. ${neutralize(hint)}`)));
    } else this.print.out(this.wrap(`${chalk.bold(`Hint ${step.number} of ${step.total}:`)} ${neutralize(step.text)}`));
  }

  private solution(): void {
    const exercise = this.exerciseOrExplain();
    if (!exercise || this.mode.kind !== 'exercise') return;
    const record = this.record();
    if (!solutionOpen(record)) {
      const left = triesBeforeSolution - (record?.attempts ?? 0);
      this.print.out(this.wrap(`The solution opens after ${triesBeforeSolution} tries: ${left} more to go. .hint may help first.`));
      return;
    }
    this.ctx.progress().recordSolutionShown(this.ctx.course.id, this.mode.lesson.id, exercise.id);
    this.print.out(solutionBlock(exercise.solution));
    if (!record?.passedAt) this.note('Run it (or your own version of it) to finish the exercise; it counts as solved with help.');
  }

  /** The line shown when leaving. */
  farewell(): void {
    if (this.mode.kind === 'playground') {
      this.note('Left the playground; its database is thrown away.');
      return;
    }
    if (!this.record()?.passedAt) this.note(`Exercise ${this.number} is not passed yet; come back with \`backend-intro exercise ${this.number}\`.`);
  }
}

/** Whether a statement's effect must be replayed: it wrote, or set up state (BEGIN, PRAGMA x = y). */
function changesSession(outcome: Extract<SqlOutcome, { ok: true }>): boolean {
  return outcome.wrote === true || outcome.result === undefined;
}

// -- drivers ---------------------------------------------------------------------------------

/** Lines typed in earlier prompts of this run, so ↑ finds them when a prompt opens again. */
const history: string[] = [];

function terminalPrinter(ctx: AppContext, history: boolean): Printer {
  return {
    history,
    out: (text = '') => ctx.out(text),
    error: (text) => ctx.out(text),
    columns: () => Math.max(20, process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : ctx.screen.columns),
  };
}

/** Runs the sql> prompt in the terminal until the learner leaves (.quit, Ctrl-D, or after a pass). */
export async function runSqlPrompt(ctx: AppContext, runner: SqlRunner, mode: SqlPromptMode): Promise<void> {
  // A terminal that cannot move the cursor gets the terminal's own line editing (cooked mode):
  // readline's editing there would print escape codes, and it has no backspace.
  const plain = process.env.TERM === 'dumb';
  const session = new SqlSession(ctx, runner, mode, terminalPrinter(ctx, !plain));
  session.intro();
  const columns = () => Math.max(20, process.stdout.columns || ctx.screen.columns);
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: !plain,
    history: [...history],
    historySize: 500,
    removeHistoryDuplicates: true,
    prompt: session.prompt(),
  });
  rl.on('history', (lines: string[]) => history.splice(0, history.length, ...lines));

  // Lines arrive faster than statements run when text is pasted: they wait here in order.
  const queue: (string | undefined)[] = [];
  let wake: (() => void) | undefined;
  const push = (line: string | undefined) => {
    queue.push(line);
    wake?.();
  };
  const next = () => new Promise<string | undefined>((resolve) => {
    if (queue.length > 0) resolve(queue.shift());
    else wake = () => {
      wake = undefined;
      resolve(queue.shift());
    };
  });
  const showPrompt = () => {
    rl.setPrompt(session.prompt());
    rl.prompt();
  };
  let busy = false;
  /** `typed` is what was on the line, or undefined when the terminal dropped it unseen. */
  const interrupted = (typed: string | undefined) => {
    const hadInput = typed !== '' || session.hasPendingInput;
    session.interrupt();
    if (busy) return;
    if (typed === undefined) ctx.out(chalk.dim(wrapText('(input cleared; press Ctrl-D or type .quit to leave)', columns())));
    else if (!hadInput) ctx.out(chalk.dim(wrapText('(press Ctrl-D or type .quit to leave)', columns())));
    showPrompt();
  };
  rl.on('line', push);
  rl.on('close', () => push(undefined));
  rl.on('SIGINT', () => {
    // Keep what was typed on screen, marked ^C, and start a fresh line.
    const typed = rl.line;
    rl.write(null, { ctrl: true, name: 'e' });
    rl.write(null, { ctrl: true, name: 'u' });
    process.stdout.write(`${typed}^C\n`);
    interrupted(typed);
  });
  // In cooked mode Ctrl-C is a signal; the terminal has already dropped the typed line.
  const onSignal = () => {
    process.stdout.write('\n');
    interrupted(undefined);
  };
  const savedListeners = plain ? process.listeners('SIGINT') : [];
  if (plain) {
    process.removeAllListeners('SIGINT');
    process.on('SIGINT', onSignal);
  }

  try {
    showPrompt();
    for (;;) {
      const line = await next();
      if (line === undefined) {
        // Ctrl-D (or the terminal closed): the cursor is still after the prompt.
        process.stdout.write('\n');
        if (session.hasPendingInput) ctx.out(chalk.dim('(the unfinished statement was not run)'));
        break;
      }
      rl.pause();
      busy = true;
      const step = await session.feed(line);
      busy = false;
      if (step === 'leave') break;
      if (queue.length === 0) showPrompt();
      else rl.setPrompt(session.prompt());
    }
  } finally {
    rl.removeAllListeners('close');
    rl.close();
    if (plain) {
      process.off('SIGINT', onSignal);
      for (const listener of savedListeners) process.on('SIGINT', listener as () => void);
    }
  }
  session.farewell();
}

/**
 * Runs SQL piped in (`backend-intro sql < script.sql`): statement by statement, results on
 * stdout, errors on stderr. Returns how many statements failed.
 */
export async function runSqlScript(ctx: AppContext, runner: SqlRunner, database: string, script: string): Promise<number> {
  const printer: Printer = {
    out: (text = '') => ctx.out(text),
    error: (text) => ctx.warn(text),
    columns: () => ctx.screen.columns,
  };
  const session = new SqlSession(ctx, runner, { kind: 'playground', database }, printer);
  for (const line of script.split(/\r?\n/)) {
    if ((await session.feed(line)) === 'leave') return session.failures;
  }
  await session.finish();
  return session.failures;
}
