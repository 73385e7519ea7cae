// Runs JavaScript in the code worker process (src/code-worker.ts) and watches it: each job has a
// time limit, a worker whose event loop stops answering is known to be stuck in a loop, and a
// stuck or crashed worker is killed and replaced. Nothing the code does can hang the tutorial.
import type { ChildProcess } from 'node:child_process';
import { forkCodeWorker, takeEarlyWorker } from './worker-processes.js';
import type { CodeError, CodeJob, PingMessage, CodeMessage, CodeOutcome, CodeOwner, SourceLocation } from './code-protocol.js';

/** A runner for a command that needs one; it takes over the worker src/main.ts started early, if any. */
export function takeCodeRunner(): CodeRunner {
  return new CodeRunner().warmUp();
}

/** What the code did besides answering: printed lines, errors it threw, exits it tried. */
export interface CodeEvents {
  output: { stream: 'out' | 'err'; text: string }[];
  /** Lines printed beyond the cap, counted but not kept. */
  dropped: number;
  errors: { error: CodeError; during?: string }[];
  exits: { code: number; location?: SourceLocation }[];
}

export type JobResult = CodeOutcome | { ok: false; stopped: 'timeout' | 'crashed'; message: string };

const emptyEvents = (): CodeEvents => ({ output: [], dropped: 0, errors: [], exits: [] });

/** Console output kept per owner; more than this is counted, not kept. */
const maxOutputLines = 200;

export class CodeRunner {
  private worker: ChildProcess | undefined;
  private nextId = 1;
  private pending = new Map<number, { resolve: (result: JobResult) => void; timer: NodeJS.Timeout; worker: ChildProcess }>();
  private pongs: (() => void)[] = [];
  private events = new Map<CodeOwner, CodeEvents>();
  /** Sees every message as it arrives (`serve` prints output and requests live). */
  onMessage: ((message: CodeMessage) => void) | undefined;

  warmUp(): this {
    this.ensureWorker();
    return this;
  }

  /** Runs one job with a time limit; a job over it kills the worker. */
  run(job: CodeJob, timeoutMs: number): Promise<JobResult> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<JobResult>((resolve) => {
      const timer = setTimeout(() => this.stop(worker, { ok: false, stopped: 'timeout', message: `did not finish within ${timeoutMs / 1000} s` }), timeoutMs);
      this.pending.set(id, { resolve, timer, worker });
      worker.send({ id, job });
    });
  }

  /** Whether the worker's event loop answers within `ms`: false means it is stuck in a loop. */
  async responsive(ms = 300): Promise<boolean> {
    const worker = this.worker;
    if (!worker?.connected) return false;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.pongs = this.pongs.filter((pong) => pong !== answered);
        resolve(false);
      }, ms);
      const answered = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.pongs.push(answered);
      worker.send({ ping: true } satisfies PingMessage);
    });
  }

  /** What `owner`'s code did since the last call (and forgets it). */
  takeEvents(owner: CodeOwner): CodeEvents {
    const events = this.events.get(owner) ?? emptyEvents();
    this.events.delete(owner);
    return events;
  }

  /** Kills the worker now (it is stuck, or its state is no longer wanted); the next job starts a new one. */
  restart(): void {
    if (this.worker) this.stop(this.worker, { ok: false, stopped: 'crashed', message: 'was stopped' });
  }

  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      clearTimeout(pending.timer);
      pending.resolve({ ok: false, stopped: 'crashed', message: 'was stopped because backend-intro is closing' });
      this.pending.delete(id);
    }
    worker.kill('SIGKILL');
  }

  get workerPid(): number | undefined {
    return this.worker?.pid;
  }

  private ensureWorker(): ChildProcess {
    if (this.worker?.connected) return this.worker;
    const worker = takeEarlyWorker('code') ?? forkCodeWorker();
    this.worker = worker;
    worker.stdout?.resume();
    worker.stderr?.resume();
    worker.on('message', (message: CodeMessage) => this.receive(worker, message));
    worker.on('exit', (code, signal) => {
      this.stop(worker, { ok: false, stopped: 'crashed', message: signal === 'SIGKILL' ? 'was stopped' : `ended unexpectedly (exit code ${code ?? signal})` });
    });
    return worker;
  }

  private receive(worker: ChildProcess, message: CodeMessage): void {
    if (worker === this.worker && message.type !== 'reply' && message.type !== 'pong') this.onMessage?.(message);
    switch (message.type) {
      case 'request-log':
        return;
      case 'reply': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        clearTimeout(pending.timer);
        pending.resolve(message.outcome);
        return;
      }
      case 'pong':
        this.pongs.shift()?.();
        return;
      default: {
        if (worker !== this.worker) return;
        const owner = message.owner ?? 'learner';
        const events = this.events.get(owner) ?? emptyEvents();
        this.events.set(owner, events);
        if (message.type === 'console') {
          if (events.output.length < maxOutputLines) events.output.push({ stream: message.stream, text: message.text });
          else events.dropped += 1;
        } else if (message.type === 'code-error') {
          events.errors.push({ error: message.error, ...(message.during ? { during: message.during } : {}) });
        } else {
          events.exits.push({ code: message.code, ...(message.location ? { location: message.location } : {}) });
        }
      }
    }
  }

  /** Ends a worker (if still current) and answers its pending jobs with `result`. */
  private stop(worker: ChildProcess, result: JobResult): void {
    if (this.worker === worker) this.worker = undefined;
    worker.kill('SIGKILL');
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      clearTimeout(pending.timer);
      pending.resolve(result);
      this.pending.delete(id);
    }
  }
}
