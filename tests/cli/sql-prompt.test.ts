// The sql> prompt in a real terminal, on the sql-pack fixture: `exercise N.M` (every statement
// checked, hints, solution, reset, Ctrl-C and Ctrl-D), the `sql` playground, piped input,
// runaway SQL, and the prompt opened from a lesson page.
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, keys, killRunningPtys, progressJson, removeTempDirs, root, runCli, spawnPty, tempDir, type PtyOptions, type PtySession } from './pty-helpers.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

const sqlPack = path.join(root, 'tests', 'fixtures', 'sql-pack');
const ctrlD = '\x04';

const cheapBooks = 'SELECT title, price FROM books WHERE price < 10 ORDER BY price;';
const recentBooks = 'SELECT title FROM books WHERE year > 2000;';

function open(args: string[], options: PtyOptions = {}): PtySession {
  return spawnPty(args, { lessons: sqlPack, ...options });
}

/** Types a line and presses Enter. */
function send(session: PtySession, line: string): void {
  session.write(line + keys.enter);
}

/** Waits for the main prompt, ready for the next statement. */
async function prompt(session: PtySession): Promise<void> {
  await session.waitFor(/sql> $/m);
}

async function openExercise(id: string, options: PtyOptions = {}): Promise<PtySession> {
  const session = open(['exercise', id], options);
  await session.waitFor(`Exercise ${id}`);
  await session.waitFor('End a statement with ;');
  await prompt(session);
  return session;
}

describe('backend-intro exercise: a query exercise', () => {
  it('a wrong then a right answer: the verdict, then passed and saved, and progress --json counts it', async () => {
    const home = tempDir();
    const session = await openExercise('1.1', { home });
    expect(session.text).toContain('PAPAYA-PROMPT List the title and price');
    expect(session.text).toContain('Database: shop');

    send(session, 'SELECT title, price FROM books WHERE price < 10;');
    await session.waitFor('✗ Exercise 1.1 · cheap-books: not yet');
    await session.waitFor('Expected');
    await session.waitFor('Your result');
    await session.waitFor('.hint shows hint 1 of 2');
    await prompt(session);

    send(session, cheapBooks);
    await session.waitFor(/Copper Meridian\s+5\.5/);
    await session.waitFor('✓ Exercise 1.1 · cheap-books: passed');
    await session.waitFor('ZULU-EXPLAIN');
    await session.waitFor('Reference solution:');
    await session.waitFor('Saved: exercise 1.1 is done.');
    await session.waitFor('Leave the sql> prompt? (Y/n)');
    session.write(keys.enter);
    expect(await session.waitForExit()).toBe(0);

    expect(progressJson(home, sqlPack).lessons[0]).toMatchObject({ exercises: 3, exercisesPassed: 1, status: 'in progress' });
  });

  it('multi-line input runs once a line ends with ; (not one inside a string or a comment)', async () => {
    const session = await openExercise('1.1');
    send(session, 'SELECT title, price -- cheapest first;');
    await session.waitFor('...> ');
    send(session, "FROM books WHERE title <> 'x;y'");
    await session.waitFor('...> ');
    send(session, '  AND price < 10 ORDER BY price;');
    await session.waitFor('passed');
    await session.waitFor('Leave the sql> prompt?');
    send(session, 'n');
    await session.waitFor('Staying');
    await prompt(session);
    session.write(ctrlD);
    expect(await session.waitForExit()).toBe(0);
  });

  it('time at the prompt counts as time spent on the lesson', async () => {
    const home = tempDir();
    const session = await openExercise('1.1', { home });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    send(session, '.quit');
    expect(await session.waitForExit()).toBe(0);
    const spent = progressJson(home, sqlPack).timeSpentMs;
    expect(spent).toBeGreaterThanOrEqual(1000);
    expect(spent).toBeLessThan(60_000);
  });

  it('staying after a pass, statements just run: results, no verdict', async () => {
    const session = await openExercise('1.1');
    send(session, 'SELECT title, price FROM books WHERE price < 10 ORDER BY price;');
    await session.waitFor('Leave the sql> prompt?');
    send(session, 'n');
    await session.waitFor('Staying: statements now just run, unchecked (your pass is saved).');
    await prompt(session);
    const before = session.text.length;
    send(session, "SELECT 'experiment' AS note;");
    await session.waitFor(/experiment\s*\n/);
    await prompt(session);
    expect(session.text.slice(before)).not.toMatch(/not yet|✗/);
    session.write(ctrlD);
    expect(await session.waitForExit()).toBe(0);
  });

  it('a dot command typed at the leave question runs: .quit leaves without a word about staying, .tables stays', async () => {
    for (const [command, stays] of [['.quit', false], ['.tables', true]] as const) {
      const session = await openExercise('1.1');
      send(session, 'SELECT title, price FROM books WHERE price < 10 ORDER BY price;');
      await session.waitFor('Leave the sql> prompt?');
      send(session, command);
      if (stays) {
        await session.waitFor('books');
        await prompt(session);
        session.write(ctrlD);
      }
      expect(await session.waitForExit()).toBe(0);
      expect(session.text.includes('Staying')).toBe(false);
    }
  });

  it('.hint shows the hints one at a time and records them', async () => {
    const home = tempDir();
    const session = await openExercise('1.1', { home });
    send(session, '.hint');
    await session.waitFor('Hint 1 of 2: XRAY-HINT');
    await prompt(session);
    send(session, '.hint');
    await session.waitFor('Hint 2 of 2: YANKEE-HINT');
    await prompt(session);
    send(session, '.hint');
    await session.waitFor('You have seen all 2 hints');
    send(session, '.quit');
    await session.waitFor('not passed yet');
    expect(await session.waitForExit()).toBe(0);
    expect(runCli(['hint', '1.1'], { home, lessons: sqlPack }).stdout).toContain('You have seen all 2 hints');
  });

  it('.solution is refused before 3 failed tries, given after, and a pass then counts as with help', async () => {
    const session = await openExercise('1.2');
    send(session, '.solution');
    await session.waitFor('The solution opens after 3 tries: 3 more to go');
    await prompt(session);
    for (let attempt = 1; attempt <= 3; attempt++) {
      send(session, 'SELECT title FROM books;');
      await session.waitFor('not yet');
      await prompt(session);
    }
    expect(session.text).toContain('That was try 3. Type .solution');
    send(session, '.solution');
    await session.waitFor('Reference solution:');
    await session.waitFor(recentBooks);
    await prompt(session);
    send(session, recentBooks);
    await session.waitFor('✓ Exercise 1.2 · recent-books: passed');
    await session.waitFor('Saved: exercise 1.2 is done (with help).');
    send(session, 'y');
    expect(await session.waitForExit()).toBe(0);
  });

  it('a statement that writes is refused in a query exercise', async () => {
    const session = await openExercise('1.2');
    send(session, "DELETE FROM books WHERE year > 2000;");
    await session.waitFor('not yet');
    await session.waitFor(/only reads|would change the database/);
    await prompt(session);
    send(session, '.quit');
    expect(await session.waitForExit()).toBe(0);
  });
});

