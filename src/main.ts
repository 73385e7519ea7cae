// The entry point: answers the command line and is the only place that exits (the only
// caller of process.exit). Built as CommonJS (dist/main.cjs): Node starts a CommonJS file
// several milliseconds sooner than an ES module, and the commonest commands — `list`,
// `progress`, `lesson <n> --print`, `--version` — are answered from caches by the quick path
// (dist/quick.cjs) without loading the ES-module part at all. Everything else, and anything
// the quick path cannot answer, runs the full command line (dist/cli.js).
import { writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseQuickCommand } from './core/quick-command.js';
import { ExitCode } from './errors.js';
import { buildStamp, hash } from './io/cache-files.js';
import { requireWithCodeCache } from './io/code-cache.js';
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
 * extension, when one is named.
 */
async function startWorkerForCommand(words: readonly string[]): Promise<void> {
  const command = words.find((word) => ['verify', 'exercise', 'sql'].includes(word));
  const answerFile = words.find((word) => /\.(sql|m?js)$/i.test(word));
  const kind = command === 'sql' || (answerFile !== undefined && /\.sql$/i.test(answerFile)) ? 'sql' : 'code';
  if (command === undefined || (kind === 'code' && answerFile === undefined)) return;
  // Bundled into main.cjs but evaluated only here: node:child_process is not cheap to load.
  const { startWorkerEarly } = await import('./io/worker-processes.js');
  startWorkerEarly(kind);
}

/** The quick path's answer, or undefined when the full command line must run. */
function answerQuickly(words: readonly string[]): { answer: string; after(): void } | undefined {
  // BACKEND_INTRO_QUICK=0 turns the quick path off: the tests compare both paths' output.
  if (process.env.BACKEND_INTRO_QUICK === '0') return undefined;
  const command = parseQuickCommand(words, process.env);
  if (command === undefined) return undefined;
  if (command.name === 'version') return { answer: __VERSION__, after: () => undefined };
  // Loaded as CommonJS, not import()ed: importing would start Node's ES-module loader, the very
  // cost the quick path avoids. dist/quick.cjs sits beside this file (scripts/build.mjs).
  const here = path.dirname(fileURLToPath(import.meta.url));
  const codeCache = path.join(resolveDataDir(command.globals.dataDir), 'cache', `quick-${hash(buildStamp())}.v8`);
  try {
    const quick = requireWithCodeCache<typeof import('./quick.js')>(path.join(here, 'quick.cjs'), codeCache);
    const answer = quick.exports.answerQuickly(command);
    return answer === undefined ? undefined : { answer, after: quick.keepCodeCache };
  } catch (error) {
    // The quick path is only ever a shortcut: whatever stops it, the full command runs instead.
    if (debug) process.stderr.write(`The quick path failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    return undefined;
  }
}

/**
 * Writes the quick path's answer straight to file descriptor 1: building process.stdout would
 * load Node's stream modules, a good part of what the quick path saves. Returns false when the
 * rest must go through process.stdout after all (a non-blocking pipe that is full).
 */
function writeAnswer(text: string): boolean {
  const bytes = Buffer.from(`${text}\n`);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return true; // the reader has gone (`list | head -1`): nothing to say
    if (code !== 'EAGAIN') throw error;
    process.stdout.write(bytes.subarray(written));
    return false;
  }
}

async function main(): Promise<number> {
  const words = process.argv.slice(2);
  const quick = answerQuickly(words);
  if (quick !== undefined) {
    const written = writeAnswer(quick.answer);
    quick.after();
    if (written) process.exit(ExitCode.ok);
    return ExitCode.ok;
  }
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
  });
  await startWorkerForCommand(words);
  // The command line library loads after the worker has started, while it boots.
  const { runCli } = await import('./cli.js');
  return runCli(process.argv);
}

main().then(exit, (error: unknown) => {
  // runCli reports every error itself; this is a failure to load the tutorial at all.
  process.stderr.write(`backend-intro could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  exit(ExitCode.checkFailed);
});
