// Runs JavaScript in the code worker process (src/code-worker.ts) and watches it: each job has a
// time limit, a worker whose event loop stops answering is known to be stuck in a loop, and a
// stuck or crashed worker is killed and replaced. Nothing the code does can hang the tutorial.
import type { WorkerLink } from './worker-link.js';
import { leaveSpare, obtainWorker } from './worker-processes.js';
import type { CodeError, CodeJob, PingMessage, CodeMessage, CodeOutcome, CodeOwner, SourceLocation } from './code-protocol.js';

/**
 * A runner for a command that needs one; it takes over the worker src/main.ts started early, if
 * any. Given the data folder, it claims a spare worker waiting there, and leaves one for the
 * next command if it found none (src/io/spare-workers.ts).
 */
export function takeCodeRunner(spareDataDir?: string): CodeRunner {
  return new CodeRunner(spareDataDir).warmUp();
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
  private worker: WorkerLink | undefined;
  private nextId = 1;
  private pending = new Map<number, { resolve: (result: JobResult) => void; timer: NodeJS.Timeout; worker: WorkerLink }>();
  private pongs: (() => void)[] = [];
  private events = new Map<CodeOwner, CodeEvents>();
  /** Sees every message as it arrives (`serve` prints output and requests live). */
  onMessage: ((message: CodeMessage) => void) | undefined;
  /** Whether a spare this runner let go will start the next one (then it need not). */
  private successorLeft = false;

  constructor(private readonly spareDataDir?: string) {}

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
    if (!worker?.open) return false;
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

  /**
   * Lets the worker go once a check is over, so that nothing the code left running (timers,
   * servers) carries over to the next: a worker at work is stopped, an idle one finishes (a
   * claimed spare then starts its successor). The next job starts a new one.
   */
  retire(): void {
    const worker = this.worker;
    if (!worker) return;
    if ([...this.pending.values()].some((pending) => pending.worker === worker)) return this.restart();
    this.worker = undefined;
    this.successorLeft ||= worker.leavesSuccessor === true;
    worker.finish();
  }

  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    let busy = false;
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      busy = true;
      clearTimeout(pending.timer);
      pending.resolve({ ok: false, stopped: 'crashed', message: 'was stopped because backend-intro is closing' });
      this.pending.delete(id);
    }
    if (busy) worker?.kill();
    else if (worker) {
      this.successorLeft ||= worker.leavesSuccessor === true;
      worker.finish();
    }
    // A claimed spare that finishes starts its own successor; otherwise leave one.
    if (this.spareDataDir !== undefined && !this.successorLeft) leaveSpare('code', this.spareDataDir);
  }

  get workerPid(): number | undefined {
    return this.worker?.pid;
  }

  private ensureWorker(): WorkerLink {
    if (this.worker?.open) return this.worker;
    const worker = obtainWorker('code', this.spareDataDir);
    this.worker = worker;
    worker.onMessage((message) => this.receive(worker, message as CodeMessage));
    worker.onGone(({ code, signal }) => {
      const how = code !== null ? ` (exit code ${code})` : signal !== null && signal !== 'SIGKILL' ? ` (${signal})` : '';
      this.stop(worker, { ok: false, stopped: 'crashed', message: signal === 'SIGKILL' ? 'was stopped' : `ended unexpectedly${how}` });
    });
    return worker;
  }

  private receive(worker: WorkerLink, message: CodeMessage): void {
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
  private stop(worker: WorkerLink, result: JobResult): void {
    if (this.worker === worker) this.worker = undefined;
    worker.kill();
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      clearTimeout(pending.timer);
      pending.resolve(result);
      this.pending.delete(id);
    }
  }
}
