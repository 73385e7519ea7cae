// Shared by the tests/server files: start an app on a real 127.0.0.1 port, close it after each test.
import net from 'node:net';
import { afterEach } from 'vitest';
import { createApp, type App, type AppOptions, type ListeningServer } from '../../src/server/index.js';

let running: ListeningServer[] = [];

afterEach(async () => {
  const servers = running;
  running = [];
  await Promise.all(servers.map((server) => server.close()));
});

/** Builds an app with `setup`, listens on a free port and returns the server (closed after the test). */
export async function serve(setup: (app: App) => void, options?: AppOptions): Promise<ListeningServer> {
  const app = createApp(options);
  setup(app);
  const server = await app.listen(0);
  running.push(server);
  return server;
}

/** An app whose unhandled errors are collected in `reported` instead of printed. */
export async function serveReporting(setup: (app: App) => void, options?: AppOptions) {
  const reported: { error: unknown; path: string }[] = [];
  const server = await serve(setup, { ...options, onUnhandledError: (error, req) => reported.push({ error, path: req.path }) });
  return { ...server, reported };
}

/** Status, content-type and body text of a fetch, for one-line exact assertions. */
export async function call(url: string, init?: RequestInit): Promise<{ status: number; type: string | null; body: string }> {
  const response = await fetch(url, init);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

/**
 * Sends raw bytes over TCP (for requests fetch will not make, such as a body that never ends)
 * and resolves with everything received once the server closes the connection.
 */
export function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => (received += text));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.write(request);
  });
}
