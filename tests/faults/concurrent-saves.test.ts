// Two processes saving progress at once: two terminals, or a script running verify twice. Both
// results must be recorded, with no "database is locked" and no false "damaged" warning, on a
// progress file in use, on a data folder that has none yet, and on an old file being upgraded.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTempDirs } from '../cli/pty-helpers.js';
import { writeVersion1ProgressFile } from '../helpers/old-progress-file.js';
import { answerFile, damagedWarning, exerciseItems, internalTrouble, learner, runAsync, type Finished, type Learner } from './fault-helpers.js';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

function expectClean(run: Finished, what: string): void {
  expect(run.code, `${what}: ${run.stderr}`).toBe(0);
  expect(run.stderr, what).not.toMatch(internalTrouble);
  expect(run.stderr, what).not.toMatch(damagedWarning);
}

/** An export file holding one lesson of progress in pack `pack`. */
function exportFile(who: Learner, pack: string): string {
  const lesson = { lastPage: 1, timeSpentMs: 1_000, firstVisitAt: '2025-01-01T09:00:00.000Z', lastVisitAt: '2025-01-01T09:00:00.000Z', pagesRead: [{ page: 0, firstReadAt: '2025-01-01T09:00:00.000Z' }], quiz: null, answers: {}, exercises: {} };
  const file = path.join(who.files, `${pack}.json`);
  writeFileSync(file, JSON.stringify({ format: 'backend-intro-progress', version: 1, exported: '2025-01-05T12:00:00.000Z', packs: { [pack]: { lessons: { first: lesson } } } }));
  return file;
}

async function exportedPacks(who: Learner): Promise<string[]> {
  const run = await runAsync(who, ['progress', '--export', '-']);
  expectClean(run, 'export');
  return Object.keys((JSON.parse(run.stdout) as { packs: Record<string, unknown> }).packs).sort();
}

describe('two processes saving progress at once', () => {
  it('verify of two exercises in parallel, 8 rounds on one progress file: both attempts recorded every round', async () => {
    const who = learner();
    const [first, second] = [answerFile(who, '1.1'), answerFile(who, '1.2')];
    for (let round = 1; round <= 8; round++) {
      const [a, b] = await Promise.all([runAsync(who, ['verify', '1.1', first]), runAsync(who, ['verify', '1.2', second])]);
      expectClean(a, `round ${round}, verify 1.1`);
      expectClean(b, `round ${round}, verify 1.2`);
      const { items } = exerciseItems(who);
      expect(items.get('1.1')).toMatchObject({ passed: true, attempts: round });
      expect(items.get('1.2')).toMatchObject({ passed: true, attempts: round });
    }
  });

  it('a data folder with no progress file yet, 10 rounds: two first runs at the same moment both land, and neither calls the other damaged', async () => {
    // Found by this test: SQLite creates the file empty and fills it a moment later, and the
    // second process took that empty file for a damaged one and moved it aside.
    for (let round = 1; round <= 10; round++) {
      const who = learner();
      const [a, b] = await Promise.all([runAsync(who, ['progress', '--import', exportFile(who, 'pack-a')]), runAsync(who, ['progress', '--import', exportFile(who, 'pack-b')])]);
      expectClean(a, `round ${round}, first import`);
      expectClean(b, `round ${round}, second import`);
      expect(await exportedPacks(who), `round ${round}`).toEqual(['pack-a', 'pack-b']);
      expect(readdirSync(who.home).filter((name) => name.includes('damaged')), `round ${round}`).toEqual([]);
    }
  });

  it('a progress file from an older version, opened by two processes at once, 8 rounds: both upgrade it without tripping on each other', async () => {
    for (let round = 1; round <= 8; round++) {
      const who = learner();
      mkdirSync(who.home, { recursive: true });
      writeVersion1ProgressFile(path.join(who.home, 'progress.db'), ["('old-pack', 'kept', 3, 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')"], { wal: true });
      const [a, b] = await Promise.all([runAsync(who, ['progress', '--import', exportFile(who, 'pack-a')]), runAsync(who, ['progress', '--import', exportFile(who, 'pack-b')])]);
      expectClean(a, `round ${round}, first import`);
      expectClean(b, `round ${round}, second import`);
      expect(await exportedPacks(who), `round ${round}`).toEqual(['old-pack', 'pack-a', 'pack-b']);
    }
  });
});
