// Request body reading in src/server: JSON and text parsing, the size limit, and what stays unread.
import { describe, expect, it } from 'vitest';
import type { NextFunction, Request, Response } from '../../src/server/index.js';
import { call, rawExchange, serve, serveReporting } from './serve.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The parse error message JSON.parse gives for `text`, as the 400 answer should quote it. */
function parseMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} is valid JSON`);
}

/** An app that answers every request with a description of req.body. */
const echo = (options?: { jsonLimit?: number }) =>
  serveReporting((app) => app.use((req, res) => res.json({ type: typeof req.body, body: req.body ?? null })), options);

describe('JSON bodies', () => {
  it('parses JSON for POST, PUT, PATCH and DELETE, with any charset or +json type', async () => {
    const { url } = await echo();
    const cases: [string, string][] = [
      ['POST', 'application/json'],
      ['PUT', 'application/json; charset=utf-8'],
      ['PATCH', 'Application/JSON ; charset=UTF-8'],
      ['DELETE', 'application/merge-patch+json'],
    ];
    for (const [method, type] of cases) {
      const response = await call(`${url}/books`, { method, headers: { 'content-type': type }, body: '{"title":"Dune","tags":["sf"],"n":1}' });
      expect(response).toEqual({ status: 200, type: JSON_TYPE, body: '{"type":"object","body":{"title":"Dune","tags":["sf"],"n":1}}' });
    }
    const scalar = await call(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '"näive"' });
    expect(scalar.body).toBe('{"type":"string","body":"näive"}');
  });

  it('leaves req.body undefined for an empty JSON body', async () => {
    const { url } = await echo();
    const response = await call(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
    expect(response.body).toBe('{"type":"undefined","body":null}');
  });

  it('answers 400 with the parser message for bad JSON, before any ordinary middleware', async () => {
    const { url, reported } = await echo();
    for (const text of ['{"title": "Dune",}', '{bad', ' ']) {
      expect(await call(`${url}/books`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })).toEqual({
        status: 400,
        type: JSON_TYPE,
        body: JSON.stringify({ error: `Request body is not valid JSON: ${parseMessage(text)}` }),
      });
    }
    expect(reported).toEqual([]); // the client's mistake, not the server's: nothing to report
  });

  it('hands a bad body to error middleware, with status 400', async () => {
    const { url } = await serve((app) => {
      app.post('/books', (_req, res) => res.send('should not run'));
      app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
        const { status, message } = err as { status: number; message: string };
        res.status(422).json({ status, message: message.slice(0, 30) });
      });
    });
    const response = await call(`${url}/books`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(response).toEqual({ status: 422, type: JSON_TYPE, body: '{"status":400,"message":"Request body is not valid JSON"}' });
  });
});

describe('body size limit', () => {
  it('reads a body of exactly jsonLimit bytes, and answers 413 for one byte more', async () => {
    const { url } = await echo();
    const fits = JSON.stringify('a'.repeat(100_000 - 2));
    expect((await call(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: fits })).status).toBe(200);
    const response = await fetch(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `${fits} ` });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.text()).toBe('{"error":"Request body is larger than 100000 bytes"}');
  });

  it('applies a custom jsonLimit to text too, also when the size is not announced (chunked)', async () => {
    const { url } = await echo({ jsonLimit: 10 });
    const chunked = (text: string) =>
      new ReadableStream({
        start(controller) {
          for (const piece of text.match(/.{1,4}/g) ?? []) controller.enqueue(new TextEncoder().encode(piece));
          controller.close();
        },
      });
    for (const type of ['application/json', 'text/plain']) {
      const init = { method: 'POST', headers: { 'content-type': type }, duplex: 'half' } as RequestInit;
      expect((await call(`${url}/`, { ...init, body: chunked('"12345678"') })).status).toBe(200);
      expect(await call(`${url}/`, { ...init, body: chunked('"123456789"') })).toEqual({
        status: 413,
        type: JSON_TYPE,
        body: '{"error":"Request body is larger than 10 bytes"}',
      });
    }
  });

  it('answers 413 for an announced large size at once, without waiting for the body', async () => {
    const { port } = await echo();
    const received = await rawExchange(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000000\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect(received).toMatch(/\r\nconnection: close\r\n/i);
    expect(received.endsWith('\r\n\r\n{"error":"Request body is larger than 100000 bytes"}')).toBe(true);
  });

  it('stops reading a body that never ends once it is over the limit, and closes the connection', async () => {
    const { port } = await echo({ jsonLimit: 1000 });
    const piece = 'a'.repeat(2000);
    // A chunked body that is never finished (no final 0-size chunk): the server must not wait for it.
    const received = await rawExchange(
      port,
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n${piece.length.toString(16)}\r\n${piece}\r\n`,
    );
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received.endsWith('{"error":"Request body is larger than 1000 bytes"}')).toBe(true);
  });
});

describe('other bodies', () => {
  it('gives text/* bodies as a string (an empty one too)', async () => {
    const { url } = await echo();
    for (const [type, text] of [['text/plain', 'hello, wörld'], ['text/csv; charset=utf-8', 'a,b\n1,2'], ['text/plain', '']]) {
      expect((await call(`${url}/`, { method: 'POST', headers: { 'content-type': type! }, body: text! })).body).toBe(
        JSON.stringify({ type: 'string', body: text }),
      );
    }
  });

  it('leaves GET bodies and other content types unread, for the handler to read itself', async () => {
    const { url } = await serve((app) => {
      app.post('/raw', async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        res.json({ body: req.body ?? null, raw: Buffer.concat(chunks).toString() });
      });
      app.use((req, res) => res.json({ body: req.body ?? null }));
    });
    const form = await call(`${url}/raw`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=2' });
    expect(form.body).toBe('{"body":null,"raw":"a=1&b=2"}');
    const untyped = await call(`${url}/raw`, { method: 'POST', body: new Uint8Array([104, 105]) });
    expect(untyped.body).toBe('{"body":null,"raw":"hi"}');
    // fetch refuses a GET with a body, so send one by hand.
    const { port } = new URL(url);
    const received = await rawExchange(
      Number(port),
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{"a":"b"}',
    );
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(received.endsWith('\r\n\r\n{"body":null}')).toBe(true);
  });
});
