// `backend-intro serve <file> [--port N] [--db NAME]`: runs a learner's handler file on the mini
// server, on 127.0.0.1, so they can try it with curl or a browser. Logs each request, prints what
// their code prints, reloads on every save, restarts after a handler stuck in a loop, and stops
// on Ctrl-C.
import chalk from 'chalk';
import { existsSync, statSync, watch } from 'node:fs';
import { fileStamp } from '../io/file-stamp.js';
import path from 'node:path';
import type { Course, HttpExercise } from '../core/model.js';
import { statusLine } from '../core/http-compare.js';
import { UsageError } from '../errors.js';
import type { CodeMessage } from '../io/code-protocol.js';
import { takeCodeRunner, type CodeRunner } from '../io/code-runner.js';
import { displayPath, exerciseFile } from '../io/paths.js';
import { renderCodeError, servePort } from '../ui/code-failure-view.js';
import { neutralize } from '../ui/terminal.js';
import { chooseDatabase } from './sql.js';
import { createContext, type AppContext, type GlobalOptions } from './context.js';

export interface ServeOptions extends GlobalOptions {
  port?: string;
  db?: string;
}

/** How often the app is asked whether it is still responsive. */
const heartbeatMs = 1000;

export async function serveCommand(file: string, options: ServeOptions): Promise<void> {
  const port = parsePort(options.port);
  const ctx = await createContext(options);
  const answerFile = path.resolve(file);
  if (!existsSync(answerFile) || !statSync(answerFile).isFile()) {
    ctx.close();
    const what = existsSync(answerFile) ? `${displayPath(answerFile)} is a folder, not a file` : `There is no file at ${displayPath(answerFile)}`;
    throw new UsageError(`${what}; name your handler file, e.g. \`backend-intro serve backend-intro-work/servers-and-http/greet.mjs\`.`);
  }
  const exercise = exerciseOf(ctx.course, ctx.workspace, answerFile);
  const database = databaseFor(ctx, exercise, options.db);
  // A path the file answers, when it is an exercise's: the first GET its checks send.
  const tryPath = exercise?.requests.find((request) => request.method === 'GET')?.path ?? '/';
  const runner = takeCodeRunner();
  try {
    await serve(ctx, runner, answerFile, port, database, tryPath);
  } finally {
    runner.close();
    ctx.close();
  }
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return servePort;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a whole number from 1 to 65535 (got "${text}"); for example --port ${servePort}.`);
  return port;
}

/**
 * The database the app gets: --db when given; else the one of the exercise whose workspace file
 * this is; else the pack's default sample database (none when the pack has no data/).
 */
function databaseFor(ctx: AppContext, exercise: HttpExercise | undefined, wanted: string | undefined): { name: string; seedFile: string } | undefined {
  const seed = (name: string) => ({ name, seedFile: path.join(ctx.packDir, 'data', `${name}.sql`) });
  if (wanted !== undefined) return seed(chooseDatabase(ctx.packDir, wanted));
  if (exercise?.database) return seed(exercise.database);
  try {
    return seed(chooseDatabase(ctx.packDir, undefined));
  } catch {
    return undefined;
  }
}

/** The http exercise whose workspace file this is, if any. */
function exerciseOf(course: Course, workspace: string, file: string): HttpExercise | undefined {
  for (const lesson of course.lessons) {
    const exercise = lesson.exercises.find((candidate) => candidate.type === 'http' && exerciseFile(workspace, lesson.id, candidate) === file);
    if (exercise?.type === 'http') return exercise;
  }
  return undefined;
}

async function serve(ctx: AppContext, runner: CodeRunner, file: string, port: number, database: { name: string; seedFile: string } | undefined, tryPath: string): Promise<void> {
  runner.onMessage = (message) => printLive(ctx, message);
  const start = async (why: string | undefined): Promise<boolean> => {
    const result = await runner.run({ kind: 'start-app', owner: 'learner', file, port, logRequests: true, ...(database ? { seedFile: database.seedFile } : {}) }, 5000);
    if (result.ok) {
      if (why) ctx.out(chalk.dim(why));
      return true;
    }
    if ('stopped' in result) ctx.out(chalk.red(`Your file was still loading after 5 s and was stopped: a loop at the top level of the file?`));
    else {
      if (result.failure.kind === 'port-in-use') throw new UsageError(result.failure.message);
      // The error, when there is one, is shown with its own name and message, and its line.
      if (result.failure.error) ctx.out(renderCodeError(result.failure.error, ctx.screen.columns).join('\n'));
      else ctx.out(chalk.red(neutralize(result.failure.message)));
    }
    ctx.out(chalk.yellow('Fix it and save: the server starts again by itself.'));
    return false;
  };

  // Started first: a port in use ends it before it claims to be serving.
  let up = await start(undefined);
  const url = `http://127.0.0.1:${port}`;
  ctx.out(chalk.bold(up ? `Serving ${displayPath(file)} at ${url}` : `${displayPath(file)} will be served at ${url} once it loads`));
  ctx.out(chalk.dim(`${database ? `Database: a fresh copy of ${database.name} on every start. ` : ''}Reloads when you save · Ctrl-C stops`));
  ctx.out(chalk.dim(`Try: curl -i '${url}${tryPath}'`));

  // Reload on save, a moment after the writes settle.
  let last = fileStamp(file);
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const now = fileStamp(file);
      if (now === last) return;
      last = now;
      up = await start(`↻ ${new Date().toLocaleTimeString()} reloaded ${path.basename(file)}`);
    }, 150);
  };
  const watcher = (() => {
    try {
      return watch(path.dirname(file), (_event, name) => {
        if (name === null || name === path.basename(file)) reload();
      });
    } catch {
      return undefined;
    }
  })();
  watcher?.on('error', () => undefined);

  // A handler stuck in a loop freezes the app's process: notice, and start it again.
  let checking = false;
  const heartbeat = setInterval(async () => {
    if (fileStamp(file) !== last) reload();
    if (!up || checking) return;
    checking = true;
    if (!(await runner.responsive(heartbeatMs * 2))) {
      ctx.out(chalk.red('Your app stopped answering (a handler in an endless loop?) and was restarted.'));
      runner.restart();
      up = await start(undefined);
    }
    checking = false;
  }, heartbeatMs);

  try {
    // Until Ctrl-C: the entry point's SIGINT handler ends the process, which ends the worker.
    await new Promise<void>(() => undefined);
  } finally {
    clearInterval(heartbeat);
    clearTimeout(timer);
    watcher?.close();
  }
}


