// Reading a lesson in a real terminal: paging, quitting, resuming, Ctrl-C, and the home menu.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, keys, killRunningPtys, progressJson, removeTempDirs, spawnPty, tempDir } from './pty-helpers.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

/** The one-key paging prompt at the bottom of page n (ready for a key once it is drawn). */
const pagePrompt = (n: number, of = 3) => new RegExp(`page ${n} of ${of}\\s+Enter (next|finish)`);

describe('reading a lesson', () => {
  it('`backend-intro 1` pages forward with Enter/n, back with b, and q saves the place', async () => {
    const session = spawnPty(['1']);
    await session.waitFor('Lesson 1 · First steps · page 1 of 3');
    await session.waitFor('ALPHA-PAGE-ONE');
    await session.waitFor(pagePrompt(1));
    expect(session.text).not.toContain('BRAVO-PAGE-TWO');

    session.write('n');
    await session.waitFor('page 2 of 3');
    await session.waitFor('BRAVO-PAGE-TWO');
    await session.waitFor(pagePrompt(2));
    expect(session.unread).not.toContain('ALPHA-PAGE-ONE');

    session.write('b');
    await session.waitFor('page 1 of 3');
    await session.waitFor('ALPHA-PAGE-ONE');
    await session.waitFor(pagePrompt(1));

    session.write(keys.enter);
    await session.waitFor('BRAVO-PAGE-TWO');
    await session.waitFor(pagePrompt(2));

    session.write('q');
    await session.waitFor(/place is saved/i);
    expect(await session.waitForExit()).toBe(0);
    expect(session.text).toContain('backend-intro 1');
  });

  it('`backend-intro lesson 1` resumes on the page last shown, and progress --json says in progress', async () => {
    const home = tempDir();
    const first = spawnPty(['lesson', '1'], { home });
    await first.waitFor('ALPHA-PAGE-ONE');
    await first.waitFor(pagePrompt(1));
    first.write(keys.enter);
    await first.waitFor('BRAVO-PAGE-TWO');
    await first.waitFor(pagePrompt(2));
    first.write('q');
    expect(await first.waitForExit()).toBe(0);

    const progress = progressJson(home);
    const lesson = progress.lessons.find((entry) => entry.id === 'first');
    expect(lesson).toMatchObject({ number: 1, status: 'in progress', pages: 3, pagesRead: 2 });
    expect(progress.lessons.find((entry) => entry.id === 'second')).toMatchObject({ status: 'not started', pagesRead: 0 });

    const again = spawnPty(['lesson', '1'], { home });
    const firstPageShown = await again.waitFor(/ALPHA-PAGE-ONE|BRAVO-PAGE-TWO/);
    expect(firstPageShown).toBe('BRAVO-PAGE-TWO');
    await again.waitFor(pagePrompt(2));
    expect(again.text).toContain('page 2 of 3');
    again.write('q');
    expect(await again.waitForExit()).toBe(0);
  });

  it('Ctrl-C while reading exits 130, restores the cursor and keeps the page', async () => {
    const home = tempDir();
    const session = spawnPty(['1'], { home });
    await session.waitFor(pagePrompt(1));
    session.write(keys.enter);
    await session.waitFor('BRAVO-PAGE-TWO');
    await session.waitFor(pagePrompt(2));
    const before = session.raw.length;
    session.write(keys.ctrlC);
    expect(await session.waitForExit()).toBe(130);
    const after = session.raw.slice(before);
    expect(after).toContain('\x1b[?25h');
    expect(session.unread).toMatch(/progress is saved/i);
    expect(session.text).not.toMatch(/\bat .*\.js:\d+/); // no stack trace

    expect(progressJson(home).lessons[0]).toMatchObject({ id: 'first', status: 'in progress', pagesRead: 2 });
    const again = spawnPty(['1'], { home });
    expect(await again.waitFor(/ALPHA-PAGE-ONE|BRAVO-PAGE-TWO/)).toBe('BRAVO-PAGE-TWO');
    await again.waitFor(pagePrompt(2));
    again.write('q');
    expect(await again.waitForExit()).toBe(0);
  });

  it('reading to the end offers the quiz on its page, then the next lesson', async () => {
    const home = tempDir();
    const session = spawnPty(['1'], { home });
    await session.waitFor(pagePrompt(1));
    session.write(keys.enter);
    await session.waitFor(pagePrompt(2));
    session.write(keys.enter);
    await session.waitFor('CHARLIE-PAGE-THREE');
    await session.waitFor('Quiz: 3 questions on this page.');
    await session.waitFor(/Take the quiz now\?.*\(Y\/n\)/);
    session.write('n');
    await session.waitFor(/Take the quiz now\?.*n/);
    session.write(keys.enter);
    await session.waitFor(/page 3 of 3\s+Enter finish · b back · q quit/);
    session.write(keys.enter);
    // The quiz was just offered on its page, so finishing does not ask again.
    await session.waitFor(/you can take its quiz any time with `backend-intro quiz 1`/);
    expect(session.text).not.toMatch(/Take the lesson 1 quiz now\?/);
    await session.waitFor(/Go on to lesson 2: Second lesson\?/);
    session.write('n');
    session.write(keys.enter);
    expect(await session.waitForExit()).toBe(0);

    const lesson = progressJson(home).lessons[0];
    expect(lesson).toMatchObject({ status: 'in progress', pagesRead: 3, quiz: null });
  });
});

