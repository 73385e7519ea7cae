// Helpers for end-to-end tests of the built CLI: a real pseudo-terminal session (node-pty) for
// the interactive screens, and a plain child process (stdin not a TTY) for everything else.
import * as pty from '@lydell/node-pty';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bin = path.join(root, 'bin', 'backend-intro.cjs');
export const fixturePack = path.join(root, 'tests', 'fixtures', 'mini-pack');

export const keys = {
  enter: '\r',
  ctrlC: '\x03',
  down: '\x1b[B',
  up: '\x1b[A',
  space: ' ',
} as const;

// ---------------------------------------------------------------------------------------------
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Build: tests/cli/global-setup.ts builds dist/ once, before any test file runs (vitest.config.ts).

/** Fails early, with the fix, when the built CLI is missing. */
export function ensureBuilt(): void {
  if (!existsSync(path.join(root, 'dist', 'main.cjs'))) {
    throw new Error('dist/main.cjs is missing: run `node scripts/build.mjs` (vitest does it through tests/cli/global-setup.ts).');
  }
}

// ---------------------------------------------------------------------------------------------
// Temporary folders

const tempDirs: string[] = [];

export function tempDir(prefix = 'backend-intro-e2e-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A copy of the fixture pack that a test may break. */
export function copyOfFixturePack(): string {
  const dir = path.join(tempDir('backend-intro-pack-'), 'mini-pack');
  cpSync(fixturePack, dir, { recursive: true });
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Environment

export interface CliEnvOptions {
  /** BACKEND_INTRO_HOME; a fresh temp dir when omitted. */
  home?: string;
  /** BACKEND_INTRO_LESSONS; the fixture pack when omitted. */
  lessons?: string;
  /** Extra variables; undefined removes one. */
  env?: Record<string, string | undefined>;
}

/**
 * A small, explicit environment: the test runner's own variables (FORCE_COLOR, NO_COLOR, CI,
 * DEBUG, …) would change what the CLI prints, so they are not passed on.
 */
export function cliEnv(options: CliEnvOptions & { home: string }): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? os.homedir(),
    TMPDIR: os.tmpdir(),
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    BACKEND_INTRO_HOME: options.home,
    BACKEND_INTRO_LESSONS: options.lessons ?? fixturePack,
    // Off in the tests (vitest.config.ts), except where a test turns spare workers on.
    BACKEND_INTRO_SPARES: process.env.BACKEND_INTRO_SPARES,
    ...options.env,
  };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

// ---------------------------------------------------------------------------------------------
// ANSI

// eslint-disable-next-line no-control-regex
const ansiPattern = /\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHMc]/g;

/** Removes escape sequences and carriage returns: what is left is the text that was drawn. */
export function stripAnsi(text: string): string {
  return text.replace(ansiPattern, '').replace(/\r/g, '');
}

// ---------------------------------------------------------------------------------------------
// Plain runs: stdin and stdout are pipes, not terminals.

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions extends CliEnvOptions {
  /** What stdin reads (a pipe); empty by default. */
  input?: string;
  /** Working folder; the data folder by default. */
  cwd?: string;
  timeoutMs?: number;
}

