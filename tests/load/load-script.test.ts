// scripts/load.mjs in a short mode: the capstone's reference solution on the mini server (in the
// code worker, as a check runs it) and the hand-written node:http equivalent both start, answer
// ten requests alike (the script refuses to compare otherwise, exit 2), and take a second of load
// from a second process with no failed request. Only correctness is asserted here: how fast
// they are is for `npm run bench` to say, never for a test to judge.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { root } from '../cli/pty-helpers.js';

interface ServerFigures {
  rps: number[];
  medianRps: number;
  requests: number;
  failed: number;
}

it('runs the capstone under load with zero failed requests and a positive rate on both servers', () => {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'load.mjs'), '--seconds', '1', '--rounds', '1', '--connections', '4', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 90_000,
  });
  expect(result.status, result.stderr).toBe(0);
  const figures = JSON.parse(result.stdout) as { exercise: string; path: string; rounds: number; mini: ServerFigures; raw: ServerFigures; ratio: number };
  expect(figures.exercise).toMatch(/^9\.\d+ /); // the capstone lesson's last http exercise
  expect(figures.path).toMatch(/^\/books\/\d+\/reviews/);
  for (const server of [figures.mini, figures.raw]) {
    expect(server.failed).toBe(0);
    expect(server.rps).toHaveLength(1);
    expect(server.requests).toBeGreaterThan(0);
    expect(server.medianRps).toBeGreaterThan(0);
  }
  expect(Number.isFinite(figures.ratio) && figures.ratio > 0).toBe(true);
}, 120_000);