describe('backend-intro exercise: keys', () => {
  it('Ctrl-C clears a half-typed statement and the prompt stays; Ctrl-D leaves with exit 0', async () => {
    const session = await openExercise('1.1');
    session.write('SELECT nonsense FROM');
    await session.waitFor('SELECT nonsense FROM');
    session.write(keys.ctrlC);
    await session.waitFor('^C');
    await prompt(session);

    // A multi-line statement is cleared as a whole.
    send(session, 'SELECT bogus');
    await session.waitFor('...> ');
    session.write(keys.ctrlC);
    await prompt(session);

    session.write(keys.ctrlC);
    await session.waitFor('(press Ctrl-D or type .quit to leave)');
    await prompt(session);
    expect(session.exitCode).toBeUndefined();

    send(session, cheapBooks);
    await session.waitFor('passed');
    // Nothing of the cleared input ran: the first verdict is the pass.
    expect(session.text).not.toMatch(/not yet|Error/);
    await session.waitFor('Leave the sql> prompt?');
    session.write(keys.ctrlC);
    await prompt(session);
    session.write(ctrlD);
    expect(await session.waitForExit()).toBe(0);
  });
});

describe('backend-intro exercise: a change exercise', () => {
  it('keeps the statements of the session, checks them together, and .reset starts again', async () => {
    const session = await openExercise('1.3');
    send(session, "INSERT INTO authors (id, name, country) VALUES (9, 'Umber Quist', 'FR');");
    await session.waitFor('1 row changed.');
    await session.waitFor('✗ Exercise 1.3 · add-author: not yet');
    await prompt(session);
    send(session, 'SELECT name FROM authors WHERE id = 9;');
    await session.waitFor('Umber Quist');
    await prompt(session);

    send(session, '.reset');
    await session.waitFor('the changes of this session are gone');
    await prompt(session);
    send(session, 'SELECT name FROM authors WHERE id = 9;');
    await session.waitFor('(no rows)');
    await prompt(session);

    // Inside a transaction nothing is checked until COMMIT.
    send(session, 'BEGIN;');
    await session.waitFor('Transaction started');
    await prompt(session);
    send(session, "INSERT INTO authors (id, name, country) VALUES (10, 'Wren Halloway', 'CA');");
    await session.waitFor('checked when you COMMIT');
    await prompt(session);
    send(session, 'COMMIT;');
    await session.waitFor('✓ Exercise 1.3 · add-author: passed');
    await session.waitFor('BRONZE-EXPLAIN');
    send(session, '');
    expect(await session.waitForExit()).toBe(0);
  });
});