export function runCli(args: string[], options: RunOptions = {}): CliResult {
  const home = options.home ?? tempDir();
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? home,
    env: cliEnv({ ...options, home }),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 15_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

// ---------------------------------------------------------------------------------------------
// Terminal runs

export interface PtyOptions extends CliEnvOptions {
  cols?: number;
  rows?: number;
  /** Redirect stdin from /dev/null (through sh): stdout is the terminal, stdin is not. */
  stdinFromDevNull?: boolean;
}

const running = new Set<PtySession>();

export class PtySession {
  /** Everything the program wrote, escape sequences included. */
  raw = '';
  exitCode: number | undefined;
  readonly exit: Promise<number>;
  readonly home: string;
  /** Position in the stripped text up to which earlier waitFor calls have matched. */
  private cursor = 0;
  private readonly term: pty.IPty;

  constructor(
    readonly args: string[],
    options: PtyOptions = {},
  ) {
    this.home = options.home ?? tempDir();
    const [file, argv] = options.stdinFromDevNull
      ? ['/bin/sh', ['-c', 'exec "$0" "$@" < /dev/null', process.execPath, bin, ...args]]
      : [process.execPath, [bin, ...args]];
    this.term = pty.spawn(file, argv, {
      name: options.env?.TERM ?? 'xterm-256color',
      cols: options.cols ?? 80,
      rows: options.rows ?? 24,
      cwd: this.home,
      env: cliEnv({ ...options, home: this.home }),
    });
    this.term.onData((data) => {
      this.raw += data;
    });
    this.exit = new Promise<number>((resolve) => {
      this.term.onExit(({ exitCode }) => {
        this.exitCode = exitCode;
        running.delete(this);
        resolve(exitCode);
      });
    });
    running.add(this);
  }

  /** The output with escape sequences removed. */
  get text(): string {
    return stripAnsi(this.raw);
  }

  /** The last `chars` characters of the stripped output, for failure messages. */
  screen(chars = 1500): string {
    const text = this.text;
    return text.slice(Math.max(0, text.length - chars));
  }

  /**
   * Waits until the stripped output, after the end of the previous match, contains `pattern`;
   * returns the matched text. Fails with the end of the screen in the message.
   */
  async waitFor(pattern: string | RegExp, timeoutMs = 8_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let exitedAt: number | undefined;
    for (;;) {
      const text = this.text;
      const found = this.find(text, pattern);
      if (found) {
        this.cursor = found.end;
        return found.match;
      }
      if (this.exitCode !== undefined) exitedAt ??= Date.now();
      // Output can arrive just after the exit event; give it a moment before giving up.
      const gaveUp = exitedAt !== undefined && Date.now() - exitedAt > 300;
      if (gaveUp || Date.now() > deadline) {
        const why = gaveUp ? `the program exited with ${this.exitCode}` : `timed out after ${timeoutMs} ms`;
        throw new Error(
          `waitFor(${String(pattern)}): ${why} without showing it (after position ${this.cursor}).\n` +
            `----- last 1500 characters of the screen (ANSI stripped) -----\n${this.screen()}\n-----`,
        );
      }
      await sleep(25);
    }
  }

  /**
   * Waits until `check` holds for the whole stripped output (for state that is redrawn in place,
   * such as which choice the cursor is on). `what` describes it in the failure message.
   */
  async waitUntil(check: (text: string) => boolean, what: string, timeoutMs = 8_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (check(this.text)) return;
      if (Date.now() > deadline || (this.exitCode !== undefined && !check(this.text))) {
        if (this.exitCode !== undefined) await sleep(300);
        if (check(this.text)) return;
        throw new Error(
          `waitUntil(${what}): ${this.exitCode === undefined ? `timed out after ${timeoutMs} ms` : `the program exited with ${this.exitCode}`}.\n` +
            `----- last 1500 characters of the screen (ANSI stripped) -----\n${this.screen()}\n-----`,
        );
      }
      await sleep(25);
    }
  }

  /** Waits until the choice under the cursor (the last "❯" line drawn) matches `pattern`. */
  async waitForCursorOn(pattern: RegExp, timeoutMs = 8_000): Promise<void> {
    await this.waitUntil((text) => pattern.test(lastCursorLine(text)), `cursor on ${String(pattern)}`, timeoutMs);
  }

  private find(text: string, pattern: string | RegExp): { match: string; end: number } | undefined {
    const rest = text.slice(this.cursor);
    if (typeof pattern === 'string') {
      const index = rest.indexOf(pattern);
      return index === -1 ? undefined : { match: pattern, end: this.cursor + index + pattern.length };
    }
    const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(rest);
    return match ? { match: match[0], end: this.cursor + match.index + match[0].length } : undefined;
  }

  /** Stripped output written after the previous match (what is "new" on screen). */
  get unread(): string {
    return this.text.slice(this.cursor);
  }

  write(data: string): void {
    this.term.write(data);
  }

  /** Waits for the program to end; fails with the screen when it does not within the time. */
  async waitForExit(timeoutMs = 8_000): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the program did not exit within ${timeoutMs} ms.\n----- last 1500 characters of the screen -----\n${this.screen()}\n-----`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exit, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** What closing the terminal window does to the program: SIGHUP. */
  hangup(): void {
    if (this.exitCode === undefined) this.term.kill('SIGHUP');
  }

  kill(): void {
    if (this.exitCode !== undefined) return;
    try {
      this.term.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** The last line of a select or checkbox list that carries the cursor "❯", without the cursor. */
export function lastCursorLine(text: string): string {
  const start = text.lastIndexOf('❯');
  if (start === -1) return '';
  const end = text.indexOf('\n', start);
  return text.slice(start + 1, end === -1 ? undefined : end).trim();
}

export function spawnPty(args: string[], options: PtyOptions = {}): PtySession {
  return new PtySession(args, options);
}

/** Kills every terminal session a test left running (call in afterEach). */
export async function killRunningPtys(): Promise<void> {
  const left = [...running];
  for (const session of left) session.kill();
  await Promise.all(left.map((session) => Promise.race([session.exit, sleep(2_000)])));
}

/** `progress --json` in a plain run, parsed. */
export function progressJson(home: string, lessons?: string): ProgressJson {
  const result = runCli(['progress', '--json'], { home, ...(lessons === undefined ? {} : { lessons }) });
  if (result.status !== 0) throw new Error(`progress --json exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as ProgressJson;
}

/** The shape of `progress --json` (src/core/overview.ts). */
export interface ProgressJson {
  pack: { id: string; title: string };
  lessons: {
    number: number;
    id: string;
    title: string;
    status: 'not started' | 'in progress' | 'done';
    pages: number;
    pagesRead: number;
    exercises: number;
    exercisesPassed: number;
    questions: number;
    quiz: { bestCorrect: number; total: number; attempts: number } | null;
    lastVisit: string | null;
  }[];
  done: number;
  percent: number;
  timeSpentMs: number;
}

/** Kills a child process left running by a test (SIGKILL) and waits until it has gone. */
export async function killIfRunning(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
