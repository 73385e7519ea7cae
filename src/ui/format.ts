// Pure formatters shared by list, progress and the home menu: text in, text out.
import chalk from 'chalk';
import type { LessonStatus } from '../core/progress-model.js';
import { wrapAnsi } from 'fast-wrap-ansi';
import { isNarrowText, visibleWidth } from './terminal.js';

/** Wraps prose to the screen (at most 100 columns, which stays readable on wide terminals). */
export function wrapText(text: string, columns: number): string {
  const width = Math.min(columns - 1, 100);
  // A plain line that fits is its own wrapping; most titles and notes are.
  if (text.length <= width && isNarrowText(text) && text.trim() === text) return text;
  return wrapAnsi(text, width, { hard: true });
}

export function progressBar(done: number, total: number, width: number, unicode: boolean): string {
  const fraction = total === 0 ? 0 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(fraction * width);
  const [full, empty] = unicode ? ['█', '░'] : ['#', '-'];
  return `[${chalk.green(full.repeat(filled))}${chalk.dim(empty.repeat(width - filled))}] ${Math.round(fraction * 100)}%`;
}

export function statusLabel(status: LessonStatus): string {
  switch (status) {
    case 'done':
      return chalk.green('done');
    case 'in progress':
      return chalk.yellow('in progress');
    case 'not started':
      return chalk.dim('not started');
  }
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return ms > 0 ? 'under a minute' : '0 min';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "today", "yesterday", "3 days ago", or the date. */
export function formatWhen(iso: string | undefined, now: Date): string {
  if (!iso) return '–';
  const then = new Date(iso);
  const days = Math.floor((startOfDay(now) - startOfDay(then)) / 86_400_000);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return then.toISOString().slice(0, 10);
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

export function quizLabel(best: { correct: number; total: number } | undefined): string {
  return best ? `${best.correct}/${best.total}` : '–';
}

/**
 * Lays rows out as aligned columns when they fit in `width`; otherwise as one block per row
 * ("label: value" lines), which reads well in a 40-column terminal.
 */
export function layoutTable(headers: string[], rows: string[][], width: number, indent = '  ', shrinkable?: { column: number; min: number }): string {
  const widths = headers.map((header, column) => Math.max(visibleWidth(header), ...rows.map((row) => visibleWidth(row[column] ?? ''))));
  let total = indent.length + widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  // A long text column (a lesson title) may give up a few characters, cut with "…", so the
  // table stays a table rather than falling back to blocks.
  if (shrinkable && total > width) {
    const { column, min } = shrinkable;
    const room = widths[column]! - (total - width);
    if (room >= Math.max(min, visibleWidth(headers[column] ?? ''))) {
      rows = rows.map((row) => row.map((cell, index) => (index === column ? cutToWidth(cell, room) : cell)));
      widths[column] = room;
      total = width;
    }
  }
  const pad = (text: string, column: number) => text + ' '.repeat(widths[column]! - visibleWidth(text));
  if (total <= width) {
    const line = (cells: string[]) => indent + cells.map((cell, column) => pad(cell, column)).join('  ').trimEnd();
    return [chalk.dim(line(headers)), ...rows.map(line)].join('\n');
  }
  return rows
    .map((row) => {
      const [first, ...rest] = row;
      // Each "label: value" wraps within the width too: a long title must not run off the edge.
      const field = (label: string, cell: string) =>
        wrapAnsi(`${chalk.dim(`${label}:`)} ${cell}`, Math.max(10, width - indent.length - 2), { hard: true, trim: true })
          .split('\n')
          .map((part) => `${indent}  ${part}`)
          .join('\n');
      return [indent + chalk.bold(first ?? ''), ...rest.map((cell, i) => field(headers[i + 1] ?? '', cell))].join('\n');
    })
    .join('\n\n');
}

/** Plain text cut to `width` columns, ending in "…" when it was cut. */
export function cutToWidth(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  let cut = '';
  for (const char of text) {
    if (visibleWidth(cut + char) > width - 1) break;
    cut += char;
  }
  return `${cut}…`;
}
