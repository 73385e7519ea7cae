// How a checked request is shown to the learner, like a good HTTP tester shows it: a curl
// command to paste, then the request (`>`) and the response (`<`) lines. Pure text building.
import type { HttpRequestSpec } from './model.js';
import { statusLine, type HttpResponseData } from './http-compare.js';

/** A request as it goes on the wire: an exercise's `json` already turned into a body. */
export interface OutgoingRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export function outgoingRequest(spec: HttpRequestSpec): OutgoingRequest {
  const headers = { ...spec.headers };
  const has = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);
  let body = spec.body;
  if (spec.json !== undefined) {
    body = JSON.stringify(spec.json);
    if (!has('content-type')) headers['content-type'] = 'application/json';
  }
  return { method: spec.method, path: spec.path, headers, ...(body !== undefined ? { body } : {}) };
}

/** "GET /books/1": how a request is named in verdicts. */
export function requestLabel(request: { method: string; path: string }): string {
  return `${request.method} ${request.path}`;
}

/** Quotes for a POSIX shell: single quotes, with any single quote closed, escaped and reopened. */
function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A curl command that sends the same request to `baseUrl` and shows the response headers. */
export function curlCommand(request: OutgoingRequest, baseUrl: string): string {
  const parts = ['curl', '-i'];
  if (request.method === 'HEAD') parts.push('-I');
  else if (request.method !== 'GET' || request.body !== undefined) parts.push('-X', request.method);
  parts.push(shellQuote(baseUrl + request.path));
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (request.body !== undefined) parts.push('--data-raw', shellQuote(request.body));
  return parts.join(' ');
}

/** A body for display: JSON pretty-printed, at most `maxLines` lines. */
export function displayBody(body: string, contentType: string | undefined, maxLines: number): string[] {
  let text = body;
  if (contentType && /json/i.test(contentType)) {
    try {
      text = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      // Not JSON after all: shown as it came.
    }
  }
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (text === '') return [];
  return lines.length > maxLines ? [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more lines`] : lines;
}

/** The `>` lines of a request. */
export function requestLines(request: OutgoingRequest, maxBodyLines = 12): string[] {
  const lines = [`> ${request.method} ${request.path} HTTP/1.1`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`> ${name}: ${value}`);
  if (request.body !== undefined) {
    const contentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    lines.push('>', ...displayBody(request.body, contentType, maxBodyLines).map((line) => `> ${line}`));
  }
  return lines;
}

/** Response headers worth showing: the ones every response has (date, connection…) add nothing. */
const routineHeaders = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** The `<` lines of a response. */
export function responseLines(response: HttpResponseData, maxBodyLines = 16): string[] {
  const lines = [`< HTTP/1.1 ${statusLine(response.status)}`];
  for (const [name, value] of Object.entries(response.headers)) if (!routineHeaders.has(name)) lines.push(`< ${name}: ${value}`);
  const body = displayBody(response.body, response.headers['content-type'], maxBodyLines);
  if (body.length > 0) lines.push('<', ...body.map((line) => `< ${line}`));
  return lines;
}
