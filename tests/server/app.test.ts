// Routing, the middleware chain, error handling and listen/close of src/server, over real HTTP.
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { createApp, type ErrorMiddleware, type Handler, type NextFunction, type Request, type Response } from '../../src/server/index.js';
import { call, serve, serveReporting } from './serve.js';

const JSON_TYPE = 'application/json; charset=utf-8';

describe('routing', () => {
  it('answers by method and exact path, with URI-decoded :params', async () => {
    const { url } = await serve((app) => {
      app.get('/books', (_req, res) => res.send('all books'));
      app.post('/books', (_req, res) => res.send('created'));
      app.get('/books/:id', (req, res) => res.json(req.params));
      app.get('/users/:userId/books/:bookId', (req, res) => res.json(req.params));
    });
    expect(await call(`${url}/books`)).toEqual({ status: 200, type: 'text/plain; charset=utf-8', body: 'all books' });
    expect((await call(`${url}/books`, { method: 'POST' })).body).toBe('created');
    expect((await call(`${url}/books/42`)).body).toBe('{"id":"42"}');
    expect((await call(`${url}/books/hello%20w%C3%B6rld%2F`)).body).toBe('{"id":"hello wörld/"}');
    expect((await call(`${url}/users/7/books/9`)).body).toBe('{"userId":"7","bookId":"9"}');
  });

  it('does not match extra or missing segments, other methods, or other letter case', async () => {
    const { url } = await serve((app) => app.get('/books/:id', (_req, res) => res.send('book')));
    for (const [method, path] of [['GET', '/books/1/extra'], ['GET', '/books'], ['GET', '/books//'], ['DELETE', '/books/1'], ['GET', '/Books/1']]) {
      expect(await call(`${url}${path}`, { method })).toEqual({ status: 404, type: JSON_TYPE, body: JSON.stringify({ error: `Not found: ${method} ${path}` }) });
    }
  });

  it('answers 404 with a JSON error naming the method and path (without the query)', async () => {
    const { url } = await serve(() => {});
    expect(await call(`${url}/nope?x=1`)).toEqual({ status: 404, type: JSON_TYPE, body: '{"error":"Not found: GET /nope"}' });
    expect(await call(`${url}/`, { method: 'PUT' })).toEqual({ status: 404, type: JSON_TYPE, body: '{"error":"Not found: PUT /"}' });
  });

  it('tolerates one trailing slash', async () => {
    const { url } = await serve((app) => {
      app.get('/books', (_req, res) => res.send('list'));
      app.get('/books/:id', (req, res) => res.send(`book ${req.params.id}`));
    });
    expect((await call(`${url}/books/`)).body).toBe('list');
    expect((await call(`${url}/books/7/`)).body).toBe('book 7');
  });

  it('answers 400 for a malformed %-escape in a :param, and leaves non-matching paths alone', async () => {
    const { url } = await serve((app) => app.get('/books/:id', (_req, res) => res.send('book')));
    expect(await call(`${url}/books/%E0%A4%A`)).toEqual({ status: 400, type: JSON_TYPE, body: '{"error":"Malformed URL: cannot decode \\"%E0%A4%A\\""}' });
    expect((await call(`${url}/other/%zz`)).status).toBe(404);
  });

  it('parses the query string, turning a repeated key into an array', async () => {
    const { url } = await serve((app) => app.get('/search', (req, res) => res.json({ path: req.path, query: req.query })));
    const { body } = await call(`${url}/search?q=dune+messiah%21&tag=a&tag=b&tag=c&empty=&__proto__=x`);
    expect(JSON.parse(body)).toEqual({ path: '/search', query: { q: 'dune messiah!', tag: ['a', 'b', 'c'], empty: '', ['__proto__']: 'x' } });
    expect(body).toContain('"__proto__":"x"'); // a real key, not a change of prototype
    expect((await call(`${url}/search`)).body).toBe('{"path":"/search","query":{}}');
  });

  it('runs several handlers of one route in order, and a second route for the same path only after next()', async () => {
    const seen: string[] = [];
    const { url } = await serve((app) => {
      app.get(
        '/a',
        (_req, _res, next) => { seen.push('check'); next(); },
        (req, _res, next) => { seen.push('first route'); if (req.query.skip) next(); else _res.send('first'); },
      );
      app.get('/a', (_req, res) => { seen.push('second route'); res.send('second'); });
    });
    expect((await call(`${url}/a`)).body).toBe('first');
    expect((await call(`${url}/a?skip=1`)).body).toBe('second');
    expect(seen).toEqual(['check', 'first route', 'check', 'first route', 'second route']);
  });

  it('offers req.get for headers in any case; req.headers keeps node\'s lower-case names', async () => {
    const { url } = await serve((app) =>
      app.get('/h', (req, res) => res.json({ get: req.get('X-Token'), raw: req.headers['x-token'], missing: req.get('X-None') ?? null })),
    );
    expect((await call(`${url}/h`, { headers: { 'X-Token': 'abc' } })).body).toBe('{"get":"abc","raw":"abc","missing":null}');
  });

  it('rejects bad registrations with a TypeError at once', () => {
    const app = createApp();
    expect(() => app.get('books', (_req, res) => res.end())).toThrow(new TypeError('A route path must be a string starting with "/", got "books"'));
    expect(() => app.get('/books')).toThrow(new TypeError('No handler given for GET /books'));
    expect(() => app.post('/books', 'oops' as unknown as Handler)).toThrow(new TypeError('A handler must be a function, got string for /books'));
    expect(() => (app.use as unknown as (path: string) => unknown)('/api')).toThrow(new TypeError('A handler must be a function, got undefined for /api'));
  });
});

