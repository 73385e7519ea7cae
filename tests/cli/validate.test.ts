// `backend-intro validate` and `backend-intro init` end to end: the built CLI on one broken
// fixture pack per rule (tests/fixtures/validate/<rule>/), a good pack, the built-in pack, and
// packs that `init` writes.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, killRunningPtys, removeTempDirs, root, runCli, spawnPty, stripAnsi, tempDir, type CliResult } from './pty-helpers.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

const fixtures = path.join(root, 'tests', 'fixtures', 'validate');

/** Runs validate from the fixtures folder, so that messages name files as `<rule>/01-lesson.md`. */
function validate(args: string[], options: { cwd?: string; timeoutMs?: number; lessons?: string } = {}): CliResult {
  return runCli(['validate', ...args], { cwd: options.cwd ?? fixtures, timeoutMs: options.timeoutMs ?? 30_000, ...(options.lessons ? { lessons: options.lessons } : {}) });
}

function outputLines(result: CliResult): string[] {
  return result.stdout.split('\n').filter((line) => line !== '');
}

/**
 * For each rule: the start of every problem line, in order (file:line: and enough of the message
 * to tell which rule fired). Exactly these problems, and nothing else, must be reported.
 */
const brokenPacks: Record<string, string[]> = {
  'bad-yaml': [
    'bad-yaml/01-front.md:4: the front matter is not valid YAML (Map keys must be unique) — ',
    'bad-yaml/02-exercise.md:11: the exercise block is not valid YAML (Missing closing "quote) — ',
    'bad-yaml/03-quiz.md:12: the quiz block is not valid YAML (All sequence items must start at the same column) — ',
  ],
  'missing-field': [
    'missing-field/01-lesson.md:9: exercise "no-solution": "solution" is required — ',
    'missing-field/course.yaml:1: course.yaml: "title" is required — ',
  ],
  'unknown-field': ['unknown-field/01-lesson.md:14: exercise "typo": unknown field "hint" — the fields allowed here are: '],
  'duplicate-ids': [
    'duplicate-ids/01-a.md:2: the lesson id "same" is also used by duplicate-ids/02-b.md — ',
    'duplicate-ids/01-a.md:16: the exercise id "twice" is already used at line 8 — ',
    'duplicate-ids/02-b.md:2: the lesson id "same" is also used by duplicate-ids/01-a.md — ',
    'duplicate-ids/02-b.md:13: the question id "only" is already used at line 10 — ',
    'duplicate-ids/03-c.md:3: lesson number 2 is also used by duplicate-ids/02-b.md — ',
  ],
  'answer-not-a-choice': ['answer-not-a-choice/01-lesson.md:12: quiz question 1: the answer "201" is not one of the choices (200 OK | 201 Created) — copy it exactly from "choices"'],
  'unknown-type': ['unknown-type/01-lesson.md:10: exercise "snake": unknown exercise type "python" — use one of sql, http, js'],
  'missing-database': [
    'missing-database/01-lesson.md:4: the database "shop" needs the file data/shop.sql, which the pack does not have — add that file, or fix the name',
    'missing-database/01-lesson.md:16: exercise 1.2 "own-database": the database "warehouse" needs the file data/warehouse.sql, which the pack does not have — ',
  ],
  'database-outside': [
    'database-outside/01-front.md:4: front matter: "database" must be the plain name of a file in data/ (got "/etc/passwd") — ',
    'database-outside/02-exercise.md:11: exercise "escape": "database" must be the plain name of a file in data/ (got "../../secrets") — ',
  ],
  'broken-data': ['broken-data/data/shop.sql: this sample database does not load (The sample database broken-data/data/shop.sql has an error: no such table: product) — fix the SQL in this file'],
  'sql-solution-fails': [
    'sql-solution-fails/01-lesson.md:9: exercise 1.1 "typo": the reference solution fails on sql-solution-fails/data/shop.sql: no such table: product — fix the solution',
    'sql-solution-fails/01-lesson.md:16: exercise 1.2 "writes": the reference solution fails on sql-solution-fails/data/shop.sql: This exercise asks for a query that only reads',
    'sql-solution-fails/01-lesson.md:23: exercise 1.3 "only-sample": the reference solution fails on sql-solution-fails/data/shop.check.sql: UNIQUE constraint failed: products.id — fix the solution or the check queries',
    'sql-solution-fails/01-lesson.md:31: exercise 1.4 "blind-check": the check queries give the same results when nothing is changed, so any answer passes — ',
    'sql-solution-fails/01-lesson.md:39: exercise 1.5 "random": the reference solution fails the check "rows match the expected result": 1 row missing, 1 extra — fix the solution or the checks',
  ],
  'http-solution-fails': [
    'http-solution-fails/01-lesson.md:9: the reference solution of exercise 1.1 "syntax" does not start (missing ) after argument list) — fix the solution',
    'http-solution-fails/01-lesson.md:21: exercise 1.2 "wrong-status": the reference solution fails the check "GET /products/999": The status is 200 OK; expected 404 Not Found — fix the solution or the checks',
  ],
  'js-solution-fails': ['js-solution-fails/01-lesson.md:8: exercise 1.1 "triple": the reference solution fails the check "the tests pass": triple(2) should be 6'],
  'starter-passes': [
    'starter-passes/01-lesson.md:8: exercise 1.1 "hello": the starter already passes its own checks — the starter must leave something for the learner to do',
    'starter-passes/01-lesson.md:24: exercise 1.2 "is-even": the starter already passes its own checks — the starter must leave something for the learner to do',
  ],
  'no-lessons': ['no-lessons: the pack has no lessons — add a lesson file whose name starts with its number, like 01-intro.md'],
};

