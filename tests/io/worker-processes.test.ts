// Handing a worker started early (by src/main.ts) to the runner that uses it (src/io/worker-processes.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerLink } from '../../src/io/worker-link.js';
import { startWorkerEarly, takeEarlyWorker } from '../../src/io/worker-processes.js';

afterEach(() => {
  takeEarlyWorker('sql')?.kill();
  takeEarlyWorker('code')?.kill();
});

describe('early workers', () => {
  it('hands the worker over once, and only to a runner of its kind', () => {
    startWorkerEarly('sql');
    expect(takeEarlyWorker('code')).toBeUndefined();
    const worker = takeEarlyWorker('sql');
    expect(worker?.pid).toBeGreaterThan(0);
    expect(takeEarlyWorker('sql')).toBeUndefined();
    worker!.kill();
  });

  it('does not hand over a worker that has already ended', async () => {
    startWorkerEarly('code');
    const worker = takeEarlyWorker('code')!;
    // Put it back as if nobody had taken it yet, then end it.
    startWorkerEarly('code');
    const second = (globalThis as Record<symbol, { link: WorkerLink }>)[Symbol.for('backend-intro.early-worker')]!.link;
    await new Promise<void>((resolve) => {
      second.onGone(() => resolve());
      second.kill();
    });
    expect(takeEarlyWorker('code')).toBeUndefined();
    worker.kill();
  });
});
