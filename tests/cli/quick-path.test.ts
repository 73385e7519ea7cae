// The quick path (src/quick.ts, dist/quick.cjs) answers list, progress and lesson --print from
// caches. It must print exactly what the full commands print, never something stale, and step
// aside whenever there is something to explain.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportOf, firstLessonDone, importInto, secondLessonStarted } from './progress-files.js';
import { copyOfFixturePack, ensureBuilt, removeTempDirs, root, runCli, tempDir } from './pty-helpers.js';

beforeAll(ensureBuilt);
afterEach(removeTempDirs);

const fullPath = { BACKEND_INTRO_QUICK: '0' };

/** A data folder whose caches are warm and whose progress file exists, with some progress in it. */
function warmHome(lessons: string): string {
  const home = tempDir();
  importInto(home, exportOf({ 'mini-pack': { first: firstLessonDone(), second: secondLessonStarted() } }), lessons);
  for (const args of [['list'], ['lesson', '1', '--print'], ['lesson', '2', '--print']]) expect(runCli(args, { home, lessons }).status).toBe(0);
  return home;
}

const packCaches = (home: string) => readdirSync(path.join(home, 'cache')).filter((name) => /^pack-.*\.json$/.test(name));

describe('the quick path', () => {
  it('prints what the full commands print, byte for byte, and answers them without the parsed pack', () => {
    const lessons = copyOfFixturePack();
    const home = warmHome(lessons);
    const commandLines = [
      ['list'],
      ['list', '--json'],
      ['progress', '--json'],
      ['lesson', '1', '--print'],
      ['start', '--print', 'second'],
      ['--no-color', 'list'],
      ['--version'],
      ['lesson', '7', '--print'],
      ['lesson', 'nope', '--print'],
    ];
    for (const args of commandLines) {
      const full = runCli(args, { home, lessons, env: fullPath });
      const quick = runCli(args, { home, lessons });
      expect({ args, ...quick }).toEqual({ args, ...full });
    }
    // progress (plain) shows the time of the last visit relative to now; compare it without it.
    const [full, quick] = [runCli(['progress'], { home, lessons, env: fullPath }), runCli(['progress'], { home, lessons })];
    expect(quick.stdout).toBe(full.stdout);

    // Proof that the quick path answered: without the parsed pack in the cache, the full
    // commands would have to parse the pack again and keep it.
    for (const file of packCaches(home)) rmSync(path.join(home, 'cache', file));
    for (const args of [['list'], ['progress', '--json'], ['lesson', '1', '--print']]) {
      const result = runCli(args, { home, lessons });
      expect(result.status).toBe(0);
      expect(packCaches(home), args.join(' ')).toEqual([]);
    }
    expect(readdirSync(path.join(home, 'cache')).some((name) => /^quick\..*\.v8$/.test(name))).toBe(true);
  });

  it('never shows a lesson pack as it was before an edit', () => {
    const lessons = copyOfFixturePack();
    const home = warmHome(lessons);
    const file = path.join(lessons, '01-first.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: First steps', 'title: First steps, edited'));
    expect(runCli(['list'], { home, lessons }).stdout).toContain('First steps, edited');
    expect(runCli(['lesson', '1', '--print'], { home, lessons }).stdout).toContain('Lesson 1 · First steps, edited');
    // The full command that read the edited pack refreshed the outline: the quick path answers
    // again, without the parsed pack.
    for (const name of packCaches(home)) rmSync(path.join(home, 'cache', name));
    expect(runCli(['list'], { home, lessons }).stdout).toContain('First steps, edited');
    expect(packCaches(home)).toEqual([]);
  });

  it('shows progress made a moment ago', () => {
    const lessons = copyOfFixturePack();
    const home = warmHome(lessons);
    const before = JSON.parse(runCli(['progress', '--json'], { home, lessons }).stdout) as { lessons: { quiz: unknown }[] };
    expect(before.lessons[1]!.quiz).toBeNull();
    const db = new Database(path.join(home, 'progress.db'));
    db.prepare(
      "INSERT INTO quiz_progress (pack_id, lesson_id, attempt, attempt_open, finished, best_correct, best_total, last_finished_at) VALUES ('mini-pack', 'second', 1, 0, 1, 1, 1, '2025-01-04T09:00:00.000Z')",
    ).run();
    db.close();
    const after = JSON.parse(runCli(['progress', '--json'], { home, lessons }).stdout) as { lessons: { quiz: unknown }[] };
    expect(after.lessons[1]!.quiz).toEqual({ bestCorrect: 1, total: 1, attempts: 1 });
  });

  it('steps aside for a damaged progress file, so the learner hears about it', () => {
    const lessons = copyOfFixturePack();
    const home = warmHome(lessons);
    for (const suffix of ['-wal', '-shm']) rmSync(path.join(home, `progress.db${suffix}`), { force: true });
    writeFileSync(path.join(home, 'progress.db'), 'this is not a database'.repeat(100));
    const result = runCli(['list'], { home, lessons });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/progress file could not be read/);
    expect(readdirSync(home).some((name) => name.startsWith('progress.db.damaged-'))).toBe(true);
  });

  it('steps aside for a pack with a link leading out of it', () => {
    const lessons = copyOfFixturePack();
    const home = warmHome(lessons);
    const outside = path.join(tempDir(), 'elsewhere.sql');
    writeFileSync(outside, 'SELECT 1;');
    rmSync(path.join(lessons, 'data'), { recursive: true, force: true });
    // A symbolic link for data/: the full loader refuses it, with the reason.
    symlinkSync(path.dirname(outside), path.join(lessons, 'data'));
    const result = runCli(['list'], { home, lessons });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/outside the lesson pack/);
    expect(existsSync(path.join(home, 'progress.db'))).toBe(true);
  });

  it('verifies exactly as the full command does: verdict, JSON, exit code, and the attempt recorded once', () => {
    const lessons = path.join(root, 'tests', 'fixtures', 'verify-pack');
    const [quickHome, fullHome] = [tempDir(), tempDir()];
    const work = tempDir();
    const files = {
      'right.sql': 'SELECT name, city FROM customers WHERE city IS NOT NULL;',
      'wrong.sql': 'SELECT name FROM customers;',
      'right.mjs': "export default function (app) {\n  app.get('/hello', (req, res) => res.json({ message: 'hello' }));\n}\n",
      'wrong.mjs': "export default function (app) {\n  app.get('/hello', (req, res) => res.json({ message: 'hi' }));\n}\n",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(work, name), text);
    // Warm both data folders' caches, so the quick path can answer in one of them.
    for (const home of [quickHome, fullHome]) expect(runCli(['list'], { home, lessons }).status).toBe(0);
    const commandLines = [
      ['verify', '1.1', 'right.sql'],
      ['verify', '1.1', 'wrong.sql'],
      ['verify', '1.1', 'wrong.sql', '--json'],
      ['verify', '2.2', 'right.mjs'],
      ['verify', '2.2', 'wrong.mjs'],
      ['verify', '1.1', 'missing.sql'],
      ['verify', '1.9', 'right.sql'],
      ['verify', '1.1'],
    ];
    for (const args of commandLines) {
      const full = runCli(args, { home: fullHome, lessons, cwd: work, env: fullPath });
      const quick = runCli(args, { home: quickHome, lessons, cwd: work });
      expect({ args, ...quick }).toEqual({ args, ...full });
    }
    // What was recorded (attempts, passes), without the times at which it was.
    const recorded = (home: string) => {
      const file = path.join(tempDir(), 'export.json');
      expect(runCli(['progress', '--export', file], { home, lessons }).status).toBe(0);
      return JSON.parse(readFileSync(file, 'utf8'), (key, value) => (/At$|^exported$/.test(key) ? undefined : value));
    };
    const quickRecord = recorded(quickHome);
    expect(quickRecord).toEqual(recorded(fullHome));
    expect(quickRecord.packs['verify-pack'].lessons.queries.exercises['city-customers'].attempts).toBe(3);
    // The quick path did answer: it keeps its own code cache when it does.
    expect(readdirSync(path.join(quickHome, 'cache')).some((name) => /^quick-verify\..*\.v8$/.test(name))).toBe(true);
  });
});

