// The code worker: a child process that runs learners' and packs' JavaScript — the mini server
// apps of `http` exercises and the tests of `js` exercises — away from the tutorial. Code that
// loops forever blocks only this process, which the tutorial kills (src/io/code-runner.ts);
// code that throws, exits or never answers is reported, never fatal. It is a guard against
// mistakes, not a security boundary: the code can do anything a Node program can.
// Protocol: src/io/code-protocol.ts.
import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { spareArguments } from './io/spare-arguments.js';
import type { CodeError, CodeFailure, CodeJob, CodeMessage, CodeOutcome, CodeOwner, CodeRequest, PingMessage, SourceLocation } from './io/code-protocol.js';

/** With logRequests (`serve`): how long a request may wait before the log says it has no answer yet. */
const unansweredAfterMs = 5000;

/** Whose code is running now, carried through callbacks and promises (for console output). */
const currentOwner = new AsyncLocalStorage<CodeOwner>();
/** The file each owner's code came from, to find its frames in stacks. */
const ownerFiles = new Map<CodeOwner, string>();

/** Where messages go: Node's IPC channel, or a claiming tutorial's socket (a spare's). */
let send = (message: CodeMessage): void => void process.send?.(message);

// -- console output, process.exit and stray errors ------------------------------------------

for (const [method, stream] of [
  ['log', 'out'],
  ['info', 'out'],
  ['debug', 'out'],
  ['warn', 'err'],
  ['error', 'err'],
] as const) {
  console[method] = (...args: unknown[]) => {
    const owner = currentOwner.getStore();
    send({ type: 'console', owner, stream, text: format(...args.map((arg) => (arg instanceof Error ? printedError(arg, owner) : arg))) });
  };
}

/** An Error as console.log(err) shows it to the learner: name, message, and only the frames in their own file. */
function printedError(error: Error, owner: CodeOwner | undefined): string {
  const { name, message, stack } = describeError(error, owner);
  return [`${name}: ${message}`, ...stack.map((line) => `    ${line.replace(/file:\/\/(\S+?)(:\d+:\d+)/, (_, url: string, place: string) => `${fileURLToPath(`file://${url}`)}${place}`)}`)].join('\n');
}