describe('middleware chain', () => {
  // Error middleware passed inline is annotated in full: TypeScript cannot pick use()'s overload from four bare names.
  it('runs use() and routes as one chain in registration order; a logger sees every request', async () => {
    const log: string[] = [];
    const { url } = await serve((app) => {
      app.use((req, _res, next) => { log.push(`${req.method} ${req.path}`); next(); });
      app.get('/a', (_req, _res, next) => { log.push('route a'); next(); });
      app.use((_req, _res, next) => { log.push('after a'); next(); });
      app.get('/b', (_req, res) => { log.push('route b'); res.send('b'); });
      app.use((_req, res) => { log.push('fallback'); res.status(418).send('teapot'); });
    });
    expect(await call(`${url}/a`)).toEqual({ status: 418, type: 'text/plain; charset=utf-8', body: 'teapot' });
    expect((await call(`${url}/b`)).body).toBe('b');
    expect((await call(`${url}/c`, { method: 'POST' })).status).toBe(418);
    expect(log).toEqual(['GET /a', 'route a', 'after a', 'fallback', 'GET /b', 'after a', 'route b', 'POST /c', 'after a', 'fallback']);
  });

  it('matches use(path) as a prefix at a segment boundary only', async () => {
    const hits: string[] = [];
    const { url } = await serve((app) => {
      app.use('/api', (req, _res, next) => { hits.push(req.path); next(); });
      app.use((_req, res) => res.send('ok'));
    });
    for (const path of ['/api', '/api/', '/api/books', '/api/books/7?x=1', '/apix', '/', '/other/api', '/API']) await call(`${url}${path}`);
    expect(hits).toEqual(['/api', '/api/', '/api/books', '/api/books/7']);
  });

  it('falls through to the 404 answer when the last middleware calls next()', async () => {
    const { url } = await serve((app) => app.use((_req, _res, next) => next()));
    expect((await call(`${url}/x`)).body).toBe('{"error":"Not found: GET /x"}');
  });

  it('next(err) skips ordinary middleware and routes and goes to the next error middleware', async () => {
    const seen: string[] = [];
    const { url } = await serve((app) => {
      app.use((_req, _res, next) => next(new Error('boom')));
      app.use((_req, _res, next) => { seen.push('ordinary middleware'); next(); });
      app.get('/x', (_req, res) => { seen.push('route'); res.send('x'); });
      app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => { seen.push('error middleware'); res.status(503).json({ caught: (err as Error).message }); });
    });
    expect(await call(`${url}/x`)).toEqual({ status: 503, type: JSON_TYPE, body: '{"caught":"boom"}' });
    expect(seen).toEqual(['error middleware']);
  });

  it('tells error middleware apart by its four parameters: skipped without an error', async () => {
    // A real function, not vi.fn(): a wrapper declares no parameters, so it would count as ordinary.
    let calls = 0;
    const errorMiddleware: ErrorMiddleware = (_err, _req, res, _next) => { calls += 1; res.send('wrong'); };
    const { url } = await serve((app) => {
      app.use(errorMiddleware);
      app.get('/ok', (_req, res) => res.send('fine'));
    });
    expect((await call(`${url}/ok`)).body).toBe('fine');
    expect(calls).toBe(0);
  });

  it('runs error middleware registered with a path only for that path', async () => {
    const { url, reported } = await serveReporting((app) => {
      app.get('/api/x', () => { throw new Error('api'); });
      app.get('/web/x', () => { throw new Error('web'); });
      app.use('/api', (err: unknown, _req: Request, res: Response, _next: NextFunction) => { res.status(502).json({ api: (err as Error).message }); });
    });
    expect(await call(`${url}/api/x`)).toEqual({ status: 502, type: JSON_TYPE, body: '{"api":"api"}' });
    expect((await call(`${url}/web/x`)).status).toBe(500);
    expect(reported.map((r) => (r.error as Error).message)).toEqual(['web']);
  });

  it('sends a thrown error and a rejected async handler to error middleware, which may pass it on', async () => {
    const caught: string[] = [];
    const { url, reported } = await serveReporting((app) => {
      app.get('/sync', () => { throw new Error('sync failure'); });
      app.get('/async', async () => { await new Promise((resolve) => setTimeout(resolve, 5)); throw new Error('async failure'); });
      app.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => { caught.push((err as Error).message); next(err); });
      app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => { res.status(500).json({ handled: (err as Error).message }); });
    });
    expect(await call(`${url}/sync`)).toEqual({ status: 500, type: JSON_TYPE, body: '{"handled":"sync failure"}' });
    expect(await call(`${url}/async`)).toEqual({ status: 500, type: JSON_TYPE, body: '{"handled":"async failure"}' });
    expect(caught).toEqual(['sync failure', 'async failure']);
    expect(reported).toEqual([]);
  });

  it('lets error middleware recover with next(), back to ordinary layers', async () => {
    const { url } = await serve((app) => {
      app.use((_req, _res, next) => next(new Error('minor')));
      app.use((_err: unknown, _req: Request, _res: Response, next: NextFunction) => next());
      app.get('/x', (_req, res) => res.send('recovered'));
    });
    expect((await call(`${url}/x`)).body).toBe('recovered');
  });
});

