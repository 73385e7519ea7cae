import { readFileSync } from 'node:fs';
import type { WorkerLink } from './worker-link.js';
import { leaveSpare, obtainWorker } from './worker-processes.js';
import { decodeResult, type AttemptRecord, type SqlJob, type SqlOutcome, type SqlResponse } from './sql-protocol.js';

/**
 * A runner for a command that needs one; it takes over the worker src/main.ts started early, if
 * any. Given the data folder, it claims a spare worker waiting there, and leaves one for the
 * next command if it found none (src/io/spare-workers.ts).
 */
export function takeSqlRunner(spareDataDir?: string): SqlRunner {
  return new SqlRunner(sqlTimeoutMs, spareDataDir).warmUp();
}

/** How long one statement may run before its worker is killed. */
export const sqlTimeoutMs = 3000;

/** How much memory the worker may hold while running a job (SQLite cannot enforce this itself). */
const memoryLimitBytes = 512 * 1024 * 1024;
const memoryCheckEveryMs = 100;

/** The resident memory of a process, where the system tells (Linux); undefined elsewhere. */
function residentBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return Number.isFinite(pages) ? pages * 4096 : undefined;
  } catch {
    return undefined;
  }
}

const tooMuchMemory: SqlOutcome = {
  ok: false,
  failure: { kind: 'crashed', message: 'The SQL used too much memory and was stopped. Does it build a huge result, for example a join without ON, or a very long string?' },
};

interface Pending {
  resolve: (outcome: SqlOutcome) => void;
  /** Set when the job reaches the front of the worker's queue: its time limit runs from then. */
  timer?: NodeJS.Timeout;
  memoryWatch?: NodeJS.Timeout;
  worker: WorkerLink;
}

/**
 * Runs SQL in a worker process (src/sql-worker.ts), one job at a time, each with a time limit.
 * A job that runs too long or crashes the worker gets a failure outcome, the worker is replaced
 * on the next job, and the caller carries on: nothing a learner types can hang the tutorial.
 */
export class SqlRunner {
  private worker: WorkerLink | undefined;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  /** The sample databases the jobs used: a spare left behind seeds them while it waits. */
  private seedFiles = new Set<string>();

  constructor(
    private readonly timeoutMs = sqlTimeoutMs,
    private readonly spareDataDir?: string,
  ) {}

  /** Starts the worker now, so its start-up overlaps with the caller's own work. */
  warmUp(): this {
    this.ensureWorker();
    return this;
  }

  run(job: SqlJob): Promise<SqlOutcome> {
    return this.sendAll([job])[0]!;
  }

  /**
   * Runs jobs one after another in the worker, sent all at once so that each starts the moment
   * the one before it ends, not a round trip later; each outcome is answered as soon as it is
   * known, and the runner takes later work only once all are done. Each job has its own time
   * limit from its start. A job that is stopped stops the rest with the same outcome.
   */
  sendAll(jobs: readonly SqlJob[]): Promise<SqlOutcome>[] {
    const sent = this.queue.then(() => this.send(jobs));
    this.queue = sent.then((outcomes) => Promise.all(outcomes)).catch(() => undefined);
    return jobs.map((_, index) => {
      const outcome = sent.then((outcomes) => outcomes[index]!);
      // A caller may stop listening after the first few (a check that failed on the sample data).
      outcome.catch(() => undefined);
      return outcome;
    });
  }

  /**
   * Records a checked answer in the progress file through the worker, which has SQLite loaded
   * already (a spare even has the file open): true when it did; false when the tutorial must.
   */
  async recordAttempt(dataDir: string, attempt: AttemptRecord): Promise<boolean> {
    // A worker stopped by the check (runaway SQL) is not replaced just for this.
    if (!this.worker) return false;
    const outcome = await this.run({ kind: 'record-attempt', dataDir, attempt });
    return outcome.ok && outcome.recorded === true;
  }

