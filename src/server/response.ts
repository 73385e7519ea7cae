// The response side: short, chainable helpers on top of node's own ServerResponse.
// As with the request, we add methods to node's object rather than wrap it, so res.end,
// res.setHeader, res.statusCode and res.write keep working for anyone who prefers them.
import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';

/** node's ServerResponse plus Express-style helpers. */
export interface Response extends ServerResponse<IncomingMessage> {
  /** Sets the status code (a whole number from 100 to 599): res.status(201).json(book). */
  status(code: number): this;
  /** Sets a response header: res.set('Location', '/books/7'). */
  set(name: string, value: string | number | readonly string[]): this;
  /** Reads back a response header set earlier. */
  get(name: string): OutgoingHttpHeader | undefined;
  /** Answers with `value` as JSON. */
  json(value: unknown): this;
  /** Answers with a string (text), a Buffer (bytes), nothing (undefined), or anything else as JSON. */
  send(body?: unknown): this;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function extendResponse(raw: ServerResponse): Response {
  const res = raw as Response;

  // Every helper that ends the response goes through here. Answering twice is a bug in the
  // handler, so we throw an error that says so; the app sends it down the error path, where it
  // is reported and the connection is left alone, instead of node's harder-to-read crash.
  const finish = (body: string | Uint8Array, defaultType: string | undefined): Response => {
    if (res.headersSent) {
      throw new Error('Cannot send a response: response already sent (a request gets exactly one answer)');
    }
    if (res.statusCode === 204 || res.statusCode === 304) {
      // These answers have no body (RFC 9110): what was given is dropped, as Express drops it.
      for (const name of ['content-type', 'content-length', 'transfer-encoding']) res.removeHeader(name);
      res.end();
      return res;
    }
    // Only a default: a handler that set its own Content-Type (say text/html) keeps it.
    if (defaultType !== undefined && !res.hasHeader('content-type')) res.setHeader('content-type', defaultType);
    // Stated up front so the client knows where the answer ends, and so a HEAD answer (which
    // node sends without the body) still tells the size a GET would get.
    res.setHeader('content-length', Buffer.byteLength(body));
    res.end(body);
    return res;
  };

  res.status = (code) => {
    if (!Number.isInteger(code) || code < 100 || code > 599) {
      throw new TypeError(`res.status() needs a whole number from 100 to 599, got ${String(code)}`);
    }
    res.statusCode = code;
    return res;
  };
  res.set = (name, value) => {
    res.setHeader(name, value);
    return res;
  };
  res.get = (name) => res.getHeader(name);
  res.json = (value) => {
    // Stringify before touching the response: a value JSON cannot hold (a BigInt, an object that
    // contains itself) then throws while the error answer can still be sent cleanly.
    // JSON.stringify(undefined) gives undefined; we send an empty body for it, as Express does.
    const text = JSON.stringify(value) ?? '';
    return finish(text, JSON_TYPE);
  };
  res.send = (body) => {
    if (typeof body === 'string') return finish(body, 'text/plain; charset=utf-8');
    if (body instanceof Uint8Array) return finish(body, 'application/octet-stream'); // Buffers too
    if (body === undefined) return finish('', undefined);
    return res.json(body);
  };
  return res;
}
