// The request side: what a handler finds on `req` besides what node:http already gives it.
// We add fields to node's own IncomingMessage instead of wrapping it, so everything node offers
// (req.method, req.headers, req.url, the stream itself) keeps working unchanged.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** node's IncomingMessage plus the fields the framework fills in before any handler runs. */
export interface Request extends IncomingMessage {
  /** The route's `:name` segments, URI-decoded: '/books/:id' on '/books/42' gives { id: '42' }. */
  params: Record<string, string>;
  /** The query string as an object; a key given twice becomes an array: '?t=a&t=b' gives { t: ['a', 'b'] }. */
  query: Record<string, string | string[]>;
  /** The URL path without the query string, as the client sent it (still %-encoded). */
  path: string;
  /** Parsed JSON, a string for text/* bodies, otherwise undefined (see readBody). */
  body: unknown;
  /** A request header by name in any case: req.get('Content-Type'). */
  get(name: string): string | undefined;
}

/** An error that knows its HTTP status; the app answers with that status and the error's message. */
export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function extendRequest(raw: IncomingMessage): Request {
  const req = raw as Request;
  // Split by hand rather than with new URL(): a path such as '//evil.example/x' would be read as
  // a host name by the URL parser, and all we want here is "before ?" and "after ?".
  const url = raw.url ?? '/';
  const questionMark = url.indexOf('?');
  req.path = questionMark === -1 ? url : url.slice(0, questionMark);
  req.query = parseQuery(questionMark === -1 ? '' : url.slice(questionMark + 1));
  req.params = {};
  req.body = undefined;
  req.get = (name) => {
    // node lower-cases header names; a header sent twice arrives as an array (set-cookie).
    const value = raw.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return req;
}

function parseQuery(search: string): Record<string, string | string[]> {
  const query = new Map<string, string | string[]>();
  for (const [key, value] of new URLSearchParams(search)) {
    const earlier = query.get(key);
    if (earlier === undefined) query.set(key, value);
    else if (Array.isArray(earlier)) earlier.push(value);
    else query.set(key, [earlier, value]);
  }
  // fromEntries creates real keys, so '?__proto__=x' cannot change the object's prototype.
  return Object.fromEntries(query);
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Reads and parses the body before any handler runs, so `req.body` is simply there.
 * Real frameworks make this a middleware you must remember to add (express.json()); forgetting
 * it is a classic first-day puzzle, so here it is built in. JSON (application/json or any
 * '+json' type) is parsed; text/* becomes a string; anything else is left unread.
 * Bodies are decoded as UTF-8, which is what JSON requires and nearly every client sends.
 * Rejects with an HttpError: 413 if the body is larger than `limit`, 400 if the JSON is bad.
 */
export async function readBody(req: Request, res: ServerResponse, limit: number): Promise<void> {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const isJson = mediaType === 'application/json' || mediaType.endsWith('+json');
  const isText = mediaType.startsWith('text/');
  if (!METHODS_WITH_BODY.has(req.method ?? '') || !(isJson || isText)) return;

  const text = (await collect(req, res, limit)).toString('utf8');
  if (isText) {
    req.body = text;
  } else if (text !== '') {
    try {
      req.body = JSON.parse(text);
    } catch (error) {
      throw new HttpError(400, `Request body is not valid JSON: ${(error as Error).message}`);
    }
  }
}

function collect(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = (): void => {
      // Ask node to close the connection once the 413 is sent: otherwise it would keep reading
      // (and throwing away) the rest of the body, however big, to reuse the connection.
      res.setHeader('connection', 'close');
      reject(new HttpError(413, `Request body is larger than ${limit} bytes`));
    };
    // The client announced the size: say no before receiving any of it.
    if (Number(req.headers['content-length']) > limit) return tooLarge();

    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size - chunk.length <= limit) tooLarge(); // only the first time the limit is crossed
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // A client that hangs up mid-body; a promise settles once, so after 'end' this does nothing.
    req.on('close', () => reject(new HttpError(400, 'Request body was cut off')));
  });
}
