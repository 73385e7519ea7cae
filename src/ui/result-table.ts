// SQL results as text tables: aligned columns, long cells cut, NULL shown as NULL, and text from
// the database neutralised so that it cannot drive the terminal.
import chalk from 'chalk';
import { formatSqlValue, type ResultSet, type SqlValue } from '../core/sql-values.js';
import { cutToWidth } from './format.js';
import { neutralize, visibleWidth } from './terminal.js';

export interface TableOptions {
  /** Rows shown at most; the rest are counted in a last line. */
  maxRows: number;
  /** Total width available. */
  width: number;
  /** Rows to mark as missing/extra in the other table's eyes. */
  highlight?: (row: SqlValue[]) => boolean;
  /** Rows the statement produced in all, when more than `rows` were kept. */
  total?: number;
}

const maxCellWidth = 24;

function cellText(value: SqlValue): string {
  const text = neutralize(formatSqlValue(value)).replace(/\s+/g, ' ');
  return value === null ? chalk.dim(text) : text;
}

function fit(text: string, width: number): string {
  const plain = visibleWidth(text);
  if (plain <= width) return text + ' '.repeat(width - plain);
  // Cut by columns, not characters: a wide character (CJK, emoji) takes two.
  const cut = cutToWidth(text.replace(/\x1b\[[0-9;]*m/g, ''), width);
  return cut + ' '.repeat(Math.max(0, width - visibleWidth(cut)));
}

/** Lines of a table; every line has the same visible width. */
export function renderResultTable(result: ResultSet, options: TableOptions): string[] {
  const shown = result.rows.slice(0, options.maxRows);
  const header = result.columns.map((column) => neutralize(column));
  const cells = shown.map((row) => row.map(cellText));
  const columnCount = Math.max(1, header.length);
  const natural = header.map((name, index) => Math.max(visibleWidth(name), ...cells.map((row) => visibleWidth(row[index] ?? ''))));
  let widths = natural.map((width) => Math.min(maxCellWidth, width));
  const budget = Math.max(columnCount * 4, options.width - 2 * (columnCount - 1));
  // Room left over goes to the columns that were cut, the last first: a long text (a query
  // plan's detail, a title) is read whole where the screen allows.
  let spare = budget - widths.reduce((sum, w) => sum + w, 0);
  for (let index = widths.length - 1; index >= 0 && spare > 0; index--) {
    const grow = Math.min(spare, natural[index]! - widths[index]!);
    widths[index]! += grow;
    spare -= grow;
  }
  // Shrink the widest columns until the table fits.
  while (widths.reduce((sum, w) => sum + w, 0) > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 3) break;
    widths = widths.map((w, i) => (i === widest ? w - 1 : w));
  }
  const line = (values: string[]) => values.map((value, index) => fit(value, widths[index] ?? 3)).join('  ');
  const lines = [chalk.bold(line(header)), chalk.dim(widths.map((w) => '─'.repeat(w)).join('  '))];
  shown.forEach((row, index) => {
    const text = line(cells[index]!);
    lines.push(options.highlight?.(row) ? chalk.yellow(text) : text);
  });
  const total = options.total ?? result.rows.length;
  if (total === 0) lines.push(chalk.dim('(no rows)'));
  else if (total > shown.length) lines.push(chalk.dim(`… ${total - shown.length} more row${total - shown.length === 1 ? '' : 's'} (${total} in all)`));
  return lines;
}

/** Two tables next to each other when both fit in `width`, otherwise one above the other. */
export function sideBySide(left: { title: string; lines: string[] }, right: { title: string; lines: string[] }, width: number): string {
  const leftWidth = Math.max(visibleWidth(left.title), ...left.lines.map(visibleWidth));
  const rightWidth = Math.max(visibleWidth(right.title), ...right.lines.map(visibleWidth));
  const gap = 4;
  if (leftWidth + gap + rightWidth > width) {
    return [chalk.bold(left.title), ...left.lines, '', chalk.bold(right.title), ...right.lines].join('\n');
  }
  const rows = Math.max(left.lines.length, right.lines.length) + 1;
  const leftColumn = [chalk.bold(left.title), ...left.lines];
  const rightColumn = [chalk.bold(right.title), ...right.lines];
  const out: string[] = [];
  for (let i = 0; i < rows; i++) {
    const l = leftColumn[i] ?? '';
    out.push(`${l}${' '.repeat(leftWidth - visibleWidth(l) + gap)}${rightColumn[i] ?? ''}`.trimEnd());
  }
  return out.join('\n');
}
