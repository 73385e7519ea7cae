// Checks an answer to an `http` or `js` exercise in the code worker. For http: the learner's app
// and the reference solution's each run on the mini server with a fresh copy of the database;
// every listed request goes to both (or is held against its `expect`), in order, stopping at the
// first that differs; then again on the .check dataset when the pack has one. For js: the
// exercise's tests run against the learner's module.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareResponse, expectedFromExpectation, expectedFromSolution, type ExpectedResponse } from '../core/http-compare.js';
import { checkName, outgoingRequest, requestLabel } from '../core/http-transcript.js';
import type { HttpExercise, JsExercise } from '../core/model.js';
import { verdictOf, type CheckOutcome, type Verdict } from '../core/verdict.js';
import { PackFormatError } from '../errors.js';
import type { CodeEvents, CodeRunner, JobResult } from './code-runner.js';
import type { SendResult } from './http-client.js';
import { datasetsFor } from './sql-check.js';

/** How long one request may take before the handler counts as hung. */
export const requestTimeoutMs = 2000;
/** How long one whole check (loading, every request, or a js exercise's tests) may take. */
export const checkTimeoutMs = 10_000;
/** How long loading a file and setting up its routes may take. */
const loadTimeoutMs = 5000;

/** Writes a pack's reference solution to a temporary .mjs file for the worker to import. */
function withSolutionFile<T>(solution: string, use: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'backend-intro-solution-'));
  const file = path.join(dir, 'solution.mjs');
  writeFileSync(file, solution);
  return use(file).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** What the code printed, with a last line saying how much more there was when it was capped. */
// Past the cap, lines are only counted as they arrive, and a flood may still be arriving.
const outputOf = (events: CodeEvents) => [...events.output.map((line) => line.text), ...(events.dropped > 0 ? [`… and at least ${events.dropped} more lines (not shown)`] : [])];

/** A failed job as one check outcome, in the words a learner needs. */
function jobFailure(name: string, result: Exclude<JobResult, { ok: true }>, events: CodeEvents, limitSeconds: number): CheckOutcome {
  const exit = events.exits[0];
  if ('stopped' in result) {
    const message =
      result.stopped === 'timeout'
        ? `Your code was still running after ${limitSeconds} s and was stopped. Look for a loop that never ends (while (true), a for loop whose condition never turns false).`
        : `The process running your code ${result.message}.`;
    return { name, passed: false, message, output: outputOf(events) };
  }
  const { failure } = result;
  if (failure.kind === 'exit-called' || exit) {
    return {
      name,
      passed: false,
      message: 'Your code called process.exit(), which would end the whole program (a server with it). Return a value, answer the request, or throw an error instead.',
      ...(exit?.location ? { error: { name: 'process.exit', message: `process.exit(${exit.code})`, location: exit.location, stack: [] } } : {}),
      output: outputOf(events),
    };
  }
  // The error itself is shown below the message, with its line: the message says what it means.
  const meaning: Partial<Record<typeof failure.kind, string>> = {
    'syntax-error': 'Your file has a syntax error, so it cannot run. Fix the line shown below and save again.',
    'load-error': 'Your file stopped with an error while loading, before any request was sent.',
    'setup-threw': 'Your default export function threw an error while setting up its routes.',
  };
  // CommonJS habits in an ES module fail with Node's words, which do not say what to write instead.
  const commonJs = failure.kind === 'load-error' && /\b(module|exports|require) is not defined in ES module scope/.test(failure.message);
  const message = commonJs
    ? 'Your file uses CommonJS (module.exports or require), but it is loaded as an ES module: write `export` (for example `export default function …`) instead of module.exports, and `import … from …` instead of require.'
    : failure.error && meaning[failure.kind]
      ? meaning[failure.kind]!
      : failure.message;
  // A failed assertion is the message itself; its place matters only when it is in the learner's file.
  const error = failure.error && (failure.kind !== 'tests-failed' || failure.error.location) ? failure.error : undefined;
  return { name, passed: false, message, ...(error ? { error } : {}), output: outputOf(events) };
}

// -- http ------------------------------------------------------------------------------------

/** Where an exercise comes from, for messages about a broken reference solution. */
export interface ExerciseSource {
  /** "2.1" */
  label: string;
  lessonFile: string;
}

