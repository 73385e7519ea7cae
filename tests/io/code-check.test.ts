// Integration tests of checkHttpExercise and checkJsExercise (src/io/code-check.ts): real code
// worker processes (dist/code-worker.cjs, built by the global setup), real mini servers on
// 127.0.0.1, learner files in a temporary folder. One test per way a learner's code can fail,
// each asserting what the learner is told — and that the tutorial (this test process) carries on:
// the next check on the same runner works.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpExercise, HttpRequestSpec, JsExercise } from '../../src/core/model.js';
import type { CheckOutcome, Verdict } from '../../src/core/verdict.js';
import { checkHttpExercise, checkJsExercise, type ExerciseSource } from '../../src/io/code-check.js';
import { CodeRunner } from '../../src/io/code-runner.js';
import { nativeBinding } from '../../src/io/native-binding.js';
import { builtInLessonsDir } from '../../src/io/paths.js';
import { packErrorOf } from '../helpers/pack.js';

const source: ExerciseSource = { label: '9.4', lessonFile: 'lessons/09-testing.md' };
const exerciseLine = 42;
/** No http exercise here uses a database except the dataset tests, so any folder will do. */
const noPack = os.tmpdir();

let runner: CodeRunner;
let dir: string;

beforeEach(() => {
  runner = new CodeRunner();
  dir = mkdtempSync(path.join(os.tmpdir(), 'bi-code-check-'));
});

afterEach(() => {
  runner.close();
  rmSync(dir, { recursive: true, force: true });
});

// -- helpers ----------------------------------------------------------------------------------

let fileCount = 0;

/** Writes a learner's answer to a new .mjs file in the temporary folder. */
function learnerFile(code: string): string {
  const file = path.join(dir, `answer-${++fileCount}.mjs`);
  writeFileSync(file, code);
  return file;
}

/** "GET /x" or a full spec. */
type RequestInput = string | (Partial<HttpRequestSpec> & { method: string; path: string });

function httpExercise(solution: string, requests: RequestInput[], options: { headers?: string[]; database?: string } = {}): HttpExercise {
  return {
    type: 'http',
    id: 'test-exercise',
    position: 4,
    prompt: 'A test exercise.',
    solution,
    hints: [],
    line: exerciseLine,
    requests: requests.map((request) => {
      if (typeof request !== 'string') return { headers: {}, ...request };
      const [method, requestPath] = request.split(' ');
      return { method: method!, path: requestPath!, headers: {} };
    }),
    headers: options.headers ?? ['content-type'],
    ...(options.database ? { database: options.database } : {}),
  };
}

function jsExercise(tests: string): JsExercise {
  return { type: 'js', id: 'test-js', position: 5, prompt: 'A js exercise.', solution: 'export {}', hints: [], line: exerciseLine, tests };
}

function checkHttp(exercise: HttpExercise, code: string, packDir = noPack): Promise<Verdict> {
  return checkHttpExercise(runner, packDir, source, exercise, learnerFile(code));
}

