// A progress file that is damaged: cut short, emptied, overwritten with random bytes, or not a
// database at all. The command must still do its job on a fresh file, say so in one line on
// stderr, and keep the old file, byte for byte, as progress.db.damaged-<time>: never delete it.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTempDirs } from '../cli/pty-helpers.js';
import { answerFile, cli, damagedWarning, exerciseItems, internalTrouble, learner, seededRandom, type Learner } from './fault-helpers.js';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

/** A real progress file with a passed exercise and a few attempts in it. */
function realProgressFile(): Buffer {
  const who = learner();
  const answer = answerFile(who, '1.1');
  for (let i = 0; i < 2; i++) expect(cli(who, ['verify', '1.1', answer]).status).toBe(0);
  return readFileSync(path.join(who.home, 'progress.db'));
}

const real = realProgressFile();
const random = seededRandom(31_337);

const damages: { name: string; bytes: () => Buffer }[] = [
  { name: 'cut to half its length', bytes: () => real.subarray(0, Math.floor(real.length / 2)) },
  { name: 'cut inside its 100-byte header', bytes: () => real.subarray(0, 60) },
  { name: 'zero bytes', bytes: () => Buffer.alloc(0) },
  { name: 'random bytes', bytes: () => Buffer.from(Array.from({ length: 8192 }, () => Math.floor(random() * 256))) },
  { name: 'random bytes after a valid SQLite header', bytes: () => Buffer.concat([real.subarray(0, 100), Buffer.from(Array.from({ length: 8092 }, () => Math.floor(random() * 256)))]) },
  { name: 'a text file', bytes: () => Buffer.from('these are my notes, not a database\n'.repeat(50)) },
];

function damagedHome(bytes: Buffer): Learner {
  const who = learner();
  writeFileSync(path.join(who.home, 'progress.db'), bytes);
  return who;
}

/** The one warning line, and the file it names kept with exactly the damaged bytes. */
function expectKeptAside(who: Learner, stderr: string, bytes: Buffer): void {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^Warning: your progress file could not be read \(.+\); it was kept as .*progress\.db\.damaged-[0-9TZ-]+ and a fresh one was started\.$/);
  expect(stderr).not.toMatch(internalTrouble);
  const aside = readdirSync(who.home).filter((name) => /^progress\.db\.damaged-[0-9TZ-]+$/.test(name));
  expect(aside).toHaveLength(1);
  expect(lines[0]).toContain(aside[0]);
  expect(readFileSync(path.join(who.home, aside[0]!)).equals(bytes)).toBe(true);
}

describe.each(damages)('a progress file that is $name', ({ bytes: make }) => {
  it('verify still checks and saves the answer on a fresh file, with one warning, keeping the old file', () => {
    const bytes = make();
    const who = damagedHome(bytes);
    const result = cli(who, ['verify', '1.1', answerFile(who, '1.1')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('passed');
    expectKeptAside(who, result.stderr, bytes);
    // The fresh file holds what this run saved, and opens quietly from now on.
    const after = exerciseItems(who);
    expect(after.stderr).not.toMatch(damagedWarning);
    expect(after.items.get('1.1')).toMatchObject({ passed: true, attempts: 1 });
  });

  it('progress --json prints a fresh start with one warning, keeping the old file', () => {
    const bytes = make();
    const who = damagedHome(bytes);
    const result = cli(who, ['progress', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const progress = JSON.parse(result.stdout) as { percent: number; lessons: { status: string }[] };
    expect(progress.percent).toBe(0);
    expect(progress.lessons.every((lesson) => lesson.status === 'not started')).toBe(true);
    expectKeptAside(who, result.stderr, bytes);
  });
});
