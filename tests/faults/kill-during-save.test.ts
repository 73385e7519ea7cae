// `kill -9` of the CLI while it saves progress, many times in a row. SIGKILL cannot be caught, so
// this is a power cut as far as the progress file knows. After every kill the file must open
// without a "damaged" warning, and every step committed before the kill must still be there;
// an import is one transaction, so it is all there or not there at all.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTempDirs } from '../cli/pty-helpers.js';
import { answerFile, damagedWarning, exerciseItems, internalTrouble, learner, runAsync, seededRandom, type ExerciseItem } from './fault-helpers.js';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const kills = 20;

describe('kill -9 while saving progress', () => {
  it(`verify killed at ${kills} random moments: the file always opens, and no saved attempt or pass is lost`, async () => {
    const who = learner();
    const exercises = ['1.1', '1.2', '1.3'];
    const files = Object.fromEntries(exercises.map((exercise) => [exercise, answerFile(who, exercise)]));
    // One uninterrupted run says how long a verify takes on this machine; the kills spread over all of it.
    const baseline = await runAsync(who, ['verify', '1.1', files['1.1']!]);
    expect(baseline.code, baseline.stderr).toBe(0);

    const random = seededRandom(6_001);
    let runs = 1;
    // verify prints its verdict only after the attempt is saved: a printed verdict is a committed step.
    let committed = 1;
    let killed = 0;
    let previous = exerciseItems(who).items;
    for (let round = 0; round < kills; round++) {
      const exercise = exercises[round % exercises.length]!;
      const run = await runAsync(who, ['verify', exercise, files[exercise]!], Math.floor(random() * baseline.ms * 1.3));
      runs += 1;
      if (run.signal === 'SIGKILL') killed += 1;
      if (/: passed/.test(run.stdout)) committed += 1;
      expect(run.stderr, `run ${round}: ${run.stderr}`).not.toMatch(internalTrouble);

      const { items, stderr } = exerciseItems(who);
      expect(stderr, `after kill ${round + 1}`).not.toMatch(damagedWarning);
      const attempts = [...items.values()].reduce((sum, item) => sum + item.attempts, 0);
      expect(attempts, `after kill ${round + 1}`).toBeGreaterThanOrEqual(committed);
      expect(attempts, `after kill ${round + 1}`).toBeLessThanOrEqual(runs);
      for (const [number, before] of previous) {
        const after: ExerciseItem = items.get(number)!;
        expect(after.attempts, `exercise ${number} after kill ${round + 1}`).toBeGreaterThanOrEqual(before.attempts);
        if (before.passed) expect(after.passed, `exercise ${number} after kill ${round + 1}`).toBe(true);
      }
      previous = items;
    }
    // Both kinds of moment happened: killed runs, and runs that got as far as saving.
    expect(killed).toBeGreaterThan(0);
    expect(committed).toBeGreaterThan(1);
  });

  it(`progress --import killed at ${kills} random moments: each import is all there or not there, and stays`, async () => {
    const who = learner();
    const lessonsPerPack = 50;
    const exportFile = (pack: string) => {
      const pagesRead = Array.from({ length: 30 }, (_, page) => ({ page, firstReadAt: '2025-01-01T09:00:00.000Z' }));
      const lesson = { lastPage: 0, timeSpentMs: 60_000, firstVisitAt: '2025-01-01T09:00:00.000Z', lastVisitAt: '2025-01-02T09:00:00.000Z', pagesRead, quiz: null, answers: {}, exercises: {} };
      const lessons = Object.fromEntries(Array.from({ length: lessonsPerPack }, (_, index) => [`lesson-${index}`, lesson]));
      const file = path.join(who.files, `${pack}.json`);
      writeFileSync(file, JSON.stringify({ format: 'backend-intro-progress', version: 1, exported: '2025-01-05T12:00:00.000Z', packs: { [pack]: { lessons } } }));
      return file;
    };
    const baseline = await runAsync(who, ['progress', '--import', exportFile('kill-0')]);
    expect(baseline.code, baseline.stderr).toBe(0);

    const random = seededRandom(7_002);
    /** Packs known to be fully imported: they must stay so after every later kill. */
    const landed = new Set(['kill-0']);
    let killed = 0;
    for (let round = 1; round <= kills; round++) {
      const pack = `kill-${round}`;
      const run = await runAsync(who, ['progress', '--import', exportFile(pack)], Math.floor(random() * baseline.ms * 1.2));
      if (run.signal === 'SIGKILL') killed += 1;
      if (run.code === 0) landed.add(pack);
      expect(run.stderr, `run ${round}: ${run.stderr}`).not.toMatch(internalTrouble);

      // (A child process with no output limit: the export grows past spawnSync's buffer.)
      const exported = await runAsync(who, ['progress', '--export', '-']);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stderr, `export after kill ${round}: ${exported.stderr}`).not.toMatch(internalTrouble);
      expect(exported.stderr, `after kill ${round}`).not.toMatch(damagedWarning);
      const packs = (JSON.parse(exported.stdout) as { packs: Record<string, { lessons: Record<string, unknown> }> }).packs;
      for (let earlier = 0; earlier <= round; earlier++) {
        const id = `kill-${earlier}`;
        const count = Object.keys(packs[id]?.lessons ?? {}).length;
        expect([0, lessonsPerPack], `${id} after kill ${round}: never half an import`).toContain(count);
        if (landed.has(id)) expect(count, `${id} after kill ${round}: imported before, so still there`).toBe(lessonsPerPack);
        if (count === lessonsPerPack) landed.add(id);
      }
    }
    expect(killed).toBeGreaterThan(0);
    expect(landed.size).toBeGreaterThan(1);
  });
});