function checkJs(exercise: JsExercise, code: string): Promise<Verdict> {
  return checkJsExercise(runner, exercise, learnerFile(code));
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

const summary = (verdict: Verdict) => verdict.checks.map((check) => [check.name, check.passed]);

/** The one failed check of a verdict: the last one (checks stop at the first failure). */
function failure(verdict: Verdict): CheckOutcome {
  expect(verdict.passed).toBe(false);
  const failed = verdict.checks.filter((check) => !check.passed);
  expect(failed).toHaveLength(1);
  expect(verdict.checks.at(-1)).toBe(failed[0]);
  return failed[0]!;
}

/** Waits (up to 2 s) until process `pid` no longer exists. */
async function expectGone(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 40 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(alive()).toBe(false);
}

/** A JS string literal of a path, to put into learner code. */
const literal = (text: string) => JSON.stringify(text);

// A small exercise most tests use: a hello route.
const helloSolution = `export default function (app) {
  app.get('/hello', (req, res) => res.json({ message: 'hello' }));
}
`;
const helloExercise = () => httpExercise(helloSolution, ['GET /hello']);

/** The tutorial carries on: a right answer on the same runner still passes. */
async function expectRunnerStillWorks(): Promise<void> {
  const verdict = await checkHttp(helloExercise(), helloSolution);
  expect(summary(verdict)).toEqual([['GET /hello', true]]);
}

/**
 * A books API whose solution and learner both log every request they get to a file (one line
 * per request): proof of which requests were sent. `log` is where the learner's app writes.
 */
function loggingBooks(log: string, overrides: { list?: string; add?: string; addHeaders?: string } = {}): string {
  return `import { appendFileSync } from 'node:fs';
const books = [{ id: 1, title: 'Dune' }, { id: 2, title: 'Emma' }];
let count = 0;

export default function (app) {
  app.use((req, res, next) => {
    count += 1;
    appendFileSync(${literal(log)}, \`\${count} \${req.method} \${req.url}\\n\`);
    next();
  });
  app.get('/books', (req, res) => ${overrides.list ?? 'res.json({ books })'});
  app.post('/books', (req, res) => {
    const book = { id: books.length + 1, title: req.body.title };
    books.push(book);
    ${overrides.add ?? `res.status(201).set('Location', \`/books/\${book.id}\`).json(book)`};
  });
}
`;
}

const booksRequests: RequestInput[] = ['GET /books', { method: 'POST', path: '/books', json: { title: 'Moby Dick' } }, 'GET /books', 'GET /books'];
const requestLog = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []);

// -- http: right and wrong answers -------------------------------------------------------------

describe('http: answers compared with the reference solution', () => {
  it('a right answer passes, every request checked in order', async () => {
    const solutionLog = path.join(dir, 'solution.log');
    const learnerLog = path.join(dir, 'learner.log');
    const verdict = await checkHttp(httpExercise(loggingBooks(solutionLog), booksRequests, { headers: ['content-type', 'location'] }), loggingBooks(learnerLog));
    expect(summary(verdict)).toEqual([
      ['GET /books', true],
      ['POST /books {"title":"Moby Dick"}', true],
      ['GET /books', true],
      ['GET /books', true],
    ]);
    expect(verdict.passed).toBe(true);
    expect(verdict.checks.map((check) => check.message)).toEqual(['', '', '', '']);
    const post = verdict.checks[1]!.exchange!;
    expect(post.request).toEqual({ method: 'POST', path: '/books', headers: { 'content-type': 'application/json' }, body: '{"title":"Moby Dick"}' });
    expect(post.response!.status).toBe(201);
    expect(post.response!.headers.location).toBe('/books/3');
    expect(JSON.parse(post.response!.body)).toEqual({ id: 3, title: 'Moby Dick' });
    expect(post.expected).toEqual({ status: 201, headers: { 'content-type': 'application/json; charset=utf-8', location: '/books/3' }, json: { id: 3, title: 'Moby Dick' } });
    expect(post.differences).toEqual([]);
    expect(requestLog(learnerLog)).toEqual(['1 GET /books', '2 POST /books', '3 GET /books', '4 GET /books']);
    expect(requestLog(solutionLog)).toEqual(['1 GET /books', '2 POST /books', '3 GET /books', '4 GET /books']);
  });

  it('a wrong status fails at that request, and the later requests are never sent', async () => {
    const solutionLog = path.join(dir, 'solution.log');
    const learnerLog = path.join(dir, 'learner.log');
    const learner = loggingBooks(learnerLog, { add: 'res.json(book)' });
    const verdict = await checkHttp(httpExercise(loggingBooks(solutionLog), booksRequests), learner);
    expect(summary(verdict)).toEqual([
      ['GET /books', true],
      ['POST /books {"title":"Moby Dick"}', false],
    ]);
    expect(failure(verdict).message).toBe('The status is 200 OK; expected 201 Created.');
    expect(failure(verdict).exchange!.differences).toEqual(['The status is 200 OK; expected 201 Created.']);
    // Neither app saw the two GET /books after the POST.
    expect(requestLog(learnerLog)).toEqual(['1 GET /books', '2 POST /books']);
    expect(requestLog(solutionLog)).toEqual(['1 GET /books', '2 POST /books']);
    await expectRunnerStillWorks();
  });

  it('a wrong listed header fails at that request; unlisted headers are not compared', async () => {
    const learnerLog = path.join(dir, 'learner.log');
    const learner = loggingBooks(learnerLog, { add: `res.status(201).set('Location', '/book/' + book.id).set('X-Extra', 'yes').json(book)` });
    const exercise = httpExercise(loggingBooks(path.join(dir, 'solution.log')), booksRequests, { headers: ['content-type', 'location'] });
    const verdict = await checkHttp(exercise, learner);
    expect(summary(verdict)).toEqual([
      ['GET /books', true],
      ['POST /books {"title":"Moby Dick"}', false],
    ]);
    expect(failure(verdict).message).toBe('The location header is "/book/3"; expected "/books/3".');
    expect(requestLog(learnerLog)).toEqual(['1 GET /books', '2 POST /books']);

    // Not listed: the same wrong Location passes.
    const unlisted = await checkHttp(httpExercise(loggingBooks(path.join(dir, 'solution2.log')), booksRequests), loggingBooks(path.join(dir, 'learner2.log'), { add: `res.status(201).set('Location', '/nowhere').json(book)` }));
    expect(unlisted.passed).toBe(true);
  });

  it('a wrong JSON body fails at the first differing request, naming the path inside the body', async () => {
    const learnerLog = path.join(dir, 'learner.log');
    // Right until a book is added: then the new book's title comes out in capitals.
    const learner = loggingBooks(learnerLog, { list: 'res.json({ books: books.map((b) => (b.id > 2 ? { ...b, title: b.title.toUpperCase() } : b)) })' });
    const verdict = await checkHttp(httpExercise(loggingBooks(path.join(dir, 'solution.log')), booksRequests), learner);
    expect(summary(verdict)).toEqual([
      ['GET /books', true],
      ['POST /books {"title":"Moby Dick"}', true],
      ['GET /books', false],
    ]);
    expect(failure(verdict).message).toBe('In the body, books[2].title is "MOBY DICK"; expected "Moby Dick".');
    expect(requestLog(learnerLog)).toEqual(['1 GET /books', '2 POST /books', '3 GET /books']);
  });

  it('a body sent as text where the solution sends JSON', async () => {
    const learner = `export default function (app) {
  app.get('/hello', (req, res) => res.send('hello'));
}
`;
    const verdict = await checkHttp(helloExercise(), learner);
    expect(failure(verdict).message).toBe('The content-type header is "text/plain; charset=utf-8"; expected "application/json; charset=utf-8".');
    expect(failure(verdict).exchange!.differences).toEqual([
      'The content-type header is "text/plain; charset=utf-8"; expected "application/json; charset=utf-8".',
      'The body is not JSON: "hello". Send it with res.json(…).',
    ]);
  });
});

describe('http: `expect` on a request', () => {
  const solution = `export default function (app) {
  app.get('/books/:id', (req, res) => {
    if (!/^\\d+$/.test(req.params.id)) return res.status(400).json({ error: 'bad id ' + req.params.id });
    res.json({ id: Number(req.params.id) });
  });
}
`;
  const requests: RequestInput[] = ['GET /books/1', { method: 'GET', path: '/books/abc', expect: { status: 400 } }, 'GET /books/2'];

  it('checks only the fields listed: another body and content-type pass', async () => {
    const learner = `export default function (app) {
  app.get('/books/:id', (req, res) => {
    if (!/^\\d+$/.test(req.params.id)) return res.status(400).send('that is not a number');
    res.json({ id: Number(req.params.id) });
  });
}
`;
    const verdict = await checkHttp(httpExercise(solution, requests), learner);
    expect(summary(verdict)).toEqual([
      ['GET /books/1', true],
      ['GET /books/abc', true],
      ['GET /books/2', true],
    ]);
    expect(verdict.checks[1]!.exchange!.expected).toEqual({ status: 400 });
  });

  it('a listed field that differs fails', async () => {
    const learner = `export default function (app) {
  app.get('/books/:id', (req, res) => res.json({ id: Number(req.params.id) }));
}
`;
    const verdict = await checkHttp(httpExercise(solution, requests), learner);
    expect(summary(verdict)).toEqual([
      ['GET /books/1', true],
      ['GET /books/abc', false],
    ]);
    expect(failure(verdict).message).toBe('The status is 200 OK; expected 400 Bad Request.');
  });

  it('expected headers and JSON are checked too', async () => {
    const exercise = httpExercise(solution, [{ method: 'GET', path: '/old', expect: { status: 301, headers: { location: '/new' }, json: { moved: true } } }]);
    const right = `export default function (app) {
  app.get('/old', (req, res) => res.status(301).set('Location', '/new').set('X-Other', '1').json({ moved: true }));
}
`;
    expect(summary(await checkHttp(exercise, right))).toEqual([['GET /old', true]]);
    const wrong = right.replace("'/new'", "'/newer'");
    expect(failure(await checkHttp(exercise, wrong)).message).toBe('The location header is "/newer"; expected "/new".');
  });

  it('when every request has an expect, the reference solution is not even started', async () => {
    const exercise = httpExercise('this is not JavaScript {', [{ method: 'GET', path: '/hello', expect: { status: 200, json: { message: 'hello' } } }]);
    const verdict = await checkHttp(exercise, helloSolution);
    expect(summary(verdict)).toEqual([['GET /hello', true]]);
  });
});

// -- http: the learner's file does not load ----------------------------------------------------

describe('http: files that do not load', () => {
  const loadCheck = 'your file loads and sets up its routes';

  it('a syntax error: the message, and its line, column and text', async () => {
    const file = learnerFile(`export default function (app) {
  app.get('/hello', (req, res) => {
    res.json({ message: 'hello' );
  });
}
`);
    const verdict = await checkHttpExercise(runner, noPack, source, helloExercise(), file);
    expect(summary(verdict)).toEqual([[loadCheck, false]]);
    const check = failure(verdict);
    expect(check.message).toMatch(/^Your file has a syntax error, so it cannot run\. Fix the line shown below/);
    expect(check.error!.name).toBe('SyntaxError');
    expect(check.error!.message).toMatch(/missing \) after argument list|Unexpected token/);
    expect(check.error!.location).toEqual({ file, line: 3, column: 33, text: "    res.json({ message: 'hello' );" });
    await expectRunnerStillWorks();
  });

  it('a file that throws at the top level: the error and the line it came from', async () => {
    const file = learnerFile(`const books = [];
console.log('loading books');
throw new Error('no books today');

export default function (app) {}
`);
    const verdict = await checkHttpExercise(runner, noPack, source, helloExercise(), file);
    expect(summary(verdict)).toEqual([[loadCheck, false]]);
    const check = failure(verdict);
    expect(check.message).toBe('Your file stopped with an error while loading, before any request was sent.');
    expect(check.error).toMatchObject({ name: 'Error', message: 'no books today', location: { file, line: 3, column: 7, text: "throw new Error('no books today');" } });
    expect(check.error!.stack).toHaveLength(1);
    expect(check.error!.stack[0]).toBe(`at ${pathToFileURL(file).href}:3:7`);
    expect(check.output).toEqual(['loading books']);
    await expectRunnerStillWorks();
  });

  it('a file that imports a missing module: a load error naming the module and the file', async () => {
    const file = learnerFile(`import { helper } from './helpers.mjs';

export default function (app) {
  app.get('/hello', (req, res) => res.json(helper()));
}
`);
    const verdict = await checkHttpExercise(runner, noPack, source, helloExercise(), file);
    expect(summary(verdict)).toEqual([[loadCheck, false]]);
    const check = failure(verdict);
    expect(check.message).toBe('Your file stopped with an error while loading, before any request was sent.');
    expect(check.error!.message).toBe(`Cannot find module '${path.join(dir, 'helpers.mjs')}' imported from ${file}`);
    await expectRunnerStillWorks();
  });

  // The error of a failed import has no stack frame in the learner's file: the worker finds the line.
  it('a file that imports a missing module: the location is the import line', async () => {
    const file = learnerFile(`import { helper } from './helpers.mjs';

export default function (app) {}
`);
    const check = failure(await checkHttpExercise(runner, noPack, source, helloExercise(), file));
    expect(check.error!.location).toMatchObject({ file, line: 1, text: "import { helper } from './helpers.mjs';" });
  });

  it('a file that imports a name a module does not export: the name in the error', async () => {
    const file = learnerFile(`import { readFileSync, readEverything } from 'node:fs';

export default function (app) {}
`);
    const verdict = await checkHttpExercise(runner, noPack, source, helloExercise(), file);
    expect(summary(verdict)).toEqual([[loadCheck, false]]);
    expect(failure(verdict).error!.message).toBe("The requested module 'node:fs' does not provide an export named 'readEverything'");
  });

  // This link error is a SyntaxError that `node --check` does not see: the import line is found by name.
  it('a file that imports a name a module does not export: the line is shown', async () => {
    const file = learnerFile(`import { readFileSync, readEverything } from 'node:fs';

export default function (app) {}
`);
    const check = failure(await checkHttpExercise(runner, noPack, source, helloExercise(), file));
    expect(check.error!.location).toMatchObject({ file, line: 1, text: "import { readFileSync, readEverything } from 'node:fs';" });
  });

  it('no default export function', async () => {
    const verdict = await checkHttp(helloExercise(), `export function setup(app) {
  app.get('/hello', (req, res) => res.json({ message: 'hello' }));
}
export const port = 3000;
`);
    expect(summary(verdict)).toEqual([[loadCheck, false]]);
    expect(failure(verdict).message).toBe('The file has no default export function. It must start with `export default function (app, { db }) {` (it exports port, setup).');
    expect(failure(verdict).error).toBeUndefined();
  });

  it('a default export that is not a function', async () => {
    const verdict = await checkHttp(helloExercise(), 'export default { hello: true };\n');
    expect(failure(verdict).message).toBe('The file has no default export function. It must start with `export default function (app, { db }) {`.');
  });

  it('an error handler with three parameters gets the hint about the fourth', async () => {
    const app = (parameters: string) => `export default function (app) {
  app.get('/crash', () => { throw new Error('broken'); });
  app.use((${parameters}) => res.status(500).json({ error: 'Something went wrong' }));
}
`;
    const exercise = httpExercise(app('err, req, res, next'), ['GET /crash']);
    const verdict = await checkHttp(exercise, app('err, req, res'));
    expect(verdict.passed).toBe(false);
    expect(verdict.checks[0]!.diagnosis).toMatch(/^An error handler needs all four parameters, \(err, req, res, next\)/);
    // A 500 for another reason gets no such hint.
    const other = await checkHttp(exercise, "export default function (app) {\n  app.get('/crash', (req, res) => res.status(500).json({ error: 'other' }));\n}\n");
    expect(other.checks[0]!.diagnosis).toBeUndefined();
  });

  it('an empty file says it is empty', async () => {
    const verdict = await checkHttp(helloExercise(), '\n  \n');
    expect(failure(verdict).message).toBe('The file is empty. It must start with `export default function (app, { db }) {`.');
  });

  it('CommonJS in an ES module: says to use export and import, under Node\'s own error', async () => {
    const verdict = await checkHttp(helloExercise(), "module.exports = function (app) {\n  app.get('/hello', (req, res) => res.json({ message: 'hello' }));\n};\n");
    const check = failure(verdict);
    expect(check.message).toMatch(/^Your file uses CommonJS \(module\.exports or require\), but it is loaded as an ES module: write `export`/);
    expect(check.error!.message).toContain('module is not defined in ES module scope');
  });

  it('a setup function that throws: the error with its place', async () => {
    const file = learnerFile(`export default function (app) {
  app.get('/hello', (req, res) => res.json({ message: 'hello' }));
  app.get('/broken', undefined.handler);
}
`);
    const verdict = await checkHttpExercise(runner, noPack, source, helloExercise(), file);
    expect(summary(verdict)).toEqual([[loadCheck, false]]);
    const check = failure(verdict);
    expect(check.message).toBe('Your default export function threw an error while setting up its routes.');
    expect(check.error).toMatchObject({ name: 'TypeError', location: { file, line: 3, text: '  app.get(\'/broken\', undefined.handler);' } });
    expect(check.error!.message).toMatch(/Cannot read properties of undefined \(reading 'handler'\)/);
    await expectRunnerStillWorks();
  });

  it('an async setup function that rejects', async () => {
    const verdict = await checkHttp(helloExercise(), `export default async function (app) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  throw new Error('database not ready');
}
`);
    const check = failure(verdict);
    expect(check.message).toBe('Your default export function threw an error while setting up its routes.');
    expect(check.error).toMatchObject({ name: 'Error', message: 'database not ready', location: { line: 3 } });
  });

  it('an endless loop at the top level is stopped after the 5 s load limit', async () => {
    const busyWorker = runner.warmUp().workerPid!;
    const { value: verdict, ms } = await timed(() =>
      checkHttp(helloExercise(), `let n = 0;
while (true) { n += 1; }
export default function (app) {}
`),
    );
    expect(summary(verdict)).toEqual([[loadCheck, false]]);
    expect(failure(verdict).message).toMatch(/^Your code was still running after 5 s and was stopped\. Look for a loop that never ends/);
    expect(ms).toBeGreaterThanOrEqual(5000);
    expect(ms).toBeLessThan(8000);
    await expectGone(busyWorker);
    await expectRunnerStillWorks();
  }, 20_000);

  it('process.exit() at the top level is refused', async () => {
    const verdict = await checkHttp(helloExercise(), `process.exit(3);
export default function (app) {}
`);
    expect(summary(verdict)).toEqual([[loadCheck, false]]);
    expect(failure(verdict).message).toMatch(/^Your code called process\.exit\(\), which would end the whole program/);
    expect(failure(verdict).error).toMatchObject({ name: 'process.exit', message: 'process.exit(3)', location: { line: 1, text: 'process.exit(3);' } });
    await expectRunnerStillWorks();
  });
});

// -- http: handlers that go wrong --------------------------------------------------------------

describe('http: handlers that go wrong', () => {
  it('a handler that throws: 500, and the error with its place in the learner file, stack trimmed to that file', async () => {
    const file = learnerFile(`function findBook(id) {
  const books = undefined;
  return books.find((book) => book.id === id);
}

export default function (app) {
  app.get('/hello', (req, res) => {
    res.json(findBook(1));
  });
}
`);
    const verdict = await checkHttpExercise(runner, noPack, source, helloExercise(), file);
    expect(summary(verdict)).toEqual([['GET /hello', false]]);
    const check = failure(verdict);
    expect(check.message).toBe('The status is 500 Internal Server Error; expected 200 OK. Your code threw an error (shown below).');
    expect(check.exchange!.response!.status).toBe(500);
    expect(check.error!.name).toBe('TypeError');
    expect(check.error!.message).toMatch(/Cannot read properties of undefined \(reading 'find'\)/);
    expect(check.error!.location).toEqual({ file, line: 3, column: 16, text: '  return books.find((book) => book.id === id);' });
    // Only the learner's own frames, without the worker's ?load=N suffix.
    const url = pathToFileURL(file).href;
    expect(check.error!.stack).toEqual([`at findBook (${url}:3:16)`, `at ${url}:8:14`]);
    await expectRunnerStillWorks();
  });

  it('an async handler that rejects: 500 and the error', async () => {
    const file = learnerFile(`export default function (app) {
  app.get('/hello', async (req, res) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    throw new RangeError('no greeting left');
  });
}
`);
    const verdict = await checkHttpExercise(runner, noPack, source, helloExercise(), file);
    const check = failure(verdict);
    expect(check.message).toBe('The status is 500 Internal Server Error; expected 200 OK. Your code threw an error (shown below).');
    expect(check.error).toMatchObject({ name: 'RangeError', message: 'no greeting left', location: { file, line: 4, text: "    throw new RangeError('no greeting left');" } });
  });

  it('a handler that never answers: "did you forget res.json() or res.end()" after the 2 s request limit', async () => {
    const { value: verdict, ms } = await timed(() =>
      checkHttp(helloExercise(), `export default function (app) {
  app.get('/hello', (req, res) => {
    const message = 'hello';
  });
}
`),
    );
    expect(summary(verdict)).toEqual([['GET /hello', false]]);
    const check = failure(verdict);
    expect(check.message).toBe('Your server did not answer GET /hello within 2 s. Did you forget res.json() or res.end(), or to call next() in a middleware?');
    expect(check.exchange).toEqual({ request: { method: 'GET', path: '/hello', headers: {} }, expected: { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, json: { message: 'hello' } }, differences: [] });
    expect(ms).toBeGreaterThanOrEqual(2000);
    expect(ms).toBeLessThan(3500);
    await expectRunnerStillWorks();
  });

  it('console.error(err) shows the error with the frames in the learner’s file only, as paths', async () => {
    const code = `export default function (app) {
  app.get('/hello', (req, res) => {
    try { JSON.parse('{'); } catch (err) { console.error('parse failed:', err); }
    res.json({ message: 'hi' });
  });
}
`;
    const file = learnerFile(code);
    const verdict = await checkHttpExercise(runner, noPack, source, helloExercise(), file);
    const printed = failure(verdict).output!.join('\n');
    expect(printed).toMatch(/^parse failed: SyntaxError: .*JSON.*\n {4}at .*:3:\d+\)?$/);
    expect(printed).toContain(file);
    expect(printed).not.toMatch(/code-worker|node:internal|file:\/\/|\?load=/);
  });

  it('a middleware that forgets next() is reported the same way', async () => {
    const verdict = await checkHttp(helloExercise(), `export default function (app) {
  app.use((req, res, next) => { console.log('saw', req.path); });
  app.get('/hello', (req, res) => res.json({ message: 'hello' }));
}
`);
    const check = failure(verdict);
    expect(check.message).toMatch(/did not answer GET \/hello within 2 s\. .*or to call next\(\) in a middleware\?$/);
    expect(check.output).toEqual(['saw /hello']);
  });

  it('an endless loop in a handler is stopped after ~2 s, and the next check on the same runner works', async () => {
    const busyWorker = runner.warmUp().workerPid!;
    const { value: verdict, ms } = await timed(() =>
      checkHttp(helloExercise(), `export default function (app) {
  app.get('/hello', (req, res) => {
    let i = 0;
    while (true) { i += 1; }
  });
}
`),
    );
    expect(summary(verdict)).toEqual([['GET /hello', false]]);
    expect(failure(verdict).message).toBe('Your handler for GET /hello was still running after 2 s and was stopped. Look for a loop that never ends.');
    expect(ms).toBeGreaterThanOrEqual(2000);
    expect(ms).toBeLessThan(4500);
    // The busy worker was killed, not left spinning.
    await expectGone(busyWorker);
    await expectRunnerStillWorks();
  });

  it('an endless loop on a later request: the earlier ones passed, the loop is named', async () => {
    const exercise = httpExercise(`export default function (app) {
  app.get('/a', (req, res) => res.json(1));
  app.get('/b', (req, res) => res.json(2));
}
`, ['GET /a', 'GET /b']);
    const verdict = await checkHttp(exercise, `export default function (app) {
  app.get('/a', (req, res) => res.json(1));
  app.get('/b', (req, res) => { for (let i = 0; i >= 0; i = i + 1 - 1) {} });
}
`);
    expect(summary(verdict)).toEqual([
      ['GET /a', true],
      ['GET /b', false],
    ]);
    expect(failure(verdict).message).toMatch(/^Your handler for GET \/b was still running after 2 s and was stopped/);
    await expectRunnerStillWorks();
  });

  it('process.exit() in a handler is refused and named; the tutorial carries on', async () => {
    const file = learnerFile(`export default function (app) {
  app.get('/hello', (req, res) => {
    console.log('about to exit');
    process.exit(1);
  });
}
`);
    const verdict = await checkHttpExercise(runner, noPack, source, helloExercise(), file);
    expect(summary(verdict)).toEqual([['GET /hello', false]]);
    const check = failure(verdict);
    expect(check.message).toBe(
      'The status is 500 Internal Server Error; expected 200 OK. Your code called process.exit() while answering; a server must keep running, so answer with res.status(…).json(…) instead.',
    );
    expect(check.error!.location).toMatchObject({ file, line: 4, text: '    process.exit(1);' });
    expect(check.output).toEqual(['about to exit']);
    // This process is the tutorial: still here.
    expect(process.exitCode ?? 0).toBe(0);
    await expectRunnerStillWorks();
  });

  it('a right answer followed by a second one fails: the error says the request was answered twice', async () => {
    const verdict = await checkHttp(helloExercise(), `export default function (app) {
  app.use((req, res, next) => {
    res.json({ message: 'hello' });
    next();
  });
  app.get('/hello', (req, res) => res.json({ message: 'again' }));
}
`);
    expect(summary(verdict)).toEqual([['GET /hello', false]]);
    const [check] = verdict.checks;
    expect(check!.message).toMatch(/^The response was right, but then your code tried to answer the same request again \(shown below\): .*return, and do not call next\(\)/);
    expect(check!.error!.message).toContain('response already sent');
    await expectRunnerStillWorks();
  });

  it('a right answer followed by another error fails too, saying so', async () => {
    const verdict = await checkHttp(helloExercise(), `export default function (app) {
  app.use((req, res, next) => {
    res.json({ message: 'hello' });
    next();
  });
  app.get('/hello', () => {
    throw new Error('the handler should not have run');
  });
}
`);
    expect(verdict.checks[0]).toMatchObject({ passed: false, message: expect.stringMatching(/^The response was right, but then your code threw an error while answering \(shown below\)\. /) });
    expect(verdict.checks[0]!.error!.message).toBe('the handler should not have run');
  });

  it('process.exit() from a timer after answering does not end the worker either', async () => {
    const verdict = await checkHttp(helloExercise(), `export default function (app) {
  app.get('/hello', (req, res) => {
    setTimeout(() => process.exit(0), 1);
    res.json({ message: 'hello' });
  });
}
`);
    expect(summary(verdict)).toEqual([['GET /hello', true]]);
    await expectRunnerStillWorks();
  });
});

// -- console output ---------------------------------------------------------------------------

describe('console output', () => {
  it('is captured per request, console.error too', async () => {
    const verdict = await checkHttp(httpExercise(helloSolution, ['GET /hello', 'GET /hello']), `let n = 0;
console.log('starting');
export default function (app) {
  app.get('/hello', (req, res) => {
    n += 1;
    console.log('request', n, { path: req.path });
    if (n === 2) console.error('second time');
    res.json({ message: 'hello' });
  });
}
`);
    expect(verdict.passed).toBe(true);
    expect(verdict.checks.map((check) => check.output)).toEqual([
      ["starting", "request 1 { path: '/hello' }"],
      ["request 2 { path: '/hello' }", 'second time'],
    ]);
  });

  it('the solution’s output is never shown as the learner’s', async () => {
    const solution = helloSolution.replace("(req, res) =>", "(req, res) => console.log('SOLUTION') ||");
    const verdict = await checkHttp(httpExercise(solution, ['GET /hello']), helloSolution);
    expect(verdict.passed).toBe(true);
    expect(verdict.checks[0]!.output).toEqual([]);
  });

  it('is capped: of 1000 lines, 200 are kept', async () => {
    const verdict = await checkHttp(helloExercise(), `export default function (app) {
  app.get('/hello', (req, res) => {
    for (let i = 0; i < 1000; i++) console.log('line ' + i);
    res.json({ message: 'nope' });
  });
}
`);
    const check = failure(verdict);
    expect(check.message).toBe('In the body, message is "nope"; expected "hello".');
    expect(check.output).toHaveLength(201);
    expect(check.output![0]).toBe('line 0');
    expect(check.output![199]).toBe('line 199');
    expect(check.output![200]).toBe('… and at least 800 more lines (not shown)');
  });
});

// -- js exercises -----------------------------------------------------------------------------

describe('js exercises', () => {
  const doubleTests = jsExercise('assert.equal(mod.double(2), 4);\nassert.equal(mod.double(-3), -6, "double(-3) should be -6");');

  it('passing tests pass, with the output captured', async () => {
    const verdict = await checkJs(doubleTests, `export function double(n) {
  console.log('double', n);
  return n * 2;
}
`);
    expect(verdict).toEqual({ passed: true, checks: [{ name: 'the tests pass', passed: true, message: '', output: ['double 2', 'double -3'] }] });
  });

  it('a failed assertion gives its message', async () => {
    const verdict = await checkJs(doubleTests, 'export function double(n) { return n + n + (n < 0 ? 1 : 0); }\n');
    const check = failure(verdict);
    expect(check.name).toBe('the tests pass');
    expect(check.message).toMatch(/^double\(-3\) should be -6(\n|$)/);
    expect(check.message).toMatch(/-5 !== -6/);
  });

  it('a failed assertion without a message shows both values', async () => {
    const verdict = await checkJs(doubleTests, 'export function double(n) { return n * 3; }\n');
    expect(failure(verdict).message).toMatch(/Expected values to be strictly equal:[\s\S]*6 !== 4/);
    // The assertion is the tests', not the learner's: no place in the learner's file.
    expect(failure(verdict).error).toBeUndefined();
  });

  it('an error thrown in the learner’s function is shown with its place', async () => {
    const file = learnerFile(`export function double(n) {
  return n.times(2);
}
`);
    const verdict = await checkJsExercise(runner, doubleTests, file);
    const check = failure(verdict);
    expect(check.message).toMatch(/n\.times is not a function/);
    expect(check.error).toMatchObject({ name: 'TypeError', location: { file, line: 2, column: 12, text: '  return n.times(2);' } });
  });

  it('a missing export', async () => {
    const verdict = await checkJs(doubleTests, 'export function triple(n) { return n * 3; }\n');
    expect(failure(verdict).message).toMatch(/mod\.double is not a function/);
  });

  it('a syntax error in a js answer', async () => {
    const file = learnerFile('export function double(n) {\n  return n * ;\n}\n');
    const check = failure(await checkJsExercise(runner, doubleTests, file));
    expect(check.message).toMatch(/^Your file has a syntax error/);
    expect(check.error!.location).toMatchObject({ file, line: 2, text: '  return n * ;' });
  });

  // The worker compares its open resources with those it had before the code loaded.
  it('tests awaiting a promise that never settles are stopped quickly', async () => {
    const exercise = jsExercise('const value = await mod.later(5);\nassert.equal(value, 5);');
    const { value: verdict, ms } = await timed(() =>
      checkJs(exercise, `export function later(value) {
  return new Promise((resolve) => {
    // forgot to call resolve(value)
  });
}
`),
    );
    const check = failure(verdict);
    expect(check.message).toMatch(/^The tests waited for a promise from your code that never settles/);
    expect(ms).toBeLessThan(3000);
    await expectRunnerStillWorks();
  }, 20_000);

  it('a promise that settles after a timer is not mistaken for one that never settles', async () => {
    const exercise = jsExercise('const value = await mod.later(5);\nassert.equal(value, 5);');
    const verdict = await checkJs(exercise, `export function later(value) {
  return new Promise((resolve) => setTimeout(() => resolve(value), 400));
}
`);
    expect(summary(verdict)).toEqual([['the tests pass', true]]);
  });

  it('slow work in the thread pool (scrypt with a high cost, after a scryptSync at load) is not mistaken for a promise that never settles', async () => {
    const exercise = jsExercise("const key = await mod.slowHash('pw');\nassert.equal(key.length, 128);");
    const verdict = await checkJs(exercise, `import { scrypt, scryptSync, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
scryptSync('warm up', 'salt', 16);
export async function slowHash(password) {
  const salt = randomBytes(16);
  // N = 2^16: a few hundred milliseconds of work that no timer or socket shows.
  const key = await promisify(scrypt)(password, salt, 64, { N: 2 ** 16, maxmem: 128 * 1024 * 1024 });
  return key.toString('hex');
}
`);
    expect(summary(verdict)).toEqual([['the tests pass', true]]);
  });

  it('process.exit() in a js function', async () => {
    const verdict = await checkJs(doubleTests, 'export function double(n) { process.exit(0); }\n');
    expect(failure(verdict).message).toMatch(/^Your code called process\.exit\(\)/);
    await expectRunnerStillWorks();
  });

  it('an endless loop in a js function is stopped at the 10 s check limit', async () => {
    const busyWorker = runner.warmUp().workerPid!;
    const { value: verdict, ms } = await timed(() => checkJs(doubleTests, 'export function double(n) {\n  while (n !== 0) { n = n * 2; }\n  return n;\n}\n'));
    const check = failure(verdict);
    expect(check.message).toMatch(/^Your code was still running after 10 s and was stopped\. Look for a loop that never ends/);
    expect(ms).toBeGreaterThanOrEqual(10_000);
    expect(ms).toBeLessThan(13_000);
    await expectGone(busyWorker);
    await expectRunnerStillWorks();
  }, 20_000);
});

// -- the second dataset -----------------------------------------------------------------------

describe('http exercises with a database: the .check dataset', () => {
  const packDir = builtInLessonsDir();
  const solution = `export default function (app, { db }) {
  app.get('/books', (req, res) => {
    res.json(db.prepare('SELECT id, title FROM books WHERE price < 10 ORDER BY id').all());
  });
}
`;
  const exercise = () => httpExercise(solution, ['GET /books'], { database: 'shop' });

  function sampleRows(): unknown[] {
    const binding = nativeBinding();
    const db = new Database(':memory:', binding === undefined ? {} : { nativeBinding: binding });
    try {
      db.exec(readFileSync(path.join(packDir, 'data', 'shop.sql'), 'utf8'));
      return db.prepare('SELECT id, title FROM books WHERE price < 10 ORDER BY id').all();
    } finally {
      db.close();
    }
  }

  it('an answer that queries the database passes on both datasets', async () => {
    const verdict = await checkHttp(exercise(), solution.replace('price < 10', '10 > price'), packDir);
    expect(summary(verdict)).toEqual([
      ['GET /books', true],
      ['the same requests on a second copy of the database, with other rows', true],
    ]);
  });

  it('an answer that hard-codes the sample rows passes the first dataset and fails the second: "depends on that data"', async () => {
    const rows = sampleRows();
    expect(rows.length).toBeGreaterThan(0);
    const verdict = await checkHttp(exercise(), `export default function (app) {
  app.get('/books', (req, res) => res.json(${JSON.stringify(rows)}));
}
`, packDir);
    expect(summary(verdict)).toEqual([
      ['GET /books', true],
      ['on a second dataset, GET /books', false],
    ]);
    const check = failure(verdict);
    expect(check.message).toMatch(/^(The body|In the body)/);
    expect(check.diagnosis).toMatch(/passed on the sample data but not on a second copy of the database .*your code depends on that data/);
    expect(verdict.checks[0]!.diagnosis).toBeUndefined();
  });
});

// -- a broken pack ----------------------------------------------------------------------------

describe('a broken reference solution', () => {
  it('one that does not load is a PackFormatError naming the lesson file and line', async () => {
    const error = await packErrorOf(checkHttp(httpExercise('export default function (app) {\n  app.get(\n', ['GET /hello']), helloSolution));
    expect(error.file).toBe('lessons/09-testing.md');
    expect(error.line).toBe(exerciseLine);
    expect(error.problem).toMatch(/^the reference solution of exercise 9\.4 does not start \(.+\) — fix the solution$/);
    expect(error.message).toMatch(/^lessons\/09-testing\.md:42: the reference solution of exercise 9\.4 does not start/);
    await expectRunnerStillWorks();
  });

  it('one that does not answer a request is a PackFormatError too', async () => {
    const solution = `export default function (app) {
  app.get('/hello', (req, res) => {});
}
`;
    const error = await packErrorOf(checkHttp(httpExercise(solution, ['GET /hello']), helloSolution));
    expect(error.file).toBe('lessons/09-testing.md');
    expect(error.line).toBe(exerciseLine);
    expect(error.problem).toBe('the reference solution of exercise 9.4 gives no answer to GET /hello (no response within 2 s) — fix the solution');
  });
});