describe('the quick path of verify', () => {
  it('reads only the outline and its own lesson’s exercises; without those, the full command answers the same', () => {
    const lessons = path.join(root, 'tests', 'fixtures', 'verify-pack');
    const home = tempDir();
    const answer = path.join(tempDir(), 'right.sql');
    writeFileSync(answer, 'SELECT name, city FROM customers WHERE city IS NOT NULL;');
    expect(runCli(['list'], { home, lessons }).status).toBe(0);
    const cacheFiles = (pattern: RegExp) => readdirSync(path.join(home, 'cache')).filter((name) => pattern.test(name));
    expect(cacheFiles(/^exercises-\d+-.*\.json$/).map((name) => name.split('-')[1]).sort()).toEqual(['1', '2']);

    // Without the parsed pack and lesson 2's exercises, exercise 1.1 is still checked quickly:
    // nothing had to parse the pack again.
    for (const name of [...packCaches(home), ...cacheFiles(/^exercises-2-/)]) rmSync(path.join(home, 'cache', name));
    const quick = runCli(['verify', '1.1', answer], { home, lessons });
    expect(quick.status, quick.stderr).toBe(0);
    expect(packCaches(home)).toEqual([]);

    // Without its own lesson's, the full command checks it (and keeps the caches again).
    for (const name of cacheFiles(/^exercises-1-/)) rmSync(path.join(home, 'cache', name));
    const full = runCli(['verify', '1.1', answer], { home, lessons });
    expect(full).toEqual(quick);
    expect(packCaches(home)).toHaveLength(1);
    expect(cacheFiles(/^exercises-\d+-.*\.json$/)).toHaveLength(2);
  });
});
