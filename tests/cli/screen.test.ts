// What the screens look like: a 40-column terminal, NO_COLOR, --no-color and TERM=dumb.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, keys, killRunningPtys, removeTempDirs, runCli, spawnPty, stripAnsi, type PtySession } from './pty-helpers.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

/** SGR sequences that set a foreground or background colour (30–49, 90–107, 38;5/38;2 …). */
function colourCodes(raw: string): string[] {
  // eslint-disable-next-line no-control-regex
  return [...raw.matchAll(/\x1b\[([0-9;]*)m/g)]
    .map((match) => match[0])
    .filter((sequence) =>
      sequence
        .slice(2, -1)
        .split(';')
        .map(Number)
        .some((code) => (code >= 30 && code <= 49) || (code >= 90 && code <= 107)),
    );
}

/** Each page as drawn: the text between a clear-screen and the first prompt ("? …") after it. */
function pageBodies(raw: string): string[][] {
  return raw
    .split('\x1b[2J')
    .slice(1)
    .map((segment) => {
      const body: string[] = [];
      for (const line of segment.split('\n').map(stripAnsi)) {
        if (/^[?✔] /.test(line)) break;
        body.push(line);
      }
      return body;
    });
}

/** Lines longer than `width` visible characters, with their lengths, for a readable failure. */
function tooLong(lines: string[], width: number): string[] {
  return lines.filter((line) => [...line].length > width).map((line) => `${[...line].length}: ${line}`);
}

async function readWholeLessonOne(session: PtySession): Promise<void> {
  await session.waitFor('ALPHA-PAGE-ONE');
  await session.waitFor(/page 1 of 3\s+Enter/);
  session.write(keys.enter);
  await session.waitFor('BRAVO-PAGE-TWO');
  await session.waitFor(/page 2 of 3\s+Enter/);
  session.write(keys.enter);
  await session.waitFor('CHARLIE-PAGE-THREE');
  await session.waitFor(/Take the quiz now\?/);
  session.write('n');
  session.write(keys.enter);
  await session.waitFor(/page 3 of 3\s+Enter/);
  session.write('q');
  expect(await session.waitForExit()).toBe(0);
}

async function readWholeLessonTwo(session: PtySession): Promise<void> {
  await session.waitFor('JULIET-PAGE-ONE');
  await session.waitFor(/page 1 of 2\s+Enter/);
  session.write(keys.enter);
  await session.waitFor('KILO-PAGE-TWO');
  await session.waitFor(/Try exercise 2\.1 now\?/);
  session.write('n');
  session.write(keys.enter);
  await session.waitFor(/Take the quiz now\?/);
  session.write('n');
  session.write(keys.enter);
  await session.waitFor(/page 2 of 2\s+Enter/);
  session.write('q');
  expect(await session.waitForExit()).toBe(0);
}

describe('a 40-column terminal with NO_COLOR', () => {
  const narrow = { cols: 40, env: { NO_COLOR: '1' } };

  it('lesson 1: every page body fits in 40 columns', async () => {
    const session = spawnPty(['1'], narrow);
    await readWholeLessonOne(session);
    const pages = pageBodies(session.raw);
    expect(pages).toHaveLength(3);
    expect(pages[0]?.join('\n')).toContain('ALPHA-PAGE-ONE');
    expect(pages[1]?.join('\n')).toContain('BRAVO-PAGE-TWO');
    expect(pages[2]?.join('\n')).toContain('CHARLIE-PAGE-THREE');
    for (const page of pages) expect(tooLong(page, 40)).toEqual([]);
    // Paragraphs are reflowed, not cut by the terminal: the long first sentence is split over lines.
    expect(pages[0]?.some((line) => line.startsWith('ALPHA-PAGE-ONE opens the lesson.'))).toBe(true);
    // Without colour a heading keeps its "##" so it still stands out.
    expect(session.text).toContain('## Second page');
    // The page text itself is never coloured.
    for (const segment of session.raw.split('\x1b[2J').slice(1)) {
      expect(colourCodes(segment.slice(0, segment.lastIndexOf('\n', segment.indexOf('?'))))).toEqual([]);
    }
  });

  it('NO_COLOR: nothing on any screen is coloured, prompts included', async () => {
    const reading = spawnPty(['1'], narrow);
    await readWholeLessonOne(reading);
    expect(colourCodes(reading.raw)).toEqual([]);

    const quiz = spawnPty(['quiz', '1'], narrow);
    await quiz.waitFor('3. Green');
    quiz.write('2');
    await quiz.waitForCursorOn(/^2\. Blue$/);
    quiz.write(keys.enter);
    await quiz.waitFor('Right!');
    await quiz.waitFor('4. Potato');
    quiz.write(keys.ctrlC);
    expect(await quiz.waitForExit()).toBe(130);
    expect(colourCodes(quiz.raw)).toEqual([]);
  });

  it('lesson 2: the exercise page (task, how to do it, and the offer to try it) fits in 40 columns', async () => {
    const session = spawnPty(['lesson', '2'], narrow);
    await readWholeLessonTwo(session);
    const pages = pageBodies(session.raw);
    expect(pages).toHaveLength(2);
    const exercisePage = pages[1] ?? [];
    expect(exercisePage.join('\n')).toContain('Exercise 2.1');
    expect(exercisePage.join(' ')).toMatch(/backend-intro\s+exercise\s+2\.1/);
    for (const page of pages) expect(tooLong(page, 40)).toEqual([]);
    expect(colourCodes(session.raw)).toEqual([]);
  });

  it('lesson 1 --print in a 40-column terminal fits every line', async () => {
    const session = spawnPty(['lesson', '1', '--print'], narrow);
    expect(await session.waitForExit()).toBe(0);
    const lines = session.raw.split('\n').map(stripAnsi);
    expect(session.text).toContain('CHARLIE-PAGE-THREE');
    expect(tooLong(lines, 40)).toEqual([]);
    expect(colourCodes(session.raw)).toEqual([]);
  });

  it('the quiz lines the tool writes itself fit in 40 columns', async () => {
    const session = spawnPty(['quiz', '1'], narrow);
    await session.waitFor('3. Green');
    session.write('2');
    await session.waitForCursorOn(/^2\. Blue$/);
    session.write(keys.enter);
    await session.waitFor('Right!');
    await session.waitFor('4. Potato');
    session.write(keys.ctrlC);
    expect(await session.waitForExit()).toBe(130);
    // Lines drawn by the prompts themselves (?, ✔, ❯, ◯, key help) are redrawn in place and
    // concatenate once stripped; check only the tool's own lines.
    const own = session.raw
      .split('\n')
      .map(stripAnsi)
      .filter((line) => !/[?✔❯◯◉⏎]|↑↓/.test(line));
    expect(tooLong(own, 40)).toEqual([]);
  });

  it('the paging prompt keeps its keys whole at 40 columns, on a line of their own', async () => {
    const session = spawnPty(['1'], narrow);
    await session.waitFor(/page 1 of 3\s+Enter/);
    session.write(keys.enter);
    await session.waitFor('BRAVO-PAGE-TWO');
    await session.waitFor(/page 2 of 3\s+Enter/);
    // The prompt's first drawing: from "? page 2 of 3" to the next cursor-movement sequence.
    const promptText = () => {
      const start = session.raw.lastIndexOf('? page 2 of 3');
      const end = session.raw.indexOf('\x1b[', start);
      return end === -1 ? undefined : stripAnsi(session.raw.slice(start, end));
    };
    await session.waitUntil(() => promptText() !== undefined, 'the page 2 prompt is drawn');
    session.write('q');
    expect(await session.waitForExit()).toBe(0);
    const lines = (promptText() ?? '').split(/\r?\n/);
    expect(lines[0]).toBe('? page 2 of 3');
    expect(lines[1]?.trim()).toBe('Enter next · b back · q quit');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(40);
  });

  it('quiz questions are wrapped at word boundaries at 40 columns', async () => {
    const session = spawnPty(['quiz', '1'], narrow);
    await session.waitFor('3. Green');
    session.write(keys.ctrlC);
    expect(await session.waitForExit()).toBe(130);
    expect(session.raw.split('\n').map(stripAnsi).some((line) => line.includes('clear day?'))).toBe(true);
  });
});

describe('colour', () => {
  it('is on by default in a colour terminal (so the NO_COLOR checks are not vacuous)', async () => {
    const session = spawnPty(['1']);
    await session.waitFor(/page 1 of 3\s+Enter next/);
    session.write('q');
    expect(await session.waitForExit()).toBe(0);
    expect(colourCodes(session.raw).length).toBeGreaterThan(0);
  });

  it('--no-color turns it off on the lesson pages', async () => {
    const session = spawnPty(['--no-color', '1']);
    await readWholeLessonOne(session);
    const pages = pageBodies(session.raw);
    expect(pages).toHaveLength(3);
    for (const segment of session.raw.split('\x1b[2J').slice(1)) {
      // up to the line that holds the first prompt
      const body = segment.slice(0, segment.lastIndexOf('\n', segment.indexOf('?')));
      expect(stripAnsi(body)).toMatch(/-PAGE-/);
      expect(colourCodes(body)).toEqual([]);
    }
  });

  it('--no-color turns it off in the prompts too', async () => {
    const session = spawnPty(['--no-color', '1']);
    await readWholeLessonOne(session);
    expect(colourCodes(session.raw)).toEqual([]);
  });

  it('is off when stdout is a pipe, even for list and progress', () => {
    for (const args of [['list'], ['progress'], ['lesson', '2', '--print']]) {
      const result = runCli(args);
      expect(result.status).toBe(0);
      expect(result.stdout).not.toContain('\x1b');
    }
  });
});

describe('TERM=dumb (line-by-line prompts)', () => {
  const dumb = { env: { TERM: 'dumb' } };

  it('reading works with typed lines: Enter next, b back, q quit; no escape sequences at all', async () => {
    const session = spawnPty(['1'], dumb);
    await session.waitFor('ALPHA-PAGE-ONE');
    await session.waitFor(/page 1 of 3\s+Enter next · q quit: /);
    session.write(keys.enter);
    await session.waitFor('BRAVO-PAGE-TWO');
    await session.waitFor(/page 2 of 3\s+Enter next · b back · q quit: /);
    session.write('b\r');
    await session.waitFor('ALPHA-PAGE-ONE');
    await session.waitFor(/page 1 of 3.*: /);
    session.write('n\r');
    await session.waitFor('BRAVO-PAGE-TWO');
    await session.waitFor(/page 2 of 3.*: /);
    session.write('q\r');
    await session.waitFor(/place is saved/i);
    expect(await session.waitForExit()).toBe(0);
    expect(session.raw).not.toContain('\x1b');

    const progress = spawnPty(['progress'], { ...dumb, home: session.home });
    expect(await progress.waitForExit()).toBe(0);
    expect(progress.text).toMatch(/\[[#-]+\] \d+%/);
    expect(progress.text).not.toMatch(/[█░]/);
    expect(progress.raw).not.toContain('\x1b');
  });

  it('the quiz takes typed numbers and text', async () => {
    const session = spawnPty(['quiz', '1'], dumb);
    await session.waitFor('Which colour is the DELTA sky on a clear day?');
    await session.waitFor(/3\) Green\s+Type a number from 1 to 3: /);
    session.write('5\r'); // out of range: asked again
    await session.waitFor(/Type a number from 1 to 3: /);
    session.write('2\r');
    await session.waitFor('Right!');
    await session.waitFor(/4\) Potato\s+Type the numbers of every choice that applies, separated by spaces: /);
    session.write('3 1\r');
    await session.waitFor('Right!');
    await session.waitFor('What is the HOTEL capital of France?');
    session.write('Paris\r');
    await session.waitFor('Right!');
    await session.waitFor(/Score: 3 of 3/);
    expect(await session.waitForExit()).toBe(0);
    expect(session.raw).not.toContain('\x1b');
  });

  it('Ctrl-C exits 130 without writing an escape sequence', async () => {
    const session = spawnPty(['1'], dumb);
    await session.waitFor(/page 1 of 3.*: /);
    session.write(keys.ctrlC);
    expect(await session.waitForExit()).toBe(130);
    expect(session.text).toMatch(/progress is saved/i);
    expect(session.raw).not.toContain('\x1b');
  });
});
