// The mini server listens on 127.0.0.1 only, never on all interfaces: a half-finished server on
// a learner's laptop must not be reachable from the café's Wi-Fi. Checked three ways for each
// place a server starts (app.listen, the code worker during a check, `backend-intro serve`):
// a connection to 127.0.0.1 works, one to the machine's other addresses is refused, and the
// kernel's own table of listening sockets shows 127.0.0.1 for the process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodeRunner } from '../../src/io/code-runner.js';
import { createApp } from '../../src/server/index.js';
import { bin, cliEnv, fixturePack, killIfRunning, root, runCli } from '../cli/pty-helpers.js';
import { canReadSockets, childPids, freePort, listeningSockets, nonLoopbackAddresses, tryConnect } from './sockets.js';

const lanAddresses = nonLoopbackAddresses();
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bi-loopback-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A handler file answering GET /ping, as a learner would write it. */
function pingApp(): string {
  const file = path.join(dir, 'ping.mjs');
  writeFileSync(file, "export default function (app) {\n  app.get('/ping', (req, res) => res.json({ pong: true }));\n}\n");
  return file;
}

/** What every test asserts about a port a server listens on. */
async function expectLoopbackOnly(port: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/ping`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ pong: true });
  for (const address of lanAddresses) expect(await tryConnect(address, port), `a connection to ${address}:${port}`).toBe('ECONNREFUSED');
}

it('has something to check on this machine: another address to connect to, or the socket table', () => {
  // Without either, the tests below would only prove that 127.0.0.1 works.
  expect(lanAddresses.length > 0 || canReadSockets).toBe(true);
});

it('would notice a server listening on every interface (the checks below can fail)', async () => {
  const net = await import('node:net');
  for (const host of ['0.0.0.0', '::']) {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    try {
      // 0.0.0.0 is every IPv4 address; '::' is every address of both families.
      const reachable = host === '::' ? lanAddresses : lanAddresses.filter((address) => net.isIPv4(address));
      for (const address of reachable) expect(await tryConnect(address, port), `a connection to ${address}:${port}`).toBe('connected');
      if (canReadSockets) expect(listeningSockets(process.pid).filter((socket) => socket.port === port)).toEqual([{ address: host, port }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }
});

describe('app.listen()', () => {
  it('listens on 127.0.0.1 on a free port when none is given', async () => {
    const app = createApp();
    app.get('/ping', (req, res) => res.json({ pong: true }));
    const server = await app.listen();
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      await expectLoopbackOnly(server.port);
      if (canReadSockets) expect(listeningSockets(process.pid).filter((socket) => socket.port === server.port)).toEqual([{ address: '127.0.0.1', port: server.port }]);
    } finally {
      await server.close();
    }
  });

  it('listens on 127.0.0.1 on the port it is given', async () => {
    const port = await freePort();
    const app = createApp();
    app.get('/ping', (req, res) => res.json({ pong: true }));
    const server = await app.listen(port);
    try {
      expect(server.port).toBe(port);
      await expectLoopbackOnly(port);
      if (canReadSockets) expect(listeningSockets(process.pid).filter((socket) => socket.port === port)).toEqual([{ address: '127.0.0.1', port }]);
    } finally {
      await server.close();
    }
  });
});

describe('the code worker', () => {
  it("listens on 127.0.0.1 only, for the learner's app and the solution's, and nowhere else", async () => {
    const runner = new CodeRunner();
    try {
      const file = pingApp();
      const learner = await runner.run({ kind: 'start-app', owner: 'learner', file }, 10_000);
      const solution = await runner.run({ kind: 'start-app', owner: 'solution', file }, 10_000);
      if (!learner.ok || !solution.ok) throw new Error(`the apps did not start: ${JSON.stringify({ learner, solution })}`);
      const ports = [learner.port!, solution.port!];
      for (const port of ports) await expectLoopbackOnly(port);
      if (canReadSockets) {
        const sockets = listeningSockets(runner.workerPid!).sort((a, b) => a.port - b.port);
        expect(sockets).toEqual([...ports].sort((a, b) => a - b).map((port) => ({ address: '127.0.0.1', port })));
      }
    } finally {
      runner.close();
    }
  });

  it('gives the app of a `verify` check a 127.0.0.1 socket that the other addresses cannot reach', () => {
    // The learner's handler looks at its own connection while the check runs, and tries to reach
    // its own port over the machine's other addresses; it writes what it found to a file.
    const probeFile = path.join(dir, 'probe.jsonl');
    const answer = path.join(dir, 'answer.mjs');
    writeFileSync(
      answer,
      `import { appendFileSync } from 'node:fs';
import net from 'node:net';
const attempt = (host, port) => new Promise((resolve) => {
  const socket = net.connect({ host, port });
  socket.once('connect', () => { socket.destroy(); resolve('connected'); });
  socket.once('error', (error) => resolve(error.code));
});
export default function (app) {
  app.get('/hello', async (req, res) => {
    const port = req.socket.localPort;
    const lan = [];
    for (const host of JSON.parse(process.env.PROBE_LAN)) lan.push(await attempt(host, port));
    appendFileSync(process.env.PROBE_FILE, JSON.stringify({ local: req.socket.localAddress, loopback: await attempt('127.0.0.1', port), lan }) + '\\n');
    res.json({ message: 'hello' });
  });
}
`,
    );
    const result = runCli(['verify', '2.2', answer, '--json'], {
      lessons: path.join(root, 'tests', 'fixtures', 'verify-pack'),
      env: { PROBE_FILE: probeFile, PROBE_LAN: JSON.stringify(lanAddresses) },
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).passed).toBe(true);
    const probes = readFileSync(probeFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(probes.length).toBeGreaterThan(0);
    for (const probe of probes) expect(probe).toEqual({ local: '127.0.0.1', loopback: 'connected', lan: lanAddresses.map(() => 'ECONNREFUSED') });
  });
});

describe('backend-intro serve', () => {
  let cli: ChildProcess | undefined;
  afterEach(async () => {
    await killIfRunning(cli);
    cli = undefined;
  });

  it('serves on 127.0.0.1:<port> only, and stops on Ctrl-C', async () => {
    const port = await freePort();
    const home = path.join(dir, 'home');
    cli = spawn(process.execPath, [bin, 'serve', pingApp(), '--port', String(port)], { cwd: dir, env: cliEnv({ home, lessons: fixturePack }), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    cli.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    cli.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

    // The banner comes once the worker has started the app: wait for both.
    const deadline = Date.now() + 15_000;
    while ((await tryConnect('127.0.0.1', port)) !== 'connected' || !output.includes('Serving')) {
      if (Date.now() > deadline || cli.exitCode !== null) throw new Error(`serve never answered on 127.0.0.1:${port}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(output).toContain(`Serving ping.mjs at http://127.0.0.1:${port}`);
    await expectLoopbackOnly(port);

    if (canReadSockets) {
      // The tutorial's own process listens nowhere; its code worker only on 127.0.0.1:<port>.
      expect(listeningSockets(cli.pid!)).toEqual([]);
      const listeners = childPids(cli.pid!).flatMap((pid) => listeningSockets(pid));
      expect(listeners).toEqual([{ address: '127.0.0.1', port }]);
    }
    if (existsSync('/usr/bin/ss') || existsSync('/bin/ss')) {
      // The same from `ss`, which is what an instructor would run to check.
      const ss = spawnSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' });
      const locals = ss.stdout.trim().split('\n').map((line) => line.trim().split(/\s+/)[3]);
      expect(locals).toEqual([`127.0.0.1:${port}`]);
    }

    const exited = new Promise<number | null>((resolve) => cli!.once('exit', (code) => resolve(code)));
    cli.kill('SIGINT');
    expect(await exited).toBe(130);
    // The code worker leaves when its channel to the tutorial closes, a moment after the exit.
    const gone = Date.now() + 3000;
    while ((await tryConnect('127.0.0.1', port)) === 'connected' && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await tryConnect('127.0.0.1', port)).toBe('ECONNREFUSED');
  });
});
