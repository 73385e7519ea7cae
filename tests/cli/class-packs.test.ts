// An instructor's own packs: lesson numbers shown exactly as the pack gives them (10, 20 rather
// than 1, 2), and two packs with the same lesson ids whose progress never mixes.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fixturePack, keys, killRunningPtys, progressJson, removeTempDirs, runCli, spawnPty, tempDir } from './pty-helpers.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

/**
 * A copy of the mini pack under another pack id; `numbers` puts `number:` in each lesson's
 * front matter (the files stay 01-first.md and 02-second.md).
 */
function packCopy(id: string, numbers?: { first: number; second: number }): string {
  const dir = path.join(tempDir('backend-intro-class-'), id);
  cpSync(fixturePack, dir, { recursive: true });
  const course = path.join(dir, 'course.yaml');
  writeFileSync(course, readFileSync(course, 'utf8').replace(/^id: .*$/m, `id: ${id}`).replace(/^title: .*$/m, `title: Pack ${id}`));
  if (numbers) {
    for (const [file, lessonId] of [['01-first.md', 'first'], ['02-second.md', 'second']] as const) {
      const lesson = path.join(dir, file);
      writeFileSync(lesson, readFileSync(lesson, 'utf8').replace(`id: ${lessonId}\n`, `id: ${lessonId}\nnumber: ${numbers[lessonId]}\n`));
    }
  }
  return dir;
}

const passingAnswer = "export const names = ['Pen', 'Notebook'];\n";

describe('lesson numbers as the instructor gives them', () => {
  const pack = packCopy('numbered', { first: 10, second: 20 });

  it('list, list --json and report use 10 and 20', () => {
    const home = tempDir();
    const list = runCli(['list'], { home, lessons: pack });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^ {2}10 {2}First steps {4}not started/m);
    expect(list.stdout).toMatch(/^ {2}20 {2}Second lesson {2}not started/m);
    expect(list.stdout).toContain('for example `backend-intro 10`');
    const json = JSON.parse(runCli(['list', '--json'], { home, lessons: pack }).stdout) as { lessons: { number: number }[] };
    expect(json.lessons.map((lesson) => lesson.number)).toEqual([10, 20]);

    writeFileSync(path.join(home, 'answer.mjs'), passingAnswer);
    const verify = runCli(['verify', '20.1', 'answer.mjs'], { home, lessons: pack });
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('Exercise 20.1');
    const report = runCli(['report'], { home, lessons: pack });
    expect(report.stdout).toContain('Lesson 10 · First steps');
    expect(report.stdout).toContain('Lesson 20 · Second lesson');
    expect(runCli(['report', '--markdown'], { home, lessons: pack }).stdout).toMatch(/^\| 20 \| Second lesson \| in progress \|/m);

    const wrong = runCli(['lesson', '2', '--print'], { home, lessons: pack });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe('There is no lesson 2; lessons are 10, 20. Try `backend-intro list`.\n');
  });

  it('the home menu says "lesson 10" and lists "Lesson 10 ·" and "Lesson 20 ·"; `backend-intro 20` opens lesson 20', async () => {
    const home = tempDir();
    const menu = spawnPty([], { home, lessons: pack });
    await menu.waitFor('Start: lesson 10 · First steps');
    await menu.waitFor('Quit');
    menu.write(keys.down);
    await menu.waitForCursorOn(/Choose a lesson$/);
    menu.write(keys.enter);
    await menu.waitFor('Which lesson?');
    await menu.waitFor(/Lesson 10 · First steps\s+not started/);
    await menu.waitFor(/Lesson 20 · Second lesson\s+not started/);
    menu.write(keys.ctrlC);
    expect(await menu.waitForExit()).toBe(130);

    const direct = spawnPty(['20'], { home, lessons: pack });
    await direct.waitFor('Lesson 20 · Second lesson · page 1 of 2');
    await direct.waitFor(/page 1 of 2\s+Enter next/);
    direct.write('q');
    await direct.waitFor('Continue with `backend-intro 20`');
    expect(await direct.waitForExit()).toBe(0);
  });
});

describe('two packs with the same lesson ids', () => {
  it('progress made in one never shows in the other, and reset in one leaves the other', () => {
    const one = packCopy('pack-one');
    const two = packCopy('pack-two');
    const home = tempDir();
    writeFileSync(path.join(home, 'answer.mjs'), passingAnswer);
    // Progress in pack one, chosen by the environment variable…
    expect(runCli(['verify', '2.1', 'answer.mjs'], { home, lessons: one }).status).toBe(0);
    expect(runCli(['hint', '2.1'], { home, lessons: one }).status).toBe(0);
    // …and pack two, chosen by --lessons-dir, sees none of it.
    const inTwo = runCli(['--lessons-dir', two, 'list', '--json'], { home, lessons: one });
    expect(inTwo.status).toBe(0);
    expect((JSON.parse(inTwo.stdout) as { pack: { id: string }; lessons: { status: string; exercisesPassed: number }[] }).lessons).toEqual([
      expect.objectContaining({ status: 'not started', exercisesPassed: 0 }),
      expect.objectContaining({ status: 'not started', exercisesPassed: 0 }),
    ]);
    const reportTwo = JSON.parse(runCli(['report', '--json'], { home, lessons: two }).stdout) as { pack: { id: string }; percent: number; lessons: { exercises: { passed: number } }[] };
    expect(reportTwo.pack.id).toBe('pack-two');
    expect(reportTwo.percent).toBe(0);
    expect(reportTwo.lessons[1]!.exercises.passed).toBe(0);
    expect(progressJson(home, one).lessons[1]).toMatchObject({ status: 'in progress', exercisesPassed: 1 });

    // Progress in pack two, then a reset of pack two: pack one keeps its own.
    expect(runCli(['verify', '2.1', 'answer.mjs'], { home, lessons: two }).status).toBe(0);
    expect(progressJson(home, two).lessons[1]).toMatchObject({ exercisesPassed: 1 });
    expect(runCli(['reset', '--yes'], { home, lessons: two }).status).toBe(0);
    expect(progressJson(home, two).lessons[1]).toMatchObject({ status: 'not started', exercisesPassed: 0 });
    expect(progressJson(home, one).lessons[1]).toMatchObject({ status: 'in progress', exercisesPassed: 1 });
    const hints = JSON.parse(runCli(['report', '--json'], { home, lessons: one }).stdout) as { lessons: { exercises: { items: { hintsShown: number }[] } }[] };
    expect(hints.lessons[1]!.exercises.items[0]!.hintsShown).toBe(1);

    // The export keeps them apart too.
    const exported = JSON.parse(runCli(['progress', '--export', '-'], { home }).stdout) as { packs: Record<string, unknown> };
    expect(Object.keys(exported.packs)).toEqual(['pack-one']);
  });
});
