// Load test: the capstone's reference solution (the last exercise of the capstone lesson) on the
// mini server, started the way a learner's check starts it (the code worker's start-app job, from
// the built dist/), against the same endpoint written by hand on plain node:http
// (scripts/load-raw-server.mjs). A second process (scripts/load-client.mjs, autocannon) sends
// the requests over loopback for a fixed time. Both servers are warmed up, then measured in
// turn (mini, raw, mini, raw, …) so that machine noise hits both alike; the medians are compared.
//
//   node scripts/load.mjs [--seconds 5] [--rounds 3] [--connections 10] [--json]
//
// Exits 1 when any request failed (an error, a timeout or a status other than 2xx), 2 when it
// could not run. `npm run bench` prints the same figure through measureLoad().
import { fork, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import YAML from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The read endpoint under load: it looks the book up and reads a page of its reviews. */
export const loadPath = '/books/25/reviews?limit=10';
/** The ratio the issue asks for: the mini server at 0.8× the raw node:http requests per second, or better. */
export const loadTarget = 0.8;

/** The capstone lesson's last http exercise: its reference solution and the database it runs on. */
export function capstoneSolution(lessonsDir = path.join(root, 'lessons')) {
  const files = readdirSync(lessonsDir).filter((name) => /^\d+-.+\.md$/.test(name)).sort();
  const file = files.find((name) => /-capstone\.md$/.test(name)) ?? files.at(-1);
  if (!file) throw new Error(`${lessonsDir} has no lesson files`);
  const text = readFileSync(path.join(lessonsDir, file), 'utf8');
  const frontMatter = YAML.parse(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') ?? {};
  const exercises = [...text.matchAll(/```exercise\n([\s\S]*?)\n```/g)].map((match) => YAML.parse(match[1]));
  const position = exercises.findLastIndex((exercise) => exercise.type === 'http');
  if (position === -1) throw new Error(`${file} has no http exercise`);
  const exercise = exercises[position];
  const database = exercise.database ?? frontMatter.database;
  if (!database) throw new Error(`exercise ${exercise.id} of ${file} names no database`);
  return {
    label: `${frontMatter.number ?? Number(file.split('-')[0])}.${position + 1} ${exercise.id}`,
    solution: exercise.solution,
    seedFile: path.join(lessonsDir, 'data', `${database}.sql`),
  };
}

/** The environment of the children: as the tutorial's workers get it (src/io/paths.ts workerEnv). */
function childEnv() {
  const { NODE_EXTRA_CA_CERTS: _unused, ...env } = process.env;
  return env;
}

/** Waits for the first message that `accept` takes (returning non-undefined), or the child's end. */
function nextMessage(child, what, accept, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    const done = (settle) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      settle();
    };
    const onMessage = (message) => {
      const value = accept(message);
      if (value !== undefined) done(() => resolve(value));
    };
    const onExit = (code, signal) => done(() => reject(new Error(`${what}: the process ended (${signal ?? `exit code ${code}`})`)));
    const timer = setTimeout(() => done(() => reject(new Error(`${what}: no answer within ${timeoutMs / 1000} s`))), timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** The mini server with the solution, in the code worker, as `verify` runs a learner's file. */
async function startMiniServer(solutionFile, seedFile, counters) {
  const workerScript = path.join(root, 'dist', 'code-worker.cjs');
  if (!existsSync(workerScript)) throw new Error('dist/code-worker.cjs is missing: run `node scripts/build.mjs` first (npm run bench does).');
  // The same options as src/io/code-runner.ts.
  const worker = fork(workerScript, [], { silent: true, serialization: 'json', env: childEnv() });
  worker.stdout.resume();
  worker.stderr.resume();
  // An error the solution threw while answering is a failed request even when a 500 went out.
  worker.on('message', (message) => {
    if (message.type === 'code-error') counters.codeErrors += 1;
  });
  worker.send({ id: 1, job: { kind: 'start-app', owner: 'solution', file: solutionFile, seedFile } });
  const outcome = await nextMessage(worker, 'starting the mini server', (message) => (message.type === 'reply' && message.id === 1 ? message.outcome : undefined));
  if (!outcome.ok) throw new Error(`the capstone solution does not start on the mini server: ${outcome.failure.message}`);
  return { process: worker, port: outcome.port };
}

async function startRawServer(seedFile) {
  const server = fork(path.join(root, 'scripts', 'load-raw-server.mjs'), [seedFile], { silent: true, env: childEnv() });
  server.stdout.resume();
  server.stderr.resume();
  const { port } = await nextMessage(server, 'starting the raw node:http server', (message) => (typeof message?.port === 'number' ? message : undefined));
  return { process: server, port };
}

/** Requests both servers must answer alike (the load path, other pages, and every error), or the comparison means nothing. */
const equivalencePaths = [
  loadPath,
  '/books/25/reviews',
  '/books/25/reviews?limit=2&offset=2',
  '/books/25/reviews?limit=0',
  '/books/25/reviews?limit=21',
  '/books/25/reviews?offset=-1',
  '/books/abc/reviews',
  '/books/%zz/reviews',
  '/books/999/reviews',
  '/nowhere',
];

/** Status, content type, length and body of each of those requests. */
async function answers(port) {
  const seen = [];
  for (const requestPath of equivalencePaths) {
    const response = await fetch(`http://127.0.0.1:${port}${requestPath}`);
    seen.push({ path: requestPath, status: response.status, type: response.headers.get('content-type'), length: response.headers.get('content-length'), body: await response.text() });
  }
  return seen;
}

/** CPU time (user + system) a process has used so far, in seconds; undefined where /proc is not there. */
const clockTicks = (() => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(result.stdout?.trim()) || 100;
})();
function cpuSeconds(pid) {
  try {
    // Fields after the ")" of the command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return undefined;
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Runs the load test and returns, for each server, the requests per second of every measured run,
 * their median, the failed requests, and the server's CPU time per request; plus mini/raw ratio.
 */
export async function measureLoad({ seconds = 5, rounds = 3, connections = 10, warmupSeconds = 1, onRun = () => undefined } = {}) {
  const capstone = capstoneSolution();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backend-intro-load-'));
  const solutionFile = path.join(dir, 'solution.mjs');
  writeFileSync(solutionFile, capstone.solution);
  const counters = { codeErrors: 0 };
  const children = [];
  try {
    const mini = await startMiniServer(solutionFile, capstone.seedFile, counters);
    children.push(mini.process);
    const raw = await startRawServer(capstone.seedFile);
    children.push(raw.process);
    const client = fork(path.join(root, 'scripts', 'load-client.mjs'), [], { env: childEnv() });
    children.push(client);

    const [miniAnswers, rawAnswers] = await Promise.all([answers(mini.port), answers(raw.port)]);
    for (const [index, miniAnswer] of miniAnswers.entries()) {
      if (JSON.stringify(miniAnswer) !== JSON.stringify(rawAnswers[index])) {
        throw new Error(`the two servers answer GET ${miniAnswer.path} differently:\nmini: ${JSON.stringify(miniAnswer)}\nraw:  ${JSON.stringify(rawAnswers[index])}`);
      }
    }
    if (miniAnswers[0].status !== 200) throw new Error(`GET ${loadPath} answers ${miniAnswers[0].status}, not 200: ${miniAnswers[0].body}`);

    const servers = { mini: { ...mini, runs: [] }, raw: { ...raw, runs: [] } };
    const run = async (name, duration) => {
      const server = servers[name];
      const cpuBefore = cpuSeconds(server.process.pid);
      client.send({ url: `http://127.0.0.1:${server.port}${loadPath}`, seconds: duration, connections });
      const result = await nextMessage(client, 'the load client', (message) => message, (duration + 30) * 1000);
      if (!result.ok) throw new Error(`autocannon failed: ${result.message}`);
      const cpuAfter = cpuSeconds(server.process.pid);
      const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
      return {
        rps: result.requests / result.seconds,
        requests: result.requests,
        failed: result.errors + result.timeouts + result.non2xx,
        cpuMicrosPerRequest: cpu === undefined || result.requests === 0 ? undefined : (cpu * 1e6) / result.requests,
        cpuBusy: cpu === undefined ? undefined : cpu / result.seconds,
      };
    };
    // Warm-up: the JIT compiles the hot paths, SQLite's pages are cached, connections are opened.
    // Its failures count like any other: every request must succeed.
    for (const name of ['mini', 'raw']) servers[name].warmupFailed = (await run(name, warmupSeconds)).failed;
    for (let round = 0; round < rounds; round++) {
      for (const name of ['mini', 'raw']) {
        const measured = await run(name, seconds);
        servers[name].runs.push(measured);
        onRun(name, measured);
      }
    }

    const summary = (name) => {
      const { runs } = servers[name];
      const cpu = runs.map((r) => r.cpuMicrosPerRequest).filter((value) => value !== undefined);
      return {
        rps: runs.map((r) => r.rps),
        medianRps: median(runs.map((r) => r.rps)),
        requests: runs.reduce((sum, r) => sum + r.requests, 0),
        failed: servers[name].warmupFailed + runs.reduce((sum, r) => sum + r.failed, 0) + (name === 'mini' ? counters.codeErrors : 0),
        cpuMicrosPerRequest: cpu.length > 0 ? median(cpu) : undefined,
        cpuBusy: runs.every((r) => r.cpuBusy !== undefined) ? median(runs.map((r) => r.cpuBusy)) : undefined,
      };
    };
    const miniSummary = summary('mini');
    const rawSummary = summary('raw');
    return {
      exercise: capstone.label,
      path: loadPath,
      seconds,
      rounds,
      connections,
      mini: miniSummary,
      raw: rawSummary,
      ratio: miniSummary.medianRps / rawSummary.medianRps,
      target: loadTarget,
    };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The lines `npm run bench` and this script print. */
export function formatLoad(result) {
  const line = (label, figures, ratio, target) =>
    `${label.padEnd(24)} ${`${Math.round(figures.medianRps)} req/s`.padStart(12)}  ${`${ratio.toFixed(2)}×`.padStart(6)}  ${target.padEnd(7)}  ${String(figures.failed).padStart(6)}  ${
      figures.cpuMicrosPerRequest === undefined ? '' : `${figures.cpuMicrosPerRequest.toFixed(0)} µs (${Math.round((figures.cpuBusy ?? 0) * 100)}% busy)`
    }`;
  const ok = result.ratio >= result.target;
  return [
    `GET ${result.path} (capstone ${result.exercise}), ${result.connections} connections from a second process,`,
    `median of ${result.rounds} runs of ${result.seconds} s each, taken in turn after a warm-up`,
    `server                   requests/s   ratio   target   failed  server CPU per request`,
    line('raw node:http', result.raw, 1, ''),
    line('mini server', result.mini, result.ratio, `≥ ${result.target}×`) + (ok ? '' : '  under target'),
  ];
}

function option(args, name, fallback) {
  const index = args.indexOf(name);
  if (index === -1) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number, e.g. ${name} ${fallback}`);
  return value;
}

async function main(args) {
  let result;
  try {
    result = await measureLoad({
      seconds: option(args, '--seconds', 5),
      rounds: option(args, '--rounds', 3),
      connections: option(args, '--connections', 10),
      warmupSeconds: Math.min(1, option(args, '--seconds', 5)),
    });
  } catch (error) {
    console.error(`The load test could not run: ${error.message}`);
    return 2;
  }
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else console.log(formatLoad(result).join('\n'));
  const failed = result.mini.failed + result.raw.failed;
  if (failed > 0) console.error(`${failed} requests failed.`);
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
