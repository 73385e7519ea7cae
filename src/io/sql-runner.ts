import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { decodeResult, type SqlJob, type SqlOutcome, type SqlResponse } from './sql-protocol.js';

let early: SqlRunner | undefined;

/**
 * Starts a runner's worker process right away, before the command line is even parsed, for the
 * commands that will need one: the worker's start-up then overlaps with the tutorial's own.
 */
export function startSqlRunnerEarly(): void {
  early ??= new SqlRunner().warmUp();
}

/** The runner started early if there is one, else a new one. */
export function takeSqlRunner(): SqlRunner {
  const runner = early ?? new SqlRunner();
  early = undefined;
  return runner.warmUp();
}

/** How long one statement may run before its worker is killed. */
export const sqlTimeoutMs = 3000;

/** The worker script: beside this file in the bundle, or in dist/ when tests run the sources. */
function workerScript(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'sql-worker.js'), path.join(here, '..', '..', 'dist', 'sql-worker.js')];
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0]!;
}

interface Pending {
  resolve: (outcome: SqlOutcome) => void;
  timer: NodeJS.Timeout;
  worker: ChildProcessWithoutNullStreams;
}

/**
 * Runs SQL in a worker process (src/sql-worker.ts), one job at a time, each with a time limit.
 * A job that runs too long or crashes the worker gets a failure outcome, the worker is replaced
 * on the next job, and the caller carries on: nothing a learner types can hang the tutorial.
 */
export class SqlRunner {
  private worker: ChildProcessWithoutNullStreams | undefined;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly timeoutMs = sqlTimeoutMs) {}

  /** Starts the worker now, so its start-up overlaps with the caller's own work. */
  warmUp(): this {
    this.ensureWorker();
    return this;
  }

  run(job: SqlJob): Promise<SqlOutcome> {
    const next = this.queue.then(() => this.send(job));
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    worker.stdin.end();
    // A worker stuck in a query would not notice its input closing.
    setTimeout(() => worker.kill('SIGKILL'), 200).unref();
  }

  private send(job: SqlJob): Promise<SqlOutcome> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<SqlOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.stopWorker(worker, {
          ok: false,
          failure: {
            kind: 'timeout',
            message: `The SQL ran for more than ${this.timeoutMs / 1000} seconds and was stopped. Look for a recursive query without an end condition, or a join without ON that multiplies tables.`,
          },
        });
      }, this.timeoutMs);
      this.pending.set(id, { resolve, timer, worker });
      worker.stdin.write(`${JSON.stringify({ id, job })}\n`);
    });
  }

  private ensureWorker(): ChildProcessWithoutNullStreams {
    if (this.worker) return this.worker;
    const worker = spawn(process.execPath, [workerScript()], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.worker = worker;
    let errorOutput = '';
    worker.stderr.on('data', (chunk: Buffer) => {
      errorOutput = (errorOutput + chunk.toString()).slice(-2000);
    });
    createInterface({ input: worker.stdout }).on('line', (line) => {
      const response = JSON.parse(line) as SqlResponse;
      const pending = this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id);
      clearTimeout(pending.timer);
      pending.resolve(restore(response.outcome));
    });
    worker.on('exit', () => {
      const memory = /heap|memory/i.test(errorOutput);
      this.stopWorker(worker, {
        ok: false,
        failure: {
          kind: 'crashed',
          message: memory
            ? 'The SQL used too much memory and was stopped. Does it build a huge result, for example a join without ON?'
            : 'The SQL worker stopped unexpectedly; try again, and if it keeps happening, simplify the statement.',
        },
      });
    });
    worker.on('error', () => undefined);
    return worker;
  }

  /** Ends a worker (if still current) and answers everything it was doing with `outcome`. */
  private stopWorker(worker: ChildProcessWithoutNullStreams, outcome: SqlOutcome): void {
    if (this.worker === worker) this.worker = undefined;
    worker.kill('SIGKILL');
    for (const [id, pending] of this.pending) {
      // An old worker's exit arrives late: it must not answer a newer worker's job.
      if (pending.worker !== worker) continue;
      clearTimeout(pending.timer);
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
