// Every failure the user can cause has a type here; src/main.ts is the one place that turns them
// into a message and an exit code.

export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Wrong command, unknown lesson, unreadable file, missing TTY: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A lesson pack that does not follow the format; names the file and line. Exit 2. */
export class PackFormatError extends Error {
  override name = 'PackFormatError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`${line === undefined ? file : `${file}:${line}`}: ${problem}`);
  }
}

/** The user pressed Ctrl-C (or closed the prompt): exit 130 after progress is safe. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor() {
    super('Interrupted.');
  }
}

/** A check that ran and did not pass (verify, validate): exit 1 with a message already printed. */
export class CheckFailedError extends Error {
  override name = 'CheckFailedError';
}
