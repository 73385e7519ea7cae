// The runners' one view of a worker process, whichever way they reach it: a child they started
// (the SQL worker over its standard input and output, the code worker over Node's IPC channel),
// or a spare worker that was waiting on a local socket (src/io/spare-workers.ts). Messages are
// objects; a runner never needs to know which of these it talks to.
import type { ChildProcess, ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';

// node:readline only for a worker the tutorial started itself; claiming a spare needs none of it.
const readline = (): typeof import('node:readline') => createRequire(import.meta.url)('node:readline');

/** How a worker went: its exit code or signal, and the end of what it wrote to stderr. */
export interface WorkerGone {
  code: number | null;
  signal: NodeJS.Signals | null;
  errorOutput: string;
}

export interface WorkerLink {
  /** The worker's process id (known once a spare has answered). */
  readonly pid: number | undefined;
  /** Whether messages sent now can still reach the worker. */
  readonly open: boolean;
  send(message: object): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the worker has gone (exited, killed, or its connection closed). */
  onGone(listener: (gone: WorkerGone) => void): void;
  /** Stops the worker now, whatever it is doing. */
  kill(): void;
  /** No more work: an idle worker ends on its own, or is stopped shortly. */
  finish(): void;
  /** Whether, once finished, the worker starts a spare to follow it (a claimed spare does). */
  readonly leavesSuccessor?: boolean;
}

/** The SQL worker as a child process: JSON lines over its stdin and stdout. */
export function lineChildLink(child: ChildProcessWithoutNullStreams): WorkerLink {
  let errorOutput = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errorOutput = (errorOutput + chunk.toString()).slice(-2000);
  });
  const lines = readline().createInterface({ input: child.stdout });
  return {
    get pid() {
      return child.pid;
    },
    get open() {
      return child.exitCode === null && child.signalCode === null && child.stdin.writable;
    },
    send: (message) => void child.stdin.write(`${JSON.stringify(message)}\n`),
    onMessage: (listener) => void lines.on('line', (line) => listener(JSON.parse(line))),
    onGone: (listener) => void child.once('exit', (code, signal) => listener({ code, signal, errorOutput })),
    kill: () => void child.kill('SIGKILL'),
    finish: () => {
      // It leaves when its input ends; one that does not (stuck) is stopped.
      child.stdin.end();
      setTimeout(() => child.kill('SIGKILL'), 200).unref();
    },
  };
}

/** The code worker as a child process: Node's IPC channel. */
export function ipcChildLink(child: ChildProcess): WorkerLink {
  // Its own stdout and stderr are not the tutorial's: read and dropped, so that it never blocks.
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    get pid() {
      return child.pid;
    },
    get open() {
      return child.connected && child.exitCode === null && child.signalCode === null;
    },
    send: (message) => void child.send(message),
    onMessage: (listener) => void child.on('message', listener),
    onGone: (listener) => void child.once('exit', (code, signal) => listener({ code, signal, errorOutput: '' })),
    kill: () => void child.kill('SIGKILL'),
    finish: () => void child.kill('SIGKILL'),
  };
}
