// The entry point: runs the command line and is the only place that decides exit codes and
// the only caller of process.exit.
import { neutralize } from './core/control-characters.js';
import { CheckFailedError, ExitCode, InterruptedError, PackFormatError, UsageError } from './errors.js';

const debug = (process.env.DEBUG ?? '').split(',').some((name) => name.trim() === 'backend-intro' || name.trim() === '*');
const showCursor = '\x1b[?25h';
// Stack traces that name src/ files and lines, only when someone asked for them.
if (debug) process.setSourceMapsEnabled(true);

// Commands that run SQL or code start their worker process first thing, before even the
// command line library loads, so the worker's start-up overlaps with the tutorial's own (see
// startSqlRunnerEarly). Which worker: `sql` needs the SQL one; `verify` and `exercise` tell by
// the answer file's extension, when one is named.
const words = process.argv.slice(2);
const command = words.find((word) => ['verify', 'exercise', 'sql'].includes(word));
const answerFile = words.find((word) => /\.(sql|m?js)$/i.test(word));
if (command === 'sql' || (command !== undefined && answerFile !== undefined && /\.sql$/i.test(answerFile))) {
  const { startSqlRunnerEarly } = await import('./io/sql-runner.js');
  startSqlRunnerEarly();
} else if (command !== undefined && answerFile !== undefined) {
  const { startCodeRunnerEarly } = await import('./io/code-runner.js');
  startCodeRunnerEarly();
}

function restoreTerminal(): void {
  // A dumb terminal would print the escape sequence as garbage (and never hid the cursor).
  if (process.stdout.isTTY && process.env.TERM !== 'dumb') process.stdout.write(showCursor);
  if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
}

/** commander's own errors (help shown, a bad option): it has printed what needs saying. */
function isCommanderError(error: unknown): error is { exitCode: number } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('commander.') && typeof (error as { exitCode?: unknown }).exitCode === 'number';
}

/** Maps what went wrong to a message on stderr and an exit code. */
function report(error: unknown): number {
  if (isCommanderError(error)) {
    // commander has already printed its own message (or the help / version).
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof InterruptedError) {
    restoreTerminal();
    process.stderr.write('\nStopped. Your progress is saved.\n');
    return ExitCode.interrupted;
  }
  if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  if (error instanceof PackFormatError) {
    // The message quotes pack text (a wrong answer, a bad id), which may hold escape sequences.
    process.stderr.write(`The lesson pack has a problem: ${neutralize(error.message)}\n`);
    return ExitCode.usage;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`${neutralize(error.message)}\n`);
    return ExitCode.usage;
  }
  if (error instanceof CheckFailedError) {
    if (error.message) process.stderr.write(`${error.message}\n`);
    return ExitCode.checkFailed;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Something went wrong inside backend-intro: ${neutralize(message)}. Run again with DEBUG=backend-intro to see the details, and please report it.\n`);
  return ExitCode.checkFailed;
}

function exit(code: number): void {
  // Let piped output drain before exiting, so `lesson 1 --print | head` gets every byte it asked for.
  process.stdout.write('', () => process.exit(code));
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(ExitCode.ok);
});
process.on('SIGINT', () => {
  restoreTerminal();
  process.stderr.write('\nStopped. Your progress is saved.\n');
  process.exit(ExitCode.interrupted);
});

try {
  // The command line library loads after the worker has started, while it boots.
  const { buildProgram } = await import('./cli.js');
  await buildProgram().parseAsync(process.argv);
  exit(ExitCode.ok);
} catch (error) {
  exit(report(error));
}
