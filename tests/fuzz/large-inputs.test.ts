// Very large inputs: a 10 MB lesson file, and a query that returns a million rows (in the SQL
// playground and as an answer to verify). Each must finish in bounded time with bounded memory,
// and show a capped result — the first rows and how many more — never all of it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, cliEnv, ensureBuilt, fixturePack, removeTempDirs, root, tempDir } from '../cli/pty-helpers.js';
import { stackTrace } from './screen-checks.js';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const timeBinary = '/usr/bin/time';
const canMeasureMemory = existsSync(timeBinary);

interface Measured {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory in MB (the CLI and the worker processes it waited for), when /usr/bin/time exists. */
  peakMb: number | undefined;
}

/** Runs the CLI (under /usr/bin/time when present, for the peak memory) with no terminal. */
function measure(args: string[], options: { home: string; lessons: string; input?: string; cwd?: string }): Measured {
  const command = canMeasureMemory ? [timeBinary, '-f', 'peak-kb=%M', process.execPath, bin, ...args] : [process.execPath, bin, ...args];
  const started = Date.now();
  const result = spawnSync(command[0]!, command.slice(1), {
    cwd: options.cwd ?? options.home,
    env: cliEnv({ home: options.home, lessons: options.lessons, env: { NO_COLOR: '1' } }),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Date.now() - started;
  const peak = /peak-kb=(\d+)\s*$/.exec(result.stderr);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.replace(/peak-kb=\d+\s*$/, ''), ms, peakMb: peak ? Number(peak[1]) / 1024 : undefined };
}

describe('a 10 MB lesson', () => {
  const pack = path.join(tempDir('bi-large-pack-'), 'pack');
  const pageCount = 4_800;
  let size = 0;

  beforeAll(() => {
    cpSync(fixturePack, pack, { recursive: true });
    const parts = ['---', 'id: huge', 'title: A huge lesson', 'summary: Ten megabytes of pages.', '---', '', 'HUGE-START opens the lesson.', ''];
    for (let page = 1; page <= pageCount; page++) {
      parts.push(`## Page ${page}`, '', `${'Lorem ipsum dolor sit amet, consectetur adipiscing elit, with **bold** and \`code\`. '.repeat(18)}`, '');
      for (let item = 0; item < 8; item++) parts.push(`- item ${item} of page ${page}, a [link](https://example.com/${page}) and some words to wrap`);
      parts.push('', '```sql', `SELECT ${page} AS page;`, '```', '');
    }
    parts.push('HUGE-END closes the lesson.', '');
    const text = parts.join('\n');
    size = Buffer.byteLength(text);
    writeFileSync(path.join(pack, '03-huge.md'), text);
  });

  it('is really 10 MB or more', () => {
    expect(size).toBeGreaterThanOrEqual(10 * 1024 * 1024);
  });

  it('list shows it, in bounded time', () => {
    const result = measure(['list'], { home: tempDir('bi-large-home-'), lessons: pack });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('A huge lesson');
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.ms).toBeLessThan(20_000);
    if (result.peakMb !== undefined) expect(result.peakMb).toBeLessThan(600);
  });

  it('lesson 3 --print prints all of it, first page to last, in bounded time', () => {
    const result = measure(['lesson', '3', '--print'], { home: tempDir('bi-large-home-'), lessons: pack });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('HUGE-START');
    expect(result.stdout).toContain(`## Page ${pageCount}`);
    expect(result.stdout.trimEnd().endsWith('HUGE-END closes the lesson.')).toBe(true);
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.ms).toBeLessThan(40_000);
    if (result.peakMb !== undefined) expect(result.peakMb).toBeLessThan(600);
  });
});

describe('a query that returns a million rows', () => {
  const pack = path.join(root, 'tests', 'fixtures', 'verify-pack');
  // Eight columns, as a real table has: each row costs the more to carry through JavaScript.
  const million =
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 1000000) SELECT n, 'row ' || n AS label, n * 2 AS twice, printf('%08d', n) AS padded, n % 7 AS weekday, 'x' AS x, n - 1 AS previous, 'row ' || (n + 1) AS next FROM r;";
  // Before: every row went through JavaScript just to be counted, which took longer than the
  // 3-second limit, so a correct but big query was stopped as "runaway" with no rows shown.
  const limitMs = 10_000;
  const memoryLimitMb = 300;

  it('in the SQL playground (piped): the first rows, then "N more rows", quickly and in little memory', () => {
    const result = measure(['sql'], { home: tempDir('bi-large-home-'), lessons: pack, input: `${million}\n` });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThan(60);
    expect(lines.find((line) => /^1\s+row 1\s+2\s/.test(line)), result.stdout).toBeDefined();
    expect(result.stdout).not.toContain('row 1000000');
    expect(lines.at(-1)).toMatch(/… 9999\d\d more rows \(1000000 in all\)/);
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.ms).toBeLessThan(limitMs);
    if (result.peakMb !== undefined) expect(result.peakMb).toBeLessThan(memoryLimitMb);
  });

  it('as an answer to verify: not yet, saying how many rows it returned, with the table capped', () => {
    const home = tempDir('bi-large-home-');
    const answer = path.join(home, 'million.sql');
    writeFileSync(answer, `${million}\n`);
    const result = measure(['verify', '1.1', answer], { home, lessons: pack });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain('Your query returns 1000000 rows; the answer has 3.');
    expect(result.stdout).toMatch(/more rows \(1000000 in all\)/);
    expect(result.stdout.split('\n').length).toBeLessThan(80);
    expect(result.stdout).not.toMatch(/ran for more than/);
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.ms).toBeLessThan(limitMs);
    if (result.peakMb !== undefined) expect(result.peakMb).toBeLessThan(memoryLimitMb);

    const json = measure(['verify', '1.1', answer, '--json'], { home, lessons: pack });
    expect(json.status).toBe(1);
    expect(json.stdout.length).toBeLessThan(20_000);
    expect((JSON.parse(json.stdout) as { passed: boolean }).passed).toBe(false);
  });
});