class ExitRefused extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code}) was called`);
  }
}

// A server must keep running: exiting would end every check at once. Refuse, and say where.
process.exit = ((code?: number | string | null) => {
  const owner = currentOwner.getStore();
  const exitCode = Number(code ?? 0) || 0;
  const location = owner ? firstLocation(new Error().stack ?? '', ownerFiles.get(owner)) : undefined;
  send({ type: 'exit-called', owner, code: exitCode, ...(location ? { location } : {}) });
  throw new ExitRefused(exitCode);
}) as typeof process.exit;

process.on('uncaughtException', (error) => {
  if (error instanceof ExitRefused) return;
  const owner = currentOwner.getStore();
  send({ type: 'code-error', owner, error: describeError(error, owner), during: 'outside any handler (in a callback or timer)' });
});
process.on('unhandledRejection', (reason) => {
  if (reason instanceof ExitRefused) return;
  const owner = currentOwner.getStore();
  send({ type: 'code-error', owner, error: describeError(reason, owner), during: 'in a promise nobody awaited' });
});

// -- describing errors -----------------------------------------------------------------------

/** Frames like "at f (file:///x/books.mjs?load=3:5:12)" or "at file:///x/books.mjs:5:12". */
const framePattern = /(file:\/\/[^\s)]+?)(?:\?[^\s):]*)?:(\d+):(\d+)/;

function lineOf(file: string, line: number): string | undefined {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/)[line - 1];
  } catch {
    return undefined;
  }
}

function firstLocation(stack: string, file: string | undefined): SourceLocation | undefined {
  if (!file) return undefined;
  for (const frame of stack.split('\n')) {
    const match = framePattern.exec(frame);
    if (!match) continue;
    let path: string;
    try {
      path = fileURLToPath(match[1]!);
    } catch {
      continue;
    }
    if (path !== file) continue;
    const line = Number(match[2]);
    const text = lineOf(file, line);
    return { file, line, column: Number(match[3]), ...(text !== undefined ? { text } : {}) };
  }
  return undefined;
}

function describeError(error: unknown, owner: CodeOwner | undefined): CodeError {
  const file = owner ? ownerFiles.get(owner) : undefined;
  if (!(error instanceof Error)) return { name: 'Error', message: `${format(error)} was thrown (throw an Error object to get a stack trace)`, stack: [] };
  const stack = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const own = file ? stack.filter((line) => line.includes(pathToFileURL(file).href)).map((line) => line.trim().replace(/\?load=\d+/, '')) : [];
  const location = firstLocation(error.stack ?? '', file);
  return { name: error.name, message: error.message, stack: own, ...(location ? { location } : {}) };
}

/** A syntax error's place, from Node's own checker: the import() error does not say where. */
function syntaxErrorLocation(file: string): SourceLocation | undefined {
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 5000 });
  const lines = (check.stderr ?? '').split('\n');
  const header = /:(\d+)$/.exec(lines[0] ?? '');
  if (!header) return undefined;
  const line = Number(header[1]);
  const caret = lines[2] ?? '';
  const column = caret.indexOf('^') + 1;
  const text = lineOf(file, line);
  return { file, line, column: column > 0 ? column : 1, ...(text !== undefined ? { text } : {}) };
}

/**
 * The import line an error is about, which its stack does not show: "Cannot find module
 * '/x/helpers.mjs'", "Cannot find package 'lodash'", or "does not provide an export named 'y'".
 */
function importLocation(file: string, message: string): SourceLocation | undefined {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
  const unexported = /does not provide an export named '([^']+)'/.exec(message)?.[1];
  const isImport = (line: string) => /\bimport\b|\bfrom\s*['"]/.test(line);
  const matches = (line: string): number => {
    if (!isImport(line)) return -1;
    if (unexported) return line.search(new RegExp(`\\b${unexported.replace(/[$]/g, '\\$&')}\\b`));
    if (!missing) return -1;
    for (const match of line.matchAll(/(['"])([^'"]+)\1/g)) {
      const specifier = match[2]!;
      const resolved = specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : specifier;
      if (resolved === missing || missing.startsWith(`${specifier}/`) || specifier === missing) return match.index!;
    }
    return -1;
  };
  for (const [index, text] of lines.entries()) {
    const column = matches(text);
    if (column >= 0) return { file, line: index + 1, column: column + 1, text };
  }
  return undefined;
}

// -- loading code ----------------------------------------------------------------------------

class JobFailure extends Error {
  constructor(readonly failure: CodeFailure) {
    super(failure.message);
  }
}

let loads = 0;

/** Imports `file` afresh: module-level state (an in-memory list) starts new for every check. */
async function load(owner: CodeOwner, file: string): Promise<Record<string, unknown>> {
  if (!existsSync(file)) throw new JobFailure({ kind: 'missing-file', message: `There is no file at ${file}.` });
  ownerFiles.set(owner, file);
  try {
    return (await import(`${pathToFileURL(file).href}?load=${++loads}`)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ExitRefused) throw new JobFailure({ kind: 'exit-called', message: 'The file called process.exit() while loading.' });
    if (error instanceof SyntaxError && !firstLocation(error.stack ?? '', file)) {
      const location = syntaxErrorLocation(file);
      if (location) throw new JobFailure({ kind: 'syntax-error', message: error.message, error: { name: 'SyntaxError', message: error.message, stack: [], location } });
      // Parses, but does not link: an import of a name the other module does not export.
    }
    const described = describeError(error, owner);
    described.location ??= importLocation(file, described.message);
    throw new JobFailure({ kind: 'load-error', message: `${described.name}: ${described.message}`, error: described });
  }
}

// -- mini server apps ------------------------------------------------------------------------

const apps = new Map<CodeOwner, { close(): Promise<void>; db?: { close(): void } }>();

async function emptyDatabase(): Promise<import('better-sqlite3').Database> {
  const [{ default: Database }, { nativeBinding }] = await Promise.all([import('better-sqlite3'), import('./io/native-binding.js')]);
  const binding = nativeBinding();
  return new Database(':memory:', binding === undefined ? {} : { nativeBinding: binding });
}

async function openDatabase(seedFile: string): Promise<{ close(): void }> {
  const db = await emptyDatabase();
  db.pragma('foreign_keys = ON');
  db.exec(readFileSync(seedFile, 'utf8'));
  return db;
}

async function startApp(job: Extract<CodeJob, { kind: 'start-app' }>): Promise<CodeOutcome> {
  await stopApp(job.owner);
  const [{ createApp }, module] = await Promise.all([import('./server/index.js'), load(job.owner, job.file)]);
  const setup = module.default;
  if (typeof setup !== 'function') {
    const has = Object.keys(module).filter((name) => name !== 'default');
    const empty = readFileSync(job.file, 'utf8').trim() === '';
    throw new JobFailure({
      kind: 'bad-exports',
      message: `${empty ? 'The file is empty.' : 'The file has no default export function.'} It must start with \`export default function (app, { db }) {\`${has.length > 0 ? ` (it exports ${has.join(', ')})` : ''}.`,
    });
  }
  const db = job.seedFile ? await openDatabase(job.seedFile) : undefined;
  const app = createApp({
    onUnhandledError: (error, req) => send({ type: 'code-error', owner: job.owner, error: describeError(error, job.owner), during: `while answering ${req.method} ${req.url}` }),
  });
  if (job.logRequests) {
    // Around the whole app, not as middleware: requests answered before the chain (bad JSON, a
    // body too large) are logged too.
    const handle = app.handle;
    app.handle = (req, res) => {
      const started = performance.now();
      const log = (unanswered: boolean) =>
        send({ type: 'request-log', method: req.method ?? '', path: req.url ?? '', status: res.statusCode, ms: Math.round(performance.now() - started), ...(unanswered ? { unanswered } : {}) });
      // A request nobody answers would otherwise leave the learner's curl waiting in silence.
      const waiting = setTimeout(() => log(true), unansweredAfterMs);
      waiting.unref();
      res.on('finish', () => {
        clearTimeout(waiting);
        log(false);
      });
      res.on('close', () => clearTimeout(waiting));
      handle(req, res);
    };
  }
  try {
    await setup(app, { db });
  } catch (error) {
    db?.close();
    if (error instanceof ExitRefused) throw new JobFailure({ kind: 'exit-called', message: 'The setup function called process.exit().' });
    const described = describeError(error, job.owner);
    throw new JobFailure({ kind: 'setup-threw', message: `${described.name}: ${described.message}`, error: described });
  }
  let server: Awaited<ReturnType<typeof app.listen>>;
  try {
    server = await app.listen(job.port ?? 0);
  } catch (error) {
    db?.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new JobFailure({ kind: 'port-in-use', message: `Port ${job.port} is already in use by another program; pick another with --port ${(job.port ?? 3000) + 1}.` });
    }
    throw error;
  }
  apps.set(job.owner, { close: server.close, ...(db ? { db } : {}) });
  return { ok: true, port: server.port };
}