describe('validate on broken packs', () => {
  it.each(Object.entries(brokenPacks))('%s: every problem as file:line: what — how, then a summary; exit 1', (rule, expected) => {
    const result = validate([rule]);
    const lines = outputLines(result);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: '' });
    const problems = lines.slice(0, -1);
    expect(problems).toHaveLength(expected.length);
    problems.forEach((line, i) => expect(line.startsWith(expected[i]!), `line ${i + 1}:\n  ${line}\nshould start with\n  ${expected[i]}`).toBe(true));
    // Every problem says how to fix it after a dash.
    for (const line of problems) expect(line).toMatch(/ — \S/);
    expect(lines.at(-1)).toMatch(new RegExp(`^${rule}/: \\d+ lessons?, \\d+ exercises?, \\d+ questions? — ${expected.length} problems?$`));
  });

  it('goes on after a broken file: the other files of the pack are still checked', () => {
    // bad-yaml has three broken files; the rule table above holds one line for each. Here the
    // summary also counts all three lessons.
    expect(outputLines(validate(['bad-yaml'])).at(-1)).toBe('bad-yaml/: 3 lessons, 0 exercises, 0 questions — 3 problems');
  });

  it('--json prints { ok, problems: [{ file, line, message }] } and nothing else', () => {
    const result = validate(['missing-database', '--json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; problems: { file: string; line: number | null; message: string }[] };
    expect(report.ok).toBe(false);
    expect(report.problems.map(({ file, line }) => `${file}:${line}`)).toEqual(['missing-database/01-lesson.md:4', 'missing-database/01-lesson.md:16']);
    expect(report.problems[0]!.message).toBe('the database "shop" needs the file data/shop.sql, which the pack does not have — add that file, or fix the name');

    const noLine = JSON.parse(validate(['broken-data', '--json']).stdout) as typeof report;
    expect(noLine.problems).toHaveLength(1);
    expect(noLine.problems[0]!.line).toBeNull();
  });
});

