// Helpers for the fault tests: the built CLI as a child process that can be killed at a chosen
// moment, a seeded random source (so a failing run can be repeated), and the learner files the
// verify-pack fixture needs.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bin, cliEnv, root, runCli, tempDir, type CliEnvOptions, type CliResult } from '../cli/pty-helpers.js';

export const verifyPack = path.join(root, 'tests', 'fixtures', 'verify-pack');

/** Right answers to the verify-pack's three query exercises. */
export const rightAnswers: Record<string, string> = {
  '1.1': 'SELECT name, city FROM customers WHERE city IS NOT NULL;\n',
  '1.2': 'SELECT name, price FROM products ORDER BY price;\n',
  '1.3': 'SELECT name AS product, price * 2 AS double_price FROM products;\n',
};

export interface Learner {
  home: string;
  workspace: string;
  /** Where the answer files are, and the working folder of every run. */
  files: string;
  env: CliEnvOptions;
}

export function learner(lessons = verifyPack): Learner {
  const home = tempDir('bi-fault-home-');
  const workspace = path.join(tempDir('bi-fault-work-'), 'workspace');
  const files = tempDir('bi-fault-files-');
  return { home, workspace, files, env: { home, lessons, env: { BACKEND_INTRO_WORKSPACE: workspace, NO_COLOR: '1' } } };
}

/** Writes the right answer to `exercise` into the learner's files; returns its path. */
export function answerFile(who: Learner, exercise: string): string {
  mkdirSync(who.files, { recursive: true });
  const file = path.join(who.files, `answer-${exercise}.sql`);
  writeFileSync(file, rightAnswers[exercise]!);
  return file;
}

export function cli(who: Learner, args: string[]): CliResult {
  return runCli(args, { ...who.env, cwd: who.files });
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from start to exit. */
  ms: number;
}

/** Starts the CLI; `killAfterMs` sends SIGKILL then (unless it has finished). */
export function runAsync(who: Learner, args: string[], killAfterMs?: number): Promise<Finished> {
  const started = Date.now();
  const child = spawn(process.execPath, [bin, ...args], { cwd: who.files, env: cliEnv({ ...who.env, home: who.home }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** mulberry32: a small seeded generator, so the kill moments are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What `report --json` says about each exercise, keyed by "N.M". */
export interface ExerciseItem {
  number: string;
  passed: boolean;
  attempts: number;
}

export function exerciseItems(who: Learner): { items: Map<string, ExerciseItem>; stderr: string } {
  const result = cli(who, ['report', '--json']);
  if (result.status !== 0) throw new Error(`report --json exited ${result.status}: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { lessons: { exercises: { items: ExerciseItem[] } }[] };
  const items = new Map(report.lessons.flatMap((lesson) => lesson.exercises.items).map((item) => [item.number, item]));
  return { items, stderr: result.stderr };
}

/** A stack trace or an internal error, which a learner must never see. */
export const internalTrouble = /^\s+at .+[:(]\d+|node:internal|Something went wrong inside|SQLITE_BUSY|database is locked|TypeError|RangeError/m;

/** A message that the progress file was found damaged. */
export const damagedWarning = /could not be read|damaged/i;