describe('default error answer', () => {
  it('answers 500 without details and reports unhandled errors, thrown or rejected', async () => {
    const { url, reported } = await serveReporting((app) => {
      app.get('/sync', () => { throw new Error('secret database password wrong'); });
      app.get('/async', async () => { throw new Error('async secret'); });
      app.get('/next', (_req, _res, next) => next(new Error('via next')));
      app.get('/null', () => { throw null; });
    });
    for (const path of ['/sync', '/async', '/next', '/null']) {
      expect(await call(`${url}${path}`)).toEqual({ status: 500, type: JSON_TYPE, body: '{"error":"Internal Server Error"}' });
    }
    expect(reported.map((r) => [(r.error as Error).message, r.path])).toEqual([
      ['secret database password wrong', '/sync'],
      ['async secret', '/async'],
      ['via next', '/next'],
      ['A handler threw null', '/null'],
    ]);
  });

  it('reports an error thrown by error middleware itself', async () => {
    const { url, reported } = await serveReporting((app) => {
      app.get('/x', () => { throw new Error('first'); });
      app.use((_err: unknown, _req: Request, _res: Response, _next: NextFunction) => { throw new Error('in error middleware'); });
    });
    expect((await call(`${url}/x`)).body).toBe('{"error":"Internal Server Error"}');
    expect(reported.map((r) => (r.error as Error).message)).toEqual(['in error middleware']);
  });

  it('uses the status and message of an error that carries a 4xx/5xx status, without reporting it', async () => {
    const { url, reported } = await serveReporting((app) => {
      app.get('/status', () => { throw Object.assign(new Error('No such book'), { status: 404 }); });
      app.get('/statusCode', async () => { throw { statusCode: 409, message: 'Title taken' }; });
      app.get('/no-message', () => { throw { status: 503 }; });
      app.get('/out-of-range', () => { throw Object.assign(new Error('not an error status'), { status: 200 }); });
    });
    expect(await call(`${url}/status`)).toEqual({ status: 404, type: JSON_TYPE, body: '{"error":"No such book"}' });
    expect(await call(`${url}/statusCode`)).toEqual({ status: 409, type: JSON_TYPE, body: '{"error":"Title taken"}' });
    expect(await call(`${url}/no-message`)).toEqual({ status: 503, type: JSON_TYPE, body: '{"error":"Service Unavailable"}' });
    expect(await call(`${url}/out-of-range`)).toEqual({ status: 500, type: JSON_TYPE, body: '{"error":"Internal Server Error"}' });
    expect(reported.map((r) => (r.error as Error).message)).toEqual(['not an error status']);
  });

  it('replaces a content type the failing handler had set', async () => {
    const { url } = await serveReporting((app) =>
      app.get('/x', (_req, res) => { res.set('Content-Type', 'text/html'); throw new Error('x'); }),
    );
    expect(await call(`${url}/x`)).toEqual({ status: 500, type: JSON_TYPE, body: '{"error":"Internal Server Error"}' });
  });

  it('prints unhandled errors with console.error when no reporter is given', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { url } = await serve((app) => app.get('/x', () => { throw new Error('printed'); }));
      expect((await call(`${url}/x`)).status).toBe(500);
      expect(printed).toHaveBeenCalledWith(new Error('printed'));
    } finally {
      printed.mockRestore();
    }
  });

  it('still answers 500 when the reporter itself throws', async () => {
    const { url } = await serve((app) => app.get('/x', () => { throw new Error('x'); }), {
      onUnhandledError: () => { throw new Error('reporter broke'); },
    });
    expect((await call(`${url}/x`)).body).toBe('{"error":"Internal Server Error"}');
  });
});