describe('validate on good packs', () => {
  it('a pack with every exercise type and a quiz has no problems: exit 0, one summary line', () => {
    const result = validate(['good']);
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 0,
      stdout: 'good/: 1 lesson, 4 exercises, 3 questions — no problems\n',
      stderr: '',
    });
    const json = validate(['good', '--json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, lessons: 1, exercises: 4, questions: 3, problems: [] });
  });

  it('without a folder it checks the pack in use (BACKEND_INTRO_LESSONS)', () => {
    const result = validate([], { lessons: path.join(fixtures, 'starter-passes') });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('starter-passes/01-lesson.md:8: exercise 1.1 "hello": the starter already passes');
  });

  it('shows its progress on a terminal', async () => {
    const session = spawnPty(['validate', path.join(fixtures, 'good')]);
    expect(await session.exit).toBe(0);
    expect(session.text).toContain('checking reference solutions 3/4…');
    expect(session.text).toMatch(/good\/: 1 lesson, 4 exercises, 3 questions — no problems/);
  });

  it('the built-in pack has no problems', () => {
    const result = validate(['lessons'], { cwd: root, timeoutMs: 50_000 });
    // On failure the diff shows every problem found (lessons are written by several people).
    expect({ status: result.status, problems: outputLines(result).slice(0, -1) }).toEqual({ status: 0, problems: [] });
    expect(outputLines(result).at(-1)).toMatch(/^lessons\/: \d+ lessons, \d+ exercises, \d+ questions — no problems$/);
  }, 60_000);

  it('a folder that does not exist is a usage error (exit 2, one sentence)', () => {
    const result = validate(['no-such-pack']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('no-such-pack is not a folder; name the lesson pack folder to check, for example `backend-intro validate my-course`.\n');
  });
});

describe('init', () => {
  it('scaffolds a pack that validate passes as written, with an example of every exercise type and a quiz', () => {
    const parent = tempDir('bi-init-');
    const created = runCli(['init', 'My Course!'], { cwd: parent });
    expect({ status: created.status, stderr: created.stderr }).toEqual({ status: 0, stderr: '' });
    const dir = path.join(parent, 'My Course!');
    for (const file of ['course.yaml', '01-getting-started.md', 'data/shop.sql', 'data/shop.check.sql']) {
      expect(existsSync(path.join(dir, file)), file).toBe(true);
      expect(created.stdout).toContain(path.join('My Course!', file));
    }
    // The next steps name the folder as a shell word.
    expect(created.stdout).toContain("backend-intro --lessons-dir 'My Course!' list");
    expect(created.stdout).toContain("backend-intro validate 'My Course!'");

    const course = readFileSync(path.join(dir, 'course.yaml'), 'utf8');
    expect(course).toMatch(/^id: my-course$/m);
    expect(course).toMatch(/^title: "My Course!"$/m);
    expect(course).toMatch(/^format: 1$/m);
    const lesson = readFileSync(path.join(dir, '01-getting-started.md'), 'utf8');
    for (const kind of ['type: sql', 'check:', 'type: http', 'type: js', '```quiz']) expect(lesson).toContain(kind);

    const checked = runCli(['validate', 'My Course!'], { cwd: parent, timeoutMs: 30_000 });
    expect({ status: checked.status, stdout: checked.stdout }).toEqual({ status: 0, stdout: 'My Course!/: 1 lesson, 4 exercises, 3 questions — no problems\n' });

    const listed = runCli(['--lessons-dir', dir, 'list'], { cwd: parent });
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('Getting started');
  });

  it('refuses a folder that is not empty (exit 2, one sentence) and writes nothing', () => {
    const parent = tempDir('bi-init-');
    const dir = path.join(parent, 'taken');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const result = runCli(['init', 'taken'], { cwd: parent });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('taken already exists and is not empty; name a new folder for the pack (init never writes among existing files).\n');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('writes into an existing empty folder', () => {
    const dir = tempDir('bi-init-empty-');
    const result = runCli(['init', '.'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['01-getting-started.md', 'course.yaml', 'data']);
    expect(stripAnsi(result.stdout)).toContain('backend-intro validate .');
  });
});
