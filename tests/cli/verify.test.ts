// `backend-intro verify` and `backend-intro hint` end to end: the built CLI, run without a
// terminal (as scripts and graders run it), on the verify-pack fixture.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTempDirs, root, runCli, tempDir, type CliResult } from './pty-helpers.js';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const pack = path.join(root, 'tests', 'fixtures', 'verify-pack');
const esc = '\x1b';
const stackTrace = /^\s+at .+[:(]\d+|\bError: |node:internal/m;

const right = 'SELECT name, city FROM customers WHERE city IS NOT NULL;\n';
const wrong = 'SELECT name, city FROM customers;\n';
const runaway = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT count(*) FROM r;\n';

interface Learner {
  home: string;
  workspace: string;
  /** Where answer files are written (and the working folder of every run). */
  files: string;
}

function learner(): Learner {
  return { home: tempDir('bi-verify-home-'), workspace: tempDir('bi-verify-work-'), files: tempDir('bi-verify-files-') };
}

function answerFile(who: Learner, text: string, name = 'answer.sql'): string {
  const file = path.join(who.files, name);
  writeFileSync(file, text);
  return file;
}

function cli(who: Learner, args: string[], lessons = pack): CliResult {
  return runCli(args, { home: who.home, lessons, cwd: who.files, env: { BACKEND_INTRO_WORKSPACE: who.workspace } });
}

interface VerifyJson {
  exercise: string;
  id: string;
  passed: boolean;
  checks: { name: string; passed: boolean; message: string; diagnosis?: string; expected?: string; actual?: string }[];
}

/** stdout must be exactly one JSON object. */
function parseOne(stdout: string): VerifyJson {
  const text = stdout.trim();
  expect(text.startsWith('{') && text.endsWith('}')).toBe(true);
  return JSON.parse(text) as VerifyJson;
}

interface ProgressLesson {
  id: string;
  status: 'not started' | 'in progress' | 'done';
  pages: number;
  exercises: number;
  /** Added while these tests were written (src/commands/overview.ts); checked when present. */
  exercisesPassed?: number;
}

function progress(who: Learner): { lessons: ProgressLesson[]; percent: number } {
  const result = cli(who, ['progress', '--json']);
  if (result.status !== 0) throw new Error(`progress --json exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as { lessons: ProgressLesson[]; percent: number };
}

// ---------------------------------------------------------------------------------------------

describe('verify <id> <file>: text verdict', () => {
  it('exits 0 for a right answer and lists both checks', () => {
    const who = learner();
    const result = cli(who, ['verify', '1.1', answerFile(who, right)]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      '✓ Exercise 1.1 · city-customers: passed',
      '  ✓ rows match the expected result',
      '  ✓ rows match on a second dataset',
    ]);
  });

  it('exits 1 for a wrong answer and prints the verdict: message and both tables', () => {
    const who = learner();
    const result = cli(who, ['verify', '1.1', answerFile(who, wrong)]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    expect(out).toMatch(/^✗ Exercise 1\.1 · city-customers: not yet\n {2}✗ rows match the expected result\n/);
    expect(out).not.toContain('second dataset');
    expect(out).toContain('\n1 extra row\n');
    expect(out).toMatch(/Expected +Your result/);
    expect(out).toMatch(/Bob +NULL/);
    expect(out).not.toMatch(stackTrace);
  });

  it('accepts lesson-id/exercise-id as well as N.M', () => {
    const who = learner();
    const result = cli(who, ['verify', 'queries/cheapest-first', answerFile(who, 'SELECT name, price FROM products ORDER BY price DESC;')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ Exercise 1.2 · cheapest-first: not yet');
    expect(result.stdout).toContain('Right rows, wrong order (first difference at row 1)');
    expect(result.stdout).toMatch(/Hint: Your rows come in exactly the reverse order/);
  });

  it('an answer hard-coded to the sample data fails with "depends on this data"', () => {
    const who = learner();
    const result = cli(who, ['verify', '1.1', answerFile(who, 'SELECT name, city FROM customers WHERE id IN (1, 3, 4);')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('  ✓ rows match the expected result\n  ✗ rows match on a second dataset');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('it depends on this data');
  });

  it('a change exercise: right exits 0 with four checks; a foreign-key failure exits 1 with SQLite’s message', () => {
    const who = learner();
    const ok = cli(who, ['verify', '1.5', answerFile(who, "BEGIN;\nDELETE FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE name = 'Bob');\nDELETE FROM customers WHERE name = 'Bob';\nCOMMIT;\n")]);
    expect(ok.status).toBe(0);
    expect(ok.stdout.match(/ {2}✓ /g)).toHaveLength(4);
    const fk = cli(who, ['verify', '1.5', answerFile(who, "DELETE FROM customers WHERE name = 'Bob';\n", 'fk.sql')]);
    expect(fk.status).toBe(1);
    expect(fk.stdout).toContain('  ✗ your statements run');
    expect(fk.stdout).toContain('FOREIGN KEY constraint failed');
  });
});

describe('verify --json', () => {
  it('prints exactly one JSON object for a wrong answer, with the SPEC fields, and exits 1', () => {
    const who = learner();
    const result = cli(who, ['verify', '1.1', answerFile(who, wrong), '--json']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const json = parseOne(result.stdout);
    expect(Object.keys(json)).toEqual(['exercise', 'id', 'passed', 'checks']);
    expect(json).toMatchObject({ exercise: '1.1', id: 'queries/city-customers', passed: false });
    expect(json.checks).toHaveLength(1);
    const [check] = json.checks;
    expect(check).toMatchObject({ name: 'rows match the expected result', passed: false, message: '1 extra row' });
    expect(typeof check!.expected).toBe('string');
    expect(typeof check!.actual).toBe('string');
    expect(check!.expected!.split('\n')[0]).toMatch(/^name +city *$/);
    expect(check!.expected).not.toContain('Bob');
    expect(check!.actual).toMatch(/Bob +NULL/);
  });

  it('prints passed: true and every check for a right answer, and exits 0', () => {
    const who = learner();
    const result = cli(who, ['verify', 'queries/city-customers', answerFile(who, right), '--json']);
    expect(result.status).toBe(0);
    const json = parseOne(result.stdout);
    expect(json).toMatchObject({ exercise: '1.1', id: 'queries/city-customers', passed: true });
    expect(json.checks.map(({ name, passed, message }) => ({ name, passed, message }))).toEqual([
      { name: 'rows match the expected result', passed: true, message: 'matches the answer (3 rows)' },
      { name: 'rows match on a second dataset', passed: true, message: 'matches the answer (3 rows)' },
    ]);
  });

  it('carries the diagnosis and the change checks’ names', () => {
    const who = learner();
    const result = cli(who, ['verify', '1.4', answerFile(who, "INSERT INTO products (name, price) VALUES ('Eraser', 5);"), '--json']);
    expect(result.status).toBe(1);
    const json = parseOne(result.stdout);
    expect(json).toMatchObject({ exercise: '1.4', id: 'queries/add-eraser', passed: false });
    expect(json.checks.map((check) => [check.name, check.passed])).toEqual([
      ['SELECT name, price FROM products ORDER BY id', false],
      ['SELECT count(*) FROM products', true],
    ]);
    expect(json.checks[0]!.message).toBe('after your change, `SELECT name, price FROM products ORDER BY id` differs: 1 row missing, 1 extra');
  });
});

describe('verify: usage errors exit 2', () => {
  it.each([
    ['9.9', 'There is no lesson 9; lessons are 1–2. Try `backend-intro list`.'],
    ['1.99', 'Lesson 1 has no exercise 1.99; its exercises are 1.1–1.5. Try `backend-intro lesson 1 --print` to see them.'],
    ['nope', '"nope" is not an exercise id; use the lesson and exercise numbers, like 3.2, or lesson-id/exercise-id.'],
    ['queries/nope', 'Lesson 1 has no exercise "nope"; its exercises are 1.1–1.5. Try `backend-intro lesson 1 --print` to see them.'],
  ])('unknown exercise %s', (id, message) => {
    const who = learner();
    const result = cli(who, ['verify', id, answerFile(who, right)]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${message}\n`);
  });

  it('a missing answer file, no file given: names the default workspace path', () => {
    const who = learner();
    const expected = path.join(who.workspace, 'queries', 'city-customers.sql');
    const result = cli(who, ['verify', '1.1']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`There is no answer file at ${expected}; write your SQL there, or name a file: \`backend-intro verify 1.1 answer.sql\`.\n`);
  });

  it('a missing answer file that was named: says it cannot be read', () => {
    const who = learner();
    const result = cli(who, ['verify', '1.1', 'no-such.sql']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('Cannot read no-such.sql (no such file); check the path.\n');
  });

  it('a JavaScript file for an SQL exercise, or SQL for a code one, is the wrong file: exit 2, and no attempt counted', () => {
    const who = learner();
    const sqlForCode = cli(who, ['verify', '2.2', answerFile(who, 'SELECT 1;')]);
    expect(sqlForCode.status).toBe(2);
    expect(sqlForCode.stderr).toBe('Exercise 2.2 is an http exercise: its answer is a JavaScript file (.mjs), not answer.sql; name that file (or check the exercise number).\n');
    const codeForSql = cli(who, ['verify', '1.1', answerFile(who, 'export default 1;', 'answer.mjs')]);
    expect(codeForSql.status).toBe(2);
    expect(codeForSql.stderr).toBe('Exercise 1.1 is an SQL exercise, and answer.mjs looks like JavaScript; name the .sql file with your query (or check the exercise number).\n');
    const progress = JSON.parse(cli(who, ['progress', '--json']).stdout) as { lessons: { status: string }[] };
    expect(progress.lessons.map((lesson) => lesson.status)).toEqual(['not started', 'not started']);
  });

  it('a code exercise with no file in the workspace exits 2 and names `exercise`, which writes the starter', () => {
    const who = learner();
    const result = cli(who, ['verify', '2.2']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^There is no answer file at .*code[\/\\]hello-route\.mjs; run `backend-intro exercise 2\.2` to get a starter file there/);
  });
});