async function stopApp(owner: CodeOwner): Promise<CodeOutcome> {
  const app = apps.get(owner);
  apps.delete(owner);
  if (app) {
    await app.close();
    app.db?.close();
  }
  return { ok: true };
}

// -- js tests --------------------------------------------------------------------------------

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;

/**
 * Work handed to Node's thread pool (crypto.scrypt, pbkdf2, randomBytes, zlib, dns lookups),
 * which getActiveResourcesInfo() does not list, tracked by its async resource until it is done.
 */
const threadPoolWork = new Set<number>();
// Requests of the thread pool and DNS. Not randomBytes: it finishes in microseconds, and its
// synchronous form leaves a request object that is only destroyed by the garbage collector.
// A synchronous scryptSync does the same: such leftovers make the watch wait for the time limit
// instead, which is slower but never wrong.
const poolWork = (type: string) => /REQUEST$|REQWRAP$|^ZLIB$|^FSREQPROMISE$|^QUERYWRAP$/.test(type) && type !== 'RANDOMBYTESREQUEST';
const workWatch = createHook({
  init(id, type) {
    if (poolWork(type)) threadPoolWork.add(id);
  },
  // Its callback is running: the work itself is done.
  before(id) {
    threadPoolWork.delete(id);
  },
  destroy(id) {
    threadPoolWork.delete(id);
  },
});

/**
 * Whether nothing can ever wake this process again but the tutorial: no timers, sockets,
 * files or thread-pool work of the code's own, only what was open before it loaded (the IPC
 * channel, stdio pipes) and the watch timer itself. A promise awaited then can never settle.
 */
function idle(baseline: Map<string, number>): boolean {
  if (threadPoolWork.size > 0) return false;
  const left = new Map(baseline);
  left.set('Timeout', (left.get('Timeout') ?? 0) + 1);
  return process.getActiveResourcesInfo().every((name) => {
    const count = (left.get(name) ?? 0) - 1;
    left.set(name, count);
    return count >= 0;
  });
}

/** What keeps this process alive before any of the code runs: the IPC channel, stdio pipes. */
function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of process.getActiveResourcesInfo()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

async function runTests(job: Extract<CodeJob, { kind: 'run-tests' }>): Promise<CodeOutcome> {
  const { default: assert } = await import('node:assert/strict');
  // Taken before the code loads: a timer or socket of its own later means it may still wake up.
  const baseline = resourceCounts();
  threadPoolWork.clear();
  workWatch.enable();
  try {
    return await runLoadedTests(job, assert, baseline);
  } finally {
    workWatch.disable();
  }
}