describe('backend-intro exercise: tries and history', () => {
  it('a ROLLBACK and a COMMIT with no transaction are not counted as tries; a failed INSERT is', async () => {
    const session = await openExercise('1.3');
    send(session, 'BEGIN;');
    await session.waitFor('Transaction started');
    await prompt(session);
    send(session, 'ROLLBACK;');
    await session.waitFor('Rolled back');
    await prompt(session);
    send(session, 'COMMIT;');
    await session.waitFor('no transaction is active');
    await prompt(session);
    send(session, '.solution');
    await session.waitFor('3 more to go');
    await prompt(session);
    send(session, 'INSERT INTO authors (id) VALUES (11);');
    await session.waitFor('Not kept');
    await prompt(session);
    send(session, '.solution');
    await session.waitFor('2 more to go');
    expect(session.text).not.toContain('not yet');
    session.write(ctrlD);
    expect(await session.waitForExit()).toBe(0);
  });

  it('a duplicate key is not kept, and the note points to .reset (the row may be one this session added)', async () => {
    const session = await openExercise('1.3');
    send(session, "INSERT INTO authors (id, name) VALUES (1, 'Twice');");
    await session.waitFor(/UNIQUE constraint failed: authors\.id/);
    await session.waitFor(/Not kept\. If an earlier statement of this session added that row already,\s+\.reset starts again from a fresh copy\./);
    await prompt(session);
    session.write(ctrlD);
    expect(await session.waitForExit()).toBe(0);
  });

  it('↑ recalls the line typed before, which runs again with Enter', async () => {
    const session = open(['sql']);
    await prompt(session);
    send(session, "SELECT 'ECHO-' || (40 + 2) AS answer;");
    await session.waitFor('ECHO-42');
    await prompt(session);
    session.write(keys.up);
    await session.waitFor(/sql> SELECT 'ECHO-' \|\| \(40 \+ 2\) AS answer;$/m);
    session.write(keys.enter);
    await session.waitFor('ECHO-42');
    session.write(ctrlD);
    expect(await session.waitForExit()).toBe(0);
  });
});

