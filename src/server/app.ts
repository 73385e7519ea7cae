// The app: a list of "layers" (middleware and route handlers) run in the order they were
// registered, plus the default answers for "nobody answered" (404) and "something broke" (500).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extendRequest, HttpError, readBody, type Request } from './request.js';
import { extendResponse, type Response } from './response.js';

/** Call next() to pass the request on, next(error) to jump to the error middleware. */
export type NextFunction = (error?: unknown) => void;
// Handlers return `void`, which in TypeScript accepts any return value: `(req, res) => res.send('hi')`
// and async functions both fit. A returned promise that rejects counts as next(error).
/** A route handler or middleware. */
export type Handler = (req: Request, res: Response, next: NextFunction) => void;
export type Middleware = Handler;
/**
 * Runs only after an error. Recognised by its four parameters, so it must declare all four.
 * (In TypeScript, annotate them when passing one inline: the overloads of use() cannot infer them.)
 */
export type ErrorMiddleware = (error: unknown, req: Request, res: Response, next: NextFunction) => void;

export interface AppOptions {
  /** Largest request body read, in bytes (default 100_000); a larger one is answered with 413. */
  jsonLimit?: number;
  /** Called with an error no error middleware handled, before the default 500 answer (the sandbox uses it to show the learner's stack). */
  onUnhandledError?: (error: unknown, req: Request) => void;
}

export interface ListeningServer {
  port: number;
  /** 'http://127.0.0.1:<port>' */
  url: string;
  close(): Promise<void>;
}

export interface App {
  /**
   * Middleware for every path, or for a path and everything below it: '/api' covers '/api/books'
   * but not '/apix'. req.path stays the full path (Express would strip the '/api' from it).
   */
  use(fn: Middleware): App;
  use(fn: ErrorMiddleware): App;
  use(path: string, fn: Middleware): App;
  use(path: string, fn: ErrorMiddleware): App;
  /** Route handlers for one method and an exact path, where ':name' segments are captured into req.params. */
  get(path: string, ...handlers: Handler[]): App;
  post(path: string, ...handlers: Handler[]): App;
  put(path: string, ...handlers: Handler[]): App;
  patch(path: string, ...handlers: Handler[]): App;
  delete(path: string, ...handlers: Handler[]): App;
  /** The node:http request listener, already bound: http.createServer(app.handle) works. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Serves the app on 127.0.0.1 only, on `port` or on a free port when it is 0 or left out. */
  listen(port?: number): Promise<ListeningServer>;
}

interface Layer {
  method: string | undefined; // undefined: a use() layer, which runs for every method
  pattern: string[]; // the path split into segments; ':name' captures a segment
  prefix: boolean; // use() layers match the pattern and everything below it
  fn: Handler | ErrorMiddleware;
}

export function createApp(options: AppOptions = {}): App {
  const jsonLimit = options.jsonLimit ?? 100_000;
  // Without a reporter, print the error: a silent 500 would hide the bug from its author.
  const report = options.onUnhandledError ?? ((error: unknown) => console.error(error));
  const layers: Layer[] = [];

  const add = (method: string | undefined, path: unknown, fns: unknown[], prefix: boolean): App => {
    // Mistakes here are found at start-up, with a message, rather than as a strange 404 later.
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new TypeError(`A route path must be a string starting with "/", got ${JSON.stringify(path)}`);
    }
    if (fns.length === 0) throw new TypeError(`No handler given for ${method ?? 'use'} ${path}`);
    for (const fn of fns) {
      if (typeof fn !== 'function') throw new TypeError(`A handler must be a function, got ${typeof fn} for ${path}`);
      layers.push({ method, pattern: splitPath(path), prefix, fn: fn as Handler });
    }
    return app;
  };

  // One pass through the layers for one request. `index` remembers where we are, so each
  // next() carries on from the layer after the one that called it.
  const runChain = (req: Request, res: Response, startError: unknown): void => {
    const segments = splitPath(req.path);
    let index = 0;
    const next: NextFunction = (error) => {
      while (index < layers.length) {
        const layer = layers[index++]!;
        // With an error, ordinary layers are skipped; without one, error middleware is.
        // fn.length is the number of declared parameters (before any with a default value).
        if ((layer.fn.length === 4) !== isError(error)) continue;
        if (!methodMatches(layer.method, req.method)) continue;
        let params;
        try {
          params = matchPath(layer, segments);
        } catch (decodeError) {
          error = decodeError; // a malformed %-escape (400): carry on looking for error middleware
          continue;
        }
        if (params === undefined) continue;
        req.params = params;
        callLayer(layer.fn, error, req, res, next);
        return;
      }
      finish(req, res, error);
    };
    next(startError);
  };

  // What happens when the chain runs out of layers.
  const finish = (req: Request, res: Response, error: unknown): void => {
    if (!isError(error)) {
      if (!res.headersSent) sendError(res, 404, `Not found: ${req.method} ${req.path}`);
      else if (!res.writableEnded) res.end(); // a handler wrote part of an answer, then called next()
      return;
    }
    const status = statusOf(error);
    // An error with its own status (bad JSON, a thrown { status: 404 }) is a planned answer, not a bug.
    if (status === undefined) {
      try {
        report(error, req);
      } catch {
        // A broken reporter must not stop the 500 answer.
      }
    }
    if (res.headersSent) {
      // Too late for an error status. Cut an unfinished answer off, so the client cannot take it
      // for a complete one; a finished one (e.g. a second res.json) is left as it was.
      if (!res.writableEnded) res.destroy();
    } else if (status === undefined) {
      sendError(res, 500, 'Internal Server Error'); // the details are for the server's log, not the client
    } else {
      const message = (error as { message?: unknown }).message;
      sendError(res, status, typeof message === 'string' ? message : (http.STATUS_CODES[status] ?? 'Error'));
    }
  };

  const handle = (rawReq: IncomingMessage, rawRes: ServerResponse): void => {
    const req = extendRequest(rawReq);
    const res = extendResponse(rawRes);
    // A body error (413, bad JSON) enters the chain like next(error): error middleware sees it,
    // ordinary middleware (a logger, say) does not, as in Express with the body parser added first.
    readBody(req, res, jsonLimit).then(
      () => runChain(req, res, undefined),
      (error: unknown) => runChain(req, res, error),
    );
  };

  const app: App = {
    use: (pathOrFn: unknown, fn?: unknown) =>
      typeof pathOrFn === 'function' ? add(undefined, '/', [pathOrFn], true) : add(undefined, pathOrFn, [fn], true),
    get: (path, ...handlers) => add('GET', path, handlers, false),
    post: (path, ...handlers) => add('POST', path, handlers, false),
    put: (path, ...handlers) => add('PUT', path, handlers, false),
    patch: (path, ...handlers) => add('PATCH', path, handlers, false),
    delete: (path, ...handlers) => add('DELETE', path, handlers, false),
    handle,
    // Through app.handle, so that whoever wraps it (the sandbox's request log) sees every request.
    listen: (port = 0) => listen((req, res) => app.handle(req, res), port),
  };
  return app;
}

