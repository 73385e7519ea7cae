// The entry point: answers the command line and is the only place that exits (the only
// caller of process.exit). Built as CommonJS (dist/main.cjs): Node starts a CommonJS file
// several milliseconds sooner than an ES module, and the commonest commands — `list`,
// `progress`, `lesson <n> --print`, `--version` — are answered from caches by the quick path
// (dist/quick.cjs) without loading the ES-module part at all. Everything else, and anything
// the quick path cannot answer, runs the full command line (dist/cli.js).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseQuickCommand, type QuickCommand } from './core/quick-command.js';
import { ExitCode } from './errors.js';
import { buildStamp, hash } from './io/cache-files.js';
import { DirectOutput } from './io/direct-io.js';
import { requireWithCodeCache, type CachedModule } from './io/code-cache.js';
import { resolveDataDir } from './io/paths.js';
import { debug, restoreTerminal, stoppedMessage } from './error-report.js';

declare const __VERSION__: string;

// Stack traces that name src/ files and lines, only when someone asked for them.
if (debug) process.setSourceMapsEnabled(true);

function exit(code: number): void {
  // Let piped output drain before exiting, so `lesson 1 --print | head` gets every byte it asked for.
  process.stdout.write('', () => process.exit(code));
}

process.on('SIGINT', () => {
  restoreTerminal();
  process.stderr.write(stoppedMessage);
  process.exit(ExitCode.interrupted);
});

/**
 * Commands that run SQL or code start their worker process first thing, before the rest of the
 * tutorial loads, so that the worker's start-up overlaps with the tutorial's own. Which
 * worker: `sql` needs the SQL one; `verify` and `exercise` tell by the answer file's
 * extension, when one is named. For `verify`, a spare worker left waiting by the last one is
 * claimed instead, if there is one (src/io/spare-workers.ts).
 */
async function startWorkerForCommand(words: readonly string[], quick: QuickCommand | undefined): Promise<void> {
  const command = words.find((word) => ['verify', 'exercise', 'sql'].includes(word));
  const answerFile = words.find((word) => /\.(sql|m?js)$/i.test(word));
  const kind = command === 'sql' || (answerFile !== undefined && /\.sql$/i.test(answerFile)) ? 'sql' : 'code';
  if (command === undefined || (kind === 'code' && answerFile === undefined)) return;
  // Bundled into main.cjs but evaluated only here: node:net and node:child_process are not cheap to load.
  const { startWorkerEarly } = await import('./io/worker-processes.js');
  startWorkerEarly(kind, command === 'verify' ? resolveDataDir(quick && 'globals' in quick ? quick.globals.dataDir : undefined) : undefined);
  // One turn of the event loop, in which a claimed spare's connection completes and it gets
  // the setup it works to; otherwise that would wait for the check's first job.
  await new Promise((resolve) => setImmediate(resolve));
}

/** Loads one of the quick path's bundles, dist/<name>.cjs, with its code cache (src/io/code-cache.ts). */
function loadQuickBundle<T>(name: string, dataDirOption: string | undefined): CachedModule<T> {
  // Loaded as CommonJS, not import()ed: importing would start Node's ES-module loader, the very
  // cost the quick path avoids. The bundles sit beside this file (scripts/build.mjs).
  const here = path.dirname(fileURLToPath(import.meta.url));
  const codeCache = path.join(resolveDataDir(dataDirOption), 'cache', `${name}.${hash(buildStamp())}.v8`);
  return requireWithCodeCache<T>(path.join(here, `${name}.cjs`), codeCache);
}

/**
 * Runs the command line through the quick path (src/quick.ts, src/quick-verify.ts) when it is
 * one of those it answers: the exit code, or undefined when the full command line must run.
 */
async function runQuickPath(command: QuickCommand | undefined): Promise<number | undefined> {
  // BACKEND_INTRO_QUICK=0 turns the quick path off: the tests compare both paths' output.
  if (process.env.BACKEND_INTRO_QUICK === '0') return undefined;
  if (command === undefined) return undefined;
  try {
    if (command.name === 'version') return finishWith(__VERSION__, () => undefined);
    if (command.name === 'verify') {
      const bundle = loadQuickBundle<typeof import('./quick-verify.js')>('quick-verify', command.globals.dataDir);
      watchForClosedOutput();
      const code = await bundle.exports.verifyQuickly(command);
      if (code !== undefined) bundle.keepCodeCache();
      return code;
    }
    const bundle = loadQuickBundle<typeof import('./quick.js')>('quick', command.globals.dataDir);
    const answer = bundle.exports.answerQuickly(command);
    return answer === undefined ? undefined : finishWith(answer, bundle.keepCodeCache);
  } catch (error) {
    // The quick path is only ever a shortcut: whatever stops it, the full command runs instead.
    if (debug) process.stderr.write(`The quick path failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    return undefined;
  }
}

/** Prints a whole answer, then does what comes after (saving the code cache), and exits. */
function finishWith(answer: string, after: () => void): number {
  // Straight to file descriptor 1: building process.stdout would load Node's stream modules.
  const written = new DirectOutput().write(`${answer}\n`);
  after();
  // With everything written already, there is nothing to wait for.
  if (written) process.exit(ExitCode.ok);
  return ExitCode.ok;
}

/** A reader that goes away (`backend-intro … | head -1`) ends the tutorial quietly. */
function watchForClosedOutput(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
  });
}

async function main(): Promise<number> {
  const words = process.argv.slice(2);
  const command = parseQuickCommand(words, process.env);
  await startWorkerForCommand(words, command);
  const quick = await runQuickPath(command);
  if (quick !== undefined) return quick;
  watchForClosedOutput();
  // The command line library loads after the worker has started, while it boots.
  const { runCli } = await import('./cli.js');
  return runCli(process.argv);
}

main().then(exit, (error: unknown) => {
  // runCli reports every error itself; this is a failure to load the tutorial at all.
  process.stderr.write(`backend-intro could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  exit(ExitCode.checkFailed);
});
