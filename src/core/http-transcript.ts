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

/**
 * How a checked request is listed in a verdict: its method and path, and the start of its body
 * and of any credentials it sends, so that five POST /books checks can be told apart.
 */
export function checkName(request: OutgoingRequest): string {
  const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  const parts = [requestLabel(request)];
  if (request.body !== undefined) parts.push(cut(request.body.replace(/\n/g, ' '), 48));
  for (const [name, value] of Object.entries(request.headers)) {
    if (['authorization', 'cookie'].includes(name.toLowerCase())) parts.push(`(${name}: ${cut(value, 24)})`);
  }
  return parts.join(' ');
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

/** Values whose JSON fits in this many characters stay on one line when shown. */
const oneLineJson = 64;

/**
 * JSON laid out for reading: what fits on a line stays on one line (a row of a list, a small
 * object), the rest is split by item with two-space indents.
 */
export function formatJson(value: unknown, indent = ''): string {
  const flat = oneLine(value);
  if (flat.length + indent.length <= oneLineJson || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + formatJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, inner)}`).join(',\n')}\n${indent}}`;
}

/** JSON on one line with a space after each comma and colon: {"id": 1, "tags": ["a"]}. */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${JSON.stringify(key)}: ${oneLine(item)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A body for display: JSON laid out for reading, at most `maxLines` lines. */
export function displayBody(body: string, contentType: string | undefined, maxLines: number): string[] {
  let text = body;
  if (contentType && /json/i.test(contentType)) {
    try {
      text = formatJson(JSON.parse(body));
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