describe('the home menu', () => {
  it('offers to start lesson 1, and Quit exits 0', async () => {
    const session = spawnPty([]);
    await session.waitFor('Mini pack');
    await session.waitFor('What next?');
    await session.waitFor('Start: lesson 1 · First steps');
    await session.waitFor('Choose a lesson');
    await session.waitFor('Progress');
    await session.waitFor('Quit');
    expect(session.text).not.toContain('Continue:');
    session.write('4');
    await session.waitFor(/❯ 4\. Quit/);
    session.write(keys.enter);
    expect(await session.waitForExit()).toBe(0);
  });

  it('after reading page 2 of lesson 1 it offers "Continue: lesson 1 … page 2", which opens that page', async () => {
    const home = tempDir();
    const reading = spawnPty(['1'], { home });
    await reading.waitFor(pagePrompt(1));
    reading.write(keys.enter);
    await reading.waitFor(pagePrompt(2));
    reading.write('q');
    expect(await reading.waitForExit()).toBe(0);

    const menu = spawnPty([], { home });
    await menu.waitFor(/Continue: lesson 1 · First steps, page 2/);
    await menu.waitFor('Quit');
    menu.write(keys.enter); // the first choice is the continue target
    expect(await menu.waitFor(/ALPHA-PAGE-ONE|BRAVO-PAGE-TWO/)).toBe('BRAVO-PAGE-TWO');
    await menu.waitFor(pagePrompt(2));
    menu.write('q');
    // Quitting the page comes back to the menu rather than leaving the program.
    await menu.waitFor(/place is saved/i);
    await menu.waitFor('What next?');
    await menu.waitFor('Quit');
    menu.write('4');
    await menu.waitFor(/❯ 4\. Quit/);
    menu.write(keys.enter);
    expect(await menu.waitForExit()).toBe(0);
  });

  it('"Choose a lesson" lists the lessons and opens the one picked', async () => {
    const session = spawnPty([]);
    await session.waitFor('Quit');
    session.write('2');
    await session.waitFor(/❯ 2\. Choose a lesson/);
    session.write(keys.enter);
    await session.waitFor('Which lesson?');
    await session.waitFor(/First steps\s+not started/);
    await session.waitFor(/Second lesson\s+not started/);
    await session.waitFor('Back');
    session.write('2');
    await session.waitFor(/❯ 2\. Second lesson/);
    session.write(keys.enter);
    await session.waitFor('Lesson 2 · Second lesson · page 1 of 2');
    await session.waitFor('JULIET-PAGE-ONE');
    await session.waitFor(pagePrompt(1, 2));
    session.write(keys.ctrlC);
    expect(await session.waitForExit()).toBe(130);
  });

  it('Ctrl-C at the menu exits 130 with the cursor shown again', async () => {
    const session = spawnPty([]);
    await session.waitFor('Quit');
    const before = session.raw.length;
    session.write(keys.ctrlC);
    expect(await session.waitForExit()).toBe(130);
    expect(session.raw.slice(before)).toContain('\x1b[?25h');
  });

  it('"Progress" prints the progress table and returns to the menu', async () => {
    const session = spawnPty([]);
    await session.waitFor('Quit');
    session.write('3');
    await session.waitFor(/❯ 3\. Progress/);
    session.write(keys.enter);
    await session.waitFor(/0 of 2 lessons done/);
    await session.waitFor('First steps');
    await session.waitFor('What next?');
    await session.waitFor('Quit');
    session.write('4');
    await session.waitFor(/❯ 4\. Quit/);
    session.write(keys.enter);
    expect(await session.waitForExit()).toBe(0);
  });
});