function printLive(ctx: AppContext, message: CodeMessage): void {
  if (message.type === 'request-log' && message.unanswered) {
    ctx.out(
      `${chalk.dim(new Date().toLocaleTimeString())} ${neutralize(message.method)} ${neutralize(message.path)} → ${chalk.yellow(`no answer after ${Math.round(message.ms / 1000)} s: did your code forget res.json() or res.end(), or wait for something that never comes?`)}`,
    );
  } else if (message.type === 'request-log') {
    const colour = message.status >= 500 ? chalk.red : message.status >= 400 ? chalk.yellow : chalk.green;
    ctx.out(`${chalk.dim(new Date().toLocaleTimeString())} ${neutralize(message.method)} ${neutralize(message.path)} → ${colour(statusLine(message.status))} ${chalk.dim(`${message.ms} ms`)}`);
  } else if (message.type === 'console') {
    ctx.out(`${chalk.dim('│')} ${neutralize(message.text)}`);
  } else if (message.type === 'code-error') {
    ctx.out(chalk.red(`Your code threw ${message.during ?? ''}:`));
    ctx.out(renderCodeError(message.error, ctx.screen.columns).join('\n'));
  } else if (message.type === 'exit-called') {
    ctx.out(chalk.red(`Your code called process.exit(${message.code}); the server keeps running. Answer with res.status(…).json(…) instead.`));
  }
}
