// `backend-intro serve <file>` as a learner meets it: it says it serves only once it does, names a
// path the file answers, tells about a request nobody answers, and refuses a taken port or a
// folder with one sentence and exit code 2.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../security/sockets.js';
import { bin, cliEnv, ensureBuilt, fixturePack, killIfRunning, removeTempDirs, root, runCli, tempDir } from './pty-helpers.js';

beforeAll(ensureBuilt);

let cli: ChildProcess | undefined;
afterEach(async () => {
  await killIfRunning(cli);
  cli = undefined;
  removeTempDirs();
});

function handlerFile(text: string): string {
  const file = path.join(tempDir(), 'app.mjs');
  writeFileSync(file, text);
  return file;
}

/** Starts `serve`, collecting what it prints; resolves once `ready` appears. */
async function serve(file: string, port: number, ready: string, options: { lessons?: string; workspace?: string } = {}): Promise<{ output: () => string }> {
  let output = '';
  const env = { NO_COLOR: '1', ...(options.workspace ? { BACKEND_INTRO_WORKSPACE: options.workspace } : {}) };
  cli = spawn(process.execPath, [bin, 'serve', file, '--port', String(port)], { env: cliEnv({ home: tempDir(), lessons: options.lessons ?? fixturePack, env }), stdio: ['ignore', 'pipe', 'pipe'] });
  cli.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cli.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while (!output.includes(ready)) {
    if (Date.now() > deadline || cli.exitCode !== null) throw new Error(`serve never printed "${ready}":\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { output: () => output };
}

describe('serve', () => {
  it('a request the code never answers is reported in the log after 5 s; one refused for bad JSON is logged too', async () => {
    const port = await freePort();
    const file = handlerFile("export default function (app) {\n  app.get('/wait', (req, res) => {});\n}\n");
    const session = await serve(file, port, 'Serving');
    // A request the server refuses before any of the learner's code runs is logged as well.
    const refused = await fetch(`http://127.0.0.1:${port}/wait`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' });
    expect(refused.status).toBe(400);
    const request = fetch(`http://127.0.0.1:${port}/wait`).catch(() => undefined);
    const deadline = Date.now() + 9000;
    while (!session.output().includes('no answer after 5 s')) {
      if (Date.now() > deadline) throw new Error(`no report of the unanswered request:\n${session.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(session.output()).toMatch(/GET \/wait → no answer after 5 s: did your code forget res\.json\(\) or res\.end\(\)/);
    expect(session.output()).toMatch(/POST \/wait → 400 Bad Request/);
    cli!.kill('SIGKILL');
    await request;
  }, 20_000);

  it('an exercise’s workspace file: the curl to try is a path its checks send', async () => {
    const workspace = tempDir();
    const file = path.join(workspace, 'code', 'hello-route.mjs');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "export default function (app) {\n  app.get('/hello', (req, res) => res.json({ message: 'hello' }));\n}\n");
    const port = await freePort();
    const session = await serve(file, port, 'Try:', { lessons: path.join(root, 'tests', 'fixtures', 'verify-pack'), workspace });
    expect(session.output()).toContain(`Try: curl -i 'http://127.0.0.1:${port}/hello'`);
  });

  it('a port in use: one sentence, exit 2, and never a claim that it serves', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const result = runCli(['serve', handlerFile('export default function (app) {}\n'), '--port', String(port)], { home: tempDir(), lessons: fixturePack });
      expect(result.status).toBe(2);
      expect(result.stdout).not.toContain('Serving');
      expect(result.stderr).toMatch(new RegExp(`Port ${port} is already in use`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('a folder instead of a file is named as one', () => {
    const folder = path.join(tempDir(), 'handlers');
    mkdirSync(folder);
    const result = runCli(['serve', folder], { home: tempDir(), lessons: fixturePack });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/handlers is a folder, not a file; name your handler file/);
  });
});