async function runLoadedTests(job: Extract<CodeJob, { kind: 'run-tests' }>, assert: typeof import('node:assert/strict'), baseline: Map<string, number>): Promise<CodeOutcome> {
  const mod = await load(job.owner, job.file);
  // Work done while loading (a scryptSync at the top of the file) is finished by now.
  threadPoolWork.clear();
  let body: (...values: unknown[]) => Promise<unknown>;
  try {
    body = new AsyncFunction('assert', 'mod', job.tests);
  } catch (error) {
    throw new Error(`The exercise's tests do not compile: ${(error as Error).message}`);
  }
  let idleTicks = 0;
  let watch: NodeJS.Timeout | undefined;
  const stuck = new Promise<'stuck'>((resolve) => {
    watch = setInterval(() => {
      idleTicks = idle(baseline) ? idleTicks + 1 : 0;
      if (idleTicks >= 3) resolve('stuck');
    }, 50);
  });
  try {
    const result = await Promise.race([body(assert, mod), stuck]);
    if (result === 'stuck') {
      return {
        ok: false,
        failure: {
          kind: 'never-settles',
          message: 'The tests waited for a promise from your code that never settles: an async function that never returns, or a new Promise whose resolve() is never called.',
        },
      };
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof ExitRefused) return { ok: false, failure: { kind: 'exit-called', message: 'Your code called process.exit().' } };
    const described = describeError(error, job.owner);
    return { ok: false, failure: { kind: 'tests-failed', message: described.message, error: described } };
  } finally {
    clearInterval(watch);
  }
}

// -- the job loop ----------------------------------------------------------------------------

async function run(job: CodeJob): Promise<CodeOutcome> {
  try {
    if (job.kind === 'start-app') return await currentOwner.run(job.owner, () => startApp(job));
    if (job.kind === 'stop-app') return await stopApp(job.owner);
    if (job.kind === 'send-request') {
      const { sendRequest } = await import('./io/http-client.js');
      return { ok: true, sent: await sendRequest(job.port, job.request, job.timeoutMs) };
    }
    return await currentOwner.run(job.owner, () => runTests(job));
  } catch (error) {
    if (error instanceof JobFailure) return { ok: false, failure: error.failure };
    throw error;
  }
}

function receive(message: CodeRequest | PingMessage): void {
  if ('ping' in message) {
    send({ type: 'pong' });
    return;
  }
  run(message.job).then(
    (outcome) => send({ type: 'reply', id: message.id, outcome }),
    (error: unknown) => send({ type: 'reply', id: message.id, outcome: { ok: false, failure: { kind: 'load-error', message: (error as Error).message ?? String(error) } } }),
  );
}

/**
 * A spare's rehearsal: one small app started, asked once and stopped, so that the first check
 * finds Node's module loader, the mini server and the HTTP code it runs compiled and ready.
 */
async function warmUp(folder: string): Promise<void> {
  const file = path.join(folder, `warm-up-${process.pid}.mjs`);
  try {
    writeFileSync(file, "export default function (app) { app.get('/items/:id', (req, res) => res.status(200).json({ id: req.params.id, query: req.query })); }\n");
    const started = await run({ kind: 'start-app', owner: 'solution', file });
    if (started.ok && started.port !== undefined) {
      await run({ kind: 'send-request', port: started.port, request: { method: 'GET', path: '/items/1?x=1', headers: {} }, timeoutMs: 2000 });
    }
    await run({ kind: 'stop-app', owner: 'solution' });
  } catch {
    // A rehearsal only saves time.
  } finally {
    rmSync(file, { force: true });
  }
}

const spare = spareArguments();
if (spare) {
  // A spare (src/io/spare-server.ts): what every check loads is loaded before it waits, so that
  // the check that claims it starts at once.
  void Promise.all([emptyDatabase().then((db) => db.close()), import('node:assert/strict'), warmUp(path.dirname(spare.socketPath)), import('./io/spare-server.js')]).then(([, , , { waitAsSpare }]) =>
    waitAsSpare(fileURLToPath(import.meta.url), spare.socketPath, spare.rest, (channel) => {
      send = (message) => channel.send(message);
      channel.onMessage((message) => receive(message as CodeRequest | PingMessage));
    }),
  );
} else {
  process.on('message', receive);
  // The IPC channel closing means the tutorial is done (or gone): leave with it.
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
}
