// The response helpers of src/server (status, set, get, json, send), HEAD, and answering twice.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { call, serve, serveReporting } from './serve.js';

const JSON_TYPE = 'application/json; charset=utf-8';

describe('res helpers', () => {
  it('res.status(...).json(...) sets the status, the JSON type and the length', async () => {
    const { url } = await serve((app) => app.post('/books', (_req, res) => res.status(201).json({ id: 7, title: 'Dune' })));
    const response = await fetch(`${url}/books`, { method: 'POST' });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe(JSON_TYPE);
    expect(response.headers.get('content-length')).toBe('23');
    expect(await response.text()).toBe('{"id":7,"title":"Dune"}');
  });

  it('res.send picks the content type from the value', async () => {
    const values: Record<string, unknown> = {
      text: 'héllo',
      buffer: Buffer.from([0, 1, 2]),
      object: { a: 1 },
      array: [1, 'two'],
      number: 42,
      boolean: false,
      null: null,
    };
    const { url } = await serve((app) => {
      app.get('/:kind', (req, res) => res.send(values[req.params.kind!]));
      app.get('/', (_req, res) => res.send());
    });
    expect(await call(`${url}/text`)).toEqual({ status: 200, type: 'text/plain; charset=utf-8', body: 'héllo' });
    const buffer = await fetch(`${url}/buffer`);
    expect(buffer.headers.get('content-type')).toBe('application/octet-stream');
    expect([...new Uint8Array(await buffer.arrayBuffer())]).toEqual([0, 1, 2]);
    expect(await call(`${url}/object`)).toEqual({ status: 200, type: JSON_TYPE, body: '{"a":1}' });
    expect(await call(`${url}/array`)).toEqual({ status: 200, type: JSON_TYPE, body: '[1,"two"]' });
    expect(await call(`${url}/number`)).toEqual({ status: 200, type: JSON_TYPE, body: '42' });
    expect(await call(`${url}/boolean`)).toEqual({ status: 200, type: JSON_TYPE, body: 'false' });
    expect(await call(`${url}/null`)).toEqual({ status: 200, type: JSON_TYPE, body: 'null' });
    const empty = await fetch(`${url}/`);
    expect([empty.status, empty.headers.get('content-type'), empty.headers.get('content-length'), await empty.text()]).toEqual([200, null, '0', '']);
  });

  it('keeps a content type set beforehand, and res.set/res.get are chainable header helpers', async () => {
    const { url } = await serve((app) => {
      app.get('/page', (_req, res) => res.set('Content-Type', 'text/html; charset=utf-8').status(200).send('<p>hi</p>'));
      app.get('/geo', (_req, res) => res.set('content-type', 'application/geo+json').json({ type: 'Point' }));
      app.get('/headers', (_req, res) => {
        res.set('X-Count', 3).set('Set-Cookie', ['a=1', 'b=2']);
        res.json({ count: res.get('x-count'), cookies: res.get('SET-COOKIE'), missing: res.get('x-none') ?? null });
      });
    });
    expect(await call(`${url}/page`)).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: '<p>hi</p>' });
    expect(await call(`${url}/geo`)).toEqual({ status: 200, type: 'application/geo+json', body: '{"type":"Point"}' });
    const response = await fetch(`${url}/headers`);
    expect(response.headers.get('x-count')).toBe('3');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.text()).toBe('{"count":3,"cookies":["a=1","b=2"],"missing":null}');
  });

  it('res.status rejects anything but a whole number from 100 to 599 with a TypeError', async () => {
    const { url, reported } = await serveReporting((app) => {
      app.get('/:code', (req, res) => res.status(JSON.parse(req.params.code!) as number).send('no'));
    });
    for (const code of ['1000', '99', '200.5', '"200"']) {
      expect(await call(`${url}/${encodeURIComponent(code)}`)).toEqual({ status: 500, type: JSON_TYPE, body: '{"error":"Internal Server Error"}' });
    }
    expect(reported.map((r) => String(r.error))).toEqual([
      'TypeError: res.status() needs a whole number from 100 to 599, got 1000',
      'TypeError: res.status() needs a whole number from 100 to 599, got 99',
      'TypeError: res.status() needs a whole number from 100 to 599, got 200.5',
      'TypeError: res.status() needs a whole number from 100 to 599, got 200',
    ]);
  });

  it("leaves node's own end, setHeader, statusCode and write working", async () => {
    const { url } = await serve((app) =>
      app.get('/node', (_req, res) => {
        res.statusCode = 202;
        res.setHeader('content-type', 'text/plain');
        res.write('a');
        res.end('b');
      }),
    );
    expect(await call(`${url}/node`)).toEqual({ status: 202, type: 'text/plain', body: 'ab' });
  });

  it('204 and 304 answers carry no body and no body headers, whatever res.json or res.send was given', async () => {
    const { url } = await serve((app) => {
      app.delete('/books/:id', (_req, res) => res.status(204).json({ deleted: true }));
      app.get('/cached', (_req, res) => res.status(304).set('content-type', 'text/plain').send('old'));
    });
    for (const [method, path, status] of [['DELETE', '/books/1', 204], ['GET', '/cached', 304]] as const) {
      const raw = await new Promise<{ status?: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
        const request = http.request(`${url}${path}`, { method }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
        });
        request.on('error', reject);
        request.end();
      });
      expect(raw.status).toBe(status);
      expect(raw.body).toBe('');
      expect([raw.headers['content-type'], raw.headers['content-length'], raw.headers['transfer-encoding']]).toEqual([undefined, undefined, undefined]);
    }
  });

  it('answers 500 (JSON) when res.json is given a value JSON cannot hold', async () => {
    const { url, reported } = await serveReporting((app) => app.get('/big', (_req, res) => res.json({ n: 1n })));
    expect(await call(`${url}/big`)).toEqual({ status: 500, type: JSON_TYPE, body: '{"error":"Internal Server Error"}' });
    expect(reported[0]?.error).toBeInstanceOf(TypeError);
  });
});

