// Spare workers (src/io/spare-workers.ts, src/io/spare-server.ts) end to end: a `verify` leaves
// a booted worker waiting in the data folder; the next `verify` runs its check there, with the
// same verdict; a runaway check still stops; and no spare outlives its purpose — not one whose
// socket is gone, not one whose tutorial was killed mid-check. Linux only (reads /proc).
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, cliEnv, ensureBuilt, removeTempDirs, root, runCli, tempDir, type CliResult } from './pty-helpers.js';

const pack = path.join(root, 'tests', 'fixtures', 'verify-pack');
const onLinux = process.platform === 'linux';

beforeAll(ensureBuilt);
afterAll(() => {
  for (const spare of everySpare()) kill(spare.pid);
  removeTempDirs();
});

const homes: string[] = [];

interface Learner {
  home: string;
  files: string;
}

function learner(): Learner {
  const home = tempDir('bi-spare-home-');
  homes.push(home);
  return { home, files: tempDir('bi-spare-files-') };
}

/** A run with spare workers on (the tests' default turns them off) and DEBUG naming the spare used. */
function verify(who: Learner, args: string[]): CliResult {
  return runCli(['verify', ...args], { home: who.home, lessons: pack, cwd: who.files, env: { BACKEND_INTRO_SPARES: undefined, DEBUG: 'backend-intro' } });
}

function answer(who: Learner, name: string, text: string): string {
  const file = path.join(who.files, name);
  writeFileSync(file, text);
  return file;
}

interface Spare {
  pid: number;
  kind: 'sql' | 'code';
  home: string;
}

