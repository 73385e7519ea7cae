// Sends one request to an app on 127.0.0.1 and collects the whole response, with a time limit.
// node:http directly rather than fetch: it loads faster, and it hands back headers as sent.
import http from 'node:http';
import type { HttpResponseData } from '../core/http-compare.js';
import type { OutgoingRequest } from '../core/http-transcript.js';

export type SendResult = { ok: true; response: HttpResponseData } | { ok: false; reason: 'timeout' | 'refused' | 'reset'; message: string };

/** Bodies larger than this are cut (no exercise needs them, and a runaway loop could send gigabytes). */
const maxBodyBytes = 1024 * 1024;

export function sendRequest(port: number, request: OutgoingRequest, timeoutMs: number): Promise<SendResult> {
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const outgoing = http.request({ host: '127.0.0.1', port, method: request.method, path: request.path, headers: request.headers, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBodyBytes) chunks.push(chunk);
      });
      incoming.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        finish({ ok: true, response: { status: incoming.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') } });
      });
      incoming.on('error', (error) => finish({ ok: false, reason: 'reset', message: error.message }));
    });
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish({ ok: false, reason: 'timeout', message: `no response within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, reason: error.code === 'ECONNREFUSED' ? 'refused' : 'reset', message: error.code === 'ECONNRESET' || error.message === 'socket hang up' ? 'the connection was closed without a response' : error.message }),
    );
    if (request.body !== undefined) outgoing.write(request.body);
    outgoing.end();
  });
}
