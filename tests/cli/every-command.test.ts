// Every command in every kind of terminal: no terminal at all (pipes; plain, NO_COLOR and
// TERM=dumb), a 40-column terminal with NO_COLOR, and a 40-column TERM=dumb terminal. Each
// must exit with the right code, never show a stack trace, send no escape sequence where none
// may go (pipes and TERM=dumb: none at all; NO_COLOR: no colour), and fit 40 columns.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { overlongLines, stackTrace } from '../fuzz/screen-checks.js';
import { ensureBuilt, keys, killRunningPtys, removeTempDirs, runCli, spawnPty, tempDir, type PtySession } from './pty-helpers.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

const files = tempDir('bi-every-files-');
const rightAnswer = path.join(files, 'names.mjs');
writeFileSync(rightAnswer, "export const names = ['Pen', 'Notebook'];\n");

interface Command {
  name: string;
  args: () => string[];
  /** Exit code without a terminal. */
  piped: number;
  /** What stdin holds without a terminal. */
  input?: string;
  /**
   * False for the commands whose output is not laid out for the terminal's width yet (see
   * below); they are still checked for exit codes, escapes and stack traces.
   */
  fits?: false;
  /** For the commands that ask questions: how to get through them in a terminal, and the exit code. */
  interactive?: { drive: (session: PtySession, dumb: boolean) => Promise<void>; exit: number };
}

/** A fresh folder name for `init` on every run. */
const newPackDir = () => path.join(tempDir('bi-every-init-'), 'new-pack');

const commands: Command[] = [
  { name: 'list', args: () => ['list'], piped: 0 },
  { name: 'lesson --print', args: () => ['lesson', '1', '--print'], piped: 0 },
  { name: 'progress', args: () => ['progress'], piped: 0 },
  { name: 'report', args: () => ['report'], piped: 0 },
  { name: 'verify', args: () => ['verify', '2.1', rightAnswer], piped: 0 },
  { name: 'hint', args: () => ['hint', '2.1'], piped: 0 },
  // Not laid out for narrow terminals yet: validate's summary follows the pack's full path on its
  // line, init prints an 80-column table of the files it wrote, and commander stops wrapping
  // option descriptions below 40 columns of room.
  { name: 'validate', args: () => ['validate'], piped: 0, fits: false },
  { name: 'init', args: () => ['init', newPackDir()], piped: 0, fits: false },
  { name: 'serve --help', args: () => ['serve', '--help'], piped: 0, fits: false },
  {
    name: 'sql',
    args: () => ['sql'],
    piped: 0,
    input: 'SELECT name, price FROM products ORDER BY price;\n',
    interactive: {
      exit: 0,
      drive: async (session) => {
        await session.waitFor('sql>');
        session.write('SELECT name, price FROM products ORDER BY price;\r');
        await session.waitFor('Notebook');
        session.write('.quit\r');
      },
    },
  },
  {
    name: 'lesson',
    args: () => ['lesson', '1'],
    piped: 2,
    interactive: {
      exit: 0,
      drive: async (session, dumb) => {
        await session.waitFor(/page 1 of 3/);
        await session.waitFor(/quit/);
        session.write(dumb ? 'q\r' : 'q');
      },
    },
  },
  {
    name: 'quiz',
    args: () => ['quiz', '1'],
    piped: 2,
    interactive: {
      exit: 130,
      drive: async (session) => {
        await session.waitFor('DELTA');
        session.write(keys.ctrlC);
      },
    },
  },
  {
    name: 'exercise',
    args: () => ['exercise', '2.1'],
    piped: 2,
    interactive: {
      exit: 130,
      drive: async (session) => {
        await session.waitFor('Your file');
        await session.waitFor('Stop for now');
        session.write(keys.ctrlC);
      },
    },
  },
];

// eslint-disable-next-line no-control-regex
const escape = /\x1b/;

/** SGR sequences that set a colour (30–49, 90–107, and the 38/48 extended forms). */
function colourCodes(raw: string): string[] {
  // eslint-disable-next-line no-control-regex
  return [...raw.matchAll(/\x1b\[([0-9;]*)m/g)].map((match) => match[0]).filter((sequence) => sequence.slice(2, -1).split(';').map(Number).some((code) => (code >= 30 && code <= 49) || (code >= 90 && code <= 107)));
}

const noTerminal: { mode: string; env: Record<string, string> }[] = [
  { mode: 'plain', env: {} },
  { mode: 'NO_COLOR', env: { NO_COLOR: '1' } },
  { mode: 'TERM=dumb', env: { TERM: 'dumb' } },
];

describe.each(noTerminal)('no terminal ($mode)', ({ env }) => {
  it.each(commands.map((command) => [command.name, command] as const))('%s: the right exit code, no escape sequence, no stack trace', (_name, command) => {
    const result = runCli(command.args(), { cwd: files, input: command.input ?? '', env: { ...env, EDITOR: undefined, VISUAL: undefined } });
    expect(result.status, result.stderr).toBe(command.piped);
    expect(escape.test(result.stdout), result.stdout).toBe(false);
    expect(escape.test(result.stderr), result.stderr).toBe(false);
    expect(result.stderr).not.toMatch(stackTrace);
    if (command.piped === 2) {
      // Without a terminal, one sentence naming what to run instead.
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/needs an interactive terminal; without one, use `backend-intro .+`\./);
    } else {
      expect(result.stdout.trim()).not.toBe('');
    }
  });
});

const terminals: { mode: string; env: Record<string, string | undefined>; dumb: boolean }[] = [
  { mode: '40 columns, NO_COLOR', env: { NO_COLOR: '1' }, dumb: false },
  { mode: '40 columns, TERM=dumb', env: { TERM: 'dumb' }, dumb: true },
];

describe.each(terminals)('a terminal: $mode', ({ env, dumb }) => {
  it.each(commands.map((command) => [command.name, command] as const))('%s: the right exit code, fits 40 columns, no colour (no escape at all when dumb)', async (_name, command) => {
    const session = spawnPty(command.args(), { cols: 40, rows: 30, env: { ...env, EDITOR: undefined, VISUAL: undefined } });
    if (command.interactive) await command.interactive.drive(session, dumb);
    const code = await session.waitForExit(15_000);
    expect(code, session.screen()).toBe(command.interactive?.exit ?? command.piped);
    expect(session.raw).not.toMatch(stackTrace);
    if (dumb) expect(escape.test(session.raw), JSON.stringify(session.raw.slice(Math.max(0, session.raw.search(escape) - 40), session.raw.search(escape) + 20))).toBe(false);
    else expect(colourCodes(session.raw)).toEqual([]);
    // What the learner typed at sql> is echoed as typed, and a path or command that is longer
    // than the screen stays whole on a line of its own so it can be copied; all else must fit.
    const typedOrOneWord = (line: string) => line.startsWith('sql> ') || !/\s/.test(line.trim());
    if (command.fits !== false) expect(overlongLines(session.raw, 40, typedOrOneWord)).toEqual([]);
  });
});