export async function checkHttpExercise(runner: CodeRunner, packDir: string, source: ExerciseSource, exercise: HttpExercise, learnerFile: string): Promise<Verdict> {
  const datasets = exercise.database ? datasetsFor(packDir, exercise.database) : [{ label: 'sample' as const, source: undefined }];
  const checks: CheckOutcome[] = [];
  await withSolutionFile(exercise.solution, async (solutionFile) => {
    for (const dataset of datasets) {
      const outcomes = await checkOnDataset(runner, source, exercise, learnerFile, solutionFile, dataset.source?.seedFile, dataset.label === 'check');
      checks.push(...outcomes);
      if (outcomes.some((outcome) => !outcome.passed)) {
        if (dataset.label === 'check') {
          const failed = outcomes.find((outcome) => !outcome.passed)!;
          failed.diagnosis ??= 'It passed on the sample data but not on a second copy of the database with other rows: your code depends on that data (fixed ids, counts or titles written into it). Query the database instead.';
        }
        break;
      }
    }
  }).finally(() => {
    // A fresh worker for the next check: nothing the code left running (timers, servers) carries over.
    runner.retire();
  });
  const failed = checks.find((outcome) => !outcome.passed);
  if (failed?.exchange?.response?.status === 500 && looksLikeThreeParameterErrorHandler(learnerFile)) {
    failed.diagnosis ??= 'An error handler needs all four parameters, (err, req, res, next), even when it never calls next: with three, the server takes it for ordinary middleware and skips it when there is an error.';
  }
  return verdictOf(checks);
}

