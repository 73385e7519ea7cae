// Taking a quiz in a real terminal: numbered choices, choose-all-that-apply, free text, the
// score, retrying a missed question, and resuming after Ctrl-C.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt, keys, killRunningPtys, progressJson, removeTempDirs, runCli, spawnPty, tempDir, type PtySession } from './pty-helpers.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

/** A single-choice question: type the choice's number, see the cursor on it, confirm. */
async function answerSingle(session: PtySession, choice: number, label: string): Promise<void> {
  session.write(String(choice));
  await session.waitForCursorOn(new RegExp(`^${choice}\\. ${label}$`));
  session.write(keys.enter);
}

async function waitForQuestion1(session: PtySession): Promise<void> {
  await session.waitFor('Question 1 of 3');
  await session.waitFor('Which colour is the DELTA sky on a clear day?');
  await session.waitFor('3. Green');
}

async function waitForQuestion2(session: PtySession): Promise<void> {
  await session.waitFor('Question 2 of 3');
  await session.waitFor('Which of these are FOXTROT fruits?');
  await session.waitFor('4. Potato');
}

async function waitForQuestion3(session: PtySession): Promise<void> {
  await session.waitFor('Question 3 of 3');
  await session.waitFor('What is the HOTEL capital of France?');
}

async function typeText(session: PtySession, text: string): Promise<void> {
  session.write(text);
  await session.waitFor(text.trim());
  session.write(keys.enter);
}

/** Answers the fixture's three questions from the first, all of them right. */
async function answerAllRight(session: PtySession): Promise<void> {
  await waitForQuestion1(session);
  await answerSingle(session, 2, 'Blue');
  await waitForQuestion2(session);
  session.write('1');
  await session.waitFor(/◉ 1\. Apple/);
  session.write('3');
  await session.waitFor(/◉ 3\. Banana/);
  session.write(keys.enter);
  await waitForQuestion3(session);
  await typeText(session, 'Paris');
}

