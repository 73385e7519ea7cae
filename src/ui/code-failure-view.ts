// The parts of a failed check that come from running code: the request and response of an http
// check (a curl command to paste, then `>` and `<` lines, then what was expected), the place in
// the learner's file where an error was thrown, and what their code printed.
import chalk from 'chalk';
import { jsonDifferences, statusLine } from '../core/http-compare.js';
import { curlCommand, displayBody, requestLines, responseLines } from '../core/http-transcript.js';
import type { CheckOutcome, CodeError, HttpExchange } from '../core/verdict.js';
import { displayPath } from '../io/paths.js';
import { wrapText } from './format.js';
import { neutralize } from './terminal.js';

/** The port `serve` uses by default, so the curl commands shown work when pasted. */
export const servePort = 3000;
const outputLinesShown = 20;

export function renderCodeFailure(check: CheckOutcome, columns: number, answerFile?: string): string[] {
  const lines: string[] = [];
  if (check.exchange) lines.push(...renderExchange(check.exchange, columns, answerFile));
  if (check.error) lines.push('', ...renderCodeError(check.error, columns));
  if (check.output && check.output.length > 0) lines.push('', ...renderOutput(check.output, columns));
  return lines;
}

function renderExchange(exchange: HttpExchange, columns: number, answerFile: string | undefined): string[] {
  const lines: string[] = [];
  const serve = answerFile ? `backend-intro serve ${displayPath(answerFile)}` : 'backend-intro serve <your file>';
  // Commands on lines of their own, unwrapped, so they can be copied whole.
  lines.push('', chalk.dim('Try it yourself: in another terminal run'), `  ${neutralize(serve)}`, chalk.dim('then send the same request:'));
  lines.push(`  ${neutralize(curlCommand(exchange.request, `http://127.0.0.1:${servePort}`))}`);
  lines.push('', ...requestLines(exchange.request).map((line) => chalk.cyan(neutralize(line))));
  if (exchange.response) lines.push('', ...responseLines(exchange.response).map((line) => neutralize(line)));
  else lines.push('', chalk.red('< (no response)'));
  const expected = exchange.expected;
  if (expected && exchange.differences.length > 0) {
    const wanted: string[] = [];
    if (expected.status !== undefined) wanted.push(`status ${statusLine(expected.status)}`);
    for (const [name, value] of Object.entries(expected.headers ?? {})) wanted.push(value === null ? `no ${name} header` : `${name}: ${value}`);
    lines.push('', chalk.green(wrapText(`Expected: ${neutralize(wanted.join(' · ') || 'the body below')}`, columns)));
    const bodyDiffers = exchange.response === undefined || (expected.json !== undefined ? bodyDiffersFromJson(expected.json, exchange.response.body) : expected.body !== undefined && expected.body !== exchange.response.body);
    if (bodyDiffers) {
      const body = expected.json !== undefined ? JSON.stringify(expected.json) : (expected.body ?? '');
      const shown = displayBody(body, expected.json !== undefined ? 'application/json' : 'text/plain', 16);
      if (shown.length > 0) lines.push(...shown.map((line) => chalk.green(`  ${neutralize(line)}`)));
    }
  }
  return lines;
}

function bodyDiffersFromJson(expected: unknown, body: string): boolean {
  try {
    return jsonDifferences(expected, JSON.parse(body), '', 1).length > 0;
  } catch {
    return true;
  }
}

/** "Error: message" then the line of the learner's file with a caret under the column. */
export function renderCodeError(error: CodeError, columns: number): string[] {
  const lines = [chalk.red(wrapText(`${neutralize(error.name)}: ${neutralize(error.message)}`, columns))];
  const location = error.location;
  if (location) {
    lines.push(`  at ${displayPath(location.file)}:${location.line}:${location.column}`);
    if (location.text !== undefined) {
      const number = String(location.line);
      const text = neutralize(location.text.replace(/\t/g, '  '));
      lines.push(chalk.dim(`  ${number} | `) + text);
      lines.push(chalk.dim(`  ${' '.repeat(number.length)} | `) + chalk.red(`${' '.repeat(Math.max(0, location.column - 1))}^`));
    }
  }
  const more = error.stack.slice(1, 4);
  for (const frame of more) lines.push(chalk.dim(`  ${neutralize(frame)}`));
  return lines;
}

function renderOutput(output: string[], columns: number): string[] {
  const lines = output.flatMap((text) => text.split('\n'));
  const shown = lines.slice(0, outputLinesShown).map((line) => chalk.dim('│ ') + neutralize(line).slice(0, Math.max(10, columns - 2)));
  if (lines.length > outputLinesShown) shown.push(chalk.dim(`│ … ${lines.length - outputLinesShown} more lines`));
  return [chalk.dim('Your code printed:'), ...shown];
}
