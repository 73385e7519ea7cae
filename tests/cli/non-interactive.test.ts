// Runs without a terminal (stdin and stdout are pipes): what scripts, graders and CI see.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bin, cliEnv, copyOfFixturePack, ensureBuilt, killRunningPtys, progressJson, removeTempDirs, root, runCli, spawnPty, tempDir } from './pty-helpers.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
const stackTrace = /^\s+at .+[:(]\d+|\bError: |node:internal/m;

describe('commands that need a terminal, run without one', () => {
  it.each([
    [[], 'backend-intro lesson 1 --print'],
    [['1'], 'backend-intro lesson 1 --print'],
    [['lesson', '1'], 'backend-intro lesson 1 --print'],
    [['start', '2'], 'backend-intro lesson 2 --print'],
    [['quiz', '1'], 'backend-intro lesson 1 --print'],
  ])('`backend-intro %j` exits 2 and names `%s`', (args, alternative) => {
    const result = runCli(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/needs an interactive terminal/);
    expect(result.stderr).toContain(`\`${alternative}\``);
  });

  it('exits 2 when only stdout is a terminal (stdin from /dev/null)', async () => {
    const session = spawnPty(['lesson', '1'], { stdinFromDevNull: true });
    await session.waitFor('needs an interactive terminal');
    await session.waitFor('`backend-intro lesson 1 --print`');
    expect(await session.waitForExit()).toBe(2);
  });
});

describe('lesson --print', () => {
  it('prints every page and the quiz questions, with no escape sequences when piped', () => {
    const result = runCli(['lesson', '1', '--print']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    for (const word of ['ALPHA-PAGE-ONE', 'BRAVO-PAGE-TWO', 'CHARLIE-PAGE-THREE']) expect(out).toContain(word);
    expect(out.indexOf('ALPHA-PAGE-ONE')).toBeLessThan(out.indexOf('BRAVO-PAGE-TWO'));
    expect(out.indexOf('BRAVO-PAGE-TWO')).toBeLessThan(out.indexOf('CHARLIE-PAGE-THREE'));
    expect(out).toContain('Lesson 1 · First steps');
    expect(out).not.toContain('\x1b');
    // The quiz is a worksheet: questions and choices, never answers or explanations.
    for (const text of ['DELTA sky', 'FOXTROT fruits', 'HOTEL capital', 'Green', 'Potato', 'choose all that apply']) expect(out).toContain(text);
    for (const text of ['ECHO-EXPLAIN', 'GOLF-EXPLAIN', 'INDIA-EXPLAIN', 'City of Paris']) expect(out).not.toContain(text);
    expect(out).not.toMatch(/Paris/);
  });

  it('shows the exercise task of lesson 2 and says exercises cannot run yet', () => {
    const result = runCli(['lesson', 'second', '--print']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('JULIET-PAGE-ONE');
    expect(result.stdout).toContain('KILO-PAGE-TWO');
    expect(result.stdout).toContain('List the LIMA name of every product.');
    expect(result.stdout).not.toContain('SELECT name FROM products'); // the solution stays hidden
    expect(result.stdout).toContain('MIKE');
    expect(result.stdout).not.toContain('NOVEMBER-EXPLAIN');
    expect(result.stdout).not.toContain('\x1b');
  });

  it('does not count as reading: progress stays empty', () => {
    const home = tempDir();
    expect(runCli(['lesson', '1', '--print'], { home }).status).toBe(0);
    expect(progressJson(home).lessons.every((lesson) => lesson.status === 'not started')).toBe(true);
  });

  it('stops quietly when the reader closes the pipe early (| head)', () => {
    const home = tempDir();
    const result = spawnSync('bash', ['-c', '"$0" "$1" lesson 1 --print | head -n 2; exit "${PIPESTATUS[0]}"', process.execPath, bin], {
      cwd: home,
      env: cliEnv({ home }),
      encoding: 'utf8',
    });
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('unknown lessons and bad usage', () => {
  it.each([[['12']], [['lesson', '12']], [['quiz', '12']], [['lesson', '12', '--print']]])('`backend-intro %j` exits 2 with one line', (args) => {
    const result = runCli(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('There is no lesson 12; lessons are 1–2. Try `backend-intro list`.\n');
  });

  it('`backend-intro 12` in a terminal exits 2 too', async () => {
    const session = spawnPty(['12']);
    await session.waitFor('There is no lesson 12; lessons are 1–2.');
    expect(await session.waitForExit()).toBe(2);
  });

  it('a word that is neither a command nor a lesson id exits 2 with advice', () => {
    const result = runCli(['lessons']);
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/"lessons" is not a command or a lesson/);
    expect(result.stderr).toContain('backend-intro --help');
  });

  it('an unknown option exits 2 and points at --help, without a stack trace', () => {
    for (const args of [['--bogus'], ['list', '--bogus'], ['lesson', '1', '--pirnt']]) {
      const result = runCli(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/unknown option/);
      expect(result.stderr).toContain('backend-intro --help');
      expect(result.stderr).not.toMatch(stackTrace);
    }
  });

  it('a missing lesson number exits 2', () => {
    const result = runCli(['lesson']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/missing required argument/);
  });

  it('--version prints the package version and exits 0; --help exits 0', () => {
    const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const result = runCli(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(version.version);
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: backend-intro');
  });

  it('a lessons folder that does not exist exits 2 with one line', () => {
    const result = runCli(['list'], { lessons: path.join(tempDir(), 'nope') });
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/does not exist or cannot be read/);
  });
});

describe('list', () => {
  it('--json is valid JSON with both lessons of the fixture pack', () => {
    const result = runCli(['list', '--json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const parsed = JSON.parse(result.stdout) as { pack: { id: string; title: string }; lessons: { number: number; id: string; title: string; pages: number; questions: number; exercises: number; status: string }[] };
    expect(parsed.pack).toEqual({ id: 'mini-pack', title: 'Mini pack' });
    expect(parsed.lessons.map((lesson) => [lesson.number, lesson.id, lesson.title, lesson.pages, lesson.questions, lesson.exercises, lesson.status])).toEqual([
      [1, 'first', 'First steps', 3, 3, 0, 'not started'],
      [2, 'second', 'Second lesson', 2, 1, 1, 'not started'],
    ]);
  });

  it('prints a table without escape sequences when piped', () => {
    const result = runCli(['list']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Mini pack');
    expect(result.stdout).toMatch(/1\s+First steps\s+not started/);
    expect(result.stdout).toMatch(/2\s+Second lesson\s+not started/);
    expect(result.stdout).not.toContain('\x1b');
  });

  it('picks up an edited lesson file on the next run', () => {
    const pack = copyOfFixturePack();
    const home = tempDir();
    expect(runCli(['list', '--json'], { home, lessons: pack }).stdout).toContain('"First steps"');
    const file = path.join(pack, '01-first.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: First steps', 'title: Fresh steps'));
    const after = runCli(['list', '--json'], { home, lessons: pack });
    expect(after.stdout).toContain('"Fresh steps"');
  });
});

describe('a broken lesson pack', () => {
  function breakPack(replace: [string, string]): { pack: string; line: number } {
    const pack = copyOfFixturePack();
    const file = path.join(pack, '01-first.md');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(replace[0]);
    const broken = text.replace(replace[0], replace[1]);
    writeFileSync(file, broken);
    const line = broken.split('\n').findIndex((candidate) => candidate.includes('PURPLE-NOT-A-CHOICE')) + 1;
    expect(line).toBeGreaterThan(0);
    return { pack, line };
  }

  it('a single-choice answer that is not a choice: every command exits 2 naming 01-first.md and the line', () => {
    const { pack, line } = breakPack(['    answer: Blue', '    answer: PURPLE-NOT-A-CHOICE']);
    for (const args of [['list'], ['list', '--json'], ['lesson', '1', '--print'], ['progress'], ['1']]) {
      const result = runCli(args, { lessons: pack });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(lines(result.stderr), result.stderr).toHaveLength(1);
      expect(result.stderr).toContain(`01-first.md:${line}:`);
      expect(result.stderr).toMatch(/PURPLE-NOT-A-CHOICE/);
      expect(result.stderr).not.toMatch(stackTrace);
    }
  });

  it('a choose-all answer with one item that is not a choice names the line of that very item', () => {
    const { pack, line } = breakPack(['    answer: [Apple, Banana]', '    answer:\n      - Apple\n      - PURPLE-NOT-A-CHOICE']);
    const result = runCli(['list'], { lessons: pack });
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/quiz question 2: the answer "PURPLE-NOT-A-CHOICE" is not one of the choices/);
    // Not the line where the list starts ("- Apple"): the bad item's own line.
    expect(result.stderr).toContain(`01-first.md:${line}:`);
  });

  it('names the file relative to the working folder when run inside the pack', () => {
    const { pack, line } = breakPack(['    answer: Blue', '    answer: PURPLE-NOT-A-CHOICE']);
    const result = runCli(['list'], { lessons: pack, cwd: pack });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^The lesson pack has a problem: 01-first\\.md:${line}: `));
  });
});

describe('the progress file', () => {
  it('a corrupt progress.db is moved aside with a one-line warning, and list still works', () => {
    const home = tempDir();
    const garbage = randomBytes(8192);
    writeFileSync(path.join(home, 'progress.db'), garbage);
    const result = runCli(['list'], { home });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/1\s+First steps\s+not started/);
    const warning = lines(result.stderr);
    expect(warning).toHaveLength(1);
    expect(warning[0]).toMatch(/progress file could not be read/);
    const kept = /kept as (.+?) and a fresh one/.exec(warning[0] ?? '')?.[1];
    expect(kept, warning[0]).toBeDefined();
    const keptPath = path.resolve(home, kept!);
    expect(existsSync(keptPath)).toBe(true);
    expect(readFileSync(keptPath).equals(garbage)).toBe(true);
    expect(readdirSync(home).filter((name) => name.startsWith('progress.db.damaged-'))).toHaveLength(1);

    // The fresh file works: no second warning, and progress can be recorded again.
    const again = runCli(['list'], { home });
    expect(again.status).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('an emptied progress.db is also kept aside, not silently reused', () => {
    const home = tempDir();
    writeFileSync(path.join(home, 'progress.db'), '');
    const result = runCli(['progress', '--json'], { home });
    expect(result.status).toBe(0);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/kept as .*progress\.db\.damaged-/);
    expect(JSON.parse(result.stdout)).toHaveProperty('lessons');
  });
});

describe('reset', () => {
  async function readTwoPages(home: string): Promise<void> {
    const session = spawnPty(['1'], { home });
    await session.waitFor(/page 1 of 3\s+Enter next/);
    session.write('\r');
    await session.waitFor(/page 2 of 3\s+Enter next/);
    session.write('q');
    expect(await session.waitForExit()).toBe(0);
  }

  it('without --yes and without a terminal exits 2 and changes nothing', async () => {
    const home = tempDir();
    await readTwoPages(home);
    for (const args of [['reset'], ['reset', '1']]) {
      const result = runCli(args, { home });
      expect(result.status).toBe(2);
      expect(lines(result.stderr)).toHaveLength(1);
      expect(result.stderr).toContain(`\`backend-intro ${args.join(' ')} --yes\``);
    }
    expect(progressJson(home).lessons[0]).toMatchObject({ status: 'in progress', pagesRead: 2 });
  });

  it('--yes clears the progress', async () => {
    const home = tempDir();
    await readTwoPages(home);
    const result = runCli(['reset', '--yes'], { home });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Reset all your progress in "Mini pack"/);
    const after = progressJson(home);
    expect(after.lessons.map((lesson) => [lesson.status, lesson.pagesRead, lesson.quiz])).toEqual([
      ['not started', 0, null],
      ['not started', 0, null],
    ]);
  });

  it('reset 12 --yes is an unknown lesson (exit 2)', () => {
    const result = runCli(['reset', '12', '--yes']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('There is no lesson 12; lessons are 1–2. Try `backend-intro list`.\n');
  });

  it('in a terminal it asks first; answering no keeps the progress', async () => {
    const home = tempDir();
    await readTwoPages(home);
    const session = spawnPty(['reset'], { home });
    await session.waitFor(/Forget all your progress in "Mini pack"\? This cannot be undone\..*\(y\/N\)/);
    session.write('\r');
    await session.waitFor('Nothing was reset.');
    expect(await session.waitForExit()).toBe(0);
    expect(progressJson(home).lessons[0]).toMatchObject({ pagesRead: 2 });
  });
});