describe('backend-intro sql: the playground', () => {
  it('.tables, a SELECT, an INSERT and a SELECT that shows it', async () => {
    const session = open(['sql']);
    await session.waitFor('SQL playground · database shop');
    await prompt(session);
    send(session, '.tables');
    await session.waitFor('authors  books');
    await prompt(session);
    send(session, 'SELECT title FROM books WHERE id = 3;');
    await session.waitFor('Saffron Tides');
    await prompt(session);
    send(session, "INSERT INTO books (id, title, author_id, price) VALUES (6, 'Midnight Ledger', 2, 11);");
    await session.waitFor('1 row changed.');
    await prompt(session);
    send(session, 'SELECT title FROM books WHERE id = 6;');
    await session.waitFor('Midnight Ledger');
    await prompt(session);
    send(session, 'SELECT * FROM nowhere;');
    await session.waitFor('Error: no such table: nowhere');
    await prompt(session);
    send(session, '.hint');
    await session.waitFor('There is no exercise here');
    send(session, '.bogus');
    await session.waitFor('There is no command .bogus; .help lists the commands.');
    send(session, '.quit');
    expect(await session.waitForExit()).toBe(0);
  });

  it('a runaway recursive query is stopped within about 4 s and the prompt still answers', async () => {
    const session = open(['sql']);
    await prompt(session);
    const started = Date.now();
    send(session, 'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n;');
    await session.waitFor('was stopped', 6_000);
    expect(Date.now() - started).toBeLessThan(4_500);
    await prompt(session);
    send(session, 'SELECT 42 AS still_alive;');
    await session.waitFor(/still_alive\s+─+\s+42/);
    session.write(ctrlD);
    expect(await session.waitForExit()).toBe(0);
  });

  it('works with TERM=dumb and NO_COLOR: no escape codes, Ctrl-C clears the line', async () => {
    const session = open(['sql'], { env: { TERM: 'dumb', NO_COLOR: '1' } });
    await prompt(session);
    send(session, 'SELECT title FROM books WHERE id = 1;');
    await session.waitFor('Ember Atlas');
    await prompt(session);
    session.write('SELECT half');
    await session.waitFor('SELECT half');
    session.write(keys.ctrlC);
    await session.waitFor('input cleared');
    await prompt(session);
    send(session, 'SELECT 7 AS seven;');
    await session.waitFor(/seven\s+─+\s+7/);
    session.write(ctrlD);
    expect(await session.waitForExit()).toBe(0);
    expect(session.raw).not.toContain('\x1b');
  });

  it('fits in 40 columns', async () => {
    const session = await openExercise('1.1', { cols: 40 });
    send(session, 'SELECT * FROM books;');
    await session.waitFor('not yet');
    await prompt(session);
    // Typed input is wrapped by the terminal itself; everything the program laid out fits.
    const laidOut = session.text.split('\n').filter((line) => !/^(sql|\s+\.\.\.)> /.test(line));
    expect(laidOut.filter((line) => line.length > 40)).toEqual([]);
    session.write(ctrlD);
    expect(await session.waitForExit()).toBe(0);
  });
});

describe('the sql> prompt from a lesson page', () => {
  it('offers the exercise, opens the prompt, and comes back to the same page', async () => {
    const session = open(['1']);
    await session.waitFor('SIERRA-INTRO');
    await session.waitFor(/page 1 of 4\s+Enter next/);
    session.write(keys.enter);
    await session.waitFor('TANGO-PAGE-TWO');
    await session.waitFor('backend-intro exercise 1.1');
    await session.waitFor('Try exercise 1.1 now?');
    session.write(keys.enter);
    await prompt(session);
    send(session, cheapBooks);
    await session.waitFor('passed');
    await session.waitFor('Back to the lesson? (Y/n)');
    session.write(keys.enter);
    await session.waitFor(/page 2 of 4\s+Enter next/);
    session.write('q');
    expect(await session.waitForExit()).toBe(0);
  });
});

describe('without a terminal', () => {
  it('exercise exits 2 and names verify', () => {
    const result = runCli(['exercise', '1.1'], { lessons: sqlPack });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('backend-intro verify 1.1 <file>');
  });

  it('a code exercise without a terminal exits 2 and names verify', () => {
    const result = runCli(['exercise', '2.1']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('Exercise 2.1 needs an interactive terminal; without one, use `backend-intro verify 2.1 [file]`.\n');
  });

  it('sql runs piped statements in order: results on stdout, errors on stderr, exit 1 when one failed', () => {
    const input = "SELECT title FROM books WHERE id = 1;\nINSERT INTO authors (id, name) VALUES (7, 'Piper Lane');\nSELECT name FROM authors\n WHERE id = 7;\nSELECT * FROM nowhere;\nSELECT count(*) AS n FROM books";
    const result = runCli(['sql'], { lessons: sqlPack, input });
    expect(result.stdout).toContain('Ember Atlas');
    expect(result.stdout).toContain('1 row changed.');
    expect(result.stdout).toContain('Piper Lane');
    expect(result.stdout).toMatch(/n\s+─+\s+5/);
    expect(result.stderr).toContain('no such table: nowhere');
    expect(result.status).toBe(1);
    expect(runCli(['sql'], { lessons: sqlPack, input: 'SELECT 1;' }).status).toBe(0);
  });

  it('sql --db with an unknown name exits 2 and lists the databases', () => {
    const result = runCli(['sql', '--db', 'nope'], { lessons: sqlPack });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('There is no sample database "nope"; the only one is shop.');
  });
});