describe('backend-intro quiz 1', () => {
  it('scores 2 of 3 with one wrong answer, retries the missed question and ends 3 of 3', async () => {
    const home = tempDir();
    const session = spawnPty(['quiz', '1'], { home });
    await session.waitFor('Quiz · lesson 1 · 3 questions');

    // 1. single choice, by number
    await waitForQuestion1(session);
    await answerSingle(session, 2, 'Blue');
    await session.waitFor('Right!');
    await session.waitFor('ECHO-EXPLAIN a clear sky looks blue.');

    // 2. choose all that apply, wrong: Apple and Carrot (number keys toggle)
    await waitForQuestion2(session);
    session.write('1');
    await session.waitFor(/◉ 1\. Apple/);
    session.write('2');
    await session.waitFor(/◉ 2\. Carrot/);
    session.write(keys.enter);
    await session.waitFor('Not quite.');
    await session.waitFor(/The answer: Apple; Banana/);
    await session.waitFor('GOLF-EXPLAIN apples and bananas are fruits');

    // 3. free text, case ignored
    await waitForQuestion3(session);
    await typeText(session, 'paris');
    await session.waitFor('Right!');
    await session.waitFor('INDIA-EXPLAIN Paris has been the capital for centuries.');

    await session.waitFor(/Score: 2 of 3\n/);
    // A first attempt's best is its own score, so it is not repeated.
    expect(session.text).not.toMatch(/best: 2 of 3/);
    await session.waitFor(/Try the question you missed again\?.*\(Y\/n\)/);
    session.write(keys.enter); // yes is the default

    // The retry asks only question 2; this time Apple (number) and Banana (arrows + space).
    await waitForQuestion2(session);
    expect(session.unread).not.toContain('DELTA');
    session.write('1');
    await session.waitFor(/◉ 1\. Apple/);
    session.write(keys.down + keys.down);
    await session.waitFor(/❯◯ 3\. Banana/);
    session.write(keys.space);
    await session.waitFor(/❯◉ 3\. Banana/);
    session.write(keys.enter);
    await session.waitFor('Right!');
    await session.waitFor('GOLF-EXPLAIN');
    await session.waitFor(/Score: 3 of 3 — all right!/);
    expect(await session.waitForExit()).toBe(0);
    expect(session.unread).not.toContain('Question');

    const lesson = progressJson(home).lessons.find((entry) => entry.id === 'first');
    expect(lesson?.quiz).toMatchObject({ bestCorrect: 3, total: 3 });
    // Only the quiz was taken, no page was read: the lesson is not done yet.
    expect(lesson).toMatchObject({ status: 'in progress', pagesRead: 0 });
  });

  it('counts a quiz with one retry as one attempt', async () => {
    const home = tempDir();
    const session = spawnPty(['quiz', '1'], { home });
    await waitForQuestion1(session);
    await answerSingle(session, 1, 'Red'); // wrong
    await waitForQuestion2(session);
    session.write('1');
    await session.waitFor(/◉ 1\. Apple/);
    session.write('3');
    await session.waitFor(/◉ 3\. Banana/);
    session.write(keys.enter);
    await waitForQuestion3(session);
    await typeText(session, 'City of Paris'); // an accepted alternative
    await session.waitFor('Right!');
    await session.waitFor(/Score: 2 of 3/);
    await session.waitFor(/Try the question you missed again\?/);
    session.write(keys.enter);
    await waitForQuestion1(session);
    await answerSingle(session, 2, 'Blue');
    await session.waitFor(/Score: 3 of 3/);
    expect(await session.waitForExit()).toBe(0);

    const quiz = progressJson(home).lessons[0]?.quiz;
    expect(quiz).toMatchObject({ bestCorrect: 3, total: 3 });
    expect(quiz?.attempts).toBe(1);
  });

  it('declining the retry keeps 2 of 3 as the best score', async () => {
    const home = tempDir();
    const session = spawnPty(['quiz', '1'], { home });
    await waitForQuestion1(session);
    await answerSingle(session, 3, 'Green'); // wrong
    await session.waitFor('Not quite.');
    await session.waitFor(/The answer: Blue/);
    await waitForQuestion2(session);
    session.write('1');
    await session.waitFor(/◉ 1\. Apple/);
    session.write('3');
    await session.waitFor(/◉ 3\. Banana/);
    session.write(keys.enter);
    await session.waitFor('Right!');
    await waitForQuestion3(session);
    await typeText(session, '  PARIS  ');
    await session.waitFor('Right!');
    await session.waitFor(/Score: 2 of 3/);
    await session.waitFor(/Try the question you missed again\?/);
    session.write('n');
    session.write(keys.enter);
    expect(await session.waitForExit()).toBe(0);
    expect(progressJson(home).lessons[0]?.quiz).toMatchObject({ bestCorrect: 2, total: 3, attempts: 1 });
  });

  it('Ctrl-C at question 2 exits 130 with the cursor restored; the next run resumes at question 2', async () => {
    const home = tempDir();
    const first = spawnPty(['quiz', '1'], { home });
    await waitForQuestion1(first);
    await answerSingle(first, 2, 'Blue');
    await first.waitFor('Right!');
    await waitForQuestion2(first);
    const before = first.raw.length;
    first.write(keys.ctrlC);
    expect(await first.waitForExit()).toBe(130);
    // The prompt hid the cursor; it must be shown again after the interrupt.
    expect(first.raw.slice(before)).toContain('\x1b[?25h');
    expect(first.unread).toMatch(/progress is saved/i);
    expect(first.text).not.toMatch(/ExitPromptError|\bat .*\.js:\d+/);

    const again = spawnPty(['quiz', '1'], { home });
    await again.waitFor('Quiz · lesson 1 · 3 questions');
    await again.waitFor(/Picking up where you stopped: 1 of 3 already answered/);
    const firstAsked = await again.waitFor(/Question \d of 3/);
    expect(firstAsked).toBe('Question 2 of 3');
    await again.waitFor('FOXTROT');
    await again.waitFor('4. Potato');
    expect(again.text).not.toContain('DELTA');
    again.write('1');
    await again.waitFor(/◉ 1\. Apple/);
    again.write('3');
    await again.waitFor(/◉ 3\. Banana/);
    again.write(keys.enter);
    await again.waitFor('Right!');
    await waitForQuestion3(again);
    await typeText(again, 'Paris');
    await again.waitFor('Right!');
    // The answer given before Ctrl-C counts.
    await again.waitFor(/Score: 3 of 3/);
    expect(await again.waitForExit()).toBe(0);
    expect(progressJson(home).lessons[0]?.quiz).toMatchObject({ bestCorrect: 3, total: 3, attempts: 1 });
  });

  it('a second `quiz 1` after a finished one starts a new attempt and keeps the best score', async () => {
    const home = tempDir();
    const first = spawnPty(['quiz', '1'], { home });
    await answerAllRight(first);
    await first.waitFor(/Score: 3 of 3/);
    expect(await first.waitForExit()).toBe(0);

    const second = spawnPty(['quiz', '1'], { home });
    await second.waitFor('Quiz · lesson 1 · 3 questions');
    await waitForQuestion1(second);
    expect(second.text).not.toContain('already answered');
    await answerSingle(second, 1, 'Red');
    await waitForQuestion2(second);
    second.write(keys.enter); // nothing chosen: the prompt asks for at least one
    await second.waitFor(/at least one/i);
    second.write('2');
    await second.waitFor(/◉ 2\. Carrot/);
    second.write(keys.enter);
    await second.waitFor('Not quite.');
    await waitForQuestion3(second);
    await typeText(second, 'Lyon');
    await second.waitFor('Not quite.');
    await second.waitFor(/The answer: Paris/);
    await second.waitFor(/Score: 0 of 3\s+\(best: 3 of 3\)/);
    await second.waitFor(/Try the 3 questions you missed again\?/);
    second.write('n');
    second.write(keys.enter);
    expect(await second.waitForExit()).toBe(0);
    expect(progressJson(home).lessons[0]?.quiz).toMatchObject({ bestCorrect: 3, total: 3, attempts: 2 });
  });

  it('Ctrl-C while typing a free-text answer exits 130 and keeps the earlier answers', async () => {
    const home = tempDir();
    const first = spawnPty(['quiz', '1'], { home });
    await waitForQuestion1(first);
    await answerSingle(first, 2, 'Blue');
    await waitForQuestion2(first);
    first.write('1');
    await first.waitFor(/◉ 1\. Apple/);
    first.write(keys.enter);
    await first.waitFor('Not quite.');
    await waitForQuestion3(first);
    first.write('Par');
    await first.waitFor('Par');
    first.write(keys.ctrlC);
    expect(await first.waitForExit()).toBe(130);

    const again = spawnPty(['quiz', '1'], { home });
    await again.waitFor(/2 of 3 already answered/);
    expect(await again.waitFor(/Question \d of 3/)).toBe('Question 3 of 3');
    await typeText(again, 'Paris');
    await again.waitFor(/Score: 2 of 3/);
    await again.waitFor(/Try the question you missed again\?/);
    again.write('n');
    again.write(keys.enter);
    expect(await again.waitForExit()).toBe(0);
  });

  it('closing the terminal (SIGHUP) at question 3 keeps the two answers already given', async () => {
    const home = tempDir();
    const first = spawnPty(['quiz', '1'], { home });
    await waitForQuestion1(first);
    await answerSingle(first, 2, 'Blue');
    await waitForQuestion2(first);
    first.write('3');
    await first.waitFor(/◉ 3\. Banana/);
    first.write(keys.enter);
    await first.waitFor('Not quite.');
    await waitForQuestion3(first);
    first.hangup();
    await first.waitForExit();

    const again = spawnPty(['quiz', '1'], { home });
    await again.waitFor(/2 of 3 already answered/);
    expect(await again.waitFor(/Question \d of 3/)).toBe('Question 3 of 3');
    again.write(keys.ctrlC);
    expect(await again.waitForExit()).toBe(130);
  });
});