describe('verify: js and http exercises', () => {
  it('a js answer that passes the tests exits 0; one that fails shows the assertion and exits 1', () => {
    const who = learner();
    const ok = cli(who, ['verify', '2.1', answerFile(who, 'export function double(n) { return n + n; }\n', 'double.mjs')]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('✓ Exercise 2.1 · double: passed');

    const bad = cli(who, ['verify', '2.1', answerFile(who, 'export function double(n) { return n * 3; }\n', 'triple.mjs')]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('✗ the tests pass');
    expect(bad.stdout).toMatch(/Expected values to be strictly equal:[\s\S]*6 !== 4/);
  });

  it('an http answer is compared with the reference solution; a wrong body exits 1 with the curl line and both bodies', () => {
    const who = learner();
    const right = "export default function (app) {\n  app.get('/hello', (req, res) => res.json({ message: 'hello' }));\n}\n";
    const ok = cli(who, ['verify', '2.2', answerFile(who, right, 'hello.mjs')]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('✓ GET /hello');

    const wrong = right.replace("'hello' }", "'hi' }");
    const bad = cli(who, ['verify', '2.2', answerFile(who, wrong, 'hi.mjs'), '--json']);
    expect(bad.status).toBe(1);
    const json = JSON.parse(bad.stdout) as { passed: boolean; checks: { name: string; message: string; response: { status: number; body: string } }[] };
    expect(json.passed).toBe(false);
    expect(json.checks[0]).toMatchObject({ name: 'GET /hello', message: 'In the body, message is "hi"; expected "hello".', response: { status: 200, body: '{"message":"hi"}' } });

    const text = cli(who, ['verify', '2.2', path.join(who.files, 'hi.mjs')]);
    expect(text.stdout).toContain('curl -i http://127.0.0.1:3000/hello');
    expect(text.stdout).toContain('> GET /hello HTTP/1.1');
    expect(text.stdout).toContain('< {"message": "hi"}');
  });
});

describe('verify: the workspace file', () => {
  it('uses <workspace>/<lesson-id>/<exercise-id>.sql when no file is given', () => {
    const who = learner();
    mkdirSync(path.join(who.workspace, 'queries'), { recursive: true });
    writeFileSync(path.join(who.workspace, 'queries', 'city-customers.sql'), right);
    const ok = cli(who, ['verify', '1.1']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('✓ Exercise 1.1 · city-customers: passed');

    writeFileSync(path.join(who.workspace, 'queries', 'city-customers.sql'), wrong);
    const notYet = cli(who, ['verify', 'queries/city-customers']);
    expect(notYet.status).toBe(1);
    expect(notYet.stdout).toContain('✗ Exercise 1.1 · city-customers: not yet');
  });
});

describe('verify: runaway SQL', () => {
  it('stops an endless recursive CTE: exit 1 within about 5 s with the "was stopped" message', () => {
    const who = learner();
    const start = performance.now();
    const result = cli(who, ['verify', '1.1', answerFile(who, runaway)]);
    const ms = performance.now() - start;
    expect(result.status).toBe(1);
    expect(result.signal).toBeNull();
    expect(ms).toBeGreaterThan(3000);
    expect(ms).toBeLessThan(5500);
    expect(result.stdout).toContain('✗ rows match the expected result');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('The SQL ran for more than 3 seconds and was stopped.');
    expect(result.stdout).not.toMatch(stackTrace);
  });
});

describe('verify: progress', () => {
  it('a passed verify counts in `progress --json`; a failed one only starts the lesson', () => {
    const who = learner();
    const before = progress(who);
    expect(before.lessons.map((lesson) => [lesson.id, lesson.status, lesson.exercises])).toEqual([
      ['queries', 'not started', 5],
      ['code', 'not started', 2],
    ]);
    expect(before.percent).toBe(0);

    expect(cli(who, ['verify', '1.1', answerFile(who, wrong)]).status).toBe(1);
    const failed = progress(who);
    expect(failed.lessons[0]!.status).toBe('in progress');
    expect(failed.percent).toBe(0);
    expect(failed.lessons[0]!.exercisesPassed).toBe(0);

    expect(cli(who, ['verify', '1.1', answerFile(who, right, 'right.sql')]).status).toBe(0);
    const passed = progress(who);
    // Steps: every page and every exercise (5 sql, 1 js, 1 http), no quizzes; one exercise is done.
    const steps = passed.lessons.reduce((sum, lesson) => sum + lesson.pages, 0) + 7;
    expect(passed.percent).toBe(Math.round(100 / steps));
    expect(passed.lessons[0]!.status).toBe('in progress');
    expect(passed.lessons.map((lesson) => lesson.exercisesPassed)).toEqual([1, 0]);

    // A later wrong attempt does not undo the pass.
    expect(cli(who, ['verify', '1.1', answerFile(who, wrong, 'again.sql')]).status).toBe(1);
    expect(progress(who).percent).toBe(passed.percent);
  });
});

describe('hint', () => {
  it('shows hint 1, then hint 2, then says all were seen and lists them', () => {
    const who = learner();
    const first = cli(who, ['hint', '1.1']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('Hint 1 of 2 for exercise 1.1:\nHINT-ONE a missing city is NULL.\nRun `backend-intro hint 1.1` again for the next one.\n');

    const second = cli(who, ['hint', 'queries/city-customers']);
    expect(second.stderr).toBe('');
    expect(second.status).toBe(0);
    expect(second.stdout).toBe('Hint 2 of 2 for exercise 1.1:\nHINT-TWO use IS NOT NULL; a comparison with NULL is never true.\n');

    const third = cli(who, ['hint', '1.1']);
    expect(third.stderr).toBe('');
    expect(third.status).toBe(0);
    expect(third.stdout).toBe(
      'You have seen all 2 hints for exercise 1.1:\n1. HINT-ONE a missing city is NULL.\n2. HINT-TWO use IS NOT NULL; a comparison with NULL is never true.\n',
    );
  });

  it('counts hints per exercise', () => {
    const who = learner();
    expect(cli(who, ['hint', '1.1']).stdout).toContain('Hint 1 of 2');
    expect(cli(who, ['hint', '1.2']).stdout).toBe('Hint 1 of 1 for exercise 1.2:\nORDER BY sorts ascending by default.\n');
    expect(cli(who, ['hint', '1.2']).stdout).toContain('You have seen the only hint for exercise 1.2:');
    expect(cli(who, ['hint', '1.1']).stdout).toContain('Hint 2 of 2');
  });

  it('an exercise without hints says so; an unknown one exits 2', () => {
    const who = learner();
    const none = cli(who, ['hint', '2.1']);
    expect(none.status).toBe(0);
    expect(none.stdout).toBe('Exercise 2.1 has no hints. Re-read its task with `backend-intro lesson 2 --print`.\n');
    const unknown = cli(who, ['hint', '1.9']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^Lesson 1 has no exercise 1\.9/);
  });
});

describe('control characters in data', () => {
  it('never reach stdout raw: the ESC in a customer’s name is shown as ^[', () => {
    const who = learner();
    const text = cli(who, ['verify', '1.1', answerFile(who, wrong)]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('^[[31mred');
    expect(text.stdout).not.toContain(esc);
    expect(text.stderr).not.toContain(esc);

    const json = cli(who, ['verify', '1.1', answerFile(who, wrong), '--json']);
    expect(json.status).toBe(1);
    expect(json.stdout).not.toContain(esc);
    const parsed = parseOne(json.stdout);
    expect(parsed.checks[0]!.actual).toContain('^[[31mred');
    expect(parsed.checks[0]!.actual).not.toContain(esc);
  });

  it('a change exercise’s tables neutralise them too', () => {
    const who = learner();
    const result = cli(who, ['verify', '1.5', answerFile(who, "BEGIN; DELETE FROM orders WHERE customer_id = 2; COMMIT;")]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('^[[31mred');
    expect(result.stdout).not.toContain(esc);
  });

  it('an answer that selects an ESC byte itself is neutralised as well', () => {
    const who = learner();
    const result = cli(who, ['verify', '1.1', answerFile(who, "SELECT char(27) || '[2J' || name, city FROM customers;")]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('^[[2JAlice');
    expect(result.stdout).not.toContain(esc);
  });
});

describe('verify: a broken pack', () => {
  it('a reference solution that fails is a pack problem: exit 2, one sentence, no stack trace', () => {
    const who = learner();
    const copy = path.join(tempDir('bi-verify-pack-'), 'verify-pack');
    cpSync(pack, copy, { recursive: true });
    const lesson = path.join(copy, '01-q.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('WHERE city IS NOT NULL;', 'WHERE town IS NOT NULL;'));
    const result = cli(who, ['verify', '1.1', answerFile(who, right)], copy);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'The lesson pack has a problem: shop.sql: the reference solution of exercise "city-customers" fails on this dataset (no such column: town) — fix the solution or the data\n',
    );
  });
});
