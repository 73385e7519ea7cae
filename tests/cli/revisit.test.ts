// Coming back to a lesson that is done — `backend-intro <n>` or the home menu — offers to
// review it, redo its quiz or redo its exercises, with numbered choices, instead of paging
// through it again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, keys, killRunningPtys, progressJson, removeTempDirs, spawnPty, tempDir, type PtySession } from './pty-helpers.js';
import { exportOf, firstLessonDone, importInto, secondLessonDone, secondLessonStarted } from './progress-files.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

function homeWith(lessons: Record<string, unknown>): string {
  const home = tempDir();
  importInto(home, exportOf({ 'mini-pack': lessons }));
  return home;
}

/** Types a choice's number, waits for the cursor on it, and confirms. */
async function pick(session: PtySession, choice: number, label: RegExp | string): Promise<void> {
  session.write(String(choice));
  await session.waitForCursorOn(typeof label === 'string' ? new RegExp(`^${choice}\\. ${label.replace(/[()]/g, '\\$&')}$`) : label);
  session.write(keys.enter);
}

async function waitForMenu(session: PtySession, leave: string): Promise<void> {
  await session.waitFor('What would you like to do?');
  await session.waitFor(leave);
}

describe('backend-intro <n> on a lesson already done', () => {
  it('offers review, the quiz with the best score, and Quit — numbered; Quit leaves with nothing changed', async () => {
    const home = homeWith({ first: firstLessonDone() });
    const session = spawnPty(['1'], { home });
    await session.waitFor('You have done lesson 1 · First steps.');
    await waitForMenu(session, '3. Quit');
    const menu = session.text.slice(session.text.lastIndexOf('What would you like to do?'));
    expect(menu).toContain('1. Review it (read again from page 1)');
    expect(menu).toContain('2. Redo the quiz (your best: 3/3)');
    // Lesson 1 has no exercises, so there is nothing to redo there.
    expect(menu).not.toContain('Redo the exercise');
    expect(session.text).not.toContain('ALPHA-PAGE-ONE');
    await pick(session, 3, 'Quit');
    expect(await session.waitForExit()).toBe(0);
    expect(progressJson(home).lessons[0]).toMatchObject({ status: 'done', quiz: { bestCorrect: 3, total: 3, attempts: 2 } });
  });

  it('"Review it" reads the lesson again from page 1', async () => {
    const session = spawnPty(['1'], { home: homeWith({ first: firstLessonDone() }) });
    await waitForMenu(session, '3. Quit');
    await pick(session, 1, 'Review it (read again from page 1)');
    await session.waitFor('Lesson 1 · First steps · page 1 of 3');
    await session.waitFor('ALPHA-PAGE-ONE');
    await session.waitFor(/page 1 of 3\s+Enter next/);
    session.write('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('"Redo the quiz" runs a new attempt, keeps the best score, and comes back to the choices', async () => {
    const home = homeWith({ first: firstLessonDone() });
    const session = spawnPty(['1'], { home });
    await waitForMenu(session, '3. Quit');
    await pick(session, 2, 'Redo the quiz (your best: 3/3)');
    await session.waitFor('Quiz · lesson 1 · 3 questions');
    // All wrong this time: Red, Carrot, Rome.
    await session.waitFor('3. Green');
    await pick(session, 1, 'Red');
    await session.waitFor('4. Potato');
    session.write('2');
    await session.waitFor(/◉ 2\. Carrot/);
    session.write(keys.enter);
    await session.waitFor('What is the HOTEL capital of France?');
    session.write('Rome');
    await session.waitFor('Rome');
    session.write(keys.enter);
    await session.waitFor(/Try the 3 questions you missed again\?/);
    session.write('n');
    session.write(keys.enter);
    await waitForMenu(session, '3. Quit');
    await pick(session, 3, 'Quit');
    expect(await session.waitForExit()).toBe(0);
    expect(progressJson(home).lessons[0]).toMatchObject({ status: 'done', quiz: { bestCorrect: 3, total: 3, attempts: 3 } });
  });

  it('"Redo the exercise" opens the exercise, and leaving it comes back to the choices', async () => {
    const home = homeWith({ first: firstLessonDone(), second: secondLessonDone() });
    const session = spawnPty(['2'], { home });
    await session.waitFor('You have done lesson 2 · Second lesson.');
    await waitForMenu(session, '4. Quit');
    await pick(session, 3, 'Redo the exercise');
    await session.waitFor('Exercise 2.1 · list-products');
    await session.waitFor('You have passed this exercise already');
    await session.waitFor('Back to lesson 2');
    const actions = session.text.slice(session.text.lastIndexOf('Save your file, then:'));
    const back = /(\d+)\. Back to lesson 2/.exec(actions);
    expect(back).not.toBeNull();
    await pick(session, Number(back![1]), 'Back to lesson 2');
    await waitForMenu(session, '4. Quit');
    await pick(session, 4, 'Quit');
    expect(await session.waitForExit()).toBe(0);
    expect(progressJson(home).lessons[1]).toMatchObject({ status: 'done', exercisesPassed: 1 });
  });

  it('a lesson not done yet opens at its page as before', async () => {
    const session = spawnPty(['2'], { home: homeWith({ second: secondLessonStarted() }) });
    await session.waitFor('Lesson 2 · Second lesson · page 1 of 2');
    expect(session.text).not.toContain('What would you like to do?');
    await session.waitFor(/page 1 of 2\s+Enter next/);
    session.write('q');
    expect(await session.waitForExit()).toBe(0);
  });
});

describe('the home menu on a lesson already done', () => {
  it('"Choose a lesson" on a done lesson offers the same choices, and "Back to the menu" returns', async () => {
    const session = spawnPty([], { home: homeWith({ first: firstLessonDone() }) });
    await session.waitFor('Quit');
    await pick(session, 2, 'Choose a lesson');
    await session.waitFor('Which lesson?');
    await session.waitFor('Back');
    await pick(session, 1, /^1\. First steps\s+done$/);
    await waitForMenu(session, '3. Back to the menu');
    await pick(session, 3, 'Back to the menu');
    await session.waitFor('What next?');
    await session.waitFor('4. Quit');
    await pick(session, 4, 'Quit');
    expect(await session.waitForExit()).toBe(0);
  });
});
