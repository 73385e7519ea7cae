import chalk from 'chalk';
import stringWidth from 'fast-string-width';

/** What the output can do; decided once at start-up from flags, environment and the stream. */
export interface Screen {
  /** Width to lay text out in. */
  columns: number;
  color: boolean;
  /** Can draw prompts: stdin and stdout are terminals and TERM is not "dumb". */
  interactive: boolean;
  /** Clearing the screen and moving the cursor are allowed. */
  canClear: boolean;
}

export interface ScreenInputs {
  colorFlag: boolean;
  env: NodeJS.ProcessEnv;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  columns: number | undefined;
}

export function detectScreen({ colorFlag, env, stdinIsTTY, stdoutIsTTY, columns }: ScreenInputs): Screen {
  const dumb = env.TERM === 'dumb';
  const noColorEnv = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const color = colorFlag && !noColorEnv && (forced || (stdoutIsTTY && !dumb));
  return {
    columns: Math.max(20, stdoutIsTTY && columns ? columns : 80),
    color,
    interactive: stdinIsTTY && stdoutIsTTY,
    canClear: stdoutIsTTY && !dumb,
  };
}

/** Makes chalk (and so every library that shares it) follow the screen's colour decision. */
export function applyColor(screen: Screen): void {
  if (!screen.color) chalk.level = 0;
  else if (chalk.level === 0) chalk.level = 1;
}

// Pack, learner and database text is neutralised by one function, shared with src/main.ts.
export { neutralize } from '../core/control-characters.js';

/** Removes SGR and other escape sequences that our own renderers produced. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, '');
}

/**
 * The number of columns text takes on screen: escape sequences none, CJK characters and emoji
 * two, combining marks none. Counting characters instead let tables and titles with wide text
 * run past the edge of a narrow terminal. The same measure fast-wrap-ansi wraps by.
 */
export function visibleWidth(text: string): number {
  return isNarrowText(text) ? text.length : stringWidth(text);
}

// Characters one column wide each, which make up nearly all of the tutorial's own text: ASCII,
// Latin letters, general punctuation (– … ·), arrows, box drawing and blocks (█ ░). Text made
// only of them is measured by counting, which spares start-up the first use of the width
// library's Unicode tables (about 3 ms). tests/ui/terminal.test.ts checks every one of them
// against the library.
const narrowText = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc\u25ff]*$/;

/** Whether every character of the text is one that takes exactly one column. */
export function isNarrowText(text: string): boolean {
  return narrowText.test(text);
}
