// Spare workers: after a `verify`, one worker process of the kind it used (SQL or code) is left
// waiting on a local socket in the data folder, booted and with its libraries loaded, for the
// next `verify` to claim. Starting a Node process is most of what a check costs (two start-ups
// in a row: the tutorial's and its worker's); a claimed spare leaves only the first. Each spare
// serves one check and is never reused, so every check still runs in a fresh process that the
// tutorial can kill. A claimed spare starts its own successor when its check is over; an unclaimed
// one leaves after `spareIdleMs`. The worker side is src/io/spare-server.ts.
//
// BACKEND_INTRO_SPARES=0 turns spares off. Not on Windows: its named pipes and process groups
// differ, and it is not where this was tried.
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { debug } from '../error-report.js';
import { buildStamp, hash } from './cache-files.js';
import { workerEnv } from './paths.js';
import type { WorkerGone, WorkerLink } from './worker-link.js';
import type { WorkerKind } from './worker-processes.js';

/** How long an unclaimed spare waits before it leaves. */
export const spareIdleMs = 10 * 60 * 1000;

/** Socket paths longer than this do not fit every system's socket address (104 bytes on macOS). */
const longestSocketPath = 100;

/** What a spare receives first: where and for whom it works. */
export interface SpareSetup {
  setup: { cwd: string; env: NodeJS.ProcessEnv; client: number };
}

/** The socket a spare of this kind waits on, or undefined where spares are off or cannot be. */
export function spareSocketPath(kind: WorkerKind, dataDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.BACKEND_INTRO_SPARES === '0' || process.platform === 'win32') return undefined;
  // The build and the Node binary are in the name: a spare of another version is never claimed.
  const socketPath = path.join(dataDir, 'cache', `spare-${kind}-${hash(`${buildStamp()}\n${process.execPath}`)}.sock`);
  // The spare listens on this name plus its process id first (src/io/spare-server.ts).
  return socketPath.length + 8 <= longestSocketPath ? socketPath : undefined;
}

/**
 * Claims the spare waiting for this kind, if one seems to be. Messages can be sent at once; if
 * the spare turns out to be gone or taken, they go to the worker `fallback` starts instead.
 */
export function claimSpare(kind: WorkerKind, dataDir: string, fallback: () => WorkerLink): WorkerLink | undefined {
  const socketPath = spareSocketPath(kind, dataDir);
  if (socketPath === undefined || !existsSync(socketPath)) return undefined;
  return new ClaimedSpare(connect(socketPath), fallback);
}

/** Spares claimed by this process: any still at work are stopped if the tutorial leaves first (Ctrl-C). */
const claimed = new Set<ClaimedSpare>();
let stopWorkingOnExit = false;

function stopAllWorking(): void {
  for (const spare of claimed) spare.stopIfWorking();
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/** A claimed spare: JSON lines over its socket, once it has said who it is. */
class ClaimedSpare implements WorkerLink {
  private spare: number | undefined;
  private fallenBack: WorkerLink | undefined;
  private sentBeforeAnswer: object[] = [];
  private messageListeners: ((message: unknown) => void)[] = [];
  private goneListeners: ((gone: WorkerGone) => void)[] = [];
  private received = '';
  private gone = false;
  private killed = false;
  private finished = false;
  /** Whether it was given work: one that was not can be let go to start its successor. */
  private working = false;

  constructor(
    private readonly socket: Socket,
    private readonly fallback: () => WorkerLink,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => this.receive(text));
    socket.on('error', () => undefined); // followed by 'close'
    socket.on('close', () => this.closed());
    const setup: SpareSetup = { setup: { cwd: process.cwd(), env: workerEnv(), client: process.pid } };
    socket.write(`${JSON.stringify(setup)}\n`);
  }

  get pid(): number | undefined {
    return this.fallenBack ? this.fallenBack.pid : this.spare;
  }

  get open(): boolean {
    return this.fallenBack ? this.fallenBack.open : !this.gone && !this.socket.destroyed;
  }

  send(message: object): void {
    if (this.fallenBack) return this.fallenBack.send(message);
    this.working = true;
    if (this.spare === undefined) this.sentBeforeAnswer.push(message);
    this.socket.write(`${JSON.stringify(message)}\n`);
  }

  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
    this.fallenBack?.onMessage(listener);
  }

  onGone(listener: (gone: WorkerGone) => void): void {
    this.goneListeners.push(listener);
    this.fallenBack?.onGone(listener);
  }

  /** Whether this spare, when finished, starts its successor itself (so no other is needed). */
  get leavesSuccessor(): boolean {
    return !this.fallenBack && !this.killed && !this.gone;
  }

  kill(): void {
    if (this.fallenBack) return this.fallenBack.kill();
    // Finished, it starts its successor and leaves by itself; gone, there is nothing to stop.
    if (this.finished || this.gone) return;
    this.killed = true;
    if (this.spare !== undefined) killQuietly(this.spare);
    this.socket.destroy();
  }

  /** Stops it if it may be running a check still (the tutorial is leaving without finishing). */
  stopIfWorking(): void {
    if (this.working) this.kill();
  }

  /** The check is over: the spare starts its successor and leaves (src/io/spare-server.ts). */
  finish(): void {
    if (this.fallenBack) return this.fallenBack.finish();
    if (this.gone) return;
    this.finished = true;
    this.socket.end();
    // It leaves by itself; one whose code is stuck in a loop cannot, and is stopped if this
    // process is still here (verify --watch) by then. Its socket closes when it has gone.
    const stop = setTimeout(() => this.spare !== undefined && killQuietly(this.spare), 2000).unref();
    this.socket.once('close', () => clearTimeout(stop));
  }

  private receive(text: string): void {
    this.received += text;
    for (let newline = this.received.indexOf('\n'); newline !== -1; newline = this.received.indexOf('\n')) {
      const message = JSON.parse(this.received.slice(0, newline)) as unknown;
      this.received = this.received.slice(newline + 1);
      if (this.spare === undefined) {
        // The spare's first line says who it is; from then on it has the jobs sent so far.
        this.spare = (message as { spare: number }).spare;
        this.sentBeforeAnswer = [];
        if (debug) process.stderr.write(`backend-intro: the check runs in spare worker ${this.spare}\n`);
        claimed.add(this);
        if (!stopWorkingOnExit) {
          stopWorkingOnExit = true;
          process.on('exit', stopAllWorking);
        }
        continue;
      }
      for (const listener of this.messageListeners) listener(message);
    }
  }

  private closed(): void {
    if (this.fallenBack || this.gone) return;
    if (this.spare === undefined && !this.killed) {
      // Gone or taken by another check before it answered: a worker of our own does the jobs.
      this.fallenBack = this.fallback();
      for (const listener of this.messageListeners) this.fallenBack.onMessage(listener);
      for (const listener of this.goneListeners) this.fallenBack.onGone(listener);
      for (const message of this.sentBeforeAnswer) this.fallenBack.send(message);
      this.sentBeforeAnswer = [];
      return;
    }
    this.gone = true;
    claimed.delete(this);
    const how: WorkerGone = { code: null, signal: this.killed ? 'SIGKILL' : null, errorOutput: '' };
    for (const listener of this.goneListeners) listener(how);
  }
}