function callLayer(fn: Handler | ErrorMiddleware, error: unknown, req: Request, res: Response, next: NextFunction): void {
  // `throw null` would look like "no error" to next(); give it a real one.
  const fail = (reason: unknown): void => next(reason ?? new Error(`A handler threw ${String(reason)}`));
  try {
    const result: unknown = fn.length === 4 ? (fn as ErrorMiddleware)(error, req, res, next) : (fn as Handler)(req, res, next);
    // An async handler never throws: its errors arrive as a rejected promise. Catching that here
    // is what makes `await` inside a handler safe (as in Express 5; Express 4 hung instead).
    if (result instanceof Promise) result.catch(fail);
  } catch (thrown) {
    fail(thrown);
  }
}

function isError(error: unknown): boolean {
  return error !== undefined && error !== null;
}

function methodMatches(layerMethod: string | undefined, requestMethod: string | undefined): boolean {
  // HEAD asks for the headers a GET would send; node's response leaves the body out by itself.
  return layerMethod === undefined || layerMethod === requestMethod || (layerMethod === 'GET' && requestMethod === 'HEAD');
}

/** '/books/42/' becomes ['books', '42']. Dropping one trailing slash lets '/books/' match '/books'. */
function splitPath(path: string): string[] {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed === '' ? [] : trimmed.slice(1).split('/');
}

/** The captured params if the layer's path matches, else undefined. Case-sensitive, to keep it simple. */
function matchPath(layer: Layer, segments: string[]): Record<string, string> | undefined {
  const { pattern } = layer;
  if (layer.prefix ? segments.length < pattern.length : segments.length !== pattern.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const wanted = pattern[i]!;
    const actual = segments[i]!;
    if (wanted.startsWith(':') && actual !== '') params[wanted.slice(1)] = decodeSegment(actual);
    else if (wanted !== actual) return undefined;
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment); // '%20' → ' '
  } catch {
    throw new HttpError(400, `Malformed URL: cannot decode "${segment}"`);
  }
}

/** The status an error asks for (a number from 400 to 599 in `status` or `statusCode`), if any. */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : statusCode;
  return typeof code === 'number' && Number.isInteger(code) && code >= 400 && code <= 599 ? code : undefined;
}

function sendError(res: Response, status: number, message: string): void {
  // Replace whatever type a failed handler had set: this answer is JSON.
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.status(status).json({ error: message });
}

function listen(handle: App['handle'], port: number): Promise<ListeningServer> {
  const server = http.createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject); // e.g. the port is taken
    // 127.0.0.1, never all interfaces: a half-finished server must not be reachable from the network.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const actualPort = (server.address() as AddressInfo).port;
      const close = (): Promise<void> =>
        new Promise((done, fail) => {
          server.close((error) => (error ? fail(error) : done()));
          // close() alone waits for open connections, forever if a handler never answers; cut them.
          server.closeAllConnections();
        });
      resolve({ port: actualPort, url: `http://127.0.0.1:${actualPort}`, close });
    });
  });
}
