// Starting the tutorial's worker processes — the SQL worker (src/sql-worker.ts) and the code
// worker (src/code-worker.ts) — and handing each runner the worker it will use: one src/main.ts
// started early, a spare left waiting by an earlier `verify` (src/io/spare-workers.ts), or a
// new one. Early means before the ES-module part of the tutorial has even loaded, so the
// worker's start-up overlaps with the tutorial's own. main.cjs and the runners live in
// separate bundles, each with its own copy of this module: the hand-over goes through one
// global slot, named with Symbol.for so that both copies find it.
import type { ChildProcess, ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerEnv } from './paths.js';
import { claimSpare, spareSocketPath } from './spare-workers.js';
import { ipcChildLink, lineChildLink, type WorkerLink } from './worker-link.js';

export type WorkerKind = 'sql' | 'code';

// node:child_process takes several milliseconds to load: only a command that starts a process
// pays for it, not one that claims a spare.
const childProcess = (): typeof import('node:child_process') => createRequire(import.meta.url)('node:child_process');

/** The worker script: beside this file in the bundle, or in dist/ when tests run the sources. */
export function workerScript(kind: WorkerKind): string {
  const name = kind === 'sql' ? 'sql-worker.cjs' : 'code-worker.cjs';
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, name), path.join(here, '..', '..', 'dist', name)];
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0]!;
}

/** The SQL worker talks JSON lines over its standard input and output. */
export function spawnSqlWorker(): ChildProcessWithoutNullStreams {
  const worker = childProcess().spawn(process.execPath, [workerScript('sql')], { stdio: ['pipe', 'pipe', 'pipe'], env: workerEnv() });
  worker.on('error', () => undefined); // a failed start shows as an exit, which the runner handles
  return worker;
}

/** The code worker talks over Node's IPC channel; its own stdout and stderr are not the tutorial's. */
export function forkCodeWorker(): ChildProcess {
  const worker = childProcess().fork(workerScript('code'), [], { silent: true, serialization: 'json', env: workerEnv() });
  worker.on('error', () => undefined);
  return worker;
}

function startWorker(kind: WorkerKind): ChildProcess {
  return kind === 'sql' ? spawnSqlWorker() : forkCodeWorker();
}

function linkTo(kind: WorkerKind, worker: ChildProcess): WorkerLink {
  return kind === 'sql' ? lineChildLink(worker as ChildProcessWithoutNullStreams) : ipcChildLink(worker);
}

/**
 * The worker a runner uses: the one started (or claimed) early, else (given the data folder,
 * where spares wait) a spare, else a new one.
 */
export function obtainWorker(kind: WorkerKind, spareDataDir?: string): WorkerLink {
  return takeEarlyWorker(kind) ?? claimOrStart(kind, spareDataDir);
}

function claimOrStart(kind: WorkerKind, spareDataDir: string | undefined): WorkerLink {
  const start = () => linkTo(kind, startWorker(kind));
  return (spareDataDir === undefined ? undefined : claimSpare(kind, spareDataDir, start)) ?? start();
}

/**
 * Leaves a spare worker waiting for the next check (src/io/spare-workers.ts). An SQL spare
 * seeds the sample databases in `seedFiles` while it waits.
 */
export function leaveSpare(kind: WorkerKind, dataDir: string, seedFiles: readonly string[] = []): void {
  const socketPath = spareSocketPath(kind, dataDir);
  if (socketPath === undefined) return;
  try {
    mkdirSync(path.dirname(socketPath), { recursive: true });
    const spare = childProcess().spawn(process.execPath, [workerScript(kind), '--spare', socketPath, ...seedFiles], {
      // Not in the tutorial's process group (Ctrl-C there is not for it), and holding none of its
      // output pipes, so that whoever waits for the tutorial's output does not wait for the spare.
      detached: true,
      stdio: 'ignore',
      cwd: path.dirname(socketPath),
      env: workerEnv(),
    });
    spare.on('error', () => undefined);
    spare.unref();
  } catch {
    // A spare only saves time; without one the next check starts its own worker.
  }
}

const slot = Symbol.for('backend-intro.early-worker');
type Slot = { [slot]?: { kind: WorkerKind; link: WorkerLink } };

/**
 * Gets a worker ready now, for the runner that will ask for it (takeEarlyWorker): a spare
 * waiting in `spareDataDir` if given and there is one, else a new one.
 */
export function startWorkerEarly(kind: WorkerKind, spareDataDir?: string): void {
  const global = globalThis as Slot;
  global[slot] ??= { kind, link: claimOrStart(kind, spareDataDir) };
}

/** The worker got ready early for this kind, if there is one and it is still running; only once. */
export function takeEarlyWorker(kind: WorkerKind): WorkerLink | undefined {
  const global = globalThis as Slot;
  const early = global[slot];
  if (early?.kind !== kind) return undefined;
  delete global[slot];
  // Its exit may have passed unheard, before anyone listened: then it is of no use.
  return early.link.open ? early.link : undefined;
}