/** Spare worker processes waiting for this test file's data folders. */
function everySpare(): Spare[] {
  const spares: Spare[] = [];
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let words: string[];
    try {
      words = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const socket = words[words.indexOf('--spare') + 1];
    const home = homes.find((dir) => socket?.startsWith(`${dir}${path.sep}`));
    if (!words.includes('--spare') || home === undefined) continue;
    spares.push({ pid: Number(name), kind: words.some((word) => word.endsWith('sql-worker.cjs')) ? 'sql' : 'code', home });
  }
  return spares;
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The spare of this kind waiting for this learner, once its socket is up. */
function waitingSpare(who: Learner, kind: 'sql' | 'code'): Promise<Spare> {
  return waitFor(`a ${kind} spare`, () => {
    const socket = readdirSync(path.join(who.home, 'cache')).find((name) => name.startsWith(`spare-${kind}-`) && name.endsWith('.sock'));
    return socket === undefined ? undefined : everySpare().find((spare) => spare.home === who.home && spare.kind === kind);
  });
}

const usedSpare = (result: CliResult) => Number(/the check runs in spare worker (\d+)/.exec(result.stderr)?.[1]);

const rightSql = 'SELECT name, city FROM customers WHERE city IS NOT NULL;\n';
const wrongSql = 'SELECT name, city FROM customers;\n';
const runawaySql = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT count(*) FROM r;\n';
const rightHttp = "export default function (app) {\n  app.get('/hello', (req, res) => res.json({ message: 'hello' }));\n}\n";
const loopingHttp = "export default function (app) {\n  app.get('/hello', () => { for (;;) {} });\n}\n";

describe.skipIf(!onLinux)('spare workers', () => {
  it('a verify leaves an SQL spare; the next one runs its check there, with the same verdict, and leaves the next spare', async () => {
    const who = learner();
    const first = verify(who, ['1.1', answer(who, 'right.sql', rightSql)]);
    expect(first.status).toBe(0);
    expect(usedSpare(first)).toBeNaN();
    const spare = await waitingSpare(who, 'sql');

    const second = verify(who, ['1.1', path.join(who.files, 'right.sql')]);
    expect(second.status).toBe(0);
    expect(usedSpare(second)).toBe(spare.pid);
    expect(second.stdout).toBe(first.stdout);
    const wrong = verify(who, ['1.1', answer(who, 'wrong.sql', wrongSql)]);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain('✗');

    // Each spare serves one check: the claimed one has gone, a successor waits.
    await waitFor('the claimed spare to leave', () => (alive(spare.pid) ? undefined : true));
    const successor = await waitingSpare(who, 'sql');
    expect(successor.pid).not.toBe(spare.pid);
  });

  it('an http check runs its requests and the learner code in the spare (its pid shows in console output)', async () => {
    const who = learner();
    const first = verify(who, ['2.2', answer(who, 'hello.mjs', rightHttp)]);
    expect(first.status).toBe(0);
    const spare = await waitingSpare(who, 'code');
    const second = verify(who, ['2.2', path.join(who.files, 'hello.mjs')]);
    expect(usedSpare(second)).toBe(spare.pid);
    expect(second.stdout).toBe(first.stdout);
    // A wrong answer shows what the code printed: the process it ran in, and the folder it ran in
    // (the learner's, as in a worker the tutorial starts itself).
    const printing = "export default function (app) {\n  app.get('/hello', (req, res) => { console.log('pid', process.pid, 'cwd', process.cwd()); res.json({ message: 'nope' }); });\n}\n";
    const next = await waitingSpare(who, 'code');
    const result = verify(who, ['2.2', answer(who, 'printing.mjs', printing)]);
    expect(result.status).toBe(1);
    expect(usedSpare(result)).toBe(next.pid);
    expect(result.stdout).toContain(`pid ${next.pid} cwd ${who.files}`);
  });

  it('runaway SQL in a spare is stopped in time, the spare with it, and a new spare is left', async () => {
    const who = learner();
    verify(who, ['1.1', answer(who, 'right.sql', rightSql)]);
    const spare = await waitingSpare(who, 'sql');
    const result = verify(who, ['1.1', answer(who, 'runaway.sql', runawaySql)]);
    expect(result.status).toBe(1);
    expect(usedSpare(result)).toBe(spare.pid);
    expect(result.stdout).toContain('ran for more than 3 seconds and was stopped');
    expect(alive(spare.pid)).toBe(false);
    const next = await waitingSpare(who, 'sql');
    expect(next.pid).not.toBe(spare.pid);
  });

  it('an endless loop in a handler in a spare is reported as a loop, and that spare is stopped', async () => {
    const who = learner();
    verify(who, ['2.2', answer(who, 'hello.mjs', rightHttp)]);
    const spare = await waitingSpare(who, 'code');
    const result = verify(who, ['2.2', answer(who, 'loop.mjs', loopingHttp)]);
    expect(result.status).toBe(1);
    expect(usedSpare(result)).toBe(spare.pid);
    expect(result.stdout).toMatch(/still running after [\d.]+ s and was stopped\. Look\s+for a loop/);
    expect(alive(spare.pid)).toBe(false);
  });

  it('a spare whose tutorial is killed in the middle of a check stops too, even with the learner code stuck in a loop', async () => {
    const who = learner();
    verify(who, ['2.2', answer(who, 'hello.mjs', rightHttp)]);
    const spare = await waitingSpare(who, 'code');
    const loop = answer(who, 'loop.mjs', loopingHttp);
    const child = spawn(process.execPath, [bin, 'verify', '2.2', loop], {
      cwd: who.files,
      env: cliEnv({ home: who.home, lessons: pack, env: { BACKEND_INTRO_SPARES: undefined, DEBUG: 'backend-intro' } }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await waitFor('the check to start in the spare', () => (stderr.includes(`spare worker ${spare.pid}`) ? true : undefined));
    // The loop has begun once the request went out; kill the tutorial where it cannot clean up.
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGKILL');
    await waitFor('the orphaned spare to stop', () => (alive(spare.pid) ? undefined : true), 3000);
  });

  it('a waiting spare leaves when its socket is removed (its data folder deleted, say)', async () => {
    const who = learner();
    verify(who, ['1.1', answer(who, 'right.sql', rightSql)]);
    const spare = await waitingSpare(who, 'sql');
    rmSync(path.join(who.home, 'cache'), { recursive: true, force: true });
    await waitFor('the spare to leave', () => (alive(spare.pid) ? undefined : true), 8000);
  });

  it('a socket left by a spare that was killed is passed over: the check starts its own worker', async () => {
    const who = learner();
    verify(who, ['1.1', answer(who, 'right.sql', rightSql)]);
    const spare = await waitingSpare(who, 'sql');
    kill(spare.pid);
    await waitFor('the spare to die', () => (alive(spare.pid) ? undefined : true));
    const result = verify(who, ['1.1', path.join(who.files, 'right.sql')]);
    expect(result.status).toBe(0);
    expect(usedSpare(result)).toBeNaN();
    expect(result.stdout).toContain('✓');
  });

  it('an unclaimed spare leaves after its idle time (BACKEND_INTRO_SPARE_IDLE_MS), taking its socket with it', async () => {
    const who = learner();
    const env = { BACKEND_INTRO_SPARES: undefined, BACKEND_INTRO_SPARE_IDLE_MS: '1500' };
    expect(runCli(['verify', '1.1', answer(who, 'right.sql', rightSql)], { home: who.home, lessons: pack, cwd: who.files, env }).status).toBe(0);
    const spare = await waitingSpare(who, 'sql');
    await waitFor('the idle spare to leave', () => (alive(spare.pid) ? undefined : true), 6000);
    expect(readdirSync(path.join(who.home, 'cache')).filter((name) => name.startsWith('spare-'))).toEqual([]);
  });

  it('an SQL spare records each attempt once, in the progress file it opened while waiting', async () => {
    const who = learner();
    const right = answer(who, 'right.sql', rightSql);
    expect(verify(who, ['1.1', right]).status).toBe(0);
    await waitingSpare(who, 'sql');
    expect(usedSpare(verify(who, ['1.1', answer(who, 'wrong.sql', wrongSql)]))).toBeGreaterThan(0);
    await waitingSpare(who, 'sql');
    expect(usedSpare(verify(who, ['1.1', right]))).toBeGreaterThan(0);
    const db = new Database(path.join(who.home, 'progress.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT attempts, passed_at IS NOT NULL AS passed FROM exercise_progress').all()).toEqual([{ attempts: 3, passed: 1 }]);
    } finally {
      db.close();
    }
  });

  it('a progress file damaged while a spare held it open is repaired by the tutorial, with its warning, and the attempt kept', async () => {
    const who = learner();
    const right = answer(who, 'right.sql', rightSql);
    expect(verify(who, ['1.1', right]).status).toBe(0);
    await waitingSpare(who, 'sql');
    for (const suffix of ['-wal', '-shm']) rmSync(path.join(who.home, `progress.db${suffix}`), { force: true });
    writeFileSync(path.join(who.home, 'progress.db'), 'these are my notes, not a database\n'.repeat(50));
    const result = verify(who, ['1.1', right]);
    expect(result.status).toBe(0);
    expect(usedSpare(result)).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/^Warning: your progress file could not be read \(.+\); it was kept as .+ and a fresh one was started\.$/m);
    const db = new Database(path.join(who.home, 'progress.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT attempts FROM exercise_progress').all()).toEqual([{ attempts: 1 }]);
    } finally {
      db.close();
    }
  });

  it('BACKEND_INTRO_SPARES=0 leaves no spare', async () => {
    const who = learner();
    const result = runCli(['verify', '1.1', answer(who, 'right.sql', rightSql)], { home: who.home, lessons: pack, cwd: who.files, env: { BACKEND_INTRO_SPARES: '0' } });
    expect(result.status).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readdirSync(path.join(who.home, 'cache')).filter((name) => name.startsWith('spare-'))).toEqual([]);
    expect(everySpare().filter((spare) => spare.home === who.home)).toEqual([]);
  });
});
