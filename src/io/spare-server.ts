// The worker side of spare workers (src/io/spare-workers.ts has the why and the client side).
// A worker started with `--spare <socket>` gets ready, listens on the socket and waits. The
// first check to connect claims it: the socket is removed at once, so no other check can, and
// the worker answers that check's jobs over the socket, as it would over its pipes. When the
// check is over (the socket closes, or the tutorial's process is gone) it starts its successor
// and leaves. Unclaimed, it leaves after its idle time, or as soon as its socket is removed or
// taken over by a newer spare.
import { spawn } from 'node:child_process';
import { readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SpareSetup } from './spare-workers.js';

/** How long an unclaimed spare waits before it leaves (BACKEND_INTRO_SPARE_IDLE_MS, for tests). */
const idleMs = Number(process.env.BACKEND_INTRO_SPARE_IDLE_MS) || 10 * 60 * 1000;
/** How often a waiting spare looks whether its socket is still its own. */
const socketCheckMs = 5000;

/** The jobs of the check that claimed this spare, and where the answers go. */
export interface SpareChannel {
  send(message: object): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** The successor's command: the same worker, the same socket, the same extra arguments. */
interface Successor {
  execPath: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Watches the claiming process from a thread of its own, so that even learner code stuck in an
 * endless loop on the main thread cannot keep this process alive once the tutorial is gone
 * (killed, say, where it had no chance to stop its spare). The shared flag makes sure that only
 * one of the two threads starts the successor.
 */
const watchdogSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const started = new Int32Array(workerData);
parentPort.once('message', ({ client, successor }) => {
  setInterval(() => {
    try {
      process.kill(client, 0);
    } catch {
      if (Atomics.compareExchange(started, 0, 0, 1) === 0) {
        try {
          spawn(successor.execPath, successor.args, { detached: true, stdio: 'ignore', cwd: successor.cwd, env: successor.env }).unref();
        } catch {}
      }
      process.kill(process.pid, 'SIGKILL');
    }
  }, 250);
});
`;

function startSuccessor(successor: Successor, started: Int32Array): void {
  if (Atomics.compareExchange(started, 0, 0, 1) !== 0) return;
  try {
    spawn(successor.execPath, successor.args, { detached: true, stdio: 'ignore', cwd: successor.cwd, env: successor.env }).unref();
  } catch {
    // The next check starts its own worker, and leaves a spare.
  }
}

/** Leaves at once. (The code worker refuses process.exit: learner code must not end it.) */
function leave(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

function removeIfOurs(socketPath: string, inode: number | undefined): void {
  try {
    if (inode !== undefined && statSync(socketPath).ino === inode) unlinkSync(socketPath);
  } catch {
    // gone already
  }
}

/**
 * Waits on `socketPath` for one check, then hands its jobs to `onClaimed`. What `onClaimed`
 * returns, if anything, runs when the check is over and before the process ends (the SQL
 * worker closes the progress file it holds open).
 */
export function waitAsSpare(script: string, socketPath: string, rest: readonly string[], onClaimed: (channel: SpareChannel) => (() => void) | void): void {
  const started = new Int32Array(new SharedArrayBuffer(4));
  const watchdog = new Worker(watchdogSource, { eval: true, workerData: started.buffer });
  watchdog.unref();
  let inode: number | undefined;
  let claimed = false;

  const server = createServer((socket) => {
    if (claimed) return void socket.destroy();
    claimed = true;
    clearTimeout(idleTimer);
    clearInterval(socketCheck);
    removeIfOurs(socketPath, inode);
    server.close();
    serve(socket);
  });

  function serve(socket: Socket): void {
    const listeners: ((message: unknown) => void)[] = [];
    let received = '';
    let setUp = false;
    socket.setEncoding('utf8');
    socket.on('error', () => undefined); // followed by 'close'
    let beforeLeaving: (() => void) | void;
    socket.on('close', () => {
      startSuccessor(successorFor(process.env), started);
      try {
        beforeLeaving?.();
      } finally {
        leave();
      }
    });
    socket.on('data', (text: string) => {
      received += text;
      for (let newline = received.indexOf('\n'); newline !== -1; newline = received.indexOf('\n')) {
        const line = received.slice(0, newline);
        received = received.slice(newline + 1);
        let message: unknown;
        try {
          message = JSON.parse(line);
        } catch {
          return void socket.destroy();
        }
        if (setUp) {
          for (const listener of listeners) listener(message);
          continue;
        }
        setUp = true;
        const { setup } = message as SpareSetup;
        adopt(setup);
        watchdog.postMessage({ client: setup.client, successor: successorFor(setup.env) });
      }
    });
    beforeLeaving = onClaimed({
      send: (message) => void socket.write(`${JSON.stringify(message)}\n`),
      onMessage: (listener) => void listeners.push(listener),
    });
    // Who it is, so that the tutorial can stop it (a runaway query, an endless loop).
    socket.write(`${JSON.stringify({ spare: process.pid })}\n`);
  }

  const successorFor = (env: NodeJS.ProcessEnv): Successor => ({
    execPath: process.execPath,
    args: [script, '--spare', socketPath, ...rest],
    cwd: path.dirname(socketPath),
    env,
  });

  // Listen under a name of its own, then take the shared name over in one step: a stale socket
  // left by a spare that was killed is replaced, and an older waiting spare sees it lost its name.
  const ownName = `${socketPath}.${process.pid}`;
  server.on('error', () => leave());
  server.listen(ownName, () => {
    try {
      renameSync(ownName, socketPath);
      inode = statSync(socketPath).ino;
    } catch {
      leave();
    }
    removeOtherBuilds(socketPath);
  });

  const idleTimer = setTimeout(() => {
    removeIfOurs(socketPath, inode);
    leave();
  }, idleMs);
  const socketCheck = setInterval(() => {
    let current: number | undefined;
    try {
      current = statSync(socketPath).ino;
    } catch {
      // removed (its data folder too, perhaps)
    }
    if (inode !== undefined && current !== inode) leave();
  }, socketCheckMs);
}

/**
 * Takes the sockets of spares of other builds (an older backend-intro) of this kind away: they
 * can never be claimed by this one, and see within seconds that their socket has gone.
 */
function removeOtherBuilds(socketPath: string): void {
  const folder = path.dirname(socketPath);
  const kind = /^(spare-[a-z]+-)/.exec(path.basename(socketPath))?.[1];
  if (kind === undefined) return;
  try {
    for (const name of readdirSync(folder)) {
      if (name.startsWith(kind) && name.endsWith('.sock') && name !== path.basename(socketPath)) unlinkSync(path.join(folder, name));
    }
  } catch {
    // They leave after their idle time anyway.
  }
}

/** Works where and with the environment of the tutorial that claimed it, as a worker it started would. */
function adopt(setup: SpareSetup['setup']): void {
  try {
    process.chdir(setup.cwd);
  } catch {
    // The folder is gone; nothing the checks need depends on it.
  }
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, setup.env);
}
