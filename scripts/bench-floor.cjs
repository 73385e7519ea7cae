// The least a check can cost with its worker process: start the worker straight away and wait
// for the answers a check needs, with none of the tutorial around it. `npm run bench` times this
// beside `verify` to show how much of verify's time is the second Node start-up itself.
//   node scripts/bench-floor.cjs sql <seed.sql> <check-seed.sql> <answer.sql>
//     the SQL worker answers the four queries of a check (answer and solution on two datasets)
//   node scripts/bench-floor.cjs http <answer.mjs> <request path>
//     the code worker starts two apps (reference and learner) and one request is answered
'use strict';
const { fork, spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const [kind, ...args] = process.argv.slice(2);

if (kind === 'sql') {
  const [seed, checkSeed, answer] = args;
  const sql = readFileSync(answer, 'utf8');
  const worker = spawn(process.execPath, [path.join(dist, 'sql-worker.cjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  let answers = 0;
  worker.stdout.on('data', (chunk) => {
    answers += String(chunk).split('\n').length - 1;
    if (answers >= 4) process.exit(0);
  });
  [seed, seed, checkSeed, checkSeed].forEach((seedFile, index) => {
    worker.stdin.write(`${JSON.stringify({ id: index + 1, job: { kind: 'query', database: { seedFile }, sql, maxRows: 200 } })}\n`);
  });
} else if (kind === 'http') {
  const [answer, requestPath] = args;
  const http = require('node:http');
  const worker = fork(path.join(dist, 'code-worker.cjs'), [], { silent: true, serialization: 'json' });
  let started = 0;
  worker.on('message', (message) => {
    if (message.type !== 'reply' || ++started < 2) return;
    http.get(`http://127.0.0.1:${message.outcome.port}${requestPath}`, (response) => {
      response.resume();
      response.on('end', () => process.exit(0));
    });
  });
  worker.send({ id: 1, job: { kind: 'start-app', owner: 'solution', file: answer } });
  worker.send({ id: 2, job: { kind: 'start-app', owner: 'learner', file: answer } });
} else {
  process.stderr.write('usage: bench-floor.cjs sql <seed> <check seed> <answer.sql> | http <answer.mjs> <path>\n');
  process.exit(2);
}
