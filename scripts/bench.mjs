// Start-up benchmark: median wall time of each command as a ratio to `node -e 0`, all measured
// in the same run and started the same way (spawned child, stdout to a pipe we drain), plus the
// peak memory (max RSS, via /usr/bin/time) of each. Run with `npm run bench`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import YAML from 'yaml';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatLoad, measureLoad } from './load.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'backend-intro.cjs');
const runs = Number(process.env.BENCH_RUNS ?? 21);
const home = mkdtempSync(path.join(os.tmpdir(), 'backend-intro-bench-'));
const env = { ...process.env, BACKEND_INTRO_HOME: home, NO_COLOR: '1' };
delete env.BACKEND_INTRO_LESSONS;
// Node reads NODE_EXTRA_CA_CERTS at every start-up (over 100 ms for a system bundle here), which
// would swamp what is measured; the tutorial's own worker processes leave it out too.
const extraCerts = env.NODE_EXTRA_CA_CERTS !== undefined;
delete env.NODE_EXTRA_CA_CERTS;

/** The first exercise of a type in the built-in course, with its reference solution as the answer file. */
function firstExercise(type, extension) {
  const lessonsDir = path.join(root, 'lessons');
  for (const name of readdirSync(lessonsDir).filter((file) => /^\d+-.+\.md$/.test(file)).sort()) {
    const text = readFileSync(path.join(lessonsDir, name), 'utf8');
    const blocks = [...text.matchAll(/```exercise\n([\s\S]*?)\n```/g)].map((match) => YAML.parse(match[1]));
    const index = blocks.findIndex((block) => block.type === type);
    if (index !== -1) {
      const answer = path.join(home, `answer-${type}.${extension}`);
      writeFileSync(answer, blocks[index].solution);
      const lessonDatabase = /^database:\s*(\S+)/m.exec(text.split('\n---')[0] ?? '')?.[1];
      return { id: `${Number(name.split('-')[0])}.${index + 1}`, answer, block: blocks[index], database: blocks[index].database ?? lessonDatabase };
    }
  }
  throw new Error(`the built-in course has no ${type} exercise to verify`);
}
const floor = path.join(root, 'scripts', 'bench-floor.cjs');
const seedFiles = (database) => [`${database}.sql`, `${database}.check.sql`].map((name) => path.join(root, 'lessons', 'data', name));
const sqlExercise = firstExercise('sql', 'sql');
const httpExercise = firstExercise('http', 'mjs');

/** Each case: a label, the node arguments, and the target ratio from the issues. */
const cases = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'list', args: [bin, 'list'], target: 1.6 },
  { label: 'lesson 1 --print', args: [bin, 'lesson', '1', '--print'], target: 2.0 },
  // verify claims the spare worker the previous verify left (src/io/spare-workers.ts), as a
  // learner's second and later checks do; "no spare" is the first check, or spares turned off.
  { label: `verify ${sqlExercise.id} (sql)`, args: [bin, 'verify', sqlExercise.id, sqlExercise.answer], target: 2.0 },
  { label: `verify ${httpExercise.id} (http)`, args: [bin, 'verify', httpExercise.id, httpExercise.answer], target: 3.0 },
  { label: '  sql, no spare', args: [bin, 'verify', sqlExercise.id, sqlExercise.answer], noSpares: true },
  { label: '  http, no spare', args: [bin, 'verify', httpExercise.id, httpExercise.answer], noSpares: true },
  // What a check costs at the least with its worker process, the tutorial left out
  // (scripts/bench-floor.cjs): the part of verify's time that is the second Node start-up.
  { label: '  floor: SQL worker', args: [floor, 'sql', ...seedFiles(sqlExercise.database), sqlExercise.answer] },
  { label: '  floor: code worker', args: [floor, 'http', httpExercise.answer, String(httpExercise.block.requests[0]).split(' ')[1]] },
  // The same commands on a first run, before the pack and the rendered lesson are cached.
  { label: 'list, first run', args: [bin, 'list'], cold: true },
  { label: 'lesson 1 --print, 1st', args: [bin, 'lesson', '1', '--print'], cold: true },
];
let coldRuns = 0;

/** A pause after every run: time for a spare to start in the background, as it has between a learner's checks. */
const pauseMs = 100;
const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);

function once({ args, cold, noSpares }) {
  const runEnv = cold ? { ...env, BACKEND_INTRO_HOME: path.join(home, `cold-${coldRuns++}`) } : noSpares ? { ...env, BACKEND_INTRO_SPARES: '0' } : env;
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: runEnv, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  pause();
  return ms;
}

function peakMemoryMb(args) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const kb = Number(result.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

try {
  // Warm the file cache and create the progress file so every timed run does the same work.
  for (const c of cases) once(c);
  const times = new Map(cases.map((c) => [c.label, []]));
  // Interleave the cases so that machine noise hits them all alike.
  for (let i = 0; i < runs; i++) for (const c of cases) times.get(c.label).push(once(c));

  const baseline = median(times.get('node -e 0'));
  console.log(`backend-intro start-up, median of ${runs} runs (Node ${process.version}, ${os.cpus().length} cores)`);
  console.log(extraCerts ? 'NODE_EXTRA_CA_CERTS is set here; every run, node -e 0 included, runs without it.\n' : '');
  console.log('command                 median    ratio   target   peak memory');
  let failed = false;
  for (const c of cases) {
    const ms = median(times.get(c.label));
    const ratio = ms / baseline;
    const mem = c.cold ? undefined : peakMemoryMb(c.args);
    const ok = c.target === undefined || ratio <= c.target;
    failed ||= !ok;
    console.log(
      `${c.label.padEnd(23)} ${`${ms.toFixed(1)} ms`.padStart(8)}  ${`${ratio.toFixed(2)}×`.padStart(6)}  ${(c.target ? `≤ ${c.target}×` : '').padEnd(7)}  ${mem === undefined ? '      ' : `${mem.toFixed(0)} MB`.padStart(6)}${ok ? '' : '  over target'}`,
    );
  }

  const spares = stopSpares();
  if (spares.length > 0) {
    console.log(`\nSpare workers left waiting after the runs (each leaves after 10 idle minutes): ${spares.map((spare) => `${spare.kind} ${spare.mb.toFixed(0)} MB`).join(', ')}`);
  }

  // Under load (scripts/load.mjs): the capstone's solution on the mini server against the same
  // endpoint on raw node:http. 3 rounds of 5 s each by default; a smaller BENCH_RUNS shortens them.
  const load = await measureLoad({ seconds: runs >= 21 ? 5 : Math.max(1, Math.round(runs / 4)), rounds: 3 });
  console.log('');
  for (const line of formatLoad(load)) console.log(line);
  const failedRequests = load.mini.failed + load.raw.failed;
  if (failedRequests > 0) {
    console.log(`\n${failedRequests} requests failed under load: that is a bug, not noise.`);
    process.exitCode = 1;
  }
  failed ||= load.ratio < load.target;
  if (failed) console.log('\nSome ratios miss their targets (machine noise can do this; run again to confirm).');
} finally {
  stopSpares();
  rmSync(home, { recursive: true, force: true });
}

/** The spare workers the timed runs left waiting in the bench's data folder, with their memory; then stopped. */
function stopSpares() {
  if (!existsSync('/proc')) return []; // elsewhere they leave by themselves once their socket is gone
  const spares = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!command.some((word) => word.startsWith(`${home}${path.sep}`))) continue;
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      spares.push({ kind: path.basename(command[1] ?? '').replace(/-worker\.cjs$/, ''), mb: rssKb / 1024 });
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return spares;
}
