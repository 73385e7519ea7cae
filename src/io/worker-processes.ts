// Starting the tutorial's worker processes — the SQL worker (src/sql-worker.ts) and the code
// worker (src/code-worker.ts) — and handing one that src/main.ts started early to the runner
// that will use it. Early means before the ES-module part of the tutorial has even loaded, so
// the worker's start-up overlaps with the tutorial's own. main.cjs and the runners live in
// separate bundles, each with its own copy of this module: the hand-over goes through one
// global slot, named with Symbol.for so that both copies find it.
import { fork, spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerEnv } from './paths.js';

export type WorkerKind = 'sql' | 'code';

/** The worker script: beside this file in the bundle, or in dist/ when tests run the sources. */
function workerScript(kind: WorkerKind): string {
  const name = kind === 'sql' ? 'sql-worker.cjs' : 'code-worker.cjs';
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, name), path.join(here, '..', '..', 'dist', name)];
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0]!;
}

/** The SQL worker talks JSON lines over its standard input and output. */
export function spawnSqlWorker(): ChildProcessWithoutNullStreams {
  const worker = spawn(process.execPath, [workerScript('sql')], { stdio: ['pipe', 'pipe', 'pipe'], env: workerEnv() });
  worker.on('error', () => undefined); // a failed start shows as an exit, which the runner handles
  return worker;
}

/** The code worker talks over Node's IPC channel; its own stdout and stderr are not the tutorial's. */
export function forkCodeWorker(): ChildProcess {
  const worker = fork(workerScript('code'), [], { silent: true, serialization: 'json', env: workerEnv() });
  worker.on('error', () => undefined);
  return worker;
}

const slot = Symbol.for('backend-intro.early-worker');
type Slot = { [slot]?: { kind: WorkerKind; worker: ChildProcess } };

/** Starts a worker now, for the runner that will ask for it (takeEarlyWorker). */
export function startWorkerEarly(kind: WorkerKind): void {
  const global = globalThis as Slot;
  global[slot] ??= { kind, worker: kind === 'sql' ? spawnSqlWorker() : forkCodeWorker() };
}

/** The worker started early for this kind, if one was and it is still running; only once. */
export function takeEarlyWorker(kind: 'sql'): ChildProcessWithoutNullStreams | undefined;
export function takeEarlyWorker(kind: 'code'): ChildProcess | undefined;
export function takeEarlyWorker(kind: WorkerKind): ChildProcess | undefined {
  const global = globalThis as Slot;
  const early = global[slot];
  if (early?.kind !== kind) return undefined;
  delete global[slot];
  // Its exit may have passed unheard, before anyone listened: then it is of no use.
  if (early.worker.exitCode !== null || early.worker.signalCode !== null) return undefined;
  return early.worker;
}