  /** The worker's process id, while one runs (for tests and diagnostics). */
  get workerPid(): number | undefined {
    return this.worker?.pid;
  }

  close(): void {
    const worker = this.worker;
    const busy = worker !== undefined && [...this.pending.values()].some((pending) => pending.worker === worker);
    if (worker && busy) {
      // A worker stuck in a query would not notice its input closing.
      this.stopWorker(worker, { ok: false, failure: { kind: 'crashed', message: 'The SQL was stopped because backend-intro is closing.' } });
    } else if (worker) {
      this.worker = undefined;
      worker.finish();
    }
    // A claimed spare that finishes starts its own successor; otherwise leave one.
    if (this.spareDataDir !== undefined && !(worker && !busy && worker.leavesSuccessor === true)) leaveSpare('sql', this.spareDataDir, [...this.seedFiles]);
  }

  private send(jobs: readonly SqlJob[]): Promise<SqlOutcome>[] {
    const worker = this.ensureWorker();
    const ids = jobs.map(() => this.nextId++);
    const outcomes = ids.map(
      (id, index) =>
        new Promise<SqlOutcome>((resolve) =>
          this.pending.set(id, {
            resolve: (outcome) => {
              resolve(outcome);
              // The worker goes on to the next job: its time starts now.
              const next = ids[index + 1];
              if (next !== undefined) this.start(next);
            },
            worker,
          }),
        ),
    );
    this.start(ids[0]!);
    jobs.forEach((job, index) => {
      if ('database' in job) this.seedFiles.add(job.database.seedFile);
      worker.send({ id: ids[index], job });
    });
    return outcomes;
  }

  /** Starts the time limit and the memory watch of a job the worker begins now. */
  private start(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    const { worker } = pending;
    pending.timer = setTimeout(() => {
      this.stopWorker(worker, {
        ok: false,
        failure: {
          kind: 'timeout',
          message: `The SQL ran for more than ${this.timeoutMs / 1000} seconds and was stopped. Look for a recursive query without an end condition, or a join without ON that multiplies tables.`,
        },
      });
    }, this.timeoutMs);
    pending.memoryWatch = setInterval(() => {
      if ((residentBytes(worker.pid) ?? 0) > memoryLimitBytes) this.stopWorker(worker, tooMuchMemory);
    }, memoryCheckEveryMs);
  }

  private ensureWorker(): WorkerLink {
    if (this.worker) return this.worker;
    const worker = obtainWorker('sql', this.spareDataDir);
    this.worker = worker;
    worker.onMessage((message) => {
      const response = message as SqlResponse;
      const pending = this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id);
      clearTimeout(pending.timer);
      clearInterval(pending.memoryWatch);
      pending.resolve(restore(response.outcome));
    });
    worker.onGone(({ errorOutput }) => {
      this.stopWorker(
        worker,
        /heap|memory/i.test(errorOutput)
          ? tooMuchMemory
          : { ok: false, failure: { kind: 'crashed', message: 'The SQL worker stopped unexpectedly; try again, and if it keeps happening, simplify the statement.' } },
      );
    });
    return worker;
  }

  /** Ends a worker (if still current) and answers everything it was doing with `outcome`. */
  private stopWorker(worker: WorkerLink, outcome: SqlOutcome): void {
    if (this.worker === worker) this.worker = undefined;
    worker.kill();
    for (const [id, pending] of this.pending) {
      // An old worker's exit arrives late: it must not answer a newer worker's job.
      if (pending.worker !== worker) continue;
      clearTimeout(pending.timer);
      clearInterval(pending.memoryWatch);
      pending.resolve(outcome);
      this.pending.delete(id);
    }
  }
}

function restore(outcome: SqlOutcome): SqlOutcome {
  if (!outcome.ok) return outcome;
  return {
    ...outcome,
    ...(outcome.result ? { result: decodeResult(outcome.result) } : {}),
    ...(outcome.checks ? { checks: outcome.checks.map(decodeResult) } : {}),
  };
}