/** app.use((err, req, res) => …) or app.use(function (error, req, res) { … }): the classic slip. */
function looksLikeThreeParameterErrorHandler(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  return /\.use\(\s*(?:async\s+)?(?:function\s*\w*\s*)?\(\s*(?:err|error|e)\s*,\s*\w+\s*,\s*\w+\s*\)/.test(text);
}

async function checkOnDataset(
  runner: CodeRunner,
  source: ExerciseSource,
  exercise: HttpExercise,
  learnerFile: string,
  solutionFile: string,
  seedFile: string | undefined,
  secondDataset: boolean,
): Promise<CheckOutcome[]> {
  const prefix = secondDataset ? 'on a second dataset, ' : '';
  const seed = seedFile ? { seedFile } : {};
  const needsSolution = exercise.requests.some((request) => request.expect === undefined);
  let solutionPort: number | undefined;
  if (needsSolution) {
    const started = await runner.run({ kind: 'start-app', owner: 'solution', file: solutionFile, ...seed }, loadTimeoutMs);
    runner.takeEvents('solution');
    if (!started.ok || started.port === undefined) {
      const reason = 'stopped' in started ? started.message : started.ok ? 'it started no server' : started.failure.message;
      throw new PackFormatError(source.lessonFile, exercise.line, `the reference solution of exercise ${source.label} does not start (${reason}) — fix the solution`);
    }
    solutionPort = started.port;
  }
  const started = await runner.run({ kind: 'start-app', owner: 'learner', file: learnerFile, ...seed }, loadTimeoutMs);
  if (!started.ok || started.port === undefined) {
    const events = runner.takeEvents('learner');
    return [jobFailure(`${prefix}your file loads and sets up its routes`, started.ok ? { ok: false, stopped: 'crashed', message: 'did not start a server' } : started, events, loadTimeoutMs / 1000)];
  }
  const learnerPort = started.port;

  const outcomes: CheckOutcome[] = [];
  const deadline = Date.now() + checkTimeoutMs;
  for (const spec of exercise.requests) {
    const request = outgoingRequest(spec);
    const name = `${prefix}${checkName(request)}`;
    let expected: ExpectedResponse;
    if (spec.expect) expected = expectedFromExpectation(spec.expect);
    else {
      const reference = await sendRequest(runner, solutionPort!, request, requestTimeoutMs);
      runner.takeEvents('solution');
      if (!reference.ok) {
        throw new PackFormatError(source.lessonFile, exercise.line, `the reference solution of exercise ${source.label} gives no answer to ${requestLabel(request)} (${reference.message}) — fix the solution`);
      }
      if (reference.response.status >= 500) {
        // A 500 the solution meant is rare; one it got by throwing would become every learner's target.
        await runner.responsive(500);
        const thrown = runner.takeEvents('solution').errors[0];
        if (thrown) {
          throw new PackFormatError(
            source.lessonFile,
            exercise.line,
            `the reference solution of exercise ${source.label} threw while answering ${requestLabel(request)} (${thrown.error.name}: ${thrown.error.message}) — fix the solution`,
          );
        }
      }
      expected = expectedFromSolution(reference.response, exercise.headers);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      outcomes.push({ name, passed: false, message: `The check took longer than ${checkTimeoutMs / 1000} s in all and was stopped before this request.` });
      break;
    }
    const sent = await sendRequest(runner, learnerPort, request, Math.min(requestTimeoutMs, remaining));
    if (!sent.ok) {
      outcomes.push(await noResponse(runner, name, request, expected, sent.reason, Math.min(requestTimeoutMs, remaining)));
      break;
    }
    // The worker's messages (console output, errors, exits) were sent before the response, but
    // may arrive after it: a ping's answer comes behind them all.
    await runner.responsive(500);
    const events = runner.takeEvents('learner');
    const differences = compareResponse(expected, sent.response);
    const thrown = events.errors[0];
    const exit = events.exits[0];
    // A right answer followed at once by an error (from a second answer, say) is still a bug.
    // (An exit the worker refused is judged by the answer: one from a timer may come any time.)
    const passed = differences.length === 0 && !thrown;
    let message = differences[0] ?? '';
    if (differences.length === 0 && thrown) message = afterRightAnswer(thrown.error.message);
    else if (!passed && exit) message = `${message} Your code called process.exit() while answering; a server must keep running, so answer with res.status(…).json(…) instead.`;
    else if (!passed && thrown) message = `${message} Your code threw an error (shown below).`;
    outcomes.push({
      name,
      passed,
      message,
      exchange: { request, response: sent.response, expected, differences },
      ...(thrown ? { error: thrown.error } : exit?.location ? { error: { name: 'process.exit', message: `process.exit(${exit.code})`, location: exit.location, stack: [] } } : {}),
      output: outputOf(events),
    });
    if (!passed) break;
  }
  await runner.run({ kind: 'stop-app', owner: 'learner' }, 1000);
  if (needsSolution) await runner.run({ kind: 'stop-app', owner: 'solution' }, 1000);
  // On the second dataset a pass is one line: the learner saw every request the first time.
  if (secondDataset && outcomes.every((outcome) => outcome.passed)) {
    return [{ name: 'the same requests on a second copy of the database, with other rows', passed: true, message: '' }];
  }
  return outcomes;
}

/** How much longer than a request's own time limit its job may take before the worker counts as stuck. */
const requestGraceMs = 500;

/**
 * Sends a request through the worker (the job 'send-request'). Its event loop blocked by an
 * endless loop, the worker cannot answer even that its request timed out: the job's own time
 * limit then stops it, and noResponse tells the learner about the loop.
 */
async function sendRequest(runner: CodeRunner, port: number, request: ReturnType<typeof outgoingRequest>, timeoutMs: number): Promise<SendResult> {
  const result = await runner.run({ kind: 'send-request', port, request, timeoutMs }, timeoutMs + requestGraceMs);
  if (result.ok && result.sent) return result.sent;
  if ('stopped' in result) return { ok: false, reason: result.stopped === 'timeout' ? 'timeout' : 'reset', message: `the worker ${result.message}` };
  return { ok: false, reason: 'reset', message: result.ok ? 'no response' : result.failure.message };
}

/** No response came: a busy loop (the worker does not answer pings) or a handler that never answered. */
async function noResponse(runner: CodeRunner, name: string, request: ReturnType<typeof outgoingRequest>, expected: ExpectedResponse, reason: string, waitedMs: number): Promise<CheckOutcome> {
  const busy = reason === 'timeout' && !(await runner.responsive());
  const events = runner.takeEvents('learner');
  const seconds = Math.round(waitedMs / 100) / 10;
  let message: string;
  if (busy) {
    runner.restart();
    message = `Your handler for ${requestLabel(request)} was still running after ${seconds} s and was stopped. Look for a loop that never ends.`;
  } else if (reason === 'timeout') {
    message = `Your server did not answer ${requestLabel(request)} within ${seconds} s. Did you forget res.json() or res.end(), or to call next() in a middleware?`;
  } else {
    message = `The connection was closed without a response to ${requestLabel(request)}${events.exits.length > 0 ? ': your code called process.exit()' : ''}.`;
  }
  const thrown = events.errors[0];
  return {
    name,
    passed: false,
    message,
    exchange: { request, expected, differences: [] },
    ...(thrown ? { error: thrown.error } : {}),
    output: outputOf(events),
  };
}

// -- js --------------------------------------------------------------------------------------

export async function checkJsExercise(runner: CodeRunner, exercise: JsExercise, learnerFile: string): Promise<Verdict> {
  const result = await runner.run({ kind: 'run-tests', owner: 'learner', file: learnerFile, tests: exercise.tests }, checkTimeoutMs);
  await runner.responsive(500);
  const events = runner.takeEvents('learner');
  runner.restart();
  const name = 'the tests pass';
  if (result.ok) return verdictOf([{ name, passed: true, message: '', output: outputOf(events) }]);
  return verdictOf([jobFailure(name, result, events, checkTimeoutMs / 1000)]);
}

/** What a right response followed by an error means: most often a second answer to the same request. */
function afterRightAnswer(errorMessage: string): string {
  return /already sent|after they are sent/i.test(errorMessage)
    ? 'The response was right, but then your code tried to answer the same request again (shown below): after sending a response, return, and do not call next() or send another.'
    : 'The response was right, but then your code threw an error while answering (shown below). If it comes from code that should not have run (a handler after middleware that already answered), return after answering instead of calling next().';
}
