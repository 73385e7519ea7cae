// How a verdict reads on screen: a line per check, then for the first failure its message, the
// diagnosis, and the expected and actual tables.
import chalk from 'chalk';
import { sqlValuesEqual, type SqlValue } from '../core/sql-values.js';
import type { CheckOutcome, Verdict } from '../core/verdict.js';
import { cutToWidth, wrapText } from './format.js';
import { renderCodeFailure } from './code-failure-view.js';
import { renderResultTable, sideBySide } from './result-table.js';
import { neutralize, visibleWidth } from './terminal.js';

const rowsShown = 12;

function sameRow(a: SqlValue[], b: SqlValue[]): boolean {
  return a.length === b.length && a.every((value, index) => sqlValuesEqual(value, b[index]!));
}

/** `answerFile`, when known, makes the "try it yourself" commands of http checks exact. */
export function renderVerdict(title: string, verdict: Verdict, columns: number, answerFile?: string): string {
  const lines: string[] = [verdict.passed ? chalk.green.bold(`✓ ${title}: passed`) : chalk.red.bold(`✗ ${title}: not yet`)];
  for (const check of verdict.checks) {
    // One line each, cut to the screen: a long name (a request with its body) would wrap the list.
    lines.push(`  ${check.passed ? chalk.green('✓') : chalk.red('✗')} ${cutToWidth(neutralize(check.name), columns - 5)}`);
  }
  const failed = verdict.checks.find((check) => !check.passed);
  if (failed) lines.push('', ...renderFailure(failed, columns), ...renderCodeFailure(failed, columns, answerFile));
  const printed = verdict.passed ? verdict.checks.flatMap((check) => check.output ?? []) : [];
  if (printed.length > 0) lines.push('', ...renderCodeFailure({ name: '', passed: true, message: '', output: printed }, columns));
  return lines.join('\n');
}

function renderFailure(check: CheckOutcome, columns: number): string[] {
  const message = neutralize(check.message);
  const lines = [wrapText(message.charAt(0).toUpperCase() + message.slice(1), columns)];
  // The other ways an HTTP response differs, under the first (which is the message).
  for (const difference of check.exchange?.differences.slice(1) ?? []) lines.push(wrapText(`• ${neutralize(difference)}`, columns));
  if (check.diagnosis) lines.push(wrapText(chalk.yellow(`Hint: ${neutralize(check.diagnosis)}`), columns));
  if (check.expected && check.actual) {
    const half = Math.floor((columns - 4) / 2);
    const inList = (rows: SqlValue[][] | undefined) => (row: SqlValue[]) => (rows ?? []).some((other) => sameRow(other, row));
    const render = (width: number) => [
      renderResultTable(check.expected!, { maxRows: rowsShown, width, highlight: inList(check.missing), total: (check.expected as { total?: number }).total ?? check.expected!.rows.length }),
      renderResultTable(check.actual!, { maxRows: rowsShown, width, highlight: inList(check.extra), total: (check.actual as { total?: number }).total ?? check.actual!.rows.length }),
    ];
    let [expected, actual] = render(half) as [string[], string[]];
    // Too wide to stand side by side even when cut: stacked, each table may use the whole width.
    const widest = (lines: string[], title: string) => Math.max(title.length, ...lines.map(visibleWidth));
    if (widest(expected, 'Expected') + 4 + widest(actual, 'Your result') > columns - 1) [expected, actual] = render(columns - 1) as [string[], string[]];
    lines.push('', sideBySide({ title: 'Expected', lines: expected }, { title: 'Your result', lines: actual }, columns - 1));
    const sameShape = check.expected.columns.length === check.actual.columns.length;
    if (sameShape) lines.push(...renderDifferences(check, columns));
  }
  return lines;
}

/**
 * Which rows differ. Highlighting them in the tables says it when every one of them is among the
 * rows shown and there is colour; otherwise (a changed row 26 of 26, say, or no colour) they
 * are listed on their own.
 */
function renderDifferences(check: CheckOutcome, columns: number): string[] {
  const missing = check.missing ?? [];
  const extra = check.extra ?? [];
  if (missing.length + extra.length === 0) return [];
  const shownIn = (table: CheckOutcome['expected']) => (row: SqlValue[]) => table!.rows.slice(0, rowsShown).some((shown) => sameRow(shown, row));
  if (chalk.level > 0 && missing.every(shownIn(check.expected)) && extra.every(shownIn(check.actual))) {
    return [chalk.dim(wrapText('Highlighted: rows missing from your result, and rows it should not have.', columns))];
  }
  const list = (title: string, rows: SqlValue[][]) => ['', chalk.bold(wrapText(title, columns)), ...renderResultTable({ columns: check.expected!.columns, rows }, { maxRows: rowsShown, width: columns - 1 })];
  return [
    ...(missing.length > 0 ? list(`Missing from your result (${missing.length}):`, missing) : []),
    ...(extra.length > 0 ? list(`Extra in your result (${extra.length}):`, extra) : []),
  ];
}

/** The verdict as `verify --json` prints it (SPEC: one object with exercise, id, passed, checks). */
export function verdictJson(exercise: string, id: string, verdict: Verdict): object {
  const table = (result: CheckOutcome['expected']) =>
    result === undefined ? undefined : renderResultTable(result, { maxRows: 50, width: 200 }).map((line) => line.replace(/\x1b\[[0-9;]*m/g, '')).join('\n');
  return {
    exercise,
    id,
    passed: verdict.passed,
    checks: verdict.checks.map((check) => ({
      name: check.name,
      passed: check.passed,
      message: check.message,
      ...(check.diagnosis ? { diagnosis: check.diagnosis } : {}),
      ...(check.expected ? { expected: table(check.expected) } : {}),
      ...(check.actual ? { actual: table(check.actual) } : {}),
      ...(check.exchange ? { request: check.exchange.request, response: check.exchange.response ?? null, expectedResponse: check.exchange.expected ?? null, differences: check.exchange.differences } : {}),
      ...(check.error ? { error: check.error } : {}),
      ...(check.output && check.output.length > 0 ? { output: check.output } : {}),
    })),
  };
}