describe('the quiz inside a lesson', () => {
  it('lesson 2 shows its exercise (passed already, so not offered), asks its one question, and ends done', async () => {
    const home = tempDir();
    // The exercise passes first without a terminal; a lesson is done only when its exercises are.
    const answer = path.join(home, 'names.mjs');
    writeFileSync(answer, "export const names = ['Pen', 'Notebook'];\n");
    expect(runCli(['verify', '2.1', answer], { home }).status).toBe(0);
    const session = spawnPty(['lesson', '2'], { home });
    await session.waitFor('JULIET-PAGE-ONE');
    await session.waitFor(/page 1 of 2\s+Enter next/);
    session.write(keys.enter);
    await session.waitFor('KILO-PAGE-TWO');
    await session.waitFor('Exercise 2.1 · list-products (js)');
    await session.waitFor('List the LIMA name of every product.');
    await session.waitFor(/backend-intro exercise 2\.1/);
    await session.waitFor('Quiz: 1 question on this page.');
    await session.waitFor(/Take the quiz now\?/);
    session.write(keys.enter);
    await session.waitFor('Quiz · lesson 2 · 1 question');
    await session.waitFor('Which MIKE keyword reads rows from a table?');
    await session.waitFor('2. DROP');
    await answerSingle(session, 1, 'SELECT');
    await session.waitFor('Right!');
    await session.waitFor('NOVEMBER-EXPLAIN');
    await session.waitFor(/Score: 1 of 1/);
    await session.waitFor(/page 2 of 2\s+Enter finish · b back · q quit/);
    session.write(keys.enter);
    await session.waitFor('Lesson 2 is done.');
    await session.waitFor('That was the last lesson of this course.');
    expect(await session.waitForExit()).toBe(0);

    const lesson = progressJson(home).lessons.find((entry) => entry.id === 'second');
    expect(lesson).toMatchObject({ status: 'done', pagesRead: 2, quiz: { bestCorrect: 1, total: 1, attempts: 1 } });

    // A finished lesson asks what to do (tests/cli/revisit.test.ts); reviewing opens its first page.
    const review = spawnPty(['2'], { home });
    await review.waitFor('What would you like to do?');
    await review.waitFor('4. Quit');
    review.write(keys.enter); // the first choice: Review it (read again from page 1)
    expect(await review.waitFor(/JULIET-PAGE-ONE|KILO-PAGE-TWO/)).toBe('JULIET-PAGE-ONE');
    await review.waitFor(/page 1 of 2\s+Enter next/);
    review.write('q');
    expect(await review.waitForExit()).toBe(0);
  });
});