describe('answering twice', () => {
  it('keeps the first answer, reports "response already sent", and keeps serving', async () => {
    const { url, reported } = await serveReporting((app) => {
      app.get('/twice', (_req, res) => { res.json({ first: true }); res.json({ second: true }); });
      app.get('/after-end', async (_req, res) => { res.end('ended'); await Promise.resolve(); res.send('again'); });
      app.get('/ok', (_req, res) => res.send('ok'));
    });
    expect(await call(`${url}/twice`)).toEqual({ status: 200, type: JSON_TYPE, body: '{"first":true}' });
    expect(await call(`${url}/after-end`)).toEqual({ status: 200, type: null, body: 'ended' });
    expect((await call(`${url}/ok`)).body).toBe('ok');
    expect(reported.map((r) => [(r.error as Error).message, r.path])).toEqual([
      ['Cannot send a response: response already sent (a request gets exactly one answer)', '/twice'],
      ['Cannot send a response: response already sent (a request gets exactly one answer)', '/after-end'],
    ]);
  });

  it('cuts the connection when a handler fails after starting to send', async () => {
    const { url, reported } = await serveReporting((app) =>
      app.get('/partial', async (_req, res) => {
        res.write('part of an answer');
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error('failed midway');
      }),
    );
    const response = await fetch(`${url}/partial`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow('terminated');
    expect(reported.map((r) => (r.error as Error).message)).toEqual(['failed midway']);
  });

  it('ends a partly written answer when the handler calls next() instead of failing', async () => {
    const { url } = await serve((app) => app.get('/partial', (_req, res, next) => { res.write('partial'); next(); }));
    expect(await call(`${url}/partial`)).toEqual({ status: 200, type: null, body: 'partial' });
  });
});

describe('HEAD', () => {
  /** node's own client, which (unlike fetch) would show any body bytes sent after a HEAD answer. */
  function head(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      http
        .request(url, { method: 'HEAD' }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
        })
        .on('error', reject)
        .end();
    });
  }

  it('answers HEAD from GET routes with the same headers and no body', async () => {
    const handled: string[] = [];
    const { url } = await serve((app) => {
      app.get('/books/:id', (req, res) => { handled.push(`${req.method} ${req.params.id}`); res.status(203).json({ id: req.params.id }); });
      app.post('/books', (_req, res) => res.send('post'));
    });
    const response = await head(`${url}/books/5`);
    expect(response.status).toBe(203);
    expect(response.headers['content-type']).toBe(JSON_TYPE);
    expect(response.headers['content-length']).toBe('10'); // the size a GET would get: {"id":"5"}
    expect(response.body).toBe('');
    expect(handled).toEqual(['HEAD 5']);
    expect(await head(`${url}/books`)).toMatchObject({ status: 404, body: '' });
  });
});
