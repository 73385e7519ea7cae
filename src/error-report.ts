// Turns whatever went wrong into one message on stderr and an exit code. Used by the full
// command line (src/cli.ts) and by the quick path (src/quick.ts); src/main.ts exits with it.
import { neutralize } from './core/control-characters.js';
import { CheckFailedError, ExitCode, InterruptedError, PackFormatError, UsageError } from './errors.js';

export const debug = (process.env.DEBUG ?? '').split(',').some((name) => name.trim() === 'backend-intro' || name.trim() === '*');

const showCursor = '\x1b[?25h';

export function restoreTerminal(): void {
  // A dumb terminal would print the escape sequence as garbage (and never hid the cursor).
  if (process.stdout.isTTY && process.env.TERM !== 'dumb') process.stdout.write(showCursor);
  if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
}

export const stoppedMessage = '\nStopped. Your progress is saved.\n';

/** commander's own errors (help shown, a bad option): it has printed what needs saying. */
function isCommanderError(error: unknown): error is { exitCode: number } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('commander.') && typeof (error as { exitCode?: unknown }).exitCode === 'number';
}

/** Maps what went wrong to a message on stderr and an exit code. */
export function reportError(error: unknown): ExitCode {
  if (isCommanderError(error)) {
    // commander has already printed its own message (or the help / version).
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof InterruptedError) {
    restoreTerminal();
    process.stderr.write(stoppedMessage);
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
