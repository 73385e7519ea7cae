// The learner's workspace going missing: a workspace folder that was never made (or was
// deleted), and the answer file deleted while `verify --watch` is watching it. The tool says
// what is missing and what to do, makes the folders it needs, and picks the file up again.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bin, cliEnv, ensureBuilt, killRunningPtys, removeTempDirs, spawnPty, tempDir } from '../cli/pty-helpers.js';
import { cli, internalTrouble, learner, rightAnswers, type Learner } from './fault-helpers.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

/** A workspace path several folders below anything that exists. */
function missingWorkspace(who: Learner): Learner {
  const workspace = path.join(tempDir('bi-fault-ws-'), 'not', 'made', 'yet');
  return { ...who, workspace, env: { ...who.env, env: { ...who.env.env, BACKEND_INTRO_WORKSPACE: workspace } } };
}

describe('a workspace folder that does not exist', () => {
  it('verify with no file named: exit 2 and one sentence naming the expected file and what to do (SQL and code)', () => {
    const who = missingWorkspace(learner());
    const sql = cli(who, ['verify', '1.1']);
    expect(sql.status).toBe(2);
    expect(sql.stderr.trim().split('\n')).toHaveLength(1);
    expect(sql.stderr).toContain(path.join('queries', 'city-customers.sql'));
    expect(sql.stderr).toContain('backend-intro verify 1.1 answer.sql');
    const code = cli(who, ['verify', '2.1']);
    expect(code.status).toBe(2);
    expect(code.stderr).toContain(path.join('code', 'double.mjs'));
    expect(code.stderr).toContain('backend-intro exercise 2.1');
    for (const result of [sql, code]) expect(result.stderr).not.toMatch(internalTrouble);
    expect(existsSync(who.workspace)).toBe(false);
  });

  it('exercise writes the starter, making every missing folder on the way', async () => {
    const who = missingWorkspace(learner());
    const session = spawnPty(['exercise', '2.1'], { home: who.home, lessons: who.env.lessons, env: { BACKEND_INTRO_WORKSPACE: who.workspace, EDITOR: undefined, VISUAL: undefined } });
    await session.waitFor('the starter is in it');
    const file = path.join(who.workspace, 'code', 'double.mjs');
    expect(readFileSync(file, 'utf8')).toBe('export function double(n) {\n  return n;\n}\n');
    session.kill();
  });
});

/** `verify --watch` as a child process whose output can be waited on. */
class Watcher {
  output = '';
  private readonly child: ChildProcess;

  constructor(who: Learner, args: string[]) {
    this.child = spawn(process.execPath, [bin, ...args], { cwd: who.files, env: cliEnv({ ...who.env, home: who.home }), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** Waits until `pattern` has appeared `times` times in all. */
  async waitFor(pattern: RegExp, times = 1, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const count = () => (this.output.match(new RegExp(pattern.source, 'g')) ?? []).length;
    while (count() < times) {
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`waited for ${times}× ${String(pattern)}; the watcher ${this.child.exitCode === null ? 'is still running' : `exited ${this.child.exitCode}`} and printed:\n${this.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}

describe('verify --watch when the file goes away', () => {
  const passed = /✓ Exercise 1\.1 · city-customers: passed/;
  const notYet = /✗ Exercise 1\.1 · city-customers: not yet/;
  const waiting = /does not exist \(yet\); waiting for it to be saved/;

  it('the file deleted: the watcher says it is waiting, then checks it again when it is saved back', async () => {
    const who = learner();
    const file = path.join(who.files, 'watched.sql');
    writeFileSync(file, rightAnswers['1.1']!);
    const watcher = new Watcher(who, ['verify', '1.1', file, '--watch']);
    try {
      await watcher.waitFor(passed);
      rmSync(file);
      await watcher.waitFor(waiting);
      writeFileSync(file, 'SELECT name FROM customers;\n');
      await watcher.waitFor(notYet);
      writeFileSync(file, rightAnswers['1.1']!);
      await watcher.waitFor(passed, 2);
      expect(watcher.output).not.toMatch(internalTrouble);
    } finally {
      watcher.stop();
    }
  });

  it('the whole workspace folder deleted and made again: the default file is picked up again', async () => {
    const who = learner();
    const file = path.join(who.workspace, 'queries', 'city-customers.sql');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, rightAnswers['1.1']!);
    const watcher = new Watcher(who, ['verify', '1.1', '--watch']);
    try {
      await watcher.waitFor(passed);
      rmSync(who.workspace, { recursive: true });
      await watcher.waitFor(waiting);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'SELECT name FROM customers;\n');
      await watcher.waitFor(notYet);
      expect(watcher.output).not.toMatch(internalTrouble);
    } finally {
      watcher.stop();
    }
  });

  it('started before the workspace exists: waits, then checks the file once it is saved', async () => {
    const who = learner();
    const file = path.join(who.workspace, 'queries', 'city-customers.sql');
    const watcher = new Watcher(who, ['verify', '1.1', '--watch']);
    try {
      await watcher.waitFor(waiting);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, rightAnswers['1.1']!);
      await watcher.waitFor(passed);
      expect(watcher.output).not.toMatch(internalTrouble);
    } finally {
      watcher.stop();
    }
  });
});