describe('listen, close and handle', () => {
  it('listens on 127.0.0.1 only, on a free port, and returns its URL', async () => {
    const listenSpy = vi.spyOn(net.Server.prototype, 'listen');
    try {
      const server = await serve((app) => app.get('/', (_req, res) => res.send('home')));
      expect(listenSpy).toHaveBeenCalledWith(0, '127.0.0.1', expect.any(Function));
      expect(server.port).toBeGreaterThan(0);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect((await call(`${server.url}/`)).body).toBe('home');
    } finally {
      listenSpy.mockRestore();
    }
  });

  it('listens on the port asked for, and rejects when it is taken', async () => {
    const probe = await createApp().listen();
    const port = probe.port;
    await probe.close();
    const server = await createApp().listen(port);
    try {
      expect(server.port).toBe(port);
      expect(server.url).toBe(`http://127.0.0.1:${port}`);
      await expect(createApp().listen(port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await server.close();
    }
  });

  it('close() stops the server, even with a request whose handler never answers', async () => {
    let markEntered = (): void => {};
    const entered = new Promise<void>((resolve) => (markEntered = resolve));
    const server = await createApp()
      .get('/hang', () => markEntered())
      .get('/', (_req, res) => res.send('up'))
      .listen();
    const hanging = fetch(`${server.url}/hang`).catch((error: unknown) => error);
    await entered;
    await server.close();
    expect(await hanging).toBeInstanceOf(TypeError); // fetch failed: the connection was cut
    await expect(fetch(`${server.url}/`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });

  it('gives a bound handle that works with http.createServer', async () => {
    const app = createApp().get('/hi', (_req, res) => res.send('hi'));
    const server = http.createServer(app.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      expect((await call(`http://127.0.0.1:${port}/hi`)).body).toBe('hi');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
